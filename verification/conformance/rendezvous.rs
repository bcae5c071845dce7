//! Rendezvous (`sync_channel(0)`): a sender blocked in `send` offers its
//! message to every receive, polling ones included, as std's zero-capacity
//! flavor does. A consumer that only polls must drain the blocked senders,
//! never starve them. Each public function is one test; its doc says what
//! std does.

use super::common::*;
use crate::error::{RecvTimeoutError, TryRecvError};
use crate::flavor::{Bounded, Rx, SyncTx, Tx};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How long a poll loop may go without a message while a sender is known to
/// be on its way. Not a timing check: it turns "the receiver never sees the
/// offer" into a failure instead of a hang.
const GIVE_UP: Duration = Duration::from_secs(30);

/// Calls `poll` until it yields a message.
fn poll_until_message<T>(mut poll: impl FnMut() -> Option<T>) -> T {
    let give_up = Instant::now() + GIVE_UP;
    loop {
        if let Some(msg) = poll() {
            return msg;
        }
        assert!(
            Instant::now() < give_up,
            "a sender is blocked in send, but polling never received its message"
        );
        thread::yield_now();
    }
}

/// `n` threads, each sending its index once through a clone of a rendezvous
/// sender and returning whether its send succeeded.
fn blocked_senders<F: Bounded>(n: usize) -> (Vec<JoinHandle<bool>>, F::Receiver<usize>) {
    let (tx, rx) = F::sync_channel(0);
    let senders = (0..n)
        .map(|i| {
            let tx = tx.clone();
            thread::spawn(move || tx.send(i).is_ok())
        })
        .collect();
    (senders, rx)
}

/// Joins the senders: each must have been served.
fn all_served(senders: Vec<JoinHandle<bool>>) {
    for s in senders {
        assert!(
            s.join().unwrap(),
            "a send failed although its message was received"
        );
    }
}

/// A `try_recv` takes the message of a sender blocked in `send`, which
/// then completes (std's zero-capacity flavor).
pub fn try_recv_takes_a_blocked_send<F: Bounded>() {
    let (senders, rx) = blocked_senders::<F>(1);
    let_other_thread_block();
    let got = poll_until_message(|| rx.try_recv().ok());
    assert_eq!(got, 0, "the blocked sender's message");
    all_served(senders);
    assert_eq!(
        rx.try_recv(),
        Err(TryRecvError::Disconnected),
        "drained and disconnected"
    );
}

/// Polling alone drains three blocked senders, each message once (std).
pub fn polling_drains_every_blocked_sender<F: Bounded>() {
    let (senders, rx) = blocked_senders::<F>(3);
    let_other_thread_block();
    let mut got = Vec::new();
    while got.len() < 3 {
        // What `try_iter` does: poll until the first empty answer.
        let first = poll_until_message(|| rx.try_recv().ok());
        got.push(first);
        got.extend(std::iter::from_fn(|| rx.try_recv().ok()));
    }
    got.sort_unstable();
    assert_eq!(got, [0, 1, 2], "each blocked sender's message, once");
    all_served(senders);
    assert_eq!(
        rx.try_recv(),
        Err(TryRecvError::Disconnected),
        "drained and disconnected"
    );
}

/// `recv_timeout(Duration::ZERO)` takes the message of a sender blocked in
/// `send` (std).
pub fn zero_timeout_takes_a_blocked_send<F: Bounded>() {
    for _ in 0..scaled(20) {
        let (senders, rx) = blocked_senders::<F>(1);
        let got = poll_until_message(|| rx.recv_timeout(Duration::ZERO).ok());
        assert_eq!(got, 0, "the blocked sender's message");
        all_served(senders);
        assert_eq!(
            rx.recv_timeout(Duration::ZERO),
            Err(RecvTimeoutError::Disconnected),
            "drained and disconnected"
        );
    }
}

/// `try_send` fails while nobody receives and succeeds once a receiver is
/// blocked in `recv`, which then returns its message (std).
pub fn try_send_needs_a_waiting_receiver<F: Bounded>() {
    let (tx, rx) = F::sync_channel(0);
    assert!(tx.try_send(1).is_err(), "nobody receives");
    let r = thread::spawn(move || rx.recv());
    // Succeeds once the receiver is blocked in `recv` (and only then).
    poll_until_message(|| tx.try_send(2).ok());
    assert_eq!(r.join().unwrap(), Ok(2), "the waiting receiver gets it");
}
