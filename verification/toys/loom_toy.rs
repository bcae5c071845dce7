//! loom's toy: a value published through a flag stored with `Relaxed`.
//!
//! The writer stores the value, then sets `ready`; the reader, once it sees
//! `ready`, reads the value. With `Relaxed` on both sides nothing orders the
//! value's write before the reader's read: the C++/Rust memory model allows
//! the reader to see `ready == true` and still race with the write. loom
//! tracks every `UnsafeCell` access against the happens-before relation it
//! builds from the orderings, and reports the race. `Release`/`Acquire` on
//! the flag creates that relation and the model passes.

use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::sync::atomic::{AtomicBool, Ordering};
use loom::thread;
use std::sync::Arc as StdArc;
use std::sync::atomic::{AtomicUsize, Ordering as StdOrdering};

// ANCHOR: toy
struct Slot {
    ready: AtomicBool,
    value: UnsafeCell<u64>,
}

// SAFETY: `value` is written by one thread before `ready` is set and read by
// another only after it sees `ready`; whether that is enough is exactly what
// the orderings passed to `publish` decide, and what loom checks.
unsafe impl Sync for Slot {}

fn publish(store: Ordering, load: Ordering) {
    let slot = Arc::new(Slot {
        ready: AtomicBool::new(false),
        value: UnsafeCell::new(0),
    });
    let writer = slot.clone();
    let t = thread::spawn(move || {
        // SAFETY: the only write; readers wait for `ready` (see `Slot`).
        writer.value.with_mut(|p| unsafe { *p = 42 });
        // ORDERING: the experiment's variable. Release (or stronger) pairs
        // with an Acquire load of `ready` below; weaker breaks the pairing.
        writer.ready.store(true, store);
    });
    // ORDERING: the other half of the pair with the store above.
    if slot.ready.load(load) {
        // SAFETY: `ready` was seen set, so the write is done *if* the
        // orderings make it happen-before this read.
        let v = slot.value.with(|p| unsafe { *p });
        assert_eq!(v, 42);
    }
    t.join().unwrap();
}
// ANCHOR_END: toy

// ANCHOR: bare
/// The smallest loom test: two threads increment a counter; loom runs the
/// closure once per interleaving and fails the test if any run panics.
#[test]
fn bare_loom_model() {
    loom::model(|| {
        let hits = Arc::new(loom::sync::atomic::AtomicUsize::new(0));
        let other = hits.clone();
        let t = thread::spawn(move || other.fetch_add(1, Ordering::Relaxed));
        hits.fetch_add(1, Ordering::Relaxed);
        t.join().unwrap();
        assert_eq!(hits.load(Ordering::Relaxed), 2);
    });
}
// ANCHOR_END: bare

/// Runs `publish(store, load)` under loom, counting executions.
fn model(store: Ordering, load: Ordering, executions: &StdArc<AtomicUsize>) {
    let counter = executions.clone();
    loom::model(move || {
        counter.fetch_add(1, StdOrdering::Relaxed);
        publish(store, load);
    });
}

#[test]
fn loom_reports_relaxed_publish() {
    let executions = StdArc::new(AtomicUsize::new(0));
    let report = crate::expect_report(|| model(Ordering::Relaxed, Ordering::Relaxed, &executions));
    assert!(report.contains("Causality violation"), "{report}");
    let n = executions.load(StdOrdering::Relaxed);
    println!("loom, with Relaxed/Relaxed, failed in execution {n}:\n{report}");
}

#[test]
fn loom_accepts_release_acquire_publish() {
    let executions = StdArc::new(AtomicUsize::new(0));
    model(Ordering::Release, Ordering::Acquire, &executions);
    let n = executions.load(StdOrdering::Relaxed);
    assert!(n > 1, "loom explored more than one execution");
    println!("loom, with Release/Acquire: no violation in {n} executions (all of them)");
}

/// Every combination of orderings on the flag, one table row each:
/// only a `Release` store read by an `Acquire` load (or stronger) orders the
/// value's write before its read.
#[test]
fn loom_ordering_table() {
    use Ordering::{Acquire, Relaxed, Release, SeqCst};
    let rows = [
        (Relaxed, Relaxed, false),
        (Release, Relaxed, false),
        (Relaxed, Acquire, false),
        (Release, Acquire, true),
        (SeqCst, SeqCst, true),
    ];
    println!("| flag store | flag load | loom |");
    println!("|---|---|---|");
    for (store, load, sound) in rows {
        let verdict = match std::panic::catch_unwind(|| loom::model(move || publish(store, load))) {
            Ok(()) => "no race in any execution".to_string(),
            Err(_) => "reports a causality violation".to_string(),
        };
        assert_eq!(verdict.starts_with("no race"), sound, "{store:?}/{load:?}");
        println!("| `{store:?}` | `{load:?}` | {verdict} |");
    }
}
