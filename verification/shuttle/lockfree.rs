//! shuttle schedules of `chanlab::lockfree` (2-slot blocks under shuttle, so
//! hundreds of messages install, recycle and reuse many blocks): the kit's
//! model bodies (`chanlab::kit::shuttle::models`) at this channel's sizes,
//! and the models of its stalled sender and of a wake-up in flight.

use crate::{dfs, pct, random};
use chanlab::flavor::Lockfree;
use chanlab::kit::shuttle::models;
use chanlab::kit::{Options, Unb};
use chanlab::lockfree;
use shuttle::thread;

#[test]
fn four_senders_random() {
    random("lockfree::four_senders_random", || {
        models::many_senders::<Unb<Lockfree>>(4, 50, Options::new())
    });
}

#[test]
fn three_senders_pct() {
    pct("lockfree::three_senders_pct", 3, || {
        models::many_senders::<Unb<Lockfree>>(3, 100, Options::new())
    });
}

#[test]
fn receiver_drop_random() {
    random("lockfree::receiver_drop_random", || {
        models::receiver_drop::<Unb<Lockfree>>(3, 40, 20)
    });
}

#[test]
fn receiver_drop_pct() {
    pct("lockfree::receiver_drop_pct", 3, || {
        models::receiver_drop::<Unb<Lockfree>>(4, 25, 10)
    });
}

#[test]
fn one_sender_dfs() {
    // DFS enumerates every schedule only if no thread can run forever, so
    // the receiver polls (`try_recv`) instead of parking: shuttle's `park`
    // may wake spuriously, and DFS would explore endless wake-ups.
    dfs("lockfree::one_sender_dfs", || {
        models::one_sender_polled::<Unb<Lockfree>>()
    });
}

#[test]
fn receiver_drop_dfs() {
    dfs("lockfree::receiver_drop_dfs", || {
        models::receiver_drop_while_sending::<Unb<Lockfree>>()
    });
}

/// A claim made before the receiver looks and published later, with a
/// written message behind it: timed receives that time out (the receiver
/// never waits for the stalled sender) until both arrive, in claim order.
#[test]
fn recv_timeout_behind_a_stalled_claim_pct() {
    pct(
        "lockfree::recv_timeout_behind_a_stalled_claim_pct",
        3,
        || {
            let (tx, rx) = lockfree::channel();
            let stalled = tx.stall_send(1u8).unwrap();
            tx.send(2).unwrap();
            drop(tx);
            let t = thread::spawn(move || stalled.publish().unwrap());
            let mut got = Vec::new();
            loop {
                match rx.recv_timeout(std::time::Duration::from_millis(1)) {
                    Ok(msg) => got.push(msg),
                    Err(lockfree::RecvTimeoutError::Timeout) => continue,
                    Err(lockfree::RecvTimeoutError::Disconnected) => break,
                }
            }
            assert_eq!(got, [1, 2]);
            t.join().unwrap();
        },
    );
}

/// A sender that won the receiver's wake-up may still be reading the
/// receiver's thread handle when the receiver has taken the message, timed
/// out of its park and moved to another thread. The receiver does not wait
/// for that sender: its next park yields until the sender is done, then
/// writes the handle. The message arrives once, and nothing hangs.
#[test]
fn wake_in_flight_when_the_receiver_moves_pct() {
    pct(
        "lockfree::wake_in_flight_when_the_receiver_moves_pct",
        3,
        || {
            let (tx, rx) = lockfree::channel();
            let keep = tx.clone();
            let sender = thread::spawn(move || tx.send(1u8).unwrap());
            let timeout = std::time::Duration::from_millis(1);
            let first = usize::from(rx.recv_timeout(timeout).is_ok());
            let moved = thread::spawn(move || {
                let second = usize::from(rx.recv_timeout(timeout).is_ok());
                (rx, second)
            });
            let (rx, second) = moved.join().unwrap();
            sender.join().unwrap();
            drop(keep);
            let rest = rx.iter().count();
            assert_eq!(first + second + rest, 1, "the message arrives once");
        },
    );
}
