//! loom models of `chanlab::lockfree`. Under loom a block holds 2 slots, so
//! a handful of messages installs, crosses, releases and recycles blocks.
//! The models that fit any channel are the kit's
//! (`chanlab::kit::loom::models`), run here under the names the book and
//! the tables cite; the others walk this channel's blocks.

use crate::{Kind, check};
use chanlab::flavor::Lockfree;
use chanlab::kit::loom::models;
use chanlab::kit::{Options, Unb};
use chanlab::lockfree;
use loom::thread;

mod blocks;
mod slots;
mod stall;

/// The options of the kit's models here: `len` is offered.
const OPTIONS: Options = Options::new().len();

/// Receives until disconnection; asserts per-sender FIFO and completeness.
fn drain_in_order(rx: &lockfree::Receiver<(usize, usize)>, per: &[usize]) {
    let mut next = vec![0; per.len()];
    for (s, i) in rx.iter() {
        assert_eq!(i, next[s], "sender {s} out of order");
        next[s] += 1;
    }
    assert_eq!(next, per, "every message arrives once");
}

/// Spawns a thread per entry of `per`, sender `s` sending `(s, 0)` to
/// `(s, per[s] - 1)`, then drops `tx`: the channel disconnects once they
/// are done.
fn spawn_senders(
    tx: lockfree::Sender<(usize, usize)>,
    per: &[usize],
) -> Vec<thread::JoinHandle<()>> {
    (0..per.len())
        .map(|s| {
            let (tx, n) = (tx.clone(), per[s]);
            thread::spawn(move || (0..n).for_each(|i| tx.send((s, i)).unwrap()))
        })
        .collect()
}

/// A channel whose first `n` indices were sent and received before any
/// thread is spawned, so that the model's messages start mid-block (or,
/// with enough of them, after blocks were released and recycled). The
/// set-up is single-threaded and adds no interleavings.
fn advanced<T: Default>(n: usize) -> (lockfree::Sender<T>, lockfree::Receiver<T>) {
    let (tx, rx) = lockfree::channel();
    for _ in 0..n {
        tx.send(T::default()).unwrap();
    }
    for _ in 0..n {
        rx.try_recv().unwrap();
    }
    (tx, rx)
}

#[test]
fn handoff() {
    // A lost wake-up on either path (the message's or the disconnection's)
    // leaves the receiver parked forever: loom reports a deadlock.
    models::handoff::<Unb<Lockfree>>("lockfree::handoff", OPTIONS);
}

/// A spawned sender sends `msg` and drops its handle; the receiver must get
/// `msg`, then the disconnection.
fn send_one_then_leave(tx: lockfree::Sender<u8>, rx: &lockfree::Receiver<u8>, msg: u8) {
    let t = thread::spawn(move || tx.send(msg).unwrap());
    assert_eq!(rx.recv(), Ok(msg));
    assert!(
        rx.recv().is_err(),
        "disconnected after the only sender left"
    );
    t.join().unwrap();
}

#[test]
fn two_senders_cross_a_block() {
    // Indices 1 and 2 straddle the boundary of the 2-slot blocks: the two
    // senders race to install block 1 and to move `block_tail` past block
    // 0, while the receiver polls once. (A receiver that drains
    // concurrently costs 1.7M executions at bound 3; the receiver's side of
    // the race is in `handoff`, `recycling_races_a_sender` and the
    // wake-up models.)
    check("lockfree::two_senders_cross_a_block", Kind::Bounded, || {
        let (tx, rx) = advanced::<(usize, usize)>(1);
        let handles = spawn_senders(tx, &[1, 1]);
        let early = rx.try_recv().ok();
        handles.into_iter().for_each(|h| h.join().unwrap());
        let mut got: Vec<_> = early.into_iter().chain(rx.iter()).collect();
        got.sort();
        assert_eq!(got, [(0, 0), (1, 0)]);
    });
}

