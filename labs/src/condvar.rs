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

use chanlab::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};
use chanlab::flavor::Bounded;
use chanlab::sync::{self, Arc, Condvar, Mutex, MutexGuard};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

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

impl<T> SyncSender<T> {
    /// Sends, waiting while the channel is full.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(1);
    /// let t = std::thread::spawn(move || (0..3).for_each(|i| tx.send(i).unwrap()));
    /// let got: Vec<i32> = std::iter::from_fn(|| rx.recv().ok()).collect();
    /// assert_eq!(got, [0, 1, 2]);
    /// t.join().unwrap();
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.0
            .send(msg, Wait::Forever)
            .map_err(|e| SendError(e.into_inner()))
    }

    /// Sends only if there is room now.
    ///
    /// ```
    /// use chanlab::error::TrySendError;
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(1);
    /// assert_eq!(tx.try_send(1), Ok(()));
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// drop(rx);
    /// assert_eq!(tx.try_send(3), Err(TrySendError::Disconnected(3)));
    /// ```
    pub fn try_send(&self, msg: T) -> Result<(), TrySendError<T>> {
        self.0.send(msg, Wait::Not).map_err(|e| match e {
            SendTimeoutError::Timeout(m) => TrySendError::Full(m),
            SendTimeoutError::Disconnected(m) => TrySendError::Disconnected(m),
        })
    }

    /// Sends, waiting at most `timeout` for room.
    ///
    /// ```
    /// use chanlab::error::SendTimeoutError;
    /// use std::time::Duration;
    /// let (tx, _rx) = chanlab_labs::condvar::sync_channel(1);
    /// tx.send(1).unwrap();
    /// let full = tx.send_timeout(2, Duration::from_millis(1));
    /// assert_eq!(full, Err(SendTimeoutError::Timeout(2)));
    /// ```
    pub fn send_timeout(&self, msg: T, timeout: Duration) -> Result<(), SendTimeoutError<T>> {
        self.0.send(msg, deadline(timeout))
    }

    /// The number of messages queued.
    ///
    /// ```
    /// let (tx, _rx) = chanlab_labs::condvar::sync_channel(2);
    /// tx.send(1).unwrap();
    /// assert_eq!(tx.len(), 1);
    /// ```
    #[allow(clippy::len_without_is_empty)] // as std's `len` on its handles
    pub fn len(&self) -> usize {
        self.0.lock().queue.len()
    }
}

impl<T> Clone for SyncSender<T> {
    fn clone(&self) -> Self {
        self.0.lock().senders += 1;
        SyncSender(self.0.clone())
    }
}

impl<T> Drop for SyncSender<T> {
    fn drop(&mut self) {
        let mut s = self.0.lock();
        s.senders -= 1;
        if s.senders == 0 && s.receiver_waiting {
            self.0.changed.notify_all(); // the receiver: disconnected
        }
    }
}

impl<T> Receiver<T> {
    /// Waits for a message, or for the last sender to go.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(1);
    /// std::thread::spawn(move || tx.send(5).unwrap());
    /// assert_eq!(rx.recv(), Ok(5));
    /// assert!(rx.recv().is_err(), "the sender is gone");
    /// ```
    pub fn recv(&self) -> Result<T, RecvError> {
        self.0.recv(Wait::Forever).map_err(|_| RecvError)
    }

    /// Takes a message without waiting.
    ///
    /// ```
    /// use chanlab::error::TryRecvError;
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel::<u8>(1);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    /// ```
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.0.recv(Wait::Not).map_err(|e| match e {
            RecvTimeoutError::Timeout => TryRecvError::Empty,
            RecvTimeoutError::Disconnected => TryRecvError::Disconnected,
        })
    }

    /// Waits at most `timeout` for a message.
    ///
    /// ```
    /// use chanlab::error::RecvTimeoutError;
    /// use std::time::Duration;
    /// let (_tx, rx) = chanlab_labs::condvar::sync_channel::<u8>(1);
    /// let empty = rx.recv_timeout(Duration::from_millis(1));
    /// assert_eq!(empty, Err(RecvTimeoutError::Timeout));
    /// ```
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.0.recv(deadline(timeout))
    }

    /// The number of messages queued.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(2);
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.len(), 1);
    /// ```
    #[allow(clippy::len_without_is_empty)] // as on the sender
    pub fn len(&self) -> usize {
        self.0.lock().queue.len()
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut s = self.0.lock();
        s.receiver = false;
        let queued = std::mem::take(&mut s.queue);
        if s.senders_waiting > 0 {
            self.0.changed.notify_all(); // every blocked sender: disconnected
        }
        drop(s);
        drop(queued); // the messages' own `drop` runs outside the lock
    }
}

/// The lab as a flavor, the name the kit's lines take.
pub struct OneCondvar;

impl Bounded for OneCondvar {
    const NAME: &'static str = "condvar";
    const MIN_BOUND: usize = 1;
    type SyncSender<T: Send + 'static> = SyncSender<T>;
    type Receiver<T: Send + 'static> = Receiver<T>;
    fn sync_channel<T: Send + 'static>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        sync_channel(bound)
    }
}

crate::forward_handles!(SyncSender, len);
