//! loom models of a sender stalled between its claim and its publish (the
//! hidden `stall_send` hook), written once for the lock-free channel and the
//! ring: a poll and a timed receive must not wait for the stalled sender,
//! and its message must still arrive afterwards.

/// The two stall models for channel module `$m`, in test module
/// `$name::stall` (their names are their test paths):
/// `$two` and `$one` build a channel with room for two messages and for one,
/// `$publish` finishes a stalled send (unwrapping what it returns).
macro_rules! stall_models {
    ($m:ident, $name:literal, $two:expr, $one:expr, $publish:expr) => {
        use crate::{Kind, Outcomes, check};
        use chanlab::$m::{RecvError, RecvTimeoutError, TryRecvError};
        use loom::thread;

        /// Any timeout: under loom a timed wait expires after one
        /// scheduling point.
        const SHORT: std::time::Duration = std::time::Duration::from_millis(1);

        #[test]
        fn timed_recv_behind_a_stalled_claim() {
            // The head slot is claimed and stays unwritten while the next one
            // is written: a poll finds nothing and a timed receive times out
            // (neither waits for the sender). Then the claim is published from
            // another thread while the receiver blocks on it (the lock-free
            // receiver past one yield and into a park): the publish must wake
            // it.
            check(
                concat!($name, "::stall::timed_recv_behind_a_stalled_claim"),
                Kind::Exhaustive,
                || {
                    let (tx, rx) = $two;
                    let stalled = tx.stall_send(1u32).unwrap();
                    tx.send(2).unwrap();
                    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
                    assert_eq!(rx.recv_timeout(SHORT), Err(RecvTimeoutError::Timeout));
                    let t = thread::spawn(move || $publish(stalled));
                    assert_eq!(rx.recv(), Ok(1));
                    assert_eq!(rx.recv(), Ok(2));
                    drop(tx);
                    assert_eq!(rx.recv(), Err(RecvError));
                    t.join().unwrap();
                },
            );
        }

        #[test]
        fn recv_timeout_races_a_stalled_publish() {
            // The claim is made before the receiver looks; its publish (and
            // the drop of the last sender, which the pending send holds) race
            // the timed receive. Both outcomes occur, and a timeout loses
            // nothing.
            let outcomes = Outcomes::default();
            let seen = outcomes.clone();
            let name = concat!($name, "::stall::recv_timeout_races_a_stalled_publish");
            check(name, Kind::Exhaustive, move || {
                let (tx, rx) = $one;
                let stalled = tx.stall_send(1u32).unwrap();
                drop(tx);
                let t = thread::spawn(move || $publish(stalled));
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
            });
            outcomes.expect(&["message", "timeout"]);
        }
    };
}
pub(crate) use stall_models;
