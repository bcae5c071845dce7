//! Rendezvous (`sync_channel(0)`): a blocking send that *offers* its
//! message and waits until a receive has taken it (see "Design" in the
//! module docs).

use super::state::{Channel, Guard, State};
use crate::error::SendTimeoutError;
use crate::sync::Wait;

impl<T> Channel<T> {
    // ANCHOR: offer
    /// A blocking rendezvous send: queue `msg` as an offer, then wait until
    /// a receive takes it, or withdraw it on timeout or disconnection.
    pub(super) fn offer<'a>(
        &'a self,
        mut s: Guard<'a, T>,
        msg: T,
        wait: Wait,
    ) -> Result<(), SendTimeoutError<T>> {
        if !s.receiver {
            return Err(SendTimeoutError::Disconnected(msg));
        }
        let ticket = self.push(&mut s, msg);
        if s.receiver_waiting > 0 {
            // Notified under the lock: this thread waits below, so there
            // is no later point at which the lock is free.
            self.recv_ready.notify_one();
        }
        if let Some(task) = s.receiver_task.take() {
            drop(s); // a task is woken outside the lock (rule 4)
            task.wake();
            s = self.lock();
        }
        let mut expired = false;
        let mut round = 0;
        loop {
            let Ok(at) = s.offers.binary_search(&ticket) else {
                return Ok(()); // taken: tickets only leave by a receive or by us
            };
            if !s.receiver || expired {
                let msg = s.withdraw_offer(at);
                return Err(if s.receiver {
                    SendTimeoutError::Timeout(msg)
                } else {
                    SendTimeoutError::Disconnected(msg)
                });
            }
            (s, expired) = self.block(&self.send_ready, s, wait, &mut round, State::tx_waiting);
        }
    }
    // ANCHOR_END: offer
}

impl<T> State<T> {
    /// Removes the queued offer at `at` (in `offers` and in `queue`) and
    /// returns its message.
    pub(super) fn withdraw_offer(&mut self, at: usize) -> T {
        self.offers.remove(at);
        self.queue.remove(at).expect("one offer per queued message")
    }
}
