//! The sequential specification of an MPSC channel.
//!
//! A channel's state is a FIFO queue, its capacity, the number of live
//! sending handles and whether the receiver is alive ([`State`]). Every
//! operation ([`Op`]) with the result it returned ([`Ret`]) is a step
//! [`Spec::step`] either allows, giving the next state, or rejects with a
//! reason. The checker (`check.rs`) searches for an order of a concurrent
//! history's steps, consistent with real time, that the spec accepts
//! (Herlihy and Wing 1990).
//!
//! # Decisions
//!
//! * **Blocking operations** (`send` on a full channel, `recv` on an empty
//!   one) linearize where they complete: the spec has no step for "still
//!   blocked", so a blocking op is placed only at a point where it can finish.
//! * **Timed operations** may report a timeout only where the spec says the
//!   operation could not complete: `recv_timeout` where nothing is queued and
//!   a sender is alive, `send_timeout` where the queue is full and the
//!   receiver alive.
//! * **Disconnection.** A receive reports `Disconnected` only once the queue
//!   is empty and no sender is alive; a send reports it only once the
//!   receiver is gone. Dropping the receiver discards what is queued.
//! * **Rendezvous** (`sync_channel(0)`): nothing is ever queued. A message
//!   moves in one step that pairs a successful send with the receive that
//!   took it ([`Spec::pair`]); the checker places both at one instant inside
//!   both intervals. Any receive may take a blocked sender's message (a
//!   `try_recv` too, as std does), but two polls never meet: a `try_send`
//!   cannot pair with a `try_recv`. Whether a partner was already waiting is
//!   not part of a sequential state, and a history cannot show it (a waiting
//!   operation's request may take effect as late as its response), so on a
//!   rendezvous channel `Full`, `Timeout` and `Empty` are allowed wherever the
//!   other end is alive. What the spec demands there is pairing, FIFO per
//!   sender and the disconnection results.
//! * **Async operations.** A future awaited to completion is judged as the
//!   blocking call: `recv_async().await` as `recv()`, `send_async(m).await`
//!   as `send(m)`. A future polled once and then dropped is a cancelled
//!   wait: its `Ready` result is judged as the blocking call's, and
//!   `Pending` as a poll that found nothing (a receive: where `try_recv()`
//!   could return `Empty`, so the cancelled wait took no message; a send:
//!   where `try_send` could return `Full`, and its message is dropped,
//!   never received). On a rendezvous channel a polled-once send made an
//!   offer, which a receive may take before the drop withdraws it (the
//!   send then pairs with that receive though it saw `Pending`), and a
//!   polled-once receive waited, so a send may hand it a message, which
//!   its drop leaves queued for the next receive.
//! * **`len()`** is judged by [`LenRule`]: exactly linearizable for the
//!   bounded mutex channel; for the unbounded one, whose receiver takes the
//!   queue in batches, up to the messages received since its last receive
//!   that found nothing may still be counted ([`LenRule::CountsBatch`]); for the lock-free and ring channels, which count a send from
//!   the moment it claims a slot, exact except that each concurrent send not
//!   yet linearized may already be counted (so exact whenever no send is in
//!   flight; judged in program order, also each message another thread
//!   has received, since nothing orders that receive before the call: the
//!   two relaxed loads may still see the message counted, as loom found on
//!   the ring, whose `len()` said 2 with one message queued); on a
//!   rendezvous channel 0 or 1 (a message being handed over).
//!   Once the receiver is gone, `len()` is 0 on every channel but the
//!   rendezvous (loom once found the lock-free `len()` returning 2 after its
//!   own thread's send had reported the disconnection; see the loom model
//!   `lockfree::len_is_zero_after_a_send_saw_the_receiver_gone`). The ring's
//!   may also be one short when it is full and a receive overlaps the call
//!   (shuttle found the ring's `len()`
//!   returning 1 with two messages queued: a pop frees its slot before it
//!   moves `head`, so a sender can claim that slot and `head`..`tail` then
//!   spans `capacity + 1` positions, which `Layout::distance` folds).
//! * **Known deviation of the atomics-based channels** ([`LenRule::CountsClaims`]):
//!   a polling or timed receive may report `Empty`/`Timeout` with messages
//!   queued while a send is concurrent with it (shuttle found the lock-free
//!   `try_recv` returning `Empty` with a completed send's message queued,
//!   because an earlier-claimed slot of a concurrent send was not written
//!   yet, and that send even returned `Disconnected` later; std's list
//!   flavor waits for that writer instead). With no concurrent send, such
//!   an `Empty` is still refused. Likewise a `try_send` may report `Full`
//!   (a `send_timeout`, `Timeout`) while concurrent sends not yet linearized
//!   hold the room it lacks: the ring counts a slot as taken from its claim
//!   (loom found, at capacity 2, `try_send(1) -> Full` beside a queued
//!   message and another sender's claimed, unwritten slot, which the
//!   receiver's next `recv_timeout` then missed), or, in program order,
//!   while a slot that another thread has received from still looks taken
//!   (loom: `try_send(3) -> Full` with one message queued, the receiver's
//!   earlier receive not ordered before it). "Concurrent" is judged in the history's
//!   order (`check.rs`): overlapping in real time, or, in program order,
//!   any send of another thread not ordered before the poll.

