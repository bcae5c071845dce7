//! A pipeline: stages connected by bounded channels, one thread per stage.
//!
//! `numbers -> square -> keep even -> format -> sink`. Each stage receives
//! until its input is closed, then returns, which drops its output sender
//! and closes the next stage's input: shutting down flows down the pipeline
//! by itself. Bounded channels (bound 2) give backpressure: a slow stage
//! stalls the stages before it instead of letting queues grow. With one
//! thread per stage, order is preserved, and the example checks it.
//!
//! `cargo run --example pipeline -- --channel mutex`

mod common;

use chanlab::flavor::{Bounded, Tx};
use common::{BoundedExample, check_eq};
use std::thread::{self, JoinHandle};

const BOUND: usize = 2;
const N: u64 = 1000;

// ANCHOR: stage
/// Spawns a stage applying `f` to every input; `None` drops the item.
fn stage<F: Bounded, I, O>(
    input: F::Receiver<I>,
    f: impl Fn(I) -> Option<O> + Send + 'static,
) -> (F::Receiver<O>, JoinHandle<()>)
where
    I: Send + 'static,
    O: Send + 'static,
{
    let (tx, rx) = F::sync_channel(BOUND.max(F::MIN_BOUND));
    let handle = thread::spawn(move || {
        for item in common::iter(&input) {
            if let Some(out) = f(item) {
                tx.send(out).unwrap(); // blocks while the next stage lags
            }
        }
    }); // `tx` dropped here: the next stage's loop ends
    (rx, handle)
}
// ANCHOR_END: stage

struct Example;

impl BoundedExample for Example {
    fn run<F: Bounded>() {
        let (source, numbers) = F::sync_channel::<u64>(BOUND.max(F::MIN_BOUND));
        let (squares, h1) = stage::<F, _, _>(numbers, |n| Some(n * n));
        let (evens, h2) = stage::<F, _, _>(squares, |n| (n % 2 == 0).then_some(n));
        let (lines, h3) = stage::<F, _, _>(evens, |n| Some(format!("<{n}>")));
        let feeder = thread::spawn(move || (0..N).for_each(|n| source.send(n).unwrap()));

        let got: Vec<String> = common::iter(&lines).collect();
        [feeder, h1, h2, h3]
            .into_iter()
            .for_each(|h| h.join().unwrap());
        let want: Vec<String> = (0..N)
            .map(|n| n * n)
            .filter(|n| n % 2 == 0)
            .map(|n| format!("<{n}>"))
            .collect();
        check_eq(got.len(), want.len(), "items out of the pipeline");
        check_eq(got, want, "pipeline output, in order");
        println!("{N} numbers through 3 stages (bound {BOUND}), order kept");
    }
}

fn main() {
    common::main_bounded::<Example>();
}
