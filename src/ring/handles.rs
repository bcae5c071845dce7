//! The handles: `SyncSender` and `Receiver`, std's methods and chanlab's
//! extras, each a thin call into `chan.rs`. The constructor and the
//! handles' `Clone` and `Drop` are in `mod.rs`.

use super::chan::Channel;
use super::{RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError};
use crate::sync::{Arc, Wait};
use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

/// The sending half of [`sync_channel`](super::sync_channel). Clone it to add producers.
pub struct SyncSender<T> {
    pub(super) chan: Arc<Channel<T>>,
}

/// The receiving half of [`sync_channel`](super::sync_channel). There is exactly one per channel.
pub struct Receiver<T> {
    pub(super) chan: Arc<Channel<T>>,
    pub(super) _not_sync: PhantomData<Cell<()>>,
}

// Unwind safety for every `T`, as std's handles: see "Unwind safety" in the module docs.
impl<T> std::panic::UnwindSafe for SyncSender<T> {}
impl<T> std::panic::RefUnwindSafe for SyncSender<T> {}
impl<T> std::panic::UnwindSafe for Receiver<T> {}
impl<T> std::panic::RefUnwindSafe for Receiver<T> {}

impl<T> SyncSender<T> {
    /// Sends `msg`, blocking while the ring is full. Fails, handing `msg`
    /// back, if the receiver is gone (also when it leaves while we wait).
    ///
    /// ```
    /// let (tx, rx) = chanlab::ring::sync_channel(1);
    /// tx.send(1).unwrap();
    /// let sender = std::thread::spawn(move || tx.send(2)); // waits for room
    /// assert_eq!(rx.recv(), Ok(1));
    /// assert_eq!(rx.recv(), Ok(2));
    /// assert_eq!(sender.join().unwrap(), Ok(()));
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.chan
            .send(msg, Wait::Forever)
            .map_err(|e| SendError(e.into_inner()))
    }

    /// Sends `msg` only if the ring has room now; otherwise `Full(msg)`, or
    /// `Disconnected(msg)` once the receiver is gone.
    ///
    /// ```
    /// use chanlab::ring::{TrySendError, sync_channel};
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

    /// Sends `msg`, waiting at most `timeout` for room (overrunning it by
    /// at most one step: see the module docs). `Duration::MAX` waits
    /// forever. Not in std's `mpsc`.
    ///
    /// ```
    /// use chanlab::ring::{SendTimeoutError, sync_channel};
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
    /// Blocks until a message arrives; fails once every sender is gone and
    /// the ring is empty.
    ///
    /// ```
    /// use chanlab::ring::{RecvError, sync_channel};
    ///
    /// let (tx, rx) = sync_channel(1);
    /// std::thread::spawn(move || tx.send("done").unwrap());
    /// assert_eq!(rx.recv(), Ok("done"));
    /// assert_eq!(rx.recv(), Err(RecvError)); // the thread dropped `tx`
    /// ```
    pub fn recv(&self) -> Result<T, RecvError> {
        self.chan.recv(Wait::Forever).map_err(|_| RecvError)
    }

    /// Returns a message if one is queued, without blocking: `Empty` if
    /// none is, `Disconnected` once every sender is gone too.
    ///
    /// ```
    /// use chanlab::ring::{TryRecvError, sync_channel};
    ///
    /// let (tx, rx) = sync_channel(1);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.try_recv(), Ok(1));
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    /// ```
    ///
    /// **Unlike std**, it never waits for a send in progress. A message
    /// whose sender has claimed its slot but not yet written it (that
    /// `send` has not returned) is not received yet: `try_recv` returns
    /// `Empty` at once, even if messages sent after it are already written,
    /// since messages arrive in claim order; [`len`](Self::len) already
    /// counts it. std's array flavor waits, without bound, for that sender
    /// to finish writing (see [the module docs](super#design)).
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.chan
            .recv(Wait::Never)
            .map_err(crate::error::try_recv_error)
    }

    /// Like [`recv`](Self::recv), giving up after `timeout` (overrunning
    /// it by at most one step: see the module docs). `Duration::MAX` waits
    /// forever.
    ///
    /// ```
    /// use chanlab::ring::{RecvTimeoutError, sync_channel};
    /// use std::time::Duration;
    ///
    /// let (tx, rx) = sync_channel(1);
    /// let wait = Duration::from_millis(1);
    /// assert_eq!(rx.recv_timeout(wait), Err(RecvTimeoutError::Timeout));
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.recv_timeout(wait), Ok(1));
    /// ```
    ///
    /// **Unlike std**, the deadline holds while a send is in progress: if
    /// it passes while the next message's sender has claimed its slot but
    /// not yet written it, this returns `Timeout` (the message arrives
    /// later, in order), where std's array flavor waits for that sender
    /// past the deadline.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.chan.recv(Wait::timeout(timeout))
    }

    /// Like [`recv`](Self::recv), giving up at `deadline` (overrunning it
    /// by at most one step), a send in progress included, as for
    /// [`recv_timeout`](Self::recv_timeout). Not in std's stable `mpsc`
    /// (there it is unstable, `deadline_api`).
    ///
    /// ```
    /// use chanlab::ring::{RecvTimeoutError, sync_channel};
    /// use std::time::{Duration, Instant};
    ///
    /// let (tx, rx) = sync_channel(1);
    /// let deadline = Instant::now() + Duration::from_millis(1);
    /// tx.send('a').unwrap();
    /// assert_eq!(rx.recv_deadline(deadline), Ok('a'));
    /// assert_eq!(rx.recv_deadline(deadline), Err(RecvTimeoutError::Timeout));
    /// ```
    pub fn recv_deadline(&self, deadline: Instant) -> Result<T, RecvTimeoutError> {
        self.chan.recv(Wait::Until(deadline))
    }
}

