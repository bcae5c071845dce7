//! The synchronisation facade: atomics, cells, locks, condition variables
//! and threads from `std`, loom or shuttle, chosen by the build.
//!
//! Every chanlab channel imports its primitives from here and from nowhere
//! else, so one switch moves the whole crate onto a model checker. A channel
//! of your own written against this module is checked the same way, by the
//! suites of [`chanlab::kit`](crate#the-verification-kit) (cargo feature
//! `kit`).
//!
//! # What each build swaps
//!
//! | build | atomics, `UnsafeCell`, `Arc`, `Mutex`, `Condvar` | `spawn`, `park`, `current`, `yield_now`, `spin_loop` | timed waits ([`wait_until`], [`park_until`]) | [`CHECKER`] |
//! |---|---|---|---|---|
//! | default | `std`'s (`UnsafeCell`: a zero-cost wrapper with loom's `with`/`with_mut`) | `std`'s | `std`'s clock | `false` |
//! | `RUSTFLAGS="--cfg chanlab_loom"` | [loom]'s: every interleaving, every value a C11 load may read | loom's | expire after one scheduling point | `true` |
//! | `--features shuttle` (from another crate: `--features chanlab/shuttle`) | [shuttle]'s: random, PCT and DFS schedules | shuttle's | expire after one scheduling point | `true` |
//! | `--features stats` (default arm only) | `std`'s | counted wrappers, read through `chanlab::stats` | counted | `false` |
//! | `--cfg chanlab_spurious` (with a checker) | `compare_exchange_weak` of `AtomicUsize` may fail spuriously | `park` may return spuriously | as above | as above |
//! | `--cfg chanlab_trace` (with a checker) | `AtomicUsize`, `AtomicPtr`, `UnsafeCell`, `Condvar` record each access | `park`, `current().unpark()` recorded | recorded | `true` |
//!
//! The names are `std`'s and stay the same in every build; each item is the
//! backend's own (or a wrapper with the same methods), so a method that one
//! backend lacks is missing there (loom's `Mutex` has no `try_lock`, for
//! example, and the recording atomics of `chanlab_trace` have only the
//! methods chanlab uses: `new`, `load`, `store`, `swap`, the two
//! `compare_exchange`s and `fetch_add`/`sub`/`or`/`and`). The default build
//! costs nothing: re-exports of `std`'s items and inlined wrappers.
//!
//! # A channel written against the facade
//!
//! A one-slot handoff: [`lock`] and [`wait`] in place of `Mutex::lock` and
//! `Condvar::wait`, so that poisoning is ignored and spurious mode can
//! return early, and a `while` loop around every wait, so that an early
//! return is harmless. Under `--cfg chanlab_loom`, inside a loom model, the
//! same code is checked in every interleaving.
//!
//! ```
//! use chanlab::sync::{self, Arc, Condvar, Mutex};
//!
//! struct Slot<T> {
//!     value: Mutex<Option<T>>,
//!     filled: Condvar,
//! }
//!
//! impl<T> Slot<T> {
//!     fn put(&self, v: T) {
//!         *sync::lock(&self.value) = Some(v);
//!         self.filled.notify_one();
//!     }
//!
//!     fn take(&self) -> T {
//!         let mut guard = sync::lock(&self.value);
//!         loop {
//!             if let Some(v) = guard.take() {
//!                 return v;
//!             }
//!             guard = sync::wait(&self.filled, &self.value, guard);
//!         }
//!     }
//! }
//!
//! let slot = Arc::new(Slot { value: Mutex::new(None), filled: Condvar::new() });
//! let other = slot.clone();
//! let putter = sync::spawn(move || other.put(42));
//! assert_eq!(slot.take(), 42);
//! putter.join().unwrap();
//! ```
//!
//! # What the checkers do not model, and how the facade compensates
//!
//! * **Time.** Neither checker has a clock: loom's `Condvar::wait_timeout`
//!   never times out and loom has no `park_timeout`; shuttle treats timed waits
//!   as untimed. A channel that only ever called the real timed primitives
//!   would have its timeout paths unchecked. So every timed wait goes through
//!   [`wait_until`] or [`park_until`] (and chanlab's own yield loops through
//!   a crate-internal `yield_until`), which under a checker *expire after one
//!   scheduling point*: the waiter gives up the lock (or its turn), the
//!   checker may run any other thread, and the waiter then returns
//!   "expired". The checker therefore chooses *where* the timeout lands
//!   relative to every concurrent send, receive and disconnect, and models
//!   of "a timeout races a send" explore both outcomes. Untimed waits stay
//!   real waits, so a lost wakeup is still reported as a deadlock.
//! * **Spurious wakeups.** loom never wakes a waiter spuriously; shuttle's
//!   `park` may, but its `Condvar::wait` never does, and neither checker's
//!   `compare_exchange_weak` ever fails spuriously. So an `if` where a `while`
//!   belongs passes both checkers. Every wait in chanlab sits in a loop that
//!   re-checks its condition, and building with `--cfg chanlab_spurious`
//!   makes the checkers test that claim (see [Spurious mode](#spurious-mode)).
//!
//! # Spurious mode
//!
//! With `RUSTFLAGS="--cfg chanlab_spurious"` (on any arm, but meant for the
//! checkers) [`wait`], [`park`] and [`AtomicUsize::compare_exchange_weak`]
//! may return without a notification (or fail without a conflicting store):
//!
//! * a spurious [`wait`] releases the lock, yields (so the checker may run
//!   any other thread in the gap), reacquires the lock and returns; a
//!   spurious [`park`] yields and returns; a spurious weak CAS performs a
//!   load with the failure ordering and returns it as `Err`.
//! * **Which calls are spurious.** loom has no "choose" primitive, and
//!   shuttle's DFS scheduler refuses `shuttle::rand`, so the choice alternates
//!   per thread and per kind of call: the 1st, 3rd, 5th... wait of a thread
//!   is spurious, the 2nd, 4th... are real (likewise for parks and weak
//!   CASes). Every wait loop therefore runs "spurious, then real" in every
//!   execution, and the checker explores every place the spurious return can
//!   land relative to the other threads. Not explored: a first wait that is
//!   real (a run without `chanlab_spurious` covers it), and two spurious
//!   returns in a row (it only repeats a re-check that already failed once).
//!
//! # The checkers' own limits (read before trusting a green model)
//!
//! * **loom** explores every interleaving and every value a C11 load may read,
//!   up to an optional preemption bound, but: `SeqCst` loads and stores are
//!   treated as `AcqRel` (only `fence(SeqCst)` is modelled as sequentially
//!   consistent), so a `SeqCst` algorithm can see false alarms; load buffering
//!   (a load reading a store that is later in program order of another thread
//!   whose own load came first) is not explored; at most 5 threads including
//!   the main one; no `thread::scope`; a loop that waits for another thread
//!   must call [`spin_loop`] or [`yield_now`] or loom reports "exceeded maximum
//!   number of branches". And loom's own `unpark` ends *any* wait of its
//!   target (a `join`, a contended lock), where std's and shuttle's end
//!   only a `park`: a wake-up still in flight when its target has moved on
//!   would make loom fail an assertion of its own. The loom arm therefore
//!   builds std's `park`/`unpark` (a token per thread) from loom's parts
//!   (`sync/parking.rs`), so the channels run the same code under loom as
//!   on std.
//! * **shuttle** runs random, PCT and DFS schedules of real threads, but every
//!   atomic is sequentially consistent and `UnsafeCell` accesses are not
//!   tracked: it checks *interleavings*, never *orderings*. Only loom and Miri
//!   can judge an `Ordering`. Its DFS scheduler ignores `yield_now`, so DFS is
//!   only used on models without spin-waiting.
//!
//! # Recording an execution
//!
//! With `RUSTFLAGS="--cfg chanlab_trace"` on a checker arm, the atomics,
//! cells, condition variables, thread handles, `park` and the functions
//! below are thin wrappers from `sync/trace.rs` that write each step down
//! (thread, `file:line` of the channel code, operation, value), so that the
//! failing execution of a model can be read step by step; the book's
//! timelines are drawn from such recordings. The wrappers take the
//! caller's location (`#[track_caller]`), so loom's reports still name the
//! channel's lines. Channel code is the same in every build.
//!
//! # Counting
//!
//! With the cargo feature `stats`, the std arm's `park`, `yield_now`,
//! `spin_loop`, `current` (whose `Thread::unpark` is counted) and `Condvar`
//! (waits and notifies counted) are thin wrappers from `sync/counted.rs`
//! with the same names and signatures, and [`park_until`] counts its park:
//! channel code is the same in both builds, and without the feature this
//! facade names std's items directly. The counts are public as
//! `chanlab::stats`. Under a checker the feature counts nothing.
//!
//! [loom]: https://docs.rs/loom/0.7
//! [shuttle]: https://docs.rs/shuttle/0.9

