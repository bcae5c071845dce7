//! loom models of `chanlab::mutex`: the kit's models
//! (`chanlab::kit::loom::models`, in `models.rs`), run here under the names
//! the book and the tables cite, and one of this channel's own.

use crate::{Kind, check};
use chanlab::flavor::Mutex;
use chanlab::kit::loom::models;
use chanlab::kit::{Options, Unb};
use chanlab::mutex;
use loom::thread;

/// The line's options: nothing beyond each model's own bound.
const OPTIONS: Options = Options::new();

#[test]
fn handoff() {
    models::handoff::<Unb<Mutex>>("mutex::handoff", OPTIONS);
}

#[test]
fn last_sender_drop_wakes_blocked_receiver() {
    models::last_sender_drop_wakes_receiver::<Unb<Mutex>>(
        "mutex::last_sender_drop_wakes_blocked_receiver",
        OPTIONS,
    );
}

#[test]
fn receiver_drop_wakes_blocked_sender() {
    models::receiver_drop_wakes_blocked_sender::<Mutex>(
        1,
        "mutex::receiver_drop_wakes_blocked_sender",
        OPTIONS,
    );
}

#[test]
fn two_senders_capacity_one() {
    // Two senders block on a full channel while the receiver drains it. With
    // one condvar for both sides, a sender's notify_one could wake the other
    // sender instead of the receiver, and every thread would wait forever.
    // (Three messages: a model this channel's one lock keeps small, and too
    // large for the kit's channels in general.)
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
    models::rendezvous_handshake::<Mutex>("mutex::rendezvous_handshake", OPTIONS);
}

#[test]
fn rendezvous_try_recv_takes_blocked_send() {
    models::rendezvous_try_recv_takes_blocked_send::<Mutex>(
        "mutex::rendezvous_try_recv_takes_blocked_send",
        OPTIONS,
    );
}

#[test]
fn rendezvous_zero_timeout_takes_blocked_send() {
    models::rendezvous_zero_timeout_takes_blocked_send::<Mutex>(
        "mutex::rendezvous_zero_timeout_takes_blocked_send",
        OPTIONS,
    );
}

/// A rendezvous `send_timeout` that times out withdraws its offer: the
/// message is either received and the send succeeds, or handed back and
/// never received.
#[test]
fn rendezvous_send_timeout_races_try_recv() {
    models::rendezvous_send_timeout_races_try_recv::<Mutex>(
        "mutex::rendezvous_send_timeout_races_try_recv",
        OPTIONS,
    );
}

#[test]
fn clone_drop_race() {
    models::clone_drop_race::<Unb<Mutex>>("mutex::clone_drop_race", OPTIONS);
}

#[test]
fn recv_timeout_races_send() {
    models::recv_timeout_races_send::<Unb<Mutex>>("mutex::recv_timeout_races_send", OPTIONS);
}

#[test]
fn recv_timeout_races_disconnect() {
    models::recv_timeout_races_disconnect::<Unb<Mutex>>(
        "mutex::recv_timeout_races_disconnect",
        OPTIONS,
    );
}

#[test]
fn send_timeout_races_recv() {
    models::send_timeout_races_recv::<Mutex>(1, "mutex::send_timeout_races_recv", OPTIONS);
}

/// What a sender did before its drop happens-before the receiver's
/// disconnection error, whichever of the two senders drops last.
#[test]
fn disconnection_publishes_the_senders_writes() {
    models::disconnection_publishes_the_senders_writes::<Unb<Mutex>>(
        "mutex::disconnection_publishes_the_senders_writes",
        OPTIONS,
    );
}
