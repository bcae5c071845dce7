//! Starter: a bounded channel on one `Mutex`, ONE `Condvar` and counts of
//! who waits. The solution is [`crate::condvar`]; read its module docs for
//! which waiter a `notify_one` may wake.

use chanlab::error::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};
use chanlab::flavor::{Bounded, Rx, SyncTx, Tx};
use chanlab::sync::{Arc, Condvar, Mutex};
use std::collections::VecDeque;
use std::time::Duration;

struct State<T> {
    queue: VecDeque<T>,
    cap: usize,
    senders: usize,
    receiver: bool,
    senders_waiting: usize,
    receiver_waiting: bool,
}

struct Chan<T> {
    state: Mutex<State<T>>,
    changed: Condvar,
}

/// The sending half.
pub struct SyncSender<T>(Arc<Chan<T>>);

/// The receiving half.
pub struct Receiver<T>(Arc<Chan<T>>);

/// A channel of `bound >= 1` messages.
pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    todo!("the state, the one condvar")
}

impl<T> Clone for SyncSender<T> {
    fn clone(&self) -> Self {
        todo!("count the new sender")
    }
}

// TODO: `Drop for SyncSender<T>` (the last one wakes a waiting receiver)
// and `Drop for Receiver<T>` (wake every blocked sender; drop the queue
// outside the lock).

/// The lab as a flavor, for the kit's lines.
pub struct OneCondvar;

impl Bounded for OneCondvar {
    const NAME: &'static str = "condvar";
    const MIN_BOUND: usize = 1;
    type SyncSender<T: Send + 'static> = SyncSender<T>;
    type Receiver<T: Send + 'static> = Receiver<T>;
    fn sync_channel<T: Send + 'static>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        sync_channel(bound)
    }
}

impl<T: Send + 'static> Tx<T> for SyncSender<T> {
    fn send(&self, msg: T) -> Result<(), SendError<T>> {
        todo!("wait while full (count yourself as waiting); push; wake whom?")
    }
}

impl<T: Send + 'static> SyncTx<T> for SyncSender<T> {
    fn try_send(&self, msg: T) -> Result<(), TrySendError<T>> {
        todo!("as send, never waiting")
    }
}

impl<T: Send + 'static> Rx<T> for Receiver<T> {
    fn recv(&self) -> Result<T, RecvError> {
        todo!("wait while empty and senders remain; pop; wake a sender if one waits")
    }
    fn try_recv(&self) -> Result<T, TryRecvError> {
        todo!("as recv, never waiting")
    }
    fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        todo!("as recv, with `chanlab::sync::wait_until`")
    }
}
