//! The minimal channel: a `VecDeque` behind a `Mutex`, two `Condvar`s.
//!
//! ```
//! use chanlab::mutex as mpsc; // was: use std::sync::mpsc;
//! use std::thread;
//!
//! let (tx, rx) = mpsc::sync_channel(0); // rendezvous: each send meets a receive
//! let producer = thread::spawn(move || {
//!     for word in ["one", "two", "three"] {
//!         tx.send(word).unwrap(); // returns once the receiver has taken it
//!     }
//! });
//! assert_eq!(rx.iter().collect::<Vec<_>>(), ["one", "two", "three"]);
//! producer.join().unwrap();
//! ```
//!
//! Drop-in for `std::sync::mpsc`: `use chanlab::mutex as mpsc;` and nothing
//! else changes. It offers both constructors, [`channel`] (unbounded) and
//! [`sync_channel`] (bounded, including the rendezvous `sync_channel(0)`),
//! plus what std's `mpsc` lacks: [`Receiver::recv_deadline`],
//! [`SyncSender::send_timeout`], and `len`, `is_empty` and `capacity` on
//! every handle.
//!
//! # Design
//!
//! One lock guards everything: the queue, the sender count, whether the
//! receiver is alive, and how many threads wait on each side. Everything
//! below follows from four rules.
//!
//! 1. **Every wait is a loop that re-checks its condition under the lock**
//!    (`while`, never `if`): a condition variable may wake a thread that then
//!    finds the condition false again (a spurious wakeup, a timeout, or another
//!    thread that got there first).
//! 2. **The two sides wait on different condvars.** Senders wait for room on
//!    `send_ready`, the receiver for messages on `recv_ready`, so a
//!    `notify_one` can never wake a thread of the wrong side (with one
//!    condvar, a sender could wake another sender instead of the receiver and
//!    both would sleep forever).
//! 3. **Notify only when someone waits.** Each side counts its waiters under
//!    the lock; `notify_one` is a system call even with no waiter, so a send
//!    into a channel whose receiver is busy costs one lock and no syscall.
//! 4. **No user code runs under the lock.** Queued messages are dropped after
//!    the lock is released, so a message whose `Drop` uses this very channel
//!    cannot deadlock, and a panic in user code cannot poison the lock. (The
//!    lock ignores poisoning anyway.) If one queued message's `Drop` panics,
//!    the rest are still dropped and the first panic then propagates from the
//!    receiver's drop, as in the lock-free and ring channels.
//!
//! Rendezvous (`sync_channel(0)`) holds no message of its own: a blocking
//! `send` *offers* its message. It queues it with a ticket (`offers`) and
//! waits until a receive has taken that ticket. Any receive takes the oldest
//! offer, polling or blocking, so `try_recv` and `try_iter` drain the senders
//! blocked in `send`, as with std's zero-capacity flavor. A sender that times
//! out, or finds the receiver gone, withdraws its own offer by ticket and gets
//! the message back, so no message is received after its send has failed.
//! `try_send` succeeds only while the receiver is blocked in a receive with
//! nothing to take (the one case where the message is taken without
//! waiting). `len()` of a rendezvous channel is always 0: an offered message
//! still belongs to its blocked sender.
//!
//! # Batching and waiting
//!
//! Two measured steps make the channel fast without changing its shape
//! (each is a knob in the crate's `tune.rs`, switched off one at a time by
//! the performance ablation):
//!
//! * **The receiver takes a batch.** On an unbounded channel, a receive
//!   that locks and finds messages returns the first and moves the rest of
//!   the queue into the receiver's own `VecDeque` in the same lock (a
//!   `swap`, which also hands the receiver's empty buffer back, so no
//!   allocation is repeated); the next receives take from that batch
//!   without locking. One lock per batch instead of one per message.
//!   Bounded channels do not batch: a batch would either still count
//!   against the capacity (and `try_send` would report `Full` for messages
//!   already received) or let senders queue a second capacity's worth.
//!   The price is paid by `len()` on a sender's handle: it counts the
//!   receiver's batch as of the receiver's last lock, so it may include
//!   messages the receiver has since received (an upper bound; exact on the
//!   receiver's handle, and whenever the receiver holds no batch).
//! * **A short wait before sleeping.** A thread that finds nothing to do
//!   first releases the lock, yields and looks again, a few times; only
//!   then does it sleep on its condition variable. On a busy channel the
//!   other side acts within those yields, so nobody sleeps and nobody has
//!   to be woken (rule 3 then skips the `notify`).
//!
//! # Waiting in tasks
//!
//! [`Receiver::recv_async`] and [`SyncSender::send_async`] wait in the same
//! locked state as `recv` and `send`, under the same rules; only the way a
//! waiter is recorded differs. A thread is counted and sleeps on its side's
//! condvar. A task cannot sleep: its future leaves its `Waker` in the state
//! and returns `Pending` (the unbounded [`Sender::send`] never waits, so it
//! has no async twin).
//!
//! * **The receiver's task** sits in `receiver_task` (one receiver, one
//!   slot). A `recv_async` poll that finds the queue empty while a sender
//!   is left puts its waker there (a later poll swaps in a new waker if the
//!   task's changed). Whoever would notify `recv_ready` also takes and
//!   wakes it: a push, the last sender's drop, a rendezvous offer. A poll
//!   that resolves, or the future's drop, withdraws it.
//! * **Senders' tasks** sit in `sender_tasks` (`waiters.rs`), oldest first,
//!   each under an id its future keeps. On a bounded channel a pop that
//!   frees a slot wakes the oldest task *and* notifies one waiting thread
//!   (the condvar cannot say whether a thread will take the slot); each
//!   woken sender re-checks for room and waits again if another sender
//!   was faster. On a rendezvous the entry's id is its offer's ticket, and
//!   the receive that takes the offer wakes exactly that task. The
//!   receiver's drop wakes every task, as it notifies every thread.
//! * **Wakers are woken and dropped outside the lock** (rule 4: a wake is
//!   executor code, and a task's last waker may free the task): the wake
//!   is decided under the lock and done after it is released.
//!
//! **Cancellation.** Dropping a future that has not resolved:
//!
//! * a `recv_async` withdraws its waker. It took no message (a poll that
//!   takes one resolves), so none is lost, woken or not;
//! * a `send_async` waiting for room withdraws its entry. If a freed
//!   slot's wake-up had already taken the entry, the future passes that
//!   wake-up on to the next task (threads were notified by the pop itself),
//!   so the slot does not go to waste. Its message was never queued and is
//!   dropped with the future;
//! * a rendezvous `send_async` withdraws its offer by ticket, so the
//!   message is dropped there and never received, unless a receive has
//!   already taken the offer: then the send is complete.
//!
//! A message that `try_send` handed to a receive task stays queued if that
//! task's future is dropped before it looks (`handed` in the state): the
//! next receive gets it, or the receiver's drop drops it. And a future
//! polled with a new waker is woken through the new one.
//!
//! # Unwind safety
//!
//! Every handle is `UnwindSafe` and `RefUnwindSafe` for every `T`, as in
//! std, so `catch_unwind(|| tx.send(1))` compiles. No user code runs inside a
//! critical section (rule 4), and each critical section restores the
//! invariants before it can panic, so a panic observed through a handle
//! never exposes a half-made change; the lock ignores poisoning.
//!
//! # Send and Sync
//!
//! No `unsafe` here: the handles hold an `Arc<Channel<T>>` whose state is in a
//! `Mutex`, so `Sender<T>` and `SyncSender<T>` are `Send + Sync` exactly when
//! `T: Send`, as in std. `Receiver<T>` is `Send` when `T: Send` and never
//! `Sync` (its `RefCell` batch opts out), because the single-consumer
//! logic assumes one receiving thread at a time. Nothing requires `T: Send` to
//! build or use a channel within one thread.

