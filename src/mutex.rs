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

use crate::sync::{self, Arc, CHECKER, Condvar, Mutex, MutexGuard, Wait};
use crate::tune;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::fmt;
use std::time::{Duration, Instant};

pub use crate::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};

// ANCHOR: state
/// Everything the lock guards.
struct State<T> {
    queue: VecDeque<T>,
    /// Rendezvous only: the ticket of each message in `queue`, in the same
    /// order (each is a blocked sender's offer); empty otherwise.
    offers: VecDeque<u64>,
    /// Rendezvous only: the ticket of the next offer.
    next_ticket: u64,
    /// Live `Sender`s and `SyncSender`s.
    senders: usize,
    /// Whether the `Receiver` is alive.
    receiver: bool,
    /// Threads blocked in a send, waiting on `send_ready`.
    senders_waiting: usize,
    /// 1 while the receiver is blocked on `recv_ready`, else 0.
    receiver_waiting: usize,
    /// Unbounded only: how many messages the receiver took in its last
    /// batch, as of its last lock (`len` on a sender's handle counts them).
    taken: usize,
}

struct Channel<T> {
    state: Mutex<State<T>>,
    /// `None`: unbounded. `Some(0)`: rendezvous. `Some(n)`: at most n queued.
    cap: Option<usize>,
    send_ready: Condvar,
    recv_ready: Condvar,
}
// ANCHOR_END: state

type Guard<'a, T> = MutexGuard<'a, State<T>>;

impl<T> State<T> {
    fn tx_waiting(&mut self) -> &mut usize {
        &mut self.senders_waiting
    }

    fn rx_waiting(&mut self) -> &mut usize {
        &mut self.receiver_waiting
    }
}

impl<T> Channel<T> {
    fn new(cap: Option<usize>) -> Arc<Self> {
        let state = State {
            queue: VecDeque::new(),
            offers: VecDeque::new(),
            next_ticket: 0,
            senders: 1,
            receiver: true,
            senders_waiting: 0,
            receiver_waiting: 0,
            taken: 0,
        };
        Arc::new(Channel {
            state: Mutex::new(state),
            cap,
            send_ready: Condvar::new(),
            recv_ready: Condvar::new(),
        })
    }

