//! The tasks waiting on the senders' side, under the channel's lock.
//!
//! Threads wait on a condition variable and are only counted; a task
//! cannot wait on a condvar, so each waiting `send_async` future has an
//! entry here, `(id, waker)`, oldest first. The future keeps its id, which
//! is how it finds its entry again: to swap in a new waker when it is
//! polled with one, and to withdraw the entry when it is dropped. An entry
//! that is no longer here when its future looks was taken by a wake-up
//! (see "Waiting in tasks" in the module docs for who takes which).

use std::collections::VecDeque;
use std::task::Waker;

// ANCHOR: tasks
/// Waiting `send_async` futures, oldest first.
pub(super) struct Tasks {
    /// The id of the next entry (bounded channels; a rendezvous offer's
    /// entry uses its ticket instead).
    next_id: u64,
    queue: VecDeque<(u64, Waker)>,
}

impl Tasks {
    pub(super) fn new() -> Self {
        Tasks {
            next_id: 0,
            queue: VecDeque::new(),
        }
    }

    /// Queues the task of a future waiting for room, or updates its entry.
    /// `id` is the future's: `None` before its first wait, then the id of
    /// its entry. An entry still queued keeps its place and gets `waker`
    /// if it changed; a future whose entry a wake-up took (or that has
    /// none) joins the back under a fresh id. Returns the replaced waker,
    /// to drop after the lock.
    pub(super) fn register(&mut self, id: &mut Option<u64>, waker: &Waker) -> Option<Waker> {
        if let Some(entry) = id.and_then(|id| self.entry(id)) {
            return replace(entry, waker);
        }
        let fresh = self.next_id;
        self.next_id += 1;
        *id = Some(fresh);
        self.queue.push_back((fresh, waker.clone()));
        None
    }
    // ANCHOR_END: tasks

    /// Queues or updates the entry of a rendezvous offer, under its ticket
    /// (the receive that takes the offer wakes exactly that task).
    pub(super) fn register_offer(&mut self, ticket: u64, waker: &Waker) -> Option<Waker> {
        match self.entry(ticket) {
            Some(entry) => replace(entry, waker),
            None => {
                self.queue.push_back((ticket, waker.clone()));
                None
            }
        }
    }

    /// Removes entry `id`; `None` if a wake-up has already taken it.
    pub(super) fn withdraw(&mut self, id: u64) -> Option<Waker> {
        let at = self.queue.iter().position(|&(i, _)| i == id)?;
        self.queue.remove(at).map(|(_, waker)| waker)
    }

    /// Takes the oldest entry: the task a freed slot wakes.
    pub(super) fn pop(&mut self) -> Option<Waker> {
        self.queue.pop_front().map(|(_, waker)| waker)
    }

    /// Takes every entry: the receiver is gone.
    pub(super) fn take_all(&mut self) -> VecDeque<(u64, Waker)> {
        std::mem::take(&mut self.queue)
    }

    fn entry(&mut self, id: u64) -> Option<&mut Waker> {
        self.queue
            .iter_mut()
            .find(|(i, _)| *i == id)
            .map(|(_, waker)| waker)
    }
}

/// Puts `waker` in `entry` unless it wakes the same task; returns the old
/// one if replaced.
fn replace(entry: &mut Waker, waker: &Waker) -> Option<Waker> {
    (!entry.will_wake(waker)).then(|| std::mem::replace(entry, waker.clone()))
}

/// Wakes `task`, if any: called after the lock is released.
pub(super) fn wake(task: Option<Waker>) {
    if let Some(waker) = task {
        waker.wake();
    }
}

// ANCHOR: set_waker
/// Stores `waker` in `slot` (a clone), unless `slot` already holds a waker
/// of the same task. Returns the waker it replaced, for the caller to drop
/// outside its lock.
pub(super) fn set_waker(slot: &mut Option<Waker>, waker: &Waker) -> Option<Waker> {
    match slot {
        Some(old) if old.will_wake(waker) => None,
        _ => slot.replace(waker.clone()),
    }
}
// ANCHOR_END: set_waker
