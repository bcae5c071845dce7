//! Storage: one block of the list, its slots and its `ready` word.
//!
//! Every bit encoding of the lock-free channel lives in this file (the
//! claim counter's is here too), so the algorithm in `list.rs` reads as
//! operations on named flags rather than on numbers.
//!
//! A block is `BLOCK_CAP` slots plus five words:
//!
//! ```text
//! start: UnsafeCell<usize>   index of slot 0; multiple of BLOCK_CAP
//! prev:  UnsafeCell<*mut>    the block linked before this one
//! next:  AtomicPtr<Block>    the following block, null until installed
//! ready: AtomicUsize         bits below, the only word senders write
//! observed_tail: UnsafeCell  claim counter seen when `block_tail` left us
//! slots: [Slot<T>; BLOCK_CAP]   the messages
//! ```
//!
//! For `T = u64` on a 64-bit target that is `(32 * 8 + 5 * 8) / 32 = 9.25`
//! bytes per slot. With knob `block_ready` off (`tune.rs`) each slot carries
//! its own state word beside its message instead of a bit in `ready`, and
//! `ready` keeps only `RELEASED`: 17.25 bytes per `u64` slot. How a slot is
//! marked written, read and settled in either layout is in `written.rs`.

use crate::sync::{AtomicPtr, AtomicUsize, Ordering, UnsafeCell};
use std::mem::MaybeUninit;
use std::ptr;

mod written;

// ANCHOR: encodings
/// Slots per block. Half a word's bits, so that `ready` has room for the
/// slot bits and the two flags: 32 on 64-bit targets. Under a model checker
/// blocks hold 2 slots, so that models of a few messages cross block
/// boundaries, install blocks and recycle them.
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
pub(super) const BLOCK_CAP: usize = usize::BITS as usize / 2;
#[cfg(any(chanlab_loom, feature = "shuttle"))]
pub(super) const BLOCK_CAP: usize = 2;

// `ready` word layout (a block's only word written by more than one thread):
//
//   bit i, i < BLOCK_CAP   slot i holds a message ("written"); set once by
//                          the slot's sender, never cleared while the block
//                          is linked
//   bit BLOCK_CAP          RELEASED: `block_tail` has moved past this block
//                          and `observed_tail` is valid
//   bit BLOCK_CAP + 1      RX_GONE: the receiver was dropped; a sender that
//                          finds this flag when it publishes takes its
//                          message back
/// `ready` flag: `block_tail` has left this block; `observed_tail` is set.
pub(super) const RELEASED: usize = 1 << BLOCK_CAP;
/// `ready` flag: the receiver is gone; nobody will read this block again.
/// (With knob `block_ready` off, each slot's state word has its own.)
#[cfg_attr(chanlab_off = "block_ready", allow(dead_code))]
pub(super) const RX_GONE: usize = 1 << (BLOCK_CAP + 1);

// Claim counter (`List::tail`) layout: `index << 1 | CLOSED`.
//
//   bit 0        CLOSED: the receiver was dropped; claims fail
//   bits 1..     index of the next slot to claim
//
// Indices therefore have `usize::BITS - 1` bits and wrap around: all index
// arithmetic goes through `index_add` and `index_distance`.
/// Claim-counter flag: the receiver was dropped.
pub(super) const CLOSED: usize = 1;
/// What one claim adds to the claim counter.
pub(super) const ONE_CLAIM: usize = 2;
/// The bits an index may use.
const INDEX_MASK: usize = usize::MAX >> 1;

/// The index of the next slot to claim, read from a claim-counter value.
pub(super) fn claimed_index(counter: usize) -> usize {
    counter >> 1
}

/// `index + n`, wrapping within the index width.
pub(super) fn index_add(index: usize, n: usize) -> usize {
    index.wrapping_add(n) & INDEX_MASK
}

/// How far `to` is ahead of `from`, wrapping within the index width.
pub(super) fn index_distance(from: usize, to: usize) -> usize {
    to.wrapping_sub(from) & INDEX_MASK
}

