//! Experiments written once, run against every channel.
//!
//! ```
//! use chanlab::flavor::{self, Rx, Tx, Unbounded};
//!
//! fn sum_of_squares<F: Unbounded>(n: u64) -> u64 {
//!     let (tx, rx) = F::channel::<u64>();
//!     std::thread::spawn(move || (0..n).for_each(|i| tx.send(i * i).unwrap()));
//!     std::iter::from_fn(|| rx.recv().ok()).sum()
//! }
//!
//! assert_eq!(sum_of_squares::<flavor::Std>(10), 285);
//! assert_eq!(sum_of_squares::<flavor::Mutex>(10), 285);
//! assert_eq!(sum_of_squares::<flavor::Lockfree>(10), 285);
//! ```
//!
//! Two small traits name "an unbounded MPSC channel" ([`Unbounded`]) and "a
//! bounded one" ([`Bounded`]); the marker types below implement them for
//! every chanlab channel and for `std::sync::mpsc`. A benchmark, a test or a
//! user's experiment written against `F: Unbounded`, as above, runs
//! unchanged on each. The handle traits ([`Tx`], [`SyncTx`], [`Rx`]) are
//! implemented by the handles themselves, std's included, so a function can
//! also take any one handle.
//!
//! The traits cover std's API and are deliberately thin: the concrete,
//! std-shaped modules ([`crate::mutex`], ...) stay the primary interface.
//! They require `T: Send + 'static`, since experiments move handles across
//! threads. Two of chanlab's additions are *optional* methods whose default
//! says "not offered" (`None`): [`Tx::len`] and [`Rx::len`], and
//! [`SyncTx::send_timeout`]. chanlab's channels offer them, std's do not;
//! a channel of your own implements the required methods and, if it has
//! them, the optional ones.
//!
//! # A channel of your own
//!
//! Implement [`Tx`] and [`Rx`] (and [`SyncTx`] for a bounded one) for its
//! handles and [`Unbounded`] or [`Bounded`] for a marker type: every
//! experiment above, and with the cargo feature `kit` every suite of
//! `chanlab::kit`, then runs on it. Here a channel that forwards to std's:
//!
//! ```
//! use chanlab::error::{RecvError, RecvTimeoutError, SendError, TryRecvError};
//! use chanlab::flavor::{Rx, Tx, Unbounded};
//! use std::sync::mpsc;
//! use std::time::Duration;
//!
//! struct MySender<T>(mpsc::Sender<T>);
//! struct MyReceiver<T>(mpsc::Receiver<T>);
//!
//! impl<T> Clone for MySender<T> {
//!     fn clone(&self) -> Self {
//!         MySender(self.0.clone())
//!     }
//! }
//!
//! impl<T: Send + 'static> Tx<T> for MySender<T> {
//!     fn send(&self, msg: T) -> Result<(), SendError<T>> {
//!         self.0.send(msg)
//!     }
//! }
//!
//! impl<T: Send + 'static> Rx<T> for MyReceiver<T> {
//!     fn recv(&self) -> Result<T, RecvError> {
//!         self.0.recv()
//!     }
//!     fn try_recv(&self) -> Result<T, TryRecvError> {
//!         self.0.try_recv()
//!     }
//!     fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
//!         self.0.recv_timeout(timeout)
//!     }
//! }
//!
//! struct Mine;
//!
//! impl Unbounded for Mine {
//!     const NAME: &'static str = "mine";
//!     type Sender<T: Send + 'static> = MySender<T>;
//!     type Receiver<T: Send + 'static> = MyReceiver<T>;
//!     fn channel<T: Send + 'static>() -> (MySender<T>, MyReceiver<T>) {
//!         let (tx, rx) = mpsc::channel();
//!         (MySender(tx), MyReceiver(rx))
//!     }
//! }
//!
//! let (tx, rx) = Mine::channel();
//! tx.send(7).unwrap();
//! assert_eq!(rx.recv(), Ok(7));
//! assert_eq!(tx.len(), None, "len is not offered: the default");
//! ```

use crate::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};
use std::time::Duration;

