//! loom's toy for release sequences: a value published by one thread's
//! `Release` store, relayed by a second thread, read by a third.
//!
//! P writes the value and stores 1 into `stage` with `Release`. Q moves
//! `stage` from 1 to 2 with `Relaxed` operations. R loads `stage` with
//! `Acquire` and, if it reads 2, reads the value. R read Q's write, not P's,
//! and Q released nothing. If Q's move is a read-modify-write, it continues
//! the *release sequence* headed by P's store, and R's acquire of the value
//! Q wrote still synchronizes with P: no race. If Q loads and then stores,
//! the sequence ends at Q's store, and loom reports the race.

use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;

// ANCHOR: toy
struct Relay {
    stage: AtomicUsize,
    value: UnsafeCell<u64>,
}

// SAFETY: `value` is written by P before its Release store of `stage` and
// read by R after an Acquire load of 2; whether that load synchronizes with
// P is what the experiment varies and loom checks.
unsafe impl Sync for Relay {}

fn relay(q_uses_rmw: bool) {
    let relay = Arc::new(Relay {
        stage: AtomicUsize::new(0),
        value: UnsafeCell::new(0),
    });
    let (p, q) = (relay.clone(), relay.clone());
    let producer = thread::spawn(move || {
        // SAFETY: the only write; R reads only after seeing stage 2.
        p.value.with_mut(|v| unsafe { *v = 42 });
        // ORDERING: Release, the head of the release sequence.
        p.stage.store(1, Ordering::Release);
    });
    let relayer = thread::spawn(move || {
        if q_uses_rmw {
            // ORDERING: Relaxed RMW, which continues P's release sequence.
            let _ = q
                .stage
                .compare_exchange(1, 2, Ordering::Relaxed, Ordering::Relaxed);
        } else if q.stage.load(Ordering::Relaxed) == 1 {
            // ORDERING: a plain store, which ends the release sequence.
            q.stage.store(2, Ordering::Relaxed);
        }
    });
    // ORDERING: Acquire; it reads Q's write, never P's.
    if relay.stage.load(Ordering::Acquire) == 2 {
        // SAFETY: synchronized with P exactly when Q's write is in P's
        // release sequence.
        let v = relay.value.with(|v| unsafe { *v });
        assert_eq!(v, 42);
    }
    producer.join().unwrap();
    relayer.join().unwrap();
}
// ANCHOR_END: toy

/// Both relays under loom, one table row each.
#[test]
fn loom_release_sequence_table() {
    println!("| Q moves `stage` from 1 to 2 with | loom |");
    println!("|---|---|");
    for (q_uses_rmw, sound) in [(true, true), (false, false)] {
        let result = std::panic::catch_unwind(|| loom::model(move || relay(q_uses_rmw)));
        assert_eq!(result.is_ok(), sound, "q_uses_rmw = {q_uses_rmw}");
        let how = if q_uses_rmw {
            "`compare_exchange(1, 2, Relaxed, Relaxed)`"
        } else {
            "`load(Relaxed)`, then `store(2, Relaxed)`"
        };
        let verdict = if sound {
            "no race in any execution"
        } else {
            "reports a causality violation"
        };
        println!("| {how} | {verdict} |");
    }
}
