//! Behaviour every channel shares, bounded or not, written once against
//! [`Make`] and instantiated for each flavor and bound. Each function is one
//! test; its doc says what `std::sync::mpsc` does, which is what the test
//! expects (std passes every one of them in chanlab's own run).

use super::common::*;
use crate::error::{RecvTimeoutError, SendError, TryRecvError};
use crate::flavor::{Rx, Tx};
use crate::kit::{Make, fits};
use std::thread;
use std::time::Duration;

/// One producer's messages arrive in the order sent, each once, then the
/// disconnection (std: a channel is FIFO per sender).
// ANCHOR: fifo
pub fn fifo_one_producer<M: Make>() {
    let n = scaled(10_000);
    let (tx, rx) = M::make();
    let t = thread::spawn(move || (0..n).for_each(|i| tx.send(i).unwrap()));
    for i in 0..n {
        assert_eq!(rx.recv(), Ok(i), "FIFO: message {i} in order, once");
    }
    t.join().unwrap();
    assert!(rx.recv().is_err(), "disconnected after the last message");
}
// ANCHOR_END: fifo

/// Four producers: every message arrives exactly once, each producer's in
/// its order (std: FIFO per sender, nothing lost or duplicated).
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

/// Messages sent before the last sender dropped are still received, in
/// order; then `try_recv` and `recv_timeout` report `Disconnected` (std:
/// disconnection is reported only once the queue is empty).
pub fn drains_after_senders_drop<M: Make>() {
    let n = fits::<M>(3);
    let (tx, rx) = M::make();
    (0..n).for_each(|i| tx.send(i).unwrap());
    drop(tx);
    let got: Vec<usize> = std::iter::from_fn(|| rx.recv().ok()).collect();
    assert_eq!(got, (0..n).collect::<Vec<_>>(), "queued messages survive");
    assert_eq!(
        rx.try_recv(),
        Err(TryRecvError::Disconnected),
        "drained and disconnected"
    );
    assert_eq!(
        rx.recv_timeout(Duration::ZERO),
        Err(RecvTimeoutError::Disconnected),
        "drained and disconnected"
    );
}

/// A send after the receiver dropped fails with `SendError` holding the
/// message (std: the value is handed back).
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

/// `try_recv` on an empty channel is `Empty` while a sender lives and
/// `Disconnected` once none does (std).
pub fn try_recv_empty_then_disconnected<M: Make>() {
    let (tx, rx) = M::make::<u8>();
    assert_eq!(
        rx.try_recv(),
        Err(TryRecvError::Empty),
        "empty, sender alive"
    );
    drop(tx);
    assert_eq!(
        rx.try_recv(),
        Err(TryRecvError::Disconnected),
        "empty, no sender"
    );
}

/// `recv_timeout` times out on an empty channel, returns a message sent
/// while it waits (`Duration::MAX` does not panic), and reports
/// `Disconnected` once the senders are gone (std).
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

/// A `recv` blocked on an empty channel returns the message a later send
/// brings (std).
pub fn blocked_recv_woken_by_send<M: Make>() {
    let (tx, rx) = M::make();
    let t = thread::spawn(move || {
        let_other_thread_block();
        tx.send(42).unwrap();
        tx
    });
    assert_eq!(rx.recv(), Ok(42), "the send wakes the blocked recv");
    drop(t.join().unwrap());
}

/// A `recv` blocked on an empty channel returns `RecvError` when the last
/// of two senders drops (std: disconnection wakes the receiver).
// ANCHOR: last_sender_drop
pub fn blocked_recv_woken_by_last_sender_drop<M: Make>() {
    let (tx, rx) = M::make::<u8>();
    let tx2 = tx.clone();
    let t = thread::spawn(move || {
        let_other_thread_block();
        drop(tx);
        drop(tx2);
    });
    assert!(rx.recv().is_err(), "the last drop wakes the blocked recv");
    t.join().unwrap();
}
// ANCHOR_END: last_sender_drop

/// Polling (`try_recv` until empty, as `try_iter` does) mixed with
/// blocking receives gets every message in order (std).
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
    assert_eq!(got, (0..n).collect::<Vec<_>>(), "every message, in order");
    assert_eq!(
        rx.try_recv(),
        Err(TryRecvError::Disconnected),
        "drained and disconnected"
    );
}

/// Dropping the receiver drops the queued messages at once, although a
/// sender is alive; a later send hands its message back; nothing is
/// dropped twice (std).
// ANCHOR: drops_queued
pub fn drops_queued_messages_when_receiver_drops<M: Make>() {
    let drops = Drops::default();
    let k = fits::<M>(5);
    let (tx, rx) = M::make();
    (0..k).for_each(|i| tx.send(drops.track(i)).unwrap());
    assert_eq!(drops.count(), 0, "queued messages are not dropped early");
    drop(rx); // a sender is still alive: the messages must go now anyway
    assert_eq!(drops.count(), k, "queued messages dropped at receiver drop");
    let err = tx.send(drops.track(99)).unwrap_err();
    assert_eq!(err.0.id, 99, "the error hands the message back");
    assert_eq!(
        drops.count(),
        k,
        "the handed-back message is not dropped yet"
    );
    drop(err);
    assert_eq!(drops.count(), k + 1, "dropped with the error");
    drop(tx);
    assert_eq!(drops.count(), k + 1, "nothing dropped twice");
}
// ANCHOR_END: drops_queued

/// Messages still queued when every handle is gone are dropped, once (std).
pub fn drops_at_channel_drop<M: Make>() {
    let drops = Drops::default();
    let k = fits::<M>(4);
    let (tx, rx) = M::make();
    (0..k).for_each(|i| tx.send(drops.track(i)).unwrap());
    drop(tx);
    drop(rx);
    assert_eq!(
        drops.count(),
        k,
        "queued messages dropped once, with the channel"
    );
}

/// Three producers send while the receiver takes half and drops: every
/// message is dropped exactly once, by the receiver's side or handed back
/// to its sender (std).
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

/// `()` messages are counted, not lost (std).
pub fn zero_sized_messages<M: Make>() {
    let n = scaled(10_000);
    let (tx, rx) = M::make();
    let t = thread::spawn(move || (0..n).for_each(|_| tx.send(()).unwrap()));
    let got = std::iter::from_fn(|| rx.recv().ok()).count();
    assert_eq!(got, n, "every zero-sized message arrives once");
    t.join().unwrap();
}

/// 4 KiB messages arrive intact (std).
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

/// `len()` on both handles, where the channel offers it (option `len`; std
/// has no `len`, so this is chanlab's documented behaviour): with no call in
/// flight, the receiver's count is the messages sent and not received; the
/// sender's too once a receive has found the channel empty (a receiver that
/// takes messages in batches may count its batch until then).
pub fn len_counts_queued_messages<M: Make>() {
    let offered = "the channel offers len (option `len`)";
    let k = fits::<M>(3);
    let (tx, rx) = M::make::<usize>();
    assert_eq!(rx.len().expect(offered), 0, "a new channel is empty");
    assert_eq!(tx.len().expect(offered), 0, "a new channel is empty");
    for i in 0..k {
        tx.send(i).unwrap();
        assert_eq!(rx.len(), Some(i + 1), "len counts each queued message");
    }
    if k > 0 {
        assert_eq!(rx.recv(), Ok(0));
        assert_eq!(rx.len(), Some(k - 1), "len after a receive");
    }
    while rx.try_recv().is_ok() {}
    assert_eq!(rx.len(), Some(0), "len once drained");
    assert_eq!(tx.len(), Some(0), "the sender's len once drained");
}
