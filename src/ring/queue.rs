//! The algorithm: Vyukov's bounded queue, specialised to one consumer.
//!
//! Senders claim a position with a CAS on `tail`, write the message, then
//! publish it by storing `position + 1` into the slot's stamp. The receiver
//! owns `head`: it reads the slot whose stamp says "full", stores the next
//! lap's position into the stamp (freeing it) and moves `head` on with a
//! `swap`. The flags in `tail` and `head` (see `slots.rs`) let each side
//! learn, from an operation it performs anyway, whether the other side is
//! parked. `waiters.rs` does the parking; it calls this file, not the reverse.

use super::slots::{
    CachePadded, Layout, POS_MASK, RECEIVER_GONE, RX_PARKED, SENDERS_GONE, Slot, TX_PARKED,
};
use crate::finish::run_to_end;
use crate::sync::{self, AtomicUsize, Ordering};

/// The outcome of [`Queue::try_claim`].
pub(super) enum Claim {
    /// The caller owns position `pos`; `wake_rx`: its claim cleared
    /// [`RX_PARKED`], so it must wake the receiver after publishing.
    Slot { pos: usize, wake_rx: bool },
    /// The ring is full; `pos` is the tail position that found no room.
    Full(usize),
    /// The receiver is gone.
    Disconnected,
}

/// The outcome of [`Queue::try_pop`].
pub(super) enum Pop<T> {
    /// A message; `wake_tx`: the pop cleared [`TX_PARKED`].
    Msg(T, bool),
    /// The head slot is claimed but its message not yet published.
    Pending,
    /// Nothing claimed at the head; `senders` remain.
    Empty,
    /// Nothing claimed at the head and every sender is gone.
    Disconnected,
}

/// The receiver's raised [`RX_PARKED`] flag ([`Queue::set_rx_parked`]).
pub(super) struct RxParked {
    /// `tail` as the raising RMW found it.
    before: usize,
    /// Whether the receiver may park: no slot was claimed at its `head`
    /// and a sender is left.
    pub(super) may_park: bool,
}

// ANCHOR: queue
/// The ring: positions, stamps and the slot array, preallocated.
pub(super) struct Queue<T> {
    /// Receiver's position (+ [`TX_PARKED`]). Positions: written by the receiver only.
    head: CachePadded<AtomicUsize>,
    /// Next position to claim (+ flags).
    tail: CachePadded<AtomicUsize>,
    slots: Box<[Slot<T>]>,
    pub(super) layout: Layout,
}
// ANCHOR_END: queue

impl<T> Queue<T> {
    pub(super) fn new(layout: Layout) -> Self {
        Queue {
            head: CachePadded(AtomicUsize::new(0)),
            tail: CachePadded(AtomicUsize::new(0)),
            slots: (0..layout.cap).map(Slot::new).collect(),
            layout,
        }
    }

    fn slot(&self, pos: usize) -> &Slot<T> {
        &self.slots[self.layout.index(pos)]
    }

    /// Whether `stamp`, read at position `pos`, still belongs to the previous
    /// lap (claimed or written, not yet read): the ring is full at `pos`.
    fn previous_lap(&self, stamp: usize, pos: usize) -> bool {
        let prev = self.layout.prev_lap(pos);
        stamp == prev || stamp == prev + 1
    }

