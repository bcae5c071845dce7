//! A bounded channel: one `Mutex`, ONE `Condvar`, and counts of who waits.
//!
//! Senders wait on the condvar while the queue is full, the receiver while
//! it is empty: both kinds of waiter share one wait set. `notify_one` wakes
//! *some* waiter, which need not be one that can proceed, so the channel
//! counts its waiters (under the lock) and picks the call:
//!
//! * a receive that frees a slot wakes one waiter, and only senders can be
//!   waiting then (there is one receiver, and it is running);
//! * a send that queues a message for a waiting receiver wakes everybody
//!   if senders wait too: `notify_one` could pick a sender, which finds the
//!   queue still full and waits again, and the receiver would sleep beside
//!   a message (a lost wake-up);
//! * every notification is made with the lock held, so the counts are the
//!   wait set: a waiter counted has entered its wait, or been woken and not
//!   yet retaken the lock (a spare notification is then harmless).
//!
//! A timed wait that ends re-checks its condition before reporting a
//! timeout, so a notification it consumed is never lost.
//!
//! This file is the channel: its state, the two waiting loops and the
//! constructor. The handles' methods, thin calls into these, are in
//! `condvar/handles.rs`.

use chanlab::error::{RecvTimeoutError, SendTimeoutError};
use chanlab::sync::{self, Arc, Condvar, Mutex, MutexGuard};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

mod handles;
pub use handles::OneCondvar;

struct State<T> {
    queue: VecDeque<T>,
    cap: usize,
    senders: usize,
    receiver: bool,
    senders_waiting: usize,
    receiver_waiting: bool,
}

struct Chan<T> {
    state: Mutex<State<T>>,
    changed: Condvar,
}

impl<T> Chan<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        sync::lock(&self.state)
    }

    /// Waits on the one condvar until notified or the wait's deadline;
    /// returns the guard and whether the deadline passed.
    fn wait<'a>(
        &'a self,
        s: MutexGuard<'a, State<T>>,
        wait: Wait,
    ) -> (MutexGuard<'a, State<T>>, bool) {
        match wait {
            Wait::Until(at) => sync::wait_until(&self.changed, &self.state, s, at),
            Wait::Forever => (sync::wait(&self.changed, &self.state, s), false),
            Wait::Not => (s, true),
        }
    }

    /// Sends, waiting for room as `wait` says.
    fn send(&self, msg: T, wait: Wait) -> Result<(), SendTimeoutError<T>> {
        let (mut s, mut expired) = (self.lock(), matches!(wait, Wait::Not));
        loop {
            if !s.receiver {
                return Err(SendTimeoutError::Disconnected(msg));
            }
            if s.queue.len() < s.cap {
                s.queue.push_back(msg);
                if s.receiver_waiting && s.senders_waiting > 0 {
                    self.changed.notify_all(); // notify_one might pick a sender
                } else if s.receiver_waiting {
                    self.changed.notify_one(); // only the receiver waits
                }
                return Ok(());
            }
            if expired {
                return Err(SendTimeoutError::Timeout(msg));
            }
            s.senders_waiting += 1;
            (s, expired) = self.wait(s, wait);
            s.senders_waiting -= 1;
        }
    }

    fn recv(&self, wait: Wait) -> Result<T, RecvTimeoutError> {
        let (mut s, mut expired) = (self.lock(), matches!(wait, Wait::Not));
        loop {
            if let Some(msg) = s.queue.pop_front() {
                if s.senders_waiting > 0 {
                    self.changed.notify_one(); // only senders wait: we run
                }
                return Ok(msg);
            }
            if s.senders == 0 {
                return Err(RecvTimeoutError::Disconnected);
            }
            if expired {
                return Err(RecvTimeoutError::Timeout);
            }
            s.receiver_waiting = true;
            (s, expired) = self.wait(s, wait);
            s.receiver_waiting = false;
        }
    }
}

/// The sending half of [`sync_channel`]; cloned for each producer.
pub struct SyncSender<T>(Arc<Chan<T>>);

/// The receiving half of [`sync_channel`].
pub struct Receiver<T>(Arc<Chan<T>>);

/// A channel that holds at most `bound` messages; `bound` must be at least 1.
///
/// ```
/// let (tx, rx) = chanlab_labs::condvar::sync_channel(1);
/// tx.send(1).unwrap();
/// assert!(tx.try_send(2).is_err(), "full");
/// assert_eq!(rx.recv(), Ok(1));
/// ```
pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    assert!(
        bound >= 1,
        "this channel has no rendezvous mode: bound >= 1"
    );
    let state = State {
        queue: VecDeque::with_capacity(bound),
        cap: bound,
        senders: 1,
        receiver: true,
        senders_waiting: 0,
        receiver_waiting: false,
    };
    let chan = Arc::new(Chan {
        state: Mutex::new(state),
        changed: Condvar::new(),
    });
    (SyncSender(chan.clone()), Receiver(chan))
}

/// How long an operation may wait.
#[derive(Clone, Copy)]
enum Wait {
    Not,
    Until(Instant),
    Forever,
}

/// `Instant::now() + timeout`, or for ever past the clock's range.
fn deadline(timeout: Duration) -> Wait {
    Instant::now()
        .checked_add(timeout)
        .map_or(Wait::Forever, Wait::Until)
}
