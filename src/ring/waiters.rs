//! Blocking: parking on both sides, after the bounded spin of
//! `backoff.rs`.
//!
//! The fast paths never touch this file's locks: a sender learns that the
//! receiver sleeps from its own claim CAS (`RX_PARKED` in `tail`), the
//! receiver learns that senders sleep from its own `head` swap
//! (`TX_PARKED`). Only then does it lock a list and unpark.
//!
//! * **The receiver** (at most one) stores its `Thread` in `rx`, then sets
//!   `RX_PARKED` with an RMW on `tail`; the sender whose claim clears the
//!   flag unparks it.
//! * **Senders** queue `(ticket, Thread)` in `tx` (FIFO) and set `TX_PARKED`
//!   in `head`, both under the `tx` lock. Each pop that sees the flag wakes
//!   the first sender and, if others remain, sets the flag again: one wake
//!   per freed slot. A woken sender retries; if another sender took the
//!   slot first it queues again. The receiver's drop wakes them all. A
//!   sender that times out leaves the queue; if a pop had already dequeued
//!   it, the caller's one last attempt after the expiry uses the slot that
//!   wake was for, so no wake is lost.
//!
//! A task waits in the same places, as a [`Waiter::Task`] where a thread
//! leaves its handle (the module docs, "Waiting in tasks", say what
//! changes: a task's waker is taken by its wake-up and woken outside the
//! lock, and a dropped future passes on a wake-up it was given).

use super::queue::{Queue, RxParked};
use crate::sync::{self, Mutex, Wait};
use crate::waiter::Waiter;
use std::collections::VecDeque;
use std::task::Waker;

/// Parked senders, in arrival order.
struct Parked {
    next_ticket: u64,
    queue: VecDeque<(u64, Waiter)>,
}

/// Who sleeps, and how to wake them.
pub(super) struct Waiters {
    rx: Mutex<Option<Waiter>>,
    tx: Mutex<Parked>,
}

/// Parks once, for `wait`; returns whether its deadline has passed.
fn park_once(wait: Wait) -> bool {
    match wait {
        Wait::Never => true,
        Wait::Until(deadline) => sync::park_until(deadline),
        Wait::Forever => {
            sync::park();
            false
        }
    }
}

impl Waiters {
    pub(super) fn new() -> Self {
        let parked = Parked {
            next_ticket: 0,
            queue: VecDeque::new(),
        };
        Waiters {
            rx: Mutex::new(None),
            tx: Mutex::new(parked),
        }
    }

    // ANCHOR: receiver
    /// Parks the receiver on an empty ring until a sender claims a slot,
    /// the last sender leaves, or `wait` expires (returns `true`).
    pub(super) fn park_receiver<T>(&self, queue: &Queue<T>, wait: Wait) -> bool {
        let old = sync::lock(&self.rx).replace(Waiter::Thread(sync::current()));
        drop(old); // perhaps a task's waker: dropped outside the lock
        let parked = queue.set_rx_parked();
        let mut expired = false;
        while parked.may_park && !expired {
            expired = park_once(wait);
            if queue.rx_woken() {
                break;
            }
        }
        let taken = queue.clear_rx_parked(&parked);
        // Taken by a sender: its message is at the head (or every sender
        // is gone), and the caller's retry finds it, expired or not.
        expired && !taken
    }

    /// Wakes the receiver (its flag was cleared by our claim or by the
    /// last sender's drop).
    ///
    /// A thread's handle stays in `rx`: a waker that runs late (its claim
    /// cleared a flag the receiver had already withdrawn) must not consume
    /// the handle of the receiver's *next* park, whose waker would then
    /// find nothing to unpark. A late wake is a spurious wakeup, which
    /// every park loop absorbs. A task's waker is taken, and woken after
    /// the lock: if it belonged to a later wait, that task is polled once
    /// early, looks, and registers again.
    pub(super) fn wake_receiver(&self) {
        let task = {
            let mut rx = sync::lock(&self.rx);
            match rx.take() {
                Some(Waiter::Thread(thread)) => {
                    thread.unpark();
                    rx.replace(Waiter::Thread(thread))
                }
                task => task,
            }
        };
        if let Some(task) = task {
            task.wake();
        }
    }
    // ANCHOR_END: receiver

    // ANCHOR: receiver_task
    /// Registers the receiver's task on an empty ring: its waker in `rx`,
    /// then `RX_PARKED`, as `park_receiver` does. Returns the raised flag
    /// to keep until the next poll, or `None` (and nothing registered)
    /// when waiting is not right: a claim or the disconnection came first.
    pub(super) fn arm_receiver<T>(&self, queue: &Queue<T>, waker: &Waker) -> Option<RxParked> {
        let old = sync::lock(&self.rx).replace(Waiter::Task(waker.clone()));
        drop(old);
        let parked = queue.set_rx_parked();
        if parked.may_park {
            return Some(parked);
        }
        self.disarm_receiver(queue, &mut Some(parked));
        None
    }

