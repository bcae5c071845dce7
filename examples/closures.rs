//! Closures as messages: `Box<dyn FnOnce() + Send>`.
//!
//! A channel of boxed closures turns a thread into an executor: it runs
//! whatever it receives, in order. `FnOnce` (rather than the article's
//! `Fn`) lets a closure consume what it captured, here moving its `Vec`
//! into the results channel. The example checks the closures ran in the
//! order they were sent and that each consumed its own data.
//!
//! The article calls this "zero-cost": it is not free. Each message is a
//! heap allocation (the `Box`) plus an indirect call, on top of the channel
//! operation itself. Cheap, not zero.
//!
//! `cargo run --example closures -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::thread;

type Task = Box<dyn FnOnce() + Send + 'static>;

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let (task_tx, task_rx) = F::channel::<Task>();
        let (out_tx, out_rx) = F::channel::<(usize, Vec<u32>)>();
        // ANCHOR: executor
        let executor = thread::spawn(move || {
            let mut ran = 0;
            for task in common::iter(&task_rx) {
                task(); // consumes the box
                ran += 1;
            }
            ran
        });
        // ANCHOR_END: executor
        for i in 0..10 {
            let data: Vec<u32> = (0..i as u32).collect();
            let out_tx = out_tx.clone();
            let task: Task = Box::new(move || out_tx.send((i, data)).unwrap()); // moves `data` out
            task_tx.send(task).unwrap();
        }
        drop((task_tx, out_tx));
        check_eq(executor.join().unwrap(), 10, "closures run");
        let mut next = 0;
        while let Ok((i, data)) = out_rx.recv() {
            check_eq(i, next, "execution order");
            check_eq(
                data,
                (0..i as u32).collect(),
                "data moved through the closure",
            );
            next += 1;
        }
        check_eq(next, 10, "results received");
        println!("10 boxed FnOnce closures ran in order on the executor thread");
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