use std::collections::VecDeque;
use std::fmt;

/// A message: small, distinct per scenario.
pub type Msg = u8;

/// How many messages a channel holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cap {
    /// `channel()`.
    Unbounded,
    /// `sync_channel(0)`.
    Rendezvous,
    /// `sync_channel(n)`, `n >= 1`.
    Bounded(usize),
}

/// How `len()` (and, for the atomics-based channels, a polling receive
/// behind a send in flight) is judged (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LenRule {
    /// The queue's length at the linearization point.
    Exact,
    /// That length plus up to one per concurrent, not yet linearized send
    /// (one less when full with a receive overlapping); and the known
    /// deviation of a receive above.
    CountsClaims,
    /// That length plus the messages the receiver may still hold in a
    /// batch taken in its last lock: those received since its last receive
    /// that found nothing (which locked with an empty batch). The unbounded
    /// mutex channel, whose senders' `len()` counts an undrained batch.
    CountsBatch,
}

/// One operation of a scenario, on the handle its thread holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `send(m)`.
    Send(Msg),
    /// `try_send(m)`.
    TrySend(Msg),
    /// `send_timeout(m, _)`.
    SendTimeout(Msg),
    /// `recv()`.
    Recv,
    /// `try_recv()`.
    TryRecv,
    /// `recv_timeout(_)`.
    RecvTimeout,
    /// `recv_async().await`, run to completion (judged as `recv()`).
    RecvAsync,
    /// `send_async(m).await` on a bounded sender (judged as `send(m)`).
    SendAsync(Msg),
    /// A `recv_async()` future polled once and dropped: a cancelled wait
    /// ([`Ret::Pending`] where `try_recv()` could return `Empty`).
    RecvPollOnce,
    /// A `send_async(m)` future polled once and dropped: a cancelled send
    /// ([`Ret::Pending`] where `try_send(m)` could return `Full`; its
    /// message is then never received).
    SendPollOnce(Msg),
    /// `len()` on the thread's handle.
    Len,
    /// Clone the thread's sending handle (the thread then holds one more).
    Clone,
    /// Drop one of the thread's sending handles.
    DropSender,
    /// Drop the receiver.
    DropReceiver,
}

/// What an operation returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ret {
    /// A send succeeded; or a clone or drop returned.
    Ok,
    /// A message was received.
    Got(Msg),
    /// `try_send`: no room.
    Full,
    /// `try_recv`: nothing queued.
    Empty,
    /// A timed operation gave up.
    Timeout,
    /// The other end is gone.
    Disconnected,
    /// `len()` returned this.
    Len(usize),
    /// A failed send handed back a message other than the one it was given.
    WrongMessage(Msg),
    /// A future polled once returned `Poll::Pending` (and was dropped).
    Pending,
}

