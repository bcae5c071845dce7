//! The channel: the list, the sender count and the parker, and the
//! blocking receive that ties them together.

use super::list::{List, Padded};
use super::park::Parker;
use crate::error::RecvTimeoutError;
use crate::sync::{self, AtomicUsize, CHECKER, Ordering, Wait, spin_loop};
use crate::tune;
use crate::waiter::Waiter;
use std::cell::Cell;

/// Rounds of exponential spinning (from 1 or 64 `spin_loop`s, doubling to
/// 64; see `first_spins`) before a
/// blocking receive starts yielding. None under a model checker, where a
/// spin is just more schedules to explore (and knob `spin` in `tune.rs`).
const SPIN_ROUNDS: u32 = if CHECKER || !tune::SPIN { 0 } else { 7 };
/// `yield_now`s after the spinning, before parking (knob `yield`).
const YIELD_ROUNDS: u32 = if CHECKER || !tune::YIELD { 0 } else { 4 };
/// Further `yield_now`s, while the next slot is claimed but not yet
/// written, before parking anyway: a sender that has not published after
/// these has been preempted, and a park is then cheaper than yielding on.
/// One under a checker, so that models reach the park behind a claim.
const WRITER_ROUNDS: u32 = if CHECKER { 1 } else { 64 };

// ANCHOR: channel
/// Shared by every handle of one channel.
pub(super) struct Channel<T> {
    pub(super) list: List<T>,
    /// Live senders. Disconnected at 0.
    pub(super) senders: Padded<AtomicUsize>,
    parker: Parker,
}
// ANCHOR_END: channel

// SAFETY: handles on several threads share a `Channel` (`Arc`), and
// messages move from sending threads to the receiving one, hence
// `T: Send`. No `&T` is ever shared, so `T: Sync` is not needed. The
// `UnsafeCell`s are never accessed concurrently: each slot belongs to its
// claiming sender until its written bit is published and then to the
// receiver (`list.rs`); the receiver's state belongs to the one
// `Receiver`, which is `!Sync`; the parker's handle follows `park.rs`.
unsafe impl<T: Send> Send for Channel<T> {}
// SAFETY: as for `Send`.
unsafe impl<T: Send> Sync for Channel<T> {}

impl<T> Channel<T> {
    pub(super) fn new() -> Self {
        Channel {
            list: List::new(),
            senders: Padded(AtomicUsize::new(1)),
            parker: Parker::new(),
        }
    }

    // ANCHOR: send
    /// Queues `msg`, then wakes the receiver if it sleeps.
    pub(super) fn send(&self, msg: T) -> Result<(), T> {
        match self.list.claim() {
            // SAFETY: `index` was just claimed by us, published once.
            Some(index) => unsafe { self.publish(index, msg) },
            None => Err(msg),
        }
    }

    /// The second half of `send`: writes and publishes `msg` at `index`,
    /// then wakes the receiver if it sleeps.
    ///
    /// # Safety
    /// `index` came from `list.claim()` and is published once.
    pub(super) unsafe fn publish(&self, index: usize, msg: T) -> Result<(), T> {
        // SAFETY: per the contract.
        unsafe { self.list.publish(index, msg) }?;
        self.parker.notify();
        Ok(())
    }