crate::iter::receiver_iterators!(ring, "sync_channel(4)");

/// `len`, `is_empty`, `is_full`, `capacity` and `Debug` for both handles;
/// `$var` names the handle in the doc examples.
macro_rules! common {
    ($($handle:ident: $var:ident),*) => {$(
        impl<T> $handle<T> {
            /// Number of messages in the ring, counting the sends in
            /// progress (a sender that has claimed its slot and not yet
            /// written it). Always within `0..=capacity`; exact when no send
            /// or receive runs at the same time (for example once the other
            /// threads are joined). While they run, it is a hint that need
            /// not match any one instant. Not in std's `mpsc`.
            ///
            /// ```
            /// let (tx, rx) = chanlab::ring::sync_channel(4);
            /// tx.send(1).unwrap();
            /// tx.send(2).unwrap();
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 2);")]
            /// assert_eq!(rx.recv(), Ok(1));
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 1);")]
            /// ```
            pub fn len(&self) -> usize {
                self.chan.queue.len()
            }

            /// Whether the ring holds no message now ([`len`](Self::len)
            /// is 0, with its caveats). Not in std's `mpsc`.
            ///
            /// ```
            /// let (tx, rx) = chanlab::ring::sync_channel(4);
            #[doc = concat!("assert!(", stringify!($var), ".is_empty());")]
            /// tx.send(1).unwrap();
            #[doc = concat!("assert!(!", stringify!($var), ".is_empty());")]
            /// ```
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// Whether the ring is full now ([`len`](Self::len) is the
            /// capacity, with its caveats). Not in std's `mpsc`.
            ///
            /// ```
            /// let (tx, rx) = chanlab::ring::sync_channel(1);
            #[doc = concat!("assert!(!", stringify!($var), ".is_full());")]
            /// tx.send(1).unwrap();
            #[doc = concat!("assert!(", stringify!($var), ".is_full());")]
            /// ```
            pub fn is_full(&self) -> bool {
                self.len() == self.chan.queue.layout.cap
            }

            /// The bound given to [`sync_channel`](super::sync_channel): always `Some`. Not in
            /// std's `mpsc`.
            ///
            /// ```
            /// let (tx, rx) = chanlab::ring::sync_channel::<u8>(3);
            #[doc = concat!("assert_eq!(", stringify!($var), ".capacity(), Some(3));")]
            /// ```
            pub fn capacity(&self) -> Option<usize> {
                Some(self.chan.queue.layout.cap)
            }
        }

        impl<T> fmt::Debug for $handle<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($handle)).finish_non_exhaustive()
            }
        }
    )*};
}
common!(SyncSender: tx, Receiver: rx);