impl Op {
    /// The message a send-like op carries.
    ///
    /// ```
    /// use chanlab::kit::lincheck::spec::Op;
    /// assert_eq!(Op::TrySend(3).sent(), Some(3));
    /// assert_eq!(Op::Recv.sent(), None);
    /// ```
    pub fn sent(self) -> Option<Msg> {
        match self {
            Op::Send(m)
            | Op::TrySend(m)
            | Op::SendTimeout(m)
            | Op::SendAsync(m)
            | Op::SendPollOnce(m) => Some(m),
            _ => None,
        }
    }

    /// Whether this is a receive (`recv`, `try_recv`, `recv_timeout`, and
    /// the two of `recv_async`).
    ///
    /// ```
    /// use chanlab::kit::lincheck::spec::Op;
    /// assert!(Op::RecvTimeout.is_recv() && Op::RecvPollOnce.is_recv() && !Op::Len.is_recv());
    /// ```
    pub fn is_recv(self) -> bool {
        matches!(
            self,
            Op::Recv | Op::TryRecv | Op::RecvTimeout | Op::RecvAsync | Op::RecvPollOnce
        )
    }

    /// Whether this op never waits (nor registers to: a future polled once
    /// registers its task before it is dropped, so it is not a poll here).
    ///
    /// ```
    /// use chanlab::kit::lincheck::spec::Op;
    /// assert!(Op::TryRecv.is_poll() && !Op::Send(1).is_poll());
    /// ```
    pub fn is_poll(self) -> bool {
        matches!(self, Op::TrySend(_) | Op::TryRecv)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Send(m) => write!(f, "send({m})"),
            Op::TrySend(m) => write!(f, "try_send({m})"),
            Op::SendTimeout(m) => write!(f, "send_timeout({m})"),
            Op::Recv => f.write_str("recv()"),
            Op::TryRecv => f.write_str("try_recv()"),
            Op::RecvTimeout => f.write_str("recv_timeout()"),
            Op::RecvAsync => f.write_str("recv_async()"),
            Op::SendAsync(m) => write!(f, "send_async({m})"),
            Op::RecvPollOnce => f.write_str("poll_once(recv_async())"),
            Op::SendPollOnce(m) => write!(f, "poll_once(send_async({m}))"),
            Op::Len => f.write_str("len()"),
            Op::Clone => f.write_str("clone()"),
            Op::DropSender => f.write_str("drop(tx)"),
            Op::DropReceiver => f.write_str("drop(rx)"),
        }
    }
}

/// The abstract state of a channel.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct State {
    /// Queued messages, oldest first.
    pub queue: VecDeque<Msg>,
    /// Live sending handles.
    pub senders: usize,
    /// Whether the receiver is alive.
    pub receiver: bool,
    /// Messages received since the receiver's last receive that returned
    /// no message ([`LenRule::CountsBatch`]'s slack).
    pub unsettled: usize,
}

/// The specification of one channel: its capacity and `len()` rule.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The capacity.
    pub cap: Cap,
    /// How `len()` is judged.
    pub len: LenRule,
}

/// Calls concurrent with the one being placed (the slack of
/// [`LenRule::CountsClaims`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct Flight {
    /// Sends in flight.
    pub sends: usize,
    /// Receives concurrent with it (overlapping in real time, placed or
    /// not; in program order, not yet placed).
    pub recvs: usize,
    /// Sends concurrent with it, as `recvs`.
    pub overlapping_sends: usize,
    /// In program order: messages another thread has received in the
    /// order so far, none of them ordered before the call (a relaxed
    /// `len()` may still count them); 0 in real time.
    pub received: usize,
}

/// A step's verdict: the next state, or why the step is not allowed.
pub type Verdict = Result<State, String>;

impl Spec {
    /// The state of a fresh channel whose sender was cloned to `senders` handles.
    ///
    /// ```
    /// use chanlab::kit::lincheck::spec::{Cap, LenRule, Spec};
    /// let spec = Spec { cap: Cap::Bounded(1), len: LenRule::Exact };
    /// let s = spec.initial(2);
    /// assert_eq!((s.senders, s.receiver, s.queue.len()), (2, true, 0));
    /// ```
    pub fn initial(&self, senders: usize) -> State {
        let queue = VecDeque::new();
        State {
            queue,
            senders,
            receiver: true,
            unsettled: 0,
        }
    }