    /// Ends the wait of the receiver's task, if it has one (polled again,
    /// resolved, or dropped): withdraws the flag as `park_receiver` does
    /// after its wait, and the waker, unless a wake-up took it.
    pub(super) fn disarm_receiver<T>(&self, queue: &Queue<T>, parked: &mut Option<RxParked>) {
        let Some(parked) = parked.take() else { return };
        // A sender that took the flag may still wake the task: once more,
        // or (its waker taken below) nobody; either is harmless.
        let _taken = queue.clear_rx_parked(&parked);
        let mine = sync::lock(&self.rx).take();
        drop(mine);
    }
    // ANCHOR_END: receiver_task

    // ANCHOR: senders
    /// Parks a sender that found the ring full at `pos`, until a pop wakes
    /// it, the receiver leaves, or `wait` expires (returns `true`).
    pub(super) fn park_sender<T>(&self, queue: &Queue<T>, pos: usize, wait: Wait) -> bool {
        let ticket = self.enqueue(queue, Waiter::Thread(sync::current()));
        if !queue.still_full(pos) {
            self.leave(ticket);
            return false;
        }
        loop {
            let expired = park_once(wait);
            if !self.is_parked(ticket) {
                return expired; // dequeued by a pop or by the receiver's drop
            }
            if expired {
                self.leave(ticket);
                return true;
            }
        }
    }

    /// Queues `waiter` as a parked sender and raises `TX_PARKED`, under
    /// the `tx` lock; returns its ticket.
    fn enqueue<T>(&self, queue: &Queue<T>, waiter: Waiter) -> u64 {
        let mut parked = sync::lock(&self.tx);
        let ticket = parked.next_ticket;
        parked.next_ticket += 1;
        parked.queue.push_back((ticket, waiter));
        queue.set_tx_parked();
        ticket
    }

    fn is_parked(&self, ticket: u64) -> bool {
        let parked = sync::lock(&self.tx);
        parked.queue.iter().any(|&(t, _)| t == ticket)
    }

    /// Leaves the queue; `None` if a pop (or the receiver's drop) has
    /// already dequeued `ticket`. The waiter is dropped by the caller,
    /// after the lock.
    fn leave(&self, ticket: u64) -> Option<Waiter> {
        let mut parked = sync::lock(&self.tx);
        let at = parked.queue.iter().position(|&(t, _)| t == ticket)?;
        parked.queue.remove(at).map(|(_, waiter)| waiter)
    }

    /// A pop saw `TX_PARKED`: wake the first parked sender, and keep the
    /// flag up for the next pop if more remain. A thread is unparked
    /// under the lock, a task woken after it.
    pub(super) fn wake_sender<T>(&self, queue: &Queue<T>) {
        let task = {
            let mut parked = sync::lock(&self.tx);
            let first = parked
                .queue
                .pop_front()
                .and_then(|(_, w)| unpark_or_keep(w));
            if !parked.queue.is_empty() {
                queue.set_tx_parked();
            }
            first
        };
        if let Some(task) = task {
            task.wake();
        }
    }

    /// The receiver is gone: wake every parked sender, threads and tasks,
    /// after the lock is released.
    pub(super) fn wake_all_senders(&self) {
        let all = std::mem::take(&mut sync::lock(&self.tx).queue);
        for (_, waiter) in all {
            waiter.wake();
        }
    }
    // ANCHOR_END: senders

    // ANCHOR: sender_task
    /// Queues the task of a `send_async` that found the ring full at
    /// `pos`, as `park_sender` queues a thread. Returns its ticket, or
    /// `None` (nothing queued) if the ring has room again or the receiver
    /// is gone: the caller tries again.
    pub(super) fn arm_sender<T>(&self, queue: &Queue<T>, pos: usize, waker: &Waker) -> Option<u64> {
        let ticket = self.enqueue(queue, Waiter::Task(waker.clone()));
        if queue.still_full(pos) {
            return Some(ticket);
        }
        drop(self.leave(ticket)); // dequeued meanwhile: a spurious wake
        None
    }

    /// Whether `ticket` is still queued; if so its waker becomes `waker`
    /// (a future polled with a new one is woken through it).
    pub(super) fn still_parked(&self, ticket: u64, waker: &Waker) -> bool {
        let old = {
            let mut parked = sync::lock(&self.tx);
            let Some((_, mine)) = parked.queue.iter_mut().find(|(t, _)| *t == ticket) else {
                return false;
            };
            match mine {
                Waiter::Task(w) if w.will_wake(waker) => None,
                _ => Some(std::mem::replace(mine, Waiter::Task(waker.clone()))),
            }
        };
        drop(old);
        true
    }

    /// A waiting `send_async` future is dropped: leave the queue. If a pop
    /// had already dequeued it, that wake-up was for a freed slot the
    /// future will not use: pass it on to the next parked sender.
    pub(super) fn cancel_sender<T>(&self, queue: &Queue<T>, ticket: u64) {
        match self.leave(ticket) {
            Some(mine) => drop(mine),
            None => self.wake_sender(queue),
        }
    }
    // ANCHOR_END: sender_task
}

/// Unparks a thread (under the caller's lock, as a thread waiter always
/// was), or hands back a task to wake once the lock is released.
fn unpark_or_keep(waiter: Waiter) -> Option<Waiter> {
    match waiter {
        Waiter::Thread(thread) => {
            thread.unpark();
            None
        }
        task => Some(task),
    }
}
