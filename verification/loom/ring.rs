//! loom models of `chanlab::ring`.
//!
//! The ring's hot paths have more atomic steps than the mutex channel's, and
//! its blocking paths add a lock and a park on each side, so the models that
//! send three messages run with a preemption bound ([`Kind::Bounded`]); the
//! rest are exhaustive.

use crate::{Counted, Kind, Outcomes, check};
use chanlab::ring::{self, RecvTimeoutError, SendTimeoutError};
use loom::thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

mod stall;

const SHORT: Duration = Duration::from_millis(1);

/// One sender sends 0, 1, 2 through `cap` slots (a lap wrap at capacity 1
/// and 2); the receiver must get exactly 0, 1, 2 and then disconnection.
fn one_sender_three(tx: ring::SyncSender<u32>, rx: ring::Receiver<u32>) {
    let t = thread::spawn(move || (0..3).for_each(|i| tx.send(i).unwrap()));
    let rx = LeakOnPanic(Some(rx));
    let got: Vec<u32> = rx.0.as_ref().unwrap().iter().collect();
    assert_eq!(got, [0, 1, 2], "every message once, in order");
    t.join().unwrap();
}

/// Holds a receiver that is leaked, not dropped, while its thread
/// unwinds. In a failing execution of the naive layout the receiver's drop
/// would read the same unordered slot again; loom would fire a second
/// report while the first panic unwinds, and the process would abort
/// instead of failing the model with the first one.
struct LeakOnPanic<R>(Option<R>);

impl<R> Drop for LeakOnPanic<R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            std::mem::forget(self.0.take());
        }
    }
}

#[test]
fn capacity_one_lap_wrap() {
    check("ring::capacity_one_lap_wrap", Kind::Bounded, || {
        let (tx, rx) = ring::sync_channel(1);
        one_sender_three(tx, rx);
    });
}

#[test]
fn capacity_two_lap_wrap() {
    check("ring::capacity_two_lap_wrap", Kind::Bounded, || {
        let (tx, rx) = ring::sync_channel(2);
        one_sender_three(tx, rx);
    });
}

// ANCHOR: naive
/// The naive layout (stamp = position counter) at capacity 1: a sender
/// takes the full slot of lap k for the empty slot of lap k + 1 and writes
/// over an unread message. loom finds a schedule where that happens and the
/// model fails. loom's first failing execution is a sender writing the slot
/// while the receiver reads it, which loom's `UnsafeCell` tracking reports
/// (later ones would trip the overwritten-slot assertion or lose a message).
#[test]
#[should_panic(expected = "Concurrent read and write accesses")]
fn naive_capacity_1_loses_messages() {
    check(
        "ring::naive_capacity_1_loses_messages",
        Kind::Exhaustive,
        || {
            let (tx, rx) = ring::naive_sync_channel(1);
            one_sender_three(tx, rx);
        },
    );
}
// ANCHOR_END: naive

/// The same naive layout is correct from capacity 2: the bug is the
/// missing gap between laps, not the rest of the algorithm.
#[test]
fn naive_capacity_2_is_fine() {
    check("ring::naive_capacity_2_is_fine", Kind::Bounded, || {
        let (tx, rx) = ring::naive_sync_channel(2);
        one_sender_three(tx, rx);
    });
}

fn two_senders(cap: usize) {
    let (tx, rx) = ring::sync_channel(cap);
    let tx2 = tx.clone();
    let a = thread::spawn(move || tx.send(1u32).unwrap());
    let b = thread::spawn(move || tx2.send(2u32).unwrap());
    let mut got: Vec<u32> = rx.iter().collect();
    got.sort_unstable();
    assert_eq!(got, [1, 2]);
    a.join().unwrap();
    b.join().unwrap();
}

#[test]
fn two_senders_capacity_one() {
    check("ring::two_senders_capacity_one", Kind::Bounded, || {
        two_senders(1)
    });
}

#[test]
fn two_senders_capacity_two() {
    check("ring::two_senders_capacity_two", Kind::Bounded, || {
        two_senders(2)
    });
}

#[test]
fn full_ring_blocked_sender_woken_by_recv() {
    check(
        "ring::full_ring_blocked_sender_woken_by_recv",
        Kind::Exhaustive,
        || {
            let (tx, rx) = ring::sync_channel(1);
            tx.send(1u32).unwrap(); // fills the ring
            let t = thread::spawn(move || tx.send(2).unwrap());
            assert_eq!(rx.recv(), Ok(1));
            assert_eq!(rx.recv(), Ok(2));
            t.join().unwrap();
        },
    );
}

#[test]
fn empty_ring_parked_receiver_woken_by_send() {
    check(
        "ring::empty_ring_parked_receiver_woken_by_send",
        Kind::Exhaustive,
        || {
            let (tx, rx) = ring::sync_channel(1);
            let t = thread::spawn(move || tx.send(7u32).unwrap());
            assert_eq!(rx.recv(), Ok(7));
            assert!(
                rx.recv().is_err(),
                "disconnected after the only sender left"
            );
            t.join().unwrap();
        },
    );
}

