//! The loom models of bounded channels (a full channel's blocked senders, a
//! timed send racing the receive that makes room) and of rendezvous ones
//! (hand-overs to polling receives); re-exported by `models.rs`.

use super::kind;
use crate::error::{SendTimeoutError, TryRecvError, TrySendError};
use crate::flavor::{Bounded, Rx, SyncTx, Tx};
use crate::kit::Options;
use crate::kit::loom::{Counted, Kind, Outcomes, check};
use loom::thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Any timeout: under loom a timed wait expires after one scheduling point.
const SHORT: Duration = Duration::from_millis(1);

/// A fresh `F::sync_channel(cap)` filled by `cap` sends of `msg(0..cap)`
/// (none blocks), before any other thread runs.
fn full<F: Bounded, T: Send + 'static>(
    cap: usize,
    msg: impl Fn(usize) -> T,
) -> (F::SyncSender<T>, F::Receiver<T>) {
    let (tx, rx) = F::sync_channel(cap);
    (0..cap).for_each(|i| assert!(tx.send(msg(i)).is_ok(), "room for message {i}"));
    (tx, rx)
}

/// A sender blocked on a full channel is woken by the receiver's drop and
/// gets its message back; every message is dropped once.
pub fn receiver_drop_wakes_blocked_sender<F: Bounded>(cap: usize, name: &str, options: Options) {
    check(name, kind(options, Kind::Exhaustive), move || {
        let drops = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = full::<F, _>(cap, |i| Counted(i, drops.clone()));
        let d = drops.clone();
        let t = thread::spawn(move || match tx.send(Counted(cap, d)) {
            Ok(()) => unreachable!("the channel stays full until the receiver drops"),
            Err(back) => assert_eq!(back.0.0, cap, "our own message handed back"),
        });
        drop(rx);
        t.join().unwrap();
        let dropped = drops.load(Ordering::Relaxed);
        assert_eq!(dropped, cap + 1, "each message dropped once");
    });
}

/// A sender blocked on a full channel is woken by a receive and its message
/// arrives after the others.
pub fn blocked_sender_woken_by_recv<F: Bounded>(cap: usize, name: &str, options: Options) {
    check(name, kind(options, Kind::Exhaustive), move || {
        let (tx, rx) = full::<F, _>(cap, |i| i as u32 + 1);
        let t = thread::spawn(move || tx.send(cap as u32 + 1).unwrap());
        for i in 0..=cap {
            assert_eq!(rx.recv(), Ok(i as u32 + 1), "every message, in order");
        }
        t.join().unwrap();
    });
}

/// A timed send on a full channel races the receive that makes room: it
/// succeeds (and its message is delivered) or times out (and its message
/// is not queued). Needs option `send_timeout`.
pub fn send_timeout_races_recv<F: Bounded>(cap: usize, name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Exhaustive), move || {
        let (tx, rx) = full::<F, _>(cap, |i| i as u32 + 1);
        let t = thread::spawn(move || {
            assert_eq!(rx.recv(), Ok(1), "the oldest message first");
            rx
        });
        let late = cap as u32 + 1;
        let sent = match tx.send_timeout(late, SHORT) {
            Some(Ok(())) => true,
            Some(Err(SendTimeoutError::Timeout(m))) if m == late => false,
            Some(Err(e)) => panic!("unexpected {e:?}"),
            None => panic!("the channel offers send_timeout (option `send_timeout`)"),
        };
        let rx = t.join().unwrap();
        let rest: Vec<u32> = std::iter::from_fn(|| rx.try_recv().ok()).collect();
        let want: Vec<u32> = (2..=cap as u32).chain(sent.then_some(late)).collect();
        assert_eq!(
            rest, want,
            "sent means delivered, a timeout means not queued"
        );
        seen.saw(if sent { "sent" } else { "timeout" });
    });
    outcomes.expect(&["sent", "timeout"]);
}

/// Two senders, one message each, race for the `cap` slots while the
/// receiver drains until the disconnection: both messages arrive, once.
/// With one slot, one sender waits for the room the other's message takes
/// and the receiver frees.
pub fn two_senders_race_for_room<F: Bounded>(cap: usize, name: &str, options: Options) {
    check(name, kind(options, Kind::Bounded), move || {
        let (tx, rx) = F::sync_channel(cap);
        let tx2 = tx.clone();
        let a = thread::spawn(move || tx.send(1u32).unwrap());
        let b = thread::spawn(move || tx2.send(2u32).unwrap());
        let mut got: Vec<u32> = std::iter::from_fn(|| rx.recv().ok()).collect();
        got.sort_unstable();
        assert_eq!(got, [1, 2], "both messages, once");
        a.join().unwrap();
        b.join().unwrap();
    });
}