/// A sending handle of any channel.
///
/// ```
/// use chanlab::flavor::Tx;
///
/// fn count_to(tx: &impl Tx<u32>, n: u32) {
///     (1..=n).for_each(|i| tx.send(i).unwrap());
/// }
///
/// let (std_tx, std_rx) = std::sync::mpsc::channel();
/// let (ring_tx, ring_rx) = chanlab::ring::sync_channel(8);
/// count_to(&std_tx, 3);
/// count_to(&ring_tx, 3);
/// assert_eq!(std_rx.try_iter().sum::<u32>(), ring_rx.try_iter().sum());
/// ```
// `len` is an optional probe (`None`: not offered); an `is_empty` beside it
// would add a second probe and nothing else.
#[allow(clippy::len_without_is_empty)]
pub trait Tx<T>: Clone + Send + Sync + 'static {
    /// As `std::sync::mpsc::Sender::send` (blocks while a bounded channel is full).
    ///
    /// ```
    /// use chanlab::flavor::{self, Rx, Tx, Unbounded};
    ///
    /// fn echo<F: Unbounded>(msg: &'static str) -> &'static str {
    ///     let (tx, rx) = F::channel();
    ///     tx.send(msg).unwrap();
    ///     rx.recv().unwrap()
    /// }
    /// assert_eq!(echo::<flavor::Lockfree>("hi"), "hi");
    /// ```
    fn send(&self, msg: T) -> Result<(), SendError<T>>;

    /// Optional: the messages queued and not yet received, as chanlab's
    /// `Sender::len`; `None` (the default) when the channel does not offer a
    /// count, as std's does not.
    ///
    /// ```
    /// use chanlab::flavor::{self, Tx, Unbounded};
    /// let (tx, _rx) = flavor::Lockfree::channel();
    /// tx.send(1).unwrap();
    /// assert_eq!(Tx::len(&tx), Some(1)); // `tx.len()` is the inherent `usize` one
    /// let (tx, _rx) = flavor::Std::channel::<u8>();
    /// assert_eq!(Tx::len(&tx), None, "std offers no len");
    /// ```
    fn len(&self) -> Option<usize> {
        None
    }
}

/// A sending handle of a bounded channel.
///
/// ```
/// use chanlab::flavor::{self, Bounded, SyncTx};
///
/// // How many messages fit before a sender would have to wait.
/// fn room<F: Bounded>(bound: usize) -> usize {
///     let (tx, _rx) = F::sync_channel(bound);
///     (0..).take_while(|&i| tx.try_send(i).is_ok()).count()
/// }
/// assert_eq!(room::<flavor::Ring>(3), 3);
/// assert_eq!(room::<flavor::Std>(3), 3);
/// ```
pub trait SyncTx<T>: Tx<T> {
    /// As `std::sync::mpsc::SyncSender::try_send`.
    ///
    /// ```
    /// use chanlab::flavor::{self, Bounded, SyncTx};
    /// use std::sync::mpsc::TrySendError;
    ///
    /// fn overflow<F: Bounded>() -> Result<(), TrySendError<u8>> {
    ///     let (tx, _rx) = F::sync_channel(1);
    ///     tx.try_send(1)?;
    ///     tx.try_send(2)
    /// }
    /// assert_eq!(overflow::<flavor::Mutex>(), Err(TrySendError::Full(2)));
    /// assert_eq!(overflow::<flavor::Ring>(), Err(TrySendError::Full(2)));
    /// ```
    fn try_send(&self, msg: T) -> Result<(), TrySendError<T>>;

    /// Optional: as chanlab's `SyncSender::send_timeout` (a `send` that
    /// gives up at the timeout and hands the message back); `None` (the
    /// default) when the channel does not offer it, as std's `SyncSender`
    /// does not. The default drops `msg`.
    ///
    /// ```
    /// use chanlab::flavor::{self, Bounded, SyncTx};
    /// use chanlab::error::SendTimeoutError;
    /// use std::time::Duration;
    /// let (tx, _rx) = flavor::Mutex::sync_channel(0);
    /// let late = SyncTx::send_timeout(&tx, 1, Duration::from_millis(1));
    /// assert_eq!(late, Some(Err(SendTimeoutError::Timeout(1))), "nobody receives");
    /// let (tx, _rx) = flavor::Std::sync_channel(1);
    /// assert_eq!(SyncTx::send_timeout(&tx, 1, Duration::ZERO), None, "std offers none");
    /// ```
    fn send_timeout(&self, msg: T, timeout: Duration) -> Option<Result<(), SendTimeoutError<T>>> {
        let _ = (msg, timeout);
        None
    }

