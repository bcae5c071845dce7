//! The handles: `Sender`, `SyncSender` and `Receiver`, std's methods
//! and chanlab's extras, each a thin call into `state.rs`.

use super::state::Channel;
use super::{RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError};
use crate::sync::{Arc, Wait};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

/// The sending half of [`channel`](super::channel). Clone it to add producers.
pub struct Sender<T> {
    pub(super) chan: Arc<Channel<T>>,
}

/// The sending half of [`sync_channel`](super::sync_channel). Clone it to add producers.
pub struct SyncSender<T> {
    pub(super) chan: Arc<Channel<T>>,
}

/// The receiving half of a channel. There is exactly one per channel.
pub struct Receiver<T> {
    pub(super) chan: Arc<Channel<T>>,
    /// Messages taken from the queue in one lock, received in order before
    /// the queue is looked at again (unbounded channels only).
    pub(super) batch: RefCell<VecDeque<T>>,
}

// Unwind safety for every `T`, as std's handles: see "Unwind safety" above.
// Written out rather than derived: the `Cell` marker opts the receiver out,
// and the checkers' locks are not unwind safe.
impl<T> std::panic::UnwindSafe for Sender<T> {}
impl<T> std::panic::RefUnwindSafe for Sender<T> {}
impl<T> std::panic::UnwindSafe for SyncSender<T> {}
impl<T> std::panic::RefUnwindSafe for SyncSender<T> {}
impl<T> std::panic::UnwindSafe for Receiver<T> {}
impl<T> std::panic::RefUnwindSafe for Receiver<T> {}

impl<T> Sender<T> {
    /// Sends `msg`; never blocks. Fails, handing `msg` back, only when the
    /// receiver is gone.
    ///
    /// ```
    /// use chanlab::mutex::{SendError, channel};
    ///
    /// let (tx, rx) = channel();
    /// assert_eq!(tx.send(1), Ok(()));
    /// drop(rx);
    /// assert_eq!(tx.send(2), Err(SendError(2)));
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.chan
            .send(msg, Wait::Forever)
            .map_err(|e| SendError(e.into_inner()))
    }
}

impl<T> SyncSender<T> {
    /// Sends `msg`, blocking while the channel is full. Fails, handing
    /// `msg` back, if the receiver is gone (also when it leaves while the
    /// send waits).
    ///
    /// On a rendezvous channel (`sync_channel(0)`) the send becomes an
    /// *offer* and returns once a receive has taken it; any receive takes
    /// the oldest offer, [`Receiver::try_recv`] included, as in std.
    ///
    /// ```
    /// let (tx, rx) = chanlab::mutex::sync_channel(0);
    /// let sender = std::thread::spawn(move || tx.send(7));
    /// assert_eq!(rx.recv(), Ok(7)); // meets the blocked send
    /// assert_eq!(sender.join().unwrap(), Ok(()));
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.chan
            .send(msg, Wait::Forever)
            .map_err(|e| SendError(e.into_inner()))
    }

    /// Sends `msg` only if that needs no waiting; otherwise `Full(msg)`, or
    /// `Disconnected(msg)` once the receiver is gone. On a rendezvous
    /// channel it succeeds only while the receiver is blocked in a receive
    /// with nothing to take, as in std.
    ///
    /// ```
    /// use chanlab::mutex::{TrySendError, sync_channel};
    ///
    /// let (tx, rx) = sync_channel(1);
    /// assert_eq!(tx.try_send(1), Ok(()));
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// drop(rx);
    /// assert_eq!(tx.try_send(3), Err(TrySendError::Disconnected(3)));
    /// ```
    pub fn try_send(&self, msg: T) -> Result<(), TrySendError<T>> {
        self.chan
            .send(msg, Wait::Never)
            .map_err(crate::error::try_send_error)
    }

    /// Sends `msg`, waiting at most `timeout` for room (on a rendezvous
    /// channel, for a receive to take it; the offer is withdrawn when the
    /// time is up). `Duration::MAX` waits forever. Not in std's `mpsc`.
    ///
    /// ```
    /// use chanlab::mutex::{SendTimeoutError, sync_channel};
    /// use std::time::Duration;
    ///
    /// let (tx, rx) = sync_channel(1);
    /// tx.send(1).unwrap();
    /// let full = tx.send_timeout(2, Duration::from_millis(1));
    /// assert_eq!(full, Err(SendTimeoutError::Timeout(2)));
    /// assert_eq!(rx.recv(), Ok(1));
    /// assert_eq!(tx.send_timeout(3, Duration::from_millis(1)), Ok(()));
    /// ```
    pub fn send_timeout(&self, msg: T, timeout: Duration) -> Result<(), SendTimeoutError<T>> {
        self.chan.send(msg, Wait::timeout(timeout))
    }
}

impl<T> Receiver<T> {
    pub(super) fn new(chan: Arc<Channel<T>>) -> Self {
        Receiver {
            chan,
            batch: RefCell::new(VecDeque::new()),
        }
    }

    // ANCHOR: take
    /// Receives from the batch, else from the channel (refilling the batch).
    fn take(&self, wait: Wait) -> Result<T, RecvTimeoutError> {
        let mut batch = self.batch.borrow_mut();
        match batch.pop_front() {
            Some(msg) => Ok(msg),
            None => self.chan.recv(&mut batch, wait),
        }
    }
    // ANCHOR_END: take

