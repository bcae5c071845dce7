//! Starter: an unbounded channel on Vyukov's node-based MPSC queue
//! (Dmitry Vyukov, "Intrusive MPSC node-based queue", 1024cores.net).
//! The solution is [`crate::vyukov`]; read its module docs for the design.

use chanlab::error::{RecvError, RecvTimeoutError, SendError, TryRecvError};
use chanlab::flavor::{Rx, Tx, Unbounded};
use chanlab::sync::{Arc, AtomicBool, AtomicPtr, AtomicUsize, Thread, UnsafeCell};
use std::time::{Duration, Instant};

/// The receiver runs (or is done waiting).
const EMPTY: usize = 0;
/// The receiver parks, or is about to; `thread` holds its handle.
const PARKED: usize = 1;
/// A sender is reading `thread` and unparking the receiver.
const WAKING: usize = 2;
/// That sender is done: the receiver has been unparked.
const NOTIFIED: usize = 3;

struct Node<T> {
    next: AtomicPtr<Node<T>>,
    msg: UnsafeCell<Option<T>>,
}

struct Chan<T> {
    head: AtomicPtr<Node<T>>,
    tail: UnsafeCell<*mut Node<T>>,
    senders: AtomicUsize,
    receiver_gone: AtomicBool,
    state: AtomicUsize,
    thread: UnsafeCell<Option<Thread>>,
}

// SAFETY: TODO: say why sharing `Chan<T>` is sound (which thread touches
// each cell, and when) before relying on these two lines.
unsafe impl<T: Send> Send for Chan<T> {}
// SAFETY: TODO: as above.
unsafe impl<T: Send> Sync for Chan<T> {}

enum Pop<T> {
    Msg(T),
    Empty,
    Inconsistent,
}

impl<T> Chan<T> {
    // ANCHOR: queue
    /// TODO: allocate a node, swap it into `head`, link the old head to it.
    /// Which orderings, and what does each pair with?
    fn push(&self, msg: T) {
        todo!("swap, then link")
    }

    /// TODO: follow the stub's `next`; free the old stub. Tell `Empty`
    /// from `Inconsistent` with `head`.
    unsafe fn pop(&self) -> Pop<T> {
        todo!("one step along the list")
    }
    // ANCHOR_END: queue

    /// TODO: wake the receiver if it parks (`PARKED -> WAKING`, unpark,
    /// `NOTIFIED`), so that no wake-up is lost against `park`'s re-check.
    fn wake_receiver(&self) {
        todo!("the sender's half of the handshake")
    }

    /// TODO: register (handle, then `PARKED`), re-check, park until woken
    /// or `deadline`, then take `PARKED` back or wait for `NOTIFIED`.
    fn park(&self, deadline: Option<Instant>) -> bool {
        todo!("the receiver's half of the handshake")
    }
}

// TODO: `Drop for Chan<T>`: free every node left from the stub on.

/// The sending half.
pub struct Sender<T>(Arc<Chan<T>>);

/// The receiving half.
pub struct Receiver<T>(Arc<Chan<T>>);

/// A new channel (TODO: a stub node that `head` and `tail` both point to).
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    todo!("the stub, the counts, the state")
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        todo!("count the new sender")
    }
}

// TODO: `Drop for Sender<T>` (the last one wakes the receiver) and
// `Drop for Receiver<T>` (refuse later sends; drop what is queued, once).

/// The lab as a flavor, for the kit's lines.
pub struct Vyukov;

impl Unbounded for Vyukov {
    const NAME: &'static str = "vyukov";
    type Sender<T: Send + 'static> = Sender<T>;
    type Receiver<T: Send + 'static> = Receiver<T>;
    fn channel<T: Send + 'static>() -> (Sender<T>, Receiver<T>) {
        channel()
    }
}

impl<T: Send + 'static> Tx<T> for Sender<T> {
    fn send(&self, msg: T) -> Result<(), SendError<T>> {
        todo!("refuse once the receiver is gone; push; wake the receiver")
    }
}

impl<T: Send + 'static> Rx<T> for Receiver<T> {
    fn recv(&self) -> Result<T, RecvError> {
        todo!("try_recv, park, repeat")
    }
    fn try_recv(&self) -> Result<T, TryRecvError> {
        todo!("pop; when empty, are the senders gone? then pop once more")
    }
    fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        todo!("as recv, with a deadline")
    }
}
