//! The synchronisation facade: the only module in chanlab that names `std`'s,
//! loom's or shuttle's primitives.
//!
//! Every channel imports its atomics, locks, condition variables, threads and
//! cells from here, so one switch moves the whole crate onto a model checker:
//!
//! | build                               | primitives                     |
//! |-------------------------------------|--------------------------------|
//! | default                             | `std`                          |
//! | `RUSTFLAGS="--cfg chanlab_loom"`    | [loom] (exhaustive C11 model)  |
//! | `--features shuttle`                | [shuttle] (randomised schedules)|
//!
//! # What the checkers do not model, and how chanlab compensates
//!
//! * **Time.** Neither checker has a clock: loom's `Condvar::wait_timeout`
//!   never times out and loom has no `park_timeout`; shuttle treats timed waits
//!   as untimed. A channel that only ever called the real timed primitives
//!   would have its timeout paths unchecked. So every timed wait in chanlab
//!   goes through [`wait_until`], [`park_until`] or [`yield_until`], which
//!   under a checker *expire after one scheduling point*: the waiter gives up
//!   the lock (or its turn), the checker may run any other thread, and the
//!   waiter then returns "expired". The checker therefore chooses *where*
//!   the timeout lands relative to every concurrent send, receive and
//!   disconnect, and models of "a timeout races a send" explore both
//!   outcomes. Untimed waits stay real waits, so a lost wakeup is still
//!   reported as a deadlock.
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
//! facade names std's items directly, as before. The counts are public as
//! `chanlab::stats`. Under a checker the feature counts nothing.
//!
//! [loom]: https://docs.rs/loom/0.7
//! [shuttle]: https://docs.rs/shuttle/0.9

// Not every primitive is used by every channel on every arm.
#![allow(dead_code, unused_imports)]

// The counters, and the std arm's primitives counted (cargo feature `stats`).
#[cfg(all(feature = "stats", not(any(chanlab_loom, feature = "shuttle"))))]
mod counted;
#[cfg(feature = "stats")]
pub mod stats;

// ---------------------------------------------------------------- loom arm
// std's `park`/`unpark` built from loom's (see `sync/parking.rs`).
#[cfg(chanlab_loom)]
mod parking;

#[cfg(chanlab_loom)]
mod imp {
    pub(crate) use super::parking::{Thread, current, park};
    pub(crate) use loom::cell::UnsafeCell;
    pub(crate) use loom::hint::spin_loop;
    pub(crate) use loom::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering, fence};
    pub(crate) use loom::sync::{Arc, Condvar, Mutex, MutexGuard};
    pub(crate) use loom::thread::{spawn, yield_now};

    loom::thread_local! {
        /// Per thread: whether the next wait, park and weak CAS is spurious.
        pub(crate) static NEXT_SPURIOUS: std::cell::Cell<[bool; 3]> = std::cell::Cell::new([true; 3]);
    }

    pub(crate) const CHECKER: bool = true;
}

// ------------------------------------------------------------- shuttle arm
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
mod imp {
    pub(crate) use super::cell::UnsafeCell;
    pub(crate) use shuttle::hint::spin_loop;
    pub(crate) use shuttle::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering, fence};
    pub(crate) use shuttle::sync::{Arc, Condvar, Mutex, MutexGuard};
    pub(crate) use shuttle::thread::{Thread, current, park, spawn, yield_now};

    shuttle::thread_local! {
        /// Per thread: whether the next wait, park and weak CAS is spurious.
        pub(crate) static NEXT_SPURIOUS: std::cell::Cell<[bool; 3]> = std::cell::Cell::new([true; 3]);
    }

    pub(crate) const CHECKER: bool = true;
}

// ----------------------------------------------------------------- std arm
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod imp {
    pub(crate) use super::cell::UnsafeCell;
    pub(crate) use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering, fence};
    pub(crate) use std::sync::{Arc, Mutex, MutexGuard};
    pub(crate) use std::thread::spawn;

    // The blocking primitives: std's own, or counted wrappers of them (feature `stats`).
    #[cfg(feature = "stats")]
    pub(crate) use super::counted::{Condvar, Thread, current, park, spin_loop, yield_now};
    #[cfg(not(feature = "stats"))]
    pub(crate) use std::hint::spin_loop;
    #[cfg(not(feature = "stats"))]
    pub(crate) use std::sync::Condvar;
    #[cfg(not(feature = "stats"))]
    pub(crate) use std::thread::{Thread, current, park, yield_now};

    std::thread_local! {
        /// Per thread: whether the next wait, park and weak CAS is spurious.
        pub(crate) static NEXT_SPURIOUS: std::cell::Cell<[bool; 3]> = const { std::cell::Cell::new([true; 3]) };
    }

    pub(crate) const CHECKER: bool = false;
}

