//! One local trait, [`Chan`], that every contender implements, so each
//! benchmark shape is written once.
//!
//! The peers are foreign types, so chanlab's public traits cannot be
//! implemented for them here (orphan rule); a local trait over zero-sized
//! marker types sidesteps that. chanlab's own channels come in through the
//! `chanlab::flavor` traits, so a new flavor needs no adapter code at all.
//!
//! Handles are taken by `&mut` so that a single-producer ring (rtrb) fits
//! the same shape code; every other handle just ignores the `mut`.

use chanlab::flavor::{Bounded, Rx, Tx, Unbounded};
use std::marker::PhantomData;

/// The capacity a shape asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cap {
    /// `channel()`.
    Unbounded,
    /// `sync_channel(k)`; `Bounded(0)` is a rendezvous.
    Bounded(usize),
}

/// A channel under test, seen through the few operations the shapes use.
pub trait Chan: 'static {
    /// The sending handle.
    type Tx<T: Send + 'static>: Send + 'static;
    /// The receiving handle.
    type Rx<T: Send + 'static>: Send + 'static;
    /// Creates a channel, or `None` when this contender has no such capacity.
    fn new<T: Send + 'static>(cap: Cap) -> Option<(Self::Tx<T>, Self::Rx<T>)>;
    /// A second sending handle, or `None` for a single-producer queue.
    fn clone_tx<T: Send + 'static>(tx: &Self::Tx<T>) -> Option<Self::Tx<T>>;
    /// Sends, blocking while the channel is full. The receiver outlives it.
    fn send<T: Send + 'static>(tx: &mut Self::Tx<T>, msg: T);
    /// Receives, blocking while the channel is empty. Senders outlive it.
    fn recv<T: Send + 'static>(rx: &mut Self::Rx<T>) -> T;
}

/// Implements [`Chan`] for a crate with std-shaped free functions
/// `unbounded()` / `bounded(k)` (0 = rendezvous) and `send`/`recv` returning `Result`.
macro_rules! peer {
    ($name:ident, $krate:ident) => {
        #[doc = concat!("`", stringify!($krate), "`.")]
        pub struct $name;
        impl Chan for $name {
            type Tx<T: Send + 'static> = $krate::Sender<T>;
            type Rx<T: Send + 'static> = $krate::Receiver<T>;
            fn new<T: Send + 'static>(cap: Cap) -> Option<(Self::Tx<T>, Self::Rx<T>)> {
                match cap {
                    Cap::Unbounded => Some($krate::unbounded()),
                    Cap::Bounded(k) => Some($krate::bounded(k)),
                }
            }
            fn clone_tx<T: Send + 'static>(tx: &Self::Tx<T>) -> Option<Self::Tx<T>> {
                Some(tx.clone())
            }
            fn send<T: Send + 'static>(tx: &mut Self::Tx<T>, msg: T) {
                if tx.send(msg).is_err() {
                    panic!("receiver dropped early");
                }
            }
            fn recv<T: Send + 'static>(rx: &mut Self::Rx<T>) -> T {
                rx.recv().expect("senders dropped early")
            }
        }
    };
}

peer!(Crossbeam, crossbeam_channel);
peer!(Flume, flume);
peer!(Kanal, kanal);

/// One of chanlab's unbounded flavors (or `flavor::Std`) through
/// `chanlab::flavor::Unbounded`.
pub struct OursUnbounded<F>(PhantomData<F>);

impl<F: Unbounded> Chan for OursUnbounded<F> {
    type Tx<T: Send + 'static> = F::Sender<T>;
    type Rx<T: Send + 'static> = F::Receiver<T>;
    fn new<T: Send + 'static>(cap: Cap) -> Option<(Self::Tx<T>, Self::Rx<T>)> {
        (cap == Cap::Unbounded).then(F::channel)
    }
    fn clone_tx<T: Send + 'static>(tx: &Self::Tx<T>) -> Option<Self::Tx<T>> {
        Some(tx.clone())
    }
    fn send<T: Send + 'static>(tx: &mut Self::Tx<T>, msg: T) {
        if tx.send(msg).is_err() {
            panic!("receiver dropped early");
        }
    }
    fn recv<T: Send + 'static>(rx: &mut Self::Rx<T>) -> T {
        rx.recv().expect("senders dropped early")
    }
}

/// One of chanlab's bounded flavors (or `flavor::Std`) through
/// `chanlab::flavor::Bounded`; capacities below `F::MIN_BOUND` are skipped.
pub struct OursBounded<F>(PhantomData<F>);

impl<F: Bounded> Chan for OursBounded<F> {
    type Tx<T: Send + 'static> = F::SyncSender<T>;
    type Rx<T: Send + 'static> = F::Receiver<T>;
    fn new<T: Send + 'static>(cap: Cap) -> Option<(Self::Tx<T>, Self::Rx<T>)> {
        match cap {
            Cap::Bounded(k) if k >= F::MIN_BOUND => Some(F::sync_channel(k)),
            _ => None,
        }
    }
    fn clone_tx<T: Send + 'static>(tx: &Self::Tx<T>) -> Option<Self::Tx<T>> {
        Some(tx.clone())
    }
    fn send<T: Send + 'static>(tx: &mut Self::Tx<T>, msg: T) {
        if tx.send(msg).is_err() {
            panic!("receiver dropped early");
        }
    }
    fn recv<T: Send + 'static>(rx: &mut Self::Rx<T>) -> T {
        rx.recv().expect("senders dropped early")
    }
}

/// `rtrb`: a bare single-producer ring with no blocking, the ceiling for
/// what a bounded SPSC handoff can cost. Waiting spins, then yields.
pub struct Rtrb;

impl Chan for Rtrb {
    type Tx<T: Send + 'static> = rtrb::Producer<T>;
    type Rx<T: Send + 'static> = rtrb::Consumer<T>;
    fn new<T: Send + 'static>(cap: Cap) -> Option<(Self::Tx<T>, Self::Rx<T>)> {
        match cap {
            Cap::Bounded(k) if k >= 1 => Some(rtrb::RingBuffer::new(k)),
            _ => None,
        }
    }
    fn clone_tx<T: Send + 'static>(_: &Self::Tx<T>) -> Option<Self::Tx<T>> {
        None
    }
    fn send<T: Send + 'static>(tx: &mut Self::Tx<T>, mut msg: T) {
        let mut tries = 0u32;
        while let Err(rtrb::PushError::Full(back)) = tx.push(msg) {
            msg = back;
            backoff(&mut tries);
        }
    }
    fn recv<T: Send + 'static>(rx: &mut Self::Rx<T>) -> T {
        let mut tries = 0u32;
        loop {
            match rx.pop() {
                Ok(msg) => return msg,
                Err(rtrb::PopError::Empty) => backoff(&mut tries),
            }
        }
    }
}

/// Spin briefly, then give the core away (on two cores the other side may
/// not be running at all).
fn backoff(tries: &mut u32) {
    *tries += 1;
    if *tries < 64 {
        std::hint::spin_loop();
    } else {
        std::thread::yield_now();
    }
}
