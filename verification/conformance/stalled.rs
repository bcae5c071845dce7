//! A sender stalled between claiming its slot and publishing its message,
//! through the hidden `stall_send` hook of the lock-free and ring channels
//! (std has no such hook, so these rows have no std counterpart; what they
//! pin is that chanlab never waits for the stalled sender where std would
//! wait without bound).
//!
//! A poll behind a stalled claim must return `Empty` at once, and a timed
//! receive must time out. Before the ring checked for the claim there, both
//! waited forever instead, so they run on a helper thread and the test
//! fails if that thread has not returned within [`SLACK`], a bound far
//! above any real overrun (which is one spin round or one yield; see the
//! modules' docs).

use std::time::Duration;

/// How long a timed receive of [`TIMEOUT`] may take before the test
/// declares it hung: a watchdog, not a measurement.
pub const SLACK: Duration = Duration::from_secs(60);

/// The timed receives' timeout.
pub const TIMEOUT: Duration = Duration::from_millis(10);

/// Runs `f` on a helper thread and returns its result, failing if it takes
/// longer than [`SLACK`] (the helper is then left behind, blocked).
pub fn within_slack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(f()).unwrap());
    result
        .recv_timeout(SLACK)
        .expect("a timed receive behind a stalled sender overran its deadline by more than SLACK")
}

/// The stalled-sender tests for module `$m`, whose channel `$make` holds at
/// least two messages.
macro_rules! stalled_extras {
    ($m:path, $make:expr) => {
        use crate::stalled::{TIMEOUT, within_slack};
        use $m as m;

        #[test]
        fn try_recv_is_empty_while_the_next_slot_is_claimed() {
            let (tx, rx) = $make;
            let stalled = tx.stall_send(1u32).unwrap();
            tx.send(2).unwrap(); // written, behind the claimed slot
            let rx = within_slack(move || {
                assert_eq!(rx.try_recv(), Err(m::TryRecvError::Empty));
                assert_eq!(rx.try_iter().count(), 0, "delivered in claim order");
                rx
            });
            assert_eq!(rx.len(), 2, "len counts the claimed message");
            drop(stalled); // publishes
            assert_eq!(rx.try_recv(), Ok(1));
            assert_eq!(rx.try_recv(), Ok(2));
            assert_eq!(rx.try_recv(), Err(m::TryRecvError::Empty));
        }

        #[test]
        fn timed_recv_keeps_its_deadline_while_a_sender_stalls() {
            let (tx, rx) = $make;
            let stalled = tx.stall_send(1u32).unwrap();
            let rx = within_slack(move || {
                let timeout = m::RecvTimeoutError::Timeout;
                assert_eq!(rx.recv_timeout(TIMEOUT), Err(timeout));
                let past = std::time::Instant::now();
                assert_eq!(rx.recv_deadline(past), Err(timeout));
                rx
            });
            drop(stalled); // publishes
            assert_eq!(rx.recv_timeout(TIMEOUT), Ok(1));
        }

        #[test]
        fn blocked_recv_gets_the_message_once_it_is_published() {
            let (tx, rx) = $make;
            let stalled = tx.stall_send(1u32).unwrap();
            let publisher = std::thread::spawn(move || drop(stalled));
            assert_eq!(rx.recv(), Ok(1));
            publisher.join().unwrap();
            drop(tx);
            assert_eq!(rx.recv(), Err(m::RecvError));
        }
    };
}