/// The bit of `ready` for slot index `index` (knob `block_ready` on).
#[cfg_attr(chanlab_off = "block_ready", allow(dead_code))]
pub(super) fn written_bit(index: usize) -> usize {
    1 << (index % BLOCK_CAP)
}

/// The `start` of the block holding slot `index`.
pub(super) fn block_start(index: usize) -> usize {
    index & !(BLOCK_CAP - 1)
}
// ANCHOR_END: encodings

// ANCHOR: block
/// A block of `BLOCK_CAP` message slots (layout in the module docs).
pub(super) struct Block<T> {
    start: UnsafeCell<usize>,
    prev: UnsafeCell<*mut Block<T>>,
    pub(super) next: AtomicPtr<Block<T>>,
    pub(super) ready: AtomicUsize,
    observed_tail: UnsafeCell<usize>,
    slots: [Slot<T>; BLOCK_CAP],
}

/// One message slot. With knob `block_ready` off, its state word lies
/// beside the message, so that a sender's write and its publish touch one
/// cache line (`written.rs`).
struct Slot<T> {
    value: UnsafeCell<MaybeUninit<T>>,
    #[cfg(chanlab_off = "block_ready")]
    state: AtomicUsize,
}
// ANCHOR_END: block

impl<T> Block<T> {
    /// Allocates an empty, unlinked block whose slot 0 is index `start`,
    /// to be linked after `prev`.
    ///
    /// The block is built in place on the heap, field by field: a block of
    /// large messages (32 slots of 64 KiB is 2 MiB) never passes through
    /// the stack, which would overflow a thread's default stack in a debug
    /// build. Every field is still made by its `new`, so that a model
    /// checker tracks it.
    pub(super) fn alloc(start: usize, prev: *mut Block<T>) -> *mut Block<T> {
        let mut block = Box::<Block<T>>::new_uninit();
        let p = block.as_mut_ptr();
        // SAFETY: `p` points to an allocation for a `Block<T>`, ours alone;
        // each write below initialises one field through a raw place, so
        // no reference to uninitialised memory is made.
        unsafe {
            (&raw mut (*p).start).write(UnsafeCell::new(start));
            (&raw mut (*p).prev).write(UnsafeCell::new(prev));
            (&raw mut (*p).next).write(AtomicPtr::new(ptr::null_mut()));
            (&raw mut (*p).ready).write(AtomicUsize::new(0));
            (&raw mut (*p).observed_tail).write(UnsafeCell::new(0));
            let slots = (&raw mut (*p).slots).cast::<Slot<T>>();
            for i in 0..BLOCK_CAP {
                let slot = slots.add(i);
                (&raw mut (*slot).value).write(UnsafeCell::new(MaybeUninit::uninit()));
                #[cfg(chanlab_off = "block_ready")]
                (&raw mut (*slot).state).write(AtomicUsize::new(0));
            }
        }
        // SAFETY: every field was initialised just above.
        Box::into_raw(unsafe { block.assume_init() })
    }

    /// Frees a block allocated by [`Block::alloc`]. Messages still in its
    /// slots are *not* dropped.
    ///
    /// # Safety
    /// `block` came from `alloc`, is not freed yet, and no other thread can
    /// reach it any more.
    pub(super) unsafe fn free(block: *mut Block<T>) {
        // SAFETY: per the contract, we own the allocation.
        drop(unsafe { Box::from_raw(block) });
    }

    /// Index of slot 0.
    pub(super) fn start(&self) -> usize {
        // SAFETY: `start` is written only by `reset`, while the block is
        // unreachable by any other thread (see `reset`); every reader got
        // the block through an Acquire load of a pointer that was published
        // after that write.
        self.start.with(|p| unsafe { *p })
    }

    /// The block linked before this one (null for the first block).
    pub(super) fn prev(&self) -> *mut Block<T> {
        // SAFETY: as for `start`: written only while unreachable.
        self.prev.with(|p| unsafe { *p })
    }

