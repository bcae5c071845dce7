//! `Make`: one channel constructor under test, shared by the conformance and
//! property suites (included by path from each).

use chanlab::flavor::{Bounded, Rx, SyncTx, Tx, Unbounded};
use std::marker::PhantomData;
use std::sync::mpsc::TrySendError;

/// A channel constructor under test: `channel()` of an unbounded flavor, or
/// `sync_channel(N)` of a bounded one.
pub trait Make: 'static {
    type S<T: Send + 'static>: Tx<T>;
    type R<T: Send + 'static>: Rx<T>;
    /// `None` for unbounded.
    const BOUND: Option<usize>;
    fn make<T: Send + 'static>() -> (Self::S<T>, Self::R<T>);
    /// `try_send` for bounded channels; `send` (which never blocks) otherwise.
    fn try_send<T: Send + 'static>(tx: &Self::S<T>, msg: T) -> Result<(), TrySendError<T>>;
}

/// `F::channel()`.
pub struct Unb<F>(PhantomData<F>);
/// `F::sync_channel(N)`.
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
}
