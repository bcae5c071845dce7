//! Blocking: a bounded spin, then parking, on both sides.
//!
//! The fast paths never touch this file's locks: a sender learns that the
//! receiver sleeps from its own claim CAS (`RX_PARKED` in `tail`), the
//! receiver learns that senders sleep from its own `head` swap
//! (`TX_PARKED`). Only then does it lock a list and unpark.
//!
//! * **The receiver** (at most one) stores its `Thread` in `rx`, then sets
//!   `RX_PARKED` with an RMW on `tail`; the sender whose claim clears the
//!   flag unparks it.
//! * **Senders** queue `(ticket, Thread)` in `tx` (FIFO) and set `TX_PARKED`
//!   in `head`, both under the `tx` lock. Each pop that sees the flag wakes
//!   the first sender and, if others remain, sets the flag again: one wake
//!   per freed slot. A woken sender retries; if another sender took the
//!   slot first it queues again. The receiver's drop wakes them all. A
//!   sender that times out leaves the queue; if a pop had already dequeued
//!   it, the caller's one last attempt after the expiry uses the slot that
//!   wake was for, so no wake is lost.

use super::queue::Queue;
use crate::sync::{self, CHECKER, Mutex, Thread, Wait};
use crate::tune;
use std::collections::VecDeque;

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

/// Parked senders, in arrival order.
struct Parked {
    next_ticket: u64,
    queue: VecDeque<(u64, Thread)>,
}

/// Who sleeps, and how to wake them.
pub(super) struct Waiters {
    rx: Mutex<Option<Thread>>,
    tx: Mutex<Parked>,
}

/// Parks once, for `wait`; returns whether its deadline has passed.
fn park_once(wait: Wait) -> bool {
    match wait {
        Wait::Never => true,
        Wait::Until(deadline) => sync::park_until(deadline),
        Wait::Forever => {
            sync::park();
            false
        }
    }
}

impl Waiters {
    pub(super) fn new() -> Self {
        let parked = Parked {
            next_ticket: 0,
            queue: VecDeque::new(),
        };
        Waiters {
            rx: Mutex::new(None),
            tx: Mutex::new(parked),
        }
    }

    // ANCHOR: receiver
    /// Parks the receiver on an empty ring until a sender claims a slot,
    /// the last sender leaves, or `wait` expires (returns `true`).
    pub(super) fn park_receiver<T>(&self, queue: &Queue<T>, wait: Wait) -> bool {
        *sync::lock(&self.rx) = Some(sync::current());
        let parked = queue.set_rx_parked();
        let mut expired = false;
        while parked.may_park && !expired {
            expired = park_once(wait);
            if queue.rx_woken() {
                break;
            }
        }
        let taken = queue.clear_rx_parked(&parked);
        // Taken by a sender: its message is at the head (or every sender
        // is gone), and the caller's retry finds it, expired or not.
        expired && !taken
    }

    /// Wakes the receiver (its flag was cleared by our claim or by the
    /// last sender's drop).
    ///
    /// The handle stays in `rx`: a waker that runs late (its claim cleared a
    /// flag the receiver had already withdrawn) must not consume the handle
    /// of the receiver's *next* park, whose waker would then find nothing to
    /// unpark. A late wake is a spurious wakeup, which every park loop
    /// absorbs.
    pub(super) fn wake_receiver(&self) {
        if let Some(thread) = sync::lock(&self.rx).as_ref() {
            thread.unpark();
        }
    }
    // ANCHOR_END: receiver

    // ANCHOR: senders
    /// Parks a sender that found the ring full at `pos`, until a pop wakes
    /// it, the receiver leaves, or `wait` expires (returns `true`).
    pub(super) fn park_sender<T>(&self, queue: &Queue<T>, pos: usize, wait: Wait) -> bool {
        let ticket = {
            let mut parked = sync::lock(&self.tx);
            let ticket = parked.next_ticket;
            parked.next_ticket += 1;
            parked.queue.push_back((ticket, sync::current()));
            queue.set_tx_parked();
            ticket
        };
        if !queue.still_full(pos) {
            self.leave(ticket);
            return false;
        }
        loop {
            let expired = park_once(wait);
            if !self.is_parked(ticket) {
                return expired; // dequeued by a pop or by the receiver's drop
            }
            if expired {
                self.leave(ticket);
                return true;
            }
        }
    }

    fn is_parked(&self, ticket: u64) -> bool {
        let parked = sync::lock(&self.tx);
        parked.queue.iter().any(|&(t, _)| t == ticket)
    }

    fn leave(&self, ticket: u64) {
        sync::lock(&self.tx).queue.retain(|&(t, _)| t != ticket);
    }

    /// A pop saw `TX_PARKED`: wake the first parked sender, and keep the
    /// flag up for the next pop if more remain.
    pub(super) fn wake_sender<T>(&self, queue: &Queue<T>) {
        let mut parked = sync::lock(&self.tx);
        if let Some((_, thread)) = parked.queue.pop_front() {
            thread.unpark();
        }
        if !parked.queue.is_empty() {
            queue.set_tx_parked();
        }
    }

    /// The receiver is gone: wake every parked sender.
    pub(super) fn wake_all_senders(&self) {
        let all = std::mem::take(&mut sync::lock(&self.tx).queue);
        for (_, thread) in all {
            thread.unpark();
        }
    }
    // ANCHOR_END: senders
}