    #[track_caller]
    fn lock(&self) -> Guard<'_, T> {
        sync::lock(&self.state)
    }

    // ANCHOR: send
    /// Whether a message may be pushed now without waiting: for a rendezvous,
    /// only while the receiver waits with nothing to take.
    fn has_room(&self, s: &State<T>) -> bool {
        match self.cap {
            None => true,
            Some(0) => s.queue.is_empty() && s.receiver_waiting > 0,
            Some(cap) => s.queue.len() < cap,
        }
    }

    fn send(&self, msg: T, wait: Wait) -> Result<(), SendTimeoutError<T>> {
        let mut s = self.lock();
        if self.cap == Some(0) && !matches!(wait, Wait::Never) {
            return self.offer(s, msg, wait);
        }
        let mut expired = matches!(wait, Wait::Never);
        let mut round = 0;
        loop {
            if !s.receiver {
                return Err(SendTimeoutError::Disconnected(msg));
            }
            if self.has_room(&s) {
                break;
            }
            if expired {
                return Err(SendTimeoutError::Timeout(msg));
            }
            (s, expired) = self.block(&self.send_ready, s, wait, &mut round, State::tx_waiting);
        }
        self.push(&mut s, msg);
        let wake = s.receiver_waiting > 0 || !tune::WAIT_COUNT;
        drop(s);
        if wake {
            self.recv_ready.notify_one();
        }
        Ok(())
    }
    // ANCHOR_END: send

    // ANCHOR: offer
    /// A blocking rendezvous send: queue `msg` as an offer, then wait until
    /// a receive takes it, or withdraw it on timeout or disconnection.
    fn offer<'a>(
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
        let mut expired = false;
        let mut round = 0;
        loop {
            let Ok(at) = s.offers.binary_search(&ticket) else {
                return Ok(()); // taken: tickets only leave by a receive or by us
            };
            if !s.receiver || expired {
                s.offers.remove(at);
                let msg = s.queue.remove(at).expect("one offer per queued message");
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

    /// Queues `msg`; for a rendezvous, with a fresh ticket, which it returns.
    fn push(&self, s: &mut State<T>, msg: T) -> u64 {
        s.queue.push_back(msg);
        let ticket = s.next_ticket;
        if self.cap == Some(0) {
            s.offers.push_back(ticket);
            s.next_ticket += 1;
        }
        ticket
    }

    // ANCHOR: recv
    /// Receives; `batch` is the receiver's own queue, empty when called.
    /// On an unbounded channel the rest of the queue moves into `batch` in
    /// the same lock, for the receiver to drain without locking (knob
    /// `batch` in `tune.rs`).
    fn recv(&self, batch: &mut VecDeque<T>, wait: Wait) -> Result<T, RecvTimeoutError> {
        let mut s = self.lock();
        s.taken = 0; // the last batch is drained
        let mut expired = matches!(wait, Wait::Never);
        let mut round = 0;
        loop {
            if let Some(msg) = s.queue.pop_front() {
                s.offers.pop_front();
                if self.cap.is_none() && tune::BATCH {
                    std::mem::swap(batch, &mut s.queue);
                    s.taken = batch.len();
                }
                // A pop frees room in a bounded queue, or takes a blocked
                // rendezvous sender's offer (which of them: all re-check).
                let wake = self.cap.is_some() && (s.senders_waiting > 0 || !tune::WAIT_COUNT);
                drop(s);
                match self.cap {
                    Some(0) if wake => self.send_ready.notify_all(),
                    _ if wake => self.send_ready.notify_one(),
                    _ => {}
                }
                return Ok(msg);
            }
            if s.senders == 0 {
                return Err(RecvTimeoutError::Disconnected);
            }
            if expired {
                return Err(RecvTimeoutError::Timeout);
            }
            (s, expired) = self.block(&self.recv_ready, s, wait, &mut round, State::rx_waiting);
        }
    }
    // ANCHOR_END: recv

    /// Waits on `cv` once, counted in the waiter field chosen by `waiters`.
    /// Returns the guard and whether the deadline has passed.
    // ANCHOR: block
    /// One step of waiting for `cv`'s condition, with the lock released:
    /// the first `YIELD_ROUNDS` steps (`round` counts them) yield and look
    /// again, the later ones sleep on `cv`, counted in `waiters` (rule 3).
    /// Returns the guard and whether the deadline has passed.
    // Under a checker the limit is 0, which makes a comparison constant.
    #[allow(clippy::absurd_extreme_comparisons)]
    fn block<'a>(
        &'a self,
        cv: &Condvar,
        mut s: Guard<'a, T>,
        wait: Wait,
        round: &mut u32,
        waiters: fn(&mut State<T>) -> &mut usize,
    ) -> (Guard<'a, T>, bool) {
        if *round < YIELD_ROUNDS && !matches!(wait, Wait::Never) {
            *round += 1;
            drop(s);
            sync::yield_now();
            return (self.lock(), wait.passed());
        }
        *waiters(&mut s) += 1;
        let (mut s, expired) = match wait {
            Wait::Until(deadline) => sync::wait_until(cv, &self.state, s, deadline),
            Wait::Forever => (sync::wait(cv, &self.state, s), false),
            Wait::Never => (s, true),
        };
        *waiters(&mut s) -= 1;
        (s, expired)
    }
    // ANCHOR_END: block
}

/// Steps of "unlock, yield, lock, look again" before a thread sleeps on a
/// condition variable: on a busy channel the other side usually acts
/// within a few yields, and then nobody sleeps, so nobody has to be woken
/// (a `notify_one` with a sleeper costs a system call and a context
/// switch on each side). None under a checker (more schedules, nothing
/// new), nor with knob `yield` off (`tune.rs`).
const YIELD_ROUNDS: u32 = if CHECKER || !tune::YIELD { 0 } else { 8 };