    // ANCHOR: claim
    /// Claims the tail position if its slot is empty.
    pub(super) fn try_claim(&self) -> Claim {
        let mut tail = self.tail.load(Ordering::Relaxed);
        loop {
            if tail & RECEIVER_GONE != 0 {
                return Claim::Disconnected;
            }
            let pos = tail & POS_MASK;
            // ORDERING: Acquire pairs with the Release store that freed the
            // slot in `try_pop`: the receiver's read of the old message
            // happens-before our write of the new one.
            let stamp = self.slot(pos).stamp.load(Ordering::Acquire);
            if stamp == pos {
                let next = self.layout.next(pos); // drops RX_PARKED
                // ORDERING: Relaxed: the CAS hands over no data (the stamp
                // load above acquired the slot). Clearing RX_PARKED needs
                // no Acquire either: the receiver stored its handle under
                // the `rx` lock before its `fetch_or`, and our CAS reads
                // that `fetch_or`, so the lock we take to wake it cannot
                // come before its unlock (that would make our CAS read a
                // write that happens after it). The lock hands us the
                // handle.
                match self.tail.compare_exchange_weak(
                    tail,
                    next,
                    Ordering::Relaxed,
                    Ordering::Relaxed,
                ) {
                    Ok(_) => {
                        return Claim::Slot {
                            pos,
                            wake_rx: tail & RX_PARKED != 0,
                        };
                    }
                    Err(now) => tail = now,
                }
            } else if self.previous_lap(stamp, pos) {
                return Claim::Full(pos);
            } else {
                // Our `tail` was stale: the slot is already past `pos`.
                tail = self.tail.load(Ordering::Relaxed);
            }
            sync::spin_loop();
        }
    }

    /// Moves `msg` into the claimed position `pos` and publishes it.
    ///
    /// # Safety
    ///
    /// `pos` came from a [`Claim::Slot`] of this queue and is published once.
    pub(super) unsafe fn publish(&self, pos: usize, msg: T) {
        let slot = self.slot(pos);
        // SAFETY: the claim gave us `pos`, whose stamp was `pos`: nobody else
        // touches the slot until the store below (caller's contract).
        unsafe { slot.write(msg) };
        // ORDERING: Release pairs with the Acquire stamp loads in `try_pop`
        // and `drain`: our write of the message happens-before their read.
        slot.stamp.store(pos + 1, Ordering::Release);
    }
    // ANCHOR_END: claim

    // ANCHOR: pop
    /// Takes the message at the head, if published. Receiver only.
    pub(super) fn try_pop(&self) -> Pop<T> {
        let head = self.head_pos();
        let slot = self.slot(head);
        // ORDERING: Acquire pairs with the Release store in `publish`.
        let stamp = slot.stamp.load(Ordering::Acquire);
        if stamp == head + 1 {
            // SAFETY: stamp `head + 1` seen with Acquire: written, and only
            // the receiver (us: `Receiver` is !Sync) reads position `head`.
            let msg = unsafe { slot.read() };
            let next_lap = self.layout.next_lap(head);
            // ORDERING: Release pairs with the Acquire stamp load in
            // `try_claim`: our read of the message happens-before the next
            // lap's write.
            slot.stamp.store(next_lap, Ordering::Release);
            // ORDERING: an RMW reads the latest `head`, so either it sees
            // a parking sender's TX_PARKED, or that sender's fetch_or
            // (Acquire, `set_tx_parked`) reads ours (Release) and then
            // sees the freed stamp in `still_full`. No Acquire: a sender
            // sets TX_PARKED holding the parked-senders lock, which
            // `wake_sender` takes before it reads that sender's handle (a
            // lock taken before the sender's would order our swap before
            // its fetch_or, and the swap would not have seen the flag).
            let old = self.head.swap(self.layout.next(head), Ordering::Release);
            return Pop::Msg(msg, old & TX_PARKED != 0);
        }
        // ORDERING: Acquire pairs with the last sender's SENDERS_GONE
        // fetch_or (Release, `disconnect_senders`): what the senders did
        // before they dropped is visible once we report `Disconnected`.
        let tail = self.tail.load(Ordering::Acquire);
        if tail & POS_MASK != head {
            // A claimed head slot still holds stamp `head` until published;
            // anything else means a sender wrote over an unread message
            // (what the naive layout does at capacity 1). Cold path.
            assert_eq!(stamp, head, "ring: slot overwritten before it was read");
            Pop::Pending
        } else if tail & SENDERS_GONE != 0 {
            Pop::Disconnected
        } else {
            Pop::Empty
        }
    }
    // ANCHOR_END: pop

    fn head_pos(&self) -> usize {
        // ORDERING: only the receiver changes the position bits; senders
        // only set TX_PARKED, which this read ignores.
        self.head.load(Ordering::Relaxed) & POS_MASK
    }

