//! Every generated scenario under loom, at the largest preemption bound
//! (2 at most) that loom finishes within a budget of executions per
//! scenario (see `explore.rs`), and two hand-written scenarios.

use chanlab::kit::lincheck::history::{Call, Recorder};
use chanlab::kit::lincheck::scenario::{Channel, Scenario};
use chanlab::kit::{Bnd, Options};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

crate::channel_lines!();

/// Safety is not enough: std's rendezvous also lets a polling receive take
/// the message of a sender blocked in `send`, so some interleaving of this
/// scenario must show `try_recv() -> Ok(1)`.
#[test]
fn rendezvous_try_recv_takes_a_blocked_send() {
    use chanlab::kit::lincheck::spec::{Cap, Op, Ret};
    // ANCHOR: scenario
    let sc = Scenario {
        cap: Cap::Rendezvous,
        senders: vec![vec![Op::Send(1), Op::DropSender]],
        receiver: vec![Op::TryRecv, Op::TryRecv, Op::DropReceiver],
    };
    // ANCHOR_END: scenario
    let options = Options::new().len().send_timeout();
    let ch = Channel::new::<Bnd<Mutex, 0>>("mutex_0", options);
    let taken = Arc::new(AtomicUsize::new(0));
    let seen = taken.clone();
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(chanlab::kit::lincheck::harness::size().loom_bound);
    builder.check(move || {
        let rec = Recorder::default();
        (ch.run)(&sc, &rec);
        sc.judge(&ch, &rec);
        let calls = rec.history().calls;
        let took = |c: &Call| c.op == Op::TryRecv && c.ret == Some(Ret::Got(1));
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
    use chanlab::kit::lincheck::LenRule;
    use chanlab::kit::lincheck::explore::explore_at;
    use chanlab::kit::lincheck::spec::{Cap, Op};
    let sc = Scenario {
        cap: Cap::Bounded(1),
        senders: vec![
            vec![Op::TrySend(1), Op::DropSender],
            vec![Op::SendTimeout(2), Op::DropSender],
        ],
        receiver: vec![Op::RecvTimeout, Op::RecvTimeout, Op::DropReceiver],
    };
    let options = Options::new()
        .len()
        .send_timeout()
        .rule(LenRule::CountsClaims);
    let ch = Channel::new::<Bnd<Ring, 1>>("ring_1", options);
    let n = explore_at(&ch, &sc, 2, None);
    println!(
        "lincheck-scenario checker=loom channel=ring_1 index=late-wake interleavings={n} bound=2"
    );
}
