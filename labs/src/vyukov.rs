//! An unbounded blocking channel on Vyukov's node-based MPSC queue.
//!
//! The queue is Dmitry Vyukov's "Intrusive MPSC node-based queue"
//! (1024cores.net, <https://www.1024cores.net/home/lock-free-algorithms/queues/intrusive-mpsc-node-based-queue>):
//! a singly linked list whose senders append with one `swap` of `head`
//! and one store of the old head's `next`, and whose single receiver
//! follows `next` from `tail`. Here a node owns its message (the list is
//! not intrusive), and the node the receiver last emptied is the stub.
//!
//! ```text
//!   tail (receiver)                          head (senders swap it)
//!    [stub] --next--> [m1] --next--> [m2] <--
//! ```
//!
//! A sender between its swap and its store leaves the list *inconsistent*:
//! `head` has moved on, but no `next` leads there yet. A poll then reports
//! `Empty` (the send has not returned); a blocking receive parks, and the
//! sender wakes it once linked. How the receiver sleeps and is woken with
//! the facade's `park` and `unpark` is in `vyukov/park.rs`.

use chanlab::error::{RecvError, RecvTimeoutError, SendError, TryRecvError};
use chanlab::flavor::Unbounded;
use chanlab::sync::{Arc, AtomicBool, AtomicPtr, AtomicUsize, Ordering, UnsafeCell};
use park::Parker;
mod park;

use std::{marker::PhantomData, ptr, time::Duration, time::Instant};

struct Node<T> {
    next: AtomicPtr<Node<T>>,
    msg: UnsafeCell<Option<T>>,
}

fn node<T>(msg: Option<T>) -> *mut Node<T> {
    let next = AtomicPtr::new(ptr::null_mut());
    Box::into_raw(Box::new(Node {
        next,
        msg: UnsafeCell::new(msg),
    }))
}

struct Chan<T> {
    /// The newest node; senders swap it.
    head: AtomicPtr<Node<T>>,
    /// The stub; read and written by the receiver only.
    tail: UnsafeCell<*mut Node<T>>,
    senders: AtomicUsize,
    receiver_gone: AtomicBool,
    /// Whether the receiver parks, and its handle.
    parker: Parker,
}

// SAFETY: the nodes' messages move between threads (hence `T: Send`); the
// cells are accessed as their comments say (the receiver's alone, or handed
// over by `state`), and a `&Chan` never exposes a `&T`.
unsafe impl<T: Send> Send for Chan<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for Chan<T> {}

/// What a poll of the queue found.
enum Pop<T> {
    Msg(T),
    Empty,
    /// A sender has swapped `head` but not linked its node yet.
    Inconsistent,
}

impl<T> Chan<T> {
    // ANCHOR: queue
    fn push(&self, msg: T) {
        let new = node(Some(msg));
        // ORDERING: AcqRel: the Release half hands our node's initialisation
        // to the next sender, which writes its `next`; the Acquire half
        // takes the previous sender's node, whose `next` we write below.
        let prev = self.head.swap(new, Ordering::AcqRel);
        // SAFETY: `prev` is alive: the receiver frees a node only after it
        // read the node's `next` non-null, and only we write that `next`.
        // ORDERING: Release pairs with the Acquire load in `pop`: the message
        // written into `new` is visible to the receiver that reaches it.
        unsafe { (*prev).next.store(new, Ordering::Release) };
    }

    /// # Safety
    /// Called by the receiver only (the one thread that owns `tail`).
    unsafe fn pop(&self) -> Pop<T> {
        // SAFETY: `tail` is the receiver's (the caller's contract).
        let tail = self.tail.with(|t| unsafe { *t });
        // SAFETY: the stub is alive until the receiver frees it, below.
        // ORDERING: Acquire pairs with the Release link in `push`.
        let next = unsafe { (*tail).next.load(Ordering::Acquire) };
        if next.is_null() {
            // ORDERING: Relaxed: only compared; a send not yet linked has
            // not returned, so reporting `Empty` for it is allowed.
            let head = self.head.load(Ordering::Relaxed);
            return if head == tail {
                Pop::Empty
            } else {
                Pop::Inconsistent
            };
        }
        // SAFETY: the receiver's cell; `next` is linked, so it is alive, its
        // message is visible (Acquire above) and no sender touches it again;
        // the old stub is unreachable to senders (its `next` is set).
        unsafe {
            self.tail.with_mut(|t| *t = next);
            let msg = (*next).msg.with_mut(|m| (*m).take());
            drop(Box::from_raw(tail));
            Pop::Msg(msg.expect("a linked node holds its message"))
        }
    }
    // ANCHOR_END: queue

    /// Whether a parked receiver would have something to do. Called by
    /// the receiver after `Parker::park`'s fence.
    fn ready(&self) -> bool {
        // SAFETY: called by the receiver only; the stub is alive.
        let tail = self.tail.with(|t| unsafe { *t });
        // SAFETY: as above.
        // ORDERING: Relaxed, both: ordered after the fence in `park` (that
        // is the Dekker pairing); `pop` acquires what it then reads.
        let linked = unsafe { !(*tail).next.load(Ordering::Relaxed).is_null() };
        linked || self.senders.load(Ordering::Relaxed) == 0
    }
}

impl<T> Drop for Chan<T> {
    fn drop(&mut self) {
        // SAFETY: no handle is left; every node from the stub on is freed once.
        let mut at = self.tail.with(|t| unsafe { *t });
        while !at.is_null() {
            // SAFETY: as above; the node came from `Box::into_raw`.
            let boxed = unsafe { Box::from_raw(at) };
            // ORDERING: Relaxed: the last handle's drop synchronised with all others.
            at = boxed.next.load(Ordering::Relaxed);
        }
    }
}

