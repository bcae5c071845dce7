//! The channel behind the handles: the state one lock guards, sending,
//! receiving, and the short wait before sleeping. The rendezvous offer is
//! in `offer.rs`, the handles in `handles.rs`, the waiting tasks in
//! `waiters.rs` and the futures in `future.rs`; the module docs explain the
//! four rules this file follows.

use super::waiters::{self, Tasks};
use crate::error::{RecvTimeoutError, SendTimeoutError};
use crate::sync::{self, Arc, CHECKER, Condvar, Mutex, MutexGuard, Wait};
use crate::tune;
use std::collections::VecDeque;
use std::task::Waker;

// ANCHOR: state
/// Everything the lock guards.
pub(super) struct State<T> {
    pub(super) queue: VecDeque<T>,
    /// Rendezvous only: the ticket of each message in `queue`, in the same
    /// order (each is a blocked sender's offer); empty otherwise.
    pub(super) offers: VecDeque<u64>,
    /// Rendezvous only: the ticket of the next offer.
    pub(super) next_ticket: u64,
    /// Live `Sender`s and `SyncSender`s.
    pub(super) senders: usize,
    /// Whether the `Receiver` is alive.
    pub(super) receiver: bool,
    /// Threads blocked in a send, waiting on `send_ready`.
    pub(super) senders_waiting: usize,
    /// 1 while the receiver is blocked on `recv_ready`, else 0.
    pub(super) receiver_waiting: usize,
    /// The receiver's task while it awaits `recv_async` with nothing to
    /// take; a wake-up takes it.
    pub(super) receiver_task: Option<Waker>,
    /// Tasks awaiting `send_async`, oldest first (`waiters.rs`).
    pub(super) sender_tasks: Tasks,
    /// Rendezvous only: the first queued message came from `try_send`, so
    /// no sender waits for it (the receive it was handed to was dropped).
    pub(super) handed: bool,
    /// Unbounded only: how many messages the receiver took in its last
    /// batch, as of its last lock (`len` on a sender's handle counts them).
    pub(super) taken: usize,
}

pub(super) struct Channel<T> {
    pub(super) state: Mutex<State<T>>,
    /// `None`: unbounded. `Some(0)`: rendezvous. `Some(n)`: at most n queued.
    pub(super) cap: Option<usize>,
    pub(super) send_ready: Condvar,
    pub(super) recv_ready: Condvar,
}
// ANCHOR_END: state

pub(super) type Guard<'a, T> = MutexGuard<'a, State<T>>;

impl<T> State<T> {
    /// Whether the receiver waits for a message: blocked in a receive, or
    /// a task awaiting `recv_async`.
    pub(super) fn receiver_waits(&self) -> bool {
        self.receiver_waiting > 0 || self.receiver_task.is_some()
    }

    pub(super) fn tx_waiting(&mut self) -> &mut usize {
        &mut self.senders_waiting
    }

    pub(super) fn rx_waiting(&mut self) -> &mut usize {
        &mut self.receiver_waiting
    }
}

impl<T> Channel<T> {
    pub(super) fn new(cap: Option<usize>) -> Arc<Self> {
        let state = State {
            queue: VecDeque::new(),
            offers: VecDeque::new(),
            next_ticket: 0,
            senders: 1,
            receiver: true,
            senders_waiting: 0,
            receiver_waiting: 0,
            receiver_task: None,
            sender_tasks: Tasks::new(),
            handed: false,
            taken: 0,
        };
        Arc::new(Channel {
            state: Mutex::new(state),
            cap,
            send_ready: Condvar::new(),
            recv_ready: Condvar::new(),
        })
    }

