//! shuttle schedules of the async API, per channel.
//!
//! ```text
//! cargo test --release --features shuttle --test async
//! ```
//!
//! Threads and tasks on one channel: tasks spawned on shuttle's executor
//! (`shuttle::future::spawn`) or driven by `shuttle::future::block_on` on
//! a thread, next to threads blocked in `send` and `recv`, with futures
//! polled once and dropped mid-wait. Random and PCT schedules for every
//! channel; DFS (every schedule) for the mutex channel only: the lock-free
//! and ring receivers may wait for a sender by yielding, and shuttle's DFS
//! ignores yields, so it would explore endless schedules there.
//!
//! The harness ([`random`], [`pct`], [`dfs`]) is the kit's
//! (`chanlab::kit::shuttle`), as for the shuttle suite, with the same
//! output line (`shuttle-model name=<name> scheduler=<s> schedules=<n>`),
//! the same `CHANLAB_SHUTTLE_ITERS` and `CHANLAB_SHUTTLE_REPLAY`, and the
//! same replay hint on failure.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

pub use chanlab::kit::shuttle::{dfs, pct, random};

mod models;
mod mutex;
mod others;

/// Polls `fut` once with a waker that does nothing.
pub fn poll_noop<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}

/// A message that counts its drops.
pub struct Counted(pub (usize, usize), pub Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.1.fetch_add(1, Ordering::Relaxed);
    }
}
