//! The channels under test, behind one trait, so that each test is
//! written once. [`Chan`] is what every channel offers (`recv_async`,
//! `stream`, a blocking `send` on its sender); [`AsyncSend`] adds
//! `send_async` for the bounded ones.

use chanlab::error::{RecvError, SendError, TryRecvError, TrySendError};
use futures_core::Stream;
use std::future::Future;

/// A channel with the async receive side.
pub trait Chan: 'static {
    /// Its sender (`Sender` or `SyncSender`).
    type Tx<T: Send + 'static>: Clone + Send + Sync + 'static;
    /// Its receiver.
    type Rx<T: Send + 'static>: Send + 'static;
    /// The bound, `None` for an unbounded channel.
    const CAP: Option<usize>;
    /// A new channel.
    fn new<T: Send + 'static>() -> (Self::Tx<T>, Self::Rx<T>);
    /// The blocking send.
    fn send<T: Send + 'static>(tx: &Self::Tx<T>, msg: T) -> Result<(), SendError<T>>;
    /// The blocking receive.
    fn recv<T: Send + 'static>(rx: &Self::Rx<T>) -> Result<T, RecvError>;
    /// The polling receive.
    fn try_recv<T: Send + 'static>(rx: &Self::Rx<T>) -> Result<T, TryRecvError>;
    /// The async receive.
    fn recv_async<T: Send + 'static>(
        rx: &mut Self::Rx<T>,
    ) -> impl Future<Output = Result<T, RecvError>> + Send + Unpin + '_;
    /// The messages as a stream.
    fn stream<T: Send + 'static>(rx: &mut Self::Rx<T>)
    -> impl Stream<Item = T> + Send + Unpin + '_;
}

/// A bounded channel: `send_async` and `try_send` too.
pub trait AsyncSend: Chan {
    /// The async send.
    fn send_async<T: Send + 'static>(
        tx: &Self::Tx<T>,
        msg: T,
    ) -> impl Future<Output = Result<(), SendError<T>>> + Send + Unpin + '_;
    /// The polling send.
    fn try_send<T: Send + 'static>(tx: &Self::Tx<T>, msg: T) -> Result<(), TrySendError<T>>;
}

/// `chanlab::mutex::channel()`.
pub struct MutexUnbounded;
/// `chanlab::mutex::sync_channel(N)` (N = 0: the rendezvous).
pub struct MutexBounded<const N: usize>;
/// `chanlab::lockfree::channel()`.
pub struct Lockfree;
/// `chanlab::ring::sync_channel(N)`.
pub struct Ring<const N: usize>;

macro_rules! chan {
    ($flavor:ty, $module:ident, $tx:ident, $new:expr, $cap:expr $(, $n:ident)?) => {
        impl<$(const $n: usize)?> Chan for $flavor {
            type Tx<T: Send + 'static> = chanlab::$module::$tx<T>;
            type Rx<T: Send + 'static> = chanlab::$module::Receiver<T>;
            const CAP: Option<usize> = $cap;
            fn new<T: Send + 'static>() -> (Self::Tx<T>, Self::Rx<T>) {
                $new
            }
            fn send<T: Send + 'static>(tx: &Self::Tx<T>, msg: T) -> Result<(), SendError<T>> {
                tx.send(msg)
            }
            fn recv<T: Send + 'static>(rx: &Self::Rx<T>) -> Result<T, RecvError> {
                rx.recv()
            }
            fn try_recv<T: Send + 'static>(rx: &Self::Rx<T>) -> Result<T, TryRecvError> {
                rx.try_recv()
            }
            fn recv_async<T: Send + 'static>(
                rx: &mut Self::Rx<T>,
            ) -> impl Future<Output = Result<T, RecvError>> + Send + Unpin + '_ {
                rx.recv_async()
            }
            fn stream<T: Send + 'static>(
                rx: &mut Self::Rx<T>,
            ) -> impl Stream<Item = T> + Send + Unpin + '_ {
                rx.stream()
            }
        }
    };
}

chan!(
    MutexUnbounded,
    mutex,
    Sender,
    chanlab::mutex::channel(),
    None
);
chan!(
    MutexBounded<N>,
    mutex,
    SyncSender,
    chanlab::mutex::sync_channel(N),
    Some(N),
    N
);
chan!(
    Lockfree,
    lockfree,
    Sender,
    chanlab::lockfree::channel(),
    None
);
chan!(
    Ring<N>,
    ring,
    SyncSender,
    chanlab::ring::sync_channel(N),
    Some(N),
    N
);

macro_rules! async_send {
    ($flavor:ty, $module:ident, $n:ident) => {
        impl<const $n: usize> AsyncSend for $flavor {
            fn send_async<T: Send + 'static>(
                tx: &Self::Tx<T>,
                msg: T,
            ) -> impl Future<Output = Result<(), SendError<T>>> + Send + Unpin + '_ {
                tx.send_async(msg)
            }
            fn try_send<T: Send + 'static>(
                tx: &Self::Tx<T>,
                msg: T,
            ) -> Result<(), TrySendError<T>> {
                tx.try_send(msg)
            }
        }
    };
}

async_send!(MutexBounded<N>, mutex, N);
async_send!(Ring<N>, ring, N);