    /// Readies a recycled block for reuse at `start` after `prev`: no
    /// message, no flags, no successor.
    ///
    /// # Safety
    /// The caller has exclusive access: the block is unlinked and no sender
    /// can still hold a pointer to it (see `List::reclaim`).
    pub(super) unsafe fn reset(&self, start: usize, prev: *mut Block<T>) {
        // SAFETY: exclusive access per the contract.
        self.start.with_mut(|p| unsafe { *p = start });
        // SAFETY: exclusive access per the contract.
        self.prev.with_mut(|p| unsafe { *p = prev });
        // Relaxed: the block is published later by a Release CAS on a
        // predecessor's `next` (`list.rs`, `append_spare`).
        self.next.store(ptr::null_mut(), Ordering::Relaxed);
        self.ready.store(0, Ordering::Relaxed);
        self.reset_slots();
    }

    /// Stores the claim counter seen when `block_tail` left this block.
    ///
    /// # Safety
    /// Called once per linked lifetime, by the thread whose CAS moved
    /// `block_tail` off this block, before it sets `RELEASED`.
    pub(super) unsafe fn set_observed_tail(&self, tail: usize) {
        // SAFETY: only the winner of that CAS writes; the receiver reads it
        // only after seeing `RELEASED`, which is set after this write.
        self.observed_tail.with_mut(|p| unsafe { *p = tail });
    }

    /// The claim counter stored by `set_observed_tail`.
    ///
    /// # Safety
    /// The caller has seen `RELEASED` in `ready` with an Acquire load.
    pub(super) unsafe fn observed_tail(&self) -> usize {
        // SAFETY: the write happened before `RELEASED` was set (Release),
        // and the caller acquired that flag.
        self.observed_tail.with(|p| unsafe { *p })
    }

    /// Moves `value` into the slot of `index`.
    ///
    /// # Safety
    /// The caller claimed `index` (exactly one thread per index) and the
    /// slot's written bit is not set yet.
    pub(super) unsafe fn write(&self, index: usize, value: T) {
        let slot = &self.slots[index % BLOCK_CAP].value;
        // SAFETY: the claim makes this thread the slot's only accessor until
        // it sets the written bit.
        slot.with_mut(|p| unsafe { (*p).write(value) });
    }

    /// Moves the message out of the slot of `index`.
    ///
    /// # Safety
    /// The slot holds a message this thread owns: either the caller
    /// acquired its written bit and is the single consumer of it, or the
    /// caller wrote it and learned (through `RX_GONE`) that nobody else will
    /// read it. The slot must not be read again.
    pub(super) unsafe fn read(&self, index: usize) -> T {
        let slot = &self.slots[index % BLOCK_CAP].value;
        // SAFETY: the value is initialised and owned by us per the contract.
        slot.with(|p| unsafe { (*p).assume_init_read() })
    }
}

// ANCHOR: next_or_grow
/// The block after `block`, installing a new one if there is none yet.
///
/// Senders call this when they claim an index beyond the last block, the
/// receiver when it parks on or drains an index there.
///
/// # Safety
/// `block` is linked and stays allocated for the duration of the call.
pub(super) unsafe fn next_or_grow<T>(block: &Block<T>) -> *mut Block<T> {
    // ORDERING: Acquire pairs with the Release of the CAS below (or of
    // `append_spare` in list.rs) that linked the successor: its `start`
    // and zeroed `ready` are visible before we use it.
    let next = block.next.load(Ordering::Acquire);
    if !next.is_null() {
        return next;
    }
    let this = block as *const Block<T> as *mut Block<T>;
    let new = Block::alloc(index_add(block.start(), BLOCK_CAP), this);
    // ORDERING: Release on success publishes the new block's contents to
    // the Acquire loads of `next` above and in list.rs. Success needs no
    // Acquire: it reads only the null, and we use nothing another thread
    // wrote. Acquire on failure pairs with the winner's Release: we use its
    // block.
    match block
        .next
        .compare_exchange(ptr::null_mut(), new, Ordering::Release, Ordering::Acquire)
    {
        Ok(_) => new,
        Err(winner) => {
            // SAFETY: `new` never became reachable by another thread.
            unsafe { Block::free(new) };
            winner
        }
    }
}
// ANCHOR_END: next_or_grow
