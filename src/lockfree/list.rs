//! The algorithm: claim, publish, pop, recycle, close.
//!
//! The list is a chain of blocks (`block.rs`). Senders share two words, the
//! claim counter `tail` and the search start `block_tail`; the receiver owns
//! `RxState` outright and publishes only its position (`head`, for `len`).
//! Recycling is in `recycle.rs`, the receiver's drop in `close.rs`.

use super::block::{
    BLOCK_CAP, Block, CLOSED, ONE_CLAIM, RELEASED, block_start, claimed_index, index_add,
    index_distance, next_or_grow,
};
use crate::sync::{AtomicPtr, AtomicUsize, Ordering, UnsafeCell};
use crate::tune;
use std::ops::Deref;
use std::ptr;

/// Keeps a hot word on its own cache line (128 bytes: two lines, since
/// some CPUs prefetch lines in pairs). Knob `padding` (`tune.rs`).
#[cfg_attr(not(chanlab_off = "padding"), repr(align(128)))]
pub(super) struct Padded<T>(pub(super) T);

impl<T> Deref for Padded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

// ANCHOR: list
/// The receiver's private state; only the receiver (and the final drop)
/// touches it.
pub(super) struct RxState<T> {
    /// Next index to consume.
    pub(super) index: usize,
    /// The block holding `index`, or the one before when `index` is the
    /// first slot of a block the receiver has not moved to yet.
    pub(super) block: *mut Block<T>,
    /// The oldest block not yet recycled: the chain `free .. block` holds
    /// consumed blocks waiting until senders can no longer reach them.
    pub(super) free: *mut Block<T>,
    /// The last block recycled to the end of the list: where the next
    /// recycled block's search for the end starts. Null when unknown.
    pub(super) last_spare: *mut Block<T>,
    /// The last `ready` word loaded from `block` (0 after moving to a new
    /// block): bits only get set while a block is linked, so a bit seen
    /// here stays true, and `pop` reloads only when the bit it needs is
    /// missing. Knob `rx_cache` (`tune.rs`); unused with knob
    /// `block_ready` off, where each slot has its own word.
    pub(super) ready: usize,
}

/// An unbounded MPSC queue of `T`.
pub(super) struct List<T> {
    /// Claim counter: `index << 1 | CLOSED` (see `block.rs`).
    pub(super) tail: Padded<AtomicUsize>,
    /// Where senders start looking for their slot's block: moved forward
    /// by the first sender that walks past a block.
    pub(super) block_tail: Padded<AtomicPtr<Block<T>>>,
    /// The receiver's `index`, published for `len`.
    pub(super) head: Padded<AtomicUsize>,
    pub(super) rx: UnsafeCell<RxState<T>>,
}
// ANCHOR_END: list

impl<T> List<T> {
    pub(super) fn new() -> Self {
        let first = Block::alloc(0, ptr::null_mut());
        List {
            tail: Padded(AtomicUsize::new(0)),
            block_tail: Padded(AtomicPtr::new(first)),
            head: Padded(AtomicUsize::new(0)),
            rx: UnsafeCell::new(RxState {
                index: 0,
                block: first,
                free: first,
                last_spare: ptr::null_mut(),
                ready: 0,
            }),
        }
    }

    // ANCHOR: push
    /// Claims the next index for a message; `None` if the receiver is
    /// gone. The caller then publishes the claim, once, with
    /// [`publish`](List::publish); until then `pop` finds nothing.
    pub(super) fn claim(&self) -> Option<usize> {
        if tune::CLAIM_BACKOFF {
            return self.claim_backoff();
        }
        // ORDERING: as the compare-exchange in `claim_backoff` (knob
        // `claim_backoff` off).
        // ABLATION: compiled only with knob `claim_backoff` off
        // (`tune.rs`); the compare-exchange in `claim_backoff` is the same
        // claim with the same ordering and carries the row. Before the knob
        // this was the claim, and loom caught it as Relaxed
        // (`lockfree::blocks::late_claim_does_not_search_from_a_recycled_block`).
        let claim = self.tail.fetch_add(ONE_CLAIM, Ordering::Acquire);
        (claim & CLOSED == 0).then_some(claimed_index(claim))
    }

    /// Moves `value` into the claimed slot `index` and publishes it; hands
    /// it back if the receiver is gone.
    ///
    /// # Safety
    /// `index` came from [`claim`](List::claim) on this list and is
    /// published once.
    pub(super) unsafe fn publish(&self, index: usize, value: T) -> Result<(), T> {
        let block = self.find_block(index);
        // SAFETY: the claim's read-modify-write gave this thread, and only
        // it, `index` (caller's contract).
        unsafe { block.write(index, value) };
        // The publish (`written.rs`): an RMW whose Release hands the message
        // to the receiver and whose Acquire pairs with the receiver's park.
        if block.publish_slot(index) {
            // SAFETY: `close` marked the slot settled before our publish,
            // so it did not read this slot and never will: the message is
            // still ours.
            return Err(unsafe { block.read(index) });
        }
        Ok(())
    }
    // ANCHOR_END: push