    /// Blocks until a message arrives; fails once every sender is gone and
    /// the channel is empty.
    ///
    /// ```
    /// use chanlab::mutex::{RecvError, channel};
    ///
    /// let (tx, rx) = channel();
    /// std::thread::spawn(move || tx.send("done").unwrap());
    /// assert_eq!(rx.recv(), Ok("done"));
    /// assert_eq!(rx.recv(), Err(RecvError)); // the thread dropped `tx`
    /// ```
    pub fn recv(&self) -> Result<T, RecvError> {
        self.take(Wait::Forever).map_err(|_| RecvError)
    }

    /// Returns a message if one is queued, without blocking: `Empty` if
    /// none is, `Disconnected` once every sender is gone too.
    ///
    /// ```
    /// use chanlab::mutex::{TryRecvError, channel};
    ///
    /// let (tx, rx) = channel();
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.try_recv(), Ok(1));
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    /// ```
    ///
    /// On a rendezvous channel it takes the oldest offer of a sender
    /// blocked in [`SyncSender::send`], as std's does:
    ///
    /// ```
    /// let (tx, rx) = chanlab::mutex::sync_channel(0);
    /// let sender = std::thread::spawn(move || tx.send(5));
    /// let msg = loop {
    ///     if let Ok(msg) = rx.try_recv() {
    ///         break msg; // the sender's offer, taken without blocking
    ///     }
    ///     std::thread::yield_now();
    /// };
    /// assert_eq!((msg, sender.join().unwrap()), (5, Ok(())));
    /// ```
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.take(Wait::Never).map_err(crate::error::try_recv_error)
    }

    /// Like [`recv`](Self::recv), giving up after `timeout`.
    /// `Duration::MAX` waits forever.
    ///
    /// ```
    /// use chanlab::mutex::{RecvTimeoutError, channel};
    /// use std::time::Duration;
    ///
    /// let (tx, rx) = channel();
    /// let wait = Duration::from_millis(1);
    /// assert_eq!(rx.recv_timeout(wait), Err(RecvTimeoutError::Timeout));
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.recv_timeout(wait), Ok(1));
    /// ```
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.take(Wait::timeout(timeout))
    }

    /// Like [`recv`](Self::recv), giving up at `deadline`. Not in std's
    /// stable `mpsc` (there it is unstable, `deadline_api`).
    ///
    /// ```
    /// use chanlab::mutex::{RecvTimeoutError, channel};
    /// use std::time::{Duration, Instant};
    ///
    /// let (tx, rx) = channel();
    /// let deadline = Instant::now() + Duration::from_millis(1);
    /// tx.send('a').unwrap();
    /// assert_eq!(rx.recv_deadline(deadline), Ok('a'));
    /// assert_eq!(rx.recv_deadline(deadline), Err(RecvTimeoutError::Timeout));
    /// ```
    pub fn recv_deadline(&self, deadline: Instant) -> Result<T, RecvTimeoutError> {
        self.take(Wait::Until(deadline))
    }
}

crate::iter::receiver_iterators!(mutex, "channel()");

impl<T> Sender<T> {
    fn own_batch(&self) -> Option<usize> {
        None
    }
}

impl<T> SyncSender<T> {
    fn own_batch(&self) -> Option<usize> {
        None
    }
}

impl<T> Receiver<T> {
    fn own_batch(&self) -> Option<usize> {
        Some(self.batch.borrow().len())
    }
}

/// `len`, `is_empty`, `capacity` and `Debug` for every handle; `$var` and
/// `$new` name the handle and its constructor in the doc examples.
macro_rules! common {
    ($($handle:ident: $var:ident = $new:literal, capacity $cap:literal;)*) => {$(
        impl<T> $handle<T> {
            /// Number of messages queued now; always 0 for a rendezvous
            /// channel (see the module docs). Exact on the receiver's
            /// handle. On a sender's handle of an unbounded channel, the
            /// messages of the receiver's current batch count until the
            /// receiver has received them all and locks again (see
            /// "Batching" in the module docs): an upper bound, exact
            /// whenever the receiver has no batch in hand. It is read under
            /// the lock, but while other threads send or receive it is a
            /// hint: it may have changed before it is used. Not in std's
            /// `mpsc`.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::mutex::", $new, ";")]
            /// tx.send(1).unwrap();
            /// tx.send(2).unwrap();
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 2);")]
            /// assert_eq!(rx.recv(), Ok(1));
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 1);")]
            /// ```
            pub fn len(&self) -> usize {
                match self.chan.cap {
                    Some(0) => 0,
                    _ => {
                        let s = self.chan.lock();
                        s.queue.len() + self.own_batch().unwrap_or(s.taken)
                    }
                }
            }

            /// Whether [`len`](Self::len) is 0 now (with its caveats). Not
            /// in std's `mpsc`.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::mutex::", $new, ";")]
            #[doc = concat!("assert!(", stringify!($var), ".is_empty());")]
            /// tx.send(1).unwrap();
            #[doc = concat!("assert!(!", stringify!($var), ".is_empty());")]
            /// ```
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// `None` for an unbounded channel, else its bound (`Some(0)`
            /// for a rendezvous). Not in std's `mpsc`.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::mutex::", $new, ";")]
            #[doc = concat!("assert_eq!(", stringify!($var), ".capacity(), ", $cap, ");")]
            /// ```
            pub fn capacity(&self) -> Option<usize> {
                self.chan.cap
            }
        }

        impl<T> fmt::Debug for $handle<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($handle)).finish_non_exhaustive()
            }
        }
    )*};
}
common! {
    Sender: tx = "channel::<u8>()", capacity "None";
    SyncSender: tx = "sync_channel::<u8>(2)", capacity "Some(2)";
    Receiver: rx = "sync_channel::<u8>(2)", capacity "Some(2)";
}
