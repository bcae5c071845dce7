//! Backpressure: a bounded channel keeps a fast producer at most `bound`
//! messages ahead of a slow consumer.
//!
//! The producer counts completed sends in a shared atomic; after each
//! `recv` the consumer reads that count and records how far ahead the
//! producer is. Since a send completes only once its message is in the
//! channel, and the channel never holds more than `bound` messages,
//! `sent - received <= bound` must hold at every observation, whatever the
//! scheduling (with `bound = 0`, a rendezvous, the producer is never ahead).
//! The maximum lead observed is printed; the bound is asserted.
//!
//! The article's version ("Handling Backpressure") only prints "Sent" and
//! "Processing" lines, which cannot show the bound, and its producer sleeps
//! 10 ms per message, so it is hardly "fast".
//!
//! `cargo run --example backpressure -- --channel mutex`

mod common;

use chanlab::flavor::{Bounded, Rx, SyncTx, Tx};
use common::{BoundedExample, check, check_eq};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

const MESSAGES: usize = 200;

struct Example;

impl BoundedExample for Example {
    fn run<F: Bounded>() {
        for bound in [0, 1, 4].into_iter().filter(|&b| b >= F::MIN_BOUND) {
            full_after_bound::<F>(bound);
            let lead = max_lead::<F>(bound);
            println!("bound {bound}: producer was at most {lead} messages ahead");
        }
    }
}

/// Without a consumer, exactly `bound` messages fit.
fn full_after_bound<F: Bounded>(bound: usize) {
    let (tx, _rx) = F::sync_channel(bound);
    let fit = (0..).take_while(|&i| tx.try_send(i).is_ok()).count();
    check_eq(fit, bound, "try_send successes with no consumer");
}

// ANCHOR: measure
fn max_lead<F: Bounded>(bound: usize) -> usize {
    let (tx, rx) = F::sync_channel(bound);
    let sent = Arc::new(AtomicUsize::new(0));
    let producer = {
        let sent = Arc::clone(&sent);
        thread::spawn(move || {
            for i in 0..MESSAGES {
                tx.send(i).unwrap();
                // ORDERING: SeqCst keeps the reasoning simple; the count is
                // only read by the consumer below.
                sent.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let mut max_lead = 0;
    for received in 1..=MESSAGES {
        check_eq(rx.recv().unwrap(), received - 1, "message order");
        // Completed sends minus messages taken out: at most what the channel holds.
        let lead = sent.load(Ordering::SeqCst).saturating_sub(received);
        check(
            lead <= bound,
            format!("producer {lead} ahead with bound {bound}"),
        );
        max_lead = max_lead.max(lead);
        thread::sleep(Duration::from_micros(20)); // the slow consumer
    }
    producer.join().unwrap();
    max_lead
}
// ANCHOR_END: measure

fn main() {
    common::main_bounded::<Example>();
}
