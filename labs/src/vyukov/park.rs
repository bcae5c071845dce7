//! The receiver's sleep: one word says whether it parks, and a sender that
//! wins `PARKED -> WAKING` unparks it with the handle the receiver left.
//!
//! ```text
//! EMPTY --register--> PARKED --a sender's CAS--> WAKING --unpark--> NOTIFIED
//!   ^                   |                                              |
//!   +---- taken back ---+------------- the receiver settles -----------+
//! ```
//!
//! The handshake is the store-buffering pattern: the receiver stores
//! PARKED and re-checks the queue, a sender links its node and loads the
//! state, each with a `fence(SeqCst)` between, so at least one of them sees
//! the other. A receiver that lost PARKED to a sender waits for NOTIFIED,
//! which the sender stores after its `unpark`: the sender has finished
//! reading `thread` before the receiver's next registration writes it.

use chanlab::sync::{self, AtomicUsize, Ordering, Thread, UnsafeCell};
use std::time::Instant;

/// The receiver runs (or is done waiting).
const EMPTY: usize = 0;
/// The receiver parks, or is about to; `thread` holds its handle.
const PARKED: usize = 1;
/// A sender is reading `thread` and unparking the receiver.
const WAKING: usize = 2;
/// That sender is done: the receiver has been unparked.
const NOTIFIED: usize = 3;

/// The receiver's sleep state and the handle to wake it with.
pub(super) struct Parker {
    state: AtomicUsize,
    /// The parked receiver; written by it in `EMPTY`, read by the `WAKING` sender.
    thread: UnsafeCell<Option<Thread>>,
}

impl Parker {
    pub(super) fn new() -> Parker {
        Parker {
            state: AtomicUsize::new(EMPTY),
            thread: UnsafeCell::new(None),
        }
    }

    /// Wakes the receiver if it parks; after a link or the last sender's drop.
    pub(super) fn wake(&self) {
        // ORDERING: SeqCst fence pairs with the one in `park`: either the
        // receiver's re-check sees what we did before this fence (a link, a
        // sender count of 0), or the load below sees its PARKED.
        sync::fence(Ordering::SeqCst);
        // ORDERING: Relaxed: ordered by the fence; the CAS below acquires.
        if self.state.load(Ordering::Relaxed) == PARKED {
            self.wake_slow();
        }
    }

    #[cold]
    fn wake_slow(&self) {
        // ORDERING: Acquire pairs with the Release store of PARKED in
        // `park`: the receiver's handle is visible.
        let won = self
            .state
            .compare_exchange(PARKED, WAKING, Ordering::Acquire, Ordering::Relaxed);
        if won.is_err() {
            return; // another sender wakes it, or it stopped waiting
        }
        // SAFETY: we hold WAKING; the receiver writes `thread` again only
        // after it has seen NOTIFIED, stored below.
        let thread = self.thread.with(|t| unsafe { (*t).clone() });
        thread.expect("PARKED: the handle is set").unpark();
        // ORDERING: Release pairs with the Acquire load in `settle`: our read
        // of `thread` happens before the receiver writes it again.
        self.state.store(NOTIFIED, Ordering::Release);
    }

    /// The receiver parks until woken, until `ready()` (its re-check after
    /// announcing itself) or until `deadline`; returns whether the deadline
    /// passed. Leaves the state `EMPTY`. Called by the receiver only.
    pub(super) fn park(&self, ready: impl Fn() -> bool, deadline: Option<Instant>) -> bool {
        // SAFETY: the state is EMPTY: no sender reads `thread`.
        self.thread
            .with_mut(|t| unsafe { *t = Some(sync::current()) });
        // ORDERING: Release pairs with the Acquire CAS in `wake_slow`.
        self.state.store(PARKED, Ordering::Release);
        // ORDERING: pairs with the fence in `wake_receiver`.
        sync::fence(Ordering::SeqCst);
        let mut expired = false;
        // ORDERING: Relaxed: only compared; `settle` acquires.
        while !ready() && !expired && self.state.load(Ordering::Relaxed) == PARKED {
            expired = match deadline {
                Some(at) => sync::park_until(at),
                None => {
                    sync::park();
                    false
                }
            };
        }
        self.settle();
        expired
    }

    /// Takes PARKED back, or waits out the sender that took it: its unpark
    /// has then landed, so it cannot end a later wait of this thread.
    fn settle(&self) {
        // ORDERING: Relaxed: success takes back our own PARKED.
        let ours = self
            .state
            .compare_exchange(PARKED, EMPTY, Ordering::Relaxed, Ordering::Relaxed);
        if ours.is_ok() {
            return;
        }
        // ORDERING: Acquire pairs with the Release store in `wake_slow`.
        while self.state.load(Ordering::Acquire) != NOTIFIED {
            sync::yield_now(); // the sender is between its CAS and its store
        }
        // ORDERING: Relaxed: no sender writes the state after NOTIFIED.
        self.state.store(EMPTY, Ordering::Relaxed);
    }
}