/// Whether the unbounded receiver takes messages in batches (knob `batch`
/// in the crate's tuning constants); for the conformance tests of `len`
/// (a test hook: feature `test-hooks`, this package's own targets only).
#[cfg(feature = "test-hooks")]
#[doc(hidden)]
pub const BATCHED: bool = tune::BATCH;

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

/// The sending half of [`channel`]. Clone it to add producers.
pub struct Sender<T> {
    chan: Arc<Channel<T>>,
}

/// The sending half of [`sync_channel`]. Clone it to add producers.
pub struct SyncSender<T> {
    chan: Arc<Channel<T>>,
}

/// The receiving half of a channel. There is exactly one per channel.
pub struct Receiver<T> {
    chan: Arc<Channel<T>>,
    /// Messages taken from the queue in one lock, received in order before
    /// the queue is looked at again (unbounded channels only).
    batch: RefCell<VecDeque<T>>,
}

// Unwind safety for every `T`, as std's handles: see "Unwind safety" above.
// Written out rather than derived: the `Cell` marker opts the receiver out,
// and the checkers' locks are not unwind safe.
impl<T> std::panic::UnwindSafe for Sender<T> {}
impl<T> std::panic::RefUnwindSafe for Sender<T> {}
impl<T> std::panic::UnwindSafe for SyncSender<T> {}
impl<T> std::panic::RefUnwindSafe for SyncSender<T> {}
impl<T> std::panic::UnwindSafe for Receiver<T> {}
impl<T> std::panic::RefUnwindSafe for Receiver<T> {}

impl<T> Sender<T> {
    /// Sends `msg`; never blocks. Fails, handing `msg` back, only when the
    /// receiver is gone.
    ///
    /// ```
    /// use chanlab::mutex::{SendError, channel};
    ///
    /// let (tx, rx) = channel();
    /// assert_eq!(tx.send(1), Ok(()));
    /// drop(rx);
    /// assert_eq!(tx.send(2), Err(SendError(2)));
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.chan
            .send(msg, Wait::Forever)
            .map_err(|e| SendError(e.into_inner()))
    }
}

impl<T> SyncSender<T> {
    /// Sends `msg`, blocking while the channel is full. Fails, handing
    /// `msg` back, if the receiver is gone (also when it leaves while the
    /// send waits).
    ///
    /// On a rendezvous channel (`sync_channel(0)`) the send becomes an
    /// *offer* and returns once a receive has taken it; any receive takes
    /// the oldest offer, [`Receiver::try_recv`] included, as in std.
    ///
    /// ```
    /// let (tx, rx) = chanlab::mutex::sync_channel(0);
    /// let sender = std::thread::spawn(move || tx.send(7));
    /// assert_eq!(rx.recv(), Ok(7)); // meets the blocked send
    /// assert_eq!(sender.join().unwrap(), Ok(()));
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.chan
            .send(msg, Wait::Forever)
            .map_err(|e| SendError(e.into_inner()))
    }

    /// Sends `msg` only if that needs no waiting; otherwise `Full(msg)`, or
    /// `Disconnected(msg)` once the receiver is gone. On a rendezvous
    /// channel it succeeds only while the receiver is blocked in a receive
    /// with nothing to take, as in std.
    ///
    /// ```
    /// use chanlab::mutex::{TrySendError, sync_channel};
    ///
    /// let (tx, rx) = sync_channel(1);
    /// assert_eq!(tx.try_send(1), Ok(()));
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// drop(rx);
    /// assert_eq!(tx.try_send(3), Err(TrySendError::Disconnected(3)));
    /// ```
    pub fn try_send(&self, msg: T) -> Result<(), TrySendError<T>> {
        self.chan
            .send(msg, Wait::Never)
            .map_err(crate::error::try_send_error)
    }

    /// Sends `msg`, waiting at most `timeout` for room (on a rendezvous
    /// channel, for a receive to take it; the offer is withdrawn when the
    /// time is up). `Duration::MAX` waits forever. Not in std's `mpsc`.
    ///
    /// ```
    /// use chanlab::mutex::{SendTimeoutError, sync_channel};
    /// use std::time::Duration;
    ///
    /// let (tx, rx) = sync_channel(1);
    /// tx.send(1).unwrap();
    /// let full = tx.send_timeout(2, Duration::from_millis(1));
    /// assert_eq!(full, Err(SendTimeoutError::Timeout(2)));
    /// assert_eq!(rx.recv(), Ok(1));
    /// assert_eq!(tx.send_timeout(3, Duration::from_millis(1)), Ok(()));
    /// ```
    pub fn send_timeout(&self, msg: T, timeout: Duration) -> Result<(), SendTimeoutError<T>> {
        self.chan.send(msg, Wait::timeout(timeout))
    }
}

