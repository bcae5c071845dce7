//! std's `park`/`unpark` for the loom arm of the facade.
//!
//! loom's own `unpark` makes its target runnable whatever it is blocked on:
//! a `park`, but also a `join` or a contended lock, after which loom fails an
//! assertion of its own. std's `unpark` only ever ends a `park`: it stores a
//! token, which the target's next `park` consumes (at once if it is already
//! parked). A channel that lets a waker finish late (a sender preempted
//! between publishing and `unpark`, while the receiver has moved on) is
//! correct on std and fails under loom's model.
//!
//! So the loom arm builds std's semantics from loom's parts. Each thread has
//! a token, a loom `AtomicBool`: `unpark` sets it with a `Release` swap, `park`
//! takes it with an `Acquire` swap and returns at once if it was set (the
//! happens-before edge std documents: "calls to `unpark` synchronize-with
//! calls to `park`"). Only when the token was not set does `park` block in
//! loom's `park`, and it says so in a flag that loom does not see (a plain
//! `std` atomic: loom runs one thread at a time, so the flag adds no
//! scheduling point and no edge). `unpark` calls loom's `unpark` only when
//! that flag is up, that is, only when the target's next loom operation is
//! that `park`. Nothing else can end a loom `park` (it has no spurious
//! wakeups; the facade's spurious mode adds its own), and nothing but a
//! `park` is ever ended by loom's `unpark`.

use loom::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool as Unseen, Ordering as Plain};

/// One thread's token and "blocked in `park`" flag.
#[derive(Debug)]
struct Parking {
    token: AtomicBool,
    /// Up while the thread is in (or about to enter) loom's `park`.
    blocked: Unseen,
}

loom::thread_local! {
    static PARKING: Arc<Parking> = Arc::new(Parking {
        token: AtomicBool::new(false),
        blocked: Unseen::new(false),
    });
}

/// A thread's handle: loom's, with std's `unpark`.
#[derive(Clone, Debug)]
pub struct Thread {
    thread: loom::thread::Thread,
    parking: Arc<Parking>,
}

impl Thread {
    /// The thread's identifier, loom's.
    pub fn id(&self) -> loom::thread::ThreadId {
        self.thread.id()
    }

    /// Gives the thread its token; ends its `park` if it is blocked in one.
    pub fn unpark(&self) {
        // ORDERING: Release pairs with the Acquire swap in `park`: what we
        // did before is visible once the token is taken, as on std ("calls
        // to `unpark` synchronize-with calls to `park`").
        // ABLATION: no chanlab channel relies on this edge (each hands its
        // data over through its own atomics, and a `park` may return
        // spuriously on std), so no model fails without it; it is kept
        // because std documents it and code written against the facade may
        // rely on it. A swap
        // rather than a store: loom 0.7 let the parker's next swap read the
        // value from before a plain store made here while it was parked
        // (the parker then blocked again for good), an RMW it orders.
        self.parking.token.swap(true, Ordering::Release);
        if self.parking.blocked.load(Plain::Relaxed) {
            self.thread.unpark();
        }
    }
}

/// The calling thread's handle.
pub fn current() -> Thread {
    Thread {
        thread: loom::thread::current(),
        parking: PARKING.with(Arc::clone),
    }
}

/// Blocks until the calling thread's token is set, and takes it. loom
/// reports a thread blocked here at the caller's line (`track_caller`),
/// where it would report a blocked `park` of its own.
#[track_caller]
pub fn park() {
    let parking = PARKING.with(Arc::clone);
    // ORDERING: Acquire pairs with the Release swap in `unpark`.
    // ABLATION: as for that swap, no model relies on the edge.
    while !parking.token.swap(false, Ordering::Acquire) {
        parking.blocked.store(true, Plain::Relaxed);
        loom::thread::park();
        parking.blocked.store(false, Plain::Relaxed);
    }
}
