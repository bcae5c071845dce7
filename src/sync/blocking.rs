//! The facade's blocking helpers: a lock that ignores poisoning, a
//! condition-variable wait that spurious mode can end early, and the two
//! timed waits that a checker expires after one scheduling point (see
//! [the facade's docs](crate::sync)).

#[cfg(chanlab_spurious)]
use super::spurious;
#[cfg(feature = "stats")]
use super::stats;
#[cfg(chanlab_trace)]
use super::trace;
use super::{CHECKER, Condvar, Instant, Mutex, MutexGuard, SPURIOUS, yield_now};

/// Records `op` at the caller's line when the step recorder is built in
/// (`--cfg chanlab_trace`); nothing otherwise.
#[track_caller]
#[inline(always)]
fn step(op: &str) {
    #[cfg(chanlab_trace)]
    trace::step(op);
    let _ = op;
}

/// Locks `m`, ignoring poisoning.
///
/// chanlab never runs user code (a message's `Drop`, `Debug`, ...) while one
/// of its locks is held, and every critical section leaves the state
/// consistent before any operation that can panic, so a poisoned lock still
/// guards a valid state. Ignoring the poison flag means a panicking user
/// thread can never make the channel unusable for the others. A channel of
/// your own may rely on this only if it keeps the same discipline.
///
/// ```
/// use chanlab::sync::{self, Mutex};
/// let m = Mutex::new(1);
/// *sync::lock(&m) += 1;
/// assert_eq!(*sync::lock(&m), 2);
/// ```
#[track_caller]
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    let guard = m.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    step("lock");
    guard
}

/// Waits on `cv` until notified (or spuriously woken). Poison is ignored as
/// in [`lock`]. `guard` must be a guard of `mutex`, which a spurious wakeup
/// in [spurious mode](crate::sync#spurious-mode) releases and reacquires: call it in a
/// loop that re-checks the condition.
///
/// ```
/// use chanlab::sync::{self, Arc, Condvar, Mutex};
/// let pair = Arc::new((Mutex::new(false), Condvar::new()));
/// let other = pair.clone();
/// let t = sync::spawn(move || {
///     *sync::lock(&other.0) = true;
///     other.1.notify_one();
/// });
/// let mut ready = sync::lock(&pair.0);
/// while !*ready {
///     ready = sync::wait(&pair.1, &pair.0, ready);
/// }
/// assert!(*ready);
/// drop(ready);
/// t.join().unwrap();
/// ```
#[track_caller]
pub fn wait<'a, T>(
    cv: &Condvar,
    mutex: &'a Mutex<T>,
    guard: MutexGuard<'a, T>,
) -> MutexGuard<'a, T> {
    if SPURIOUS && spurious_now() {
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

/// Waits on `cv` until notified or until `deadline`; returns the guard and
/// whether the deadline has passed. `guard` must be a guard of `mutex`.
///
/// Under a checker the wait releases the lock, lets the checker schedule any
/// other thread, reacquires the lock and reports the deadline as passed: the
/// checker picks the instant at which the timeout fires. Callers re-check
/// their condition before acting on an expiry, exactly as they must on std.
///
/// ```
/// use chanlab::sync::{self, Condvar, Mutex};
/// use std::time::{Duration, Instant};
/// let (m, cv) = (Mutex::new(()), Condvar::new());
/// let deadline = Instant::now() + Duration::from_millis(1);
/// let (_guard, expired) = sync::wait_until(&cv, &m, sync::lock(&m), deadline);
/// assert!(expired, "nobody notifies: the wait ends at the deadline");
/// ```
#[track_caller]
pub fn wait_until<'a, T>(
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

/// Parks the current thread until unparked (or spuriously woken) or until
/// `deadline`; returns whether the deadline has passed.
///
/// Under a checker this yields once and reports the deadline as passed (see
/// the module docs); callers must re-check and deregister as on std.
///
/// ```
/// use std::time::{Duration, Instant};
/// let deadline = Instant::now() + Duration::from_millis(1);
/// while !chanlab::sync::park_until(deadline) {} // woken early: park again
/// assert!(Instant::now() >= deadline);
/// ```
#[track_caller]
#[inline]
pub fn park_until(deadline: Instant) -> bool {
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

/// Whether the current [`wait`] returns spuriously (spurious mode only).
fn spurious_now() -> bool {
    #[cfg(chanlab_spurious)]
    return spurious::now(spurious::WAIT);
    #[cfg(not(chanlab_spurious))]
    false
}
