//! The channels' behaviour through the async API: each scenario is run on
//! every executor (`exec::on_every_executor`), and the wake-up steps are
//! also checked by hand, poll by poll, with counting wakers.

use crate::exec::{Counting, on_every_executor, wait_until};
use crate::flavors::{AsyncSend, Chan};
use chanlab::error::{RecvError, SendError, TryRecvError};
use futures_core::Stream;
use std::future::poll_fn;
use std::pin::{Pin, pin};
use std::task::Poll;
use std::thread::{self, JoinHandle};

/// Messages per sender; fewer under Miri, which runs far slower.
pub const N: usize = if cfg!(miri) { 20 } else { 500 };

/// A thread sends `0..N` and leaves; a task receives them in order, then
/// `Err(RecvError)`.
pub fn fifo_then_disconnected<C: Chan>() {
    on_every_executor(|| async {
        let (tx, mut rx) = C::new::<usize>();
        let producer = thread::spawn(move || (0..N).for_each(|i| C::send(&tx, i).unwrap()));
        for i in 0..N {
            assert_eq!(C::recv_async(&mut rx).await, Ok(i));
        }
        assert_eq!(C::recv_async(&mut rx).await, Err(RecvError));
        producer.join().unwrap();
    });
}

/// Four threads send `N` each; the `while let` loop of the docs gets each
/// message once, each sender's in order, and ends when they are gone.
pub fn while_let_loop_many_producers<C: Chan>() {
    on_every_executor(|| async {
        let (tx, mut rx) = C::new::<(usize, usize)>();
        for p in 0..4 {
            let tx = tx.clone();
            thread::spawn(move || (0..N).for_each(|i| C::send(&tx, (p, i)).unwrap()));
        }
        drop(tx);
        let mut next = [0; 4];
        while let Ok((p, i)) = C::recv_async(&mut rx).await {
            assert_eq!(i, next[p], "producer {p} out of order");
            next[p] += 1;
        }
        assert_eq!(next, [N; 4], "every message exactly once");
    });
}

/// The stream yields what `recv_async` would, and ends at disconnection.
pub fn stream_yields_then_ends<C: Chan>() {
    on_every_executor(|| async {
        let (tx, mut rx) = C::new::<usize>();
        let producer = thread::spawn(move || (0..N).for_each(|i| C::send(&tx, i).unwrap()));
        let mut stream = C::stream(&mut rx);
        let mut got = Vec::new();
        while let Some(i) = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await {
            got.push(i);
        }
        assert_eq!(got, (0..N).collect::<Vec<_>>());
        producer.join().unwrap();
    });
}

/// Sends `msg` from a new thread (on a rendezvous channel the send waits
/// there until a receive takes it).
pub fn send_from_thread<C: Chan, T: Send + 'static>(tx: &C::Tx<T>, msg: T) -> JoinHandle<()> {
    let tx = tx.clone();
    thread::spawn(move || C::send(&tx, msg).unwrap())
}

/// Poll by poll: pending on an empty channel, woken once by a send, then
/// ready with the message.
pub fn recv_pending_then_woken_by_send<C: Chan>() {
    let (tx, mut rx) = C::new::<u32>();
    let waker = Counting::default();
    let mut recv = pin!(C::recv_async(&mut rx));
    assert!(waker.poll(recv.as_mut()).is_pending());
    assert_eq!(waker.wakes(), 0);
    let sender = send_from_thread::<C, _>(&tx, 7);
    wait_until(|| waker.wakes() > 0);
    assert_eq!(waker.poll(recv.as_mut()), Poll::Ready(Ok(7)));
    sender.join().unwrap();
    assert_eq!(waker.wakes(), 1, "one send, one wake-up");
    assert_eq!(waker.held(), 0, "a resolved future leaves no waker behind");
}

/// Poll by poll: the last sender's drop wakes a pending receive, which
/// then reports the disconnection.
pub fn recv_woken_by_last_sender_drop<C: Chan>() {
    let (tx, mut rx) = C::new::<u32>();
    let tx2 = tx.clone();
    let waker = Counting::default();
    let mut recv = pin!(C::recv_async(&mut rx));
    assert!(waker.poll(recv.as_mut()).is_pending());
    drop(tx);
    assert_eq!(waker.wakes(), 0, "a sender is left");
    drop(tx2);
    assert_eq!(
        waker.wakes(),
        1,
        "the last sender's drop wakes the receiver"
    );
    assert_eq!(waker.poll(recv.as_mut()), Poll::Ready(Err(RecvError)));
    assert_eq!(waker.held(), 0);
}

