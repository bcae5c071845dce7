//! The cancellation contract, one test per clause (see "Waiting in tasks"
//! in each channel's module docs):
//!
//! 1. a receive dropped while pending, woken or not, loses no message;
//! 2. a dropped future leaves no waker registered in the channel;
//! 3. a future polled with a new waker is woken through the new one;
//! 4. a send dropped while pending drops its message exactly once, and the
//!    message is never received;
//! 5. a send dropped after a freed slot woke it passes that wake-up on to
//!    another waiting sender, task or thread;
//! 6. rendezvous: a dropped send withdraws its queued offer (its own, not
//!    another's); one whose offer was taken has completed;
//! 7. rendezvous: a message `try_send` handed to a waiting task survives
//!    that task's receive being dropped.

use crate::common::{Drops, let_other_thread_block};
use crate::conformance::send_from_thread;
use crate::exec::{Counting, wait_until};
use crate::flavors::{AsyncSend, Chan};
use chanlab::error::TryRecvError;
use std::pin::pin;
use std::task::Poll;
use std::thread;

/// 1: a pending receive dropped before any send loses nothing.
pub fn dropped_recv_loses_no_message<C: Chan>() {
    let (tx, mut rx) = C::new::<u32>();
    let waker = Counting::default();
    {
        let mut recv = pin!(C::recv_async(&mut rx));
        assert!(waker.poll(recv.as_mut()).is_pending());
    }
    let sender = send_from_thread::<C, _>(&tx, 1);
    assert_eq!(C::recv(&rx), Ok(1));
    sender.join().unwrap();
    assert_eq!(waker.wakes(), 0, "the dropped receive is not woken");
}

/// 1: a receive woken by a send and dropped before it looks leaves the
/// message for the next receive.
pub fn woken_then_dropped_recv_loses_no_message<C: Chan>() {
    let (tx, mut rx) = C::new::<u32>();
    let waker = Counting::default();
    let sender = {
        let mut recv = pin!(C::recv_async(&mut rx));
        assert!(waker.poll(recv.as_mut()).is_pending());
        let sender = send_from_thread::<C, _>(&tx, 1);
        wait_until(|| waker.wakes() > 0);
        sender
    };
    assert_eq!(C::recv(&rx), Ok(1));
    sender.join().unwrap();
    assert_eq!(C::try_recv(&rx), Err(TryRecvError::Empty));
    assert_eq!(waker.wakes(), 1);
}

/// 2: the channel holds the waker of a pending receive, and none once the
/// future is dropped.
pub fn dropped_recv_leaves_no_waker<C: Chan>() {
    let (_tx, mut rx) = C::new::<u32>();
    let waker = Counting::default();
    let mut recv = Box::pin(C::recv_async(&mut rx));
    assert!(waker.poll(recv.as_mut()).is_pending());
    assert_eq!(waker.held(), 1, "registered while pending");
    drop(recv);
    assert_eq!(waker.held(), 0, "withdrawn on drop");
}

// ANCHOR: recv_repolled
/// 3: a receive polled again with another waker is woken through it; the
/// first waker is neither woken nor kept.
pub fn recv_repolled_wakes_the_new_waker<C: Chan>() {
    let (tx, mut rx) = C::new::<u32>();
    let (first, second) = (Counting::default(), Counting::default());
    let mut recv = pin!(C::recv_async(&mut rx));
    assert!(first.poll(recv.as_mut()).is_pending());
    assert!(second.poll(recv.as_mut()).is_pending());
    assert_eq!(first.held(), 0, "the old waker is let go");
    let sender = send_from_thread::<C, _>(&tx, 3);
    wait_until(|| second.wakes() > 0);
    assert_eq!(second.poll(recv.as_mut()), Poll::Ready(Ok(3)));
    sender.join().unwrap();
    assert_eq!((first.wakes(), second.wakes()), (0, 1));
}
// ANCHOR_END: recv_repolled

