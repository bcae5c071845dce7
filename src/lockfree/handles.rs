//! The handles: `Sender` and `Receiver`, std's methods and chanlab's
//! extras, each a thin call into `chan.rs`; the `Clone` and `Drop` that
//! count the senders and close the list.

use super::chan::Channel;
use super::{RecvError, RecvTimeoutError, SendError, TryRecvError};
use crate::sync::{Arc, Wait};
use std::cell::Cell;
use std::fmt;
use std::time::{Duration, Instant};

// ANCHOR: handles
/// Creates an unbounded channel: `send` never blocks.
///
/// ```
/// let (tx, rx) = chanlab::lockfree::channel();
/// tx.send("hello").unwrap();
/// assert_eq!(rx.recv(), Ok("hello"));
/// ```
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let chan = Arc::new(Channel::new());
    let rx = Receiver {
        chan: chan.clone(),
        streaming: Cell::new(false),
    };
    (Sender { chan }, rx)
}

/// The sending half of [`channel`]. Clone it to add producers.
pub struct Sender<T> {
    pub(super) chan: Arc<Channel<T>>,
}

/// The receiving half of [`channel`]. There is exactly one per channel.
pub struct Receiver<T> {
    pub(super) chan: Arc<Channel<T>>,
    /// Whether messages have been arriving back to back (`chan.rs`,
    /// `first_spins`). A `Cell`, which also makes the receiver `!Sync`.
    streaming: Cell<bool>,
}

// Unwind safety for every `T`, as std's handles: see "Unwind safety" in the module docs.
impl<T> std::panic::UnwindSafe for Sender<T> {}
impl<T> std::panic::RefUnwindSafe for Sender<T> {}
impl<T> std::panic::UnwindSafe for Receiver<T> {}
impl<T> std::panic::RefUnwindSafe for Receiver<T> {}
// ANCHOR_END: handles

impl<T> Sender<T> {
    /// Sends `msg`; never blocks and takes no lock. Fails, handing `msg`
    /// back, when the receiver is gone.
    ///
    /// ```
    /// use chanlab::lockfree::{SendError, channel};
    ///
    /// let (tx, rx) = channel();
    /// assert_eq!(tx.send(1), Ok(()));
    /// drop(rx);
    /// assert_eq!(tx.send(2), Err(SendError(2)));
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.chan.send(msg).map_err(SendError)
    }
}

impl<T> Receiver<T> {
    fn recv_with(&self, wait: Wait) -> Result<T, RecvTimeoutError> {
        // SAFETY: this `Receiver` is the channel's only one, and `!Sync`,
        // so no other thread receives concurrently.
        unsafe { self.chan.recv(wait, &self.streaming) }
    }

    /// Blocks until a message arrives; fails once every sender is gone and
    /// the channel is empty.
    ///
    /// ```
    /// use chanlab::lockfree::{RecvError, channel};
    ///
    /// let (tx, rx) = channel();
    /// std::thread::spawn(move || tx.send("done").unwrap());
    /// assert_eq!(rx.recv(), Ok("done"));
    /// assert_eq!(rx.recv(), Err(RecvError)); // the thread dropped `tx`
    /// ```
    pub fn recv(&self) -> Result<T, RecvError> {
        self.recv_with(Wait::Forever).map_err(|_| RecvError)
    }

