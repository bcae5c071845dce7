//! shuttle schedules of `chanlab::ring`.

use crate::{dfs, pct, random};
use chanlab::ring::{self, TrySendError};
use shuttle::thread;
use std::time::Duration;

/// `senders` threads each send `per` messages into a ring of `cap` slots;
/// the receiver checks per-sender order and that every message arrives once.
fn many_senders(senders: usize, per: usize, cap: usize) {
    let (tx, rx) = ring::sync_channel(cap);
    let handles: Vec<_> = (0..senders)
        .map(|s| {
            let tx = tx.clone();
            thread::spawn(move || (0..per).for_each(|i| tx.send((s, i)).unwrap()))
        })
        .collect();
    drop(tx);
    let mut next = vec![0; senders];
    for (s, i) in rx.iter() {
        assert_eq!(i, next[s], "sender {s} out of order");
        next[s] += 1;
    }
    assert!(next.iter().all(|&n| n == per), "lost messages {next:?}");
    handles.into_iter().for_each(|h| h.join().unwrap());
}

/// Senders mixing `send`, `try_send` and `send_timeout` against a receiver
/// mixing `recv`, `try_recv` and `recv_timeout`: every message reported as
/// sent arrives once, in per-sender order.
fn mixed_calls(senders: usize, per: usize, cap: usize) {
    let (tx, rx) = ring::sync_channel(cap);
    let handles: Vec<_> = (0..senders)
        .map(|s| {
            let tx = tx.clone();
            thread::spawn(move || {
                let mut sent = 0;
                for i in 0..per {
                    let ok = match i % 3 {
                        0 => tx.send((s, sent)).is_ok(),
                        1 => !matches!(tx.try_send((s, sent)), Err(TrySendError::Full(_))),
                        _ => tx.send_timeout((s, sent), Duration::from_millis(1)).is_ok(),
                    };
                    sent += usize::from(ok);
                }
                sent
            })
        })
        .collect();
    drop(tx);
    let mut next = vec![0; senders];
    let mut turn = 0;
    loop {
        turn += 1;
        let got = match turn % 3 {
            0 => rx.recv().ok(),
            1 => match rx.try_recv() {
                Err(ring::TryRecvError::Empty) => continue,
                r => r.ok(),
            },
            _ => match rx.recv_timeout(Duration::from_millis(1)) {
                Err(ring::RecvTimeoutError::Timeout) => continue,
                r => r.ok(),
            },
        };
        let Some((s, i)) = got else { break };
        assert_eq!(i, next[s], "sender {s} out of order");
        next[s] += 1;
    }
    let sent: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(next, sent, "received exactly what was sent");
}

#[test]
fn capacity1_four_senders_pct() {
    pct("ring::capacity1_four_senders_pct", 3, || {
        many_senders(4, 40, 1)
    });
}

#[test]
fn capacity2_three_senders_random() {
    random("ring::capacity2_three_senders_random", || {
        many_senders(3, 60, 2)
    });
}

#[test]
fn capacity4_four_senders_pct() {
    pct("ring::capacity4_four_senders_pct", 3, || {
        many_senders(4, 50, 4)
    });
}

#[test]
fn capacity3_mixed_calls_random() {
    random("ring::capacity3_mixed_calls_random", || {
        mixed_calls(3, 30, 3)
    });
}

#[test]
fn capacity1_mixed_calls_pct() {
    pct("ring::capacity1_mixed_calls_pct", 3, || {
        mixed_calls(3, 30, 1)
    });
}

#[test]
fn blocked_sender_receiver_drop_pct() {
    pct("ring::blocked_sender_receiver_drop_pct", 3, || {
        let (tx, rx) = ring::sync_channel(1);
        tx.send(0u8).unwrap();
        let t = thread::spawn(move || tx.send(1).unwrap_err().0);
        drop(rx);
        assert_eq!(t.join().unwrap(), 1, "the message is handed back");
    });
}

#[test]
fn last_sender_drop_parked_receiver_random() {
    random("ring::last_sender_drop_parked_receiver_random", || {
        let (tx, rx) = ring::sync_channel::<u8>(1);
        let tx2 = tx.clone();
        let a = thread::spawn(move || drop(tx));
        let b = thread::spawn(move || drop(tx2));
        assert!(rx.recv().is_err());
        a.join().unwrap();
        b.join().unwrap();
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
        let (tx, rx) = ring::sync_channel(1);
        let tx2 = tx.clone();
        let a = thread::spawn(move || tx.try_send(1u8).is_ok());
        let b = thread::spawn(move || tx2.try_send(2u8).is_ok());
        let (a, b) = (a.join().unwrap(), b.join().unwrap());
        assert!(a ^ b, "exactly one fits");
        assert_eq!(rx.try_recv(), Ok(if a { 1 } else { 2 }));
        assert_eq!(rx.try_recv(), Err(ring::TryRecvError::Disconnected));
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
