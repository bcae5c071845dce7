//! The receiver's sleep state: one word, so that a sender pays a single
//! load when nobody sleeps.
//!
//! ```text
//! state   meaning                                  written by
//! EMPTY   the receiver is not parked               receiver (deregister)
//! PARKED  the receiver parks or is about to;       receiver (register)
//!         `thread` holds its handle
//! WAKING  a sender won the wake-up and is          sender (notify)
//!         cloning `thread`
//! NOTIFIED  that sender is done with `thread`      sender (notify)
//!           and unparks (or has unparked) it
//! ```
//!
//! Transitions: `EMPTY -> PARKED` (register), `PARKED -> EMPTY` (deregister,
//! nobody woke us), `PARKED -> WAKING -> NOTIFIED` (one sender),
//! `NOTIFIED -> EMPTY` (deregister). Exactly one sender wins the
//! `PARKED -> WAKING` CAS, so one park costs at most one `unpark`.
//!
//! The `thread` cell is written only by the receiver, only in state EMPTY,
//! and read only by the sender holding WAKING. The receiver leaves every
//! wait through `deregister`, which does not return while a sender holds
//! WAKING, so the next `register` cannot overwrite the handle under a
//! reader's feet, even when the `Receiver` has moved to another thread.

use crate::sync::{AtomicUsize, Ordering, Thread, UnsafeCell, current, spin_loop, yield_now};

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

/// The receiver's sleep state and the handle to wake it with.
pub(super) struct Parker {
    state: AtomicUsize,
    thread: UnsafeCell<Option<Thread>>,
}

impl Parker {
    pub(super) fn new() -> Self {
        Parker {
            state: AtomicUsize::new(EMPTY),
            thread: UnsafeCell::new(None),
        }
    }

    // ANCHOR: register
    /// Announces that the calling receiver is about to park.
    ///
    /// # Safety
    /// Called only by the receiver, with the state EMPTY (every earlier
    /// `register` was followed by `deregister`).
    pub(super) unsafe fn register(&self) {
        // SAFETY: state is EMPTY, so no sender reads `thread` (readers hold
        // WAKING), and the last reader's accesses happened before our
        // `deregister` acquired NOTIFIED.
        self.thread.with_mut(|t| unsafe { *t = Some(current()) });
        // ORDERING: Release pairs with the Acquire CAS in `notify_slow`:
        // the winner sees the handle written above.
        self.state.store(PARKED, Ordering::Release);
    }

    /// Ends a wait begun by `register`: returns once no sender is using
    /// `thread`, leaving the state EMPTY. A sender's `unpark` may still be
    /// in flight; it only makes a later `park` return early, and every
    /// park sits in a loop that re-checks the queue.
    pub(super) fn deregister(&self) {
        loop {
            // ORDERING: Acquire on failure pairs with the Release store of
            // NOTIFIED in `notify_slow`: that sender's read of `thread`
            // happened before our next `register` writes it. Relaxed on
            // success: it reads our own PARKED, and no sender touched
            // `thread` (a sender reads it only after winning WAKING).
            // ABLATION: loom cannot show that the failure Acquire is
            // needed: `notify_slow` unparks us right after storing
            // NOTIFIED, with no scheduling point in between, and loom's
            // `unpark` hands the sender's causality to us at once (std's
            // hands it only to the `park` that consumes the token).
            match self
                .state
                .compare_exchange(PARKED, EMPTY, Ordering::Relaxed, Ordering::Acquire)
            {
                Ok(_) => return,
                Err(NOTIFIED) => return self.state.store(EMPTY, Ordering::Relaxed),
                // WAKING: a sender is between two instructions; wait.
                Err(_) => backoff(),
            }
        }
    }
    // ANCHOR_END: register

    // ANCHOR: notify
    /// Wakes the receiver if it is parked. Called by a sender after it
    /// published a message, and by the last sender's drop.
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
        // the thread handle is visible.
        if self
            .state
            .compare_exchange(PARKED, WAKING, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            return; // another sender is waking it, or it woke up
        }
        // SAFETY: holding WAKING, we are the only reader, and the receiver
        // does not write `thread` until it has seen NOTIFIED.
        let thread = self.thread.with(|t| unsafe { (*t).clone() });
        // ORDERING: Release pairs with the Acquire in `deregister`.
        // ABLATION: needed, and invisible to loom for the reason given in
        // `deregister`: the `unpark` below synchronizes at once under loom.
        self.state.store(NOTIFIED, Ordering::Release);
        thread.expect("PARKED implies a handle").unpark();
    }
    // ANCHOR_END: notify
}

/// Waits a moment for a sender to leave WAKING.
fn backoff() {
    spin_loop();
    yield_now();
}
