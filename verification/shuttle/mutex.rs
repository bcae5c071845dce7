//! shuttle schedules of `chanlab::mutex`: the kit's model bodies
//! (`chanlab::kit::shuttle::models`) at this channel's sizes, and one model
//! of its own.

use crate::{dfs, pct, random};
use chanlab::flavor::Mutex;
use chanlab::kit::shuttle::models::many_senders;
use chanlab::kit::{Bnd, Options, Unb};
use chanlab::mutex;
use shuttle::thread;

/// The receiver checks `len()` against the bound as it drains.
const LEN: Options = Options::new().len();

#[test]
fn unbounded_three_senders_random() {
    random("mutex::unbounded_three_senders_random", || {
        many_senders::<Unb<Mutex>>(3, 30, LEN)
    });
}

#[test]
fn bounded1_four_senders_pct() {
    pct("mutex::bounded1_four_senders_pct", 3, || {
        many_senders::<Bnd<Mutex, 1>>(4, 25, LEN)
    });
}

#[test]
fn bounded2_three_senders_random() {
    random("mutex::bounded2_three_senders_random", || {
        many_senders::<Bnd<Mutex, 2>>(3, 30, LEN)
    });
}

#[test]
fn rendezvous_two_senders_pct() {
    pct("mutex::rendezvous_two_senders_pct", 3, || {
        many_senders::<Bnd<Mutex, 0>>(2, 10, LEN)
    });
}

#[test]
fn rendezvous_one_message_dfs() {
    // DFS with a blocked sender and receiver: this channel waits on
    // condition variables, whose waits shuttle never ends spuriously.
    dfs("mutex::rendezvous_one_message_dfs", || {
        many_senders::<Bnd<Mutex, 0>>(1, 2, LEN)
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
