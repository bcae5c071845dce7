//! Recycling: consumed blocks go back to the end of the list.

use super::block::{BLOCK_CAP, Block, RELEASED, claimed_index, index_add, index_distance};
use super::list::{List, RxState};
use crate::sync::Ordering;
use std::ptr;

/// Spare blocks kept ahead of the claim counter, in slots. Beyond this a
/// consumed block is freed instead of recycled (1024 slots on 64-bit).
const MAX_SPARE_SLOTS: usize = 32 * BLOCK_CAP;

impl<T> List<T> {
    // ANCHOR: recycle
    /// Recycles the blocks of `free .. block` that no sender can reach.
    pub(super) fn reclaim(&self, rx: &mut RxState<T>) {
        while rx.free != rx.block {
            // SAFETY: blocks of `free .. block` are linked and only the
            // receiver recycles them.
            let b = unsafe { &*rx.free };
            // ORDERING: Acquire pairs with the fetch_or(RELEASED) in
            // `advance_block_tail`: `observed_tail` is visible.
            if b.ready.load(Ordering::Acquire) & RELEASED == 0 {
                return;
            }
            // SAFETY: RELEASED was acquired just above.
            let observed = unsafe { b.observed_tail() };
            // Every claim below `observed` must be consumed: its sender has
            // then finished with every block (it writes its slot last).
            // Claims from `observed` on start their search past `b` and
            // walk back (along `prev`) no further than their own block,
            // which is after `b`.
            if index_distance(b.start(), rx.index) < index_distance(b.start(), observed) {
                return;
            }
            let spare = rx.free;
            // Relaxed: the receiver already acquired this `next` when it
            // moved `rx.block` forward.
            rx.free = b.next.load(Ordering::Relaxed);
            self.append_spare(rx, spare);
        }
    }

    /// Links a consumed block at the end of the list for senders to reuse,
    /// or frees it if enough spares are queued up.
    fn append_spare(&self, rx: &mut RxState<T>, spare: *mut Block<T>) {
        if rx.last_spare == spare {
            rx.last_spare = ptr::null_mut();
        }
        let mut last = rx.last_spare;
        if last.is_null() {
            // ORDERING: Acquire pairs with the Release CAS in
            // `advance_block_tail`.
            last = self.block_tail.load(Ordering::Acquire);
        }
        loop {
            // SAFETY: linked blocks other than `spare` are not recycled
            // while the receiver is in here, and freed only at the end.
            let l = unsafe { &*last };
            // ORDERING: Acquire pairs with the CAS that linked `next`.
            let next = l.next.load(Ordering::Acquire);
            if !next.is_null() {
                last = next;
                continue;
            }
            let start = index_add(l.start(), BLOCK_CAP);
            let ahead = index_distance(claimed_index(self.tail.load(Ordering::Relaxed)), start);
            if ahead > MAX_SPARE_SLOTS && ahead <= usize::MAX >> 2 {
                // SAFETY: `spare` was unlinked by `reclaim`, unreachable.
                unsafe { Block::free(spare) };
                return;
            }
            // SAFETY: `reclaim` showed no sender can reach `spare`.
            unsafe { (*spare).reset(start, last) };
            // ORDERING: Release publishes the reset to the Acquire loads of
            // `next` in `next_or_grow`. Success reads only the null: no
            // Acquire. Acquire on failure pairs with the winner's Release,
            // as we walk on into its block.
            match l.next.compare_exchange(
                ptr::null_mut(),
                spare,
                Ordering::Release,
                Ordering::Acquire,
            ) {
                Ok(_) => return rx.last_spare = spare,
                Err(winner) => last = winner,
            }
        }
    }
    // ANCHOR_END: recycle
}
