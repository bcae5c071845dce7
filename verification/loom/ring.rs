//! loom models of `chanlab::ring`.
//!
//! The ring's hot paths have more atomic steps than the mutex channel's, and
//! its blocking paths add a lock and a park on each side, so the models that
//! send three messages run with a preemption bound ([`Kind::Bounded`]); the
//! rest are exhaustive.

use crate::{Kind, check};
use chanlab::flavor::Ring;
use chanlab::kit::loom::models;
use chanlab::kit::{Bnd, Options};
use chanlab::ring;
use loom::thread;

mod stall;

/// The options of the kit's models here (`chanlab::kit::loom::models`,
/// run under the names the book and the tables cite).
const OPTIONS: Options = Options::new().len().send_timeout();

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

#[test]
fn two_senders_capacity_one() {
    models::two_senders_race_for_room::<Ring>(1, "ring::two_senders_capacity_one", OPTIONS);
}

#[test]
fn two_senders_capacity_two() {
    models::two_senders_race_for_room::<Ring>(2, "ring::two_senders_capacity_two", OPTIONS);
}

#[test]
fn full_ring_blocked_sender_woken_by_recv() {
    models::blocked_sender_woken_by_recv::<Ring>(
        1,
        "ring::full_ring_blocked_sender_woken_by_recv",
        OPTIONS,
    );
}

#[test]
fn empty_ring_parked_receiver_woken_by_send() {
    models::handoff::<Bnd<Ring, 1>>("ring::empty_ring_parked_receiver_woken_by_send", OPTIONS);
}

#[test]
fn receiver_drop_wakes_blocked_sender() {
    models::receiver_drop_wakes_blocked_sender::<Ring>(
        1,
        "ring::receiver_drop_wakes_blocked_sender",
        OPTIONS,
    );
}

/// A sender in the middle of writing its slot when the receiver drops:
/// either its claim came first (the send succeeds and the receiver's drop
/// drops the message) or the receiver's mark came first (the message is
/// handed back). Never both, never neither.
#[test]
fn receiver_drop_races_send() {
    models::receiver_drop_races_send::<Bnd<Ring, 1>>("ring::receiver_drop_races_send", OPTIONS);
}

#[test]
fn last_sender_drop_wakes_parked_receiver() {
    models::last_sender_drop_wakes_receiver::<Bnd<Ring, 1>>(
        "ring::last_sender_drop_wakes_parked_receiver",
        OPTIONS,
    );
}

#[test]
fn send_timeout_races_recv() {
    models::send_timeout_races_recv::<Ring>(1, "ring::send_timeout_races_recv", OPTIONS);
}

/// A timed-out receiver withdraws its park while a sender claims the head
/// slot: the message is then either returned by this call or still queued.
#[test]
fn recv_timeout_races_send() {
    models::recv_timeout_races_send::<Bnd<Ring, 1>>("ring::recv_timeout_races_send", OPTIONS);
}

/// Two senders blocked on a full ring when the receiver drops: both are
/// woken and get their own message back (the many-senders wake of a pop is
/// covered by the shuttle schedules; its loom model is too large).
#[test]
fn receiver_drop_wakes_every_blocked_sender() {
    models::receiver_drop_wakes_every_blocked_sender::<Ring>(
        1,
        "ring::receiver_drop_wakes_every_blocked_sender",
        OPTIONS,
    );
}

/// What a sender did before its drop happens-before the receiver's
/// disconnection error, whichever of the two senders drops last.
#[test]
fn disconnection_publishes_the_senders_writes() {
    models::disconnection_publishes_the_senders_writes::<Bnd<Ring, 1>>(
        "ring::disconnection_publishes_the_senders_writes",
        OPTIONS,
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
