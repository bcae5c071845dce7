//! The receiver's drop: refuse new claims, settle claimed slots, and the
//! final free of the blocks.

use super::block::{Block, CLOSED, block_start, claimed_index, index_add, next_or_grow};
use super::list::{List, RxState};
use crate::finish::run_to_end;
use crate::sync::Ordering;

impl<T> List<T> {
    // ANCHOR: close
    /// The receiver's drop: refuses further claims, then settles every
    /// claimed slot. Messages already written are dropped here; a sender
    /// still writing will find RX_GONE and take its message back. If a
    /// message's `Drop` panics, the remaining slots are still settled (and
    /// their messages dropped) before the panic leaves this function.
    ///
    /// # Safety
    /// Called once, by the receiver, which never uses the list again.
    pub(super) unsafe fn close(&self) {
        // Relaxed: the RMW alone splits the claims into those below `end`
        // (settled below) and those that see CLOSED; no data is read
        // through this word.
        let end = claimed_index(self.tail.fetch_or(CLOSED, Ordering::Relaxed));
        self.rx.with_mut(|rx| {
            // SAFETY: the caller is the receiver, the sole user of `rx`.
            let rx = unsafe { &mut *rx };
            let mut closing = Closing {
                rx,
                end,
                ready: None,
            };
            run_to_end(&mut closing, Closing::step);
        });
    }
}

/// The receiver's drop in progress, one claimed index per step.
struct Closing<'a, T> {
    rx: &'a mut RxState<T>,
    /// The end of the claims: the index the CLOSED `fetch_or` returned.
    end: usize,
    /// What the RX_GONE `fetch_or` on `rx.block` returned, once it ran: the
    /// messages of that block that this drop owns (see `Block::settle`;
    /// unused with knob `block_ready` off).
    ready: Option<usize>,
}

impl<T> Closing<'_, T> {
    /// Settles `rx.index` (or moves to its block); `false` once every claim
    /// is settled. The index moves on before a message is dropped, so a
    /// panicking `Drop` leaves the next step at the next index.
    fn step(&mut self) -> bool {
        if self.rx.index == self.end {
            return false;
        }
        // SAFETY: `rx.block` is linked and stays allocated until the list
        // is dropped, which needs the receiver's handle we are dropping.
        let block = unsafe { &*self.rx.block };
        if block.start() != block_start(self.rx.index) {
            // SAFETY: as above.
            self.rx.block = unsafe { next_or_grow(block) };
            self.ready = None;
            return true;
        }
        let index = self.rx.index;
        // An AcqRel RMW that marks the slot (or its whole block) settled
        // and says whether its message was published first (`written.rs`).
        let owned = block.settle(index, &mut self.ready);
        self.rx.index = index_add(index, 1);
        if owned {
            // SAFETY: written before RX_GONE, so its sender has handed it
            // over; each index is settled once (`rx.index` moved past it).
            drop(unsafe { block.read(index) });
        }
        true
    }
}

// ANCHOR_END: close

impl<T> Drop for List<T> {
    /// Frees every block. No message is left: `close` settled them all.
    fn drop(&mut self) {
        let mut block = self.rx.with(|rx| {
            // SAFETY: `&mut self`: nobody else can access `rx`.
            unsafe { (*rx).free }
        });
        while !block.is_null() {
            // SAFETY: `&mut self`: every block is ours; each is freed once,
            // since the chain from `free` visits each linked block once.
            let next = unsafe { (*block).next.load(Ordering::Relaxed) };
            // SAFETY: as above.
            unsafe { Block::free(block) };
            block = next;
        }
    }
}
