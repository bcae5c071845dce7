//! The async API: `recv_async`, `send_async` and `stream`, polled under
//! the same lock as the blocking calls (see "Waiting in tasks" in the
//! module docs). The future types come from the crate's `future.rs`.

use super::handles::{Receiver, SyncSender};
use super::state::Channel;
use super::waiters::{self, set_waker};
use super::{RecvError, SendError};
use std::task::{Context, Poll};

crate::future::receiver_futures!(mutex, "channel()", bool);
crate::future::sender_future!(mutex, "sync_channel(1)", Option<u64>);

impl<T> Receiver<T> {
    // ANCHOR: poll_recv
    /// One poll of `recv_async`. `registered`: whether `receiver_task`
    /// may hold this future's waker.
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        registered: &mut bool,
    ) -> Poll<Result<T, RecvError>> {
        let batch = self.batch.get_mut();
        if let Some(msg) = batch.pop_front() {
            return Poll::Ready(Ok(msg)); // a batch is only taken unregistered
        }
        let mut s = self.chan.lock();
        s.taken = 0; // the last batch is drained
        if s.queue.is_empty() && s.senders > 0 {
            let old = set_waker(&mut s.receiver_task, cx.waker());
            *registered = true;
            drop(s);
            drop(old); // a waker is dropped outside the lock
            return Poll::Pending;
        }
        *registered = false;
        let mine = s.receiver_task.take(); // if no wake-up took it
        let result = if s.queue.is_empty() {
            Err(RecvError)
        } else {
            Ok(self.chan.take(s, batch))
        };
        drop(mine);
        Poll::Ready(result)
    }

    /// A `recv_async` future is dropped: withdraw its waker.
    fn cancel_recv(&mut self, registered: &mut bool) {
        if std::mem::take(registered) {
            let mine = self.chan.lock().receiver_task.take();
            drop(mine);
        }
    }
    // ANCHOR_END: poll_recv
}

impl<T> SyncSender<T> {
    fn poll_send(
        &self,
        cx: &mut Context<'_>,
        msg: &mut Option<T>,
        wait: &mut Option<u64>,
    ) -> Poll<Result<(), SendError<T>>> {
        match self.chan.cap {
            Some(0) => self.chan.poll_offer(cx, msg, wait),
            _ => self.chan.poll_send(cx, msg, wait),
        }
    }

    fn cancel_send(&self, wait: &mut Option<u64>) {
        match (self.chan.cap, wait.take()) {
            (_, None) => {}
            (Some(0), Some(ticket)) => self.chan.cancel_offer(ticket),
            (_, Some(id)) => self.chan.cancel_send(id),
        }
    }
}

impl<T> Channel<T> {
    // ANCHOR: poll_send
    /// One poll of `send_async` on a bounded channel: push if there is
    /// room, else queue (or update) this task's entry. `id`: the entry.
    fn poll_send(
        &self,
        cx: &mut Context<'_>,
        msg: &mut Option<T>,
        id: &mut Option<u64>,
    ) -> Poll<Result<(), SendError<T>>> {
        let mut s = self.lock();
        if s.receiver && !self.has_room(&s) {
            let old = s.sender_tasks.register(id, cx.waker());
            drop(s);
            drop(old);
            return Poll::Pending;
        }
        // Our entry, if no wake-up took it: we no longer wait.
        let mine = id.take().and_then(|id| s.sender_tasks.withdraw(id));
        let msg = msg.take().expect("SendFuture polled after it resolved");
        let result = if s.receiver {
            self.push(&mut s, msg);
            self.wake_receiver(s);
            Ok(())
        } else {
            drop(s);
            Err(SendError(msg))
        };
        drop(mine);
        Poll::Ready(result)
    }

    /// A waiting `send_async` future is dropped. If its entry is still
    /// queued, withdraw it. If a freed slot's wake-up took it, the slot
    /// would be lost with the future: pass the wake-up to the next task.
    fn cancel_send(&self, id: u64) {
        let mut s = self.lock();
        let mine = s.sender_tasks.withdraw(id);
        let next = match mine {
            None if self.has_room(&s) => s.sender_tasks.pop(),
            _ => None,
        };
        drop(s);
        drop(mine);
        waiters::wake(next);
    }
    // ANCHOR_END: poll_send

    // ANCHOR: poll_offer
    /// One poll of `send_async` on a rendezvous channel: the first poll
    /// queues the message as an offer (as a blocking `send` does) and this
    /// task under the offer's ticket; later polls look whether a receive
    /// took it. `ticket`: the offer's, once made.
    fn poll_offer(
        &self,
        cx: &mut Context<'_>,
        msg: &mut Option<T>,
        ticket: &mut Option<u64>,
    ) -> Poll<Result<(), SendError<T>>> {
        let mut s = self.lock();
        let Some(t) = *ticket else {
            let msg = msg.take().expect("SendFuture polled after it resolved");
            if !s.receiver {
                drop(s);
                return Poll::Ready(Err(SendError(msg)));
            }
            let t = self.push(&mut s, msg);
            *ticket = Some(t);
            s.sender_tasks.register_offer(t, cx.waker());
            self.wake_receiver(s);
            return Poll::Pending;
        };
        let Ok(at) = s.offers.binary_search(&t) else {
            *ticket = None; // taken: the receive that took it dequeued our entry
            return Poll::Ready(Ok(()));
        };
        if s.receiver {
            let old = s.sender_tasks.register_offer(t, cx.waker());
            drop(s);
            drop(old);
            return Poll::Pending;
        }
        *ticket = None;
        let mine = s.sender_tasks.withdraw(t);
        let msg = s.withdraw_offer(at);
        drop(s);
        drop(mine);
        Poll::Ready(Err(SendError(msg)))
    }

    /// A `send_async` future with an offer queued is dropped: withdraw the
    /// offer unless a receive took it (then the send is complete). The
    /// withdrawn message is dropped here, outside the lock, once.
    fn cancel_offer(&self, ticket: u64) {
        let mut s = self.lock();
        let mine = s.sender_tasks.withdraw(ticket);
        let msg = match s.offers.binary_search(&ticket) {
            Ok(at) => Some(s.withdraw_offer(at)),
            Err(_) => None,
        };
        drop(s);
        drop(mine);
        drop(msg);
    }
    // ANCHOR_END: poll_offer
}
