//! The spec's steps on short sequential runs.

use chanlab::kit::lincheck::spec::*;

/// `n` sends in flight.
fn fl(n: usize) -> Flight {
    Flight {
        sends: n,
        recvs: 0,
        overlapping_sends: 0,
        received: 0,
    }
}

const EXACT2: Spec = Spec {
    cap: Cap::Bounded(2),
    len: LenRule::Exact,
};
const ZERO: Spec = Spec {
    cap: Cap::Rendezvous,
    len: LenRule::Exact,
};

/// Runs `ops` in order from the initial state with one sender.
fn run(spec: Spec, ops: &[(Op, Ret)]) -> Verdict {
    let mut s = spec.initial(1);
    for &(op, ret) in ops {
        s = spec.step(&s, op, ret, Flight::default())?;
    }
    Ok(s)
}

#[test]
fn fifo_capacity_and_disconnection() {
    let ok = [
        (Op::TrySend(1), Ret::Ok),
        (Op::SendTimeout(2), Ret::Ok),
        (Op::TrySend(3), Ret::Full),
        (Op::Len, Ret::Len(2)),
        (Op::Recv, Ret::Got(1)),
        (Op::DropSender, Ret::Ok),
        (Op::TryRecv, Ret::Got(2)),
        (Op::RecvTimeout, Ret::Disconnected),
    ];
    assert!(run(EXACT2, &ok).is_ok());
    assert!(run(EXACT2, &[(Op::Send(1), Ret::Ok), (Op::TryRecv, Ret::Empty)]).is_err());
    assert!(run(EXACT2, &[(Op::Send(1), Ret::Ok), (Op::Recv, Ret::Got(2))]).is_err());
    assert!(run(EXACT2, &[(Op::TrySend(1), Ret::Full)]).is_err());
    assert!(run(EXACT2, &[(Op::TryRecv, Ret::Disconnected)]).is_err());
    assert!(run(EXACT2, &[(Op::RecvTimeout, Ret::Timeout)]).is_ok());
}

#[test]
fn receiver_drop_discards_and_disconnects() {
    let ops = [
        (Op::Send(1), Ret::Ok),
        (Op::DropReceiver, Ret::Ok),
        (Op::Len, Ret::Len(0)),
    ];
    assert!(run(EXACT2, &ops).is_ok());
    assert!(
        run(
            EXACT2,
            &[(Op::DropReceiver, Ret::Ok), (Op::Send(1), Ret::Ok)]
        )
        .is_err()
    );
    let s = run(EXACT2, &[(Op::DropReceiver, Ret::Ok)]).unwrap();
    assert!(
        EXACT2
            .step(&s, Op::TrySend(2), Ret::Disconnected, fl(0))
            .is_ok()
    );
}

#[test]
fn len_with_claims_in_flight() {
    let spec = Spec {
        cap: Cap::Bounded(1),
        len: LenRule::CountsClaims,
    };
    let s = spec.initial(1);
    assert!(spec.step(&s, Op::Len, Ret::Len(1), fl(1)).is_ok());
    assert!(spec.step(&s, Op::Len, Ret::Len(1), fl(0)).is_err());
    assert!(
        spec.step(&s, Op::Len, Ret::Len(2), fl(2)).is_err(),
        "never above capacity"
    );
}

#[test]
fn full_with_claims_in_flight() {
    let claims = Spec {
        cap: Cap::Bounded(2),
        len: LenRule::CountsClaims,
    };
    let s = claims.step(&claims.initial(2), Op::Send(1), Ret::Ok, fl(0));
    let s = s.expect("room for one");
    assert!(claims.step(&s, Op::TrySend(2), Ret::Full, fl(1)).is_ok());
    assert!(
        claims
            .step(&s, Op::SendTimeout(2), Ret::Timeout, fl(1))
            .is_ok()
    );
    assert!(
        claims.step(&s, Op::TrySend(2), Ret::Full, fl(0)).is_err(),
        "room, and no claim to take it"
    );
    assert!(
        EXACT2.step(&s, Op::TrySend(2), Ret::Full, fl(1)).is_err(),
        "an exact channel counts only what is queued"
    );
}

#[test]
fn rendezvous_pairs_only() {
    let s = ZERO.initial(1);
    assert!(ZERO.step(&s, Op::Send(1), Ret::Ok, fl(0)).is_err());
    assert!(ZERO.step(&s, Op::Recv, Ret::Got(1), fl(0)).is_err());
    assert!(ZERO.step(&s, Op::TrySend(1), Ret::Full, fl(0)).is_ok());
    assert!(
        ZERO.pair(&s, (Op::Send(1), Ret::Ok), (Op::TryRecv, Ret::Got(1)))
            .is_ok()
    );
    assert!(
        ZERO.pair(&s, (Op::TrySend(1), Ret::Ok), (Op::Recv, Ret::Got(1)))
            .is_ok()
    );
    assert!(
        ZERO.pair(&s, (Op::TrySend(1), Ret::Ok), (Op::TryRecv, Ret::Got(1)))
            .is_err()
    );
    assert!(
        ZERO.pair(&s, (Op::Send(1), Ret::Ok), (Op::Recv, Ret::Got(2)))
            .is_err()
    );
}