/// Fills a bounded channel with tracked messages `0..cap`.
fn fill<C: AsyncSend>(tx: &C::Tx<crate::common::Tracked>, drops: &Drops) -> usize {
    let cap = C::CAP.unwrap();
    (0..cap).for_each(|i| assert!(C::try_send(tx, drops.track(i)).is_ok()));
    cap
}

/// 4 and 2: a pending send dropped drops its message once, is never
/// received, and leaves no waker.
pub fn dropped_send_drops_its_message_once<C: AsyncSend>() {
    let drops = Drops::default();
    let (tx, rx) = C::new();
    let cap = fill::<C>(&tx, &drops);
    let waker = Counting::default();
    let mut send = Box::pin(C::send_async(&tx, drops.track(99)));
    assert!(waker.poll(send.as_mut()).is_pending());
    assert_eq!(waker.held(), 1);
    drop(send);
    assert_eq!(
        (drops.count(), waker.held()),
        (1, 0),
        "dropped once, withdrawn"
    );
    drop(tx);
    let got: Vec<usize> = std::iter::from_fn(|| C::recv(&rx).ok())
        .map(|m| m.id)
        .collect();
    assert_eq!(got, (0..cap).collect::<Vec<_>>(), "99 is never received");
    assert_eq!(drops.count(), cap + 1, "every message dropped once");
}

/// 5: two sends wait; a receive wakes the first; the first is dropped
/// without looking; the second gets the wake-up and sends.
pub fn dropped_woken_send_passes_the_wake_on<C: AsyncSend>() {
    let (tx, rx) = C::new::<usize>();
    let cap = C::CAP.unwrap();
    (0..cap).for_each(|i| C::try_send(&tx, i).unwrap());
    let (a, b) = (Counting::default(), Counting::default());
    let mut first = Box::pin(C::send_async(&tx, 100));
    let mut second = pin!(C::send_async(&tx, 200));
    assert!(a.poll(first.as_mut()).is_pending());
    assert!(b.poll(second.as_mut()).is_pending());
    assert_eq!(C::try_recv(&rx), Ok(0));
    assert_eq!((a.wakes(), b.wakes()), (1, 0), "the oldest send is woken");
    drop(first);
    assert_eq!(b.wakes(), 1, "the dropped send passed its wake-up on");
    assert_eq!(b.poll(second.as_mut()), Poll::Ready(Ok(())));
    let got: Vec<usize> = (0..cap).map(|_| C::try_recv(&rx).unwrap()).collect();
    assert_eq!(got.last(), Some(&200));
    assert!(
        !got.contains(&100),
        "the dropped send's message is never received"
    );
}

/// 5: a task's send and a thread's blocking send wait on a full channel;
/// whichever a receive wakes, dropping the task's send leaves the slot to
/// the thread, whose send completes.
pub fn dropped_woken_send_leaves_the_slot_to_a_thread<C: AsyncSend>() {
    let (tx, rx) = C::new::<usize>();
    let cap = C::CAP.unwrap();
    (0..cap).for_each(|i| C::try_send(&tx, i).unwrap());
    let waker = Counting::default();
    let mut task = Box::pin(C::send_async(&tx, 100));
    assert!(waker.poll(task.as_mut()).is_pending());
    let tx2 = tx.clone();
    let thread = thread::spawn(move || C::send(&tx2, 200));
    let_other_thread_block();
    assert_eq!(C::try_recv(&rx), Ok(0));
    drop(task);
    assert_eq!(
        thread.join().unwrap(),
        Ok(()),
        "the thread's send completed"
    );
    drop(tx);
    let got: Vec<usize> = std::iter::from_fn(|| C::recv(&rx).ok()).collect();
    assert_eq!(got.last(), Some(&200));
    assert!(!got.contains(&100));
}