    /// Whether a message can be queued in `s` (never on a rendezvous channel).
    fn room(&self, s: &State) -> bool {
        match self.cap {
            Cap::Unbounded => true,
            Cap::Rendezvous => false,
            Cap::Bounded(n) => s.queue.len() < n,
        }
    }

    /// Applies `op` returning `ret` alone in state `s`; `flight` counts the
    /// concurrent calls not yet placed.
    ///
    /// ```
    /// use chanlab::kit::lincheck::spec::{Cap, Flight, LenRule, Op, Ret, Spec};
    /// let spec = Spec { cap: Cap::Bounded(1), len: LenRule::Exact };
    /// let none = Flight::default();
    /// let s = spec.step(&spec.initial(1), Op::TrySend(1), Ret::Ok, none).unwrap();
    /// assert!(spec.step(&s, Op::TrySend(2), Ret::Full, none).is_ok(), "full");
    /// let why = spec.step(&s, Op::TryRecv, Ret::Empty, none).unwrap_err();
    /// assert!(why.contains("1 is at the front"), "{why}");
    /// ```
    pub fn step(&self, s: &State, op: Op, ret: Ret, flight: Flight) -> Verdict {
        let mut next = s.clone();
        match (op, ret) {
            (Op::Clone, Ret::Ok) => next.senders += 1,
            (Op::DropSender, Ret::Ok) => next.senders -= 1,
            (Op::DropReceiver, Ret::Ok) => {
                next.receiver = false;
                next.queue.clear();
                next.unsettled = 0;
            }
            (Op::Len, Ret::Len(n)) => self.len(s, n, flight)?,
            (op, ret) if op.sent().is_some() => self.send(&mut next, op, ret, flight)?,
            (op, ret) if op.is_recv() => self.recv(&mut next, op, ret, flight)?,
            _ => return Err(format!("{op} cannot return {ret:?}")),
        }
        Ok(next)
    }

    /// A send-like op alone (a rendezvous success needs [`Spec::pair`]).
    /// Under [`LenRule::CountsClaims`] a claimed slot is full from the
    /// moment of its claim, so a concurrent send still in flight may already
    /// take the room a `Full` or a `Timeout` reports missing; and, as for
    /// `len()`, a slot another thread has received from but whose receive
    /// is not ordered before this call may still look taken.
    fn send(&self, s: &mut State, op: Op, ret: Ret, flight: Flight) -> Result<(), String> {
        let room = self.room(s);
        let claimed_full = match (self.cap, self.len) {
            (Cap::Bounded(cap), LenRule::CountsClaims) => {
                s.queue.len() + flight.sends + flight.received >= cap
            }
            _ => false,
        };
        let refused = s.receiver && (!room || claimed_full);
        let ok = match ret {
            Ret::Disconnected => !s.receiver,
            Ret::Ok if room && s.receiver => {
                s.queue.extend(op.sent());
                true
            }
            Ret::Full => matches!(op, Op::TrySend(_)) && refused,
            Ret::Timeout => matches!(op, Op::SendTimeout(_)) && refused,
            Ret::Pending => matches!(op, Op::SendPollOnce(_)) && refused,
            _ => false,
        };
        let why = match (s.receiver, room) {
            (false, _) => "the receiver is gone",
            (true, false) => "the receiver is alive and there is no room",
            (true, true) => "the receiver is alive and there is room",
        };
        ok.then_some(())
            .ok_or_else(|| format!("{op} cannot return {ret:?}: {why}"))
    }

