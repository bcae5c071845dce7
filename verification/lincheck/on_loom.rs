//! Every generated scenario under loom, at the largest preemption bound
//! (2 at most) whose exploration loom finishes within a budget of
//! executions per scenario.
//!
//! Most scenarios finish at bound 2 in well under the budget. A few do
//! not: the ring at capacity 1 with both senders blocked and the receiver's
//! timed receives (every timed wait is a scheduling point at which loom
//! tries every other thread, and both sides take locks to park) has 3,508
//! executions at bound 0 and more than ten million at bound 1. Such a
//! scenario is explored at bound 2 and then bound 1 until the budget is
//! spent (each of those executions is judged like any other), and then
//! exhaustively at the largest bound that fits, down to bound 0; its line
//! says which. `LOOM_MAX_PREEMPTIONS` fixes the bound and lifts the budget.

use crate::harness::{Explored, execution, size};
use crate::scenario::{Channel, Scenario};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Explores `sc` on `ch` with loom: the executions run and the bound
/// explored exhaustively.
fn explore(ch: &Channel, sc: &Scenario) -> Explored {
    let explored = |executions, bound| Explored {
        executions,
        bound: Some(bound),
    };
    if let Some(bound) = loom::model::Builder::new().preemption_bound {
        return explored(run(ch, sc, bound, None), bound);
    }
    let budget = size().loom_budget;
    let mut total = 0;
    for bound in (1..=size().loom_bound).rev() {
        let n = run(ch, sc, bound, Some(budget));
        total += n;
        if n < budget {
            return explored(total, bound);
        }
    }
    explored(total + run(ch, sc, 0, None), 0)
}

/// One loom exploration of `sc` at `bound`, stopped after `budget`
/// executions if given; returns the number of executions.
fn run(ch: &Channel, sc: &Scenario, bound: usize, budget: Option<usize>) -> usize {
    let count = Arc::new(AtomicUsize::new(0));
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(bound);
    // loom checks the limit before each execution, counting from 1.
    builder.max_permutations = budget.map(|b| b + 1);
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

/// The ring scenario that loom's own `unpark` used to fail (see
/// `src/sync/parking.rs`), shrunk to three operations and two receives: a
/// sender's claim takes the receiver's flag and the sender is preempted
/// before its wake, while the receiver times out, receives again and moves
/// on to its drop. Exhaustive at bound 2, the bound of the failing runs.
#[test]
fn ring_late_wake() {
    use crate::spec::{Cap, Op};
    let sc = Scenario {
        cap: Cap::Bounded(1),
        senders: vec![
            vec![Op::TrySend(1), Op::DropSender],
            vec![Op::SendTimeout(2), Op::DropSender],
        ],
        receiver: vec![Op::RecvTimeout, Op::RecvTimeout, Op::DropReceiver],
    };
    let n = run(&crate::harness::channel("ring-1"), &sc, 2, None);
    println!(
        "lincheck-scenario checker=loom channel=ring-1 index=late-wake interleavings={n} bound=2"
    );
}
