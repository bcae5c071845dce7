//! Storage: the slot array, its stamps, and every bit encoding of the ring.
//!
//! # Encodings (the only place they are defined)
//!
//! A *position* names one use of one slot: `{ lap, index }` packed into the
//! low [`POS_BITS`] bits of a word as `lap * one_lap + index`, where
//! `index < cap` and `one_lap` is a power of two (see [`Layout`]). Positions
//! grow by [`Layout::next`] and wrap modulo `2^POS_BITS`, which `one_lap`
//! divides, so wrapping never mixes two laps.
//!
//! ```text
//!  bit  63         62         61          60 ................ 0
//! tail  RECEIVER_  RX_PARKED  SENDERS_    position of the next slot to claim
//!       GONE                  GONE
//! head  TX_PARKED  0          0           position of the next slot to read
//! stamp 0          0          0           a position, or a position + 1
//! ```
//!
//! (on a 64-bit target; the flags are always the top three bits). A slot's
//! stamp tells who may touch it, relative to the position `p` of its current
//! lap:
//!
//! | stamp          | meaning                                             |
//! |----------------|-----------------------------------------------------|
//! | `p`            | empty: the sender that claims position `p` may write |
//! | `p + 1`        | full: the receiver at position `p` may read          |
//! | `p + one_lap`  | read: empty for the next lap (stamp `p'` = `p + one_lap`) |
//!
//! `p + 1` stays inside the lap because `index + 1 <= cap < one_lap`: that is
//! why `one_lap` is `(cap + 1).next_power_of_two()` and not `cap`. The naive
//! layout ([`Layout::naive`], models only) takes `one_lap = cap`; at
//! capacity 1 a full slot of lap `k` (`p + 1`) then reads as the empty slot
//! of lap `k + 1`, and a second sender overwrites an unread message.

use crate::sync::{AtomicUsize, UnsafeCell};
use std::mem::MaybeUninit;

// ANCHOR: encoding
/// Bits of a word that hold a position.
pub(super) const POS_BITS: u32 = usize::BITS - 3;
/// Mask of the position bits.
pub(super) const POS_MASK: usize = (1 << POS_BITS) - 1;

/// `tail` flag: the receiver is gone; no slot may be claimed any more.
pub(super) const RECEIVER_GONE: usize = 1 << (usize::BITS - 1);
/// `tail` flag: the receiver is parked (or about to park) on an empty ring;
/// the sender whose claim clears it must wake the receiver.
pub(super) const RX_PARKED: usize = 1 << (usize::BITS - 2);
/// `tail` flag: the last sender is gone.
pub(super) const SENDERS_GONE: usize = 1 << (usize::BITS - 3);
/// `head` flag: at least one sender is parked on a full ring; the receive
/// that clears it must wake one.
pub(super) const TX_PARKED: usize = 1 << (usize::BITS - 1);
// ANCHOR_END: encoding

// ANCHOR: limit
/// The largest capacity a ring supports where `usize` has `bits` bits:
/// `2^(bits - 5) - 1`.
///
/// The stamp argument needs the stamps of one slot in its previous lap
/// (`p - one_lap`: full) and its next lap (`p + one_lap`: read) to differ,
/// or a sender holding a stale `tail` takes a freed slot for a full one and
/// parks. Positions wrap modulo `2^POS_BITS`, so those two coincide when
/// only two laps fit; laps are powers of two, so at least four must fit:
/// `one_lap = (cap + 1).next_power_of_two() <= 2^(POS_BITS - 2)`. That is
/// `2^59 - 1` slots on 64-bit targets and `2^27 - 1` on 32-bit ones.
pub(super) const fn max_capacity(bits: u32) -> u64 {
    let pos_bits = bits - 3; // as POS_BITS: three flag bits
    (1 << (pos_bits - 2)) - 1
}

/// [`max_capacity`] of this target.
pub(super) const MAX_CAPACITY: usize = max_capacity(usize::BITS) as usize;
// ANCHOR_END: limit

// ANCHOR: layout
/// The constants that map positions to slots.
#[derive(Clone, Copy, Debug)]
pub(super) struct Layout {
    /// Number of slots.
    pub(super) cap: usize,
    /// The position `{ lap: 1, index: 0 }`; a power of two.
    pub(super) one_lap: usize,
}

impl Layout {
    /// The layout for `cap` slots.
    ///
    /// # Panics
    ///
    /// If `cap` is 0 or above [`MAX_CAPACITY`]. Nothing is allocated yet.
    pub(super) fn new(cap: usize) -> Layout {
        assert!(cap > 0, "a ring needs at least one slot");
        assert!(
            cap <= MAX_CAPACITY,
            "chanlab::ring::sync_channel({cap}): capacity above the limit of {MAX_CAPACITY} \
             slots (2^{} - 1), where a slot's stamps for its previous and next laps \
             would coincide",
            usize::BITS - 5
        );
        let one_lap = (cap + 1).next_power_of_two();
        Layout { cap, one_lap }
    }

    /// The broken "stamp = position" layout: `one_lap = cap`, so positions
    /// form one plain counter. Only for models that show why [`Layout::new`]
    /// leaves a gap. `cap` must be a power of two (the index is a mask).
    #[cfg(chanlab_loom)]
    pub(super) fn naive(cap: usize) -> Layout {
        assert!(
            cap.is_power_of_two(),
            "the naive layout needs a power of two"
        );
        Layout { cap, one_lap: cap }
    }

