//! Messages too large to be copied around on a small stack: a drop-in
//! replacement must still carry them on threads with std's default 2 MiB
//! stack, as std does.

use super::common::scaled;
use crate::flavor::{Rx, Tx};
use crate::kit::Make;
use std::thread;

/// The stack of a thread spawned without a size: std's default, 2 MiB.
const DEFAULT_STACK: usize = 2 << 20;

/// Runs `f` on a thread with the default 2 MiB stack and waits for it.
fn on_default_stack(f: impl FnOnce() + Send + 'static) {
    thread::Builder::new()
        .stack_size(DEFAULT_STACK)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("the thread panicked");
}

/// Sends messages of `N` bytes (enough of them to fill more than one block
/// of the lock-free list) from one 2 MiB-stack thread to another, where the
/// channel is also created. A channel that builds its storage, or copies
/// many messages at once, on the stack overflows it in a debug build.
fn large_messages_of<M: Make, const N: usize>() {
    on_default_stack(|| {
        // Under Miri a handful: every message of this size is slow there.
        let n = if cfg!(miri) { 3 } else { scaled(40) };
        let (tx, rx) = M::make::<[u8; N]>();
        let sender = thread::Builder::new().stack_size(DEFAULT_STACK);
        let t = sender
            .spawn(move || (0..n).for_each(|i| tx.send([i as u8; N]).unwrap()))
            .expect("spawn");
        for i in 0..n {
            let msg = rx.recv().unwrap();
            assert!(msg.iter().all(|&b| b == i as u8), "message {i} corrupted");
        }
        t.join().unwrap();
        assert!(rx.recv().is_err(), "disconnected after the last message");
    });
}

/// 16 KiB messages between threads with 2 MiB stacks arrive intact (std).
pub fn messages_of_16_kib<M: Make>() {
    large_messages_of::<M, { 16 << 10 }>();
}

/// 64 KiB messages between threads with 2 MiB stacks arrive intact (std,
/// except its rendezvous channel, which overflows such a stack in a debug
/// build; so the kit's rendezvous line leaves this test out).
pub fn messages_of_64_kib<M: Make>() {
    large_messages_of::<M, { 64 << 10 }>();
}
