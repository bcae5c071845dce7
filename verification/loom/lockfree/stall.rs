//! loom models of a sender stalled between its claim and its publish (the
//! hidden `stall_send` hook): a poll and a timed receive must not wait for
//! it, and the message must still arrive afterwards. (A sender stalled in
//! the middle of waking the receiver is a shuttle model: under loom the
//! receiver waits for it, see `UNPARK_ENDS_ANY_WAIT` in `src/sync.rs`.)

use super::SHORT;
use crate::{Kind, Outcomes, check};
use chanlab::lockfree::{self, RecvError, RecvTimeoutError, TryRecvError};
use loom::thread;

#[test]
fn timed_recv_behind_a_stalled_claim() {
    // Index 0 is claimed and stays unwritten while index 1 is written: a
    // poll finds nothing and a timed receive times out (it does not wait
    // for the sender). Then the claim is published from another thread
    // while the receiver blocks, past one yield and into a park on the
    // claimed slot: the publish must wake it.
    check("lockfree::stalled_claim", Kind::Exhaustive, || {
        let (tx, rx) = lockfree::channel();
        let stalled = tx.stall_send(1u8).unwrap();
        tx.send(2).unwrap();
        assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
        assert_eq!(rx.recv_timeout(SHORT), Err(RecvTimeoutError::Timeout));
        let t = thread::spawn(move || stalled.publish().unwrap());
        assert_eq!(rx.recv(), Ok(1));
        assert_eq!(rx.recv(), Ok(2));
        drop(tx);
        assert_eq!(rx.recv(), Err(RecvError));
        t.join().unwrap();
    });
}

#[test]
fn recv_timeout_races_a_stalled_publish() {
    // The claim is made before the receiver looks; its publish (and the
    // drop of the last sender, which the pending send holds) race the
    // timed receive. Both outcomes occur, and a timeout loses nothing.
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(
        "lockfree::stalled_publish_vs_recv_timeout",
        Kind::Exhaustive,
        move || {
            let (tx, rx) = lockfree::channel();
            let stalled = tx.stall_send(1u8).unwrap();
            drop(tx);
            let t = thread::spawn(move || stalled.publish().unwrap());
            match rx.recv_timeout(SHORT) {
                Ok(1) => seen.saw("message"),
                Err(RecvTimeoutError::Timeout) => {
                    seen.saw("timeout");
                    assert_eq!(rx.recv(), Ok(1), "the message is not lost");
                }
                other => panic!("unexpected {other:?}"),
            }
            assert_eq!(rx.recv(), Err(RecvError));
            t.join().unwrap();
        },
    );
    outcomes.expect(&["message", "timeout"]);
}
