//! Process-wide counts of the blocking primitives the channels call, for the
//! cost account of a benchmark (cargo feature `stats`).
//!
//! Every park, unpark, yield, spin hint, condition-variable wait and notify
//! that a chanlab channel makes goes through the `sync` facade; with the
//! `stats` feature the facade counts each call here. Take a [`snapshot`]
//! before and after a workload and divide [`Stats::since`] by the number of
//! messages:
//!
//! ```
//! let before = chanlab::stats::snapshot();
//! let (tx, rx) = chanlab::lockfree::channel();
//! std::thread::spawn(move || (0..1000u64).for_each(|i| tx.send(i).unwrap()));
//! assert_eq!(rx.iter().sum::<u64>(), 499_500);
//! let cost = chanlab::stats::snapshot().since(&before);
//! println!("{:.3} parks per message", cost.parks as f64 / 1000.0);
//! ```
//!
//! * **For counting, not timing.** Each count is an atomic increment on a
//!   line shared by every thread, so a `stats` build runs slower, and its
//!   threads interleave differently, than the default build. Take times from
//!   a build without the feature; without it this module does not exist and
//!   the facade compiles to exactly the primitives it wraps.
//! * **Per process.** The counts include every chanlab channel of every
//!   thread; measure one workload at a time. std's and other crates'
//!   channels are not counted.
//! * **Checkers.** Under loom (`--cfg chanlab_loom`) or shuttle
//!   (`--features shuttle`) the facade is not instrumented: the module
//!   exists, so code written against it compiles, but every count stays 0
//!   ([`COUNTING`] is `false`).

use std::sync::atomic::{AtomicU64, Ordering};

/// Whether this build counts: `true` on the std arm, `false` under a checker.
pub const COUNTING: bool = cfg!(not(any(chanlab_loom, feature = "shuttle")));

/// What the facade counts; the index of a counter in `COUNTERS`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Counter {
    Parks,
    Unparks,
    Yields,
    Spins,
    Waits,
    NotifyOne,
    NotifyAll,
}

/// One counter alone on its (128-byte, for the adjacent-line prefetcher)
/// cache line, so that counting one primitive does not slow another's.
#[repr(align(128))]
struct Padded(AtomicU64);

static COUNTERS: [Padded; 7] = [const { Padded(AtomicU64::new(0)) }; 7];

/// Adds one to `counter`.
#[inline]
pub(crate) fn bump(counter: Counter) {
    // Relaxed: a counter guards no data and orders nothing; `snapshot` only
    // needs each counter's own total, which every later load sees.
    COUNTERS[counter as usize].0.fetch_add(1, Ordering::Relaxed);
}

fn load(counter: Counter) -> u64 {
    COUNTERS[counter as usize].0.load(Ordering::Relaxed)
}

/// Counts of the facade's blocking primitives, process-wide, since the
/// process started (from [`snapshot`]) or between two snapshots (from
/// [`Stats::since`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Thread parks, untimed and timed (`park`, `park_timeout`).
    pub parks: u64,
    /// `Thread::unpark` calls.
    pub unparks: u64,
    /// `yield_now` calls.
    pub yields: u64,
    /// `spin_loop` hints (one per iteration of a spin-wait).
    pub spins: u64,
    /// Condition-variable waits, untimed and timed.
    pub waits: u64,
    /// `Condvar::notify_one` calls.
    pub notify_one: u64,
    /// `Condvar::notify_all` calls.
    pub notify_all: u64,
}

/// The counts now. The seven counters are read one after another, so a
/// snapshot taken while channels are in use need not be one instant's.
pub fn snapshot() -> Stats {
    Stats {
        parks: load(Counter::Parks),
        unparks: load(Counter::Unparks),
        yields: load(Counter::Yields),
        spins: load(Counter::Spins),
        waits: load(Counter::Waits),
        notify_one: load(Counter::NotifyOne),
        notify_all: load(Counter::NotifyAll),
    }
}

impl Stats {
    /// The counts between `earlier` and `self` (a later snapshot).
    pub fn since(&self, earlier: &Stats) -> Stats {
        Stats {
            parks: self.parks.wrapping_sub(earlier.parks),
            unparks: self.unparks.wrapping_sub(earlier.unparks),
            yields: self.yields.wrapping_sub(earlier.yields),
            spins: self.spins.wrapping_sub(earlier.spins),
            waits: self.waits.wrapping_sub(earlier.waits),
            notify_one: self.notify_one.wrapping_sub(earlier.notify_one),
            notify_all: self.notify_all.wrapping_sub(earlier.notify_all),
        }
    }

    /// Notifies of either kind.
    pub fn notifies(&self) -> u64 {
        self.notify_one + self.notify_all
    }
}
