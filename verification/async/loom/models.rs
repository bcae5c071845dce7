//! The models, written once as macros and expanded per channel (each
//! channel's module names its constructor): [`recv_models`] for every
//! channel, [`send_models`] for the bounded ones.

/// The model's name: the test's path, from the expanding module's path.
macro_rules! name {
    ($test:literal) => {
        &format!("{}::{}", module_path!().split_once("::").unwrap().1, $test)
    };
}

/// The receive-side models, on the channel `$new` builds (`(tx, rx)`).
macro_rules! recv_models {
    ($kind:expr, $new:expr) => {
        /// A task awaits the message a thread sends, then the
        /// disconnection: the task's registration races the send and the
        /// sender's drop.
        #[test]
        fn recv_async_vs_send() {
            check(name!("recv_async_vs_send"), $kind, || {
                let (tx, mut rx) = $new;
                let t = thread::spawn(move || tx.send(1).unwrap());
                assert_eq!(block_on(rx.recv_async()), Ok(1));
                assert_eq!(block_on(rx.recv_async()), Err(RecvError));
                t.join().unwrap();
            });
        }

        /// A receive is polled once (registering a waker nobody uses) and
        /// dropped while a thread sends, woken or not; the next receive
        /// still gets the message.
        #[test]
        fn recv_dropped_mid_wait() {
            let outcomes = Outcomes::default();
            let seen = outcomes.clone();
            check(name!("recv_dropped_mid_wait"), $kind, move || {
                let (tx, mut rx) = $new;
                let t = thread::spawn(move || tx.send(1).unwrap());
                let first = poll_noop(pin!(rx.recv_async()));
                if let Poll::Ready(got) = first {
                    assert_eq!(got, Ok(1));
                    seen.saw("ready at once");
                } else {
                    assert_eq!(block_on(rx.recv_async()), Ok(1), "no message lost");
                    seen.saw("dropped while pending");
                }
                assert_eq!(block_on(rx.recv_async()), Err(RecvError));
                t.join().unwrap();
            });
            outcomes.expect(&["dropped while pending", "ready at once"]);
        }

        /// A receive polled once with a waker that does nothing, then
        /// driven by `block_on`: only a wake-up of the new waker ends it.
        #[test]
        fn recv_repolled_with_new_waker() {
            check(name!("recv_repolled_with_new_waker"), $kind, || {
                let (tx, mut rx) = $new;
                let t = thread::spawn(move || tx.send(1).unwrap());
                let mut recv = pin!(rx.recv_async());
                let got = match poll_noop(recv.as_mut()) {
                    Poll::Ready(got) => got,
                    Poll::Pending => block_on(recv),
                };
                assert_eq!(got, Ok(1));
                t.join().unwrap();
            });
        }

        /// The receiver waits as a thread (`recv`), then as a task
        /// (`recv_async`), then as a thread again, while one thread sends
        /// twice and leaves: a wake-up meant for one wait must not be
        /// lost, nor land in the next one.
        #[test]
        fn receiver_thread_task_thread() {
            check(name!("receiver_thread_task_thread"), $kind, || {
                let (tx, mut rx) = $new;
                let t = thread::spawn(move || {
                    tx.send(1).unwrap();
                    tx.send(2).unwrap();
                });
                assert_eq!(rx.recv(), Ok(1));
                assert_eq!(block_on(rx.recv_async()), Ok(2));
                assert_eq!(rx.recv(), Err(RecvError));
                t.join().unwrap();
            });
        }
    };
}