/// Fills a bounded channel of `C::CAP` (>= 1) with `0..CAP`.
fn fill<C: AsyncSend>(tx: &C::Tx<usize>) -> usize {
    let cap = C::CAP.unwrap();
    (0..cap).for_each(|i| C::try_send(tx, i).unwrap());
    cap
}

/// Poll by poll: a send into a full channel is pending, a receive wakes
/// it once, and the next poll sends.
pub fn send_pending_then_woken_by_recv<C: AsyncSend>() {
    let (tx, rx) = C::new::<usize>();
    let cap = fill::<C>(&tx);
    let waker = Counting::default();
    let mut send = pin!(C::send_async(&tx, cap));
    assert!(waker.poll(send.as_mut()).is_pending());
    assert_eq!(C::try_recv(&rx), Ok(0));
    assert_eq!(waker.wakes(), 1, "the freed slot wakes the waiting send");
    assert_eq!(waker.poll(send.as_mut()), Poll::Ready(Ok(())));
    assert_eq!(waker.held(), 0);
    let rest: Vec<usize> = (1..=cap).map(|_| C::try_recv(&rx).unwrap()).collect();
    assert_eq!(rest, (1..=cap).collect::<Vec<_>>());
}

/// Poll by poll: the receiver's drop wakes a waiting send, which hands its
/// message back.
pub fn send_woken_by_receiver_drop<C: AsyncSend>() {
    let (tx, rx) = C::new::<usize>();
    let cap = fill::<C>(&tx);
    let waker = Counting::default();
    let mut send = pin!(C::send_async(&tx, cap));
    assert!(waker.poll(send.as_mut()).is_pending());
    drop(rx);
    assert_eq!(waker.wakes(), 1);
    assert_eq!(waker.poll(send.as_mut()), Poll::Ready(Err(SendError(cap))));
    assert_eq!(waker.held(), 0);
}

/// A send after the receiver is gone fails at its first poll.
pub fn send_after_receiver_drop<C: AsyncSend>() {
    let (tx, rx) = C::new::<u8>();
    drop(rx);
    let waker = Counting::default();
    let mut send = pin!(C::send_async(&tx, 9));
    assert_eq!(waker.poll(send.as_mut()), Poll::Ready(Err(SendError(9))));
    assert_eq!((waker.wakes(), waker.held()), (0, 0));
}

/// Tasks send (`send_async`) while a task receives; on every executor.
pub fn tasks_send_task_receives<C: AsyncSend>() {
    on_every_executor(|| async {
        let (tx, mut rx) = C::new::<(usize, usize)>();
        let producers: Vec<_> = (0..3)
            .map(|p| {
                let tx = tx.clone();
                thread::spawn(move || {
                    crate::exec::block_on(async {
                        for i in 0..N {
                            C::send_async(&tx, (p, i)).await.unwrap();
                        }
                    })
                })
            })
            .collect();
        drop(tx);
        let mut next = [0; 3];
        while let Ok((p, i)) = C::recv_async(&mut rx).await {
            assert_eq!(i, next[p], "producer {p} out of order");
            next[p] += 1;
        }
        assert_eq!(next, [N; 3]);
        producers.into_iter().for_each(|p| p.join().unwrap());
    });
}

/// Rendezvous, poll by poll: the offer waits for a receive; the receive
/// takes it and wakes the sending task, whose next poll completes.
pub fn rendezvous_send_completes_when_taken<C: AsyncSend>() {
    let (tx, rx) = C::new::<u8>();
    let waker = Counting::default();
    let mut send = pin!(C::send_async(&tx, 4));
    assert!(waker.poll(send.as_mut()).is_pending());
    assert!(waker.poll(send.as_mut()).is_pending(), "not taken yet");
    assert_eq!(C::try_recv(&rx), Ok(4), "a receive takes the offer");
    assert_eq!(waker.wakes(), 1);
    assert_eq!(waker.poll(send.as_mut()), Poll::Ready(Ok(())));
    assert_eq!(C::try_recv(&rx), Err(TryRecvError::Empty));
    assert_eq!(waker.held(), 0);
}
