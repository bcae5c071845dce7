//! The article's `SimpleChannel`, fixed, run side by side with a chanlab
//! channel on the same scenarios.
//!
//! Two bugs in the article's version ("Low-Level Channel Implementation
//! Concepts"):
//!
//! 1. **The receiver never learns that the senders are gone.** Only the
//!    receiver's `Drop` sets `closed`; senders are not counted. Once every
//!    sender is dropped, `recv` on an empty queue waits forever. (Its
//!    `main` receives exactly four messages, so it never notices.)
//! 2. **`send` checks `closed` before taking the lock.** The receiver can
//!    be dropped between the check and the push: the message goes into a
//!    queue nobody will read and `send` reports success. Checking under the
//!    lock that guards the queue makes "is anyone listening" and "enqueue"
//!    one atomic step. (Its error also drops the message; std's hands it
//!    back.)
//!
//! The fix below keeps everything in one `Mutex`: the queue, the sender
//! count and whether the receiver is alive. `chanlab::mutex` is the full
//! version of the same idea.
//!
//! `cargo run --example simple_channel -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

// ANCHOR: fixed
struct State<T> {
    queue: VecDeque<T>,
    senders: usize,
    receiver_alive: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    not_empty: Condvar,
}

struct SimpleSender<T>(Arc<Shared<T>>);
struct SimpleReceiver<T>(Arc<Shared<T>>);

fn simple_channel<T>() -> (SimpleSender<T>, SimpleReceiver<T>) {
    let state = State {
        queue: VecDeque::new(),
        senders: 1,
        receiver_alive: true,
    };
    let shared = Arc::new(Shared {
        state: Mutex::new(state),
        not_empty: Condvar::new(),
    });
    (SimpleSender(shared.clone()), SimpleReceiver(shared))
}

impl<T> SimpleSender<T> {
    /// Fails, handing the message back, once the receiver is gone.
    fn send(&self, item: T) -> Result<(), T> {
        let mut s = self.0.state.lock().unwrap();
        if !s.receiver_alive {
            return Err(item); // checked under the same lock as the push
        }
        s.queue.push_back(item);
        drop(s);
        self.0.not_empty.notify_one();
        Ok(())
    }
}

impl<T> SimpleReceiver<T> {
    /// Fails once the queue is empty and every sender is gone.
    fn recv(&self) -> Result<T, ()> {
        let mut s = self.0.state.lock().unwrap();
        loop {
            if let Some(item) = s.queue.pop_front() {
                return Ok(item);
            }
            if s.senders == 0 {
                return Err(()); // the article's version waits forever here
            }
            s = self.0.not_empty.wait(s).unwrap();
        }
    }
}

impl<T> Clone for SimpleSender<T> {
    fn clone(&self) -> Self {
        self.0.state.lock().unwrap().senders += 1;
        SimpleSender(self.0.clone())
    }
}

impl<T> Drop for SimpleSender<T> {
    fn drop(&mut self) {
        let last = {
            let mut s = self.0.state.lock().unwrap();
            s.senders -= 1;
            s.senders == 0
        };
        if last {
            self.0.not_empty.notify_all(); // wake a receiver waiting on an empty queue
        }
    }
}

impl<T> Drop for SimpleReceiver<T> {
    fn drop(&mut self) {
        self.0.state.lock().unwrap().receiver_alive = false;
    }
}
// ANCHOR_END: fixed

type Msg = &'static str;

/// The article's `main`, receiving until disconnection instead of exactly
/// four times, then a send after the receiver is dropped. Returns what was
/// received (sorted) and what that late send returned.
fn scenario<S: Clone + Send + 'static, R>(
    make: impl Fn() -> (S, R),
    send: fn(&S, Msg) -> Result<(), Msg>,
    recv: fn(&R) -> Option<Msg>,
) -> (Vec<Msg>, Result<(), Msg>) {
    let (tx, rx) = make();
    let tx2 = tx.clone();
    let a = thread::spawn(move || ["Hello", "World"].map(|m| send(&tx, m).unwrap()));
    let b = thread::spawn(move || ["from", "thread"].map(|m| send(&tx2, m).unwrap()));
    // Ends only because the receiver sees the senders leave.
    let mut got: Vec<Msg> = std::iter::from_fn(|| recv(&rx)).collect();
    a.join().unwrap();
    b.join().unwrap();
    got.sort();

    let (tx, rx) = make();
    drop(rx);
    (got, send(&tx, "late"))
}

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let mine = scenario(simple_channel, |s, m| s.send(m), |r| r.recv().ok());
        let theirs = scenario(
            F::channel,
            |s, m| s.send(m).map_err(|e| e.0),
            |r| r.recv().ok(),
        );
        check_eq(&mine, &theirs, "SimpleChannel versus the flavor");
        check_eq(mine.1, Err("late"), "send after the receiver dropped");
        println!("SimpleChannel and {} agree: {mine:?}", F::NAME);
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