    /// Returns a message if one is queued, without blocking: `Empty` if
    /// none is, `Disconnected` once every sender is gone too.
    ///
    /// ```
    /// use chanlab::lockfree::{TryRecvError, channel};
    ///
    /// let (tx, rx) = channel();
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
    /// counts it. std's list flavor waits, without bound, for that sender
    /// to finish writing ([details](super#a-slot-claimed-but-not-yet-written)).
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.recv_with(Wait::Never)
            .map_err(crate::error::try_recv_error)
    }

    /// Like [`recv`](Self::recv), giving up after `timeout` (overrunning
    /// it by at most [one step](super#deadlines)). `Duration::MAX` waits
    /// forever.
    ///
    /// ```
    /// use chanlab::lockfree::{RecvTimeoutError, channel};
    /// use std::time::Duration;
    ///
    /// let (tx, rx) = channel();
    /// let wait = Duration::from_millis(1);
    /// assert_eq!(rx.recv_timeout(wait), Err(RecvTimeoutError::Timeout));
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.recv_timeout(wait), Ok(1));
    /// ```
    ///
    /// **Unlike std**, the deadline holds while a send is in progress: if
    /// it passes while the next message's sender has claimed its slot but
    /// not yet written it, this returns `Timeout` (the message arrives
    /// later, in order), where std's list flavor waits for that sender
    /// past the deadline.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.recv_with(Wait::timeout(timeout))
    }

    /// Like [`recv`](Self::recv), giving up at `deadline` (overrunning it
    /// by at most [one step](super#deadlines)), a send in progress
    /// included, as for [`recv_timeout`](Self::recv_timeout). Not in std's
    /// stable `mpsc` (there it is unstable, `deadline_api`).
    ///
    /// ```
    /// use chanlab::lockfree::{RecvTimeoutError, channel};
    /// use std::time::{Duration, Instant};
    ///
    /// let (tx, rx) = channel();
    /// let deadline = Instant::now() + Duration::from_millis(1);
    /// tx.send('a').unwrap();
    /// assert_eq!(rx.recv_deadline(deadline), Ok('a'));
    /// assert_eq!(rx.recv_deadline(deadline), Err(RecvTimeoutError::Timeout));
    /// ```
    pub fn recv_deadline(&self, deadline: Instant) -> Result<T, RecvTimeoutError> {
        self.recv_with(Wait::Until(deadline))
    }
}

crate::iter::receiver_iterators!(lockfree, "channel()");

/// `len`, `is_empty`, `capacity` and `Debug` for both handles; `$var`
/// names the handle in the doc examples.
macro_rules! common {
    ($($handle:ident: $var:ident),*) => {$(
        impl<T> $handle<T> {
            /// Number of messages sent and not yet received, counting the
            /// sends in progress (a sender that has claimed its slot and
            /// not yet written it); 0 once the receiver is gone. Exact once
            /// no other thread sends or receives (for example, once they
            /// are joined); while they run, a hint. Not in std's `mpsc`.
            ///
            /// ```
            /// let (tx, rx) = chanlab::lockfree::channel();
            /// tx.send(1).unwrap();
            /// tx.send(2).unwrap();
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 2);")]
            /// assert_eq!(rx.recv(), Ok(1));
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 1);")]
            /// ```
            pub fn len(&self) -> usize {
                self.chan.list.len()
            }

            /// Whether [`len`](Self::len) is 0 now (with its caveats). Not
            /// in std's `mpsc`.
            ///
            /// ```
            /// let (tx, rx) = chanlab::lockfree::channel();
            #[doc = concat!("assert!(", stringify!($var), ".is_empty());")]
            /// tx.send(1).unwrap();
            #[doc = concat!("assert!(!", stringify!($var), ".is_empty());")]
            /// ```
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// Always `None`: the channel is unbounded. Not in std's `mpsc`.
            ///
            /// ```
            /// let (tx, rx) = chanlab::lockfree::channel::<u8>();
            #[doc = concat!("assert_eq!(", stringify!($var), ".capacity(), None);")]
            /// ```
            pub fn capacity(&self) -> Option<usize> {
                None
            }
        }

        impl<T> fmt::Debug for $handle<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($handle)).finish_non_exhaustive()
            }
        }
    )*};
}
common!(Sender: tx, Receiver: rx);

// ANCHOR: drop
impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        // Relaxed, as in `Arc::clone`: the new sender comes from a live
        // one, so the count cannot reach 0 meanwhile.
        let old = self
            .chan
            .senders
            .fetch_add(1, crate::sync::Ordering::Relaxed);
        if old > isize::MAX as usize {
            std::process::abort(); // as `Arc`: a count this high is a leak loop
        }
        Sender {
            chan: self.chan.clone(),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        self.chan.sender_gone();
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        // SAFETY: the receiver is going away and never pops again.
        unsafe { self.chan.list.close() }
    }
}
// ANCHOR_END: drop
