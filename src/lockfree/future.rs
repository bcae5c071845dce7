//! The async API: `recv_async` and `stream`, on the same parker as the
//! blocking receive (see "Waiting in tasks" in the module docs). The
//! future types come from the crate's `future.rs`.

use super::chan::Armed;
use super::{Receiver, RecvError};
use crate::waiter::{Waiter, poll_again};
use std::task::{Context, Poll};

crate::future::receiver_futures!(lockfree, "channel()", bool);

impl<T> Receiver<T> {
    // ANCHOR: poll_recv
    /// One poll of `recv_async`. `registered`: whether the last poll left
    /// this task registered in the parker.
    fn poll_recv(
        &mut self,
        cx: &mut Context<'_>,
        registered: &mut bool,
    ) -> Poll<Result<T, RecvError>> {
        self.cancel_recv(registered); // a fresh registration each poll
        loop {
            // SAFETY: this `Receiver` is the channel's only one, borrowed
            // exclusively by the future that polls: no other receive runs.
            if let Some(msg) = unsafe { self.chan.list.pop() } {
                return Poll::Ready(Ok(msg));
            }
            if self.chan.disconnected() {
                // SAFETY: as above. A last message may have landed
                // between the pop above and the check.
                return Poll::Ready(unsafe { self.chan.list.pop() }.ok_or(RecvError));
            }
            match self.chan.arm(Waiter::Task(cx.waker().clone())) {
                Armed::Waiting => {
                    *registered = true;
                    return Poll::Pending;
                }
                Armed::Ready => continue,
                Armed::Busy => return poll_again(cx),
            }
        }
    }

    /// Withdraws the registration the last poll left, if any (on a new
    /// poll, and when the future is dropped).
    fn cancel_recv(&mut self, registered: &mut bool) {
        if std::mem::take(registered) {
            // SAFETY: the receiver, once for the poll that returned
            // `Armed::Waiting`.
            unsafe { self.chan.disarm() };
        }
    }
    // ANCHOR_END: poll_recv
}