// Not every primitive is used by every channel on every arm.
#![allow(dead_code, unused_imports)]

mod blocking;
mod wait;
// The counters, and the std arm's primitives counted (cargo feature `stats`).
#[cfg(not(chanlab_loom))]
mod cell;
#[cfg(all(feature = "stats", not(any(chanlab_loom, feature = "shuttle"))))]
mod counted;
#[cfg(chanlab_spurious)]
mod spurious;
#[cfg(feature = "stats")]
pub mod stats;

// ---------------------------------------------------------------- loom arm
// std's `park`/`unpark` built from loom's (see `sync/parking.rs`).
#[cfg(chanlab_loom)]
mod parking;

#[cfg(chanlab_loom)]
mod imp {
    pub use super::parking::{Thread, current, park};
    pub use loom::cell::UnsafeCell;
    pub use loom::hint::spin_loop;
    pub use loom::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering, fence};
    pub use loom::sync::{Arc, Condvar, Mutex, MutexGuard};
    pub use loom::thread::{spawn, yield_now};

    loom::thread_local! {
        /// Per thread: whether the next wait, park and weak CAS is spurious.
        pub(crate) static NEXT_SPURIOUS: std::cell::Cell<[bool; 3]> = std::cell::Cell::new([true; 3]);
    }

    /// Whether a model checker runs this build: `true` here (loom).
    pub const CHECKER: bool = true;
}