impl<T> Receiver<T> {
    fn new(chan: Arc<Channel<T>>) -> Self {
        Receiver {
            chan,
            batch: RefCell::new(VecDeque::new()),
        }
    }

    // ANCHOR: take
    /// Receives from the batch, else from the channel (refilling the batch).
    fn take(&self, wait: Wait) -> Result<T, RecvTimeoutError> {
        let mut batch = self.batch.borrow_mut();
        match batch.pop_front() {
            Some(msg) => Ok(msg),
            None => self.chan.recv(&mut batch, wait),
        }
    }
    // ANCHOR_END: take

    /// Blocks until a message arrives; fails once every sender is gone and
    /// the channel is empty.
    ///
    /// ```
    /// use chanlab::mutex::{RecvError, channel};
    ///
    /// let (tx, rx) = channel();
    /// std::thread::spawn(move || tx.send("done").unwrap());
    /// assert_eq!(rx.recv(), Ok("done"));
    /// assert_eq!(rx.recv(), Err(RecvError)); // the thread dropped `tx`
    /// ```
    pub fn recv(&self) -> Result<T, RecvError> {
        self.take(Wait::Forever).map_err(|_| RecvError)
    }

    /// Returns a message if one is queued, without blocking: `Empty` if
    /// none is, `Disconnected` once every sender is gone too.
    ///
    /// ```
    /// use chanlab::mutex::{TryRecvError, channel};
    ///
    /// let (tx, rx) = channel();
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.try_recv(), Ok(1));
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    /// ```
    ///
    /// On a rendezvous channel it takes the oldest offer of a sender
    /// blocked in [`SyncSender::send`], as std's does:
    ///
    /// ```
    /// let (tx, rx) = chanlab::mutex::sync_channel(0);
    /// let sender = std::thread::spawn(move || tx.send(5));
    /// let msg = loop {
    ///     if let Ok(msg) = rx.try_recv() {
    ///         break msg; // the sender's offer, taken without blocking
    ///     }
    ///     std::thread::yield_now();
    /// };
    /// assert_eq!((msg, sender.join().unwrap()), (5, Ok(())));
    /// ```
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.take(Wait::Never).map_err(crate::error::try_recv_error)
    }

    /// Like [`recv`](Self::recv), giving up after `timeout`.
    /// `Duration::MAX` waits forever.
    ///
    /// ```
    /// use chanlab::mutex::{RecvTimeoutError, channel};
    /// use std::time::Duration;
    ///
    /// let (tx, rx) = channel();
    /// let wait = Duration::from_millis(1);
    /// assert_eq!(rx.recv_timeout(wait), Err(RecvTimeoutError::Timeout));
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.recv_timeout(wait), Ok(1));
    /// ```
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.take(Wait::timeout(timeout))
    }

    /// Like [`recv`](Self::recv), giving up at `deadline`. Not in std's
    /// stable `mpsc` (there it is unstable, `deadline_api`).
    ///
    /// ```
    /// use chanlab::mutex::{RecvTimeoutError, channel};
    /// use std::time::{Duration, Instant};
    ///
    /// let (tx, rx) = channel();
    /// let deadline = Instant::now() + Duration::from_millis(1);
    /// tx.send('a').unwrap();
    /// assert_eq!(rx.recv_deadline(deadline), Ok('a'));
    /// assert_eq!(rx.recv_deadline(deadline), Err(RecvTimeoutError::Timeout));
    /// ```
    pub fn recv_deadline(&self, deadline: Instant) -> Result<T, RecvTimeoutError> {
        self.take(Wait::Until(deadline))
    }
}

