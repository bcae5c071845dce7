//! The receiver's drop: refuse new claims, settle claimed slots, and the
//! final free of the blocks.

use super::block::{
    Block, CLOSED, RX_GONE, block_start, claimed_index, index_add, next_or_grow, written_bit,
};
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
    /// messages of that block that this drop owns. Kept, because a second
    /// `fetch_or` would also return the bits of senders that published
    /// after RX_GONE and took their messages back.
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
        let ready = match self.ready {
            Some(ready) => ready,
            // ORDERING: Acquire pairs with the publishing RMW in `publish`:
            // messages whose bits we see are visible. Release pairs with
            // that same AcqRel RMW when it comes later and reads RX_GONE:
            // the CLOSED `fetch_or` above happens-before the sender's
            // `Disconnected`, so its `len()` afterwards reads CLOSED and
            // says 0, as documented.
            None => *self
                .ready
                .insert(block.ready.fetch_or(RX_GONE, Ordering::AcqRel)),
        };
        let index = self.rx.index;
        self.rx.index = index_add(index, 1);
        if ready & written_bit(index) != 0 {
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
