//! The article's `SimpleChannel`, as printed, under loom: the checker's
//! counterexamples for its bugs, next to the fixed version passing the same
//! models.
//!
//! ```text
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom \
//!     --test simple_channel -- --include-ignored --exact article_hangs_after_senders_leave
//! ```
//!
//! The models of the article's buggy versions fail by design, so they are
//! `#[ignore]`d: a plain `cargo test` of this target runs only the fixed
//! version. Each model is meant to run in its own process (a deadlock report may abort
//! loom's process): `verification/simple_channel/capture.py` runs them one by
//! one and writes what loom says to `book/src/generated/simple-channel-*.txt`.
//! The three versions differ only where the comments say:
//!
//! * `article`: the article's code, with loom's `Mutex`, `Condvar` and
//!   `AtomicBool` in place of std's (same API).
//! * `drained`: the article's code plus one fix (the receiver's `Drop` drops
//!   the queued messages, as std's does), so the remaining bug, `send`
//!   checking `closed` before taking the lock, is the one loom reports.
//! * `fixed`: the version of `examples/simple_channel.rs`: sender count,
//!   receiver liveness and queue under one lock.
#![cfg(chanlab_loom)]
// The article's code is reproduced as printed, without doc comments.
#![allow(missing_docs)]

use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use std::collections::VecDeque;

mod fixed;

/// The article's channel; `DRAIN` adds the one fix described above.
pub struct SimpleChannel<T, const DRAIN: bool> {
    queue: Mutex<VecDeque<T>>,
    not_empty: Condvar,
    closed: AtomicBool,
}

pub struct SimpleSender<T, const DRAIN: bool> {
    channel: Arc<SimpleChannel<T, DRAIN>>,
}

pub struct SimpleReceiver<T, const DRAIN: bool> {
    channel: Arc<SimpleChannel<T, DRAIN>>,
}

// ANCHOR: article
impl<T, const DRAIN: bool> SimpleChannel<T, DRAIN> {
    #[allow(clippy::new_ret_no_self)] // the article's signature, kept as written
    pub fn new() -> (SimpleSender<T, DRAIN>, SimpleReceiver<T, DRAIN>) {
        let channel = Arc::new(SimpleChannel {
            queue: Mutex::new(VecDeque::new()),
            not_empty: Condvar::new(),
            closed: AtomicBool::new(false),
        });
        let sender = SimpleSender {
            channel: Arc::clone(&channel),
        };
        (sender, SimpleReceiver { channel })
    }
}

impl<T, const DRAIN: bool> SimpleSender<T, DRAIN> {
    pub fn send(&self, item: T) -> Result<(), &'static str> {
        if self.channel.closed.load(Ordering::Acquire) {
            return Err("Channel closed");
        }
        {
            let mut queue = self.channel.queue.lock().unwrap();
            queue.push_back(item);
        }
        self.channel.not_empty.notify_one();
        Ok(())
    }
}

impl<T, const DRAIN: bool> SimpleReceiver<T, DRAIN> {
    pub fn recv(&self) -> Result<T, &'static str> {
        let mut queue = self.channel.queue.lock().unwrap();
        loop {
            if let Some(item) = queue.pop_front() {
                return Ok(item);
            }
            if self.channel.closed.load(Ordering::Acquire) {
                return Err("Channel closed");
            }
            queue = self.channel.not_empty.wait(queue).unwrap();
        }
    }
}

impl<T, const DRAIN: bool> Drop for SimpleReceiver<T, DRAIN> {
    fn drop(&mut self) {
        self.channel.closed.store(true, Ordering::Release);
        self.channel.not_empty.notify_all();
        if DRAIN {
            // The one fix of the `drained` version: drop what is queued.
            let queued = std::mem::take(&mut *self.channel.queue.lock().unwrap());
            drop(queued);
        }
    }
}

impl<T, const DRAIN: bool> Clone for SimpleSender<T, DRAIN> {
    fn clone(&self) -> Self {
        SimpleSender {
            channel: Arc::clone(&self.channel),
        }
    }
}
// ANCHOR_END: article

/// A message that counts its drops (a std counter: not part of the model).
pub struct Counted(pub std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Runs a loom model and prints how many executions it explored.
fn check(name: &str, f: impl Fn() + Sync + Send + 'static) {
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = runs.clone();
    loom::model(move || {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        f();
    });
    let n = runs.load(std::sync::atomic::Ordering::SeqCst);
    println!("loom-model name={name} iterations={n} bound=exhaustive");
}

/// Bug 1: one sender sends one message and leaves; the receiver's second
/// `recv` should report the disconnect, but nothing tells it the senders are
/// gone. loom reports a deadlock.
macro_rules! senders_leave {
    ($make:expr) => {
        || {
            let (tx, rx) = $make;
            let t = thread::spawn(move || tx.send(1).unwrap());
            assert_eq!(rx.recv().ok(), Some(1));
            assert!(rx.recv().is_err(), "the second recv reports the disconnect");
            t.join().unwrap();
        }
    };
}

#[test]
#[ignore = "shows a bug of the article's code: fails by design (capture.py runs it)"]
fn article_hangs_after_senders_leave() {
    check(
        "simple_channel::article_hangs_after_senders_leave",
        senders_leave!(SimpleChannel::<u8, false>::new()),
    );
}

#[test]
fn fixed_reports_disconnect() {
    check(
        "simple_channel::fixed_reports_disconnect",
        senders_leave!(fixed::simple_channel::<u8>()),
    );
}

/// Bug 2: a send racing the receiver's drop. A message that `send` accepted
/// must be dropped by the time the receiver has been dropped (std's
/// contract: nobody can receive it any more), while a sender is still alive.
macro_rules! send_races_receiver_drop {
    ($make:expr) => {
        || {
            let drops = std::sync::Arc::new(AtomicUsizeStd::new(0));
            let (tx, rx) = $make;
            let accepted = Arc::new(AtomicUsize::new(0));
            let (d, a) = (drops.clone(), accepted.clone());
            let t = thread::spawn(move || {
                if tx.send(Counted(d)).is_ok() {
                    a.store(1, Ordering::Release);
                }
                tx // keep a sender alive until main has checked
            });
            drop(rx);
            let tx = t.join().unwrap();
            let accepted = accepted.load(Ordering::Acquire) == 1;
            let dropped = drops.load(std::sync::atomic::Ordering::SeqCst);
            assert!(
                !accepted || dropped == 1,
                "send returned Ok, the receiver is gone, and the message is still queued"
            );
            drop(tx);
        }
    };
}

use std::sync::atomic::AtomicUsize as AtomicUsizeStd;

#[test]
#[ignore = "shows a bug of the article's code: fails by design (capture.py runs it)"]
fn article_keeps_messages_after_receiver_drop() {
    check(
        "simple_channel::article_keeps_messages_after_receiver_drop",
        send_races_receiver_drop!(SimpleChannel::<Counted, false>::new()),
    );
}

#[test]
#[ignore = "shows a bug of the article's code: fails by design (capture.py runs it)"]
fn drained_send_checks_closed_outside_the_lock() {
    check(
        "simple_channel::drained_send_checks_closed_outside_the_lock",
        send_races_receiver_drop!(SimpleChannel::<Counted, true>::new()),
    );
}

#[test]
fn fixed_send_races_receiver_drop() {
    check(
        "simple_channel::fixed_send_races_receiver_drop",
        send_races_receiver_drop!(fixed::simple_channel::<Counted>()),
    );
}
