//! The channels under test, behind one small trait.
//!
//! [`chanlab::flavor`] covers std's common API only; lincheck also needs
//! `send_timeout` and `len()`, so [`Subject`] maps every [`Op`] to the
//! handle's method and its result to a [`Ret`].

use crate::spec::{Cap, Msg, Op, Ret};
use chanlab::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};
use std::time::Duration;

/// Any timeout: under a checker a timed wait expires after one scheduling
/// point whatever its length (see the crate's `sync` facade).
const TIMEOUT: Duration = Duration::from_millis(1);

/// A channel implementation, as lincheck drives it.
pub trait Subject: 'static {
    /// The sending handle.
    type Tx: Send + 'static;
    /// The receiver.
    type Rx: Send + 'static;
    /// A fresh channel of capacity `cap`.
    fn open(cap: Cap) -> (Self::Tx, Self::Rx);
    /// `tx.clone()`.
    fn clone_tx(tx: &Self::Tx) -> Self::Tx;
    /// Runs a sender-side op (a send or `len()`).
    fn tx(tx: &Self::Tx, op: Op) -> Ret;
    /// Runs a receiver-side op (a receive or `len()`).
    fn rx(rx: &Self::Rx, op: Op) -> Ret;
}

/// The result of a send of `m` that failed handing back `back`, reported as `ret`.
fn bounced(m: Msg, back: Msg, ret: Ret) -> Ret {
    if back == m {
        ret
    } else {
        Ret::WrongMessage(back)
    }
}

fn send_ret(m: Msg, r: Result<(), SendError<Msg>>) -> Ret {
    r.map_or_else(
        |SendError(b)| bounced(m, b, Ret::Disconnected),
        |()| Ret::Ok,
    )
}

fn try_send_ret(m: Msg, r: Result<(), TrySendError<Msg>>) -> Ret {
    match r {
        Ok(()) => Ret::Ok,
        Err(TrySendError::Full(b)) => bounced(m, b, Ret::Full),
        Err(TrySendError::Disconnected(b)) => bounced(m, b, Ret::Disconnected),
    }
}

fn send_timeout_ret(m: Msg, r: Result<(), SendTimeoutError<Msg>>) -> Ret {
    match r {
        Ok(()) => Ret::Ok,
        Err(SendTimeoutError::Timeout(b)) => bounced(m, b, Ret::Timeout),
        Err(SendTimeoutError::Disconnected(b)) => bounced(m, b, Ret::Disconnected),
    }
}

/// Maps a receive's result.
fn recv_ret<E>(r: Result<Msg, E>, err: impl FnOnce(E) -> Ret) -> Ret {
    r.map_or_else(err, Ret::Got)
}

/// The receiver-side ops, identical for every channel.
macro_rules! rx_ops {
    ($rx:expr, $op:expr) => {
        match $op {
            Op::Recv => recv_ret($rx.recv(), |RecvError| Ret::Disconnected),
            Op::TryRecv => recv_ret($rx.try_recv(), |e| match e {
                TryRecvError::Empty => Ret::Empty,
                TryRecvError::Disconnected => Ret::Disconnected,
            }),
            Op::RecvTimeout => recv_ret($rx.recv_timeout(TIMEOUT), |e| match e {
                RecvTimeoutError::Timeout => Ret::Timeout,
                RecvTimeoutError::Disconnected => Ret::Disconnected,
            }),
            Op::Len => Ret::Len($rx.len()),
            op => unreachable!("{op} on the receiver"),
        }
    };
}

/// `try_send` and `send_timeout`, which only the bounded senders have.
pub trait BoundedTx {
    /// `try_send(m)`, mapped.
    fn try_send_ret(&self, m: Msg) -> Ret;
    /// `send_timeout(m, _)`, mapped.
    fn send_timeout_ret(&self, m: Msg) -> Ret;
}

macro_rules! bounded_tx {
    ($($m:ident),*) => {$(
        impl BoundedTx for chanlab::$m::SyncSender<Msg> {
            fn try_send_ret(&self, m: Msg) -> Ret {
                try_send_ret(m, self.try_send(m))
            }
            fn send_timeout_ret(&self, m: Msg) -> Ret {
                send_timeout_ret(m, self.send_timeout(m, TIMEOUT))
            }
        }
    )*};
}
bounded_tx!(mutex, ring);

/// Implements [`Subject`] for module `$m`: `$open` makes a channel from a
/// `Cap`; naming [`BoundedTx`] adds `try_send` and `send_timeout`.
macro_rules! subject {
    ($name:ident, $m:ident::$tx:ident, $open:expr $(, $bounded:ident)?) => {
        #[doc = concat!("`chanlab::", stringify!($m), "` through its `", stringify!($tx), "`.")]
        #[derive(Debug)]
        pub struct $name;

        impl Subject for $name {
            type Tx = chanlab::$m::$tx<Msg>;
            type Rx = chanlab::$m::Receiver<Msg>;
            fn open(cap: Cap) -> (Self::Tx, Self::Rx) {
                $open(cap)
            }
            fn clone_tx(tx: &Self::Tx) -> Self::Tx {
                tx.clone()
            }
            fn tx(tx: &Self::Tx, op: Op) -> Ret {
                match op {
                    Op::Send(m) => send_ret(m, tx.send(m)),
                    $(Op::TrySend(m) => <Self::Tx as $bounded>::try_send_ret(tx, m),
                    Op::SendTimeout(m) => <Self::Tx as $bounded>::send_timeout_ret(tx, m),)?
                    Op::Len => Ret::Len(tx.len()),
                    op => unreachable!("{op} on a sender"),
                }
            }
            fn rx(rx: &Self::Rx, op: Op) -> Ret {
                rx_ops!(rx, op)
            }
        }
    };
}

/// `sync_channel(n)` for a capacity that is not `Unbounded`.
fn bound(cap: Cap) -> usize {
    match cap {
        Cap::Rendezvous => 0,
        Cap::Bounded(n) => n,
        Cap::Unbounded => unreachable!("a bounded channel"),
    }
}

subject!(MutexUnbounded, mutex::Sender, |_| chanlab::mutex::channel());
subject!(
    MutexBounded,
    mutex::SyncSender,
    |c| chanlab::mutex::sync_channel(bound(c)),
    BoundedTx
);
subject!(Lockfree, lockfree::Sender, |_| chanlab::lockfree::channel());
subject!(
    Ring,
    ring::SyncSender,
    |c| chanlab::ring::sync_channel(bound(c)),
    BoundedTx
);
