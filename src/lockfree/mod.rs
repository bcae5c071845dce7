//! A lock-free unbounded MPSC channel: a list of blocks of slots.
//!
//! ```
//! use chanlab::lockfree as mpsc; // was: use std::sync::mpsc;
//! use std::thread;
//!
//! let (tx, rx) = mpsc::channel();
//! for id in 0..4u64 {
//!     let tx = tx.clone();
//!     thread::spawn(move || (0..100).for_each(|i| tx.send(id * 100 + i).unwrap()));
//! }
//! drop(tx); // the loop below ends once every clone is gone too
//! let all: Vec<u64> = rx.iter().collect();
//! assert_eq!(all.len(), 400);
//! assert_eq!(all.iter().sum::<u64>(), (0..400).sum());
//! ```
//!
//! Drop-in for the unbounded side of `std::sync::mpsc`:
//! `use chanlab::lockfree as mpsc;` and `mpsc::channel()` works as before,
//! plus what std's `mpsc` lacks: [`Receiver::recv_deadline`], and `len`,
//! `is_empty` and `capacity` (always `None`) on both handles. No operation
//! takes a lock; `send` never blocks and, in steady state, never allocates.
//! There is no `sync_channel` here: for a bounded channel use
//! `chanlab::ring::sync_channel(n)`, or `chanlab::mutex::sync_channel(n)`
//! (which also offers the rendezvous `n = 0`).
//!
//! # Layers
//!
//! * `block.rs`, storage: a block of `BLOCK_CAP` slots (32 on 64-bit
//!   targets, 2 under a model checker) with one `ready` word, and every bit
//!   encoding of the channel.
//! * `list.rs`, the algorithm: claim a slot, find its block, publish it,
//!   pop; `recycle.rs`, block reuse; `close.rs`, the receiver's drop.
//! * `park.rs`, the receiver's one-word sleep state.
//! * `chan.rs`, the blocking receive and the lost-wake-up argument.
//! * `handles.rs`, the std-shaped handles; `future.rs`, the async receive.
//!
//! # From Vyukov's queue to blocks
//!
//! The classic MPSC queue is Vyukov's intrusive node queue (1024cores.net,
//! "Non-intrusive MPSC node-based queue"): a producer allocates a node,
//! `swap`s it into the tail and links the previous tail to it; the single
//! consumer follows the links with plain loads. A push is one `swap` and
//! one store, a pop needs no read-modify-write. Its costs: one allocation
//! per message, a node of value + pointer (+ allocator overhead: about 32
//! bytes per queued `u64`), and a window in which a producer preempted
//! between its `swap` and its link hides every later message from the
//! consumer.
//!
//! This channel keeps the good half (many producers claim with one RMW, one
//! consumer with no RMW) and batches the storage, after tokio's mpsc list
//! (`tokio/src/sync/mpsc/list.rs` and `block.rs`: counter slot claims, a
//! ready bitmap per 32-slot block, a consumer-local head, blocks reused
//! once released):
//!
//! 1. **Claim.** A sender takes the next index from the claim counter with
//!    a compare-exchange; one that loses the race to another sender spins
//!    (1 to 64 hints, as crossbeam-channel's senders do) before it tries
//!    again, so that producers running at once do not take turns on the
//!    counter's line for every message (`claim.rs`). The other CASes on the
//!    send path install a block and move `block_tail`, once per
//!    `BLOCK_CAP` messages at most.
//! 2. **Find.** It walks from `block_tail` along `next` pointers to the
//!    block whose `start` covers its index, installing blocks as needed,
//!    and moves `block_tail` past each block it walks over. If a faster
//!    sender already moved `block_tail` beyond its block, it walks back
//!    along `prev`. (tokio moves its `block_tail` only past blocks whose
//!    every slot is written; then one preempted sender makes every later
//!    send walk the whole backlog, which on an oversubscribed machine made
//!    4-producer sends 10 times slower than std. The `prev` link costs a
//!    word per block and keeps walks to a step or two.)
//! 3. **Write and publish.** It moves the message into its slot and sets
//!    the slot's bit in the block's `ready` word (`fetch_add`, AcqRel: the
//!    bit is clear, so adding it sets it).
//! 4. **Pop.** The receiver keeps its index and block privately, checks the
//!    bit with an Acquire load and reads the slot: no CAS and nothing to
//!    write back per slot.
//! 5. **Recycle.** A consumed block goes back to the end of the list for
//!    senders to reuse, once no sender can still reach it, so a steady
//!    stream allocates nothing. "Can still reach" is decided as in tokio:
//!    the sender that moves `block_tail` past a block records the claim
//!    counter with a read-modify-write (`observed_tail`); claims below it
//!    are consumed before the block is reused (and a sender writes its
//!    slot last), claims from it on acquire the move and never see the
//!    block (see `reclaim` in `list.rs`). At most 32 spare blocks are kept.
//!
//! A slow sender still delays the messages behind its slot (they are
//! consumed in claim order), but the window is one slot, not the whole
//! tail: other senders keep publishing into their own slots.
//!
//! # A slot claimed but not yet written
//!
//! A sender between its claim and its publish (preempted there, say) has
//! not finished sending: its `send` has not returned. The receiver treats
//! the slot as empty for as long as that lasts, and so do the ring's
//! receivers (`chanlab::ring`):
//!
//! * `try_recv` returns `Err(Empty)` at once, even if messages behind the
//!   slot are already written (they are delivered in claim order), and
//!   `len` counts the claimed message. std (and crossbeam-channel, which it
//!   ports) instead waits inside `try_recv` until the sender has written,
//!   without bound; a poll that never blocks is the one that can be
//!   relied on, and it is still linearizable: the poll happened before the
//!   unfinished send.
//! * `recv` yields up to 64 times (a sender mid-write is a few
//!   instructions from done), then parks; the sender's publish wakes it.
//! * A timed receive does the same and checks its deadline after every
//!   step; see [Deadlines](#deadlines).
//!
//! Memory: a block is 32 slots and 5 words, so a queued `u64` costs 9.25
//! bytes (std and crossbeam-channel: a value plus a state word per slot,
//! about 16).
//!
//! # Blocking receive
//!
//! `recv` spins briefly (1, 2, 4 ... 64 `spin_loop`s, then 4 yields; none
//! under a model checker), then parks through the one-word state of
//! `park.rs`. A sender pays one Relaxed load of that word when nobody
//! sleeps. The lost wake-up is closed without a SeqCst fence: see `park`
//! in `chan.rs`. Timed receives park with `sync::park_until` and
//! deregister as any wake-up does, so a sender's concurrent wake-up is
//! absorbed.
//!
//! # Deadlines
//!
//! `recv_timeout` and `recv_deadline` return within their deadline plus
//! one *step*, whatever the senders do. A step is one round of at most 64
//! `spin_loop` hints, one `yield_now`, or one `park_timeout` (which the OS
//! ends at the deadline plus its wake-up latency); the deadline is checked
//! after each, and no step waits for another thread. The two places where
//! the receiver depends on a sender that may be preempted are both
//! yield loops that check the deadline: a slot claimed but not written
//! (above), and a sender that has taken the receiver's wake-up and not yet
//! delivered it (`park.rs`: the receiver does not park again until that
//! sender is done, and yields meanwhile).
//!
//! # Waiting in tasks
//!
//! [`Receiver::recv_async`] waits in the same parker as `recv`: its one
//! word (`park.rs`) now guards a waiter that is
//! either the receiving thread or the waker of the polling task, the
//! AtomicWaker shape (the futures crate's `AtomicWaker` and tokio's are
//! the usual references). Nothing changes for a sender: `send` still pays
//! one Relaxed load of the parker's state when nobody waits, and the
//! sender that wins `PARKED -> WAKING` takes the waiter out and either
//! unparks the thread or wakes the task. (`Sender::send` never waits, so
//! it has no async twin.)
//!
//! * **Register.** A poll that finds no message and no disconnection
//!   registers the task's waker with `arm`, the same step a parking thread
//!   takes, and so the same lost-wake-up argument (`park` in `chan.rs`):
//!   PARKED first, then the RMWs on the words a waking sender writes. If a
//!   message or the disconnection is there after all, it deregisters and
//!   looks again; otherwise it returns `Pending`.
//! * **Wake.** The sender's `notify`, unchanged. It takes the waker, so the
//!   channel keeps no waker past the wake-up.
//! * **Poll again.** Each poll first withdraws the registration the last
//!   one left (`deregister`), so a task polled with a new waker registers
//!   the new one. If an earlier wake-up is still being delivered (WAKING),
//!   the parker refuses a new registration; the task then wakes itself and
//!   returns `Pending`, where a thread would yield.
//! * **Cancel.** Dropping the future deregisters: if no sender took the
//!   registration, the CAS `PARKED -> EMPTY` withdraws it and drops the
//!   waker; if one did, that sender takes the waker and wakes the task once
//!   more, harmlessly. The future took no message (a poll that takes one
//!   resolves), so none is lost. A future forgotten with `mem::forget`
//!   instead leaves its registration in place: the next wait then yields
//!   (or polls again) until a send consumes it.
//!
//! # Disconnection
//!
//! As in std, the last `Sender` to drop wakes the receiver, which then
//! drains what is queued and reports `Disconnected`. Dropping the
//! `Receiver` drops every queued message at once, and a later `send`
//! returns `SendError(msg)`. The dangerous case, which cost other channels a
//! segfault (rust-lang/rust#110001), a leak (#121582) and a double free
//! (RUSTSEC-2025-0024), is a sender in mid-write while the receiver drops.
//! Here every claimed slot is settled by exactly one read-modify-write
//! race, with no waiting:
//!
//! * the receiver's drop sets CLOSED in the claim counter (`fetch_or`);
//!   claims after it fail at once and hand the message back;
//! * for every claim before it, the drop sets RX_GONE in the `ready` word
//!   of the slot's block (installing the block if the sender has not yet),
//!   and drops the messages whose bit that `fetch_or` returned;
//! * a sender whose publishing `fetch_add` returns RX_GONE knows the drop
//!   did not see its bit, takes its message back and returns
//!   `SendError(msg)`.
//!
//! So each message is dropped once, by the receiver's drop or returned to
//! its sender, and when the last handle goes, only empty blocks are freed.
//! If a message's `Drop` panics during the receiver's drop, the remaining
//! slots are still settled and their messages dropped, then the first
//! panic propagates from the receiver's drop (as for a `Vec`; the mutex and
//! ring channels do the same).
//!
//! # Unwind safety
//!
//! `Sender` and `Receiver` are `UnwindSafe` and `RefUnwindSafe` for every
//! `T`, as in std (the compiler would refuse both because of the
//! `UnsafeCell`s inside). A panic can leave a broken invariant behind only if
//! it starts between two steps of an operation, and none can: `send` and
//! `recv` move messages bitwise and run no user code, allocation failure
//! aborts rather than unwinds, and user code (a message's `Drop`) runs only
//! when the receiver or the last handle is dropped, once each slot it drops
//! is already marked consumed. So a handle used after a caught panic sees a
//! consistent channel.
//!
//! # Send and Sync
//!
//! `Sender<T>` is `Send + Sync + Clone` and `Receiver<T>` is `Send` exactly
//! when `T: Send`, as in std; the `Receiver` is never `Sync` (the receive
//! path assumes one thread at a time). `channel::<Rc<_>>()` works within
//! one thread. The argument for the `unsafe impl`s is in `chan.rs`.
mod block;
mod chan;
mod claim;
mod close;
mod future;
mod handles;
mod list;
mod park;
mod recycle;
#[cfg(feature = "test-hooks")]
mod stall;

pub use crate::error::{RecvError, RecvTimeoutError, SendError, TryRecvError};
pub use future::RecvFuture;
#[cfg(feature = "futures-core")]
pub use future::RecvStream;
pub use handles::{IntoIter, Iter, Receiver, Sender, TryIter, channel};
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub use stall::StalledSend;
