//! Fan-out / fan-in: one producer, several workers, one collector.
//!
//! Fan-out: the workers share the input receiver behind an
//! `Arc<Mutex<Receiver>>` (an MPSC receiver has one owner). Fan-in: each
//! worker sends its results on a clone of one output `Sender`; the
//! collector receives until every worker's clone is dropped. The example
//! checks that every input was squared exactly once.
//!
//! The article's version starts with `let input_rx = input_rx.clone();`,
//! which does not compile (`Receiver` is not `Clone`: error E0599), then
//! works around it with an extra "distributor" thread that copies every item
//! from the input channel into a second, shared channel. The copy is not
//! needed: the input receiver itself can be shared, as here.
//!
//! `cargo run --example fan_out_fan_in -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::sync::{Arc, Mutex};
use std::thread;

const ITEMS: u64 = 500;
const WORKERS: usize = 3;

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let (input_tx, input_rx) = F::channel::<u64>();
        let (output_tx, output_rx) = F::channel::<(usize, u64)>();
        let producer = thread::spawn(move || (0..ITEMS).for_each(|i| input_tx.send(i).unwrap()));

        // ANCHOR: fan_out
        let input_rx = Arc::new(Mutex::new(input_rx)); // not `input_rx.clone()`
        let workers: Vec<_> = (0..WORKERS)
            .map(|id| {
                let input_rx = Arc::clone(&input_rx);
                let output_tx = output_tx.clone();
                thread::spawn(move || {
                    loop {
                        let item = input_rx.lock().unwrap().recv(); // lock released here
                        let Ok(value) = item else { break };
                        output_tx.send((id, value * value)).unwrap();
                    }
                })
            })
            .collect();
        drop(output_tx); // only the workers' clones remain
        // ANCHOR_END: fan_out

        // ANCHOR: fan_in
        let collector = thread::spawn(move || common::iter(&output_rx).collect::<Vec<_>>());
        // ANCHOR_END: fan_in
        producer.join().unwrap();
        workers.into_iter().for_each(|w| w.join().unwrap());
        let results = collector.join().unwrap();

        let mut per_worker = [0; WORKERS];
        results.iter().for_each(|&(id, _)| per_worker[id] += 1);
        let mut squares: Vec<u64> = results.into_iter().map(|(_, sq)| sq).collect();
        squares.sort_unstable();
        check_eq(
            squares,
            (0..ITEMS).map(|i| i * i).collect(),
            "collected squares",
        );
        println!("{ITEMS} items squared by {WORKERS} workers (per worker: {per_worker:?})");
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
