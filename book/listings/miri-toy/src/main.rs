//! Miri's toy: the value-and-flag publication of loom's toy, on real std
//! atomics, with the flag stored and loaded `Relaxed`.
//!
//! The reader spins until it sees the flag, so every run reaches the read;
//! nothing makes the writer's store to `VALUE` happen-before that read, and
//! Miri, which tracks happens-before for every memory access, reports a data
//! race. Run natively, the program prints 42 and looks fine.
//!
//! `cargo +nightly miri run --manifest-path book/listings/miri-toy/Cargo.toml`

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

// ANCHOR: toy
struct Slot {
    ready: AtomicBool,
    value: UnsafeCell<u64>,
}

// SAFETY: claimed because readers wait for `ready`; the `Relaxed` orderings
// below do not make that enough, which is the bug Miri reports.
unsafe impl Sync for Slot {}

static SLOT: Slot = Slot {
    ready: AtomicBool::new(false),
    value: UnsafeCell::new(0),
};

fn main() {
    let writer = thread::spawn(|| {
        // SAFETY: the only write (see `Slot`).
        unsafe { *SLOT.value.get() = 42 };
        SLOT.ready.store(true, Ordering::Relaxed); // BUG: needs Release
    });
    while !SLOT.ready.load(Ordering::Relaxed) {
        // BUG: needs Acquire
        std::hint::spin_loop();
    }
    // SAFETY: `ready` was seen set (but see the BUG notes).
    let value = unsafe { *SLOT.value.get() };
    println!("{value}");
    writer.join().unwrap();
}
// ANCHOR_END: toy
