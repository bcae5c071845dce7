//! # chanlab
//!
//! Three MPSC channels built from scratch, each a drop-in replacement for
//! `std::sync::mpsc` (same constructors, handle names, methods and error
//! types), each checked with loom, shuttle, proptest and Miri:
//!
//! * [`mutex`]: the minimal `Mutex` + `Condvar` channel, `channel()` and
//!   `sync_channel(n)` (including the rendezvous `sync_channel(0)`).
//! * [`lockfree`]: an unbounded `channel()` on a lock-free list of blocks;
//!   `send` never takes a lock and, in steady state, never allocates.
//! * [`ring`]: a bounded channel on a preallocated ring of stamped slots
//!   (Vyukov's bounded queue for one consumer), `sync_channel(n)` for `n >= 1`
//!   only: it has no `channel()`, so for an unbounded channel use
//!   [`lockfree::channel`] or [`mutex::channel`], and for a rendezvous
//!   `mutex::sync_channel(0)`.
//!
//! Beyond std's API, every channel has `recv_deadline`, `len`, `is_empty`
//! and `capacity`; bounded senders have `send_timeout`, and the ring
//! `is_full`.
//!
//! Every channel can also be awaited from tasks, on any executor (chanlab
//! depends on no runtime): `Receiver::recv_async` on every channel,
//! `SyncSender::send_async` on the bounded ones (`Sender::send` never
//! waits), and, with the cargo feature `futures-core`, `Receiver::stream`.
//! Threads and tasks mix freely on one channel: each channel's waiting
//! place holds a thread or a task's waker (each module's "Waiting in
//! tasks" says how, and what dropping a future mid-wait guarantees).
//!
//! ```
//! use std::future::Future;
//! use std::sync::Arc;
//! use std::task::{Context, Poll, Wake, Waker};
//!
//! // The smallest executor: poll, park until woken, poll again.
//! struct Unpark(std::thread::Thread);
//! impl Wake for Unpark {
//!     fn wake(self: Arc<Self>) {
//!         self.0.unpark();
//!     }
//! }
//! fn block_on<F: Future>(fut: F) -> F::Output {
//!     let mut fut = std::pin::pin!(fut);
//!     let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
//!     let mut cx = Context::from_waker(&waker);
//!     loop {
//!         if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
//!             return out;
//!         }
//!         std::thread::park();
//!     }
//! }
//!
//! let (tx, mut rx) = chanlab::ring::sync_channel(2);
//! let producer = std::thread::spawn(move || {
//!     block_on(async {
//!         for i in 0..10 {
//!             tx.send_async(i).await.unwrap(); // waits while the ring is full
//!         }
//!     })
//! });
//! let total = block_on(async {
//!     let mut total = 0;
//!     while let Ok(i) = rx.recv_async().await {
//!         total += i;
//!     }
//!     total
//! });
//! assert_eq!(total, 45);
//! producer.join().unwrap();
//! ```
//!
//! ```
//! use chanlab::mutex as mpsc; // was: use std::sync::mpsc;
//! use std::thread;
//!
//! let (tx, rx) = mpsc::channel();
//! for id in 0..3 {
//!     let tx = tx.clone();
//!     thread::spawn(move || tx.send(id).unwrap());
//! }
//! drop(tx);
//! let mut got: Vec<i32> = rx.iter().collect();
//! got.sort();
//! assert_eq!(got, [0, 1, 2]);
//! ```
//!
//! Where they differ from std (each method's docs say more):
//!
//! * The lock-free and ring receivers never wait for a send in progress:
//!   while a sender has claimed its slot but not yet written it, `try_recv`
//!   may return `Empty` and a timed receive `Timeout` (std waits for that
//!   sender).
//! * `len()` is a hint while other threads send or receive. The lock-free
//!   and ring channels count sends in progress; on an unbounded mutex
//!   channel a sender's `len()` is an upper bound (it may count messages
//!   the receiver has taken in its last batch).
//! * [`ring::sync_channel`] panics for a bound of 0 (no rendezvous mode) or
//!   above [`ring::MAX_CAPACITY`].
//!
//! [`flavor`] names the channels as types, so an experiment can be written
//! once and run against each of them and against `std::sync::mpsc`.
//!
//! All synchronisation goes through one facade, [`sync`], which swaps
//! std's primitives for loom's (`RUSTFLAGS="--cfg chanlab_loom"`) or
//! shuttle's (`--features shuttle`). With the cargo feature `stats` it also
//! counts every park, unpark, yield, spin, wait and notify, readable through
//! `chanlab::stats` (for a benchmark's cost account; off by default). The
//! facade is public: a channel of your own written against it runs on std
//! and under both checkers.
//!
//! # The verification kit
//!
//! With the cargo feature `kit`, `chanlab::kit` turns the suites that check
//! chanlab (the conformance suite with std as the oracle, the proptest
//! model, the loom models that fit any channel, the shuttle schedules and
//! lincheck) into one-line macros for a channel of your own, written
//! against [`sync`] and named through [`flavor`].

#![warn(clippy::undocumented_unsafe_blocks)]

#[cfg(doctest)]
mod book_doctests;
pub mod error;
mod finish;
pub mod flavor;
mod future;
mod iter;
#[cfg(feature = "kit")]
pub mod kit;
pub mod lockfree;
pub mod mutex;
pub mod ring;
pub mod sync;
mod tune;
mod waiter;

#[cfg(feature = "stats")]
pub use sync::stats;
/// The step recorder of a checker build (`--cfg chanlab_trace`), for the
/// model harnesses in `verification/`: see `src/sync/trace.rs`.
#[cfg(chanlab_trace)]
#[doc(hidden)]
pub use sync::trace;

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