#[test]
fn atomics_deviation_needs_an_overlapping_send() {
    let spec = Spec {
        cap: Cap::Unbounded,
        len: LenRule::CountsClaims,
    };
    let s = spec
        .step(&spec.initial(2), Op::Send(1), Ret::Ok, fl(0))
        .unwrap();
    let front_unfinished = Flight {
        overlapping_sends: 1,
        ..fl(0)
    };
    assert!(
        spec.step(&s, Op::TryRecv, Ret::Empty, front_unfinished)
            .is_ok()
    );
    assert!(spec.step(&s, Op::TryRecv, Ret::Empty, fl(1)).is_err());
    assert!(
        EXACT2
            .step(&s, Op::TryRecv, Ret::Empty, front_unfinished)
            .is_err()
    );
    let full = Spec {
        cap: Cap::Bounded(1),
        len: LenRule::CountsClaims,
    };
    let one_short = Flight { recvs: 1, ..fl(0) };
    assert!(full.step(&s, Op::Len, Ret::Len(0), one_short).is_ok());
    assert!(full.step(&s, Op::Len, Ret::Len(0), fl(0)).is_err());
    assert!(
        spec.step(&s, Op::Len, Ret::Len(0), one_short).is_err(),
        "only when full"
    );
}

#[test]
fn len_counts_a_batch_until_a_receive_finds_nothing() {
    let spec = Spec {
        cap: Cap::Unbounded,
        len: LenRule::CountsBatch,
    };
    let ops = [
        (Op::Send(1), Ret::Ok),
        (Op::Send(2), Ret::Ok),
        (Op::Recv, Ret::Got(1)),
        (Op::Recv, Ret::Got(2)),
    ];
    let s = run(spec, &ops).expect("sequential sends and receives");
    for n in 0..=2 {
        assert!(spec.step(&s, Op::Len, Ret::Len(n), fl(0)).is_ok(), "{n}");
    }
    assert!(spec.step(&s, Op::Len, Ret::Len(3), fl(0)).is_err());
    let settled = spec.step(&s, Op::TryRecv, Ret::Empty, fl(0)).unwrap();
    assert!(spec.step(&settled, Op::Len, Ret::Len(0), fl(0)).is_ok());
    assert!(spec.step(&settled, Op::Len, Ret::Len(1), fl(0)).is_err());
}

#[test]
fn async_ops_are_judged_as_their_blocking_and_polling_twins() {
    let ok = [
        (Op::SendAsync(1), Ret::Ok),
        (Op::SendPollOnce(2), Ret::Ok),
        (Op::SendPollOnce(3), Ret::Pending),
        (Op::RecvAsync, Ret::Got(1)),
        (Op::RecvPollOnce, Ret::Got(2)),
        (Op::RecvPollOnce, Ret::Pending),
        (Op::DropSender, Ret::Ok),
        (Op::RecvAsync, Ret::Disconnected),
        (Op::RecvPollOnce, Ret::Disconnected),
    ];
    assert!(run(EXACT2, &ok).is_ok());
    let refused: [&[(Op, Ret)]; 5] = [
        &[(Op::SendPollOnce(1), Ret::Pending)],
        &[(Op::SendAsync(1), Ret::Pending)],
        &[(Op::RecvAsync, Ret::Pending)],
        &[(Op::Send(1), Ret::Ok), (Op::RecvPollOnce, Ret::Pending)],
        &[(Op::DropSender, Ret::Ok), (Op::RecvPollOnce, Ret::Pending)],
    ];
    for ops in refused {
        assert!(run(EXACT2, ops).is_err(), "{ops:?}");
    }
    let s = run(EXACT2, &[(Op::DropReceiver, Ret::Ok)]).unwrap();
    let gone = EXACT2.step(&s, Op::SendPollOnce(1), Ret::Disconnected, fl(0));
    assert!(gone.is_ok());
    assert!(
        EXACT2
            .step(&s, Op::SendPollOnce(1), Ret::Pending, fl(0))
            .is_err()
    );
}

#[test]
fn rendezvous_poll_once_pairs() {
    let s = ZERO.initial(1);
    let pending = (Op::SendPollOnce(1), Ret::Pending);
    assert!(
        ZERO.pair(&s, pending, (Op::Recv, Ret::Got(1))).is_ok(),
        "offer taken"
    );
    assert!(
        ZERO.step(&s, pending.0, pending.1, fl(0)).is_ok(),
        "offer withdrawn"
    );
    let handed = ZERO.pair(&s, (Op::Send(1), Ret::Ok), (Op::RecvPollOnce, Ret::Pending));
    assert_eq!(handed.expect("handed").queue, [1]);
    let both_pending = ZERO.pair(&s, pending, (Op::RecvPollOnce, Ret::Pending));
    assert!(
        both_pending.is_err(),
        "a handed message came from a completed send"
    );
    assert!(
        ZERO.pair(&s, (Op::Send(1), Ret::Ok), (Op::RecvAsync, Ret::Pending))
            .is_err()
    );
}
