//! The two-flag toy on the real CPU: store buffering, counted.
//!
//! loom and Miri judge `two_flags.rs` against the memory model. This runs
//! the same `raise_then_look` natively, as two real threads, many times,
//! and counts the trials in which both threads missed the other's flag.
//! With `Release` stores and `Acquire` loads that outcome is allowed, and
//! x86 produces it: each core's store waits in its store buffer while its
//! next load reads the old value from the cache. With `SeqCst` accesses or
//! a `fence(SeqCst)` between store and load it is forbidden (on x86 the
//! compiler emits `xchg`, or a `lock`-prefixed instruction for the fence,
//! and either drains the buffer), and the test asserts that it never
//! happens.
//!
//! Two threads only, the test's own and one spawned (the machine may have
//! two cores): before each trial both meet at a spinning barrier, so that
//! their stores and loads overlap, and each then waits a few spin hints
//! that vary from trial to trial, so that the two accesses meet at many
//! different offsets. The barrier is built from two atomics of its own and
//! never touches the flags.

use crate::two_flags::{Flavor, raise_then_look};
use std::hint::spin_loop;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

/// Trials per forbidden flavor: every one must see a flag.
const TRIALS: usize = if cfg!(miri) { 50 } else { 100_000 };
/// The most trials of the allowed flavor; it stops at the first miss.
const MAX_TRIALS_ALLOWED: usize = if cfg!(miri) { 50 } else { 2_000_000 };

/// What the two threads share.
struct Shared {
    a: AtomicBool,
    b: AtomicBool,
    /// Arrivals at the barrier, two per round.
    arrived: AtomicUsize,
    /// Whether the spawned thread saw `a` in the current trial.
    b_saw_a: AtomicBool,
    /// Set by the test's thread when the spawned one must stop.
    stop: AtomicBool,
}

impl Shared {
    /// Waits until both threads have arrived `round` times.
    fn meet(&self, round: usize) {
        // ORDERING: AcqRel: each thread's accesses before the barrier
        // happen before the other's after it (the reset flags, the result).
        self.arrived.fetch_add(1, Ordering::AcqRel);
        let mut spins = 0u32;
        // ORDERING: Acquire pairs with the other thread's AcqRel arrival.
        while self.arrived.load(Ordering::Acquire) < 2 * round {
            spins = spins.wrapping_add(1);
            if spins.is_multiple_of(256) {
                thread::yield_now(); // the other thread may be descheduled
            } else {
                spin_loop();
            }
        }
    }
}

/// Up to three spin hints, different for each trial and thread: enough to
/// move one thread's store across the other's store-to-load window (a
/// longer stagger mostly separates the two threads' accesses entirely).
fn stagger(trial: usize, salt: usize) {
    let n = ((trial.wrapping_mul(2_654_435_761) ^ salt) >> 7) & 3;
    (0..n).for_each(|_| spin_loop());
}

/// Runs up to `max` trials of `flavor`; returns (trials run, trials in
/// which both threads missed). Stops at the first miss if `stop_early`.
pub fn count_misses(flavor: Flavor, max: usize, stop_early: bool) -> (usize, usize) {
    let s = Shared {
        a: AtomicBool::new(false),
        b: AtomicBool::new(false),
        arrived: AtomicUsize::new(0),
        b_saw_a: AtomicBool::new(false),
        stop: AtomicBool::new(false),
    };
    let (mut trials, mut misses) = (0, 0);
    thread::scope(|scope| {
        scope.spawn(|| {
            for trial in 0.. {
                s.meet(2 * trial + 1);
                // ORDERING: Relaxed: the barrier above ordered the store.
                if s.stop.load(Ordering::Relaxed) {
                    return;
                }
                stagger(trial, 0x5bd1);
                let saw = raise_then_look(&s.b, &s.a, flavor);
                // ORDERING: Relaxed: published by the barrier below.
                s.b_saw_a.store(saw, Ordering::Relaxed);
                s.meet(2 * trial + 2);
            }
        });
        while trials < max && !(stop_early && misses > 0) {
            // ORDERING: Relaxed: the barrier publishes the reset.
            s.a.store(false, Ordering::Relaxed);
            s.b.store(false, Ordering::Relaxed);
            s.meet(2 * trials + 1);
            stagger(trials, 0x2f6e);
            let a_saw_b = raise_then_look(&s.a, &s.b, flavor);
            s.meet(2 * trials + 2);
            // ORDERING: Relaxed: the barrier above ordered the store.
            if !a_saw_b && !s.b_saw_a.load(Ordering::Relaxed) {
                misses += 1;
            }
            trials += 1;
        }
        // ORDERING: Relaxed: published by the barrier the thread waits at.
        s.stop.store(true, Ordering::Relaxed);
        s.meet(2 * trials + 1);
    });
    (trials, misses)
}

/// The table `book/generate.sh` captures: one row per flavor. Only the
/// forbidden outcomes are asserted (zero misses); whether the allowed one
/// shows is the CPU's business, and the row says what this CPU did.
#[test]
fn store_buffering_native() {
    let arch = std::env::consts::ARCH;
    println!("| orderings | both flags unseen, by the memory model | on this CPU ({arch}) |");
    println!("|---|---|---|");
    let (_, misses) = count_misses(Flavor::ReleaseAcquire, MAX_TRIALS_ALLOWED, true);
    let seen = if misses > 0 {
        format!("seen, within {} trials", thousands(MAX_TRIALS_ALLOWED))
    } else {
        format!("not seen in {} trials", thousands(MAX_TRIALS_ALLOWED))
    };
    println!("| `Release` stores, `Acquire` loads | allowed | {seen} |");
    for (flavor, name) in [
        (Flavor::SeqCst, "`SeqCst` stores and loads"),
        (Flavor::RelaxedFence, "`Relaxed`, `fence(SeqCst)` between"),
    ] {
        let (trials, misses) = count_misses(flavor, TRIALS, false);
        assert_eq!(trials, TRIALS);
        assert_eq!(
            misses, 0,
            "{name}: both flags unseen, which the model forbids"
        );
        println!(
            "| {name} | forbidden | never, in {} trials |",
            thousands(trials)
        );
    }
}

/// `n` with a comma between groups of three digits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
