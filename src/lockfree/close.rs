//! The receiver's drop: refuse new claims, settle claimed slots, and the
//! final free of the blocks.

use super::block::{
    BLOCK_CAP, Block, CLOSED, RX_GONE, claimed_index, index_add, next_or_grow, written_bit,
};
use super::list::List;
use crate::sync::Ordering;

impl<T> List<T> {
    // ANCHOR: close
    /// The receiver's drop: refuses further claims, then settles every
    /// claimed slot. Messages already written are dropped here; a sender
    /// still writing will find RX_GONE and take its message back.
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
            loop {
                // SAFETY: `rx.block` is linked and stays allocated.
                let block = unsafe { &*rx.block };
                // ORDERING: Acquire pairs with the publishing fetch_or in
                // `publish`: messages whose bits we see are visible.
                let ready = block.ready.fetch_or(RX_GONE, Ordering::Acquire);
                let block_end = index_add(block.start(), BLOCK_CAP);
                while rx.index != end && rx.index != block_end {
                    if ready & written_bit(rx.index) != 0 {
                        // SAFETY: written before RX_GONE, so its sender has
                        // handed it over; we read each index once.
                        drop(unsafe { block.read(rx.index) });
                    }
                    rx.index = index_add(rx.index, 1);
                }
                if rx.index == end {
                    return;
                }
                // SAFETY: `block` is linked and stays allocated.
                rx.block = unsafe { next_or_grow(block) };
            }
        });
    }
    // ANCHOR_END: close
}

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
