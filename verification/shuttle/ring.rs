//! shuttle schedules of `chanlab::ring`: the kit's model bodies
//! (`chanlab::kit::shuttle::models`) at this channel's sizes, and the model
//! of its stalled sender.

use crate::{dfs, pct, random};
use chanlab::flavor::Ring;
use chanlab::kit::shuttle::models;
use chanlab::kit::{Bnd, Options};
use chanlab::ring;
use shuttle::thread;
use std::time::Duration;

/// The ring offers `send_timeout`: the mixed calls use it.
const OPTIONS: Options = Options::new().send_timeout();

#[test]
fn capacity1_four_senders_pct() {
    pct("ring::capacity1_four_senders_pct", 3, || {
        models::many_senders::<Bnd<Ring, 1>>(4, 40, Options::new())
    });
}

#[test]
fn capacity2_three_senders_random() {
    random("ring::capacity2_three_senders_random", || {
        models::many_senders::<Bnd<Ring, 2>>(3, 60, Options::new())
    });
}

#[test]
fn capacity4_four_senders_pct() {
    pct("ring::capacity4_four_senders_pct", 3, || {
        models::many_senders::<Bnd<Ring, 4>>(4, 50, Options::new())
    });
}

#[test]
fn capacity3_mixed_calls_random() {
    random("ring::capacity3_mixed_calls_random", || {
        models::mixed_calls::<Ring>(3, 30, 3, OPTIONS)
    });
}

#[test]
fn capacity1_mixed_calls_pct() {
    pct("ring::capacity1_mixed_calls_pct", 3, || {
        models::mixed_calls::<Ring>(3, 30, 1, OPTIONS)
    });
}

#[test]
fn blocked_sender_receiver_drop_pct() {
    pct("ring::blocked_sender_receiver_drop_pct", 3, || {
        models::blocked_sender_receiver_drop::<Ring>(1)
    });
}

#[test]
fn last_sender_drop_parked_receiver_random() {
    random("ring::last_sender_drop_parked_receiver_random", || {
        models::last_sender_drop::<Bnd<Ring, 1>>()
    });
}

/// Every schedule of the smallest race: two senders `try_send` into one
/// slot and drop their handles. DFS cannot run a model that parks (shuttle's
/// `park` may wake spuriously, and DFS then explores endless park loops) or
/// spins, so this one does neither: the receiver looks only after both
/// senders are joined, and a failed claim CAS always means the other
/// sender progressed.
#[test]
fn two_try_senders_one_slot_dfs() {
    dfs("ring::two_try_senders_one_slot_dfs", || {
        models::two_try_senders_last_slot::<Ring>(1)
    });
}

/// A claim made before the receiver looks and published later, with a
/// written message behind it: timed receives that time out (the receiver
/// never waits for the stalled sender) until both arrive, in claim order.
#[test]
fn recv_timeout_behind_a_stalled_claim_pct() {
    pct("ring::recv_timeout_behind_a_stalled_claim_pct", 3, || {
        let (tx, rx) = ring::sync_channel(2);
        let stalled = tx.stall_send(1u8).unwrap();
        tx.send(2).unwrap();
        drop(tx);
        let t = thread::spawn(move || stalled.publish());
        let mut got = Vec::new();
        loop {
            match rx.recv_timeout(Duration::from_millis(1)) {
                Ok(msg) => got.push(msg),
                Err(ring::RecvTimeoutError::Timeout) => continue,
                Err(ring::RecvTimeoutError::Disconnected) => break,
            }
        }
        assert_eq!(got, [1, 2]);
        t.join().unwrap();
    });
}
