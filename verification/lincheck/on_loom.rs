//! Every generated scenario under loom: every interleaving within the
//! preemption bound (2 unless `LOOM_MAX_PREEMPTIONS` says otherwise).

use crate::harness::{execution, size};
use crate::scenario::{Channel, Scenario};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Explores `sc` on `ch` with loom; returns the number of executions.
fn explore(ch: &Channel, sc: &Scenario) -> usize {
    let count = Arc::new(AtomicUsize::new(0));
    let mut builder = loom::model::Builder::new();
    if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(size().loom_bound);
    }
    let (ch, sc, counter) = (*ch, sc.clone(), count.clone());
    builder.check(move || {
        counter.fetch_add(1, Ordering::Relaxed);
        execution(&ch, &sc);
    });
    count.load(Ordering::Relaxed)
}

crate::channel_tests!("loom", explore);

/// Safety is not enough: std's rendezvous also lets a polling receive take
/// the message of a sender blocked in `send`, so some interleaving of this
/// scenario must show `try_recv() -> Ok(1)`.
#[test]
fn rendezvous_try_recv_takes_a_blocked_send() {
    use crate::spec::{Cap, Op, Ret};
    // ANCHOR: scenario
    let sc = Scenario {
        cap: Cap::Rendezvous,
        senders: vec![vec![Op::Send(1), Op::DropSender]],
        receiver: vec![Op::TryRecv, Op::TryRecv, Op::DropReceiver],
    };
    // ANCHOR_END: scenario
    let ch = crate::harness::channel("mutex-0");
    let taken = Arc::new(AtomicUsize::new(0));
    let seen = taken.clone();
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(size().loom_bound);
    builder.check(move || {
        let rec = crate::history::Recorder::default();
        (ch.run)(&sc, &rec);
        sc.judge(&ch, &rec);
        let calls = rec.history().calls;
        let took = |c: &crate::history::Call| c.op == Op::TryRecv && c.ret == Some(Ret::Got(1));
        if calls.iter().any(took) {
            seen.fetch_add(1, Ordering::Relaxed);
        }
    });
    assert!(
        taken.load(Ordering::Relaxed) > 0,
        "no interleaving let try_recv() take the message of the sender blocked in send(1)"
    );
}
