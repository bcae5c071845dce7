//! The checker on hand-written histories, so that a green lincheck run
//! cannot come from a checker that accepts everything.

use chanlab::kit::lincheck::check::{Order, check};
use chanlab::kit::lincheck::history::{Call, History};
use chanlab::kit::lincheck::spec::{Cap, LenRule, Op, Ret, Spec};

/// Thread 0 and 1 send, thread 2 receives.
fn names() -> Vec<String> {
    ["sender 0", "sender 1", "receiver"]
        .map(String::from)
        .to_vec()
}

/// A history from `(thread, op, ret, inv, resp)` rows.
fn history(rows: &[(usize, Op, Ret, usize, usize)]) -> History {
    let calls = rows.iter().map(|&(thread, op, ret, inv, resp)| Call {
        thread,
        op,
        ret: Some(ret),
        inv,
        resp,
    });
    History::new(calls.collect())
}

fn verdict(cap: Cap, rows: &[(usize, Op, Ret, usize, usize)]) -> Result<Vec<usize>, String> {
    let spec = Spec {
        cap,
        len: LenRule::Exact,
    };
    let h = history(rows);
    check(&spec, Order::RealTime, spec.initial(2), &h, &names())
        .map_err(|f| f.explain(&h, &names()))
}

#[test]
fn overlapping_sends_may_arrive_in_either_order() {
    let rows = [
        (0, Op::Send(1), Ret::Ok, 0, 3),
        (1, Op::Send(2), Ret::Ok, 1, 2),
        (2, Op::Recv, Ret::Got(2), 4, 5),
        (2, Op::Recv, Ret::Got(1), 6, 7),
    ];
    assert_eq!(verdict(Cap::Unbounded, &rows), Ok(vec![1, 0, 2, 3]));
}

#[test]
fn sends_in_real_time_order_must_arrive_in_order() {
    let rows = [
        (0, Op::Send(1), Ret::Ok, 0, 1),
        (1, Op::Send(2), Ret::Ok, 2, 3),
        (2, Op::Recv, Ret::Got(2), 4, 5),
    ];
    let why = verdict(Cap::Unbounded, &rows).unwrap_err();
    assert!(why.contains("1 is at the front of the queue"), "{why}");
}

#[test]
fn empty_while_a_completed_send_is_queued_is_refused() {
    let rows = [
        (0, Op::Send(1), Ret::Ok, 0, 1),
        (2, Op::TryRecv, Ret::Empty, 2, 3),
    ];
    assert!(verdict(Cap::Bounded(1), &rows).is_err());
    let concurrent = [
        (0, Op::Send(1), Ret::Ok, 0, 3),
        (2, Op::TryRecv, Ret::Empty, 1, 2),
    ];
    assert!(verdict(Cap::Bounded(1), &concurrent).is_ok());
}

#[test]
fn rendezvous_needs_overlapping_partners() {
    let overlap = [
        (0, Op::Send(1), Ret::Ok, 0, 3),
        (2, Op::Recv, Ret::Got(1), 1, 4),
    ];
    assert!(verdict(Cap::Rendezvous, &overlap).is_ok());
    let apart = [
        (0, Op::Send(1), Ret::Ok, 0, 1),
        (2, Op::Recv, Ret::Got(1), 2, 3),
    ];
    let why = verdict(Cap::Rendezvous, &apart).unwrap_err();
    assert!(why.contains("no receive that took its message"), "{why}");
}

#[test]
fn the_timeline_shows_every_thread() {
    let rows = [
        (0, Op::Send(1), Ret::Ok, 0, 2),
        (2, Op::TryRecv, Ret::Empty, 1, 3),
    ];
    let text = history(&rows).timeline(&names());
    assert!(
        text.contains("send(1) ...") && text.contains("... -> Empty"),
        "{text}"
    );
}

#[test]
fn program_order_forgives_what_real_time_refuses() {
    let rows = [
        (0, Op::Send(1), Ret::Ok, 0, 1),
        (2, Op::TryRecv, Ret::Empty, 2, 3),
    ];
    let spec = Spec {
        cap: Cap::Unbounded,
        len: LenRule::Exact,
    };
    let h = history(&rows);
    assert!(check(&spec, Order::Program, spec.initial(2), &h, &names()).is_ok());
    let swapped = [
        (0, Op::Send(1), Ret::Ok, 0, 1),
        (0, Op::Send(2), Ret::Ok, 2, 3),
        (2, Op::Recv, Ret::Got(2), 4, 5),
    ];
    let h = history(&swapped);
    assert!(check(&spec, Order::Program, spec.initial(2), &h, &names()).is_err());
}

