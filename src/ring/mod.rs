//! A bounded channel on a preallocated ring of slots.
//!
//! ```
//! use chanlab::ring as mpsc; // was: use std::sync::mpsc;
//! use std::thread;
//!
//! let (tx, rx) = mpsc::sync_channel(2); // allocates the ring's two slots
//! let producer = thread::spawn(move || {
//!     for i in 1..=5 {
//!         tx.send(i).unwrap(); // waits while both slots are full
//!     }
//! });
//! assert_eq!(rx.iter().sum::<i32>(), 15);
//! producer.join().unwrap();
//! ```
//!
//! Drop-in for `std::sync::mpsc`'s bounded channel: `sync_channel(n)` for
//! `n >= 1`, [`SyncSender`] and [`Receiver`] with std's methods and error
//! types, plus what std's `mpsc` lacks: [`SyncSender::send_timeout`],
//! [`Receiver::recv_deadline`], and `len`, `is_empty`, `is_full` and
//! `capacity` on both handles. The ring is allocated once, by
//! [`sync_channel`]; sending and receiving allocate nothing (only a sender
//! that has to park may grow the list of parked senders).
//!
//! There is no `channel()` here (rustc then suggests std's): for an
//! unbounded channel use `chanlab::lockfree::channel()` or
//! `chanlab::mutex::channel()`, and for a rendezvous (`sync_channel(0)`,
//! which panics here) `chanlab::mutex::sync_channel(0)`.
//!
//! # Layers
//!
//! Each file uses only the ones listed before it:
//!
//! * `slots.rs`, storage: slots, stamps, the position encoding;
//!   `backoff.rs`, the bounded spin.
//! * `queue.rs`, the algorithm: claim, publish, pop, flags, drain.
//! * `waiters.rs`, parking. It calls the queue to raise and withdraw the
//!   parked flags; the queue never calls it, and only reports to its caller
//!   who must be woken (`wake_rx`, `wake_tx`, `RxParked`): no lock is
//!   reachable from the queue, so its fast paths stay lock-free.
//! * `chan.rs`, the send and receive loops; `handles.rs`, std's methods;
//!   `future.rs`, the async API; this file, constructor, `Clone`, `Drop`.
//!
//! # Design
//!
//! **The queue** is Dmitry Vyukov's bounded MPMC queue ("Bounded MPMC
//! queue", 1024cores.net), as in crossbeam-channel's array flavor
//! (`flavors/array.rs`, which std's `mpmc/array.rs` ports): every slot
//! carries a *stamp*, and `head`/`tail` hold positions `{ lap, index }`.
//! A sender may write a slot whose stamp equals its position; the receiver
//! may read one whose stamp is that position `+ 1`. `slots.rs` documents the
//! encoding. A lap is `one_lap = (cap + 1).next_power_of_two()` positions
//! (crossbeam-queue's `ArrayQueue` uses the same; crossbeam-channel doubles
//! it to `2 * (cap + 1).next_power_of_two()` because it keeps a
//! "disconnected" bit between index and lap, whereas chanlab keeps its flags
//! in the top bits). The `+ 1` keeps "full in lap k" (`p + 1`) apart from
//! "empty in lap k + 1" (`p + one_lap`) for every capacity; the naive
//! "stamp = position counter" variant confuses them at capacity 1, and the
//! loom model `naive_capacity_1_loses_messages` (verification/loom/ring.rs)
//! catches the sender that writes over an unread message.
//!
//! **One consumer** removes half of Vyukov's contention: senders still claim
//! a position with a CAS on `tail`, but the receiver owns `head` and moves it
//! without a CAS. It moves it with a `swap` rather than a plain store,
//! because the swap also reads the "a sender is parked" flag kept in `head`:
//! the same single RMW that an MPMC queue spends on its CAS, and no
//! `SeqCst` fence (a store-then-load handshake would need one on each side).
//! `head` and `tail` sit on separate cache lines.
//!
//! **Blocking** (`waiters.rs`): each side spins briefly, then parks after
//! raising a flag with an RMW on the word the other side must RMW anyway
//! (`RX_PARKED` in `tail`, `TX_PARKED` in `head`), so a wake costs nothing
//! when nobody sleeps and an RMW cannot miss a flag raised before it.
//!
//! **A slot claimed but not yet written** (its sender preempted between its
//! claim and its stamp store) is treated as the lock-free channel treats
//! it (see `chanlab::lockfree`'s docs): the send has not finished, so
//! `try_recv` returns `Err(Empty)` at once where std's array flavor waits
//! for the sender without bound, and `len` counts the message. `recv` waits
//! for the stamp, spinning, then yielding (the receiver cannot park here:
//! the sender's claim is already past the flag that would wake it).
//!
//! **Deadlines.** `recv_timeout`, `recv_deadline` and `send_timeout` check
//! their deadline after every step of waiting, and no step waits for
//! another thread, so they return within their deadline plus one step: a
//! round of at most 64 `spin_loop` hints, one `yield_now`, or one
//! `park_timeout` (which the OS ends at the deadline plus its wake-up
//! latency). That holds while a sender is stalled mid-write, too.
//!
//! **Waiting in tasks.** [`Receiver::recv_async`] and
//! [`SyncSender::send_async`] wait in the same places as the blocking
//! calls (`waiters.rs`), with the same flags; where a thread leaves its
//! handle, a task leaves its waker, and returns `Pending` where the thread
//! would park (`future.rs`).
//!
//! * *The receiver's task*: its waker goes into `rx`, then the poll raises
//!   `RX_PARKED`; the sender whose claim clears the flag (or the last
//!   sender's drop) takes the waker and wakes it, after releasing the
//!   lock. Each poll first withdraws what the last one raised, so a task
//!   polled with a new waker registers that one. A head slot claimed but
//!   not yet written has no wake-up coming (the claim is past the flag):
//!   the task wakes itself and returns `Pending`, where a thread would
//!   yield.
//! * *A sender's task* queues `(ticket, waker)` among the parked senders and
//!   raises `TX_PARKED`. A pop that sees the flag dequeues the first waiter,
//!   thread or task, and wakes it (a thread under the lock, a task after
//!   it). A poll that finds its ticket still queued swaps in the current
//!   waker and stays; one that finds it dequeued tries to claim again.
//! * *Cancellation.* A dropped `recv_async` withdraws its flag and its
//!   waker; it took no message. A dropped `send_async` leaves the queue; if
//!   a pop had already dequeued it, the wake-up was for a slot the future
//!   will not use, so it wakes the next parked sender instead (a timed-out
//!   thread uses the slot itself, see `waiters.rs`). Its message was never
//!   claimed and is dropped with the future, never received.
//!
//! **Disconnection** follows std. Dropping the receiver sets `RECEIVER_GONE`
//! in `tail` with one RMW; claims before it are drained and dropped at once
//! (waiting for any sender still writing its slot: that message *was* sent,
//! so the receiver drops it, and the sender gets `Ok`), claims after it
//! fail and hand the message back. Then every parked sender is woken and
//! gets `SendError(msg)`. The last sender's drop sets `SENDERS_GONE` and
//! wakes a parked receiver. If a message's `Drop` panics during the
//! receiver's drop, the remaining messages are still dropped, then the
//! first panic propagates from the receiver's drop (as for a `Vec`; the
//! mutex and lock-free channels do the same).
//!
//! # Capacity limit
//!
//! A bound above [`MAX_CAPACITY`] (`2^59 - 1` on 64-bit targets, `2^27 - 1`
//! on 32-bit ones, where such a ring can be allocated) panics, naming the
//! limit, before anything is allocated: beyond it the position encoding
//! holds only two laps, a slot's "full in the previous lap" and "freed for
//! the next lap" stamps coincide, and a sender holding a stale `tail` could
//! take a freed slot for a full one and park for good (`slots.rs`).
//!
//! # Unwind safety
//!
//! `SyncSender` and `Receiver` are `UnwindSafe` and `RefUnwindSafe` for
//! every `T`, as in std (the compiler would refuse both because of the
//! slots' `UnsafeCell`s). A panic can leave a broken invariant behind only
//! if it starts between two steps of an operation, and none can: a send or
//! receive moves the message bitwise between the caller and a slot it owns
//! by the stamp protocol and runs no user code; the waiter lists are behind
//! locks that ignore poisoning; user code (a message's `Drop`) runs only when
//! the receiver drops the queue, after the slots it drops are its own. So a
//! handle used after a caught panic sees a consistent channel.
//!
//! # Send and Sync
//!
//! The ring holds `T`s in `UnsafeCell`s, so the compiler derives neither
//! `Send` nor `Sync` for it; chanlab asserts both for `T: Send` (see the
//! `unsafe impl`s in `chan.rs`): messages only ever *move* between threads, each
//! slot is accessed by one thread at a time (the stamp protocol), and no
//! `&T` is ever shared. `SyncSender<T>` is then `Send + Sync` and
//! `Receiver<T>` `Send` for `T: Send`, as in std; `Receiver` is never `Sync`
//! (a `PhantomData<Cell<()>>`), since the single-consumer protocol assumes
//! one receiving thread at a time. Without `T: Send` the handles are neither,
//! and a channel of `Rc`s works within one thread.

