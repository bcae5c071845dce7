//! Channels versus locks, the article's comparisons, with results checked
//! and timings printed (never asserted: they depend on the machine).
//!
//! 1. A shared counter: ten threads add 1000 each, through a `Mutex<u64>`
//!    or by sending `1`s to a counting thread. Both must reach 10 000.
//! 2. A hot path: four threads doing tiny updates, lock versus channel.
//!    The article prints "Lock is {ratio}x faster" whatever the ratio is
//!    (a ratio below 1 would read "Lock is 0.50x faster"); here the line
//!    states which was faster in this run.
//! 3. Moving a stream of numbers from one thread to another: a channel
//!    versus a locked `Vec` that the consumer drains, spinning with
//!    `yield_now` while it is empty (the article's "shared memory" side).
//!
//! `cargo run --release --example channels_vs_locks -- --channel mutex`

mod common;

use chanlab::flavor::{Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let (lock, chan) = (timed(counter_with_lock), timed(counter_with_channel::<F>));
        report("shared counter", 10_000, lock, chan);
        let (lock, chan) = (timed(hot_path_lock), timed(hot_path_channel::<F>));
        report("hot path", HOT as u64, lock, chan);
        let (lock, chan) = (timed(transfer_locked_vec), timed(transfer_channel::<F>));
        report("transfer", sum_below(TRANSFER), lock, chan);
    }
}

fn timed(f: impl FnOnce() -> u64) -> (u64, u128) {
    let start = Instant::now();
    let result = f();
    (result, start.elapsed().as_micros())
}

fn report(what: &str, want: u64, (l, lock_us): (u64, u128), (c, chan_us): (u64, u128)) {
    check_eq(l, want, &format!("{what}: lock result"));
    check_eq(c, want, &format!("{what}: channel result"));
    let faster = if lock_us <= chan_us {
        "lock"
    } else {
        "channel"
    };
    println!(
        "{what:<15} lock {lock_us:>7} us  channel {chan_us:>7} us  ({faster} faster this run)"
    );
}

// ANCHOR: counter
fn counter_with_lock() -> u64 {
    let counter = Arc::new(Mutex::new(0u64));
    let handles: Vec<_> = (0..10)
        .map(|_| {
            let counter = Arc::clone(&counter);
            thread::spawn(move || (0..1000).for_each(|_| *counter.lock().unwrap() += 1))
        })
        .collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
    *counter.lock().unwrap()
}

fn counter_with_channel<F: Unbounded>() -> u64 {
    let (tx, rx) = F::channel::<u64>();
    let counter = thread::spawn(move || common::iter(&rx).sum::<u64>());
    let handles: Vec<_> = (0..10)
        .map(|_| {
            let tx = tx.clone();
            thread::spawn(move || (0..1000).for_each(|_| tx.send(1).unwrap()))
        })
        .collect();
    drop(tx); // the counting thread stops when the workers' clones are gone
    handles.into_iter().for_each(|h| h.join().unwrap());
    counter.join().unwrap()
}
// ANCHOR_END: counter

const HOT: usize = 200_000;

fn hot_path_lock() -> u64 {
    let data = Arc::new(Mutex::new(0u64));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let data = Arc::clone(&data);
            thread::spawn(move || (0..HOT / 4).for_each(|_| *data.lock().unwrap() += 1))
        })
        .collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
    *data.lock().unwrap()
}

fn hot_path_channel<F: Unbounded>() -> u64 {
    let (tx, rx) = F::channel::<u64>();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let tx = tx.clone();
            thread::spawn(move || (0..HOT / 4).for_each(|_| tx.send(1).unwrap()))
        })
        .collect();
    drop(tx);
    let sum = common::iter(&rx).sum();
    handles.into_iter().for_each(|h| h.join().unwrap());
    sum
}

const TRANSFER: u64 = 100_000;

fn sum_below(n: u64) -> u64 {
    n * (n - 1) / 2
}

fn transfer_channel<F: Unbounded>() -> u64 {
    let (tx, rx) = F::channel::<u64>();
    let producer = thread::spawn(move || (0..TRANSFER).for_each(|i| tx.send(i).unwrap()));
    let sum = common::iter(&rx).sum();
    producer.join().unwrap();
    sum
}

fn transfer_locked_vec() -> u64 {
    let data = Arc::new(Mutex::new(Vec::new()));
    let producer = {
        let data = Arc::clone(&data);
        thread::spawn(move || (0..TRANSFER).for_each(|i| data.lock().unwrap().push(i)))
    };
    let (mut sum, mut seen) = (0, 0);
    while seen < TRANSFER {
        let batch = std::mem::take(&mut *data.lock().unwrap());
        if batch.is_empty() {
            thread::yield_now(); // no way to sleep until data arrives
        }
        seen += batch.len() as u64;
        sum += batch.iter().sum::<u64>();
    }
    producer.join().unwrap();
    sum
}

fn main() {
    common::main_unbounded::<Example>();
}