#[test]
fn two_senders_two_messages_each() {
    // Four messages from two senders over indices 1-4 (three blocks): a
    // sender may walk past a block the other is still writing into, and
    // both may race to install blocks 1 and 2; the receiver polls once.
    check(
        "lockfree::two_senders_two_messages_each",
        Kind::Bounded,
        || {
            let (tx, rx) = advanced::<(usize, usize)>(1);
            let per = [2, 2];
            let handles = spawn_senders(tx, &per);
            let early = rx.try_recv().ok();
            handles.into_iter().for_each(|h| h.join().unwrap());
            let rest: Vec<_> = rx.iter().collect();
            let mut next = [0, 0];
            for (s, i) in early.into_iter().chain(rest) {
                assert_eq!(i, next[s], "sender {s} out of order");
                next[s] += 1;
            }
            assert_eq!(next, per, "every message arrives once");
        },
    );
}

#[test]
fn recycling_races_a_sender() {
    // After the set-up, block 0 has been recycled to the end of the list
    // (as the block of indices 6-7) and block 1 waits to be recycled. The
    // sender writes index 5, then walks into the recycled block for index
    // 6, moving `block_tail` on; concurrently the receiver recycles block
    // 1 behind it. loom checks that `reset` never races a sender's access.
    check("lockfree::recycling_races_a_sender", Kind::Bounded, || {
        one_sender_while_draining(5, 2);
    });
}

/// After `advanced(after)`, one spawned sender sends `n` messages while the
/// receiver drains them in order until disconnection.
fn one_sender_while_draining(after: usize, n: usize) {
    let (tx, rx) = advanced::<(usize, usize)>(after);
    let t = thread::spawn(move || (0..n).for_each(|i| tx.send((0, i)).unwrap()));
    drain_in_order(&rx, &[n]);
    t.join().unwrap();
}

#[test]
fn send_wakes_parking_receiver() {
    // The receiver holds a sender clone, so only the message's own wake-up
    // can end its `recv`: no disconnection comes to the rescue. Replacing
    // the receiver's read-modify-write on the `ready` word (`park_on_head`)
    // by a load makes loom report the lost wake-up as a deadlock.
    models::send_wakes_parking_receiver::<Unb<Lockfree>>(
        "lockfree::send_wakes_parking_receiver",
        OPTIONS,
    );
}

#[test]
fn last_sender_drop_wakes_parking_receiver() {
    models::last_sender_drop_wakes_receiver::<Unb<Lockfree>>(
        "lockfree::last_sender_drop_wakes_parking_receiver",
        OPTIONS,
    );
}

#[test]
fn recv_timeout_races_send() {
    // Deregistering races the sender's wake-up; the message is still
    // delivered and the next park still works.
    models::recv_timeout_races_send::<Unb<Lockfree>>("lockfree::recv_timeout_races_send", OPTIONS);
}

#[test]
fn receiver_drop_while_sender_writes() {
    // The sender's three messages span two blocks, so the receiver's drop
    // may have to install the second block (the scene of std's #110001)
    // and settle a slot that is being written (RX_GONE).
    models::receiver_drop_while_sender_writes::<Unb<Lockfree>>(
        "lockfree::receiver_drop_while_sender_writes",
        OPTIONS,
    );
}

#[test]
fn drop_channel_with_messages_in_flight() {
    // Two senders race the receiver's drop; every message is dropped once,
    // by the receiver's drop or by its sender, and the blocks are freed
    // when the last sender leaves.
    models::drop_channel_with_messages_in_flight::<Unb<Lockfree>>(
        "lockfree::drop_channel_with_messages_in_flight",
        OPTIONS,
    );
}

/// What a sender did before its drop happens-before the receiver's
/// disconnection error, whichever of the two senders drops last.
#[test]
fn disconnection_publishes_the_senders_writes() {
    models::disconnection_publishes_the_senders_writes::<Unb<Lockfree>>(
        "lockfree::disconnection_publishes_the_senders_writes",
        OPTIONS,
    );
}

#[test]
fn len_is_zero_after_a_send_saw_the_receiver_gone() {
    // The send claims its index before the drop's CLOSED and publishes after
    // its RX_GONE: `Disconnected` came from the `ready` word, not from
    // `tail`, and only the RX_GONE RMW's Release makes the CLOSED on `tail`
    // visible to `len` (Acquire alone left it at 1 in two executions).
    models::len_is_zero_after_a_send_saw_the_receiver_gone::<Unb<Lockfree>>(
        "lockfree::len_is_zero_after_a_send_saw_the_receiver_gone",
        OPTIONS,
    );
}