/// 3: a send polled again with another waker is woken through it.
pub fn send_repolled_wakes_the_new_waker<C: AsyncSend>() {
    let (tx, rx) = C::new::<usize>();
    let cap = C::CAP.unwrap();
    (0..cap).for_each(|i| C::try_send(&tx, i).unwrap());
    let (first, second) = (Counting::default(), Counting::default());
    let mut send = pin!(C::send_async(&tx, cap));
    assert!(first.poll(send.as_mut()).is_pending());
    assert!(second.poll(send.as_mut()).is_pending());
    assert_eq!(first.held(), 0, "the old waker is let go");
    assert_eq!(C::try_recv(&rx), Ok(0));
    assert_eq!((first.wakes(), second.wakes()), (0, 1));
    assert_eq!(second.poll(send.as_mut()), Poll::Ready(Ok(())));
}

/// 6: rendezvous: dropping a send withdraws its own offer (dropped once,
/// never received); with three offers queued and the middle one dropped,
/// the other two stay, in order.
pub fn dropped_offer_is_withdrawn<C: AsyncSend>() {
    let drops = Drops::default();
    let (tx, rx) = C::new();
    let waker = Counting::default();
    let mut first = pin!(C::send_async(&tx, drops.track(1)));
    let mut middle = Box::pin(C::send_async(&tx, drops.track(2)));
    let mut last = pin!(C::send_async(&tx, drops.track(3)));
    assert!(waker.poll(first.as_mut()).is_pending());
    assert!(waker.poll(middle.as_mut()).is_pending());
    assert!(waker.poll(last.as_mut()).is_pending());
    drop(middle);
    assert_eq!(drops.count(), 1, "the withdrawn offer's message is dropped");
    let got: Vec<_> = [C::try_recv(&rx), C::try_recv(&rx)]
        .map(|m| m.map(|m| m.id))
        .into();
    assert_eq!(got, [Ok(1), Ok(3)], "the other offers stay, in order");
    assert!(waker.poll(first.as_mut()).is_ready());
    assert!(waker.poll(last.as_mut()).is_ready());
    assert!(matches!(C::try_recv(&rx), Err(TryRecvError::Empty)));
    assert_eq!((drops.count(), waker.held()), (3, 0));
}

/// 6: rendezvous: a send whose offer a receive took has completed, even if
/// it is dropped before it looks: the message is received once.
pub fn taken_offer_survives_the_drop<C: AsyncSend>() {
    let drops = Drops::default();
    let (tx, rx) = C::new();
    let waker = Counting::default();
    let mut send = Box::pin(C::send_async(&tx, drops.track(5)));
    assert!(waker.poll(send.as_mut()).is_pending());
    let got = C::try_recv(&rx).unwrap();
    assert_eq!(waker.wakes(), 1);
    drop(send);
    assert_eq!((got.id, drops.count()), (5, 0), "received, not dropped");
    drop(got);
    assert_eq!((drops.count(), waker.held()), (1, 0));
}

/// 7: rendezvous: a receive task waits, `try_send` hands it a message, the
/// receive is dropped; the message is the next one received, and a
/// receiver dropped without receiving it drops it once, at its drop.
pub fn handed_message_survives_a_dropped_recv<C: AsyncSend>() {
    for receive_it in [true, false] {
        let drops = Drops::default();
        let (tx, mut rx) = C::new();
        let waker = Counting::default();
        {
            let mut recv = pin!(C::recv_async(&mut rx));
            assert!(waker.poll(recv.as_mut()).is_pending());
            assert!(
                C::try_send(&tx, drops.track(8)).is_ok(),
                "handed to the task"
            );
            assert_eq!(waker.wakes(), 1);
        }
        if receive_it {
            assert_eq!(C::try_recv(&rx).map(|m| m.id), Ok(8));
        } else {
            drop(rx);
            assert_eq!(drops.count(), 1, "dropped with the receiver");
        }
        assert_eq!(drops.count(), 1);
    }
}
