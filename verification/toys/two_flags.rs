//! The two-flag toy (store buffering, the core of Dekker's algorithm).
//!
//! Two threads each raise their own flag and then look at the other's. If
//! every thread ran its statements in order, one of the two stores would
//! come first, and the thread that raised its flag second would see the
//! other flag up: at least one thread sees the other's flag. With `Release`
//! stores and `Acquire` loads the memory model allows both to see the other
//! flag down (each load may read the initial value, because neither store
//! has to be visible yet); `SeqCst` on all four accesses, or a
//! `fence(SeqCst)` between each thread's store and load, forbids it.
//!
//! The same source runs on loom's primitives (`--cfg chanlab_loom`, the
//! tests at the end) and on std's: `book/listings/miri-two-flags`, which
//! Miri runs with many seeds, and `store_buffering.rs`, which runs it on
//! the real CPU.

#[cfg(chanlab_loom)]
use loom::{
    sync::Arc,
    sync::atomic::{AtomicBool, Ordering, fence},
    thread,
};
#[cfg(not(chanlab_loom))]
use std::{
    sync::Arc,
    sync::atomic::{AtomicBool, Ordering, fence},
    thread,
};

// ANCHOR: toy
/// The orderings the two threads use.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Flavor {
    /// `Release` stores, `Acquire` loads.
    ReleaseAcquire,
    /// `SeqCst` stores and loads.
    SeqCst,
    /// `Relaxed` stores and loads, a `fence(SeqCst)` between them.
    RelaxedFence,
}

/// One thread's turn: raise `mine`, then report whether `theirs` is up.
pub fn raise_then_look(mine: &AtomicBool, theirs: &AtomicBool, flavor: Flavor) -> bool {
    match flavor {
        Flavor::ReleaseAcquire => {
            mine.store(true, Ordering::Release);
            theirs.load(Ordering::Acquire)
        }
        Flavor::SeqCst => {
            mine.store(true, Ordering::SeqCst);
            theirs.load(Ordering::SeqCst)
        }
        Flavor::RelaxedFence => {
            mine.store(true, Ordering::Relaxed);
            fence(Ordering::SeqCst);
            theirs.load(Ordering::Relaxed)
        }
    }
}

/// Thread A raises `a` and looks at `b`; thread B does the opposite.
/// Panics if neither saw the other's flag.
pub fn two_flags(flavor: Flavor) {
    let a = Arc::new(AtomicBool::new(false));
    let b = Arc::new(AtomicBool::new(false));
    let (a2, b2) = (a.clone(), b.clone());
    let thread_b = thread::spawn(move || raise_then_look(&b2, &a2, flavor));
    let a_saw_b = raise_then_look(&a, &b, flavor);
    let b_saw_a = thread_b.join().unwrap();
    assert!(a_saw_b || b_saw_a, "neither thread saw the other's flag");
}
// ANCHOR_END: toy

/// Parses a flavor's name as the Miri wrapper and the book write it.
#[cfg(not(chanlab_loom))]
pub fn flavor(name: &str) -> Option<Flavor> {
    match name {
        "release-acquire" => Some(Flavor::ReleaseAcquire),
        "seqcst" => Some(Flavor::SeqCst),
        "relaxed-fence" => Some(Flavor::RelaxedFence),
        _ => None,
    }
}

/// loom's verdict on each flavor, one table row each. loom treats `SeqCst`
/// loads and stores as `AcqRel`, so it reports the `SeqCst` flavor too (a
/// false alarm); only `fence(SeqCst)` gets its full meaning under loom.
#[cfg(chanlab_loom)]
#[test]
fn loom_two_flags_table() {
    use std::sync::atomic::{AtomicUsize, Ordering as StdOrdering};
    // (flavor, what the memory model says, what loom is expected to say)
    let rows = [
        (Flavor::ReleaseAcquire, "allowed", true),
        (Flavor::SeqCst, "forbidden", true),
        (Flavor::RelaxedFence, "forbidden", false),
    ];
    println!("| orderings | both flags unseen, by the memory model | loom |");
    println!("|---|---|---|");
    for (flavor, model, reported) in rows {
        let executions = std::sync::Arc::new(AtomicUsize::new(0));
        let counter = executions.clone();
        let result = std::panic::catch_unwind(move || {
            loom::model(move || {
                counter.fetch_add(1, StdOrdering::Relaxed);
                two_flags(flavor);
            })
        });
        let n = executions.load(StdOrdering::Relaxed);
        assert_eq!(result.is_err(), reported, "{flavor:?}");
        let verdict = if reported {
            format!("reports both unseen, in execution {n}")
        } else {
            format!("passes all {n} executions")
        };
        let name = match flavor {
            Flavor::ReleaseAcquire => "`Release` stores, `Acquire` loads",
            Flavor::SeqCst => "`SeqCst` stores and loads",
            Flavor::RelaxedFence => "`Relaxed`, `fence(SeqCst)` between",
        };
        println!("| {name} | {model} | {verdict} |");
    }
}
