//! `Make`: one channel constructor under test, `channel()` of an unbounded
//! flavor ([`Unb`]) or `sync_channel(N)` of a bounded one ([`Bnd`]), shared
//! by every suite of the kit (`chanlab::kit`, which includes this file).

use crate::error::{SendError, SendTimeoutError, TrySendError};
use crate::flavor::{Bounded, Rx, SyncTx, Tx, Unbounded};
use std::marker::PhantomData;
use std::time::Duration;

/// A channel constructor under test: `F::channel()` ([`Unb<F>`]) or
/// `F::sync_channel(N)` ([`Bnd<F, N>`]). The suites are generic over it, so
/// that one test body runs on every flavor and bound.
///
/// ```
/// use chanlab::flavor::{Mutex, Rx, Tx};
/// use chanlab::kit::{Bnd, Make, Unb};
///
/// fn one_message<M: Make>() -> Option<usize> {
///     let (tx, rx) = M::make::<u8>();
///     tx.send(1).unwrap();
///     assert_eq!(rx.recv(), Ok(1));
///     M::BOUND
/// }
/// assert_eq!(one_message::<Unb<Mutex>>(), None);
/// assert_eq!(one_message::<Bnd<Mutex, 4>>(), Some(4));
/// ```
pub trait Make: 'static {
    /// The sending handle.
    type S<T: Send + 'static>: Tx<T>;
    /// The receiving handle.
    type R<T: Send + 'static>: Rx<T>;
    /// The bound: `None` for `channel()`, `Some(0)` for a rendezvous channel.
    const BOUND: Option<usize>;

    /// Creates a channel.
    ///
    /// ```
    /// use chanlab::flavor::{Ring, Rx, Tx};
    /// use chanlab::kit::{Bnd, Make};
    /// let (tx, rx) = Bnd::<Ring, 2>::make();
    /// tx.send("hi").unwrap();
    /// assert_eq!(rx.try_recv(), Ok("hi"));
    /// ```
    fn make<T: Send + 'static>() -> (Self::S<T>, Self::R<T>);

    /// `try_send` on a bounded channel; `send` (which never blocks, and is
    /// reported as `Disconnected` when it fails) on an unbounded one.
    ///
    /// ```
    /// use chanlab::error::TrySendError;
    /// use chanlab::flavor::Std;
    /// use chanlab::kit::{Bnd, Make, Unb};
    /// let (tx, _rx) = Bnd::<Std, 1>::make();
    /// assert_eq!(Bnd::<Std, 1>::try_send(&tx, 1), Ok(()));
    /// assert_eq!(Bnd::<Std, 1>::try_send(&tx, 2), Err(TrySendError::Full(2)));
    /// let (tx, rx) = Unb::<Std>::make();
    /// drop(rx);
    /// assert_eq!(Unb::<Std>::try_send(&tx, 3), Err(TrySendError::Disconnected(3)));
    /// ```
    fn try_send<T: Send + 'static>(tx: &Self::S<T>, msg: T) -> Result<(), TrySendError<T>>;

    /// `send_timeout` where a bounded sender offers it
    /// ([`SyncTx::send_timeout`]); `None` on an unbounded channel or where it
    /// is not offered.
    ///
    /// ```
    /// use chanlab::error::SendTimeoutError;
    /// use chanlab::flavor::{Mutex, Std};
    /// use chanlab::kit::{Bnd, Make, Unb};
    /// use std::time::Duration;
    /// let (tx, _rx) = Bnd::<Mutex, 0>::make();
    /// let sent = Bnd::<Mutex, 0>::send_timeout(&tx, 1, Duration::ZERO);
    /// assert_eq!(sent, Some(Err(SendTimeoutError::Timeout(1))));
    /// let (tx, _rx) = Unb::<Mutex>::make();
    /// assert_eq!(Unb::<Mutex>::send_timeout(&tx, 1, Duration::ZERO), None);
    /// let (tx, _rx) = Bnd::<Std, 1>::make();
    /// assert_eq!(Bnd::<Std, 1>::send_timeout(&tx, 1, Duration::ZERO), None);
    /// ```
    fn send_timeout<T: Send + 'static>(
        tx: &Self::S<T>,
        msg: T,
        timeout: Duration,
    ) -> Option<Result<(), SendTimeoutError<T>>>;

    /// `send_async` where a bounded sender offers it
    /// ([`SyncTx::send_async`]); `None` on an unbounded channel or where it
    /// is not offered.
    ///
    /// ```
    /// use chanlab::flavor::{Mutex, Ring, Rx};
    /// use chanlab::kit::{Bnd, Make, Unb};
    /// use std::{pin::pin, task::{Context, Poll, Waker}};
    /// let (tx, rx) = Bnd::<Ring, 1>::make();
    /// let send = Bnd::<Ring, 1>::send_async(&tx, 5).expect("the ring offers it");
    /// let ready = pin!(send).poll(&mut Context::from_waker(Waker::noop()));
    /// assert_eq!((ready, rx.try_recv()), (Poll::Ready(Ok(())), Ok(5)));
    /// let (tx, _rx) = Unb::<Mutex>::make();
    /// assert!(Unb::<Mutex>::send_async(&tx, 1).is_none());
    /// ```
    fn send_async<T: Send + 'static>(
        tx: &Self::S<T>,
        msg: T,
    ) -> Option<impl Future<Output = Result<(), SendError<T>>> + Send>;
}

