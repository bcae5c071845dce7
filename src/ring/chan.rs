//! The shared state behind the handles, and the two loops every send and
//! receive runs: try the queue (`queue.rs`), spin a little (`backoff.rs`),
//! then park (`waiters.rs`) until the ring changes or the deadline passes.
//! The handles (`handles.rs`) and the async API (`future.rs`) call these.

use super::backoff::Backoff;
use super::queue::{Claim, Pop, Queue};
use super::waiters::Waiters;
use crate::error::{RecvTimeoutError, SendTimeoutError};
use crate::sync::{AtomicUsize, Wait};

/// The state shared by the handles.
pub(super) struct Channel<T> {
    pub(super) queue: Queue<T>,
    pub(super) waiters: Waiters,
    /// Live `SyncSender`s.
    pub(super) senders: AtomicUsize,
}

// SAFETY: a `Channel<T>` owns `T`s (in its slots) and hands them from the
// thread that sends to the thread that receives, so it may move or be shared
// across threads exactly when `T: Send`. Shared access never creates a `&T`:
// each slot's message is written by the one sender that claimed it and read
// by the one receiver, ordered by the stamp's Release/Acquire pair.
unsafe impl<T: Send> Send for Channel<T> {}
// SAFETY: as for `Send` above; all other fields are atomics and mutexes.
unsafe impl<T: Send> Sync for Channel<T> {}

// ANCHOR: send
impl<T> Channel<T> {
    pub(super) fn send(&self, msg: T, wait: Wait) -> Result<(), SendTimeoutError<T>> {
        let mut backoff = Backoff::for_full_ring(self.queue.layout.cap);
        let mut expired = matches!(wait, Wait::Never);
        loop {
            match self.queue.try_claim() {
                Claim::Slot { pos, wake_rx } => {
                    // SAFETY: `pos` was just claimed by us, published once.
                    unsafe { self.publish(pos, wake_rx, msg) };
                    return Ok(());
                }
                Claim::Disconnected => return Err(SendTimeoutError::Disconnected(msg)),
                Claim::Full(_) if expired => return Err(SendTimeoutError::Timeout(msg)),
                Claim::Full(_) if backoff.snooze() => expired = wait.passed(),
                Claim::Full(pos) => expired = self.waiters.park_sender(&self.queue, pos, wait),
            }
        }
    }

    /// The second half of a send: publishes `msg` at the claimed `pos`,
    /// then wakes the receiver if the claim said so.
    ///
    /// # Safety
    /// `pos` came from a [`Claim::Slot`] of this queue, whose `wake_rx` is
    /// passed along, and is published once.
    pub(super) unsafe fn publish(&self, pos: usize, wake_rx: bool, msg: T) {
        // SAFETY: per the contract.
        unsafe { self.queue.publish(pos, msg) };
        if wake_rx {
            self.waiters.wake_receiver();
        }
    }
    // ANCHOR_END: send

    // ANCHOR: recv
    pub(super) fn recv(&self, wait: Wait) -> Result<T, RecvTimeoutError> {
        let mut backoff = Backoff::new();
        let mut writer = Backoff::new();
        let mut expired = matches!(wait, Wait::Never);
        loop {
            match self.queue.try_pop() {
                Pop::Msg(msg, wake_tx) => {
                    if wake_tx {
                        self.waiters.wake_sender(&self.queue);
                    }
                    return Ok(msg);
                }
                Pop::Disconnected => return Err(RecvTimeoutError::Disconnected),
                Pop::Pending | Pop::Empty if expired => return Err(RecvTimeoutError::Timeout),
                Pop::Pending => expired = writer.wait_for_writer(wait),
                Pop::Empty if backoff.snooze() => expired = wait.passed(),
                Pop::Empty => expired = self.waiters.park_receiver(&self.queue, wait),
            }
        }
    }
    // ANCHOR_END: recv
}