/// The lock-free history loom produced at full size: judged in program
/// order, the poll's `Empty` reads the channel before `send(3)`, which is
/// not ordered before it, so the history fits; in the same order with
/// nothing left in flight (an exact channel), it does not.
#[test]
fn program_order_lets_a_poll_precede_another_threads_send() {
    use Op::{DropReceiver, DropSender, Len, RecvTimeout, Send, TryRecv};
    let rows = [
        (0, Send(1), Ret::Ok, 1, 2),
        (0, Len, Ret::Len(1), 3, 4),
        (0, Send(2), Ret::Ok, 5, 6),
        (0, DropSender, Ret::Ok, 7, 8),
        (1, Len, Ret::Len(2), 9, 10),
        (1, Send(3), Ret::Ok, 11, 12),
        (1, DropSender, Ret::Ok, 13, 14),
        (2, RecvTimeout, Ret::Got(1), 0, 15),
        (2, TryRecv, Ret::Empty, 16, 17),
        (2, RecvTimeout, Ret::Got(2), 18, 19),
        (2, DropReceiver, Ret::Ok, 20, 21),
    ];
    let h = history(&rows);
    let judge = |len| {
        let spec = Spec {
            cap: Cap::Unbounded,
            len,
        };
        check(&spec, Order::Program, spec.initial(2), &h, &names())
    };
    assert!(judge(LenRule::CountsClaims).is_ok());
    let why = judge(LenRule::Exact).unwrap_err().explain(&h, &names());
    assert!(why.contains("try_recv() -> Empty"), "{why}");
}

/// A sender that saw the receiver gone cannot be placed before the drop,
/// so its `len()` afterwards must be 0: a count of claims made before the
/// drop (what the lock-free channel returned before its RX_GONE RMW
/// became AcqRel) is refused, in program order as in real time.
#[test]
fn len_after_a_disconnected_send_is_zero() {
    use Op::{DropReceiver, Len, Send};
    for (order, len, verdict) in [
        (Order::Program, 0, true),
        (Order::Program, 1, false),
        (Order::RealTime, 1, false),
    ] {
        let rows = [
            (0, Send(1), Ret::Ok, 0, 1),
            (2, DropReceiver, Ret::Ok, 2, 3),
            (0, Send(2), Ret::Disconnected, 4, 5),
            (0, Len, Ret::Len(len), 6, 7),
        ];
        let spec = Spec {
            cap: Cap::Unbounded,
            len: LenRule::CountsClaims,
        };
        let h = history(&rows);
        let ok = check(&spec, order, spec.initial(2), &h, &names()).is_ok();
        assert_eq!(ok, verdict, "{order:?}, len() -> {len}");
    }
}

/// The ring history loom produced at full size (capacity 2): sender 0's
/// `len()` read `head` from before the receiver took 3, and counted it
/// beside the 1 it had just sent, while the receiver's last poll found
/// 1's slot still being written. In program order the count may include
/// a message another thread received, since nothing orders that receive
/// before the `len()`; without that allowance no order fits.
#[test]
fn program_order_lets_len_count_a_message_received_elsewhere() {
    use Op::{DropReceiver, DropSender, Len, RecvTimeout, SendTimeout, TrySend};
    let rows = [
        (0, Len, Ret::Len(0), 1, 2),
        (0, TrySend(1), Ret::Ok, 3, 16),
        (0, Len, Ret::Len(2), 17, 18),
        (0, DropSender, Ret::Ok, 19, 20),
        (1, SendTimeout(2), Ret::Ok, 4, 5),
        (1, TrySend(3), Ret::Ok, 6, 7),
        (1, DropSender, Ret::Ok, 8, 9),
        (2, RecvTimeout, Ret::Got(2), 0, 10),
        (2, RecvTimeout, Ret::Got(3), 11, 12),
        (2, RecvTimeout, Ret::Timeout, 13, 14),
        (2, DropReceiver, Ret::Ok, 15, 21),
    ];
    let spec = Spec {
        cap: Cap::Bounded(2),
        len: LenRule::CountsClaims,
    };
    let h = history(&rows);
    assert!(check(&spec, Order::Program, spec.initial(2), &h, &names()).is_ok());
    let failure = check(&spec, Order::RealTime, spec.initial(2), &h, &names()).unwrap_err();
    let why = failure.explain(&h, &names());
    assert!(why.contains("len() -> Len(2)"), "{why}");
}

