//! The receiver's sleep state: one word, so that a sender pays a single
//! load when nobody sleeps.
//!
//! ```text
//! state   meaning                                  written by
//! EMPTY   the receiver is not parked               receiver (deregister)
//! PARKED  the receiver parks or is about to;       receiver (register)
//!         `waiter` holds its thread or its task
//! WAKING  a sender won the wake-up and is          sender (notify)
//!         taking `waiter`
//! NOTIFIED  that sender has taken `waiter` and     sender (notify)
//!           wakes (or has woken) it
//! ```
//!
//! Transitions: `EMPTY -> PARKED` (register), `PARKED -> EMPTY` (deregister,
//! nobody woke us), `PARKED -> WAKING -> NOTIFIED` (one sender),
//! `NOTIFIED -> EMPTY` (the next register). Exactly one sender wins the
//! `PARKED -> WAKING` CAS, so one registration costs at most one wake-up.
//!
//! The waiter is a [`Waiter`]: the receiving thread's handle (a blocking
//! receive, which then parks) or the waker of the task polling
//! `recv_async` (which then returns `Pending`). This is the AtomicWaker
//! pattern (futures' `AtomicWaker`, tokio's `AtomicWaker`): one word
//! decides who may touch the cell, and a wake-up takes what it finds
//! there. Here only one party registers (the receiver), so the state
//! machine needs no "registering" state: the receiver writes the cell only
//! while nobody can read it.
//!
//! The `waiter` cell is written by the receiver only in state EMPTY
//! (`register` fills it; a successful `deregister` empties it again), and
//! by the sender holding WAKING, which takes the waiter out. The receiver
//! never waits for that sender: `deregister` withdraws PARKED if nobody
//! took it and otherwise leaves the state as it is, and the next `register`
//! first settles what the last wait left behind. It refuses to register
//! while a sender still holds WAKING (the receiver then yields instead of
//! parking, and checks its deadline after every yield; a task wakes itself
//! and is polled again), and it turns NOTIFIED into EMPTY with an Acquire
//! load, so the cell is never overwritten under a reader's feet, even when
//! the `Receiver` has moved to another thread. A sender preempted while
//! holding WAKING therefore delays no timed receive by more than one yield.

use crate::sync::{AtomicUsize, Ordering, UnsafeCell};
use crate::waiter::Waiter;

// ANCHOR: states
/// Receiver not parked.
const EMPTY: usize = 0;
/// Receiver parked (or about to park); `thread` is valid.
const PARKED: usize = 1;
/// A sender is reading `thread` to wake the receiver.
const WAKING: usize = 2;
/// A sender has woken (or is waking) the receiver.
const NOTIFIED: usize = 3;
// ANCHOR_END: states

/// The receiver's sleep state and the thread or task to wake.
pub(super) struct Parker {
    state: AtomicUsize,
    waiter: UnsafeCell<Option<Waiter>>,
}

impl Parker {
    pub(super) fn new() -> Self {
        Parker {
            state: AtomicUsize::new(EMPTY),
            waiter: UnsafeCell::new(None),
        }
    }

    // ANCHOR: register
    /// Announces that the receiver is about to wait, as `waiter` (the
    /// calling thread, or the task polling). Returns `false`, announcing
    /// nothing, while the sender of an earlier wake-up still holds WAKING:
    /// the caller must not wait then (nobody could wake it) and waits for
    /// that sender another way.
    ///
    /// # Safety
    /// Called only by the receiver, and never twice without a `deregister`
    /// in between.
    pub(super) unsafe fn register(&self, waiter: Waiter) -> bool {
        if !self.settle() {
            return false;
        }
        // SAFETY: `settle` saw EMPTY (or NOTIFIED, with Acquire, and stored
        // EMPTY): no sender touches `waiter` (only the one holding WAKING
        // does), and the last one's accesses happened before that Acquire.
        self.waiter.with_mut(|w| unsafe { *w = Some(waiter) });
        // ORDERING: Release pairs with the Acquire CAS in `notify_slow`:
        // the winner sees the waiter written above.
        self.state.store(PARKED, Ordering::Release);
        true
    }

    /// Finishes the last wait: whether the state is (now) EMPTY. NOTIFIED
    /// becomes EMPTY; WAKING stays, and the answer is `false`.
    fn settle(&self) -> bool {
        // ORDERING: Acquire pairs with the Release store of NOTIFIED in
        // `notify_slow`: that sender's taking of `waiter` happens before
        // `register` writes it again. (EMPTY was stored by this receiver.)
        match self.state.load(Ordering::Acquire) {
            EMPTY => true,
            NOTIFIED => {
                // Relaxed: only the receiver writes the state once a
                // sender has left WAKING.
                self.state.store(EMPTY, Ordering::Relaxed);
                true
            }
            _ => false, // WAKING: a sender is between two instructions
        }
    }

    /// Ends a wait begun by `register`, without waiting for anyone: takes
    /// PARKED back if no sender took it, and drops the waiter (a task's
    /// waker is not kept past its wait). Otherwise a sender holds WAKING
    /// or has left NOTIFIED, and the next `register` settles that. A
    /// sender's wake-up may still be in flight; it only makes a later
    /// `park` return early (or polls a task once more), and every wait
    /// sits in a loop that re-checks the queue.
    ///
    /// # Safety
    /// Called only by the receiver, after its `register`.
    pub(super) unsafe fn deregister(&self) {
        // ORDERING: Relaxed: success reads our own PARKED, and no sender
        // touched `waiter` (a sender touches it only after winning WAKING);
        // on failure nothing is read (`settle` acquires NOTIFIED later).
        let withdrawn = self
            .state
            .compare_exchange(PARKED, EMPTY, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok();
        if withdrawn {
            // SAFETY: EMPTY again by our CAS, so no sender can win WAKING
            // on this registration; the cell is the receiver's.
            drop(self.waiter.with_mut(|w| unsafe { (*w).take() }));
        }
    }
    // ANCHOR_END: register

    // ANCHOR: notify
    /// Wakes the receiver if it waits: unparks its thread or wakes its
    /// task. Called by a sender after it published a message, and by the
    /// last sender's drop.
    ///
    /// The Relaxed load is enough to see PARKED when it matters: the
    /// callers order the receiver's `register` before this load through a
    /// read-modify-write pair on a word they share (see `Channel::park`).
    pub(super) fn notify(&self) {
        // ORDERING: Relaxed; see the doc comment for the pairing.
        if self.state.load(Ordering::Relaxed) == PARKED {
            self.notify_slow();
        }
    }

    #[cold]
    fn notify_slow(&self) {
        // ORDERING: Acquire pairs with the Release store in `register`:
        // the waiter is visible.
        if self
            .state
            .compare_exchange(PARKED, WAKING, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            return; // another sender is waking it, or it woke up
        }
        // SAFETY: holding WAKING, we are the only one to touch `waiter`,
        // and the receiver does not write it until it has seen NOTIFIED.
        let waiter = self.waiter.with_mut(|w| unsafe { (*w).take() });
        // ORDERING: Release pairs with the Acquire load in `settle`.
        self.state.store(NOTIFIED, Ordering::Release);
        waiter.expect("PARKED implies a waiter").wake();
    }
    // ANCHOR_END: notify
}
