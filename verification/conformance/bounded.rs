//! Behaviour of bounded channels only: backpressure, `try_send`, blocked
//! senders, rendezvous, and `send_timeout` where a channel offers it. Each
//! function is one test; its doc says what `std::sync::mpsc` does.

use super::common::*;
use crate::error::{SendError, SendTimeoutError, TrySendError};
use crate::flavor::{Bounded, Rx, SyncTx, Tx};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// `try_send` fills the channel to its bound, then reports `Full` with the
/// message; a receive makes room; after the receiver's drop it reports
/// `Disconnected` with the message (std). `cap >= 1`.
pub fn try_send_full_and_disconnected<F: Bounded>(cap: usize) {
    assert!(
        cap >= 1,
        "a bound of at least 1 (rendezvous has its own tests)"
    );
    let (tx, rx) = F::sync_channel(cap);
    (0..cap).for_each(|i| tx.try_send(i).unwrap());
    assert_eq!(
        tx.try_send(99),
        Err(TrySendError::Full(99)),
        "full hands the value back"
    );
    assert_eq!(rx.recv(), Ok(0), "the oldest message first");
    tx.try_send(cap).unwrap();
    drop(rx);
    assert_eq!(
        tx.try_send(7),
        Err(TrySendError::Disconnected(7)),
        "disconnected hands the value back"
    );
}

/// A fast sender is never more than the bound ahead of the receiver (one
/// for a rendezvous channel, whose send completes as the receiver takes
/// it), and every message arrives in order (std).
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
        assert_eq!(rx.recv(), Ok(received), "FIFO under backpressure");
    }
    t.join().unwrap();
}

/// A send blocked on a full channel completes once a receive makes room,
/// and its message arrives after the others (std).
pub fn blocked_send_woken_by_recv<F: Bounded>(cap: usize) {
    let (tx, rx) = F::sync_channel(cap);
    (0..cap).for_each(|i| tx.send(i).unwrap());
    let t = thread::spawn(move || tx.send(cap).unwrap());
    let_other_thread_block();
    for i in 0..=cap {
        assert_eq!(rx.recv(), Ok(i), "the blocked send's message arrives last");
    }
    t.join().unwrap();
}

/// A send blocked on a full channel fails with its message when the
/// receiver drops, and every message is dropped once (std).
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
    assert_eq!(drops.count(), cap + 1, "every message dropped once");
}

/// `sync_channel(0)`: `try_send` is `Full` with nobody receiving, and a
/// send completes only together with a receive (std).
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
    assert_eq!(
        rx.recv(),
        Ok(2),
        "the receive takes the blocked send's message"
    );
    t.join().unwrap();
    assert!(
        done.load(Ordering::SeqCst),
        "the send completed with the receive"
    );
}

/// `send_timeout` (where a bounded channel offers it; std's `SyncSender`
/// has none, so this is chanlab's documented behaviour, that of
/// crossbeam's): fills the channel like `send`, times out on a full one
/// handing the message back (`Display` and `Debug` as chanlab's
/// `SendTimeoutError`), succeeds once there is room (`Duration::MAX` does
/// not panic) and reports the receiver's drop as `Disconnected` with the
/// message. `cap >= 1`.
pub fn send_timeout_hands_value_back<F: Bounded>(cap: usize) {
    let offered = "the channel offers send_timeout (option `send_timeout`)";
    let (tx, rx) = F::sync_channel::<String>(cap);
    for i in 0..cap {
        let sent = tx.send_timeout(i.to_string(), Duration::ZERO);
        sent.expect(offered).expect("room for the message");
    }
    let late = tx.send_timeout("late".into(), Duration::from_millis(5));
    let e = late.expect(offered).unwrap_err();
    assert_eq!(
        format!("{e} {e:?}"),
        "timed out waiting on send operation SendTimeoutError(..)"
    );
    assert_eq!(e, SendTimeoutError::Timeout("late".into()), "full: timeout");
    assert_eq!(rx.recv().unwrap(), "0", "the oldest message first");
    let fits = tx.send_timeout("fits".into(), Duration::MAX);
    fits.expect(offered).expect("room after a receive");
    drop(rx);
    let gone = tx.send_timeout("gone".into(), Duration::MAX);
    let e = gone.expect(offered).unwrap_err();
    assert_eq!(e.to_string(), "sending on a disconnected channel");
    assert_eq!(e.into_inner(), "gone", "disconnected hands the value back");
}
