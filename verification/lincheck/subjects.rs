//! The channel under test, as lincheck drives it: every [`Op`] mapped to a
//! handle's method (through the flavor traits, so any channel named by a
//! [`Make`] can be driven) and its result mapped to a [`Ret`]. Only the
//! operations a scenario was generated with are called: `len()` and the
//! async ones where the channel offers them, `try_send` and `send_timeout`
//! on a bounded one. An async op is awaited or polled once (`task.rs`).

use super::spec::{Msg, Op, Ret};
use super::task::{block_on, poll_once};
use crate::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};
use crate::flavor::{Rx, Tx};
use crate::kit::Make;
use std::task::Poll;
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

const RECV_ASYNC: &str =
    "the scenario calls recv_async: the channel offers it (option `recv_async`)";
const SEND_ASYNC: &str =
    "the scenario calls send_async: the channel offers it (option `send_async`)";

/// A future's result once polled: `Pending`, or what `ready` makes of it.
fn polled<T>(p: Poll<T>, ready: impl FnOnce(T) -> Ret) -> Ret {
    match p {
        Poll::Ready(out) => ready(out),
        Poll::Pending => Ret::Pending,
    }
}

/// Runs a sender-side op (a send or `len()`) on `tx`.
pub fn tx<M: Make>(tx: &M::S<Msg>, op: Op) -> Ret {
    match op {
        Op::Send(m) => send_ret(m, tx.send(m)),
        Op::TrySend(m) => try_send_ret(m, M::try_send(tx, m)),
        Op::SendTimeout(m) => {
            send_timeout_ret(m, M::send_timeout(tx, m, TIMEOUT).expect(SEND_TIMEOUT))
        }
        Op::SendAsync(m) => send_ret(m, block_on(M::send_async(tx, m).expect(SEND_ASYNC))),
        Op::SendPollOnce(m) => polled(poll_once(M::send_async(tx, m).expect(SEND_ASYNC)), |r| {
            send_ret(m, r)
        }),
        Op::Len => Ret::Len(tx.len().expect(LEN)),
        op => unreachable!("{op} on a sender"),
    }
}

/// Runs a receiver-side op (a receive or `len()`) on `rx`.
pub fn rx<M: Make>(rx: &mut M::R<Msg>, op: Op) -> Ret {
    let disconnected = |RecvError| Ret::Disconnected;
    match op {
        Op::Recv => recv_ret(rx.recv(), disconnected),
        Op::TryRecv => recv_ret(rx.try_recv(), |e| match e {
            TryRecvError::Empty => Ret::Empty,
            TryRecvError::Disconnected => Ret::Disconnected,
        }),
        Op::RecvTimeout => recv_ret(rx.recv_timeout(TIMEOUT), |e| match e {
            RecvTimeoutError::Timeout => Ret::Timeout,
            RecvTimeoutError::Disconnected => Ret::Disconnected,
        }),
        Op::RecvAsync => recv_ret(block_on(rx.recv_async().expect(RECV_ASYNC)), disconnected),
        Op::RecvPollOnce => polled(poll_once(rx.recv_async().expect(RECV_ASYNC)), |r| {
            recv_ret(r, disconnected)
        }),
        Op::Len => Ret::Len(rx.len().expect(LEN)),
        op => unreachable!("{op} on the receiver"),
    }
}
