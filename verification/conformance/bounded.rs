//! Behaviour of bounded channels only: backpressure, `try_send`, blocked
//! senders, and rendezvous.

use crate::common::*;
use chanlab::flavor::{Bounded, Rx, SyncTx, Tx};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{SendError, TrySendError};
use std::thread;

pub fn try_send_full_and_disconnected<F: Bounded>(cap: usize) {
    assert!(cap >= 1);
    let (tx, rx) = F::sync_channel(cap);
    (0..cap).for_each(|i| tx.try_send(i).unwrap());
    assert_eq!(
        tx.try_send(99),
        Err(TrySendError::Full(99)),
        "full hands the value back"
    );
    assert_eq!(rx.recv(), Ok(0));
    tx.try_send(cap).unwrap();
    drop(rx);
    assert_eq!(tx.try_send(7), Err(TrySendError::Disconnected(7)));
}

pub fn capacity_never_exceeded<F: Bounded>(cap: usize) {
    let n = scaled(5_000);
    let sent = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = F::sync_channel(cap);
    let s = sent.clone();
    let t = thread::spawn(move || {
        for i in 0..n {
            tx.send(i).unwrap();
            s.fetch_add(1, Ordering::SeqCst);
        }
    });
    // `sent` counts completed sends, so sent - received <= queued <= cap.
    // A rendezvous send completes once the receiver has committed to the
    // message, which it counts only after `recv` returns: allow one.
    let allowed = cap.max(1);
    for received in 0..n {
        let ahead = sent.load(Ordering::SeqCst).saturating_sub(received);
        assert!(ahead <= allowed, "{ahead} messages in flight, bound {cap}");
        assert_eq!(rx.recv(), Ok(received));
    }
    t.join().unwrap();
}

pub fn blocked_send_woken_by_recv<F: Bounded>(cap: usize) {
    let (tx, rx) = F::sync_channel(cap);
    (0..cap).for_each(|i| tx.send(i).unwrap());
    let t = thread::spawn(move || tx.send(cap).unwrap());
    let_other_thread_block();
    for i in 0..=cap {
        assert_eq!(rx.recv(), Ok(i));
    }
    t.join().unwrap();
}

pub fn blocked_send_woken_by_receiver_drop<F: Bounded>(cap: usize) {
    let drops = Drops::default();
    let (tx, rx) = F::sync_channel(cap);
    (0..cap).for_each(|i| tx.send(drops.track(i)).unwrap());
    let d = drops.clone();
    let t = thread::spawn(move || tx.send(d.track(100)).map_err(|SendError(m)| m.id));
    let_other_thread_block();
    drop(rx);
    assert_eq!(
        t.join().unwrap(),
        Err(100),
        "the blocked send hands its value back"
    );
    assert_eq!(drops.count(), cap + 1);
}

pub fn rendezvous<F: Bounded>() {
    let (tx, rx) = F::sync_channel(0);
    assert_eq!(
        tx.try_send(1),
        Err(TrySendError::Full(1)),
        "no receiver is waiting"
    );
    let done = Arc::new(AtomicBool::new(false));
    let d = done.clone();
    let t = thread::spawn(move || {
        tx.send(2).unwrap();
        d.store(true, Ordering::SeqCst);
    });
    let_other_thread_block();
    assert!(
        !done.load(Ordering::SeqCst),
        "a rendezvous send cannot finish alone"
    );
    assert_eq!(rx.recv(), Ok(2));
    t.join().unwrap();
    assert!(done.load(Ordering::SeqCst));
}