    // ANCHOR: flags
    /// Receiver: announces it is about to park at `head` by raising
    /// [`RX_PARKED`]. [`RxParked::may_park`] says whether parking is right
    /// (no message claimed, a sender left); either way the receiver
    /// withdraws the flag with [`clear_rx_parked`](Self::clear_rx_parked).
    pub(super) fn set_rx_parked(&self) -> RxParked {
        let head = self.head_pos();
        // ORDERING: Relaxed: what matters is that this is an RMW, ordered
        // with every claim and with SENDERS_GONE in `tail`'s modification
        // order (the lost-wakeup argument). The thread handle reaches the
        // waker through the `rx` lock (see `try_claim`), and on
        // SENDERS_GONE we return to `try_pop`, whose Acquire load of `tail`
        // synchronizes with the last sender.
        let before = self.tail.fetch_or(RX_PARKED, Ordering::Relaxed);
        RxParked {
            before,
            may_park: before & POS_MASK == head && before & SENDERS_GONE == 0,
        }
    }

    /// Receiver: withdraws the flag raised as `parked` says. Returns whether
    /// a waker took it over: a claim cleared it, or the last sender's drop
    /// found it raised. That waker calls `wake_receiver` once, now or later.
    /// (Claims end with SENDERS_GONE, and a claim clears the flag, so at
    /// most one of the two takes any one raise.)
    pub(super) fn clear_rx_parked(&self, parked: &RxParked) -> bool {
        // ORDERING: Relaxed: the flag hands nothing over when we clear it.
        let now = self.tail.fetch_and(!RX_PARKED, Ordering::Relaxed);
        let claimed = now & RX_PARKED == 0;
        let gone_over_flag = now & SENDERS_GONE != 0 && parked.before & SENDERS_GONE == 0;
        claimed || gone_over_flag
    }

    /// Receiver, after a wake: whether it should stop waiting (a sender
    /// cleared [`RX_PARKED`], or every sender is gone).
    pub(super) fn rx_woken(&self) -> bool {
        // ORDERING: Relaxed: the answer only sends the receiver back to
        // `try_pop`, which acquires the stamp (a message) or `tail` (the
        // disconnection) itself.
        let tail = self.tail.load(Ordering::Relaxed);
        tail & RX_PARKED == 0 || tail & SENDERS_GONE != 0
    }

    /// Sender, holding the parked-senders lock: announces that a sender is
    /// parked. See `try_pop`'s swap for the pairing.
    pub(super) fn set_tx_parked(&self) {
        // ORDERING: Acquire pairs with the receiver's Release swap in
        // `try_pop`. No Release: the receiver takes our handle through the
        // lock we hold, not through this flag.
        self.head.fetch_or(TX_PARKED, Ordering::Acquire);
    }

    /// Sender, after announcing itself: whether the ring is still full at
    /// `pos` and the receiver still there, so parking is safe.
    pub(super) fn still_full(&self, pos: usize) -> bool {
        // ORDERING: Relaxed: if the receiver's `swap` came before our
        // `set_tx_parked`, that Acquire RMW read the swap's Release, and
        // the freed stamp, stored before the swap, is then visible to any
        // later load of ours (coherence). A sender that finds the slot
        // free reads nothing from it here: it retries `try_claim`, whose
        // stamp load acquires.
        let stamp = self.slot(pos).stamp.load(Ordering::Relaxed);
        // ORDERING: Relaxed: the parked-senders lock orders us after
        // `close`'s fetch_or if it woke the list before we
        // joined it.
        let tail = self.tail.load(Ordering::Relaxed);
        tail & RECEIVER_GONE == 0 && self.previous_lap(stamp, pos)
    }

