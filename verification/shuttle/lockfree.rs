//! shuttle schedules of `chanlab::lockfree` (2-slot blocks under shuttle, so
//! hundreds of messages install, recycle and reuse many blocks).

use crate::{dfs, pct, random};
use chanlab::lockfree;
use shuttle::thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `senders` threads each send `per` messages; the receiver checks
/// per-sender order and that every message arrives once.
fn many_senders(senders: usize, per: usize) {
    let (tx, rx) = lockfree::channel();
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

/// A message that counts its drops.
struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

/// Sends up to `n` messages, stopping at the first refusal (the message
/// handed back is dropped here). Returns (accepted, refused).
fn send_counted(
    tx: lockfree::Sender<Counted>,
    n: usize,
    drops: &Arc<AtomicUsize>,
) -> (usize, usize) {
    for i in 0..n {
        if tx.send(Counted(drops.clone())).is_err() {
            return (i, 1);
        }
    }
    (n, 0)
}

/// `senders` threads send `per` messages each while the receiver takes
/// up to `take` of them and drops; every message is dropped exactly once.
fn receiver_drop(senders: usize, per: usize, take: usize) {
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = lockfree::channel();
    let handles: Vec<_> = (0..senders)
        .map(|_| {
            let (tx, drops) = (tx.clone(), drops.clone());
            thread::spawn(move || send_counted(tx, per, &drops))
        })
        .collect();
    drop(tx);
    let mut received = 0;
    while received < take && rx.recv().is_ok() {
        received += 1;
    }
    drop(rx);
    let (mut accepted, mut refused) = (0, 0);
    for h in handles {
        let (a, r) = h.join().unwrap();
        (accepted, refused) = (accepted + a, refused + r);
    }
    assert!(received <= accepted);
    assert_eq!(
        drops.load(Ordering::Relaxed),
        accepted + refused,
        "each message dropped once"
    );
}

#[test]
fn four_senders_random() {
    random("lockfree::four_senders_random", || many_senders(4, 50));
}

#[test]
fn three_senders_pct() {
    pct("lockfree::three_senders_pct", 3, || many_senders(3, 100));
}

#[test]
fn receiver_drop_random() {
    random("lockfree::receiver_drop_random", || {
        receiver_drop(3, 40, 20)
    });
}

#[test]
fn receiver_drop_pct() {
    pct("lockfree::receiver_drop_pct", 3, || {
        receiver_drop(4, 25, 10)
    });
}

#[test]
fn one_sender_dfs() {
    // DFS enumerates every schedule only if no thread can run forever, so
    // the receiver polls (`try_recv`) instead of parking: shuttle's `park`
    // may wake spuriously, and DFS would explore endless wake-ups.
    dfs("lockfree::one_sender_dfs", || {
        let (tx, rx) = lockfree::channel();
        let t = thread::spawn(move || (0..2).for_each(|i| tx.send(i).unwrap()));
        let early: Vec<i32> = (0..2).filter_map(|_| rx.try_recv().ok()).collect();
        t.join().unwrap();
        let all: Vec<i32> = early.into_iter().chain(rx.iter()).collect();
        assert_eq!(all, [0, 1]);
    });
}

#[test]
fn receiver_drop_dfs() {
    dfs("lockfree::receiver_drop_dfs", || {
        let drops = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = lockfree::channel();
        let d = drops.clone();
        let t = thread::spawn(move || {
            (0..3)
                .map(|_| tx.send(Counted(d.clone())).is_ok())
                .collect::<Vec<_>>()
        });
        drop(rx);
        let sent = t.join().unwrap();
        assert_eq!(
            drops.load(Ordering::Relaxed),
            3,
            "each message dropped once"
        );
        let first_refused = sent.iter().position(|ok| !ok).unwrap_or(3);
        assert!(
            sent[first_refused..].iter().all(|ok| !ok),
            "refused stays refused"
        );
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
