//! Several producers, one consumer: the first pattern of the article.
//!
//! Three producer threads each send numbered messages through clones of one
//! `Sender`; the main thread receives until every sender is gone. The
//! example checks that every message arrived exactly once and that each
//! producer's messages arrived in the order it sent them (a channel is FIFO
//! per sender; messages of different senders interleave freely).
//!
//! It also shows the article's "traditional shared memory" version, fixed:
//! there the consumer thread loops forever (`// Note: Consumer runs
//! indefinitely`), polls with a sleep, is never joined, and whatever the
//! producers push after its last drain is never printed. Here the consumer
//! learns that the producers are done from the shared state itself.
//!
//! `cargo run --example producers_consumer -- --channel mutex`

mod common;

use chanlab::flavor::{Tx, Unbounded};
use common::{UnboundedExample, check, check_eq};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

const PRODUCERS: usize = 3;
const PER_PRODUCER: usize = 1000;

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        with_channel::<F>();
        with_lock();
    }
}

// ANCHOR: channel
fn with_channel<F: Unbounded>() {
    let (tx, rx) = F::channel::<(usize, usize)>();
    let handles: Vec<_> = (0..PRODUCERS)
        .map(|p| {
            let tx = tx.clone();
            thread::spawn(move || (0..PER_PRODUCER).for_each(|j| tx.send((p, j)).unwrap()))
        })
        .collect();
    // Drop the original sender, or the loop below never ends.
    drop(tx);

    let mut next = [0; PRODUCERS]; // the message expected next from each producer
    for (p, j) in common::iter(&rx) {
        check_eq(j, next[p], "per-producer FIFO order");
        next[p] += 1;
    }
    handles.into_iter().for_each(|h| h.join().unwrap());
    check_eq(
        next,
        [PER_PRODUCER; PRODUCERS],
        "messages received per producer",
    );
    println!(
        "channel: {} messages from {PRODUCERS} producers, in order",
        PRODUCERS * PER_PRODUCER
    );
}
// ANCHOR_END: channel

// ANCHOR: lock
/// The lock-based version: a shared `Vec` plus a count of finished
/// producers, and a `Condvar` so the consumer sleeps instead of polling.
#[derive(Default)]
struct Shared {
    items: Vec<(usize, usize)>,
    producers_done: usize,
}

fn with_lock() {
    let shared = Arc::new((Mutex::new(Shared::default()), Condvar::new()));
    let handles: Vec<_> = (0..PRODUCERS)
        .map(|p| {
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                let (lock, cv) = &*shared;
                for j in 0..PER_PRODUCER {
                    lock.lock().unwrap().items.push((p, j));
                    cv.notify_one();
                }
                lock.lock().unwrap().producers_done += 1;
                cv.notify_one();
            })
        })
        .collect();

    let (lock, cv) = &*shared;
    let mut received = 0;
    loop {
        let mut s = cv
            .wait_while(lock.lock().unwrap(), |s| {
                s.items.is_empty() && s.producers_done < PRODUCERS
            })
            .unwrap();
        let batch = std::mem::take(&mut s.items);
        let done = s.producers_done == PRODUCERS;
        drop(s);
        received += batch.len();
        if done && batch.is_empty() {
            break; // all producers finished and the last batch was drained
        }
    }
    handles.into_iter().for_each(|h| h.join().unwrap());
    check(
        received == PRODUCERS * PER_PRODUCER,
        format!("lock version received {received}"),
    );
    println!("lock:    {received} messages, consumer terminated");
}
// ANCHOR_END: lock

fn main() {
    common::main_unbounded::<Example>();
}