mod future;
mod handles;
mod offer;
mod state;
mod waiters;

#[cfg(feature = "futures-core")]
pub use future::RecvStream;
pub use future::{RecvFuture, SendFuture};
pub use handles::{IntoIter, Iter, Receiver, Sender, SyncSender, TryIter};
use state::Channel;

pub use crate::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};

/// Whether the unbounded receiver takes messages in batches (knob `batch`
/// in the crate's tuning constants); for the conformance tests of `len`
/// (a test hook: feature `test-hooks`, this package's own targets only).
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub const BATCHED: bool = crate::tune::BATCH;

// ANCHOR: constructors
/// Creates an unbounded channel: `send` never blocks.
///
/// ```
/// let (tx, rx) = chanlab::mutex::channel();
/// tx.send("hello").unwrap();
/// assert_eq!(rx.recv(), Ok("hello"));
/// ```
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let chan = Channel::new(None);
    (Sender { chan: chan.clone() }, Receiver::new(chan))
}

/// Creates a bounded channel holding at most `bound` messages; a full
/// channel blocks `send`. `sync_channel(0)` is a rendezvous channel: each
/// `send` waits until a receive takes the message. Nothing is allocated
/// for `bound` up front: the queue grows as messages arrive.
///
/// ```
/// let (tx, rx) = chanlab::mutex::sync_channel(1);
/// tx.send(1).unwrap();
/// assert_eq!(tx.try_send(2), Err(chanlab::mutex::TrySendError::Full(2)));
/// assert_eq!(rx.recv(), Ok(1));
/// ```
pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    let chan = Channel::new(Some(bound));
    (SyncSender { chan: chan.clone() }, Receiver::new(chan))
}
// ANCHOR_END: constructors

// ANCHOR: drop
macro_rules! sender_lifecycle {
    ($($handle:ident),*) => {$(
        impl<T> Clone for $handle<T> {
            fn clone(&self) -> Self {
                self.chan.lock().senders += 1;
                $handle { chan: self.chan.clone() }
            }
        }

        impl<T> Drop for $handle<T> {
            fn drop(&mut self) {
                let mut s = self.chan.lock();
                s.senders -= 1;
                if s.senders == 0 {
                    self.chan.wake_receiver(s); // its thread or its task
                }
            }
        }
    )*};
}
sender_lifecycle!(Sender, SyncSender);

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut s = self.chan.lock();
        s.receiver = false;
        s.taken = 0;
        // A rendezvous queue holds offers (each blocked sender withdraws
        // its own and gets it back in the error) and at most one message
        // handed over by `try_send`, first. The batch goes with the
        // queue, so one `VecDeque` drop drops every message even if one
        // message's `Drop` panics.
        let mut queued = std::mem::take(self.batch.get_mut());
        if self.chan.cap != Some(0) {
            queued.append(&mut s.queue);
        } else if std::mem::take(&mut s.handed) {
            queued.push_back(s.withdraw_offer(0));
        }
        let wake = s.senders_waiting > 0;
        let tasks = s.sender_tasks.take_all();
        drop(s);
        if wake {
            self.chan.send_ready.notify_all();
        }
        tasks.into_iter().for_each(|(_, task)| task.wake());
        drop(queued); // user `Drop`s run here, outside the lock
    }
}
// ANCHOR_END: drop