    /// The last sender is gone. Returns whether the receiver was parked.
    pub(super) fn disconnect_senders(&self) -> bool {
        // ORDERING: Release pairs with `try_pop`'s Acquire load of `tail`:
        // every sender's work before its drop (chained by the AcqRel count
        // in `SyncSender::drop`) happens-before the receiver's
        // `Disconnected`. No Acquire: a parked receiver's handle comes
        // through the `rx` lock, as in `try_claim`.
        self.tail.fetch_or(SENDERS_GONE, Ordering::Release) & RX_PARKED != 0
    }
    // ANCHOR_END: flags

    // ANCHOR: drain
    /// The receiver is gone: forbid new claims. Returns the end of the
    /// claimed positions, for [`drain`](Self::drain).
    pub(super) fn close(&self) -> usize {
        // ORDERING: Relaxed: the RMW reads the latest `tail`, so it fixes
        // the last claimed position; the data is carried by the stamps
        // (`drain`). A sender that parks after `wake_all_senders` took the
        // list sees RECEIVER_GONE in `still_full` because our unlock of
        // that list, sequenced after this RMW, happens-before its lock:
        // program order does the rest, no Release is needed here.
        self.tail.fetch_or(RECEIVER_GONE, Ordering::Relaxed) & POS_MASK
    }

    /// Drops every message claimed before [`close`](Self::close), waiting
    /// for the ones still being written. Receiver's drop only. If a
    /// message's `Drop` panics, the rest are still dropped before the panic
    /// leaves this function.
    pub(super) fn drain(&self, tail: usize) {
        let head = self.head_pos();
        run_to_end(&mut (self, head, tail), |(queue, head, tail)| {
            queue.drop_head(head, *tail)
        });
    }

    /// One step of [`drain`](Self::drain): drops the message at `head` and
    /// moves `head` on, unless it reached `tail`. `head` moves on before the
    /// message is dropped, so a panicking `Drop` leaves the next step at the
    /// next position.
    fn drop_head(&self, head: &mut usize, tail: usize) -> bool {
        let pos = *head;
        if pos == tail {
            return false;
        }
        let slot = self.slot(pos);
        let mut backoff = super::backoff::Backoff::new();
        // ORDERING: Acquire pairs with `publish`'s Release store.
        while slot.stamp.load(Ordering::Acquire) != pos + 1 {
            backoff.wait_for_writer(sync::Wait::Forever);
        }
        // SAFETY: published (stamp seen with Acquire), read once: the
        // receiver is being dropped, so nobody else reads positions, and
        // `head` moves past this one below.
        let msg = unsafe { slot.read() };
        *head = self.layout.next(pos);
        // ORDERING: Relaxed: only `len` reads it from now on.
        self.head.store(*head, Ordering::Relaxed);
        drop(msg);
        true
    }
    // ANCHOR_END: drain

    /// Messages claimed and not yet read: always within `0..=cap`, exact
    /// when no send or receive runs concurrently, and 0 once the receiver
    /// is gone (whatever its drop has still to discard is never received).
    ///
    /// The bound holds whatever the loads return: `distance` counts the
    /// slots from `head`'s index to `tail`'s, at most `cap`. Exactness holds
    /// once every operation happens-before the call (joined threads, or one
    /// thread): both loads then read the last values. In between, two
    /// Relaxed loads of two words need not belong to one instant on a weakly
    /// ordered CPU, so the value is a count in `0..=cap` that the ring may
    /// not have held at any one time. (Where loads stay in program order,
    /// as on x86, the re-read of `tail` does make it a snapshot: `tail` did
    /// not move while `head` was read.)
    pub(super) fn len(&self) -> usize {
        loop {
            // ORDERING: Relaxed: a hint, as above; nothing is read through
            // these words.
            let tail = self.tail.load(Ordering::Relaxed);
            if tail & RECEIVER_GONE != 0 {
                // A caller that saw the receiver gone (a send that returned
                // `Disconnected`) read this flag in `tail`, so by coherence
                // this load reads it too.
                return 0;
            }
            let head = self.head.load(Ordering::Relaxed);
            if self.tail.load(Ordering::Relaxed) == tail {
                return self.layout.distance(head & POS_MASK, tail & POS_MASK);
            }
            sync::spin_loop();
        }
    }
}