/// Two senders blocked on a full channel when the receiver drops: both are
/// woken and each gets its own message back.
pub fn receiver_drop_wakes_every_blocked_sender<F: Bounded>(
    cap: usize,
    name: &str,
    options: Options,
) {
    check(name, kind(options, Kind::Bounded), move || {
        let (tx, rx) = full::<F, _>(cap, |i| i as u32);
        let tx2 = tx.clone();
        let a = thread::spawn(move || tx.send(100).unwrap_err().0);
        let b = thread::spawn(move || tx2.send(200).unwrap_err().0);
        drop(rx);
        let back = (a.join().unwrap(), b.join().unwrap());
        assert_eq!(
            back,
            (100, 200),
            "each blocked sender gets its message back"
        );
    });
}

/// Rendezvous: `try_send` succeeds only while the receiver is blocked in
/// `recv`; both outcomes are explored, and a blocking send returns only
/// once its message was taken.
pub fn rendezvous_handshake<F: Bounded>(name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Exhaustive), move || {
        let (tx, rx) = F::sync_channel(0);
        let tx2 = tx.clone();
        let t = thread::spawn(move || tx.send(1).unwrap());
        let seen2 = seen.clone();
        let u = thread::spawn(move || match tx2.try_send(2) {
            Ok(()) => seen2.saw("try_send handed off"),
            Err(TrySendError::Full(2)) => seen2.saw("try_send full"),
            Err(e) => panic!("unexpected {e:?}"),
        });
        // A handed-off 2 may arrive before 1; the blocking send of 1 only
        // returns once the receiver is waiting for it.
        while rx.recv().unwrap() != 1 {}
        t.join().unwrap();
        u.join().unwrap();
        assert_eq!(rx.try_recv().ok(), None, "nothing but 1 and 2 was sent");
    });
    outcomes.expect(&["try_send full", "try_send handed off"]);
}

/// Rendezvous: a receiver that only polls with `poll` always gets the
/// message of a sender blocked in `send` and releases it. A poll that could
/// never see the offer would loop forever, which loom reports.
fn rendezvous_polled_by<F: Bounded>(
    name: &str,
    options: Options,
    poll: fn(&F::Receiver<u8>) -> Option<u8>,
) {
    check(name, kind(options, Kind::Exhaustive), move || {
        let (tx, rx) = F::sync_channel(0);
        let t = thread::spawn(move || tx.send(1).unwrap());
        let got = loop {
            match poll(&rx) {
                Some(msg) => break msg,
                None => thread::yield_now(),
            }
        };
        assert_eq!(got, 1, "the blocked sender's message");
        t.join().unwrap();
        let after = rx.try_recv();
        assert_eq!(after, Err(TryRecvError::Disconnected), "then disconnected");
    });
}

/// Rendezvous: `try_recv` takes the message of a sender blocked in `send`.
pub fn rendezvous_try_recv_takes_blocked_send<F: Bounded>(name: &str, options: Options) {
    rendezvous_polled_by::<F>(name, options, |rx| rx.try_recv().ok());
}

/// Rendezvous: `recv_timeout(Duration::ZERO)` takes the message of a
/// sender blocked in `send`.
pub fn rendezvous_zero_timeout_takes_blocked_send<F: Bounded>(name: &str, options: Options) {
    rendezvous_polled_by::<F>(name, options, |rx| rx.recv_timeout(Duration::ZERO).ok());
}

/// Rendezvous: a `send_timeout` that times out withdraws its offer, so its
/// message is either received (and the send succeeds) or handed back (and
/// never received). Needs option `send_timeout`.
pub fn rendezvous_send_timeout_races_try_recv<F: Bounded>(name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Exhaustive), move || {
        let (tx, rx) = F::sync_channel(0);
        let t = thread::spawn(move || tx.send_timeout(4, SHORT));
        let polled = rx.try_recv();
        let sent = t.join().unwrap();
        match (polled, sent) {
            (Ok(4), Some(Ok(()))) => seen.saw("taken"),
            (Err(_), Some(Err(SendTimeoutError::Timeout(4)))) => seen.saw("withdrawn"),
            (_, None) => panic!("the channel offers send_timeout (option `send_timeout`)"),
            other => panic!("unexpected {other:?}"),
        }
        let after = rx.try_recv();
        assert_eq!(after, Err(TryRecvError::Disconnected), "then disconnected");
    });
    outcomes.expect(&["taken", "withdrawn"]);
}
