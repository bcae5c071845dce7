//! The loom models that fit any channel: each takes the channel constructor
//! ([`Make`]) or a bounded flavor, the model's name (its test path) and the
//! line's [`Options`], and runs under [`check`]. chanlab's own loom target
//! runs them on its channels under the names its book and tables cite; the
//! [`loom_models!`](crate::kit::loom_models!) line runs every one that
//! applies to a channel's kind. The models of any kind are here, those of
//! bounded and rendezvous channels in `models_bounded.rs`.
//!
//! A model's assertion messages name what failed; its outcome sets
//! ([`Outcomes`]) assert that each side of a race was explored.

#[path = "models_bounded.rs"]
mod bounded;
pub use bounded::*;

use super::{
    Counted, Kind, Outcomes, check, disconnection_publishes, last_senders_leave,
    len_after_disconnection_at,
};
use crate::error::RecvTimeoutError;
use crate::flavor::{Rx, Tx};
use crate::kit::{Make, Options};
use loom::thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Any timeout: under loom a timed wait expires after one scheduling point.
const SHORT: Duration = Duration::from_millis(1);

/// The model's own kind, unless the line bounds every model.
fn kind(options: Options, own: Kind) -> Kind {
    options.loom_bound().map_or(own, Kind::AtMost)
}

/// A spawned sender sends one message and leaves; the receiver gets it,
/// then the disconnection. A lost wake-up on either path (the message's or
/// the disconnection's) leaves the receiver blocked: loom reports a
/// deadlock.
pub fn handoff<M: Make>(name: &str, options: Options) {
    check(name, kind(options, Kind::Exhaustive), || {
        let (tx, rx) = M::make();
        let t = thread::spawn(move || tx.send(7u8).unwrap());
        assert_eq!(rx.recv(), Ok(7), "handoff: the message arrives");
        assert!(
            rx.recv().is_err(),
            "handoff: disconnected after the only sender left"
        );
        t.join().unwrap();
    });
}

/// The receiver holds a sender clone, so only the message's own wake-up can
/// end its `recv`: no disconnection comes to the rescue.
pub fn send_wakes_parking_receiver<M: Make>(name: &str, options: Options) {
    check(name, kind(options, Kind::Exhaustive), || {
        let (tx, rx) = M::make();
        let keep = tx.clone();
        let t = thread::spawn(move || tx.send(3u8).unwrap());
        assert_eq!(rx.recv(), Ok(3), "the send wakes the waiting receiver");
        drop(keep);
        t.join().unwrap();
    });
}

/// Two spawned threads drop the only two senders while the receiver
/// blocks: it reports the disconnection whichever drop comes last.
pub fn last_sender_drop_wakes_receiver<M: Make>(name: &str, options: Options) {
    check(name, kind(options, Kind::Exhaustive), || {
        let (tx, rx) = M::make::<u8>();
        last_senders_leave(tx, || rx.recv().is_err());
    });
}

/// What a sender did before its drop happens-before the receiver's
/// disconnection error, whichever of the two senders drops last.
pub fn disconnection_publishes_the_senders_writes<M: Make>(name: &str, options: Options) {
    check(name, kind(options, Kind::Exhaustive), || {
        let (tx, rx) = M::make::<u8>();
        disconnection_publishes(tx, || rx.recv().is_err());
    });
}

// ANCHOR: recv_timeout_vs_send
/// A timed receive races a send: it returns the message or times out, both
/// outcomes occur, and a timeout loses nothing.
pub fn recv_timeout_races_send<M: Make>(name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Exhaustive), move || {
        let (tx, rx) = M::make();
        let t = thread::spawn(move || tx.send(9u8).unwrap());
        match rx.recv_timeout(SHORT) {
            Ok(9) => seen.saw("message"),
            Err(RecvTimeoutError::Timeout) => {
                seen.saw("timeout");
                // The message was not lost: it is still delivered.
                assert_eq!(rx.recv(), Ok(9), "a timeout loses no message");
            }
            other => panic!("unexpected {other:?}"),
        }
        t.join().unwrap();
    });
    outcomes.expect(&["message", "timeout"]);
}
// ANCHOR_END: recv_timeout_vs_send

/// A timed receive races the only sender's drop: it reports the
/// disconnection or times out (and a later `recv` then reports it).
pub fn recv_timeout_races_disconnect<M: Make>(name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Exhaustive), move || {
        let (tx, rx) = M::make::<u8>();
        let t = thread::spawn(move || drop(tx));
        match rx.recv_timeout(SHORT) {
            Err(RecvTimeoutError::Disconnected) => seen.saw("disconnected"),
            Err(RecvTimeoutError::Timeout) => {
                seen.saw("timeout");
                assert!(rx.recv().is_err(), "the disconnection is still reported");
            }
            Ok(m) => panic!("unexpected message {m}"),
        }
        t.join().unwrap();
    });
    outcomes.expect(&["disconnected", "timeout"]);
}

