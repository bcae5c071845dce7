//! The algorithm: claim, publish, pop, recycle, close.
//!
//! The list is a chain of blocks (`block.rs`). Senders share two words, the
//! claim counter `tail` and the search start `block_tail`; the receiver owns
//! `RxState` outright and publishes only its position (`head`, for `len`).

use super::block::{
    BLOCK_CAP, Block, CLOSED, ONE_CLAIM, RELEASED, RX_GONE, block_start, claimed_index, index_add,
    index_distance, next_or_grow, written_bit,
};
use crate::sync::{AtomicPtr, AtomicUsize, Ordering, UnsafeCell};
use std::ops::Deref;
use std::ptr;

/// Keeps a hot word on its own cache line (128 bytes: two lines, since
/// some CPUs prefetch lines in pairs).
#[repr(align(128))]
pub(super) struct Padded<T>(pub(super) T);

impl<T> Deref for Padded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Spare blocks kept ahead of the claim counter, in slots. Beyond this a
/// consumed block is freed instead of recycled (1024 slots on 64-bit).
const MAX_SPARE_SLOTS: usize = 32 * BLOCK_CAP;

// ANCHOR: list
/// The receiver's private state; only the receiver (and the final drop)
/// touches it.
struct RxState<T> {
    /// Next index to consume.
    index: usize,
    /// The block holding `index`, or the one before when `index` is the
    /// first slot of a block the receiver has not moved to yet.
    block: *mut Block<T>,
    /// The oldest block not yet recycled: the chain `free .. block` holds
    /// consumed blocks waiting until senders can no longer reach them.
    free: *mut Block<T>,
    /// The last block recycled to the end of the list: where the next
    /// recycled block's search for the end starts. Null when unknown.
    last_spare: *mut Block<T>,
}

/// An unbounded MPSC queue of `T`.
pub(super) struct List<T> {
    /// Claim counter: `index << 1 | CLOSED` (see `block.rs`).
    tail: Padded<AtomicUsize>,
    /// Where senders start looking for their slot's block: moved forward
    /// by the first sender that walks past a block.
    block_tail: Padded<AtomicPtr<Block<T>>>,
    /// The receiver's `index`, published for `len`.
    head: Padded<AtomicUsize>,
    rx: UnsafeCell<RxState<T>>,
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
            }),
        }
    }

    // ANCHOR: push
    /// Appends `value`; hands it back if the receiver is gone.
    pub(super) fn push(&self, value: T) -> Result<(), T> {
        // ORDERING: Acquire pairs with the Release `fetch_add(0)` in
        // `advance_block_tail`: a claim ordered after that one also sees
        // the moved `block_tail` (this is what makes recycling safe).
        let claim = self.tail.fetch_add(ONE_CLAIM, Ordering::Acquire);
        if claim & CLOSED != 0 {
            return Err(value);
        }
        let index = claimed_index(claim);
        let block = self.find_block(index);
        // SAFETY: the fetch_add gave this thread, and only it, `index`.
        unsafe { block.write(index, value) };
        // ORDERING: Release publishes the message to the receiver's Acquire
        // in `pop`, `close` and `park_on_head`. Acquire pairs with the
        // Release half of `park_on_head`'s RMW on this word: if the
        // receiver's RMW came first, its PARKED store is visible to the
        // `Parker::notify` load that follows this push.
        let prev = block.ready.fetch_or(written_bit(index), Ordering::AcqRel);
        if prev & RX_GONE != 0 {
            // SAFETY: `close` set RX_GONE before our bit, so it did not read
            // this slot and never will: the message is still ours.
            return Err(unsafe { block.read(index) });
        }
        Ok(())
    }
    // ANCHOR_END: push

    // ANCHOR: find_block
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
        // A read-modify-write, not a load: it is ordered with every claim,
        // so each claim is either below `observed` or acquires this
        // Release (pairs with the Acquire claim in `push`) and then never
        // loads `b` from `block_tail`.
        let observed = claimed_index(self.tail.fetch_add(0, Ordering::Release));
        // SAFETY: our CAS won, so we are the only writer, before RELEASED.
        unsafe { b.set_observed_tail(observed) };
        // ORDERING: Release pairs with the Acquire in `reclaim`.
        b.ready.fetch_or(RELEASED, Ordering::Release);
        true
    }
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
            // ORDERING: Acquire pairs with the publishing fetch_or in
            // `push`: the message is visible.
            let ready = block.ready.load(Ordering::Acquire);
            if ready & written_bit(rx.index) == 0 {
                return None;
            }
            // SAFETY: the bit is set and the receiver consumes each index
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
    fn head_block<'a>(&'a self, rx: &mut RxState<T>, grow: bool) -> Option<&'a Block<T>> {
        // SAFETY: `rx.block` is linked and only the receiver recycles it.
        let block = unsafe { &*rx.block };
        if block.start() == block_start(rx.index) {
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
        self.reclaim(rx);
        // SAFETY: linked after `block`; only the receiver recycles.
        Some(unsafe { &*next })
    }
    // ANCHOR_END: pop

    /// With the receiver's PARKED flag stored, performs a read-modify-write
    /// on the `ready` word of the block holding the next index, installing
    /// that block if needed. Returns whether the next message is there.
    ///
    /// # Safety
    /// Called only by the receiver.
    pub(super) unsafe fn park_on_head(&self) -> bool {
        self.rx.with_mut(|rx| {
            // SAFETY: the caller is the receiver, the sole user of `rx`.
            let rx = unsafe { &mut *rx };
            let block = self.head_block(rx, true).expect("grow installs");
            // ORDERING: Release half pairs with the Acquire half of the
            // publishing fetch_or in `push`; Acquire half with its Release
            // half. The two RMWs are ordered on this word: either we see the
            // message, or its sender sees our PARKED (see `Channel::park`).
            let ready = block.ready.fetch_or(0, Ordering::AcqRel);
            ready & written_bit(rx.index) != 0
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

    // ANCHOR: recycle
    /// Recycles the blocks of `free .. block` that no sender can reach.
    fn reclaim(&self, rx: &mut RxState<T>) {
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
            // `next` in `next_or_grow`; Acquire on failure pairs with the
            // winner's Release.
            match l.next.compare_exchange(
                ptr::null_mut(),
                spare,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return rx.last_spare = spare,
                Err(winner) => last = winner,
            }
        }
    }
    // ANCHOR_END: recycle

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
                // `push`: messages whose bits we see are visible.
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
