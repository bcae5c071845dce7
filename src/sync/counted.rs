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
pub(crate) fn park() {
    bump(Counter::Parks);
    std::thread::park();
}

/// `std::thread::yield_now`, counted.
pub(crate) fn yield_now() {
    bump(Counter::Yields);
    std::thread::yield_now();
}

/// `std::hint::spin_loop`, counted.
#[inline]
pub(crate) fn spin_loop() {
    bump(Counter::Spins);
    std::hint::spin_loop();
}

/// `std::thread::current`, as a counted [`Thread`].
pub(crate) fn current() -> Thread {
    Thread(std::thread::current())
}

/// A `std::thread::Thread` whose `unpark` is counted.
#[derive(Clone, Debug)]
pub(crate) struct Thread(std::thread::Thread);

impl Thread {
    /// `Thread::unpark`, counted.
    pub(crate) fn unpark(&self) {
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
pub(crate) struct Condvar(std::sync::Condvar);

impl Condvar {
    /// `Condvar::new`.
    pub(crate) const fn new() -> Self {
        Self(std::sync::Condvar::new())
    }

    /// `Condvar::wait`, counted.
    pub(crate) fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> LockResult<MutexGuard<'a, T>> {
        bump(Counter::Waits);
        self.0.wait(guard)
    }

    /// `Condvar::wait_timeout`, counted as a wait.
    pub(crate) fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout: Duration,
    ) -> LockResult<(MutexGuard<'a, T>, WaitTimeoutResult)> {
        bump(Counter::Waits);
        self.0.wait_timeout(guard, timeout)
    }

    /// `Condvar::notify_one`, counted.
    pub(crate) fn notify_one(&self) {
        bump(Counter::NotifyOne);
        self.0.notify_one();
    }

    /// `Condvar::notify_all`, counted.
    pub(crate) fn notify_all(&self) {
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
