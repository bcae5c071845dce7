//! loom models of `chanlab::mutex`.

use crate::{Counted, Kind, Outcomes, check};
use chanlab::mutex::{self, RecvTimeoutError, SendTimeoutError, TryRecvError, TrySendError};
use loom::thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const SHORT: Duration = Duration::from_millis(1);

#[test]
fn handoff() {
    check("mutex::handoff", Kind::Exhaustive, || {
        let (tx, rx) = mutex::channel();
        let t = thread::spawn(move || tx.send(7).unwrap());
        assert_eq!(rx.recv(), Ok(7));
        assert!(
            rx.recv().is_err(),
            "disconnected after the only sender left"
        );
        t.join().unwrap();
    });
}

#[test]
fn last_sender_drop_wakes_blocked_receiver() {
    check(
        "mutex::last_sender_drop_wakes_blocked_receiver",
        Kind::Exhaustive,
        || {
            let (tx, rx) = mutex::channel::<u8>();
            crate::last_senders_leave(tx, || rx.recv().is_err());
        },
    );
}

#[test]
fn receiver_drop_wakes_blocked_sender() {
    check(
        "mutex::receiver_drop_wakes_blocked_sender",
        Kind::Exhaustive,
        || {
            let drops = Arc::new(AtomicUsize::new(0));
            let (tx, rx) = mutex::sync_channel(1);
            tx.send(Counted(0, drops.clone())).unwrap(); // fills the channel
            let d = drops.clone();
            let t = thread::spawn(move || {
                // Blocks while message 0 is queued, until the receiver drops;
                // the message comes back inside the error.
                let back = tx.send(Counted(1, d.clone())).unwrap_err().0;
                assert_eq!(back.0, 1);
            });
            drop(rx);
            t.join().unwrap();
            assert_eq!(
                drops.load(Ordering::Relaxed),
                2,
                "each message dropped once"
            );
        },
    );
}

#[test]
fn two_senders_capacity_one() {
    // Two senders block on a full channel while the receiver drains it. With
    // one condvar for both sides, a sender's notify_one could wake the other
    // sender instead of the receiver, and every thread would wait forever.
    check("mutex::two_senders_capacity_one", Kind::Bounded, || {
        let (tx, rx) = mutex::sync_channel(1);
        let tx2 = tx.clone();
        let a = thread::spawn(move || {
            tx.send(1).unwrap();
            tx.send(2).unwrap();
        });
        let b = thread::spawn(move || tx2.send(3).unwrap());
        let mut got = Vec::new();
        loop {
            // A woken sender that pushes without re-checking for room
            // overfills the channel: the bound must hold in every state.
            assert!(rx.len() <= 1, "capacity 1 exceeded");
            match rx.recv() {
                Ok(m) => got.push(m),
                Err(_) => break,
            }
        }
        let one = got.iter().position(|&m| m == 1).unwrap();
        let two = got.iter().position(|&m| m == 2).unwrap();
        assert!(one < two, "per-producer FIFO");
        got.sort();
        assert_eq!(got, [1, 2, 3]);
        a.join().unwrap();
        b.join().unwrap();
    });
}

#[test]
fn rendezvous_handshake() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check("mutex::rendezvous_handshake", Kind::Exhaustive, move || {
        let (tx, rx) = mutex::sync_channel(0);
        let tx2 = tx.clone();
        let t = thread::spawn(move || tx.send(1).unwrap());
        // try_send succeeds only while the receiver is blocked in recv.
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

/// A rendezvous sender blocked in `send` offers its message to polling
/// receives too: a receiver that only polls (`try_recv` here, zero-timeout
/// `recv_timeout` below) always gets it and releases the sender. A poll that
/// could never see the offer would loop forever, and loom reports a loop
/// that never ends as a failure.
fn rendezvous_polled_by(name: &str, poll: fn(&mutex::Receiver<u8>) -> Option<u8>) {
    check(name, Kind::Exhaustive, move || {
        let (tx, rx) = mutex::sync_channel(0);
        let t = thread::spawn(move || tx.send(1).unwrap());
        let got = loop {
            match poll(&rx) {
                Some(msg) => break msg,
                None => thread::yield_now(),
            }
        };
        assert_eq!(got, 1);
        t.join().unwrap();
        assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    });
}

#[test]
fn rendezvous_try_recv_takes_blocked_send() {
    rendezvous_polled_by("mutex::rendezvous_try_recv_takes_blocked_send", |rx| {
        rx.try_recv().ok()
    });
}

#[test]
fn rendezvous_zero_timeout_takes_blocked_send() {
    rendezvous_polled_by("mutex::rendezvous_zero_timeout_takes_blocked_send", |rx| {
        rx.recv_timeout(Duration::ZERO).ok()
    });
}

/// A rendezvous `send_timeout` that times out withdraws its offer: the
/// message is either received and the send succeeds, or handed back and
/// never received.
#[test]
fn rendezvous_send_timeout_races_try_recv() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "mutex::rendezvous_send_timeout_races_try_recv",
        Kind::Exhaustive,
        move || {
            let (tx, rx) = mutex::sync_channel(0);
            let t = thread::spawn(move || tx.send_timeout(4, SHORT));
            let polled = rx.try_recv();
            let sent = t.join().unwrap();
            match (polled, sent) {
                (Ok(4), Ok(())) => seen.saw("taken"),
                (Err(_), Err(SendTimeoutError::Timeout(4))) => seen.saw("withdrawn"),
                other => panic!("unexpected {other:?}"),
            }
            assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
        },
    );
    outcomes.expect(&["taken", "withdrawn"]);
}