    /// A receive alone (a rendezvous success needs [`Spec::pair`]).
    fn recv(&self, s: &mut State, op: Op, ret: Ret, flight: Flight) -> Result<(), String> {
        let front = s.queue.front().copied();
        let behind = self.len == LenRule::CountsClaims && flight.overlapping_sends > 0;
        let got = matches!(ret, Ret::Got(_));
        s.unsettled = if got { s.unsettled + 1 } else { 0 };
        let ok = match ret {
            Ret::Got(m) if front == Some(m) => s.queue.pop_front().is_some(),
            Ret::Disconnected => front.is_none() && s.senders == 0,
            Ret::Empty => op == Op::TryRecv && (front.is_none() || behind) && s.senders > 0,
            Ret::Timeout => op == Op::RecvTimeout && (front.is_none() || behind) && s.senders > 0,
            Ret::Pending => op == Op::RecvPollOnce && (front.is_none() || behind) && s.senders > 0,
            _ => false,
        };
        let why = match front {
            Some(m) => format!("{m} is at the front of the queue"),
            None if s.senders == 0 => "the queue is empty and every sender is gone".into(),
            None => format!("the queue is empty and {} sender(s) alive", s.senders),
        };
        ok.then_some(())
            .ok_or_else(|| format!("{op} cannot return {ret:?}: {why}"))
    }

    /// `len()` returning `n`.
    fn len(&self, s: &State, n: usize, flight: Flight) -> Result<(), String> {
        let q = s.queue.len();
        let hi = match (self.cap, self.len) {
            (Cap::Rendezvous, _) => 1,
            // Once the receiver is gone nothing can be received: 0.
            _ if !s.receiver => 0,
            (_, LenRule::Exact) => q,
            (_, LenRule::CountsBatch) => q + s.unsettled,
            (Cap::Bounded(cap), LenRule::CountsClaims) => {
                (q + flight.sends + flight.received).min(cap)
            }
            (Cap::Unbounded, LenRule::CountsClaims) => q + flight.sends + flight.received,
        };
        let lo = match (self.cap, self.len) {
            (Cap::Rendezvous, _) => 0,
            (Cap::Bounded(cap), LenRule::CountsClaims) if q == cap && flight.recvs > 0 => q - 1,
            _ => q,
        };
        (lo..=hi)
            .contains(&n)
            .then_some(())
            .ok_or_else(|| format!("len() cannot return {n}: allowed {lo}..={hi}"))
    }

    /// A rendezvous transfer: the send `tx` and the receive `rx` take
    /// effect together. The send returned `Ok` (or, polled once, `Pending`:
    /// a receive took its offer before the future was dropped); the receive
    /// returned its message, or, polled once, `Pending`: the send handed
    /// the message to its waiting task, and the dropped future left it
    /// queued for the next receive (the mutex channel's `handed`).
    ///
    /// ```
    /// use chanlab::kit::lincheck::spec::{Cap, LenRule, Op, Ret, Spec};
    /// let spec = Spec { cap: Cap::Rendezvous, len: LenRule::Exact };
    /// let s = spec.initial(1);
    /// let (send, try_send) = ((Op::Send(1), Ret::Ok), (Op::TrySend(1), Ret::Ok));
    /// assert!(spec.pair(&s, send, (Op::TryRecv, Ret::Got(1))).is_ok());
    /// assert!(spec.pair(&s, try_send, (Op::TryRecv, Ret::Got(1))).is_err(), "two polls");
    /// let handed = spec.pair(&s, try_send, (Op::RecvPollOnce, Ret::Pending)).unwrap();
    /// assert_eq!(handed.queue, [1]);
    /// ```
    pub fn pair(&self, s: &State, tx: (Op, Ret), rx: (Op, Ret)) -> Verdict {
        let ((tx, sent), (rx, ret)) = (tx, rx);
        let msg = tx.sent();
        let taken = matches!(
            (tx, sent),
            (_, Ret::Ok) | (Op::SendPollOnce(_), Ret::Pending)
        );
        let handed = (rx, ret) == (Op::RecvPollOnce, Ret::Pending) && sent == Ret::Ok;
        let got = ret == Ret::Got(msg.unwrap_or(0));
        if self.cap != Cap::Rendezvous || msg.is_none() || !taken || !(got || handed) {
            return Err(format!(
                "{tx} -> {sent:?} and {rx} -> {ret:?} are not a rendezvous"
            ));
        }
        if tx.is_poll() && rx.is_poll() {
            return Err(format!("{tx} and {rx} are both polls and cannot meet"));
        }
        if !s.receiver {
            return Err(format!("{tx} cannot hand over: the receiver is gone"));
        }
        let mut next = s.clone();
        if handed {
            next.queue.extend(msg);
        }
        Ok(next)
    }
}
