//! Unbounded `channel()` versus bounded `sync_channel(bound)`.
//!
//! * An unbounded channel never blocks a sender: one thread sends 1000
//!   messages with no receiver running, and they all wait in the queue.
//! * A bounded channel holds at most `bound` messages: `try_send` succeeds
//!   exactly `bound` times on an idle channel, then reports `Full` (handing
//!   the message back); one `recv` makes room for one more.
//! * The article's bounded demo, fixed: it let a detached consumer finish
//!   by sleeping three seconds in `main` (a race: a slower machine loses
//!   messages). Here the consumer is joined and the count is checked.
//! * The article's "bounded vs unbounded performance" comparison, printed
//!   only: timings on a shared machine prove nothing.
//!
//! `cargo run --example unbounded_vs_bounded -- --channel mutex`

mod common;

use chanlab::flavor::{Bounded, Rx, SyncTx, Tx, Unbounded};
use common::{BothExample, check, check_eq};
use std::sync::mpsc::TrySendError;
use std::thread;
use std::time::Instant;

struct Example;

impl BothExample for Example {
    fn run<F: Unbounded + Bounded>() {
        unbounded_never_blocks::<F>();
        bounded_fills_up::<F>();
        bounded_demo::<F>();
        timings::<F>();
    }
}

fn unbounded_never_blocks<F: Unbounded>() {
    let (tx, rx) = F::channel();
    (0..1000).for_each(|i| tx.send(i).unwrap()); // no receiver is running
    drop(tx);
    let got: Vec<i32> = common::iter(&rx).collect();
    check_eq(
        got,
        (0..1000).collect(),
        "unbounded: all queued messages, in order",
    );
    println!("unbounded: 1000 sends completed with nobody receiving");
}

// ANCHOR: fills_up
fn bounded_fills_up<F: Bounded>() {
    let bound = 3.max(F::MIN_BOUND);
    let (tx, rx) = F::sync_channel(bound);
    let mut accepted = 0;
    let rejected = loop {
        match tx.try_send(accepted) {
            Ok(()) => accepted += 1,
            Err(TrySendError::Full(msg)) => break msg, // the message comes back
            Err(TrySendError::Disconnected(_)) => {
                common::fail("disconnected, yet the receiver is alive")
            }
        }
    };
    check_eq(
        accepted,
        bound,
        "try_send successes on an idle bounded channel",
    );
    check_eq(rejected, bound, "the rejected message handed back");
    check_eq(rx.recv().unwrap(), 0, "first message out");
    check(
        tx.try_send(rejected).is_ok(),
        "one recv makes room for one send",
    );
    println!("bounded({bound}): {accepted} try_sends fit, the next one was Full");
}
// ANCHOR_END: fills_up

fn bounded_demo<F: Bounded>() {
    let (tx, rx) = F::sync_channel(3.max(F::MIN_BOUND));
    let sender = thread::spawn(move || (0..10).for_each(|i| tx.send(i).unwrap()));
    let consumer = thread::spawn(move || common::iter(&rx).collect::<Vec<i32>>());
    sender.join().unwrap();
    // Joining, not sleeping, is what guarantees the consumer is done.
    let got = consumer.join().unwrap();
    check_eq(got, (0..10).collect(), "bounded demo: received");
    println!("bounded demo: consumer joined with all 10 messages");
}

const NUM_MESSAGES: usize = 10_000;

/// One producer thread, one consumer thread; returns microseconds.
fn transfer<S: Tx<usize>, R: Rx<usize>>((tx, rx): (S, R)) -> u128 {
    let start = Instant::now();
    let producer = thread::spawn(move || (0..NUM_MESSAGES).for_each(|i| tx.send(i).unwrap()));
    let sum: usize = common::iter(&rx).sum();
    producer.join().unwrap();
    check_eq(
        sum,
        NUM_MESSAGES * (NUM_MESSAGES - 1) / 2,
        "sum of transferred messages",
    );
    start.elapsed().as_micros()
}

fn timings<F: Unbounded + Bounded>() {
    let unbounded = transfer(F::channel());
    let small = transfer(F::sync_channel(10));
    let large = transfer(F::sync_channel(1000));
    println!("timing (not asserted): {NUM_MESSAGES} messages");
    println!("  unbounded      {unbounded:>8} us");
    println!("  bounded(10)    {small:>8} us");
    println!("  bounded(1000)  {large:>8} us");
}

fn main() {
    common::main_both::<Example>();
}
