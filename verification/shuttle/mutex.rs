//! shuttle schedules of `chanlab::mutex`.

use crate::{dfs, pct, random};
use chanlab::mutex;
use shuttle::thread;

/// `senders` threads each send `per` messages into a channel of `bound`
/// (`None`: unbounded); the receiver checks per-sender order and that every
/// message arrives once.
fn many_senders(senders: usize, per: usize, bound: Option<usize>) {
    let mut handles = Vec::new();
    let rx = match bound {
        None => {
            let (tx, rx) = mutex::channel();
            for s in 0..senders {
                let tx = tx.clone();
                handles.push(thread::spawn(move || {
                    (0..per).for_each(|i| tx.send((s, i)).unwrap())
                }));
            }
            rx
        }
        Some(b) => {
            let (tx, rx) = mutex::sync_channel(b);
            for s in 0..senders {
                let tx = tx.clone();
                handles.push(thread::spawn(move || {
                    (0..per).for_each(|i| tx.send((s, i)).unwrap())
                }));
            }
            rx
        }
    };
    let mut next = vec![0; senders];
    let cap = bound.map_or(usize::MAX, |b| b.max(1));
    while let Ok((s, i)) = rx.recv() {
        assert!(rx.len() <= cap, "bound {bound:?} exceeded");
        assert_eq!(i, next[s], "sender {s} out of order");
        next[s] += 1;
    }
    assert!(next.iter().all(|&n| n == per), "lost messages {next:?}");
    handles.into_iter().for_each(|h| h.join().unwrap());
}

#[test]
fn unbounded_three_senders_random() {
    random("mutex::unbounded_three_senders_random", || {
        many_senders(3, 30, None)
    });
}

#[test]
fn bounded1_four_senders_pct() {
    pct("mutex::bounded1_four_senders_pct", 3, || {
        many_senders(4, 25, Some(1))
    });
}

#[test]
fn bounded2_three_senders_random() {
    random("mutex::bounded2_three_senders_random", || {
        many_senders(3, 30, Some(2))
    });
}

#[test]
fn rendezvous_two_senders_pct() {
    pct("mutex::rendezvous_two_senders_pct", 3, || {
        many_senders(2, 10, Some(0))
    });
}

#[test]
fn rendezvous_one_message_dfs() {
    dfs("mutex::rendezvous_one_message_dfs", || {
        many_senders(1, 2, Some(0))
    });
}

#[test]
fn bounded1_receiver_drop_dfs() {
    dfs("mutex::bounded1_receiver_drop_dfs", || {
        let (tx, rx) = mutex::sync_channel(1);
        let t = thread::spawn(move || {
            let first = tx.send(1);
            let second = tx.send(2);
            (first.is_ok(), second.map_err(|e| e.0))
        });
        drop(rx);
        let (_, second) = t.join().unwrap();
        assert_eq!(second, Err(2), "the second send can never be received");
    });
}
