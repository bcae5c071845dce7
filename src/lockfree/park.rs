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
//! `NOTIFIED -> EMPTY` (the next register). Exactly one sender wins the
//! `PARKED -> WAKING` CAS, so one park costs at most one `unpark`.
//!
//! The `thread` cell is written only by the receiver, only in state EMPTY,
//! and read only by the sender holding WAKING. The receiver never waits for
//! that sender: `deregister` withdraws PARKED if nobody took it and
//! otherwise leaves the state as it is, and the next `register` first
//! settles what the last wait left behind. It refuses to register while a
//! sender still holds WAKING (the receiver then yields instead of parking,
//! and checks its deadline after every yield), and it turns NOTIFIED into
//! EMPTY with an Acquire load, so the handle is never overwritten under a
//! reader's feet, even when the `Receiver` has moved to another thread. A
//! sender preempted while holding WAKING therefore delays no timed receive
//! by more than one yield.

use crate::sync::{AtomicUsize, Ordering, Thread, UnsafeCell, current};

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
    /// Announces that the calling receiver is about to park. Returns
    /// `false`, announcing nothing, while the sender of an earlier wake-up
    /// still holds WAKING: the caller must not park then (nobody could wake
    /// it) and waits for that sender another way.
    ///
    /// # Safety
    /// Called only by the receiver, and never twice without a `deregister`
    /// in between.
    pub(super) unsafe fn register(&self) -> bool {
        if !self.settle() {
            return false;
        }
        // SAFETY: `settle` saw EMPTY (or NOTIFIED, with Acquire, and stored
        // EMPTY): no sender reads `thread` (readers hold WAKING), and the
        // last reader's accesses happened before that Acquire load.
        self.thread.with_mut(|t| unsafe { *t = Some(current()) });
        // ORDERING: Release pairs with the Acquire CAS in `notify_slow`:
        // the winner sees the handle written above.
        self.state.store(PARKED, Ordering::Release);
        true
    }

    /// Finishes the last wait: whether the state is (now) EMPTY. NOTIFIED
    /// becomes EMPTY; WAKING stays, and the answer is `false`.
    fn settle(&self) -> bool {
        // ORDERING: Acquire pairs with the Release store of NOTIFIED in
        // `notify_slow`: that sender's read of `thread` happens before
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
    /// PARKED back if no sender took it. Otherwise a sender holds WAKING
    /// or has left NOTIFIED, and the next `register` settles that. A
    /// sender's `unpark` may still be in flight; it only makes a later
    /// `park` return early, and every park sits in a loop that re-checks
    /// the queue.
    pub(super) fn deregister(&self) {
        // ORDERING: Relaxed: success reads our own PARKED, and no sender
        // touched `thread` (a sender reads it only after winning WAKING);
        // on failure nothing is read (`settle` acquires NOTIFIED later).
        let _ = self
            .state
            .compare_exchange(PARKED, EMPTY, Ordering::Relaxed, Ordering::Relaxed);
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
        // ORDERING: Release pairs with the Acquire load in `settle`.
        self.state.store(NOTIFIED, Ordering::Release);
        thread.expect("PARKED implies a handle").unpark();
    }
    // ANCHOR_END: notify
}