/// loom, the ring at capacity 2 (full-size lincheck, judged in program
/// order): sender 1's `try_send(3)` has claimed the second slot and not
/// written it; sender 0's `try_send(1)` counts that claim and reports
/// `Full`; the receiver takes 2 and times out on the unwritten slot. A
/// `Full` that counted only queued messages would need 3 queued before the
/// timeout, and no order would fit.
#[test]
fn program_order_lets_full_count_a_claimed_slot() {
    use Op::{DropReceiver, DropSender, Len, RecvTimeout, SendTimeout, TrySend};
    let rows = [
        (0, Len, Ret::Len(0), 1, 2),
        (0, TrySend(1), Ret::Full, 3, 17),
        (0, Len, Ret::Len(1), 18, 19),
        (0, DropSender, Ret::Ok, 20, 21),
        (1, SendTimeout(2), Ret::Ok, 4, 5),
        (1, TrySend(3), Ret::Ok, 6, 11),
        (1, DropSender, Ret::Ok, 12, 13),
        (2, RecvTimeout, Ret::Got(2), 0, 7),
        (2, RecvTimeout, Ret::Timeout, 8, 9),
        (2, RecvTimeout, Ret::Got(3), 10, 14),
        (2, DropReceiver, Ret::Ok, 15, 16),
    ];
    let claims = Spec {
        cap: Cap::Bounded(2),
        len: LenRule::CountsClaims,
    };
    let h = history(&rows);
    assert!(check(&claims, Order::Program, claims.initial(2), &h, &names()).is_ok());
    let exact = Spec {
        cap: Cap::Bounded(2),
        len: LenRule::Exact,
    };
    let failure = check(&exact, Order::Program, exact.initial(2), &h, &names()).unwrap_err();
    let why = failure.explain(&h, &names());
    assert!(why.contains("Timeout"), "{why}");
}

/// loom, the ring at capacity 2 (full size, program order): sender 1's
/// `try_send(3)` reports `Full` with only 2 queued, the slot of 1, which
/// the receiver took, still looking taken (nothing orders that receive
/// before the `try_send`); the receiver's next `recv_timeout` runs before
/// 2 is placed. Real time refuses the history.
#[test]
fn program_order_lets_full_count_a_slot_received_elsewhere() {
    use Op::{DropReceiver, DropSender, Len, RecvTimeout, SendTimeout, TrySend};
    let rows = [
        (0, Len, Ret::Len(0), 1, 2),
        (0, TrySend(1), Ret::Ok, 3, 6),
        (0, Len, Ret::Len(1), 7, 8),
        (0, DropSender, Ret::Ok, 9, 10),
        (1, SendTimeout(2), Ret::Ok, 11, 16),
        (1, TrySend(3), Ret::Full, 17, 18),
        (1, DropSender, Ret::Ok, 19, 20),
        (2, RecvTimeout, Ret::Timeout, 0, 4),
        (2, RecvTimeout, Ret::Got(1), 5, 12),
        (2, RecvTimeout, Ret::Timeout, 13, 14),
        (2, DropReceiver, Ret::Ok, 15, 21),
    ];
    let claims = Spec {
        cap: Cap::Bounded(2),
        len: LenRule::CountsClaims,
    };
    let h = history(&rows);
    assert!(check(&claims, Order::Program, claims.initial(2), &h, &names()).is_ok());
    assert!(check(&claims, Order::RealTime, claims.initial(2), &h, &names()).is_err());
}

/// A send polled once that saw `Pending` was cancelled: its message was
/// dropped and must never be received. The same history with the
/// message never received fits.
#[test]
fn a_cancelled_send_is_never_received() {
    use Op::{Recv, Send, SendPollOnce, TryRecv};
    let delivered = [
        (0, Send(1), Ret::Ok, 0, 1),
        (0, SendPollOnce(2), Ret::Pending, 2, 3),
        (2, Recv, Ret::Got(1), 4, 5),
        (2, Recv, Ret::Got(2), 6, 7),
    ];
    let why = verdict(Cap::Bounded(1), &delivered).unwrap_err();
    assert!(why.contains("recv() cannot return Got(2)"), "{why}");
    let dropped = [
        (0, Send(1), Ret::Ok, 0, 1),
        (0, SendPollOnce(2), Ret::Pending, 2, 3),
        (2, Recv, Ret::Got(1), 4, 5),
        (2, TryRecv, Ret::Empty, 6, 7),
    ];
    assert!(verdict(Cap::Bounded(1), &dropped).is_ok());
    let room = [(0, SendPollOnce(2), Ret::Pending, 0, 1)];
    let why = verdict(Cap::Bounded(1), &room).unwrap_err();
    assert!(why.contains("there is room"), "{why}");
}