/// A sender clones its handle, drops the original and sends through the
/// clone: the sender count never reaches zero in between, so the message
/// arrives before the disconnection.
pub fn clone_drop_race<M: Make>(name: &str, options: Options) {
    check(name, kind(options, Kind::Exhaustive), || {
        let (tx, rx) = M::make();
        let t = thread::spawn(move || {
            let tx2 = tx.clone();
            drop(tx);
            tx2.send(5u8).unwrap();
        });
        assert_eq!(rx.recv(), Ok(5), "the clone's message arrives");
        assert!(rx.recv().is_err(), "then the disconnection");
        t.join().unwrap();
    });
}

/// Sends `Counted` messages until one is refused; returns how many were
/// created (accepted or handed back) and whether one was refused.
pub fn send_counted<S: Tx<Counted>>(tx: S, n: usize, drops: Arc<AtomicUsize>) -> (usize, bool) {
    for i in 0..n {
        if let Err(back) = tx.send(Counted(i, drops.clone())) {
            assert_eq!(back.0.0, i, "the refused message comes back");
            return (i + 1, true);
        }
    }
    (n, false)
}

/// Whether `M` can hold `n` messages with no receiver taking them.
fn holds<M: Make>(n: usize) -> bool {
    M::BOUND.is_none_or(|b| b >= n)
}

/// The receiver polls once and drops while a sender sends three messages:
/// each message is dropped exactly once (by the receiver's drop or handed
/// back to the sender), and a refusal is explored.
pub fn receiver_drop_while_sender_writes<M: Make>(name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Exhaustive), move || {
        let drops = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = M::make();
        let d = drops.clone();
        let t = thread::spawn(move || send_counted(tx, 3, d));
        let received = usize::from(rx.try_recv().is_ok());
        drop(rx);
        let (created, refused) = t.join().unwrap();
        seen.saw(if refused { "refused" } else { "all accepted" });
        assert!(received <= created, "received only what was sent");
        let dropped = drops.load(Ordering::Relaxed);
        assert_eq!(dropped, created, "each message dropped once");
    });
    // All three fit only where two can wait beside the one polled.
    match holds::<M>(2) {
        true => outcomes.expect(&["all accepted", "refused"]),
        false => outcomes.expect(&["refused"]),
    }
}

/// Two senders race the receiver's drop with one message each: every
/// message is dropped once, by the receiver's drop or by its sender.
pub fn drop_channel_with_messages_in_flight<M: Make>(name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Bounded), move || {
        let drops = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = M::make();
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let (tx, d) = (tx.clone(), drops.clone());
                thread::spawn(move || send_counted(tx, 1, d))
            })
            .collect();
        drop(tx);
        drop(rx);
        let mut created = 0;
        for h in handles {
            let (c, refused) = h.join().unwrap();
            created += c;
            seen.saw(if refused { "refused" } else { "accepted" });
        }
        let dropped = drops.load(Ordering::Relaxed);
        assert_eq!(dropped, created, "each message dropped once");
    });
    // A rendezvous send completes only with a receive, and none comes.
    match holds::<M>(1) {
        true => outcomes.expect(&["accepted", "refused"]),
        false => outcomes.expect(&["refused"]),
    }
}

/// A sender in the middle of its send when the receiver drops: either the
/// send succeeds and the receiver's drop drops the message, or the message
/// is handed back. Never both, never neither.
pub fn receiver_drop_races_send<M: Make>(name: &str, options: Options) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind(options, Kind::Exhaustive), move || {
        let drops = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = M::make();
        let d = drops.clone();
        let t = thread::spawn(move || tx.send(Counted(0, d)).map_err(|e| e.0.0));
        drop(rx);
        let sent = t.join().unwrap();
        assert_eq!(drops.load(Ordering::Relaxed), 1, "dropped exactly once");
        seen.saw(if sent.is_ok() { "sent" } else { "handed back" });
    });
    match holds::<M>(1) {
        true => outcomes.expect(&["handed back", "sent"]),
        false => outcomes.expect(&["handed back"]),
    }
}

/// The model thread drops the receiver while a spawned thread sends one
/// message: if the send reports the disconnection, that thread's `len()`
/// is then 0 (nothing can be received any more). Needs option `len`.
pub fn len_is_zero_after_a_send_saw_the_receiver_gone<M: Make>(name: &str, options: Options) {
    len_after_disconnection_at(
        name,
        kind(options, Kind::Exhaustive),
        || {
            let (tx, rx) = M::make::<u8>();
            (tx, Box::new(move || drop(rx)))
        },
        |tx| tx.send(1).is_ok(),
        |tx| tx.len().expect("the channel offers len (option `len`)"),
    );
}