#[allow(unused_imports)]
pub(crate) use imp::{
    Arc, AtomicBool, CHECKER, Mutex, MutexGuard, Ordering, fence, spawn, spin_loop, yield_now,
};
#[allow(unused_imports)]
#[cfg(not(chanlab_trace))]
pub(crate) use imp::{AtomicPtr, Condvar, Thread, UnsafeCell, current};
#[allow(unused_imports)]
#[cfg(not(any(chanlab_spurious, chanlab_trace)))]
pub(crate) use imp::{AtomicUsize, park};
#[cfg(chanlab_spurious)]
pub(crate) use spurious::{AtomicUsize, park};

// The step recorder (`--cfg chanlab_trace`): every primitive above that a
// channel touches, wrapped to record where and by whom (`sync/trace.rs`).
#[cfg(chanlab_trace)]
pub mod trace;
#[cfg(chanlab_trace)]
pub(crate) use trace::{AtomicPtr, AtomicUsize, Condvar, Thread, UnsafeCell, current, park};
#[cfg(all(
    chanlab_trace,
    any(chanlab_spurious, not(any(chanlab_loom, feature = "shuttle")))
))]
compile_error!(
    "--cfg chanlab_trace records a checker's execution: use it with loom or shuttle, without chanlab_spurious"
);

/// Records `op` at the caller's line when the step recorder is built in
/// (`--cfg chanlab_trace`); nothing otherwise.
#[track_caller]
#[inline(always)]
fn step(op: &str) {
    #[cfg(chanlab_trace)]
    trace::step(op);
    let _ = op;
}

/// Current time; `std`'s clock on every arm. Under a checker deadlines are
/// only compared by the std arm of [`wait_until`] and [`park_until`], so the
/// wall clock never decides a checker's outcome.
pub(crate) use std::time::Instant;

/// Lock `m`, ignoring poisoning.
///
/// chanlab never runs user code (a message's `Drop`, `Debug`, ...) while one
/// of its locks is held, and every critical section leaves the state
/// consistent before any operation that can panic, so a poisoned lock still
/// guards a valid state. Ignoring the poison flag means a panicking user
/// thread can never make the channel unusable for the others.
#[track_caller]
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    let guard = m.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    step("lock");
    guard
}

/// Wait on `cv` until notified (or spuriously woken). Poison is ignored as in
/// [`lock`]. `guard` must be a guard of `mutex`, which a spurious wakeup in
/// [spurious mode](#spurious-mode) releases and reacquires.
#[track_caller]
pub(crate) fn wait<'a, T>(
    cv: &Condvar,
    mutex: &'a Mutex<T>,
    guard: MutexGuard<'a, T>,
) -> MutexGuard<'a, T> {
    if SPURIOUS && spurious::now(spurious::WAIT) {
        drop(guard);
        yield_now();
        return lock(mutex);
    }
    step("wait");
    let guard = cv
        .wait(guard)
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    step("woke");
    guard
}

/// Wait on `cv` until notified or until `deadline`; returns the guard and
/// whether the deadline has passed. `guard` must be a guard of `mutex`.
///
/// Under a checker the wait releases the lock, lets the checker schedule any
/// other thread, reacquires the lock and reports the deadline as passed: the
/// checker picks the instant at which the timeout fires. Callers re-check
/// their condition before acting on an expiry, exactly as they must on std.
#[track_caller]
pub(crate) fn wait_until<'a, T>(
    cv: &Condvar,
    mutex: &'a Mutex<T>,
    guard: MutexGuard<'a, T>,
    deadline: Instant,
) -> (MutexGuard<'a, T>, bool) {
    if CHECKER {
        step("wait_until");
        drop(guard);
        yield_now();
        return (lock(mutex), true);
    }
    let timeout = deadline.saturating_duration_since(Instant::now());
    let (guard, _) = cv
        .wait_timeout(guard, timeout)
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    (guard, Instant::now() >= deadline)
}

/// Park the current thread until unparked (or spuriously woken) or until
/// `deadline`; returns whether the deadline has passed.
///
/// Under a checker this yields once and reports the deadline as passed (see
/// the module docs); callers must re-check and deregister as on std.
#[track_caller]
pub(crate) fn park_until(deadline: Instant) -> bool {
    if CHECKER {
        step("park_until");
        yield_now();
        return true;
    }
    let now = Instant::now();
    if now >= deadline {
        return true;
    }
    #[cfg(feature = "stats")]
    stats::bump(stats::Counter::Parks);
    std::thread::park_timeout(deadline - now);
    Instant::now() >= deadline
}

/// Yields once, for a thread that waits on another one in the middle of an
/// operation (a sender between claiming a slot and publishing it, or
/// between taking and finishing a wake-up); returns whether `wait` has
/// expired. Every such wait is a loop of these, so a timed one overruns its
/// deadline by at most one yield, however long the other thread stalls.
///
/// Under a checker a timed wait expires after this one scheduling point, as
/// in [`park_until`]: a model in which the other thread never gets there
/// first sees the timeout.
pub(crate) fn yield_until(wait: Wait) -> bool {
    yield_now();
    match wait {
        Wait::Until(_) if CHECKER => true,
        wait => wait.passed(),
    }
}