mod backoff;
mod chan;
mod future;
mod handles;
mod queue;
mod slots;
#[cfg(feature = "test-hooks")]
mod stall;
mod waiters;

use crate::sync::{Arc, AtomicUsize, Ordering};
use chan::Channel;
use queue::Queue;
use slots::Layout;
use std::marker::PhantomData;
use waiters::Waiters;

pub use crate::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};
#[cfg(feature = "futures-core")]
pub use future::RecvStream;
pub use future::{RecvFuture, SendFuture};
pub use handles::{IntoIter, Iter, Receiver, SyncSender, TryIter};
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub use stall::StalledSend;

// ANCHOR: constructor
/// Creates a channel that holds at most `bound` messages in a ring
/// allocated here, once. `send` blocks while the ring is full.
///
/// ```
/// let (tx, rx) = chanlab::ring::sync_channel(1);
/// tx.send(1).unwrap();
/// assert_eq!(tx.try_send(2), Err(chanlab::ring::TrySendError::Full(2)));
/// assert_eq!(rx.recv(), Ok(1));
/// ```
///
/// # Panics
///
/// * If `bound` is 0: this ring has no rendezvous mode; use
///   `chanlab::mutex::sync_channel(0)` (or std's) for a rendezvous channel.
/// * If `bound` exceeds [`MAX_CAPACITY`] (`2^59 - 1` on 64-bit targets,
///   `2^27 - 1` on 32-bit ones), before anything is allocated: the stamps
///   cannot tell a slot's laps apart beyond it.
/// * If the ring's size in bytes would exceed `isize::MAX` ("capacity
///   overflow", as for `Vec::with_capacity`).
///
/// A ring within those limits that the allocator cannot provide does not
/// panic: as for `Vec` (and std's `sync_channel`, which also allocates its
/// slots up front), the failed allocation calls
/// `std::alloc::handle_alloc_error`, which by default prints "memory
/// allocation of N bytes failed" and aborts the process. For example,
/// `sync_channel::<u64>(1 << 40)` asks for 16 TiB of slots, which Linux's
/// default overcommit policy refuses on a machine with less memory.
///
/// ```should_panic
/// // A ring needs at least one slot; the message names the rendezvous
/// // channel to use instead.
/// let (_tx, _rx) = chanlab::ring::sync_channel::<u8>(0);
/// ```
pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    assert!(
        bound > 0,
        "chanlab::ring::sync_channel(0): a ring needs at least one slot; \
         for a rendezvous channel use chanlab::mutex::sync_channel(0)"
    );
    with_layout(Layout::new(bound))
}
// ANCHOR_END: constructor