    #[track_caller]
    pub(super) fn lock(&self) -> Guard<'_, T> {
        sync::lock(&self.state)
    }

    // ANCHOR: send
    /// Whether a message may be pushed now without waiting: for a rendezvous,
    /// only while the receiver waits with nothing to take.
    pub(super) fn has_room(&self, s: &State<T>) -> bool {
        match self.cap {
            None => true,
            Some(0) => s.queue.is_empty() && s.receiver_waits(),
            Some(cap) => s.queue.len() < cap,
        }
    }

    pub(super) fn send(&self, msg: T, wait: Wait) -> Result<(), SendTimeoutError<T>> {
        let mut s = self.lock();
        if self.cap == Some(0) && !matches!(wait, Wait::Never) {
            return self.offer(s, msg, wait);
        }
        let mut expired = matches!(wait, Wait::Never);
        let mut round = 0;
        loop {
            if !s.receiver {
                return Err(SendTimeoutError::Disconnected(msg));
            }
            if self.has_room(&s) {
                break;
            }
            if expired {
                return Err(SendTimeoutError::Timeout(msg));
            }
            (s, expired) = self.block(&self.send_ready, s, wait, &mut round, State::tx_waiting);
        }
        s.handed = self.cap == Some(0);
        self.push(&mut s, msg);
        self.wake_receiver(s);
        Ok(())
    }
    // ANCHOR_END: send

    /// Queues `msg`; for a rendezvous, with a fresh ticket, which it returns.
    pub(super) fn push(&self, s: &mut State<T>, msg: T) -> u64 {
        s.queue.push_back(msg);
        let ticket = s.next_ticket;
        if self.cap == Some(0) {
            s.offers.push_back(ticket);
            s.next_ticket += 1;
        }
        ticket
    }

    /// Releases the lock and wakes the receiver: its thread if it waits on
    /// `recv_ready`, its task if one awaits `recv_async`.
    pub(super) fn wake_receiver(&self, mut s: Guard<'_, T>) {
        let wake = s.receiver_waiting > 0 || !tune::WAIT_COUNT;
        let task = s.receiver_task.take();
        drop(s);
        if wake {
            self.recv_ready.notify_one();
        }
        waiters::wake(task);
    }

    // ANCHOR: recv
    /// Receives; `batch` is the receiver's own queue, empty when called.
    /// On an unbounded channel the rest of the queue moves into `batch` in
    /// the same lock, for the receiver to drain without locking (knob
    /// `batch` in `tune.rs`).
    pub(super) fn recv(&self, batch: &mut VecDeque<T>, wait: Wait) -> Result<T, RecvTimeoutError> {
        let mut s = self.lock();
        s.taken = 0; // the last batch is drained
        let mut expired = matches!(wait, Wait::Never);
        let mut round = 0;
        loop {
            if !s.queue.is_empty() {
                return Ok(self.take(s, batch));
            }
            if s.senders == 0 {
                return Err(RecvTimeoutError::Disconnected);
            }
            if expired {
                return Err(RecvTimeoutError::Timeout);
            }
            (s, expired) = self.block(&self.recv_ready, s, wait, &mut round, State::rx_waiting);
        }
    }
    // ANCHOR_END: recv

    // ANCHOR: take
    /// Takes the first message; on an unbounded channel the rest of the
    /// queue moves into `batch` in the same lock (knob `batch`). Releases
    /// the lock and wakes the senders the pop concerns.
    pub(super) fn take(&self, mut s: Guard<'_, T>, batch: &mut VecDeque<T>) -> T {
        let msg = s.queue.pop_front().expect("called with a message queued");
        let ticket = s.offers.pop_front();
        s.handed = false; // the next queued message, if any, is an offer
        if self.cap.is_none() && tune::BATCH {
            std::mem::swap(batch, &mut s.queue);
            s.taken = batch.len();
        }
        // A pop frees room in a bounded queue, or takes a blocked
        // rendezvous sender's offer (which thread: all re-check; which
        // task: the one that queued the ticket).
        let wake = self.cap.is_some() && (s.senders_waiting > 0 || !tune::WAIT_COUNT);
        let task = match (self.cap, ticket) {
            (Some(0), Some(ticket)) => s.sender_tasks.withdraw(ticket),
            (Some(_), _) => s.sender_tasks.pop(),
            (None, _) => None,
        };
        drop(s);
        match self.cap {
            Some(0) if wake => self.send_ready.notify_all(),
            _ if wake => self.send_ready.notify_one(),
            _ => {}
        }
        waiters::wake(task);
        msg
    }
    // ANCHOR_END: take

    /// Waits on `cv` once, counted in the waiter field chosen by `waiters`.
    /// Returns the guard and whether the deadline has passed.
    // ANCHOR: block
    /// One step of waiting for `cv`'s condition, with the lock released:
    /// the first `YIELD_ROUNDS` steps (`round` counts them) yield and look
    /// again, the later ones sleep on `cv`, counted in `waiters` (rule 3).
    /// Returns the guard and whether the deadline has passed.
    // Under a checker the limit is 0, which makes a comparison constant.
    #[allow(clippy::absurd_extreme_comparisons)]
    pub(super) fn block<'a>(
        &'a self,
        cv: &Condvar,
        mut s: Guard<'a, T>,
        wait: Wait,
        round: &mut u32,
        waiters: fn(&mut State<T>) -> &mut usize,
    ) -> (Guard<'a, T>, bool) {
        if *round < YIELD_ROUNDS && !matches!(wait, Wait::Never) {
            *round += 1;
            drop(s);
            if tune::crowded_yield() {
                // Another thread had the CPU for a time slice: sleep
                // after this look instead of feeding it more yields.
                *round = YIELD_ROUNDS;
            }
            return (self.lock(), wait.passed());
        }
        *waiters(&mut s) += 1;
        let (mut s, expired) = match wait {
            Wait::Until(deadline) => sync::wait_until(cv, &self.state, s, deadline),
            Wait::Forever => (sync::wait(cv, &self.state, s), false),
            Wait::Never => (s, true),
        };
        *waiters(&mut s) -= 1;
        (s, expired)
    }
    // ANCHOR_END: block
}

/// Steps of "unlock, yield, lock, look again" before a thread sleeps on a
/// condition variable: on a busy channel the other side usually acts
/// within a few yields, and then nobody sleeps, so nobody has to be woken
/// (a `notify_one` with a sleeper costs a system call and a context
/// switch on each side). None under a checker (more schedules, nothing
/// new), nor with knob `yield` off (`tune.rs`).
const YIELD_ROUNDS: u32 = if CHECKER || !tune::YIELD { 0 } else { 8 };
