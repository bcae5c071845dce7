//! Allocation behaviour of the unbounded channels, measured by a counting
//! global allocator (this file is its own test binary).
//!
//! ```text
//! cargo test --release --test alloc -- --nocapture
//! ```
//!
//! Every channel also gives back every byte once both ends are dropped, in
//! either order, with messages still queued.
//!
//! The allocator counts per thread, so tests running in parallel do not see
//! each other's allocations; each test is single-threaded. Add a channel
//! with one `alloc_suite!` line at the bottom.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Allocations made by this thread.
    static ALLOCS: Cell<usize> = const { Cell::new(0) };
    /// Bytes allocated minus bytes freed by this thread.
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

/// `System`, counting each thread's allocations and live bytes.
struct Counting;

// SAFETY: every call is forwarded unchanged to `System`; the counters are
// const-initialised thread locals, which neither allocate nor re-enter.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(1, layout.size() as isize);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(0, -(layout.size() as isize));
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(1, new_size as isize - layout.size() as isize);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Adds to this thread's counters (ignored while the thread is exiting).
fn count(allocs: usize, bytes: isize) {
    let _ = ALLOCS.try_with(|a| a.set(a.get() + allocs));
    let _ = LIVE.try_with(|l| l.set(l.get() + bytes));
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// (allocations, live bytes) of this thread so far.
pub fn snapshot() -> (usize, isize) {
    (ALLOCS.with(Cell::get), LIVE.with(Cell::get))
}

/// Messages per burst in the steady-state test.
pub const BURST: u64 = 1_000;
/// Messages sent and received after warm-up in the steady-state test.
pub const STEADY: u64 = 1_000_000;
/// Messages held at once in the memory test.
pub const QUEUED: u64 = 100_000;

/// Tests `$channel` (an expression making a `(tx, rx)` pair for `u64`):
/// no allocation in steady state, and at most `$max_bytes` bytes per queued
/// `u64`.
macro_rules! alloc_suite {
    ($name:ident, $channel:expr, $max_bytes:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn steady_state_allocates_nothing() {
                let (tx, rx) = $channel;
                let burst = |base: u64| {
                    (0..BURST).for_each(|i| tx.send(base + i).unwrap());
                    (0..BURST).for_each(|i| assert_eq!(rx.try_recv(), Ok(base + i)));
                };
                (0..8).for_each(|b| burst(b * BURST)); // warm-up
                let (before, _) = snapshot();
                (0..STEADY / BURST).for_each(|b| burst(b * BURST));
                let allocs = snapshot().0 - before;
                println!(
                    "alloc: {} steady_allocs={allocs} messages={STEADY}",
                    stringify!($name)
                );
                assert_eq!(allocs, 0, "allocations in steady state");
            }

            #[test]
            fn bytes_per_queued_u64() {
                let (_, base) = snapshot();
                let (tx, rx) = $channel;
                (0..QUEUED).for_each(|i| tx.send(i).unwrap());
                let bytes = (snapshot().1 - base) as f64 / QUEUED as f64;
                println!(
                    "alloc: {} bytes_per_queued_u64={bytes:.2}",
                    stringify!($name)
                );
                assert!(bytes <= $max_bytes, "{bytes:.2} bytes per queued u64");
                assert_eq!(rx.try_iter().count() as u64, QUEUED);
            }

            #[test]
            fn dropping_both_ends_frees_everything() {
                frees_everything(|| $channel, |tx, i| tx.send(i).unwrap(), QUEUED);
            }
        }
    };
}

/// Fills a fresh channel with `n` messages and reads half of them (spent
/// blocks or slots behind the head, full ones after it), then drops both
/// ends, in each order: every byte the channel allocated must be freed.
fn frees_everything<S, R: chanlab::flavor::Rx<u64>>(
    make: impl Fn() -> (S, R),
    send: impl Fn(&S, u64),
    n: u64,
) {
    for receiver_first in [false, true] {
        let (_, base) = snapshot();
        let (tx, rx) = make();
        (0..n).for_each(|i| send(&tx, i));
        (0..n / 2).for_each(|i| assert_eq!(rx.try_recv(), Ok(i)));
        if receiver_first {
            drop(rx);
            drop(tx);
        } else {
            drop(tx);
            drop(rx);
        }
        let left = snapshot().1 - base;
        assert_eq!(
            left, 0,
            "bytes left (receiver dropped first: {receiver_first})"
        );
    }
}

alloc_suite!(lockfree, chanlab::lockfree::channel::<u64>(), 10.0);
alloc_suite!(mutex, chanlab::mutex::channel::<u64>(), 16.5);

/// Tests a bounded channel `$make(cap)` of `u64`: after construction, a
/// million messages through a ring that never fills (so no sender parks)
/// allocate nothing, and construction allocates at most `$max_bytes` per
/// slot.
macro_rules! bounded_alloc_suite {
    ($name:ident, $make:expr, $max_bytes:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn allocates_nothing_after_construction() {
                let (tx, rx) = $make(BURST as usize);
                let (before, _) = snapshot();
                for b in 0..STEADY / BURST {
                    (0..BURST).for_each(|i| tx.send(b * BURST + i).unwrap());
                    (0..BURST).for_each(|i| assert_eq!(rx.try_recv(), Ok(b * BURST + i)));
                }
                let allocs = snapshot().0 - before;
                println!(
                    "alloc: {} steady_allocs={allocs} messages={STEADY}",
                    stringify!($name)
                );
                assert_eq!(allocs, 0, "allocations after construction");
            }

            #[test]
            fn bytes_per_slot() {
                let (_, base) = snapshot();
                let (tx, rx) = $make(QUEUED as usize);
                let bytes = (snapshot().1 - base) as f64 / QUEUED as f64;
                (0..QUEUED).for_each(|i| tx.try_send(i).unwrap());
                assert_eq!(
                    snapshot().1 - base,
                    (bytes * QUEUED as f64) as isize,
                    "no growth"
                );
                println!("alloc: {} bytes_per_slot_u64={bytes:.2}", stringify!($name));
                assert!(bytes <= $max_bytes, "{bytes:.2} bytes per slot");
                assert_eq!(rx.try_iter().count() as u64, QUEUED);
            }

            #[test]
            fn dropping_both_ends_frees_everything() {
                frees_everything(
                    || $make(BURST as usize),
                    |tx, i| tx.try_send(i).unwrap(),
                    BURST,
                );
            }
        }
    };
}

bounded_alloc_suite!(ring, chanlab::ring::sync_channel::<u64>, 16.5);
