//! loom models of the async API: a task's registration racing the other
//! side's wake-up, per channel.
//!
//! ```text
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test async
//! ```
//!
//! A task is a future driven by `loom::future::block_on` ([`block_on`]
//! here, which also records the wait for the step recorder), whose waker
//! wakes the blocked thread through a loom notification (so a lost
//! wake-up is a deadlock loom reports). A future first polled with a
//! waker that does nothing ([`poll_noop`]) and then driven by `block_on`
//! has changed its waker: if the channel kept the first one, `block_on`
//! is never woken. Each model covers, for its channel, one of: a receive
//! racing a send, a send on a full channel racing a receive, a future
//! dropped mid-wait, a re-poll with a new waker, and threads and tasks
//! waiting on the same side.
//!
//! The harness ([`check`], [`Kind`], [`Outcomes`], [`Counted`]) is the
//! kit's (`chanlab::kit::loom`), as for the loom suite, with the same
//! output line per model (`loom-model name=<name> iterations=<n>
//! bound=<exhaustive|k>`) and the same replay hint on failure.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

pub use chanlab::kit::loom::{Counted, Kind, Outcomes, check};

mod lockfree;
mod models;
mod mutex;
mod ring;

/// `loom::future::block_on`, with the wait written down by the step
/// recorder (`--cfg chanlab_trace`, `src/sync/trace.rs`): a `block_on`
/// step at the caller's line when it starts, `ready` when `fut` resolves.
/// loom names that same line when it reports the task blocked (both are
/// `#[track_caller]`), so a timeline can draw where a task waits.
#[track_caller]
pub fn block_on<F: Future>(fut: F) -> F::Output {
    #[cfg(chanlab_trace)]
    chanlab::trace::step("block_on");
    let out = loom::future::block_on(fut);
    #[cfg(chanlab_trace)]
    chanlab::trace::step("ready");
    out
}

/// Polls `fut` once with a waker that does nothing: the future registers
/// a waker that no wake-up can reach the model through.
pub fn poll_noop<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}
