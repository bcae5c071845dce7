//! Where a slot's "written" flag lives, and the four operations on it:
//! a sender publishes it, the receiver polls it, parks on it, and settles
//! it when it drops.
//!
//! Knob `block_ready` (`tune.rs`) picks one of two layouts:
//!
//! * **on** (the default): a bit per slot in the block's one `ready` word.
//!   A sender's publish is an RMW on a line every sender of the block
//!   shares; the receiver loads the word once for many messages and caches
//!   it (knob `rx_cache`), and a block costs one word for 32 slots.
//! * **off**: a state word per slot, beside the message, as in
//!   crossbeam-channel's list (`Slot::state`, `WRITE` and `READ` bits in
//!   `crossbeam-channel/src/flavors/list.rs`). A sender's write and publish
//!   touch one cache line that only its neighbours' slots share, and the
//!   receiver loads the line it reads the message from anyway; a slot
//!   costs a word more.
//!
//! Both keep the two RMW pairs the channel's correctness rests on, on one
//! word each: the sender's publish against the receiver's park (`park_on`,
//! the lost wake-up argument of `Channel::park`), and against the
//! receiver's drop (`settle`, each message dropped exactly once). Per
//! slot, the word is that slot's; the receiver only ever waits for, parks
//! on and settles one slot at a time, in index order.

use super::Block;
use crate::sync::Ordering;

#[cfg(not(chanlab_off = "block_ready"))]
use super::{RX_GONE, written_bit};
#[cfg(not(chanlab_off = "block_ready"))]
use crate::tune;

/// Slot state (knob `block_ready` off): the message is written.
#[cfg(chanlab_off = "block_ready")]
const WRITTEN: usize = 1;
/// Slot state (knob `block_ready` off): the receiver is gone; a sender
/// that finds this when it publishes takes its message back.
#[cfg(chanlab_off = "block_ready")]
const GONE: usize = 2;

// ANCHOR: shared
#[cfg(not(chanlab_off = "block_ready"))]
impl<T> Block<T> {
    /// Marks the slot of `index` written (its message is in place);
    /// returns whether the receiver was already gone, in which case the
    /// message is still the caller's.
    pub(in crate::lockfree) fn publish_slot(&self, index: usize) -> bool {
        // ORDERING: Release publishes the message to the receiver's Acquire
        // loads in `poll_slot` and `settle`. Acquire pairs with the Release
        // of `park_on`'s RMW on this word: if the receiver's RMW came
        // first, its PARKED store is visible to the `Parker::notify` load
        // that follows this publish. An add, not an `or`: the bit is clear
        // (one claim per index), so both set it, but x86 adds and returns
        // the old value in one instruction (`lock xadd`), where an `or`
        // that returns it is a load and a CAS loop that retries whenever
        // the receiver's load took the line between.
        let prev = if tune::XADD {
            self.ready.fetch_add(written_bit(index), Ordering::AcqRel)
        } else {
            // ORDERING: as the `fetch_add` above (knob `xadd` off).
            // ABLATION: compiled only with knob `xadd` off (`tune.rs`); the
            // `fetch_add` above is the same RMW and carries the rows.
            self.ready.fetch_or(written_bit(index), Ordering::AcqRel)
        };
        prev & RX_GONE != 0
    }

    /// Whether the slot of `index` is written; `cache` is the receiver's
    /// last `ready` load from this block (0 after moving to it). Bits only
    /// get set while a block is linked, so a bit seen stays true, and the
    /// word is reloaded only when the bit needed is missing (knob
    /// `rx_cache`).
    pub(in crate::lockfree) fn poll_slot(&self, index: usize, cache: &mut usize) -> bool {
        let bit = written_bit(index);
        if *cache & bit == 0 || !tune::RX_CACHE {
            // ORDERING: Acquire pairs with the publishing RMW in
            // `publish_slot`: the messages of every bit read are visible.
            *cache = self.ready.load(Ordering::Acquire);
        }
        *cache & bit != 0
    }

    /// The receiver's RMW before it parks waiting for `index`, its PARKED
    /// flag stored: returns whether that message is already written.
    pub(in crate::lockfree) fn park_on(&self, index: usize) -> bool {
        // ORDERING: Release pairs with the Acquire half of the publishing
        // RMW in `publish_slot`. The two RMWs are ordered on this word:
        // either we read the message's bit, or its sender sees our PARKED
        // (see `Channel::park`). No Acquire: a bit read here only stops the
        // park, and `poll_slot` acquires the message.
        self.ready.fetch_or(0, Ordering::Release) & written_bit(index) != 0
    }

    /// The receiver's drop settles the slot of `index`: returns whether its
    /// message was written before the receiver left, and is therefore the
    /// drop's to drop. `cache` holds what the block's one RX_GONE RMW
    /// returned (None before it ran), since a second RMW would also return
    /// the bits of senders that published after RX_GONE and took their
    /// messages back.
    pub(in crate::lockfree) fn settle(&self, index: usize, cache: &mut Option<usize>) -> bool {
        let ready = match *cache {
            Some(ready) => ready,
            // ORDERING: Acquire pairs with the publishing RMW in
            // `publish_slot`: messages whose bits we see are visible.
            // Release pairs with that same AcqRel RMW when it comes later
            // and reads RX_GONE: the receiver's CLOSED `fetch_or` happens
            // before the sender's `Disconnected`, so its `len()` afterwards
            // reads CLOSED and says 0, as documented.
            None => *cache.insert(self.ready.fetch_or(RX_GONE, Ordering::AcqRel)),
        };
        ready & written_bit(index) != 0
    }