// ------------------------------------------------------------- shuttle arm
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
mod imp {
    pub use super::cell::UnsafeCell;
    pub use shuttle::hint::spin_loop;
    pub use shuttle::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering, fence};
    pub use shuttle::sync::{Arc, Condvar, Mutex, MutexGuard};
    pub use shuttle::thread::{Thread, current, park, spawn, yield_now};

    shuttle::thread_local! {
        /// Per thread: whether the next wait, park and weak CAS is spurious.
        pub(crate) static NEXT_SPURIOUS: std::cell::Cell<[bool; 3]> = std::cell::Cell::new([true; 3]);
    }

    /// Whether a model checker runs this build: `true` here (shuttle).
    pub const CHECKER: bool = true;
}

// ----------------------------------------------------------------- std arm
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod imp {
    pub use super::cell::UnsafeCell;
    pub use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering, fence};
    pub use std::sync::{Arc, Mutex, MutexGuard};
    pub use std::thread::spawn;

    // The blocking primitives: std's own, or counted wrappers of them (feature `stats`).
    #[cfg(feature = "stats")]
    pub use super::counted::{Condvar, Thread, current, park, spin_loop, yield_now};
    #[cfg(not(feature = "stats"))]
    pub use std::hint::spin_loop;
    #[cfg(not(feature = "stats"))]
    pub use std::sync::Condvar;
    #[cfg(not(feature = "stats"))]
    pub use std::thread::{Thread, current, park, yield_now};

    std::thread_local! {
        /// Per thread: whether the next wait, park and weak CAS is spurious.
        pub(crate) static NEXT_SPURIOUS: std::cell::Cell<[bool; 3]> = const { std::cell::Cell::new([true; 3]) };
    }

    /// Whether a model checker runs this build: `false` here (std).
    pub const CHECKER: bool = false;
}

pub use imp::{
    Arc, AtomicBool, CHECKER, Mutex, MutexGuard, Ordering, fence, spawn, spin_loop, yield_now,
};
#[cfg(not(chanlab_trace))]
pub use imp::{AtomicPtr, Condvar, Thread, UnsafeCell, current};
#[cfg(not(any(chanlab_spurious, chanlab_trace)))]
pub use imp::{AtomicUsize, park};
#[cfg(chanlab_spurious)]
pub use spurious::{AtomicUsize, park};

// The step recorder (`--cfg chanlab_trace`): every primitive above that a
// channel touches, wrapped to record where and by whom (`sync/trace.rs`).
#[cfg(chanlab_trace)]
pub mod trace;
#[cfg(chanlab_trace)]
pub use trace::{AtomicPtr, AtomicUsize, Condvar, Thread, UnsafeCell, current, park};
#[cfg(all(
    chanlab_trace,
    any(chanlab_spurious, not(any(chanlab_loom, feature = "shuttle")))
))]
compile_error!(
    "--cfg chanlab_trace records a checker's execution: use it with loom or shuttle, without chanlab_spurious"
);

pub(crate) use wait::{Wait, deadline_after, yield_until};

/// Current time; `std`'s clock on every arm. Under a checker deadlines are
/// only compared by the std arm of [`wait_until`] and [`park_until`], so the
/// wall clock never decides a checker's outcome.
pub(crate) use std::time::Instant;

pub use blocking::{lock, park_until, wait, wait_until};

/// Whether this build may return spuriously from waits (`--cfg chanlab_spurious`).
pub(crate) const SPURIOUS: bool = cfg!(chanlab_spurious);