    // ANCHOR: find_block
    // ANCHOR: walk
    /// The block holding `index`: walks from `block_tail` forward (installing
    /// blocks as needed, and moving `block_tail` on) or, if a faster sender
    /// has already moved `block_tail` past our block, back along `prev`.
    fn find_block(&self, index: usize) -> &Block<T> {
        let start = block_start(index);
        // ORDERING: Acquire pairs with the Release CAS in
        // `advance_block_tail`: the block's contents are visible.
        let mut block = self.block_tail.load(Ordering::Acquire);
        let mut advancing = true;
        loop {
            // SAFETY: no block between ours and the one we stand on is
            // recycled while our claim is unconsumed, nor is one we loaded
            // from `block_tail` (see `reclaim`); none is freed while this
            // sender holds its `Arc`.
            let b = unsafe { &*block };
            let ahead = index_distance(b.start(), start);
            if ahead == 0 {
                return b;
            }
            if ahead > usize::MAX >> 2 {
                block = b.prev(); // our block is behind `b`
                continue;
            }
            // SAFETY: as above, `b` stays allocated.
            let next = unsafe { next_or_grow(b) };
            advancing = advancing && self.advance_block_tail(b, next);
            block = next;
        }
    }

    // ANCHOR_END: walk

    // ANCHOR: advance
    /// Moves `block_tail` from `b` to `next`, if it is still at `b`.
    /// Called by a sender walking past `b`: its claim is beyond `b`, so
    /// every slot of `b` is claimed. Returns whether it moved.
    fn advance_block_tail(&self, b: &Block<T>, next: *mut Block<T>) -> bool {
        let current = b as *const Block<T> as *mut Block<T>;
        // ORDERING: Release pairs with the Acquire load in `find_block`
        // and `append_spare` (the block behind `next` is visible).
        let moved =
            self.block_tail
                .compare_exchange(current, next, Ordering::Release, Ordering::Relaxed);
        if moved.is_err() {
            return false;
        }
        // ORDERING: a read-modify-write, not a load: it is ordered with every claim,
        // so each claim is either below `observed` or acquires this
        // Release (pairs with the Acquire `claim`) and then never
        // loads `b` from `block_tail`.
        let observed = claimed_index(self.tail.fetch_add(0, Ordering::Release));
        // SAFETY: our CAS won, so we are the only writer, before RELEASED.
        unsafe { b.set_observed_tail(observed) };
        // ORDERING: Release pairs with the Acquire in `reclaim`.
        b.ready.fetch_or(RELEASED, Ordering::Release);
        true
    }
    // ANCHOR_END: advance
    // ANCHOR_END: find_block

    // ANCHOR: pop
    /// Takes the next message, if it has been published.
    ///
    /// # Safety
    /// Called only by the receiver, never concurrently with itself.
    pub(super) unsafe fn pop(&self) -> Option<T> {
        self.rx.with_mut(|rx| {
            // SAFETY: the caller is the receiver, the sole user of `rx`.
            let rx = unsafe { &mut *rx };
            let block = self.head_block(rx, false)?;
            // An Acquire load of the slot's flag (`written.rs`), or of a
            // cached `ready` word.
            if !block.poll_slot(rx.index, &mut rx.ready) {
                return None;
            }
            // SAFETY: the flag is set and the receiver consumes each index
            // once: the slot holds a message nobody else reads.
            let value = unsafe { block.read(rx.index) };
            rx.index = index_add(rx.index, 1);
            // ORDERING: Release pairs with the Acquire in `len`.
            self.head.store(rx.index, Ordering::Release);
            Some(value)
        })
    }

    /// The block holding `rx.index`: moves `rx.block` on when `index` has
    /// left it (recycling what it can), installing the next block if `grow`.
    /// `None` if that block does not exist yet and `!grow`.
    pub(super) fn head_block<'a>(
        &'a self,
        rx: &mut RxState<T>,
        grow: bool,
    ) -> Option<&'a Block<T>> {
        // SAFETY: `rx.block` is linked and only the receiver recycles it.
        let block = unsafe { &*rx.block };
        // Mid-block, `rx.block` holds `index` (see `RxState::block`): no
        // need to read `start`, which shares a line with `ready`.
        if !rx.index.is_multiple_of(BLOCK_CAP) || block.start() == block_start(rx.index) {
            return Some(block);
        }
        let next = if grow {
            // SAFETY: `block` is linked and stays allocated.
            unsafe { next_or_grow(block) }
        } else {
            // ORDERING: Acquire pairs with the Release CAS that linked it.
            block.next.load(Ordering::Acquire)
        };
        if next.is_null() {
            return None;
        }
        rx.block = next;
        rx.ready = 0;
        self.reclaim(rx);
        // SAFETY: linked after `block`; only the receiver recycles.
        Some(unsafe { &*next })
    }
    // ANCHOR_END: pop

    /// With the receiver's PARKED flag stored, performs a read-modify-write
    /// on the word that holds the next index's written flag, installing
    /// that block if needed. Returns whether the next message is there.
    ///
    /// # Safety
    /// Called only by the receiver.
    pub(super) unsafe fn park_on_head(&self) -> bool {
        self.rx.with_mut(|rx| {
            // SAFETY: the caller is the receiver, the sole user of `rx`.
            let rx = unsafe { &mut *rx };
            let block = self.head_block(rx, true).expect("grow installs");
            // A Release RMW on the word the next message's sender publishes
            // on (`written.rs`): either it reads the message's flag, or that
            // sender sees our PARKED (see `Channel::park`).
            block.park_on(rx.index)
        })
    }

    /// Number of claimed, unconsumed slots (those still being written
    /// included); 0 once the receiver is gone.
    pub(super) fn len(&self) -> usize {
        // ORDERING: Acquire pairs with the Release store in `pop`: the
        // claims of consumed messages are visible, so `tail >= head`.
        let head = self.head.load(Ordering::Acquire);
        let tail = self.tail.load(Ordering::Relaxed);
        if tail & CLOSED != 0 {
            return 0;
        }
        index_distance(head, claimed_index(tail))
    }
}