/// The sending half; cloned for each producer.
pub struct Sender<T>(Arc<Chan<T>>);

/// The receiving half: one consumer (`!Sync`, as std's).
pub struct Receiver<T>(Arc<Chan<T>>, PhantomData<std::cell::Cell<()>>);

/// A new channel: no bound, one receiver, any number of senders.
///
/// ```
/// let (tx, rx) = chanlab_labs::vyukov::channel();
/// tx.send(1).unwrap();
/// assert_eq!(rx.recv(), Ok(1));
/// ```
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let stub = node(None);
    let chan = Arc::new(Chan {
        head: AtomicPtr::new(stub),
        tail: UnsafeCell::new(stub),
        senders: AtomicUsize::new(1),
        receiver_gone: AtomicBool::new(false),
        parker: Parker::new(),
    });
    (Sender(chan.clone()), Receiver(chan, PhantomData))
}

impl<T> Sender<T> {
    /// Queues `msg`; hands it back once the receiver is gone.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::vyukov::channel();
    /// assert!(tx.send(1).is_ok());
    /// drop(rx);
    /// assert_eq!(tx.send(2).unwrap_err().0, 2);
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        // ORDERING: Relaxed: the flag guards no data. A send that misses a
        // concurrent drop is ordered before it; its message is dropped with
        // the channel.
        if self.0.receiver_gone.load(Ordering::Relaxed) {
            return Err(SendError(msg));
        }
        self.0.push(msg);
        self.0.parker.wake();
        Ok(())
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        // ORDERING: Relaxed: a new count taken from a live one orders nothing.
        self.0.senders.fetch_add(1, Ordering::Relaxed);
        Sender(self.0.clone())
    }
}

// ANCHOR: sender_drop
impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        // ORDERING: Release pairs with the receiver's Acquire load of 0 in
        // `try_recv`: every sender's links happen before the disconnection.
        if self.0.senders.fetch_sub(1, Ordering::Release) == 1 {
            self.0.parker.wake();
        }
    }
}

// ANCHOR_END: sender_drop
impl<T> Receiver<T> {
    /// Takes a message without waiting.
    ///
    /// ```
    /// use chanlab::error::TryRecvError;
    /// let (tx, rx) = chanlab_labs::vyukov::channel::<u8>();
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    /// ```
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        // SAFETY: this is the receiver (`!Sync`: on one thread at a time).
        match unsafe { self.0.pop() } {
            Pop::Msg(msg) => return Ok(msg),
            Pop::Inconsistent => return Err(TryRecvError::Empty),
            Pop::Empty => {}
        }
        // ORDERING: Acquire pairs with the Release decrements in `Sender::drop`.
        if self.0.senders.load(Ordering::Acquire) != 0 {
            return Err(TryRecvError::Empty);
        }
        // SAFETY: as above.
        match unsafe { self.0.pop() } {
            Pop::Msg(msg) => Ok(msg), // linked before the last drop
            _ => Err(TryRecvError::Disconnected),
        }
    }

    /// Waits for a message, or for the last sender to go.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::vyukov::channel();
    /// std::thread::spawn(move || tx.send(7).unwrap());
    /// assert_eq!(rx.recv(), Ok(7));
    /// assert!(rx.recv().is_err(), "the sender is gone");
    /// ```
    pub fn recv(&self) -> Result<T, RecvError> {
        self.recv_until(None).map_err(|_| RecvError)
    }

    /// Waits at most `timeout` for a message.
    ///
    /// ```
    /// use chanlab::error::RecvTimeoutError;
    /// use std::time::Duration;
    /// let (tx, rx) = chanlab_labs::vyukov::channel::<u8>();
    /// let wait = Duration::from_millis(1);
    /// assert_eq!(rx.recv_timeout(wait), Err(RecvTimeoutError::Timeout));
    /// drop(tx);
    /// assert_eq!(rx.recv_timeout(wait), Err(RecvTimeoutError::Disconnected));
    /// ```
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.recv_until(Instant::now().checked_add(timeout))
    }

    fn recv_until(&self, deadline: Option<Instant>) -> Result<T, RecvTimeoutError> {
        loop {
            match self.try_recv() {
                Ok(msg) => return Ok(msg),
                Err(TryRecvError::Disconnected) => return Err(RecvTimeoutError::Disconnected),
                Err(TryRecvError::Empty) => {}
            }
            if self.0.parker.park(|| self.0.ready(), deadline) {
                return self.try_recv().map_err(|e| match e {
                    TryRecvError::Empty => RecvTimeoutError::Timeout,
                    TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
                });
            }
        }
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        // ORDERING: Relaxed: see `send`.
        self.0.receiver_gone.store(true, Ordering::Relaxed);
        let mut queued = Vec::new();
        // SAFETY: this is the receiver. A node not linked yet stays for `Chan::drop`.
        while let Pop::Msg(msg) = unsafe { self.0.pop() } {
            queued.push(msg);
        }
        drop(queued); // a panicking message's drop still drops the others
    }
}

/// The lab as a flavor, the name the kit's lines take.
pub struct Vyukov;

impl Unbounded for Vyukov {
    const NAME: &'static str = "vyukov";
    type Sender<T: Send + 'static> = Sender<T>;
    type Receiver<T: Send + 'static> = Receiver<T>;
    fn channel<T: Send + 'static>() -> (Sender<T>, Receiver<T>) {
        channel()
    }
}

crate::forward_handles!(Sender);