/// `Instant::now() + timeout`, or `None` when that instant is not
/// representable (for example `Duration::MAX`): such a wait never expires.
pub(crate) fn deadline_after(timeout: std::time::Duration) -> Option<Instant> {
    Instant::now().checked_add(timeout)
}

/// Whether this build may return spuriously from waits (`--cfg chanlab_spurious`).
pub(crate) const SPURIOUS: bool = cfg!(chanlab_spurious);

/// The spurious-mode choices and wrappers (see [Spurious mode](#spurious-mode)).
mod spurious {
    use super::{Ordering, imp, yield_now};

    pub(super) const WAIT: usize = 0;
    pub(super) const PARK: usize = 1;
    pub(super) const CAS: usize = 2;

    /// Whether the current call of kind `kind` returns spuriously.
    pub(super) fn now(kind: usize) -> bool {
        imp::NEXT_SPURIOUS.with(|next| {
            let mut flags = next.get();
            let spurious = flags[kind];
            flags[kind] = !spurious;
            next.set(flags);
            spurious
        })
    }

    /// Park the current thread until unparked, or return spuriously.
    pub(crate) fn park() {
        if now(PARK) {
            yield_now();
            return;
        }
        imp::park();
    }

    /// The backend's `AtomicUsize` whose `compare_exchange_weak` may fail
    /// spuriously; every other method is the backend's, through `Deref`.
    #[derive(Debug)]
    pub(crate) struct AtomicUsize(imp::AtomicUsize);

    impl AtomicUsize {
        /// Wraps the backend's `AtomicUsize::new(value)`.
        pub(crate) fn new(value: usize) -> Self {
            Self(imp::AtomicUsize::new(value))
        }

        /// `compare_exchange_weak` that may fail without a conflicting store:
        /// it then only loads, with the `failure` ordering, as a failed CAS does.
        pub(crate) fn compare_exchange_weak(
            &self,
            current: usize,
            new: usize,
            success: Ordering,
            failure: Ordering,
        ) -> Result<usize, usize> {
            if now(CAS) {
                return Err(self.0.load(failure));
            }
            self.0.compare_exchange_weak(current, new, success, failure)
        }
    }

    impl std::ops::Deref for AtomicUsize {
        type Target = imp::AtomicUsize;
        fn deref(&self) -> &imp::AtomicUsize {
            &self.0
        }
    }
}

/// An `UnsafeCell` with loom's closure-based API on the std and shuttle arms,
/// so that channel code is written once and loom can track every access.
#[cfg(not(chanlab_loom))]
mod cell {
    /// A `core::cell::UnsafeCell` whose accesses go through closures, as in
    /// loom. Has no overhead after inlining.
    #[derive(Debug)]
    pub(crate) struct UnsafeCell<T>(core::cell::UnsafeCell<T>);

    impl<T> UnsafeCell<T> {
        /// Wraps `value`.
        pub(crate) const fn new(value: T) -> Self {
            Self(core::cell::UnsafeCell::new(value))
        }

        /// Calls `f` with a shared raw pointer to the contents.
        #[inline(always)]
        pub(crate) fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
            f(self.0.get())
        }

        /// Calls `f` with a unique raw pointer to the contents.
        #[inline(always)]
        pub(crate) fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
            f(self.0.get())
        }
    }
}

/// How long a channel operation may block: the one shape shared by
/// `try_*` (never), `*_timeout`/`*_deadline` (until an instant) and the plain
/// blocking calls (forever).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Wait {
    /// Do not block: `try_send`, `try_recv`.
    Never,
    /// Block until this instant at the latest.
    Until(Instant),
    /// Block for as long as it takes.
    Forever,
}

impl Wait {
    /// The wait for a `*_timeout(timeout)` call: `Forever` when the deadline
    /// overflows `Instant` (so `Duration::MAX` never panics).
    pub(crate) fn timeout(timeout: std::time::Duration) -> Wait {
        deadline_after(timeout).map_or(Wait::Forever, Wait::Until)
    }

    /// Whether the wait is over: always for `Never`, never for `Forever`,
    /// and for `Until` once the clock has reached the deadline (the only
    /// case that reads the clock). Checked after every bounded step of a
    /// spin or yield loop, so that the loop ends within one step of the
    /// deadline. Under a checker the clock never decides: only a scheduling
    /// point ([`wait_until`], [`park_until`], [`yield_until`]) expires an
    /// `Until`, so this returns `false` for it.
    pub(crate) fn passed(self) -> bool {
        match self {
            Wait::Never => true,
            Wait::Until(deadline) => !CHECKER && Instant::now() >= deadline,
            Wait::Forever => false,
        }
    }
}
