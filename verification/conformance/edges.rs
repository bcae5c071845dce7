//! Edges where a drop-in replacement must still behave as std does
//! (messages too large to be copied around on a small stack: the kit's
//! `messages_of_16_kib` and `messages_of_64_kib`, laid out here by test),
//! and two where chanlab promises more than std: every queued message is
//! dropped even when one's `Drop` panics while the receiver drops the queue
//! (std leaks the rest), and what the ring's `len` promises while other
//! threads send and receive.

use chanlab::kit::Make;
use chanlab::kit::conformance::{messages_of_16_kib, messages_of_64_kib, scaled};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// One `#[test]` per channel constructor for the edge test `$body`.
macro_rules! for_each_channel {
    ($body:ident: $($name:ident = $make:ty),* $(,)?) => {
        mod $body {
            #[allow(unused_imports)]
            use chanlab::flavor::*;
            #[allow(unused_imports)]
            use chanlab::kit::{Bnd, Unb};
            $(
                #[test]
                fn $name() {
                    super::$body::<$make>()
                }
            )*
        }
    };
}

for_each_channel!(messages_of_16_kib:
    std_unbounded = Unb<Std>, std_bounded0 = Bnd<Std, 0>, std_bounded1 = Bnd<Std, 1>,
    mutex_unbounded = Unb<Mutex>, mutex_bounded0 = Bnd<Mutex, 0>,
    mutex_bounded1 = Bnd<Mutex, 1>, mutex_bounded64 = Bnd<Mutex, 64>,
    lockfree = Unb<Lockfree>, ring1 = Bnd<Ring, 1>, ring64 = Bnd<Ring, 64>,
);

// std's own rendezvous channel overflows a 2 MiB stack with 64 KiB messages
// in a debug build, so it is no oracle there; its other flavors are.
for_each_channel!(messages_of_64_kib:
    std_unbounded = Unb<Std>, std_bounded1 = Bnd<Std, 1>,
    mutex_unbounded = Unb<Mutex>, mutex_bounded0 = Bnd<Mutex, 0>,
    mutex_bounded1 = Bnd<Mutex, 1>, mutex_bounded64 = Bnd<Mutex, 64>,
    lockfree = Unb<Lockfree>, ring1 = Bnd<Ring, 1>, ring64 = Bnd<Ring, 64>,
);

/// A message that counts its drop, then panics if it is the bomb.
struct Bomb {
    bomb: bool,
    drops: Arc<AtomicUsize>,
}

impl Drop for Bomb {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
        if self.bomb {
            panic!("a queued message panics in drop");
        }
    }
}

/// Queues five messages, the second of which panics when dropped, and drops
/// the receiver (with the sender still alive, or gone first): the panic
/// reaches the caller, and only after every queued message was dropped.
fn panicking_drop<M: Make>(senders_alive: bool) {
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = M::make::<Bomb>();
    for i in 0..5 {
        let msg = Bomb {
            bomb: i == 1,
            drops: drops.clone(),
        };
        M::try_send(&tx, msg).unwrap_or_else(|_| panic!("message {i} not queued"));
    }
    let tx = senders_alive.then_some(tx);
    let caught = panic::catch_unwind(AssertUnwindSafe(|| drop(rx)));
    let payload = caught.expect_err("the message's panic propagates");
    assert_eq!(
        payload.downcast_ref::<&str>(),
        Some(&"a queued message panics in drop")
    );
    assert_eq!(
        drops.load(Ordering::SeqCst),
        5,
        "every queued message dropped"
    );
    drop(tx);
    assert_eq!(drops.load(Ordering::SeqCst), 5, "no message dropped twice");
}

pub fn panicking_drop_with_senders_alive<M: Make>() {
    panicking_drop::<M>(true);
}

pub fn panicking_drop_with_senders_gone<M: Make>() {
    panicking_drop::<M>(false);
}

for_each_channel!(panicking_drop_with_senders_alive:
    mutex_unbounded = Unb<Mutex>, mutex_bounded8 = Bnd<Mutex, 8>,
    lockfree = Unb<Lockfree>, ring8 = Bnd<Ring, 8>, ring5 = Bnd<Ring, 5>,
);

for_each_channel!(panicking_drop_with_senders_gone:
    mutex_unbounded = Unb<Mutex>, mutex_bounded8 = Bnd<Mutex, 8>,
    lockfree = Unb<Lockfree>, ring8 = Bnd<Ring, 8>, ring5 = Bnd<Ring, 5>,
);

/// The ring's `len` while two producers and the consumer run, sampled by a
/// third thread and by the consumer: never above the capacity. Then, with
/// every other thread joined, exact.
fn ring_len_within_capacity(cap: usize) {
    let n = scaled(1_000);
    let (tx, rx) = chanlab::ring::sync_channel::<usize>(cap);
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let producers: Vec<_> = (0..2)
        .map(|_| {
            let tx = tx.clone();
            thread::spawn(move || (0..n).for_each(|i| tx.send(i).unwrap()))
        })
        .collect();
    let sampler = {
        let (tx, done) = (tx.clone(), done.clone());
        thread::spawn(move || {
            let mut samples = 0usize;
            while samples == 0 || !done.load(Ordering::SeqCst) {
                let len = tx.len();
                assert!(len <= cap, "len {len} above capacity {cap}");
                samples += 1;
            }
            samples
        })
    };
    for _ in 0..2 * n {
        rx.recv().unwrap();
        assert!(rx.len() <= cap, "len above capacity {cap}");
    }
    producers.into_iter().for_each(|p| p.join().unwrap());
    done.store(true, Ordering::SeqCst);
    assert!(sampler.join().unwrap() > 0);
    assert_eq!((rx.len(), tx.len()), (0, 0), "quiescent and empty");
    let filler = tx.clone();
    thread::spawn(move || (0..cap).for_each(|i| filler.try_send(i).unwrap()))
        .join()
        .unwrap();
    assert_eq!((rx.len(), tx.is_full()), (cap, true), "quiescent and full");
    for left in (0..cap).rev() {
        rx.recv().unwrap();
        assert_eq!(rx.len(), left, "quiescent after a receive");
    }
}

#[test]
fn ring_len_within_capacity_1() {
    ring_len_within_capacity(1);
}

#[test]
fn ring_len_within_capacity_3() {
    ring_len_within_capacity(3);
}

#[test]
fn ring_len_within_capacity_64() {
    ring_len_within_capacity(64);
}
