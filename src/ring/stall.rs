//! Test support: a send split at the point where a real sender can stall.
//!
//! A `send` claims a position (its CAS on `tail`), then writes the message
//! and stores the slot's stamp. A sender preempted between the two leaves
//! the receiver facing a claimed, unwritten head slot. Tests and models
//! cannot pause a thread at that instruction, so
//! [`SyncSender::stall_send`] performs the claim and returns a
//! [`StalledSend`] that performs the rest when asked. Hidden from the
//! documentation; `send` itself runs the same two halves back to back.

use super::queue::Claim;
use super::{SyncSender, TrySendError};

/// A send that has claimed its slot and not yet published its message.
///
/// [`publish`](StalledSend::publish) finishes it, and so does dropping it.
/// It holds a clone of its `SyncSender`, as a real send holds its sender.
/// As with a real sender stalled mid-write, dropping the `Receiver` waits
/// until this is published (the receiver's drop settles every claimed
/// slot), so publish or drop it first.
#[doc(hidden)]
#[must_use = "the claimed slot stays unpublished until this is published or dropped"]
pub struct StalledSend<T> {
    sender: SyncSender<T>,
    pos: usize,
    wake_rx: bool,
    msg: Option<T>,
}

impl<T> SyncSender<T> {
    /// Test support: the first half of [`try_send`](SyncSender::try_send).
    /// Claims a slot for `msg` if the ring has room and returns the pending
    /// send; until it is published, the receiver sees the slot as claimed
    /// but unwritten.
    #[doc(hidden)]
    pub fn stall_send(&self, msg: T) -> Result<StalledSend<T>, TrySendError<T>> {
        match self.chan.queue.try_claim() {
            Claim::Slot { pos, wake_rx } => Ok(StalledSend {
                sender: self.clone(),
                pos,
                wake_rx,
                msg: Some(msg),
            }),
            Claim::Full(_) => Err(TrySendError::Full(msg)),
            Claim::Disconnected => Err(TrySendError::Disconnected(msg)),
        }
    }
}

impl<T> StalledSend<T> {
    /// The second half of the send: writes the message, stores the stamp
    /// and wakes the receiver if it parked. Cannot fail: a claimed message
    /// is sent, even if the receiver is dropped meanwhile (its drop then
    /// drops the message, as for any message queued before it).
    pub fn publish(mut self) {
        self.finish();
    }

    fn finish(&mut self) {
        if let Some(msg) = self.msg.take() {
            // SAFETY: `pos` was claimed by `stall_send` with this `wake_rx`,
            // and `msg` is taken out here, so it is published once.
            unsafe { self.sender.chan.publish(self.pos, self.wake_rx, msg) };
        }
    }
}

impl<T> Drop for StalledSend<T> {
    fn drop(&mut self) {
        self.finish();
    }
}

impl<T> std::fmt::Debug for StalledSend<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StalledSend")
            .field("pos", &self.pos)
            .finish_non_exhaustive()
    }
}
