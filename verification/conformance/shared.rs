//! Behaviour every channel shares, bounded or not, written once against the
//! suite's `Make` trait and instantiated for each flavor and bound.

use crate::common::*;
pub use crate::make::*;
use chanlab::flavor::{Rx, Tx};
use std::sync::mpsc::{RecvTimeoutError, SendError, TryRecvError};
use std::thread;
use std::time::Duration;

/// How many messages fit without a receiver, capped at `n`.
fn fits<M: Make>(n: usize) -> usize {
    M::BOUND.map_or(n, |b| b.min(n))
}

// ANCHOR: fifo
pub fn fifo_one_producer<M: Make>() {
    let n = scaled(10_000);
    let (tx, rx) = M::make();
    let t = thread::spawn(move || (0..n).for_each(|i| tx.send(i).unwrap()));
    for i in 0..n {
        assert_eq!(rx.recv(), Ok(i));
    }
    t.join().unwrap();
    assert!(rx.recv().is_err());
}
// ANCHOR_END: fifo

// ANCHOR: exactly_once
pub fn exactly_once_many_producers<M: Make>() {
    let (producers, per) = (4, scaled(5_000));
    let (tx, rx) = M::make();
    let handles: Vec<_> = (0..producers)
        .map(|p| {
            let tx = tx.clone();
            thread::spawn(move || (0..per).for_each(|s| tx.send((p, s)).unwrap()))
        })
        .collect();
    drop(tx);
    let got: Vec<(usize, usize)> = std::iter::from_fn(|| rx.recv().ok()).collect();
    handles.into_iter().for_each(|h| h.join().unwrap());
    assert_per_producer_fifo(&got, producers, per);
}
// ANCHOR_END: exactly_once

pub fn drains_after_senders_drop<M: Make>() {
    let n = fits::<M>(3);
    let (tx, rx) = M::make();
    (0..n).for_each(|i| tx.send(i).unwrap());
    drop(tx);
    let got: Vec<usize> = std::iter::from_fn(|| rx.recv().ok()).collect();
    assert_eq!(got, (0..n).collect::<Vec<_>>());
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    assert_eq!(
        rx.recv_timeout(Duration::ZERO),
        Err(RecvTimeoutError::Disconnected)
    );
}

// ANCHOR: send_after_receiver_drop
pub fn send_after_receiver_drop_hands_value_back<M: Make>() {
    let (tx, rx) = M::make();
    drop(rx);
    assert_eq!(
        tx.send(String::from("back")),
        Err(SendError(String::from("back")))
    );
}
// ANCHOR_END: send_after_receiver_drop

pub fn try_recv_empty_then_disconnected<M: Make>() {
    let (tx, rx) = M::make::<u8>();
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    drop(tx);
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
}

pub fn recv_timeout_variants<M: Make>() {
    let (tx, rx) = M::make::<u8>();
    assert_eq!(
        rx.recv_timeout(Duration::from_millis(5)),
        Err(RecvTimeoutError::Timeout)
    );
    let t = thread::spawn(move || {
        let_other_thread_block();
        tx.send(1).unwrap();
        tx // keep the channel connected until joined
    });
    assert_eq!(
        rx.recv_timeout(Duration::MAX),
        Ok(1),
        "Duration::MAX must not panic"
    );
    drop(t.join().unwrap());
    assert_eq!(
        rx.recv_timeout(Duration::MAX),
        Err(RecvTimeoutError::Disconnected)
    );
}

pub fn blocked_recv_woken_by_send<M: Make>() {
    let (tx, rx) = M::make();
    let t = thread::spawn(move || {
        let_other_thread_block();
        tx.send(42).unwrap();
        tx
    });
    assert_eq!(rx.recv(), Ok(42));
    drop(t.join().unwrap());
}

// ANCHOR: last_sender_drop
pub fn blocked_recv_woken_by_last_sender_drop<M: Make>() {
    let (tx, rx) = M::make::<u8>();
    let tx2 = tx.clone();
    let t = thread::spawn(move || {
        let_other_thread_block();
        drop(tx);
        drop(tx2);
    });
    assert!(rx.recv().is_err());
    t.join().unwrap();
}
// ANCHOR_END: last_sender_drop

pub fn iterators<M: Make>() {
    let n = scaled(100);
    let (tx, rx) = M::make();
    let t = thread::spawn(move || (0..n).for_each(|i| tx.send(i).unwrap()));
    let mut got = Vec::new();
    while got.len() < n {
        // `try_iter` ends at the first empty poll; `recv` waits for more.
        got.extend(std::iter::from_fn(|| rx.try_recv().ok()));
        if got.len() < n {
            got.push(rx.recv().unwrap());
        }
    }
    t.join().unwrap();
    assert_eq!(got, (0..n).collect::<Vec<_>>());
    assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
}

// ANCHOR: drops_queued
pub fn drops_queued_messages_when_receiver_drops<M: Make>() {
    let drops = Drops::default();
    let k = fits::<M>(5);
    let (tx, rx) = M::make();
    (0..k).for_each(|i| tx.send(drops.track(i)).unwrap());
    assert_eq!(drops.count(), 0);
    drop(rx); // a sender is still alive: the messages must go now anyway
    assert_eq!(drops.count(), k, "queued messages dropped at receiver drop");
    let err = tx.send(drops.track(99)).unwrap_err();
    assert_eq!(err.0.id, 99, "the error hands the message back");
    assert_eq!(drops.count(), k);
    drop(err);
    assert_eq!(drops.count(), k + 1);
    drop(tx);
    assert_eq!(drops.count(), k + 1, "nothing dropped twice");
}
// ANCHOR_END: drops_queued

pub fn drops_at_channel_drop<M: Make>() {
    let drops = Drops::default();
    let k = fits::<M>(4);
    let (tx, rx) = M::make();
    (0..k).for_each(|i| tx.send(drops.track(i)).unwrap());
    drop(tx);
    drop(rx);
    assert_eq!(drops.count(), k);
}

pub fn concurrent_drops_exactly_once<M: Make>() {
    let drops = Drops::default();
    let (producers, per) = (3, scaled(2_000));
    let (tx, rx) = M::make();
    let handles: Vec<_> = (0..producers)
        .map(|p| {
            let (tx, drops) = (tx.clone(), drops.clone());
            // Sends until the receiver is gone; failed sends drop their value.
            thread::spawn(move || (0..per).for_each(|i| drop(tx.send(drops.track(p * per + i)))))
        })
        .collect();
    drop(tx);
    for _ in 0..per / 2 {
        drop(rx.recv().unwrap());
    }
    drop(rx);
    handles.into_iter().for_each(|h| h.join().unwrap());
    assert_eq!(
        drops.count(),
        producers * per,
        "every message dropped exactly once"
    );
}

pub fn zero_sized_messages<M: Make>() {
    let n = scaled(10_000);
    let (tx, rx) = M::make();
    let t = thread::spawn(move || (0..n).for_each(|_| tx.send(()).unwrap()));
    assert_eq!(std::iter::from_fn(|| rx.recv().ok()).count(), n);
    t.join().unwrap();
}

pub fn large_messages<M: Make>() {
    let n = scaled(200);
    let (tx, rx) = M::make();
    let t = thread::spawn(move || (0..n).for_each(|i| tx.send([i as u8; 4096]).unwrap()));
    for i in 0..n {
        let msg = rx.recv().unwrap();
        assert!(msg.iter().all(|&b| b == i as u8), "message {i} corrupted");
    }
    t.join().unwrap();
}
