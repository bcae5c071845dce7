//! loom models that pin the block list's orderings: each one is the model
//! in which weakening a particular Acquire or Release of `list.rs` or
//! `recycle.rs` shows up as a `Causality violation` (an `UnsafeCell` read
//! or written without a happens-before edge to its last write) or as a
//! wrong answer. `verification/ablate.py` runs them against every weakened
//! variant.

use super::{
    advanced, drain_in_order, one_sender_while_draining, send_one_then_leave, spawn_senders,
};
use crate::{Kind, Outcomes, check};
use chanlab::lockfree;
use loom::thread;

#[test]
fn receiver_enters_a_block_a_sender_installed() {
    // After the set-up the receiver waits at index 2, the first slot of
    // block 1, which the sender allocates and links while the receiver
    // polls. The receiver reads the new block's header (`start`) on its
    // next poll, even when the slot's written bit was not yet set: only
    // the Acquire load of the link orders that read after the allocation.
    // loom needs three preemptions to show the Relaxed variant failing
    // (bound 2 passes it), and bound 3 costs under a second.
    check(
        "lockfree::blocks::receiver_enters_a_block_a_sender_installed",
        Kind::AtMost(3),
        || {
            let (tx, rx) = advanced::<u8>(2);
            send_one_then_leave(tx, &rx, 5);
        },
    );
}

#[test]
fn len_counts_only_claimed_messages() {
    // A third thread asks for the length while one message goes through:
    // it may see 0 or 1, never more. `len` loads the receiver's position
    // first, with Acquire, so that the claim of every consumed message is
    // visible when it loads the claim counter.
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "lockfree::blocks::len_counts_only_claimed_messages",
        Kind::Bounded,
        move || {
            let (tx, rx) = lockfree::channel();
            let observer = tx.clone();
            let s = thread::spawn(move || tx.send(1u8).unwrap());
            let r = thread::spawn(move || assert_eq!(rx.recv(), Ok(1)));
            match observer.len() {
                0 => seen.saw("0"),
                1 => seen.saw("1"),
                n => panic!("len {n}: more messages than were ever sent"),
            }
            s.join().unwrap();
            r.join().unwrap();
        },
    );
    outcomes.expect(&["0", "1"]);
}

#[test]
fn receiver_recycles_while_the_sender_grows_the_list() {
    // After the set-up block 0 waits to be recycled and the receiver's
    // next index, 4, is the first slot of block 2, not allocated yet. The
    // sender sends indices 4-6, allocating (or finding) blocks 2 and 3,
    // while the receiver drains. Entering block 2 the receiver recycles
    // block 0: it finds the end of the list through `block_tail` and
    // `next`, which may point at blocks the sender allocated a moment ago,
    // and its CAS on the last `next` may race the sender's install of
    // block 3. Whichever block wins is read by the other thread only after
    // the Acquire that pairs with its linking. Every weakening this model
    // exists for shows within one preemption; bound 2 costs 100x more.
    check(
        "lockfree::blocks::receiver_recycles_while_the_sender_grows_the_list",
        Kind::AtMost(1),
        || {
            one_sender_while_draining(4, 3);
        },
    );
}

#[test]
fn late_claim_does_not_search_from_a_recycled_block() {
    // Sender 0 sends indices 2 and 3 (claiming 2, it moves `block_tail`
    // from block 0 to block 1), sender 1 sends one message; the receiver
    // drains concurrently. A claim ordered after the move (here index 4)
    // is not waited for before block 0 is recycled, so its sender must
    // not start its search at block 0: its Acquire claim reads the
    // mover's Release `fetch_add(0)`, which orders its `block_tail` load
    // after the move. No preemption is needed to reach the bug (each
    // thread runs until it blocks or ends; the stale `block_tail` is a
    // value loom chooses), and three threads with three messages cost
    // 25 s at bound 1.
    check(
        "lockfree::blocks::late_claim_does_not_search_from_a_recycled_block",
        Kind::AtMost(0),
        || {
            let (tx, rx) = advanced::<(usize, usize)>(2);
            let per = [2, 1];
            let handles = spawn_senders(tx, &per);
            drain_in_order(&rx, &per);
            handles.into_iter().for_each(|h| h.join().unwrap());
        },
    );
}

#[test]
fn late_sender_keeps_its_block_from_recycling() {
    // After the set-up the receiver waits at index 2, the first slot of
    // block 1, and `block_tail` is still block 0. Each sender claims one
    // index of block 1. A sender that claims first and loads `block_tail`
    // (block 0) can be overtaken by the other, which walks past block 0,
    // moves `block_tail` on and records `observed_tail` = 4 in block 0. The
    // receiver then enters block 1 with index 2 unconsumed: block 0 must
    // wait, because the late sender still stands on it and reads its
    // header. Recycling it at once (the `observed_tail` check skipped)
    // rewrites that header under the late sender: loom reports the
    // unordered accesses. Two preemptions reach it: the receiver's before
    // it first polls (else it installs block 1 itself, before block 0 is
    // released, and never recycles it here), and the late sender's after
    // its load of `block_tail`, before it moves it. Bound 2: 59,421
    // executions.
    check(
        "lockfree::blocks::late_sender_keeps_its_block_from_recycling",
        Kind::AtMost(2),
        || {
            let (tx, rx) = advanced::<(usize, usize)>(2);
            let per = [1, 1];
            let handles = spawn_senders(tx, &per);
            drain_in_order(&rx, &per);
            handles.into_iter().for_each(|h| h.join().unwrap());
        },
    );
}