#[test]
fn receiver_drop_wakes_blocked_sender() {
    check(
        "ring::receiver_drop_wakes_blocked_sender",
        Kind::Exhaustive,
        || {
            let drops = Arc::new(AtomicUsize::new(0));
            let (tx, rx) = ring::sync_channel(1);
            tx.send(Counted(0, drops.clone())).unwrap(); // queued, fills the ring
            let d = drops.clone();
            let t = thread::spawn(move || match tx.send(Counted(1, d)) {
                Ok(()) => unreachable!("the ring stays full until the receiver drops"),
                Err(back) => assert_eq!(back.0.0, 1, "our own message handed back"),
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

/// A sender in the middle of writing its slot when the receiver drops:
/// either its claim came first (the send succeeds and the receiver's drop
/// drops the message) or the receiver's mark came first (the message is
/// handed back). Never both, never neither.
#[test]
fn receiver_drop_races_send() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "ring::receiver_drop_races_send",
        Kind::Exhaustive,
        move || {
            let drops = Arc::new(AtomicUsize::new(0));
            let (tx, rx) = ring::sync_channel(1);
            let d = drops.clone();
            let t = thread::spawn(move || tx.send(Counted(0, d)).map_err(|e| e.0.0));
            drop(rx);
            let sent = t.join().unwrap();
            assert_eq!(drops.load(Ordering::Relaxed), 1, "dropped exactly once");
            seen.saw(if sent.is_ok() { "sent" } else { "handed back" });
        },
    );
    outcomes.expect(&["handed back", "sent"]);
}

#[test]
fn last_sender_drop_wakes_parked_receiver() {
    check(
        "ring::last_sender_drop_wakes_parked_receiver",
        Kind::Exhaustive,
        || {
            let (tx, rx) = ring::sync_channel::<u8>(1);
            crate::last_senders_leave(tx, || rx.recv().is_err());
        },
    );
}

#[test]
fn send_timeout_races_recv() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "ring::send_timeout_races_recv",
        Kind::Exhaustive,
        move || {
            let (tx, rx) = ring::sync_channel(1);
            tx.send(1u32).unwrap(); // full
            let t = thread::spawn(move || match tx.send_timeout(2, SHORT) {
                Ok(()) => "sent",
                Err(SendTimeoutError::Timeout(2)) => "timeout",
                Err(e) => panic!("unexpected {e:?}"),
            });
            assert_eq!(rx.recv(), Ok(1));
            let outcome = t.join().unwrap();
            let second = rx.try_recv();
            assert_eq!(second.is_ok(), outcome == "sent", "sent means delivered");
            seen.saw(outcome);
        },
    );
    outcomes.expect(&["sent", "timeout"]);
}

/// A timed-out receiver withdraws its park while a sender claims the head
/// slot: the message is then either returned by this call or still queued.
#[test]
fn recv_timeout_races_send() {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "ring::recv_timeout_races_send",
        Kind::Exhaustive,
        move || {
            let (tx, rx) = ring::sync_channel(1);
            let t = thread::spawn(move || tx.send(5u32).unwrap());
            match rx.recv_timeout(SHORT) {
                Ok(5) => seen.saw("message"),
                Err(RecvTimeoutError::Timeout) => {
                    seen.saw("timeout");
                    assert_eq!(rx.recv(), Ok(5), "the message is not lost");
                }
                other => panic!("unexpected {other:?}"),
            }
            t.join().unwrap();
        },
    );
    outcomes.expect(&["message", "timeout"]);
}

/// Two senders blocked on a full ring when the receiver drops: both are
/// woken and get their own message back (the many-senders wake of a pop is
/// covered by the shuttle schedules; its loom model is too large).
#[test]
fn receiver_drop_wakes_every_blocked_sender() {
    check(
        "ring::receiver_drop_wakes_every_blocked_sender",
        Kind::Bounded,
        || {
            let (tx, rx) = ring::sync_channel(1);
            tx.send(0u32).unwrap(); // fills the ring
            let tx2 = tx.clone();
            let a = thread::spawn(move || tx.send(1).unwrap_err().0);
            let b = thread::spawn(move || tx2.send(2).unwrap_err().0);
            drop(rx);
            assert_eq!((a.join().unwrap(), b.join().unwrap()), (1, 2));
        },
    );
}

/// What a sender did before its drop happens-before the receiver's
/// disconnection error, whichever of the two senders drops last.
#[test]
fn disconnection_publishes_the_senders_writes() {
    check(
        "ring::disconnection_publishes_the_senders_writes",
        Kind::Exhaustive,
        || {
            let (tx, rx) = ring::sync_channel::<u8>(1);
            crate::disconnection_publishes(tx, || rx.recv().is_err());
        },
    );
}

/// `len`, sampled by a third thread while a sender sends one message into
/// a ring of one slot and the receiver takes it: always within
/// `0..=capacity`, and exact (0) once both threads are joined.
#[test]
fn len_stays_within_capacity() {
    check("ring::len_stays_within_capacity", Kind::Bounded, || {
        let (tx, rx) = ring::sync_channel(1);
        let sampler = tx.clone();
        let s = thread::spawn(move || assert!(sampler.len() <= 1, "len above capacity"));
        let t = thread::spawn(move || tx.send(7u32).unwrap());
        assert_eq!(rx.recv(), Ok(7));
        t.join().unwrap();
        s.join().unwrap();
        assert_eq!(rx.len(), 0, "exact when quiescent");
    });
}

#[test]
fn len_is_zero_after_a_send_saw_the_receiver_gone() {
    // One message is queued, so the drop's drain moves `head`; a sender that
    // saw RECEIVER_GONE may still read the old `head`, and `len` must not
    // count from it.
    crate::len_after_disconnection(
        "ring::len_is_zero_after_a_send_saw_the_receiver_gone",
        || {
            let (tx, rx) = ring::sync_channel::<u8>(2);
            tx.send(0).unwrap();
            (tx, Box::new(move || drop(rx)))
        },
        |tx| tx.send(1).is_ok(),
        |tx| tx.len(),
    );
}