crate::iter::receiver_iterators!(mutex, "channel()");

impl<T> Sender<T> {
    fn own_batch(&self) -> Option<usize> {
        None
    }
}

impl<T> SyncSender<T> {
    fn own_batch(&self) -> Option<usize> {
        None
    }
}

impl<T> Receiver<T> {
    fn own_batch(&self) -> Option<usize> {
        Some(self.batch.borrow().len())
    }
}

/// `len`, `is_empty`, `capacity` and `Debug` for every handle; `$var` and
/// `$new` name the handle and its constructor in the doc examples.
macro_rules! common {
    ($($handle:ident: $var:ident = $new:literal, capacity $cap:literal;)*) => {$(
        impl<T> $handle<T> {
            /// Number of messages queued now; always 0 for a rendezvous
            /// channel (see the module docs). Exact on the receiver's
            /// handle. On a sender's handle of an unbounded channel, the
            /// messages of the receiver's current batch count until the
            /// receiver has received them all and locks again (see
            /// "Batching" in the module docs): an upper bound, exact
            /// whenever the receiver has no batch in hand. It is read under
            /// the lock, but while other threads send or receive it is a
            /// hint: it may have changed before it is used. Not in std's
            /// `mpsc`.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::mutex::", $new, ";")]
            /// tx.send(1).unwrap();
            /// tx.send(2).unwrap();
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 2);")]
            /// assert_eq!(rx.recv(), Ok(1));
            #[doc = concat!("assert_eq!(", stringify!($var), ".len(), 1);")]
            /// ```
            pub fn len(&self) -> usize {
                match self.chan.cap {
                    Some(0) => 0,
                    _ => {
                        let s = self.chan.lock();
                        s.queue.len() + self.own_batch().unwrap_or(s.taken)
                    }
                }
            }

            /// Whether [`len`](Self::len) is 0 now (with its caveats). Not
            /// in std's `mpsc`.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::mutex::", $new, ";")]
            #[doc = concat!("assert!(", stringify!($var), ".is_empty());")]
            /// tx.send(1).unwrap();
            #[doc = concat!("assert!(!", stringify!($var), ".is_empty());")]
            /// ```
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// `None` for an unbounded channel, else its bound (`Some(0)`
            /// for a rendezvous). Not in std's `mpsc`.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::mutex::", $new, ";")]
            #[doc = concat!("assert_eq!(", stringify!($var), ".capacity(), ", $cap, ");")]
            /// ```
            pub fn capacity(&self) -> Option<usize> {
                self.chan.cap
            }
        }

        impl<T> fmt::Debug for $handle<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($handle)).finish_non_exhaustive()
            }
        }
    )*};
}
common! {
    Sender: tx = "channel::<u8>()", capacity "None";
    SyncSender: tx = "sync_channel::<u8>(2)", capacity "Some(2)";
    Receiver: rx = "sync_channel::<u8>(2)", capacity "Some(2)";
}

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
                let wake = s.senders == 0 && s.receiver_waiting > 0;
                drop(s);
                if wake {
                    self.chan.recv_ready.notify_one();
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
        // A rendezvous queue holds only offers: each blocked sender withdraws
        // its own and gets it back in the error. The batch goes with the
        // queue, so one `VecDeque` drop drops every message even if one
        // message's `Drop` panics.
        let mut queued = std::mem::take(self.batch.get_mut());
        if self.chan.cap != Some(0) {
            queued.append(&mut s.queue);
        }
        let wake = s.senders_waiting > 0;
        drop(s);
        if wake {
            self.chan.send_ready.notify_all();
        }
        drop(queued); // user `Drop`s run here, outside the lock
    }
}
// ANCHOR_END: drop