    /// Optional: as chanlab's `SyncSender::send_async` (a future that
    /// resolves once the message is queued or handed over, or to
    /// `Err(SendError(msg))` once the receiver is gone; dropping it
    /// cancels the send); `None` (the default, which drops `msg`) when the
    /// channel does not offer it.
    ///
    /// ```
    /// use chanlab::flavor::{self, Bounded, Rx, SyncTx};
    /// use std::{pin::pin, task::{Context, Poll, Waker}};
    /// let (tx, rx) = flavor::Ring::sync_channel(1);
    /// let send = SyncTx::send_async(&tx, 7).expect("the ring offers it");
    /// let ready = pin!(send).poll(&mut Context::from_waker(Waker::noop()));
    /// assert_eq!(ready, Poll::Ready(Ok(())), "room for one");
    /// assert_eq!(rx.try_recv(), Ok(7));
    /// let (tx, _rx) = flavor::Std::sync_channel(1);
    /// assert!(SyncTx::send_async(&tx, 1).is_none(), "std offers none");
    /// ```
    fn send_async(&self, msg: T) -> Option<impl Future<Output = Result<(), SendError<T>>> + Send> {
        drop(msg);
        None::<std::future::Pending<_>>
    }
}

/// The receiving handle of any channel.
///
/// ```
/// use chanlab::flavor::Rx;
///
/// fn drain(rx: &impl Rx<u32>) -> Vec<u32> {
///     std::iter::from_fn(|| rx.try_recv().ok()).collect()
/// }
///
/// let (tx, rx) = chanlab::mutex::channel();
/// (1..=3).for_each(|i| tx.send(i).unwrap());
/// assert_eq!(drain(&rx), [1, 2, 3]);
/// ```
#[allow(clippy::len_without_is_empty)] // as for `Tx`
pub trait Rx<T>: Send + 'static {
    /// As `std::sync::mpsc::Receiver::recv`.
    ///
    /// ```
    /// use chanlab::flavor::{self, Rx, Tx, Unbounded};
    ///
    /// fn first_message<F: Unbounded>() -> Option<i32> {
    ///     let (tx, rx) = F::channel();
    ///     std::thread::spawn(move || tx.send(1).unwrap());
    ///     let first = rx.recv().ok();
    ///     assert!(rx.recv().is_err()); // the sender is gone
    ///     first
    /// }
    /// assert_eq!(first_message::<flavor::Mutex>(), Some(1));
    /// ```
    fn recv(&self) -> Result<T, RecvError>;
    /// As `std::sync::mpsc::Receiver::try_recv` (but see the lock-free
    /// and ring channels' `try_recv` for a send still in progress).
    ///
    /// ```
    /// use chanlab::flavor::{self, Rx, Tx, Unbounded};
    /// use std::sync::mpsc::TryRecvError;
    ///
    /// fn poll_empty<F: Unbounded>() -> Result<u8, TryRecvError> {
    ///     let (_tx, rx) = F::channel::<u8>();
    ///     rx.try_recv()
    /// }
    /// assert_eq!(poll_empty::<flavor::Lockfree>(), Err(TryRecvError::Empty));
    /// ```
    fn try_recv(&self) -> Result<T, TryRecvError>;
    /// As `std::sync::mpsc::Receiver::recv_timeout`.
    ///
    /// ```
    /// use chanlab::flavor::{self, Bounded, Rx};
    /// use std::{sync::mpsc::RecvTimeoutError, time::Duration};
    ///
    /// fn wait_briefly<F: Bounded>() -> Result<u8, RecvTimeoutError> {
    ///     let (_tx, rx) = F::sync_channel::<u8>(1);
    ///     rx.recv_timeout(Duration::from_millis(1))
    /// }
    /// assert_eq!(wait_briefly::<flavor::Ring>(), Err(RecvTimeoutError::Timeout));
    /// ```
    fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError>;

    /// Optional: the messages queued and not yet received, as chanlab's
    /// `Receiver::len`; `None` (the default) when not offered.
    ///
    /// ```
    /// use chanlab::flavor::{self, Bounded, Rx, Tx};
    /// let (tx, rx) = flavor::Ring::sync_channel(2);
    /// tx.send(1).unwrap();
    /// assert_eq!(Rx::len(&rx), Some(1));
    /// ```
    fn len(&self) -> Option<usize> {
        None
    }

    /// Optional: as chanlab's `Receiver::recv_async` (a future that
    /// resolves to the next message, or to `Err(RecvError)` once every
    /// sender is gone and the channel is empty; dropping it cancels the
    /// receive and takes no message); `None` (the default) when not
    /// offered.
    ///
    /// ```
    /// use chanlab::flavor::{self, Rx, Tx, Unbounded};
    /// use std::{pin::pin, task::{Context, Poll, Waker}};
    /// let (tx, mut rx) = flavor::Lockfree::channel();
    /// let mut cx = Context::from_waker(Waker::noop());
    /// let recv = Rx::recv_async(&mut rx).expect("the lock-free channel offers it");
    /// assert_eq!(pin!(recv).poll(&mut cx), Poll::Pending, "nothing sent yet");
    /// tx.send(2).unwrap();
    /// let recv = Rx::recv_async(&mut rx).unwrap();
    /// assert_eq!(pin!(recv).poll(&mut cx), Poll::Ready(Ok(2)));
    /// let (_tx, mut rx) = flavor::Std::channel::<u8>();
    /// assert!(Rx::recv_async(&mut rx).is_none(), "std offers none");
    /// ```
    fn recv_async(&mut self) -> Option<impl Future<Output = Result<T, RecvError>> + Send> {
        None::<std::future::Pending<_>>
    }
}

