//! chanlab's additions to std's API (`len`, `is_empty`, `capacity`,
//! `recv_deadline`, `send_timeout`) and std-compatibility details that the
//! flavor traits cannot express (non-`Send` messages, `Debug` without
//! `T: Debug`). Written as macros over a module path, since they use each
//! module's concrete types; the kit's tests of the optional methods
//! (`len_counts_queued_messages`, `send_timeout_hands_value_back`) run here
//! too, through the flavor traits.

/// Tests common to every chanlab receiver; `$make` builds a channel of `T`,
/// `$kit` names the same constructor for the kit (`Unb<F>`, `Bnd<F, N>`).
/// `$batched`: the receiver takes messages in batches, so that a sender's
/// `len()` counts the batch until the receiver locks again (the unbounded
/// mutex channel; see its "Batching" docs).
macro_rules! receiver_extras {
    ($m:path, $kit:ty, $make:expr, $cap:expr) => {
        receiver_extras!($m, $kit, $make, $cap, false);
    };
    ($m:path, $kit:ty, $make:expr, $cap:expr, $batched:expr) => {
        #[allow(unused_imports)]
        use chanlab::flavor::{Lockfree, Mutex, Ring};
        #[allow(unused_imports)]
        use chanlab::kit::{Bnd, Unb};
        use std::time::{Duration, Instant};
        use $m as m;

        struct NotDebug;

        #[test]
        fn len_is_empty_capacity() {
            let (tx, rx) = $make;
            assert_eq!((rx.len(), rx.is_empty(), tx.is_empty()), (0, true, true));
            tx.send(1u8).unwrap();
            assert_eq!((rx.len(), tx.len(), rx.is_empty()), (1, 1, false));
            assert_eq!(rx.capacity(), $cap);
            assert_eq!(tx.capacity(), $cap);
            rx.recv().unwrap();
            assert!(rx.is_empty());
        }

        #[test]
        fn len_counts_queued_messages() {
            chanlab::kit::conformance::len_counts_queued_messages::<$kit>();
        }

        #[test]
        fn len_follows_sends_and_receives() {
            let (tx, rx) = $make;
            let mut queued = 0;
            // Two or three messages stay queued, so head and tail pass
            // every slot, the end of a ring and the end of a block.
            for round in 0..100u8 {
                while queued < 3 {
                    tx.send(round).unwrap();
                    queued += 1;
                    assert_eq!(rx.len(), queued);
                    if !$batched {
                        assert_eq!(tx.len(), queued);
                    }
                }
                assert_eq!(rx.recv(), Ok(round.saturating_sub(2)));
                queued -= 1;
                assert_eq!(rx.len(), queued);
                if !$batched {
                    assert_eq!(tx.len(), queued);
                }
            }
        }

        #[test]
        fn sender_len_counts_an_undrained_batch() {
            let (tx, rx) = $make;
            for i in 0..3u8 {
                tx.send(i).unwrap();
            }
            assert_eq!(rx.recv(), Ok(0));
            assert_eq!((rx.len(), tx.len()), (2, 2));
            assert_eq!((rx.recv(), rx.recv()), (Ok(1), Ok(2)));
            // Batched: the receiver took 1 and 2 in the lock that returned
            // 0 and received them from its batch without locking, so a
            // sender still counts them.
            assert_eq!((rx.len(), tx.len()), (0, if $batched { 2 } else { 0 }));
            assert_eq!(rx.try_recv(), Err(m::TryRecvError::Empty));
            // Any lock by the receiver with its batch empty settles it.
            assert_eq!((rx.len(), tx.len()), (0, 0));
        }

        #[test]
        fn recv_deadline() {
            let (tx, rx) = $make;
            let past = Instant::now();
            assert_eq!(rx.recv_deadline(past), Err(m::RecvTimeoutError::Timeout));
            tx.send(3u8).unwrap();
            assert_eq!(
                rx.recv_deadline(past),
                Ok(3),
                "a queued message beats the deadline"
            );
            drop(tx);
            let later = Instant::now() + Duration::from_secs(60);
            assert_eq!(
                rx.recv_deadline(later),
                Err(m::RecvTimeoutError::Disconnected)
            );
        }

        #[test]
        fn non_send_messages_on_one_thread() {
            let (tx, rx) = $make;
            let rc = std::rc::Rc::new(5u8);
            tx.send(rc.clone()).unwrap();
            assert_eq!(*rx.recv().unwrap(), 5);
            assert_eq!(std::rc::Rc::strong_count(&rc), 1);
        }

        #[test]
        fn debug_without_t_debug() {
            let (tx, rx) = $make;
            tx.send(NotDebug).unwrap();
            let shown = format!("{tx:?} {rx:?}");
            assert!(shown.ends_with("Receiver { .. }"), "{shown}");
            assert!(shown.contains("Sender { .. } "), "{shown}");
        }

        #[test]
        fn std_error_interop() {
            #[derive(Debug)]
            struct MyError;
            impl From<std::sync::mpsc::RecvError> for MyError {
                fn from(_: std::sync::mpsc::RecvError) -> Self {
                    MyError
                }
            }
            fn first(rx: &m::Receiver<u8>) -> Result<u8, MyError> {
                Ok(rx.recv()?)
            }
            let (tx, rx) = $make;
            drop(tx);
            assert!(first(&rx).is_err());
            assert_eq!(
                m::RecvError.to_string(),
                std::sync::mpsc::RecvError.to_string()
            );
        }
    };
}

/// The kit's `send_timeout` test on bounded flavor `$flavor` at bound
/// `$cap` (>= 1).
macro_rules! send_timeout_extras {
    ($flavor:ty, $cap:expr) => {
        #[test]
        fn send_timeout_hands_value_back() {
            chanlab::kit::conformance::send_timeout_hands_value_back::<$flavor>($cap);
        }
    };
}