#[test]
fn clone_drop_race() {
    check("mutex::clone_drop_race", Kind::Exhaustive, || {
        let (tx, rx) = mutex::channel();
        let t = thread::spawn(move || {
            let tx2 = tx.clone();
            drop(tx);
            tx2.send(5).unwrap();
        });
        assert_eq!(rx.recv(), Ok(5));
        assert!(rx.recv().is_err());
        t.join().unwrap();
    });
}

// ANCHOR: recv_timeout_vs_send
#[test]
fn recv_timeout_races_send() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "mutex::recv_timeout_races_send",
        Kind::Exhaustive,
        move || {
            let (tx, rx) = mutex::channel();
            let t = thread::spawn(move || tx.send(9).unwrap());
            match rx.recv_timeout(SHORT) {
                Ok(9) => seen.saw("message"),
                Err(RecvTimeoutError::Timeout) => {
                    seen.saw("timeout");
                    // The message was not lost: it is still delivered.
                    assert_eq!(rx.recv(), Ok(9));
                }
                other => panic!("unexpected {other:?}"),
            }
            t.join().unwrap();
        },
    );
    outcomes.expect(&["message", "timeout"]);
}
// ANCHOR_END: recv_timeout_vs_send

#[test]
fn recv_timeout_races_disconnect() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "mutex::recv_timeout_races_disconnect",
        Kind::Exhaustive,
        move || {
            let (tx, rx) = mutex::channel::<u8>();
            let t = thread::spawn(move || drop(tx));
            match rx.recv_timeout(SHORT) {
                Err(RecvTimeoutError::Disconnected) => seen.saw("disconnected"),
                Err(RecvTimeoutError::Timeout) => {
                    seen.saw("timeout");
                    assert!(rx.recv().is_err());
                }
                Ok(m) => panic!("unexpected message {m}"),
            }
            t.join().unwrap();
        },
    );
    outcomes.expect(&["disconnected", "timeout"]);
}

#[test]
fn send_timeout_races_recv() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "mutex::send_timeout_races_recv",
        Kind::Exhaustive,
        move || {
            let (tx, rx) = mutex::sync_channel(1);
            tx.send(1).unwrap();
            let t = thread::spawn(move || {
                assert_eq!(rx.recv(), Ok(1));
                rx
            });
            let sent = match tx.send_timeout(2, SHORT) {
                Ok(()) => true,
                Err(SendTimeoutError::Timeout(2)) => false,
                Err(e) => panic!("unexpected {e:?}"),
            };
            let rx = t.join().unwrap();
            if sent {
                seen.saw("sent");
                assert_eq!(rx.try_recv(), Ok(2));
            } else {
                seen.saw("timeout");
                assert!(rx.try_recv().is_err(), "a timed-out message is not queued");
            }
        },
    );
    outcomes.expect(&["sent", "timeout"]);
}

/// What a sender did before its drop happens-before the receiver's
/// disconnection error, whichever of the two senders drops last.
#[test]
fn disconnection_publishes_the_senders_writes() {
    check(
        "mutex::disconnection_publishes_the_senders_writes",
        Kind::Exhaustive,
        || {
            let (tx, rx) = mutex::channel::<u8>();
            crate::disconnection_publishes(tx, || rx.recv().is_err());
        },
    );
}