/// A receive polled once may see `Pending` only where `try_recv()` could
/// see `Empty`: a queued message with no send in flight is refused, in
/// real time, and under the atomics' rule too; a send overlapping the poll
/// excuses it under that rule only.
#[test]
fn a_cancelled_receive_took_nothing_and_saw_nothing() {
    use Op::{RecvPollOnce, Send};
    let queued = [
        (0, Send(1), Ret::Ok, 0, 1),
        (2, RecvPollOnce, Ret::Pending, 2, 3),
    ];
    let why = verdict(Cap::Unbounded, &queued).unwrap_err();
    assert!(why.contains("1 is at the front"), "{why}");
    let judge = |rows: &[(usize, Op, Ret, usize, usize)], len| {
        let spec = Spec {
            cap: Cap::Unbounded,
            len,
        };
        let h = history(rows);
        check(&spec, Order::RealTime, spec.initial(2), &h, &names()).is_ok()
    };
    assert!(!judge(&queued, LenRule::CountsClaims));
    let overlapping = [
        (0, Send(1), Ret::Ok, 0, 1),
        (1, Send(2), Ret::Ok, 2, 5),
        (2, RecvPollOnce, Ret::Pending, 3, 4),
    ];
    assert!(judge(&overlapping, LenRule::CountsClaims));
    assert!(!judge(&overlapping, LenRule::Exact));
}

/// On a rendezvous channel a polled-once send's offer may be taken before
/// its drop (the send saw `Pending` yet its message arrives), and a
/// polled-once receive may be handed a message, which stays queued for
/// the next receive; without the overlapping partner neither fits.
#[test]
fn rendezvous_poll_once_offers_and_hand_offs() {
    use Op::{Recv, RecvPollOnce, SendPollOnce, TryRecv, TrySend};
    let taken = [
        (0, SendPollOnce(1), Ret::Pending, 0, 3),
        (2, Recv, Ret::Got(1), 1, 2),
    ];
    assert!(verdict(Cap::Rendezvous, &taken).is_ok());
    let after = [
        (0, SendPollOnce(1), Ret::Pending, 0, 1),
        (2, Recv, Ret::Got(1), 2, 3),
    ];
    assert!(verdict(Cap::Rendezvous, &after).is_err());
    let handed = [
        (0, TrySend(1), Ret::Ok, 1, 2),
        (2, RecvPollOnce, Ret::Pending, 0, 3),
        (2, TryRecv, Ret::Got(1), 4, 5),
    ];
    assert!(verdict(Cap::Rendezvous, &handed).is_ok());
    let unhanded = [
        (0, TrySend(1), Ret::Ok, 0, 1),
        (2, RecvPollOnce, Ret::Pending, 2, 3),
        (2, TryRecv, Ret::Got(1), 4, 5),
    ];
    assert!(verdict(Cap::Rendezvous, &unhanded).is_err());
}

/// The generated scenarios call the async operations a channel offers
/// (and, `scenario::generate`'s example shows, none it does not).
#[test]
fn generated_scenarios_await_and_cancel_where_offered() {
    use chanlab::kit::lincheck::scenario::{Offers, generate};
    let offers = Offers {
        recv_async: true,
        send_async: true,
        ..Offers::NONE
    };
    let scenarios = generate(Cap::Bounded(1), offers, 12, 15);
    let ops: Vec<Op> = scenarios
        .iter()
        .flat_map(|sc| sc.senders.iter().flatten().chain(&sc.receiver))
        .copied()
        .collect();
    let has = |f: fn(&Op) -> bool| ops.iter().any(f);
    assert!(has(|op| matches!(op, Op::RecvAsync)));
    assert!(has(|op| matches!(op, Op::RecvPollOnce)));
    assert!(has(|op| matches!(op, Op::SendAsync(_))));
    assert!(has(|op| matches!(op, Op::SendPollOnce(_))));
}
