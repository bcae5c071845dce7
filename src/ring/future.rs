//! The async API: `recv_async`, `send_async` and `stream`, waiting in the
//! same places as the blocking calls (see "Waiting in tasks" in the module
//! docs). The future types come from the crate's `future.rs`.

use super::queue::{Claim, Pop, RxParked};
use super::{Receiver, RecvError, SendError, SyncSender};
use crate::waiter::poll_again;
use std::task::{Context, Poll};

crate::future::receiver_futures!(ring, "sync_channel(4)", Option<RxParked>);
crate::future::sender_future!(ring, "sync_channel(1)", Option<u64>);

impl<T> Receiver<T> {
    // ANCHOR: poll_recv
    /// One poll of `recv_async`. `parked`: the flag the last poll raised,
    /// if it left this task registered.
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        parked: &mut Option<RxParked>,
    ) -> Poll<Result<T, RecvError>> {
        let chan = &*self.chan;
        chan.waiters.disarm_receiver(&chan.queue, parked); // a fresh one each poll
        loop {
            match chan.queue.try_pop() {
                Pop::Msg(msg, wake_tx) => {
                    if wake_tx {
                        chan.waiters.wake_sender(&chan.queue);
                    }
                    return Poll::Ready(Ok(msg));
                }
                Pop::Disconnected => return Poll::Ready(Err(RecvError)),
                // A sender is writing the head slot; its claim is past the
                // flag, so nothing will wake us: look again soon.
                Pop::Pending => return poll_again(cx),
                Pop::Empty => match chan.waiters.arm_receiver(&chan.queue, cx.waker()) {
                    Some(raised) => {
                        *parked = Some(raised);
                        return Poll::Pending;
                    }
                    None => continue, // a claim or the disconnection came first
                },
            }
        }
    }

    /// Withdraws what the last poll registered, if anything.
    fn cancel_recv(&mut self, parked: &mut Option<RxParked>) {
        self.chan.waiters.disarm_receiver(&self.chan.queue, parked);
    }
    // ANCHOR_END: poll_recv
}

impl<T> SyncSender<T> {
    // ANCHOR: poll_send
    /// One poll of `send_async`. `ticket`: this task's place among the
    /// parked senders, once it has queued.
    fn poll_send(
        &self,
        cx: &mut Context<'_>,
        msg: &mut Option<T>,
        ticket: &mut Option<u64>,
    ) -> Poll<Result<(), SendError<T>>> {
        let chan = &*self.chan;
        if let Some(t) = *ticket {
            if chan.waiters.still_parked(t, cx.waker()) {
                return Poll::Pending; // no pop has woken us yet
            }
            *ticket = None; // dequeued by a pop or the receiver's drop
        }
        loop {
            match chan.queue.try_claim() {
                Claim::Slot { pos, wake_rx } => {
                    let msg = msg.take().expect("SendFuture polled after it resolved");
                    // SAFETY: `pos` and `wake_rx` come from this claim, and
                    // the message is taken out: published once.
                    unsafe { chan.publish(pos, wake_rx, msg) };
                    return Poll::Ready(Ok(()));
                }
                Claim::Disconnected => {
                    let msg = msg.take().expect("SendFuture polled after it resolved");
                    return Poll::Ready(Err(SendError(msg)));
                }
                Claim::Full(pos) => match chan.waiters.arm_sender(&chan.queue, pos, cx.waker()) {
                    Some(t) => {
                        *ticket = Some(t);
                        return Poll::Pending;
                    }
                    None => continue, // room again, or the receiver left
                },
            }
        }
    }

    /// The future is dropped: leave the parked senders, passing on a
    /// wake-up it was given.
    fn cancel_send(&self, ticket: &mut Option<u64>) {
        if let Some(t) = ticket.take() {
            self.chan.waiters.cancel_sender(&self.chan.queue, t);
        }
    }
    // ANCHOR_END: poll_send
}
