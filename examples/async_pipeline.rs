//! The pipeline example with tasks instead of threads: stages connected by
//! bounded channels, one task per stage, awaiting `recv_async` and
//! `send_async`.
//!
//! `numbers -> square -> keep even -> format -> sink`. A stage receives
//! until its input is closed, then returns, which drops its sender and
//! closes the next stage's input. Bound 2 gives backpressure as in the
//! thread version, but a stage waiting for room or for input holds no
//! thread: it returns `Pending`, and the runtime's two worker threads run
//! whichever stage can make progress. One task per stage keeps the order,
//! and the example checks it.
//!
//! `cargo run --example async_pipeline -- --channel ring`

mod async_common;

use async_common::{Bounded, BoundedExample, check_eq};
use tokio::task::JoinHandle;

const BOUND: usize = 2;
const N: u64 = 1000;

/// Spawns a stage applying `f` to every input; `None` drops the item.
fn stage<F: Bounded, I, O>(
    mut input: F::Receiver<I>,
    f: impl Fn(I) -> Option<O> + Send + 'static,
) -> (F::Receiver<O>, JoinHandle<()>)
where
    I: Send + 'static,
    O: Send + 'static,
{
    let (tx, rx) = F::sync_channel(BOUND);
    let handle = tokio::spawn(async move {
        while let Some(item) = F::recv(&mut input).await {
            if let Some(out) = f(item) {
                // Waits (without blocking a thread) while the next stage lags.
                assert!(F::send(&tx, out).await.is_ok(), "the next stage left");
            }
        }
    }); // `tx` dropped when the task ends: the next stage's loop ends
    (rx, handle)
}

struct Example;

impl BoundedExample for Example {
    async fn run<F: Bounded>() {
        let (source, numbers) = F::sync_channel::<u64>(BOUND);
        let (squares, h1) = stage::<F, _, _>(numbers, |n| Some(n * n));
        let (evens, h2) = stage::<F, _, _>(squares, |n| (n % 2 == 0).then_some(n));
        let (mut lines, h3) = stage::<F, _, _>(evens, |n| Some(format!("<{n}>")));
        let feeder = tokio::spawn(async move {
            for n in 0..N {
                assert!(F::send(&source, n).await.is_ok(), "the first stage left");
            }
        });

        let mut got = Vec::new();
        while let Some(line) = F::recv(&mut lines).await {
            got.push(line);
        }
        for h in [feeder, h1, h2, h3] {
            h.await.expect("a stage panicked");
        }
        let want: Vec<String> = (0..N)
            .map(|n| n * n)
            .filter(|n| n % 2 == 0)
            .map(|n| format!("<{n}>"))
            .collect();
        check_eq(got.len(), want.len(), "items out of the pipeline");
        check_eq(got, want, "pipeline output, in order");
        println!("{N} numbers through 3 stage tasks (bound {BOUND}), order kept");
    }
}

fn main() {
    async_common::main_bounded::<Example>();
}