/// The send-side models on the bounded channel `$new` builds; `$full`
/// messages fill it (1, or 0 for a rendezvous, where every send waits).
/// `$three` is the bound for the two models with three threads besides
/// the model's.
macro_rules! send_models {
    ($kind:expr, $three:expr, $new:expr, $full:expr) => {
        /// Builds the channel, filled with messages `0..$full` (ids).
        #[allow(clippy::reversed_empty_ranges)] // `0..0` on a rendezvous
        fn full(drops: &Arc<AtomicUsize>) -> (Tx, Rx) {
            let (tx, rx) = $new;
            for i in 0..$full {
                assert!(tx.try_send(Counted(i, drops.clone())).is_ok());
            }
            (tx, rx)
        }

        /// Receives every message until the senders are gone; their ids.
        fn ids(rx: &Rx) -> Vec<usize> {
            std::iter::from_fn(|| rx.recv().ok()).map(|m| m.0).collect()
        }

        /// A task sends into a full channel while the model thread
        /// receives: the freed slot (or the taken offer) must wake it.
        #[test]
        fn send_async_on_full_vs_recv() {
            check(name!("send_async_on_full_vs_recv"), $kind, || {
                let drops = Arc::new(AtomicUsize::new(0));
                let (tx, rx) = full(&drops);
                let d = drops.clone();
                let t = thread::spawn(move || block_on(tx.send_async(Counted(9, d))).is_ok());
                assert_eq!(ids(&rx), (0..$full).chain([9]).collect::<Vec<_>>());
                assert!(t.join().unwrap());
                assert_eq!(drops.load(Ordering::Relaxed), $full + 1);
            });
        }

        /// Two tasks wait on a full channel. One is polled once and
        /// dropped (perhaps after the wake-up for a freed slot took it);
        /// the other must still be woken and send. The dropped one's
        /// message is dropped once and never received (on a rendezvous,
        /// unless a receive took the offer before the drop).
        #[test]
        fn send_dropped_mid_wait() {
            let outcomes = Outcomes::default();
            let seen = outcomes.clone();
            check(name!("send_dropped_mid_wait"), $three, move || {
                let drops = Arc::new(AtomicUsize::new(0));
                let (tx, rx) = full(&drops);
                let (tx2, d1, d2) = (tx.clone(), drops.clone(), drops.clone());
                let a = thread::spawn(move || {
                    poll_noop(pin!(tx.send_async(Counted(1, d1)))).is_ready()
                });
                let b = thread::spawn(move || block_on(tx2.send_async(Counted(2, d2))).is_ok());
                let got = ids(&rx);
                let a_done = a.join().unwrap();
                assert!(b.join().unwrap(), "the other send completed");
                assert!(got.contains(&2));
                assert!(
                    !got.contains(&1) || a_done || $full == 0,
                    "a cancelled send delivered"
                );
                seen.saw(if got.contains(&1) {
                    "both received"
                } else {
                    "one dropped"
                });
                assert_eq!(
                    drops.load(Ordering::Relaxed),
                    $full + 2,
                    "each dropped once"
                );
            });
            outcomes.expect(&["both received", "one dropped"]);
        }

        /// A send polled once on a full channel with a waker that does
        /// nothing, then driven by `block_on`: only a wake-up of the new
        /// waker ends it.
        #[test]
        fn send_repolled_with_new_waker() {
            check(name!("send_repolled_with_new_waker"), $kind, || {
                let drops = Arc::new(AtomicUsize::new(0));
                let (tx, rx) = full(&drops);
                let d = drops.clone();
                let t = thread::spawn(move || {
                    let mut send = pin!(tx.send_async(Counted(9, d)));
                    match poll_noop(send.as_mut()) {
                        Poll::Ready(sent) => sent.is_ok(),
                        Poll::Pending => block_on(send).is_ok(),
                    }
                });
                assert_eq!(ids(&rx), (0..$full).chain([9]).collect::<Vec<_>>());
                assert!(t.join().unwrap());
            });
        }

        /// A thread blocked in `send` and a task awaiting `send_async` on
        /// the same full channel; the model thread receives everything,
        /// alternating `recv_async` and `recv`.
        #[test]
        fn thread_and_task_senders() {
            check(name!("thread_and_task_senders"), $three, || {
                let drops = Arc::new(AtomicUsize::new(0));
                let (tx, mut rx) = full(&drops);
                let (tx2, d1, d2) = (tx.clone(), drops.clone(), drops.clone());
                let t = thread::spawn(move || tx.send(Counted(1, d1)).is_ok());
                let u = thread::spawn(move || block_on(tx2.send_async(Counted(2, d2))).is_ok());
                let mut got = vec![block_on(rx.recv_async()).unwrap().0];
                got.extend(ids(&rx));
                got.sort();
                assert_eq!(got, (0..$full).chain([1, 2]).collect::<Vec<_>>());
                assert!(t.join().unwrap() && u.join().unwrap());
            });
        }
    };
}

pub(crate) use {name, recv_models, send_models};
