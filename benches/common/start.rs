//! When a run started: the earliest moment at which one of its threads left
//! the start barrier. Why not the receiver's own departure: see the timing
//! rule in `shapes.rs`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

/// When a run started: the earliest moment at which one of its threads
/// left the start barrier (see the module docs).
pub struct Start {
    base: Instant,
    /// Nanoseconds after `base`; `u64::MAX` until a thread has left.
    first: AtomicU64,
}

impl Start {
    pub fn new() -> Arc<Start> {
        Arc::new(Start {
            base: Instant::now(),
            first: AtomicU64::new(u64::MAX),
        })
    }

    /// Waits on `barrier`, then records this thread's departure.
    pub fn leave(&self, barrier: &Barrier) {
        barrier.wait();
        self.mark();
    }

    /// Records a departure now: the caller starts its part of the work
    /// (a task, after its own kind of barrier).
    pub fn mark(&self) {
        let now = self.base.elapsed().as_nanos() as u64;
        self.first.fetch_min(now, Ordering::Relaxed);
    }

    /// The time from the first departure until now. Called by the
    /// measuring thread after it left (so a departure is recorded).
    pub fn elapsed(&self) -> Duration {
        let first = Duration::from_nanos(self.first.load(Ordering::Relaxed));
        self.base.elapsed().saturating_sub(first)
    }
}
