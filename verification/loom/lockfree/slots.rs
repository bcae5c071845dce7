//! loom models of where a slot's written flag lives (`block/written.rs`):
//! in the block's one `ready` word, or, with knob `block_ready` off, in a
//! state word per slot. Run them with both layouts:
//!
//! ```text
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test loom lockfree::
//! CHANLAB_PERF_OFF=block_ready RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test loom lockfree::
//! ```
//!
//! With one word per slot, the receiver must park on the word of the slot
//! it waits for (not on the latest one published), a recycled block must
//! come back with every slot's word cleared, and the receiver's drop must
//! settle each slot with its own RMW, racing each sender's publish.

use super::advanced;
use crate::{Counted, Kind, Outcomes, check};
use chanlab::lockfree;
use loom::thread;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[test]
fn receiver_parks_behind_a_stalled_slot() {
    // Index 0 is claimed and not yet written while index 1 is published:
    // the receiver waits for index 0, in claim order, and parks on the word
    // that holds its flag. Only index 0's publish can wake it (a clone of
    // the sender keeps disconnection away); a park on any other word loses
    // that wake-up, which loom reports as a deadlock.
    check(
        "lockfree::slots::receiver_parks_behind_a_stalled_slot",
        Kind::Bounded,
        || {
            let (tx, rx) = lockfree::channel();
            let keep = tx.clone();
            let stalled = tx.stall_send(1u8).unwrap();
            let later = thread::spawn(move || tx.send(2).unwrap());
            let first = thread::spawn(move || stalled.publish().unwrap());
            assert_eq!(rx.recv(), Ok(1));
            assert_eq!(rx.recv(), Ok(2));
            drop(keep);
            later.join().unwrap();
            first.join().unwrap();
        },
    );
}

#[test]
fn receiver_parks_in_a_recycled_block() {
    // After the set-up the next index (6) lies in a block that held indices
    // 0 and 1 and was recycled to the end of the list. The receiver parks
    // on its slot while the sender writes it: a flag left over from the
    // block's last use would let the receiver read the slot before the
    // sender's write (a data race loom reports) and return a stale value.
    check(
        "lockfree::slots::receiver_parks_in_a_recycled_block",
        Kind::Bounded,
        || {
            let (tx, rx) = advanced::<u8>(6);
            let keep = tx.clone();
            let t = thread::spawn(move || tx.send(5).unwrap());
            assert_eq!(rx.recv(), Ok(5));
            drop(keep);
            t.join().unwrap();
        },
    );
}

#[test]
fn receiver_drop_settles_each_slot_once() {
    // Index 0 is stalled, index 1 is sent by another thread, and the
    // receiver drops while both may publish. Each slot is settled by one
    // RMW race: a message published first is dropped by the receiver's
    // drop, one published after is handed back to its sender. Either way
    // each message is dropped exactly once.
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "lockfree::slots::receiver_drop_settles_each_slot_once",
        Kind::Bounded,
        move || {
            let drops = Arc::new(AtomicUsize::new(0));
            let (tx, rx) = lockfree::channel();
            let stalled = tx.stall_send(Counted(0, drops.clone())).unwrap();
            let d = drops.clone();
            let other = thread::spawn(move || tx.send(Counted(1, d)).is_ok());
            let first = thread::spawn(move || stalled.publish().is_ok());
            drop(rx);
            let accepted = [first.join().unwrap(), other.join().unwrap()];
            seen.saw(match accepted {
                [true, true] => "both accepted",
                [false, false] => "both refused",
                _ => "one refused",
            });
            assert_eq!(
                drops.load(Ordering::Relaxed),
                2,
                "each message dropped once"
            );
        },
    );
    outcomes.expect(&["both accepted", "both refused", "one refused"]);
}