/// A family of unbounded MPSC channels (`channel()`).
///
/// ```
/// use chanlab::flavor::{self, Rx, Tx, Unbounded};
///
/// // One report line per channel, from one generic function.
/// fn report<F: Unbounded>() -> String {
///     let (tx, rx) = F::channel();
///     (0..100).for_each(|i| tx.send(i).unwrap());
///     drop(tx);
///     let n = std::iter::from_fn(|| rx.recv().ok()).count();
///     format!("{}: {n} received", F::NAME)
/// }
/// assert_eq!(report::<flavor::Std>(), "std: 100 received");
/// assert_eq!(report::<flavor::Lockfree>(), "lockfree: 100 received");
/// ```
pub trait Unbounded: 'static {
    /// Short name for reports: `"std"`, `"mutex"`, ...
    const NAME: &'static str;
    /// The sending handle.
    type Sender<T: Send + 'static>: Tx<T>;
    /// The receiving handle.
    type Receiver<T: Send + 'static>: Rx<T>;
    /// Creates a channel.
    ///
    /// ```
    /// use chanlab::flavor::{self, Unbounded};
    ///
    /// let (tx, rx) = flavor::Mutex::channel();
    /// tx.send('x').unwrap();
    /// assert_eq!(rx.recv(), Ok('x'));
    /// ```
    fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>);
}

/// A family of bounded MPSC channels (`sync_channel(bound)`).
///
/// ```
/// use chanlab::flavor::{self, Bounded, SyncTx};
///
/// // At the smallest bound each family accepts, can one message wait?
/// fn holds_one<F: Bounded>() -> bool {
///     let (tx, _rx) = F::sync_channel::<u8>(F::MIN_BOUND);
///     tx.try_send(1).is_ok() // a rendezvous refuses: no receive waits
/// }
/// assert!(holds_one::<flavor::Ring>());
/// assert!(!holds_one::<flavor::Mutex>());
/// assert!(!holds_one::<flavor::Std>());
/// ```
pub trait Bounded: 'static {
    /// Short name for reports.
    const NAME: &'static str;
    /// The smallest `bound` the family accepts (0 where rendezvous is offered).
    const MIN_BOUND: usize;
    /// The sending handle.
    type SyncSender<T: Send + 'static>: SyncTx<T>;
    /// The receiving handle.
    type Receiver<T: Send + 'static>: Rx<T>;
    /// Creates a channel holding at most `bound` messages. A `bound` below
    /// [`MIN_BOUND`](Self::MIN_BOUND) panics.
    ///
    /// ```
    /// use chanlab::flavor::{self, Bounded};
    /// use std::sync::mpsc::TrySendError;
    ///
    /// let (tx, rx) = flavor::Ring::sync_channel(1);
    /// tx.send(1).unwrap();
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// assert_eq!(rx.recv(), Ok(1));
    /// ```
    fn sync_channel<T: Send + 'static>(bound: usize) -> (Self::SyncSender<T>, Self::Receiver<T>);
}

/// `std::sync::mpsc`, the reference every chanlab channel is compared with.
#[derive(Debug)]
pub struct Std;

/// [`crate::mutex`].
#[derive(Debug)]
pub struct Mutex;

/// [`crate::lockfree`] (unbounded only).
#[derive(Debug)]
pub struct Lockfree;

/// [`crate::ring`] (bounded only, `MIN_BOUND = 1`).
#[derive(Debug)]
pub struct Ring;