    // ANCHOR: helpers
    /// The slot index of position `pos`.
    #[inline]
    pub(super) fn index(&self, pos: usize) -> usize {
        debug_assert_eq!(pos & !POS_MASK, 0, "flags in a position");
        let index = pos & (self.one_lap - 1);
        debug_assert!(index < self.cap, "position {pos:#x} names no slot");
        index
    }

    /// The lap part of position `pos` (its index bits cleared).
    #[inline]
    pub(super) fn lap(&self, pos: usize) -> usize {
        pos & !(self.one_lap - 1) & POS_MASK
    }

    /// The position after `pos`: the next index, or index 0 of the next lap.
    #[inline]
    pub(super) fn next(&self, pos: usize) -> usize {
        if self.index(pos) + 1 < self.cap {
            pos + 1
        } else {
            self.lap(pos).wrapping_add(self.one_lap) & POS_MASK
        }
    }

    /// Position `pos` one lap later: the stamp of a slot after its read.
    #[inline]
    pub(super) fn next_lap(&self, pos: usize) -> usize {
        pos.wrapping_add(self.one_lap) & POS_MASK
    }

    /// Position `pos` one lap earlier.
    #[inline]
    pub(super) fn prev_lap(&self, pos: usize) -> usize {
        pos.wrapping_sub(self.one_lap) & POS_MASK
    }
    // ANCHOR_END: helpers

    /// Number of positions from `head` to `tail` (both without flags), given
    /// that at most `cap` lie between them. Never more than `cap`, even for
    /// positions that do not meet that condition.
    pub(super) fn distance(&self, head: usize, tail: usize) -> usize {
        let (hix, tix) = (self.index(head), self.index(tail));
        if hix < tix {
            tix - hix
        } else if hix > tix {
            self.cap - hix + tix
        } else if head == tail {
            0
        } else {
            self.cap
        }
    }
}
// ANCHOR_END: layout

// ANCHOR: slot
/// One cell of the ring: a stamp and room for one message.
pub(super) struct Slot<T> {
    /// See the table in the module docs.
    pub(super) stamp: AtomicUsize,
    msg: UnsafeCell<MaybeUninit<T>>,
}

impl<T> Slot<T> {
    /// An empty slot for position `pos` of lap 0.
    pub(super) fn new(pos: usize) -> Self {
        Slot {
            stamp: AtomicUsize::new(pos),
            msg: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    /// Moves `msg` into the slot.
    ///
    /// # Safety
    ///
    /// The caller has claimed this slot's current position (its stamp equals
    /// that position and its claim CAS on `tail` succeeded), so no other
    /// thread reads or writes the message until the caller's stamp store.
    pub(super) unsafe fn write(&self, msg: T) {
        // SAFETY: exclusive access, by the caller's contract.
        self.msg
            .with_mut(|p| unsafe { p.write(MaybeUninit::new(msg)) });
    }

    /// Moves the message out of the slot.
    ///
    /// # Safety
    ///
    /// The caller is the only reader (the receiver, or the receiver's drop),
    /// has seen the stamp `position + 1` with `Acquire` (so the write
    /// happened-before), and reads each written position once.
    pub(super) unsafe fn read(&self) -> T {
        // SAFETY: initialised and not concurrently accessed, by the contract.
        self.msg.with(|p| unsafe { p.read().assume_init() })
    }
}
// ANCHOR_END: slot

// ANCHOR: padded
/// Keeps `head` and `tail` on different cache lines, so the receiver's
/// stores do not invalidate the line senders CAS on. 128 bytes on x86-64
/// and aarch64 (their prefetchers fetch line pairs), 64 elsewhere. Knob
/// `padding` (`tune.rs`).
#[cfg_attr(
    all(
        not(chanlab_off = "padding"),
        any(target_arch = "x86_64", target_arch = "aarch64")
    ),
    repr(align(128))
)]
#[cfg_attr(
    all(
        not(chanlab_off = "padding"),
        not(any(target_arch = "x86_64", target_arch = "aarch64"))
    ),
    repr(align(64))
)]
pub(super) struct CachePadded<T>(pub(super) T);

impl<T> std::ops::Deref for CachePadded<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
// ANCHOR_END: padded

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_for_32_and_64_bit_targets() {
        assert_eq!(max_capacity(32), (1 << 27) - 1);
        assert_eq!(max_capacity(64), (1 << 59) - 1);
        assert_eq!(MAX_CAPACITY as u64, max_capacity(usize::BITS));
    }

    #[test]
    fn four_laps_fit_at_the_limit_and_two_just_above() {
        let laps = |cap: usize| (1usize << POS_BITS) / (cap + 1).next_power_of_two();
        assert_eq!(laps(MAX_CAPACITY), 4);
        assert_eq!(laps(MAX_CAPACITY + 1), 2);
        let layout = Layout::new(MAX_CAPACITY);
        let pos = layout.one_lap * 3 + 5;
        assert_ne!(layout.prev_lap(pos), layout.next_lap(pos));
        assert_eq!(
            layout.next_lap(layout.next_lap(pos)),
            layout.prev_lap(layout.prev_lap(pos))
        );
    }
}