    /// Clears every slot's flag for a recycled block: nothing to do, the
    /// bits live in `ready`, which `reset` clears.
    pub(super) fn reset_slots(&self) {}
}
// ANCHOR_END: shared

// ANCHOR: per_slot
#[cfg(chanlab_off = "block_ready")]
impl<T> Block<T> {
    /// Marks the slot of `index` written (its message is in place);
    /// returns whether the receiver was already gone, in which case the
    /// message is still the caller's.
    pub(in crate::lockfree) fn publish_slot(&self, index: usize) -> bool {
        let state = &self.slots[index % super::BLOCK_CAP].state;
        // ORDERING: Release publishes the message to the receiver's Acquire
        // loads in `poll_slot` and `settle`. Acquire pairs with the Release
        // of `park_on`'s RMW on this slot's word: if the receiver's RMW
        // came first, its PARKED store is visible to the `Parker::notify`
        // load that follows this publish. An add of the clear WRITTEN bit
        // (one claim per index) is one `lock xadd` on x86.
        // ABLATION: compiled only with knob `block_ready` off, which the
        // default loom build leaves out; built with
        // `CHANLAB_PERF_OFF=block_ready`, loom catches each half's weakening
        // (`lockfree::blocks::len_counts_only_claimed_messages`,
        // `lockfree::blocks::late_claim_does_not_search_from_a_recycled_block`).
        state.fetch_add(WRITTEN, Ordering::AcqRel) & GONE != 0
    }

    /// Whether the slot of `index` is written. `cache` is unused: each slot
    /// has its own word, loaded from the line that holds its message.
    pub(in crate::lockfree) fn poll_slot(&self, index: usize, _cache: &mut usize) -> bool {
        let state = &self.slots[index % super::BLOCK_CAP].state;
        // ORDERING: Acquire pairs with the publishing RMW in `publish_slot`:
        // the message is visible.
        // ABLATION: compiled only with knob `block_ready` off, which the
        // default loom build leaves out; built with
        // `CHANLAB_PERF_OFF=block_ready`, loom catches it as Relaxed
        // (`lockfree::slots::receiver_parks_behind_a_stalled_slot` and 15 more).
        state.load(Ordering::Acquire) & WRITTEN != 0
    }

    /// The receiver's RMW before it parks waiting for `index`, its PARKED
    /// flag stored: returns whether that message is already written.
    pub(in crate::lockfree) fn park_on(&self, index: usize) -> bool {
        let state = &self.slots[index % super::BLOCK_CAP].state;
        // ORDERING: Release pairs with the Acquire half of the publishing
        // RMW on this slot's word in `publish_slot`: either we read
        // WRITTEN, or its sender sees our PARKED (see `Channel::park`). The
        // receiver waits for one index at a time, whose sender publishes
        // on this word. No Acquire: `poll_slot` acquires the message.
        // ABLATION: compiled only with knob `block_ready` off, which the
        // default loom build leaves out; built with
        // `CHANLAB_PERF_OFF=block_ready`, loom catches it as Relaxed
        // (`lockfree::blocks::len_counts_only_claimed_messages`).
        state.fetch_or(0, Ordering::Release) & WRITTEN != 0
    }

    /// The receiver's drop settles the slot of `index`: returns whether its
    /// message was written before the receiver left, and is therefore the
    /// drop's to drop. One RMW per slot; `cache` is unused.
    pub(in crate::lockfree) fn settle(&self, index: usize, _cache: &mut Option<usize>) -> bool {
        let state = &self.slots[index % super::BLOCK_CAP].state;
        // ORDERING: Acquire pairs with the publishing RMW in `publish_slot`:
        // a message seen WRITTEN is visible. Release pairs with that RMW
        // when it comes later and reads GONE: the receiver's CLOSED
        // `fetch_or` happens before the sender's `Disconnected`, so its
        // `len()` afterwards reads CLOSED and says 0, as documented.
        // ABLATION: compiled only with knob `block_ready` off, which the
        // default loom build leaves out; built with
        // `CHANLAB_PERF_OFF=block_ready`, loom catches each half's weakening
        // (`lockfree::len_is_zero_after_a_send_saw_the_receiver_gone`).
        state.fetch_or(GONE, Ordering::AcqRel) & WRITTEN != 0
    }

    /// Clears every slot's state for a recycled block.
    pub(super) fn reset_slots(&self) {
        for slot in &self.slots {
            // Relaxed: as `ready` in `reset`, the block is published later
            // by a Release CAS on a predecessor's `next`.
            slot.state.store(0, Ordering::Relaxed);
        }
    }
}
// ANCHOR_END: per_slot