/// The largest bound [`sync_channel`] accepts: `2^59 - 1` slots on 64-bit
/// targets, `2^27 - 1` on 32-bit ones (see [Capacity limit](self#capacity-limit)).
/// A bound that large passes the check but no machine can allocate it: see
/// [`sync_channel`] for what a failed allocation does.
pub const MAX_CAPACITY: usize = slots::MAX_CAPACITY;

/// `sync_channel` with the naive layout (stamp = position counter), which
/// loses messages at capacity 1. For the loom model that shows it; `bound`
/// must be a power of two.
#[cfg(chanlab_loom)]
#[doc(hidden)]
pub fn naive_sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    with_layout(Layout::naive(bound))
}

fn with_layout<T>(layout: Layout) -> (SyncSender<T>, Receiver<T>) {
    let chan = Arc::new(Channel {
        queue: Queue::new(layout),
        waiters: Waiters::new(),
        senders: AtomicUsize::new(1),
    });
    let rx = Receiver {
        chan: chan.clone(),
        _not_sync: PhantomData,
    };
    (SyncSender { chan }, rx)
}

// ANCHOR: drop
impl<T> Clone for SyncSender<T> {
    fn clone(&self) -> Self {
        // ORDERING: Relaxed, as for `Arc::clone`: the new handle comes from
        // an existing one, so the count cannot be at zero.
        self.chan.senders.fetch_add(1, Ordering::Relaxed);
        SyncSender {
            chan: self.chan.clone(),
        }
    }
}

impl<T> Drop for SyncSender<T> {
    fn drop(&mut self) {
        // ORDERING: AcqRel chains every sender's drop (and so its sends)
        // before the last one's SENDERS_GONE fetch_or.
        if self.chan.senders.fetch_sub(1, Ordering::AcqRel) == 1
            && self.chan.queue.disconnect_senders()
        {
            self.chan.waiters.wake_receiver();
        }
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        // Wake the parked senders before running any message's `Drop`.
        let tail = self.chan.queue.close();
        self.chan.waiters.wake_all_senders();
        self.chan.queue.drain(tail);
    }
}
// ANCHOR_END: drop
