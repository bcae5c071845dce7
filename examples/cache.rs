//! A cache shared by threads: behind a lock, or owned by a thread that
//! answers requests over a channel.
//!
//! Five threads ask for `key_{i % 3}`; the first to ask computes the value,
//! later askers get the cached one. Which thread computes first depends on
//! scheduling, so the example checks what cannot vary: each key is computed
//! exactly once, and every thread asking for a key gets the same value.
//!
//! The article's version ("Immediate Synchronous Results") does not compile:
//! `main` calls `cache.clone()` but `Cache` does not implement `Clone`
//! (error E0599). Deriving `Clone` fixes it, since the map is already
//! behind an `Arc` and clones share it. Also note that its `get_or_compute`
//! runs the caller's closure while holding the lock: every other access
//! waits for the computation, and a closure that touches the cache
//! deadlocks. The channel version has the same property: the owner thread
//! is busy while it computes.
//!
//! `cargo run --example cache -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check, check_eq};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

// ANCHOR: lock
#[derive(Clone)] // missing in the article: `cache.clone()` needs it
struct Cache {
    data: Arc<Mutex<HashMap<String, String>>>,
}

impl Cache {
    fn get_or_compute(&self, key: &str, compute: impl FnOnce() -> String) -> String {
        let mut map = self.data.lock().unwrap();
        map.entry(key.to_string()).or_insert_with(compute).clone()
    }
}
// ANCHOR_END: lock

// ANCHOR: channel
type Compute = Box<dyn FnOnce() -> String + Send>;

/// One request to the owner thread: key, how to compute it, where to answer.
struct Lookup<F: Unbounded>(String, Compute, F::Sender<String>);

fn cache_owner<F: Unbounded>(requests: F::Receiver<Lookup<F>>) {
    let mut map = HashMap::new(); // owned by this thread alone: no lock
    for Lookup(key, compute, reply) in common::iter(&requests) {
        let _ = reply.send(map.entry(key).or_insert_with(compute).clone());
    }
}

fn ask<F: Unbounded>(owner: &F::Sender<Lookup<F>>, key: String, compute: Compute) -> String {
    let (reply, answer) = F::channel();
    owner.send(Lookup(key, compute, reply)).unwrap();
    answer.recv().unwrap()
}
// ANCHOR_END: channel

/// Runs five askers through `get`; checks one computation per key and
/// agreeing answers.
fn exercise<G>(name: &str, get: G)
where
    G: Fn(String, Compute) -> String + Clone + Send + 'static,
{
    let computed = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..5)
        .map(|i| {
            let (get, computed) = (get.clone(), Arc::clone(&computed));
            thread::spawn(move || {
                let compute: Compute = Box::new(move || {
                    computed.fetch_add(1, Ordering::Relaxed); // a plain counter
                    format!("computed_value_{i}")
                });
                (i, get(format!("key_{}", i % 3), compute))
            })
        })
        .collect();
    let answers: Vec<(usize, String)> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    check_eq(
        computed.load(Ordering::Relaxed),
        3,
        &format!("{name}: computations"),
    );
    for (i, value) in &answers {
        let same_key = answers.iter().filter(|(j, _)| j % 3 == i % 3);
        check(
            same_key.clone().all(|(_, v)| v == value),
            format!("{name}: answers differ"),
        );
    }
    println!("{name}: 3 keys computed once each; answers {answers:?}");
}

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let cache = Cache {
            data: Arc::default(),
        };
        exercise("lock", move |key, compute| {
            cache.get_or_compute(&key, compute)
        });

        let (owner_tx, owner_rx) = F::channel::<Lookup<F>>();
        let owner = thread::spawn(move || cache_owner::<F>(owner_rx));
        let tx = owner_tx.clone();
        exercise("channel", move |key, compute| ask::<F>(&tx, key, compute));
        drop(owner_tx);
        owner.join().unwrap(); // the closures' sender clones are gone with the askers
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