    /// The last sender's drop: wakes the receiver to report disconnection.
    pub(super) fn sender_gone(&self) {
        // ORDERING: Release publishes this sender's messages to the
        // receiver's Acquire of 0; Acquire pairs with the Release of
        // the receiver's RMW in `park`, so `notify` sees its PARKED.
        if self.senders.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.parker.notify();
        }
    }
    // ANCHOR_END: send

    // ANCHOR: recv
    /// Receives, blocking as `wait` allows. `streaming` is the receiver's
    /// note of whether messages have been arriving back to back (see
    /// `first_spins`): set when one was already there or came within the
    /// first wait, cleared when one took longer.
    ///
    /// # Safety
    /// Called only by the receiver.
    pub(super) unsafe fn recv(
        &self,
        wait: Wait,
        streaming: &Cell<bool>,
    ) -> Result<T, RecvTimeoutError> {
        // SAFETY: the caller is the receiver.
        match unsafe { self.list.pop() } {
            Some(msg) => {
                streaming.set(true);
                Ok(msg)
            }
            None => self.recv_slow(wait, streaming),
        }
    }

    #[cold]
    fn recv_slow(&self, wait: Wait, streaming: &Cell<bool>) -> Result<T, RecvTimeoutError> {
        let mut expired = matches!(wait, Wait::Never);
        let first = first_spins(streaming.get());
        let mut round = 0;
        loop {
            // SAFETY: `recv_slow` is reached only from `recv`.
            if let Some(msg) = unsafe { self.list.pop() } {
                streaming.set(round <= 1);
                return Ok(msg);
            }
            if self.disconnected() {
                // SAFETY: as above. A last message may have landed between
                // the pop above and the check.
                return unsafe { self.list.pop() }.ok_or(RecvTimeoutError::Disconnected);
            }
            if expired {
                return Err(RecvTimeoutError::Timeout);
            }
            expired = self.wait_step(wait, &mut round, first);
        }
    }

    /// Step `round` of a receive that found nothing: a spin round or a
    /// yield, then yields while the next slot is claimed but unwritten,
    /// then parks. Returns whether the deadline has passed. No step waits
    /// for another thread, so a timed receive ends within one step of its
    /// deadline (see "Deadlines" in the module docs).
    // Under a checker the first limit is 0, which makes a comparison constant.
    #[allow(clippy::absurd_extreme_comparisons)]
    fn wait_step(&self, wait: Wait, round: &mut u32, first: u32) -> bool {
        let step = *round;
        *round = step.saturating_add(1);
        if step < SPIN_ROUNDS + YIELD_ROUNDS {
            if backoff(step, first) {
                // Crowded CPUs: the next failed look skips the yields left.
                *round = SPIN_ROUNDS + YIELD_ROUNDS;
            }
            wait.passed()
        } else if step < SPIN_ROUNDS + YIELD_ROUNDS + WRITER_ROUNDS && self.list.len() > 0 {
            // The next slot is claimed: its sender is a few instructions
            // from done (or preempted), so yield rather than pay a park
            // and an unpark.
            sync::yield_until(wait)
        } else {
            self.park(wait)
        }
    }

    /// Whether every sender is gone.
    pub(super) fn disconnected(&self) -> bool {
        // ORDERING: Acquire pairs with the Release half of the last
        // sender's fetch_sub in `sender_gone`: its messages are visible.
        self.senders.load(Ordering::Acquire) == 0
    }
    // ANCHOR_END: recv

    // ANCHOR: park
    /// Parks once, unless a message or disconnection is already there;
    /// returns whether the deadline has passed.
    fn park(&self, wait: Wait) -> bool {
        match self.arm(Waiter::Thread(sync::current())) {
            // The sender of an earlier wake-up still holds it (`park.rs`).
            Armed::Busy => sync::yield_until(wait),
            Armed::Ready => false,
            Armed::Waiting => {
                let expired = match wait {
                    Wait::Forever => {
                        sync::park();
                        false
                    }
                    Wait::Until(deadline) => sync::park_until(deadline),
                    Wait::Never => true,
                };
                // SAFETY: the receiver, after its `register` in `arm`.
                unsafe { self.parker.deregister() };
                expired
            }
        }
    }

    /// Registers `waiter` (the receiving thread, or the task polling
    /// `recv_async`) to be woken by the next publish or by the last
    /// sender's drop, unless a message or the disconnection is already
    /// there.
    ///
    /// The lost wake-up is closed here. We store PARKED, *then* perform a
    /// read-modify-write on each word a waking thread writes before it
    /// reads our state: the `ready` word of the block holding the next
    /// index (the sender of that message `fetch_add`s its bit into it) and
    /// the sender count (the last sender `fetch_sub`s it). RMWs on one word
    /// are totally ordered. If ours comes first, the sender's Acquire RMW
    /// reads from (or after) our Release RMW, so PARKED, stored before it,
    /// is visible to its `notify`. If theirs comes first, our RMW reads the
    /// message's bit (or the count of 0) and we do not park. Ours are
    /// Release only: what they read decides whether to park and nothing
    /// else, and `recv` then acquires the message in `pop` (or the
    /// disconnection in `disconnected`) itself. No SeqCst fence is needed,
    /// and a sender's cost stays one RMW it makes anyway plus one load.
    pub(super) fn arm(&self, waiter: Waiter) -> Armed {
        // SAFETY: `arm` is reached only from the receiver (`park`,
        // `poll_recv`), and every successful `register` is paired with a
        // `deregister`: below, or by the caller once its wait is over.
        if !unsafe { self.parker.register(waiter) } {
            return Armed::Busy;
        }
        // SAFETY: as above.
        let message = unsafe { self.list.park_on_head() };
        // ORDERING: Release pairs with the Acquire half of `sender_gone`'s
        // fetch_sub; see above for why there is no Acquire half.
        let alive = self.senders.fetch_add(0, Ordering::Release) != 0;
        if message || !alive {
            // SAFETY: as above.
            unsafe { self.parker.deregister() };
            return Armed::Ready;
        }
        Armed::Waiting
    }
    // ANCHOR_END: park

    /// Ends the wait of a task registered by `arm` (its future was polled
    /// again, resolved or was dropped).
    ///
    /// # Safety
    /// Called only by the receiver, once per `Armed::Waiting`.
    pub(super) unsafe fn disarm(&self) {
        // SAFETY: per the contract.
        unsafe { self.parker.deregister() }
    }
}

/// What [`Channel::arm`] did.
pub(super) enum Armed {
    /// Registered: wait to be woken, then deregister.
    Waiting,
    /// A message or the disconnection is there already: not registered
    /// (any more), look again.
    Ready,
    /// Not registered: a sender still delivers the last wake-up. Look
    /// again after a yield.
    Busy,
}

/// One step of the receiver's wait before parking: `first << round` spin
/// hints (at most 64) for the first `SPIN_ROUNDS` steps, then a yield.
/// Returns whether that yield found the CPUs crowded (`tune::crowded_yield`).
/// Never called under a checker.
#[allow(clippy::absurd_extreme_comparisons)]
fn backoff(round: u32, first: u32) -> bool {
    if round < SPIN_ROUNDS {
        (0..(first << round).min(64)).for_each(|_| spin_loop());
        false
    } else {
        tune::crowded_yield()
    }
}

/// Spin hints in the first step of a receiver's wait (each later step
/// doubles them, up to 64). A receiver that has caught up with a streaming
/// sender and looked again after one hint would read the block's `ready`
/// line between every two publishes, so that each sender's `fetch_add`
/// waits for the line to come back. While messages stream (`streaming`),
/// it waits 64 hints (the longest step) before its first look: several
/// messages land meanwhile and it takes them with one load. When they do not
/// (a ping-pong: the next message is a round trip away), it looks after one
/// hint, for latency. Knob `batch_wait` (`tune.rs`): always 1.
fn first_spins(streaming: bool) -> u32 {
    if streaming && tune::BATCH_WAIT { 64 } else { 1 }
}
