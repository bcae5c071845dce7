//! Who waits for a channel: a thread or a task.
//!
//! Each channel has one place where a blocked operation waits: the mutex
//! channel's locked state, the lock-free receiver's parker, the ring's
//! waiter lists. A thread blocked in `recv` or `send` waits there, and so
//! does a task whose `recv_async` or `send_async` future returned
//! `Pending`. What is stored is a [`Waiter`]: the thread's handle, which a
//! wake-up unparks, or the task's [`Waker`], which a wake-up wakes. The
//! protocol that decides *who* wakes *whom* is the channel's own and does
//! not change with the kind of waiter; each channel's module docs say what
//! the task side adds (re-registration with a new waker, and withdrawal
//! when a future is dropped).
//!
//! Two rules hold for every waker, in every channel:
//!
//! * **Wakers are woken and dropped outside the channel's locks.** A wake
//!   runs the executor's code, and dropping a task's last waker may free
//!   the task; neither may run while a channel lock is held (the mutex
//!   channel's rule 4). Cloning one under a lock is fine: it only counts.
//! * **A future that must look again without anyone to wake it** (a sender
//!   is between claiming a slot and writing it, or a wake-up is still in
//!   flight) wakes its own task and returns `Pending` ([`poll_again`]):
//!   the executor then runs other tasks first, as a thread would yield.

use crate::sync::{self, CHECKER, Thread};
use std::task::{Context, Poll, Waker};

/// A blocked thread or a pending task.
pub(crate) enum Waiter {
    /// A thread blocked in a channel call; woken by `unpark`.
    Thread(Thread),
    /// A task whose future returned `Pending`; woken by its waker.
    Task(Waker),
}

impl Waiter {
    /// Wakes the waiter, consuming the handle.
    pub(crate) fn wake(self) {
        match self {
            Waiter::Thread(thread) => thread.unpark(),
            Waiter::Task(waker) => waker.wake(),
        }
    }
}

/// Wakes the task of `cx` and returns `Pending`: the future is polled
/// again once the executor has run its other ready tasks. For a future that
/// waits for another thread to finish a few instructions and that nothing
/// will wake. Under a model checker the thread also yields, so that the
/// checker schedules the thread it waits for (a self-wake alone is no
/// scheduling point, and loom would report a busy loop).
pub(crate) fn poll_again<T>(cx: &mut Context<'_>) -> Poll<T> {
    if CHECKER {
        sync::yield_now();
    }
    cx.waker().wake_by_ref();
    Poll::Pending
}
