//! Threads and tasks on one channel, in every combination: blocking and
//! async senders together, and a receiver that alternates between `recv`
//! and `recv_async` (the same waiting place holds a thread one moment and
//! a task the next). Thread sends to a task receiver and task sends to a
//! task receiver are in `conformance.rs`.

use crate::conformance::N;
use crate::exec::{block_on, on_every_executor};
use crate::flavors::{AsyncSend, Chan};
use std::thread;

/// A task sends into a (often full) channel while a thread receives with
/// the blocking `recv`.
pub fn task_sends_thread_receives<C: AsyncSend>() {
    on_every_executor(|| async {
        let (tx, rx) = C::new::<usize>();
        let receiver = thread::spawn(move || {
            let got: Vec<usize> = std::iter::from_fn(|| C::recv(&rx).ok()).collect();
            assert_eq!(got, (0..N).collect::<Vec<_>>());
        });
        for i in 0..N {
            C::send_async(&tx, i).await.unwrap();
        }
        drop(tx);
        receiver.join().unwrap();
    });
}

/// Thread senders, and (bounded channels) task senders, while the
/// receiver alternates `recv` and `recv_async`: every message once, each
/// sender's in order.
fn alternating_receiver<C: Chan>(rx: &mut C::Rx<(usize, usize)>, senders: usize) {
    let mut next = vec![0; senders];
    let mut turn = 0usize;
    loop {
        turn += 1;
        let got = if turn.is_multiple_of(2) {
            C::recv(rx)
        } else {
            block_on(C::recv_async(rx))
        };
        let Ok((p, i)) = got else { break };
        assert_eq!(i, next[p], "sender {p} out of order");
        next[p] += 1;
    }
    assert!(next.iter().all(|&n| n == N), "lost messages: {next:?}");
}

/// Two blocking senders; the receiver alternates.
pub fn threads_send_receiver_alternates<C: Chan>() {
    let (tx, mut rx) = C::new::<(usize, usize)>();
    for p in 0..2 {
        let tx = tx.clone();
        thread::spawn(move || (0..N).for_each(|i| C::send(&tx, (p, i)).unwrap()));
    }
    drop(tx);
    alternating_receiver::<C>(&mut rx, 2);
}

/// Two blocking senders and two async ones (each on its own thread's
/// executor); the receiver alternates.
pub fn threads_and_tasks_send_receiver_alternates<C: AsyncSend>() {
    let (tx, mut rx) = C::new::<(usize, usize)>();
    for p in 0..4usize {
        let tx = tx.clone();
        thread::spawn(move || {
            for i in 0..N {
                if p.is_multiple_of(2) {
                    C::send(&tx, (p, i)).unwrap();
                } else {
                    block_on(C::send_async(&tx, (p, i))).unwrap();
                }
            }
        });
    }
    drop(tx);
    alternating_receiver::<C>(&mut rx, 4);
}

/// On tokio's multi-thread runtime: spawned tasks send with `send_async`
/// and threads with `send`, while a task receives.
#[cfg(not(miri))]
pub fn tokio_tasks_and_threads<C: AsyncSend>() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    rt.block_on(async {
        let (tx, mut rx) = C::new::<(usize, usize)>();
        for p in 0..4usize {
            let tx = tx.clone();
            if p.is_multiple_of(2) {
                tokio::spawn(async move {
                    for i in 0..N {
                        C::send_async(&tx, (p, i)).await.unwrap();
                    }
                });
            } else {
                thread::spawn(move || (0..N).for_each(|i| C::send(&tx, (p, i)).unwrap()));
            }
        }
        drop(tx);
        let receiver = tokio::spawn(async move {
            let mut next = [0; 4];
            while let Ok((p, i)) = C::recv_async(&mut rx).await {
                assert_eq!(i, next[p]);
                next[p] += 1;
            }
            next
        });
        assert_eq!(receiver.await.unwrap(), [N; 4]);
    });
}

/// `futures_core::Stream` in a `select`-free loop on tokio: the stream is
/// `Send`, so it moves into a spawned task.
#[cfg(not(miri))]
pub fn tokio_stream_in_spawned_task<C: Chan>() {
    use futures_core::Stream;
    use std::future::poll_fn;
    use std::pin::Pin;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .unwrap();
    rt.block_on(async {
        let (tx, mut rx) = C::new::<usize>();
        let consumer = tokio::spawn(async move {
            let mut stream = C::stream(&mut rx);
            let mut sum = 0;
            while let Some(i) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
                sum += i;
            }
            sum
        });
        thread::spawn(move || (0..N).for_each(|i| C::send(&tx, i).unwrap()));
        assert_eq!(consumer.await.unwrap(), N * (N - 1) / 2);
    });
}
