//! The shuttle model bodies that fit any channel: each takes the channel
//! constructor ([`Make`]) or a bounded flavor and runs one execution, to be
//! explored by [`random`](super::random), [`pct`](super::pct) or
//! [`dfs`](super::dfs). chanlab's own shuttle target runs them on its
//! channels under the names its book cites; the
//! [`shuttle_models!`](crate::kit::shuttle_models!) line runs the ones that
//! apply to a channel's kind.

use crate::error::{RecvTimeoutError, TryRecvError};
use crate::flavor::{Bounded, Rx, SyncTx, Tx};
use crate::kit::{Make, Options};
use crate::sync::spawn;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// `senders` threads each send `per` messages; the receiver checks
/// per-sender order, that every message arrives once and, where `options`
/// say the channel offers `len`, that no more than the bound is ever queued.
pub fn many_senders<M: Make>(senders: usize, per: usize, options: Options) {
    let (tx, rx) = M::make();
    let handles: Vec<_> = (0..senders)
        .map(|s| {
            let tx = tx.clone();
            spawn(move || (0..per).for_each(|i| tx.send((s, i)).unwrap()))
        })
        .collect();
    drop(tx);
    let mut next = vec![0; senders];
    let cap = M::BOUND.map_or(usize::MAX, |b| b.max(1));
    while let Ok((s, i)) = rx.recv() {
        if options.offers_len() {
            let len = rx.len().expect("the channel offers len (option `len`)");
            assert!(len <= cap, "bound {:?} exceeded: len {len}", M::BOUND);
        }
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
fn send_counted<S: Tx<Counted>>(tx: S, n: usize, drops: &Arc<AtomicUsize>) -> (usize, usize) {
    for i in 0..n {
        if tx.send(Counted(drops.clone())).is_err() {
            return (i, 1);
        }
    }
    (n, 0)
}

/// `senders` threads send `per` messages each while the receiver takes
/// up to `take` of them and drops; every message is dropped exactly once.
pub fn receiver_drop<M: Make>(senders: usize, per: usize, take: usize) {
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = M::make();
    let handles: Vec<_> = (0..senders)
        .map(|_| {
            let (tx, drops) = (tx.clone(), drops.clone());
            spawn(move || send_counted(tx, per, &drops))
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
    assert!(received <= accepted, "received only what was accepted");
    assert_eq!(
        drops.load(Ordering::Relaxed),
        accepted + refused,
        "each message dropped once"
    );
}

/// One sender sends two messages while the receiver polls twice, then the
/// receiver drains: both arrive, in order. No thread ever waits (the
/// receiver polls, and both messages fit), so DFS can enumerate every
/// schedule: a channel needs room for two.
pub fn one_sender_polled<M: Make>() {
    let (tx, rx) = M::make();
    let t = spawn(move || (0..2).for_each(|i| tx.send(i).unwrap()));
    let early: Vec<i32> = (0..2).filter_map(|_| rx.try_recv().ok()).collect();
    t.join().unwrap();
    let all: Vec<i32> = early
        .into_iter()
        .chain(std::iter::from_fn(|| rx.recv().ok()))
        .collect();
    assert_eq!(all, [0, 1], "both messages, in order");
}

/// A sender sends three messages while the receiver drops: each is dropped
/// once, and once one is refused every later one is. For a channel whose
/// sends never wait (unbounded), so that DFS can enumerate every schedule.
pub fn receiver_drop_while_sending<M: Make>() {
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = M::make();
    let d = drops.clone();
    let t = spawn(move || {
        (0..3)
            .map(|_| tx.send(Counted(d.clone())).is_ok())
            .collect::<Vec<_>>()
    });
    drop(rx);
    let sent = t.join().unwrap();
    let dropped = drops.load(Ordering::Relaxed);
    assert_eq!(dropped, 3, "each message dropped once");
    let first_refused = sent.iter().position(|ok| !ok).unwrap_or(3);
    assert!(
        sent[first_refused..].iter().all(|ok| !ok),
        "refused stays refused"
    );
}

/// Two threads drop the only two senders while the receiver waits: it
/// reports the disconnection.
pub fn last_sender_drop<M: Make>() {
    let (tx, rx) = M::make::<u8>();
    let tx2 = tx.clone();
    let a = spawn(move || drop(tx));
    let b = spawn(move || drop(tx2));
    assert!(
        rx.recv().is_err(),
        "disconnected once both senders are gone"
    );
    a.join().unwrap();
    b.join().unwrap();
}

/// A sender blocked on a full channel of `cap` gets its message back when
/// the receiver drops.
pub fn blocked_sender_receiver_drop<F: Bounded>(cap: usize) {
    let (tx, rx) = F::sync_channel(cap);
    (0..cap).for_each(|i| tx.send(i as u8).unwrap());
    let t = spawn(move || tx.send(100).unwrap_err().0);
    drop(rx);
    assert_eq!(t.join().unwrap(), 100, "the message is handed back");
}

/// Two senders `try_send` into the last free slot of a channel of `cap`
/// and drop their handles: exactly one fits. No thread waits, so DFS can
/// enumerate every schedule.
pub fn two_try_senders_last_slot<F: Bounded>(cap: usize) {
    assert!(cap >= 1, "a slot to race for");
    let (tx, rx) = F::sync_channel(cap);
    (1..cap).for_each(|i| tx.try_send(100 + i as u8).unwrap());
    let tx2 = tx.clone();
    let a = spawn(move || tx.try_send(1u8).is_ok());
    let b = spawn(move || tx2.try_send(2u8).is_ok());
    let (a, b) = (a.join().unwrap(), b.join().unwrap());
    assert!(a ^ b, "exactly one fits");
    for i in 1..cap {
        assert_eq!(
            rx.try_recv(),
            Ok(100 + i as u8),
            "the earlier messages first"
        );
    }
    assert_eq!(
        rx.try_recv(),
        Ok(if a { 1 } else { 2 }),
        "the winner's message"
    );
    let after = rx.try_recv();
    assert_eq!(
        after,
        Err(TryRecvError::Disconnected),
        "nothing else was sent"
    );
}

/// Senders mixing `send`, `try_send` and `send_timeout` (`try_send` again
/// where the channel does not offer `send_timeout`) against a receiver
/// mixing `recv`, `try_recv` and `recv_timeout`: every message reported as
/// sent arrives once, in per-sender order.
pub fn mixed_calls<F: Bounded>(senders: usize, per: usize, cap: usize, options: Options) {
    let timed = options.offers_send_timeout();
    let (tx, rx) = F::sync_channel(cap);
    let handles: Vec<_> = (0..senders)
        .map(|s| {
            let tx = tx.clone();
            spawn(move || {
                let mut sent = 0;
                for i in 0..per {
                    let ok = match i % 3 {
                        0 => tx.send((s, sent)).is_ok(),
                        2 if timed => {
                            let r = tx.send_timeout((s, sent), Duration::from_millis(1));
                            r.expect("the channel offers send_timeout").is_ok()
                        }
                        _ => tx.try_send((s, sent)).is_ok(),
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
                Err(TryRecvError::Empty) => continue,
                r => r.ok(),
            },
            _ => match rx.recv_timeout(Duration::from_millis(1)) {
                Err(RecvTimeoutError::Timeout) => continue,
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