/// `F::channel()` of an unbounded flavor `F`.
#[derive(Debug)]
pub struct Unb<F>(PhantomData<F>);

/// `F::sync_channel(N)` of a bounded flavor `F` (`N = 0`: rendezvous).
#[derive(Debug)]
pub struct Bnd<F, const N: usize>(PhantomData<F>);

impl<F: Unbounded> Make for Unb<F> {
    type S<T: Send + 'static> = F::Sender<T>;
    type R<T: Send + 'static> = F::Receiver<T>;
    const BOUND: Option<usize> = None;
    fn make<T: Send + 'static>() -> (Self::S<T>, Self::R<T>) {
        F::channel()
    }
    fn try_send<T: Send + 'static>(tx: &Self::S<T>, msg: T) -> Result<(), TrySendError<T>> {
        tx.send(msg).map_err(|e| TrySendError::Disconnected(e.0))
    }
    fn send_timeout<T: Send + 'static>(
        _: &Self::S<T>,
        _: T,
        _: Duration,
    ) -> Option<Result<(), SendTimeoutError<T>>> {
        None
    }
    fn send_async<T: Send + 'static>(
        _: &Self::S<T>,
        msg: T,
    ) -> Option<impl Future<Output = Result<(), SendError<T>>> + Send> {
        drop(msg);
        None::<std::future::Pending<_>>
    }
}

impl<F: Bounded, const N: usize> Make for Bnd<F, N> {
    type S<T: Send + 'static> = F::SyncSender<T>;
    type R<T: Send + 'static> = F::Receiver<T>;
    const BOUND: Option<usize> = Some(N);
    fn make<T: Send + 'static>() -> (Self::S<T>, Self::R<T>) {
        F::sync_channel(N)
    }
    fn try_send<T: Send + 'static>(tx: &Self::S<T>, msg: T) -> Result<(), TrySendError<T>> {
        tx.try_send(msg)
    }
    fn send_timeout<T: Send + 'static>(
        tx: &Self::S<T>,
        msg: T,
        timeout: Duration,
    ) -> Option<Result<(), SendTimeoutError<T>>> {
        tx.send_timeout(msg, timeout)
    }
    fn send_async<T: Send + 'static>(
        tx: &Self::S<T>,
        msg: T,
    ) -> Option<impl Future<Output = Result<(), SendError<T>>> + Send> {
        tx.send_async(msg)
    }
}

/// How many of `n` messages fit in `M`'s channel without a receiver
/// taking them: `n`, capped at the bound.
///
/// ```
/// use chanlab::flavor::Mutex;
/// use chanlab::kit::{Bnd, Unb, fits};
/// assert_eq!(fits::<Unb<Mutex>>(5), 5);
/// assert_eq!(fits::<Bnd<Mutex, 2>>(5), 2);
/// ```
pub fn fits<M: Make>(n: usize) -> usize {
    M::BOUND.map_or(n, |b| b.min(n))
}
