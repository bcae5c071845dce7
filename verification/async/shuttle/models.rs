//! The scenarios, as macros expanded per channel (`$new` builds the
//! channel): [`recv_scenarios`] for every channel, [`send_scenarios`] for
//! the bounded ones.

/// The model's name: the test's path.
macro_rules! name {
    ($test:literal) => {
        &format!("{}::{}", module_path!().split_once("::").unwrap().1, $test)
    };
}

/// Thread senders; a receiver that alternates `recv_async` and `recv`, and
/// drops a receive it polled once.
macro_rules! recv_scenarios {
    ($new:expr) => {
        /// Two threads send three messages each; the receiver alternates
        /// a task wait, a dropped task wait and a thread wait. Every
        /// message once, each sender's in order.
        fn alternating_receiver() {
            let (tx, mut rx) = $new;
            for s in 0..2 {
                let tx = tx.clone();
                thread::spawn(move || (0..3).for_each(|i| tx.send((s, i)).unwrap()));
            }
            drop(tx);
            let mut next = [0; 2];
            for turn in 0.. {
                let got = match turn % 3 {
                    0 => block_on(rx.recv_async()),
                    1 => match poll_noop(pin!(rx.recv_async())) {
                        Poll::Ready(got) => got,
                        Poll::Pending => continue, // dropped mid-wait
                    },
                    _ => rx.recv(),
                };
                let Ok((s, i)) = got else { break };
                assert_eq!(i, next[s], "sender {s} out of order");
                next[s] += 1;
            }
            assert_eq!(next, [3, 3], "every message once");
        }

        #[test]
        fn alternating_receiver_random() {
            random(name!("alternating_receiver_random"), alternating_receiver);
        }

        #[test]
        fn alternating_receiver_pct() {
            pct(name!("alternating_receiver_pct"), 3, alternating_receiver);
        }
    };
}

/// Senders of every kind on a full bounded channel of bound 1 (or a
/// rendezvous): a blocking thread, a spawned task, a task on its own
/// thread, and a task dropped after one poll.
macro_rules! send_scenarios {
    ($new:expr) => {
        fn mixed_senders() {
            let drops = Arc::new(AtomicUsize::new(0));
            let (tx, mut rx) = $new;
            let msg = |s, i| Counted((s, i), drops.clone());
            let (t0, t1, t2, t3) = (tx.clone(), tx.clone(), tx.clone(), tx);
            let m0: Vec<_> = (0..2).map(|i| msg(0, i)).collect();
            thread::spawn(move || m0.into_iter().for_each(|m| assert!(t0.send(m).is_ok())));
            let m1: Vec<_> = (0..2).map(|i| msg(1, i)).collect();
            let spawned = spawn(async move {
                for m in m1 {
                    assert!(t1.send_async(m).await.is_ok());
                }
            });
            let m2: Vec<_> = (0..2).map(|i| msg(2, i)).collect();
            thread::spawn(move || {
                block_on(async {
                    for m in m2 {
                        assert!(t2.send_async(m).await.is_ok());
                    }
                })
            });
            let m3 = msg(3, 0);
            let cancelled = thread::spawn(move || poll_noop(pin!(t3.send_async(m3))).is_ready());
            let mut next = [0; 4];
            let mut turn = 0;
            loop {
                turn += 1;
                let got = if turn % 2 == 0 {
                    rx.recv()
                } else {
                    block_on(rx.recv_async())
                };
                let Ok(Counted((s, i), _)) = got.as_ref() else {
                    break;
                };
                assert_eq!(*i, next[*s], "sender {s} out of order");
                next[*s] += 1;
            }
            block_on(spawned).unwrap();
            let delivered = cancelled.join().unwrap();
            assert_eq!(&next[..3], [2, 2, 2], "every completed send received once");
            assert!(
                next[3] == 0 || delivered || RENDEZVOUS,
                "a cancelled send delivered"
            );
            assert_eq!(
                drops.load(Ordering::Relaxed),
                7,
                "every message dropped once"
            );
        }

        #[test]
        fn mixed_senders_random() {
            random(name!("mixed_senders_random"), mixed_senders);
        }

        #[test]
        fn mixed_senders_pct() {
            pct(name!("mixed_senders_pct"), 3, mixed_senders);
        }
    };
}

pub(crate) use {name, recv_scenarios, send_scenarios};