/// Implements the handle traits for one module's handles by forwarding to
/// their inherent methods; for `chanlab`'s modules the optional ones too
/// (`len`, `send_timeout` and the async ones), which `std`'s handles do not
/// have.
macro_rules! forward_handles {
    ($m:path, $who:ident; $($sender:ident),*; $($sync_sender:ident),*) => {
        const _: () = {
            use $m as m;
            $(impl<T: Send + 'static> Tx<T> for m::$sender<T> {
                fn send(&self, msg: T) -> Result<(), SendError<T>> { m::$sender::send(self, msg) }
                forward_handles!(@$who fn len(&self) -> Option<usize> {
                    Some(m::$sender::len(self))
                });
            })*
            $(impl<T: Send + 'static> SyncTx<T> for m::$sync_sender<T> {
                fn try_send(&self, msg: T) -> Result<(), TrySendError<T>> {
                    m::$sync_sender::try_send(self, msg)
                }
                forward_handles!(@$who fn send_timeout(
                    &self, msg: T, timeout: Duration,
                ) -> Option<Result<(), SendTimeoutError<T>>> {
                    Some(m::$sync_sender::send_timeout(self, msg, timeout))
                });
                forward_handles!(@$who fn send_async(
                    &self, msg: T,
                ) -> Option<impl Future<Output = Result<(), SendError<T>>> + Send> {
                    Some(m::$sync_sender::send_async(self, msg))
                });
            })*
            impl<T: Send + 'static> Rx<T> for m::Receiver<T> {
                fn recv(&self) -> Result<T, RecvError> { m::Receiver::recv(self) }
                fn try_recv(&self) -> Result<T, TryRecvError> { m::Receiver::try_recv(self) }
                fn recv_timeout(&self, t: Duration) -> Result<T, RecvTimeoutError> {
                    m::Receiver::recv_timeout(self, t)
                }
                forward_handles!(@$who fn len(&self) -> Option<usize> {
                    Some(m::Receiver::len(self))
                });
                forward_handles!(@$who fn recv_async(
                    &mut self,
                ) -> Option<impl Future<Output = Result<T, RecvError>> + Send> {
                    Some(m::Receiver::recv_async(self))
                });
            }
        };
    };
    (@chanlab $($item:tt)*) => { $($item)* };
    (@std $($item:tt)*) => {};
}

forward_handles!(std::sync::mpsc, std; Sender, SyncSender; SyncSender);
forward_handles!(crate::mutex, chanlab; Sender, SyncSender; SyncSender);
forward_handles!(crate::lockfree, chanlab; Sender;);
forward_handles!(crate::ring, chanlab; SyncSender; SyncSender);

impl Unbounded for Std {
    const NAME: &'static str = "std";
    type Sender<T: Send + 'static> = std::sync::mpsc::Sender<T>;
    type Receiver<T: Send + 'static> = std::sync::mpsc::Receiver<T>;
    fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>) {
        std::sync::mpsc::channel()
    }
}

impl Bounded for Std {
    const NAME: &'static str = "std";
    const MIN_BOUND: usize = 0;
    type SyncSender<T: Send + 'static> = std::sync::mpsc::SyncSender<T>;
    type Receiver<T: Send + 'static> = std::sync::mpsc::Receiver<T>;
    fn sync_channel<T: Send + 'static>(bound: usize) -> (Self::SyncSender<T>, Self::Receiver<T>) {
        std::sync::mpsc::sync_channel(bound)
    }
}

impl Unbounded for Mutex {
    const NAME: &'static str = "mutex";
    type Sender<T: Send + 'static> = crate::mutex::Sender<T>;
    type Receiver<T: Send + 'static> = crate::mutex::Receiver<T>;
    fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>) {
        crate::mutex::channel()
    }
}

impl Bounded for Mutex {
    const NAME: &'static str = "mutex";
    const MIN_BOUND: usize = 0;
    type SyncSender<T: Send + 'static> = crate::mutex::SyncSender<T>;
    type Receiver<T: Send + 'static> = crate::mutex::Receiver<T>;
    fn sync_channel<T: Send + 'static>(bound: usize) -> (Self::SyncSender<T>, Self::Receiver<T>) {
        crate::mutex::sync_channel(bound)
    }
}

impl Unbounded for Lockfree {
    const NAME: &'static str = "lockfree";
    type Sender<T: Send + 'static> = crate::lockfree::Sender<T>;
    type Receiver<T: Send + 'static> = crate::lockfree::Receiver<T>;
    fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>) {
        crate::lockfree::channel()
    }
}

impl Bounded for Ring {
    const NAME: &'static str = "ring";
    const MIN_BOUND: usize = 1;
    type SyncSender<T: Send + 'static> = crate::ring::SyncSender<T>;
    type Receiver<T: Send + 'static> = crate::ring::Receiver<T>;
    fn sync_channel<T: Send + 'static>(bound: usize) -> (Self::SyncSender<T>, Self::Receiver<T>) {
        crate::ring::sync_channel(bound)
    }
}
