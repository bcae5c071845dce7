//! Error propagation: one channel carrying `Result<T, E>`.
//!
//! The worker sends `Ok(value)` for each result and `Err(error)` when it
//! fails, then stops. The consumer receives with a blocking loop and
//! returns the first error with `?`. Errors and results travel in one FIFO
//! stream, so everything sent before the error is seen before it, and the
//! end of the stream is simply the channel closing.
//!
//! The article's version ("Error Propagation Patterns") uses two channels
//! and polls both with `try_recv` in a loop that never blocks: a busy-spin
//! burning a core while the worker works. Worse, it stops as soon as the
//! *error* channel reports `Disconnected`, which happens when a successful
//! worker exits, possibly before the consumer has drained the results
//! channel: on the success path results go missing. (Its worker always
//! fails at step 5, so the article never runs that path.)
//!
//! `cargo run --example error_propagation -- --channel mutex`

mod common;

use chanlab::flavor::{Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::thread;

#[derive(Debug, PartialEq)]
enum WorkerError {
    Processing(String),
    /// The worker ended without finishing or reporting an error (it panicked).
    WorkerDied,
}

// ANCHOR: worker
/// Squares 0..10, failing at `fail_at` if given.
fn worker<F: Unbounded>(tx: F::Sender<Result<i32, WorkerError>>, fail_at: Option<i32>) {
    for i in 0..10 {
        if Some(i) == fail_at {
            let _ = tx.send(Err(WorkerError::Processing(format!("failed at step {i}"))));
            return; // nothing after an error
        }
        if tx.send(Ok(i * i)).is_err() {
            return; // the consumer is gone: nobody to report to
        }
    }
}
// ANCHOR_END: worker

// ANCHOR: consumer
fn run_worker<F: Unbounded>(fail_at: Option<i32>) -> Result<Vec<i32>, WorkerError> {
    let (tx, rx) = F::channel();
    let handle = thread::spawn(move || worker::<F>(tx, fail_at));
    let mut results = Vec::new();
    for item in common::iter(&rx) {
        results.push(item?); // blocks; no spinning, no second channel
    }
    // The channel closed: the worker returned or panicked.
    handle.join().map_err(|_| WorkerError::WorkerDied)?;
    Ok(results)
}
// ANCHOR_END: consumer

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        let ok = run_worker::<F>(None);
        check_eq(&ok, &Ok((0..10).map(|i| i * i).collect()), "success path");
        println!("success: {ok:?}");
        let failed = run_worker::<F>(Some(5));
        let want = Err(WorkerError::Processing("failed at step 5".into()));
        check_eq(&failed, &want, "failure path");
        println!("failure: {failed:?}");
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
