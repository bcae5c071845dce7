//! Test support: a send split at the point where a real sender can stall.
//!
//! A `send` claims an index and then writes and publishes its message. A
//! sender preempted between the two leaves the receiver facing a claimed,
//! unwritten slot, for as long as the scheduler likes. Tests and models
//! cannot pause a thread at that instruction, so [`Sender::stall_send`]
//! performs the claim and returns a [`StalledSend`] that performs the rest
//! when asked: the stall becomes a value that a test holds for as long as
//! it wants, on any thread. Hidden from the documentation; `send` itself
//! runs the same two halves back to back.

use super::{SendError, Sender};

/// A send that has claimed its slot and not yet published its message.
///
/// [`publish`](StalledSend::publish) finishes it; dropping it publishes
/// too (and drops the message if the receiver is gone). It holds a clone
/// of its `Sender`, as a real send holds its sender, so the channel does
/// not disconnect while it is pending.
#[doc(hidden)]
#[must_use = "the claimed slot stays unpublished until this is published or dropped"]
pub struct StalledSend<T> {
    sender: Sender<T>,
    index: usize,
    msg: Option<T>,
}

impl<T> Sender<T> {
    /// Test support: the first half of [`send`](Sender::send). Claims the
    /// next slot for `msg` and returns the pending send; until it is
    /// published, the receiver sees the slot as claimed but unwritten.
    /// Fails, handing `msg` back, if the receiver is gone.
    #[doc(hidden)]
    pub fn stall_send(&self, msg: T) -> Result<StalledSend<T>, SendError<T>> {
        match self.chan.list.claim() {
            Some(index) => Ok(StalledSend {
                sender: self.clone(),
                index,
                msg: Some(msg),
            }),
            None => Err(SendError(msg)),
        }
    }
}

impl<T> StalledSend<T> {
    /// The second half of [`send`](Sender::send): writes and publishes the
    /// message and wakes the receiver. Fails, handing the message back, if
    /// the receiver left in the meantime.
    pub fn publish(mut self) -> Result<(), SendError<T>> {
        self.finish()
    }

    fn finish(&mut self) -> Result<(), SendError<T>> {
        match self.msg.take() {
            // SAFETY: `index` was claimed by `stall_send` and `msg` is taken
            // out here, so it is published once.
            Some(msg) => unsafe { self.sender.chan.publish(self.index, msg) }.map_err(SendError),
            None => Ok(()),
        }
    }
}

impl<T> Drop for StalledSend<T> {
    fn drop(&mut self) {
        // A refused message is dropped here, as a failed `send`'s would be
        // by its caller.
        let _ = self.finish();
    }
}

impl<T> std::fmt::Debug for StalledSend<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StalledSend")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}
