//! Experiments written once, run against every channel.
//!
//! Two small traits name "an unbounded MPSC channel" ([`Unbounded`]) and "a
//! bounded one" ([`Bounded`]); the marker types below implement them for
//! every chanlab channel and for `std::sync::mpsc`. A benchmark, a test or a
//! user's experiment written against `F: Unbounded` runs unchanged on each:
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
//! The traits cover std's API only and are deliberately thin: the concrete,
//! std-shaped modules ([`crate::mutex`], ...) stay the primary interface.
//! They require `T: Send + 'static`, since experiments move handles across
//! threads.

use crate::error::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};
use std::time::Duration;

/// A sending handle of any channel.
pub trait Tx<T>: Clone + Send + Sync + 'static {
    /// As `std::sync::mpsc::Sender::send` (blocks while a bounded channel is full).
    fn send(&self, msg: T) -> Result<(), SendError<T>>;
}

/// A sending handle of a bounded channel.
pub trait SyncTx<T>: Tx<T> {
    /// As `std::sync::mpsc::SyncSender::try_send`.
    fn try_send(&self, msg: T) -> Result<(), TrySendError<T>>;
}

/// The receiving handle of any channel.
pub trait Rx<T>: Send + 'static {
    /// As `std::sync::mpsc::Receiver::recv`.
    fn recv(&self) -> Result<T, RecvError>;
    /// As `std::sync::mpsc::Receiver::try_recv`.
    fn try_recv(&self) -> Result<T, TryRecvError>;
    /// As `std::sync::mpsc::Receiver::recv_timeout`.
    fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError>;
}

/// A family of unbounded MPSC channels (`channel()`).
pub trait Unbounded: 'static {
    /// Short name for reports: `"std"`, `"mutex"`, ...
    const NAME: &'static str;
    /// The sending handle.
    type Sender<T: Send + 'static>: Tx<T>;
    /// The receiving handle.
    type Receiver<T: Send + 'static>: Rx<T>;
    /// Creates a channel.
    fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>);
}

/// A family of bounded MPSC channels (`sync_channel(bound)`).
pub trait Bounded: 'static {
    /// Short name for reports.
    const NAME: &'static str;
    /// The smallest `bound` the family accepts (0 where rendezvous is offered).
    const MIN_BOUND: usize;
    /// The sending handle.
    type SyncSender<T: Send + 'static>: SyncTx<T>;
    /// The receiving handle.
    type Receiver<T: Send + 'static>: Rx<T>;
    /// Creates a channel holding at most `bound` messages.
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
/// their inherent methods.
macro_rules! forward_handles {
    ($m:path; $($sender:ident),*; $($sync_sender:ident),*) => {
        const _: () = {
            use $m as m;
            $(impl<T: Send + 'static> Tx<T> for m::$sender<T> {
                fn send(&self, msg: T) -> Result<(), SendError<T>> { m::$sender::send(self, msg) }
            })*
            $(impl<T: Send + 'static> SyncTx<T> for m::$sync_sender<T> {
                fn try_send(&self, msg: T) -> Result<(), TrySendError<T>> {
                    m::$sync_sender::try_send(self, msg)
                }
            })*
            impl<T: Send + 'static> Rx<T> for m::Receiver<T> {
                fn recv(&self) -> Result<T, RecvError> { m::Receiver::recv(self) }
                fn try_recv(&self) -> Result<T, TryRecvError> { m::Receiver::try_recv(self) }
                fn recv_timeout(&self, t: Duration) -> Result<T, RecvTimeoutError> {
                    m::Receiver::recv_timeout(self, t)
                }
            }
        };
    };
}

forward_handles!(std::sync::mpsc; Sender, SyncSender; SyncSender);
forward_handles!(crate::mutex; Sender, SyncSender; SyncSender);
forward_handles!(crate::lockfree; Sender;);
forward_handles!(crate::ring; SyncSender; SyncSender);

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
