//! The bounded spin before a thread parks (`waiters.rs` does the parking).

use crate::sync::{self, CHECKER, Wait};
use crate::tune;

// ANCHOR: backoff
/// Steps of waiting before parking: `first << step` spin hints (at most
/// `MAX_SPINS`) for each of the first `SPIN_STEPS` steps, then one
/// `yield_now` per step for `YIELD_STEPS` more, or fewer when a yield finds
/// the CPUs crowded (`tune::crowded_yield`). Zero under a checker, where two spinning threads
/// would exhaust loom's branch budget (and knobs `spin` and `yield` in
/// `tune.rs` switch each off for the performance ablation).
///
/// The yields matter most at capacity 1, where every message is a handoff:
/// a park/unpark round trip costs microseconds, a yield to the peer thread
/// far less (kanal yields up to 256 times; crossbeam 4 times).
const SPIN_STEPS: u32 = if CHECKER || !tune::SPIN { 0 } else { 7 };
const YIELD_STEPS: u32 = if CHECKER || !tune::YIELD { 0 } else { 64 };
/// Spin hints in one step, at most.
const MAX_SPINS: u32 = 64;
/// Spin hints in a full-ring sender's first step when the ring holds at
/// least `BATCH_CAP` slots: looking again at once would take the slot's
/// cache line from the receiver for every message it frees; a longer first
/// wait lets it free several, which the sender then fills one line at a
/// time (knob `batch_wait`). At small capacities each freed slot is the
/// handoff itself, and the first look comes after one hint.
const BATCH_SPINS: u32 = if tune::BATCH_WAIT { 16 } else { 1 };
/// The smallest ring whose full senders wait `BATCH_SPINS` first.
pub(super) const BATCH_CAP: usize = 64;

/// The bounded spin before a thread parks.
pub(super) struct Backoff {
    step: u32,
    first: u32,
}

// Under a checker both limits are 0, which makes the comparisons below
// constant; that is the point of setting them to 0.
#[allow(clippy::absurd_extreme_comparisons)]
impl Backoff {
    pub(super) fn new() -> Self {
        Backoff { step: 0, first: 1 }
    }

    /// A backoff for a sender of a ring with `cap` slots, which it finds
    /// full: the first step is longer for large rings (see `BATCH_SPINS`).
    pub(super) fn for_full_ring(cap: usize) -> Self {
        let first = if cap >= BATCH_CAP { BATCH_SPINS } else { 1 };
        Backoff { step: 0, first }
    }

    /// One more round of waiting; `false` once the budget is spent and the
    /// caller should park instead.
    pub(super) fn snooze(&mut self) -> bool {
        if self.step >= SPIN_STEPS + YIELD_STEPS {
            return false;
        }
        if self.step < SPIN_STEPS {
            let spins = (self.first << self.step).min(MAX_SPINS);
            (0..spins).for_each(|_| sync::spin_loop());
        } else if tune::crowded_yield() {
            // Spent: a failed look after this yield parks.
            self.step = SPIN_STEPS + YIELD_STEPS;
            return true;
        }
        self.step += 1;
        true
    }

    /// One step of waiting for a sender that claimed a slot to publish it:
    /// a few instructions away, so spin, then yield; never park (nobody
    /// would wake us). Returns whether `wait` has expired: the caller
    /// checks after every step, so a stalled sender delays a timed wait by
    /// at most one step.
    pub(super) fn wait_for_writer(&mut self, wait: Wait) -> bool {
        if CHECKER || self.step >= SPIN_STEPS {
            return sync::yield_until(wait);
        }
        (0..1u32 << self.step).for_each(|_| sync::spin_loop());
        self.step += 1;
        wait.passed()
    }
}
// ANCHOR_END: backoff
