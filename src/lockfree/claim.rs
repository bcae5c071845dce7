//! The claim under contention: compare-exchange with backoff (knob
//! `claim_backoff`, `tune.rs`).
//!
//! With one `fetch_add` per claim, every producer's claim is a locked
//! read-modify-write on the one `tail` line, and with several producers
//! running they take turns on it (and on the block's `ready` line) for
//! every message. A compare-exchange can fail, and a sender that failed
//! knows another one just claimed: it steps off the line for a while, as
//! crossbeam-channel's senders do with their `Backoff`.

use super::block::{CLOSED, ONE_CLAIM, claimed_index};
use super::list::List;
use crate::sync::{CHECKER, Ordering, spin_loop};

impl<T> List<T> {
    // ANCHOR: claim_backoff
    /// [`claim`](List::claim) by compare-exchange: a sender that loses the
    /// race to another sender spins before it tries again (1, 2, 4 ... 64
    /// hints), so that of several producers one claims while the others
    /// stay off the line, instead of all of them taking turns on it for
    /// every message. A failed compare-exchange means another claim
    /// succeeded, so the loop is lock-free.
    pub(super) fn claim_backoff(&self) -> Option<usize> {
        // Relaxed: only the guess for the compare-exchange below.
        let mut current = self.tail.load(Ordering::Relaxed);
        let mut round = 0;
        loop {
            if current & CLOSED != 0 {
                return None; // CLOSED is never cleared: no claim succeeds
            }
            let next = current.wrapping_add(ONE_CLAIM);
            // ORDERING: Acquire pairs with the Release `fetch_add(0)` in
            // `advance_block_tail`: a claim ordered after that one also
            // sees the moved `block_tail` (this is what makes recycling
            // safe). Failure Relaxed: the value read is only a new guess.
            match self
                .tail
                .compare_exchange(current, next, Ordering::Acquire, Ordering::Relaxed)
            {
                Ok(_) => return Some(claimed_index(current)),
                Err(now) => current = now,
            }
            claim_spin(round);
            round += 1;
        }
    }
    // ANCHOR_END: claim_backoff
}

/// The wait after a lost claim race: `2^round` spin hints, at most 64.
/// None under a model checker, where a spin only adds schedules.
fn claim_spin(round: u32) {
    if !CHECKER {
        (0..1u32 << round.min(6)).for_each(|_| spin_loop());
    }
}
