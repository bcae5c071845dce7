//! `recv_timeout`: all three outcomes, deterministically.
//!
//! The sender thread waits for a "go" signal before sending, so the first
//! `recv_timeout` (5 ms) must time out, and the second one, after the
//! signal, must return the message (its 10 s timeout is only a safety net:
//! it returns as soon as the message arrives). Once the sender is gone,
//! `recv_timeout` reports `Disconnected` at once. The example also checks
//! that a timeout is never reported early.
//!
//! The article's version ("Timeout Operations") orders the outcomes with
//! sleeps (2 s sender, 1 s and 2 s timeouts): it takes three seconds and
//! its result depends on the scheduler.
//!
//! `cargo run --example timeouts -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check, check_eq};
use std::sync::mpsc::RecvTimeoutError;
use std::thread;
use std::time::{Duration, Instant};

const SHORT: Duration = Duration::from_millis(5);

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let (tx, rx) = F::channel::<&'static str>();
        let (go_tx, go_rx) = F::channel::<()>();
        let sender = thread::spawn(move || {
            go_rx.recv().unwrap();
            tx.send("finally!").unwrap();
        }); // `tx` dropped: disconnects `rx`

        // ANCHOR: outcomes
        let start = Instant::now();
        let first = rx.recv_timeout(SHORT);
        let waited = start.elapsed();
        check_eq(first, Err(RecvTimeoutError::Timeout), "before the signal");
        check(
            waited >= SHORT,
            format!("timed out after {waited:?} < {SHORT:?}"),
        );
        println!("timeout:      {first:?} after {waited:?}");

        go_tx.send(()).unwrap();
        let second = rx.recv_timeout(Duration::from_secs(10));
        check_eq(second, Ok("finally!"), "after the signal");
        println!("message:      {second:?}");

        sender.join().unwrap();
        let third = rx.recv_timeout(SHORT);
        check_eq(
            third,
            Err(RecvTimeoutError::Disconnected),
            "after the sender left",
        );
        println!("disconnected: {third:?}");
        // ANCHOR_END: outcomes
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
