//! The std arm's blocking primitives, counted (cargo feature `stats`).
//!
//! Same names and signatures as the `std` items they replace, so channel
//! code compiles unchanged: functions for `park`, `yield_now`, `spin_loop`
//! and `current`, and newtypes for `Thread` and `Condvar` whose counted
//! methods shadow the wrapped type's, every other method being the wrapped
//! type's through `Deref`. Each call bumps a counter of [`super::stats`].

use super::stats::{Counter, bump};
use std::sync::{LockResult, MutexGuard, WaitTimeoutResult};
use std::time::Duration;

/// `std::thread::park`, counted.
///
/// ```
/// chanlab::sync::current().unpark(); // the token makes the park return
/// chanlab::sync::park();
/// ```
pub fn park() {
    bump(Counter::Parks);
    std::thread::park();
}

/// `std::thread::yield_now`, counted.
///
/// ```
/// chanlab::sync::yield_now();
/// ```
pub fn yield_now() {
    bump(Counter::Yields);
    std::thread::yield_now();
}

/// `std::hint::spin_loop`, counted.
///
/// ```
/// chanlab::sync::spin_loop();
/// ```
#[inline]
pub fn spin_loop() {
    bump(Counter::Spins);
    std::hint::spin_loop();
}

/// `std::thread::current`, as a counted [`Thread`].
///
/// ```
/// let me = chanlab::sync::current();
/// assert_eq!(me.id(), std::thread::current().id());
/// ```
pub fn current() -> Thread {
    Thread(std::thread::current())
}

/// A `std::thread::Thread` whose `unpark` is counted.
#[derive(Clone, Debug)]
pub struct Thread(std::thread::Thread);

impl Thread {
    /// `Thread::unpark`, counted.
    ///
    /// ```
    /// chanlab::sync::current().unpark();
    /// chanlab::sync::park(); // returns: the token is there
    /// ```
    pub fn unpark(&self) {
        bump(Counter::Unparks);
        self.0.unpark();
    }
}

impl std::ops::Deref for Thread {
    type Target = std::thread::Thread;
    fn deref(&self) -> &std::thread::Thread {
        &self.0
    }
}

/// A `std::sync::Condvar` whose waits and notifies are counted.
#[derive(Debug, Default)]
pub struct Condvar(std::sync::Condvar);

impl Condvar {
    /// `Condvar::new`.
    ///
    /// ```
    /// let cv = chanlab::sync::Condvar::new();
    /// cv.notify_all(); // nobody waits: nothing happens
    /// ```
    pub const fn new() -> Self {
        Self(std::sync::Condvar::new())
    }

    /// `Condvar::wait`, counted.
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
    ///     ready = pair.1.wait(ready).unwrap();
    /// }
    /// drop(ready);
    /// t.join().unwrap();
    /// ```
    pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        bump(Counter::Waits);
        self.0.wait(guard)
    }

    /// `Condvar::wait_timeout`, counted as a wait.
    ///
    /// ```
    /// use chanlab::sync::{self, Condvar, Mutex};
    /// let (m, cv) = (Mutex::new(()), Condvar::new());
    /// let (_guard, r) = cv.wait_timeout(sync::lock(&m), std::time::Duration::ZERO).unwrap();
    /// assert!(r.timed_out());
    /// ```
    pub fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        bump(Counter::Waits);
        self.0.wait_timeout(guard, timeout)
    }

    /// `Condvar::notify_one`, counted.
    ///
    /// ```
    /// chanlab::sync::Condvar::new().notify_one();
    /// ```
    pub fn notify_one(&self) {
        bump(Counter::NotifyOne);
        self.0.notify_one();
    }

    /// `Condvar::notify_all`, counted.
    ///
    /// ```
    /// chanlab::sync::Condvar::new().notify_all();
    /// ```
    pub fn notify_all(&self) {
        bump(Counter::NotifyAll);
        self.0.notify_all();
    }
}

impl std::ops::Deref for Condvar {
    type Target = std::sync::Condvar;
    fn deref(&self) -> &std::sync::Condvar {
        &self.0
    }
}
