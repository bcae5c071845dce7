//! The channel under test, as lincheck drives it: every [`Op`] mapped to a
//! handle's method (through the flavor traits, so any channel named by a
//! [`Make`] can be driven) and its result mapped to a [`Ret`]. Only the
//! operations a scenario was generated with are called: `len()` where the
//! channel offers it, `try_send` and `send_timeout` on a bounded one.

use super::spec::{Msg, Op, Ret};
use crate::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};
use crate::flavor::{Rx, Tx};
use crate::kit::Make;
use std::time::Duration;

/// Any timeout: under a checker a timed wait expires after one scheduling
/// point whatever its length (see the crate's `sync` facade).
const TIMEOUT: Duration = Duration::from_millis(1);

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

/// What an offered-only operation says when the channel does not offer it.
const LEN: &str = "the scenario calls len(): the channel offers it (option `len`)";
const SEND_TIMEOUT: &str =
    "the scenario calls send_timeout: the channel offers it (option `send_timeout`)";

/// Runs a sender-side op (a send or `len()`) on `tx`.
pub fn tx<M: Make>(tx: &M::S<Msg>, op: Op) -> Ret {
    match op {
        Op::Send(m) => send_ret(m, tx.send(m)),
        Op::TrySend(m) => try_send_ret(m, M::try_send(tx, m)),
        Op::SendTimeout(m) => {
            send_timeout_ret(m, M::send_timeout(tx, m, TIMEOUT).expect(SEND_TIMEOUT))
        }
        Op::Len => Ret::Len(tx.len().expect(LEN)),
        op => unreachable!("{op} on a sender"),
    }
}

/// Runs a receiver-side op (a receive or `len()`) on `rx`.
pub fn rx<M: Make>(rx: &M::R<Msg>, op: Op) -> Ret {
    match op {
        Op::Recv => recv_ret(rx.recv(), |RecvError| Ret::Disconnected),
        Op::TryRecv => recv_ret(rx.try_recv(), |e| match e {
            TryRecvError::Empty => Ret::Empty,
            TryRecvError::Disconnected => Ret::Disconnected,
        }),
        Op::RecvTimeout => recv_ret(rx.recv_timeout(TIMEOUT), |e| match e {
            RecvTimeoutError::Timeout => Ret::Timeout,
            RecvTimeoutError::Disconnected => Ret::Disconnected,
        }),
        Op::Len => Ret::Len(rx.len().expect(LEN)),
        op => unreachable!("{op} on the receiver"),
    }
}
