//! The linearizability checker: Wing and Gong's search with memoisation.
//!
//! A history is linearizable when its operations can be put in one order
//! that (a) respects real time: if `a` returned before `b` was invoked, `a`
//! comes first, and (b) the sequential spec accepts, result by result
//! (Herlihy and Wing 1990). Wing and Gong (1993) search for that order
//! depth first: at each point any operation that no other remaining
//! operation precedes in real time is a candidate; the spec decides whether
//! it may go next, and the search backtracks when none can. Lowe (2017,
//! "Testing for linearizability") adds memoisation: two paths that have
//! placed the same set of operations and reached the same abstract state
//! have the same future, so each (set, state) pair is explored once. Our
//! histories hold a dozen operations, so the set is a bit mask.
//!
//! # Which order must be respected
//!
//! [`Order::RealTime`] is linearizability proper: `a` before `b` whenever
//! `a` returned before `b` was invoked. It is the right judge wherever the
//! checker's order of execution is also the order of memory: under shuttle
//! (every atomic is sequentially consistent) and for the mutex channel
//! under loom (every operation runs under one lock). Under loom, a channel
//! built on `Acquire`/`Release` atomics may read a value that is stale in
//! loom's execution order but allowed by C11, because no happens-before
//! edge forbids it; for such code linearizability is defined with
//! happens-before in place of real time (Batty, Dodds and Gotsman 2013,
//! "Library abstraction for C/C++ concurrency"). A scenario's threads
//! share nothing but the channel, and every edge the channel itself creates
//! (a send before the receive of its message, a drop before the
//! disconnection it causes) is already implied by the spec, so that
//! reduces to [`Order::Program`]: each thread's calls in program order
//! (sequential consistency, Lamport 1979).
//!
//! A rendezvous transfer places a send and the receive that took its
//! message in one step; both must be candidates then, which is exactly
//! "their intervals overlap and nothing forces either one later".

use super::history::{Call, History};
use super::spec::{Cap, Flight, Op, Ret, Spec, State};
use std::collections::HashSet;
use std::fmt::Write as _;

/// Why a history has no linearization: the longest prefix the search could
/// place, the state it reached, and why each candidate was refused there.
#[derive(Debug)]
pub struct Failure {
    /// Indices (into the history's calls) of the longest placed prefix.
    pub prefix: Vec<usize>,
    /// The spec state after that prefix.
    pub state: State,
    /// For each candidate at that point, why the spec refused it.
    pub reasons: Vec<String>,
}

/// Which order between calls a linearization must respect (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// `a` before `b` when `a` returned before `b` was invoked.
    RealTime,
    /// Only each thread's own calls, in program order.
    Program,
}

/// The search over one history.
struct Search<'a> {
    spec: &'a Spec,
    order: Order,
    calls: &'a [Call],
    names: &'a [String],
    /// (placed set, state) pairs already explored without success.
    seen: HashSet<(u64, State)>,
    /// The deepest failure so far.
    best: Failure,
}

/// Searches for a linearization of `history` from `initial`. Every call
/// must have returned. Returns the order found, as indices into the calls.
///
/// ```
/// use chanlab::kit::lincheck::check::{Order, check};
/// use chanlab::kit::lincheck::history::{Call, History};
/// use chanlab::kit::lincheck::spec::{Cap, LenRule, Op, Ret, Spec};
/// let call = |thread, op, ret, inv, resp| Call { thread, op, ret: Some(ret), inv, resp };
/// // The receive overlaps the send, so it may take its message.
/// let h = History::new(vec![
///     call(0, Op::Send(1), Ret::Ok, 0, 2),
///     call(1, Op::Recv, Ret::Got(1), 1, 3),
/// ]);
/// let spec = Spec { cap: Cap::Unbounded, len: LenRule::Exact };
/// let names = ["sender".to_string(), "receiver".to_string()];
/// let order = check(&spec, Order::RealTime, spec.initial(1), &h, &names);
/// assert_eq!(order.unwrap(), [0, 1]);
/// ```
pub fn check(
    spec: &Spec,
    order: Order,
    initial: State,
    history: &History,
    names: &[String],
) -> Result<Vec<usize>, Failure> {
    let calls = &history.calls;
    assert!(calls.len() <= 64, "histories are tiny");
    assert!(calls.iter().all(|c| c.ret.is_some()), "a pending call");
    let best = Failure {
        prefix: Vec::new(),
        state: initial.clone(),
        reasons: Vec::new(),
    };
    let mut search = Search {
        spec,
        order,
        calls,
        names,
        seen: HashSet::new(),
        best,
    };
    let mut order = Vec::new();
    if search.place(0, &initial, &mut order) {
        Ok(order)
    } else {
        Err(search.best)
    }
}

impl Search<'_> {
    /// Tries to extend `order` (the calls in `done`, reaching `state`) to a
    /// full linearization.
    fn place(&mut self, done: u64, state: &State, order: &mut Vec<usize>) -> bool {
        if done.count_ones() as usize == self.calls.len() {
            return true;
        }
        if !self.seen.insert((done, state.clone())) {
            return false;
        }
        let candidates = self.candidates(done);
        let mut reasons = Vec::new();
        for &i in &candidates {
            let (op, ret) = (self.calls[i].op, self.ret(i));
            match self.spec.step(state, op, ret, self.flight(done, i)) {
                Ok(next) if self.recurse(done, &next, order, &[i]) => return true,
                Ok(_) => {}
                Err(why) => reasons.push(format!("{}: {why}", self.name(i))),
            }
            if self.try_pairs(done, state, order, i, &candidates, &mut reasons) {
                return true;
            }
        }
        if order.len() >= self.best.prefix.len() {
            let prefix = order.clone();
            self.best = Failure {
                prefix,
                state: state.clone(),
                reasons,
            };
        }
        false
    }

    /// On a rendezvous channel, tries call `tx` (a successful send) together
    /// with each candidate receive that returned its message.
    fn try_pairs(
        &mut self,
        done: u64,
        state: &State,
        order: &mut Vec<usize>,
        tx: usize,
        candidates: &[usize],
        reasons: &mut Vec<String>,
    ) -> bool {
        let op = self.calls[tx].op;
        let sent = (op, self.ret(tx));
        let may_pair = matches!(sent, (_, Ret::Ok) | (Op::SendPollOnce(_), Ret::Pending));
        if self.spec.cap != Cap::Rendezvous || op.sent().is_none() || !may_pair {
            return false;
        }
        let mut partner = false;
        for &rx in candidates.iter().filter(|&&j| self.calls[j].op.is_recv()) {
            let rx_call = (self.calls[rx].op, self.ret(rx));
            match self.spec.pair(state, sent, rx_call) {
                Ok(next) if self.recurse(done, &next, order, &[tx, rx]) => return true,
                Ok(_) => partner = true,
                Err(why) => {
                    reasons.push(format!("{} with {}: {why}", self.name(tx), self.name(rx)))
                }
            }
        }
        if !partner {
            let why = "no receive that took its message can be placed with it";
            reasons.push(format!("{}: {why}", self.name(tx)));
        }
        false
    }

    /// Places `calls` (already accepted, reaching `next`) and searches on.
    fn recurse(
        &mut self,
        done: u64,
        next: &State,
        order: &mut Vec<usize>,
        calls: &[usize],
    ) -> bool {
        let mask = calls.iter().fold(done, |m, &i| m | 1 << i);
        order.extend_from_slice(calls);
        if self.place(mask, next, order) {
            return true;
        }
        order.truncate(order.len() - calls.len());
        false
    }

    /// Calls not yet placed that no other unplaced call precedes.
    fn candidates(&self, done: u64) -> Vec<usize> {
        let open = |i: &usize| done & (1 << i) == 0;
        let open_calls: Vec<usize> = (0..self.calls.len()).filter(open).collect();
        let first_resp = open_calls.iter().map(|&j| self.calls[j].resp).min();
        let bound = first_resp.unwrap_or(usize::MAX);
        let first_of_thread = |i: usize| {
            let c = &self.calls[i];
            !open_calls
                .iter()
                .any(|&j| self.calls[j].thread == c.thread && self.calls[j].inv < c.inv)
        };
        let ready = |&i: &usize| match self.order {
            Order::RealTime => self.calls[i].inv < bound,
            Order::Program => first_of_thread(i),
        };
        open_calls.iter().copied().filter(ready).collect()
    }

    /// The calls concurrent with call `i` that the spec's slack counts.
    ///
    /// In real time, a call is concurrent with `i` when their intervals
    /// overlap. In program order nothing orders two threads' calls but the
    /// linearization being built, so every call of another thread that is
    /// not yet placed (not ordered before `i`) may still be in flight:
    /// a poll may have read the channel before that call's effects.
    fn flight(&self, done: u64, i: usize) -> Flight {
        let me = &self.calls[i];
        let open = |c: &&Call| done & (1 << self.index(c)) == 0;
        let concurrent = |c: &&Call| {
            c.thread != me.thread
                && match self.order {
                    Order::RealTime => c.inv < me.resp && c.resp > me.inv,
                    Order::Program => open(c),
                }
        };
        let others: Vec<&Call> = self.calls.iter().filter(concurrent).collect();
        let sends = others
            .iter()
            .filter(|c| open(c))
            .filter(|c| c.op.sent().is_some())
            .count();
        let recvs = others.iter().filter(|c| c.op.is_recv()).count();
        let overlapping_sends = others.iter().filter(|c| c.op.sent().is_some()).count();
        // In program order a placed receive of another thread is not
        // ordered before call `i` either: a relaxed count may not see it.
        let got = |c: &&Call| c.op.is_recv() && matches!(c.ret, Some(Ret::Got(_)));
        let received = match self.order {
            Order::RealTime => 0,
            Order::Program => self
                .calls
                .iter()
                .filter(|c| c.thread != me.thread && !open(c))
                .filter(got)
                .count(),
        };
        Flight {
            sends,
            recvs,
            overlapping_sends,
            received,
        }
    }

    /// The index of `call` in the history.
    fn index(&self, call: &Call) -> usize {
        self.calls
            .iter()
            .position(|c| std::ptr::eq(c, call))
            .expect("a call of this history")
    }

    fn ret(&self, i: usize) -> Ret {
        self.calls[i].ret.expect("checked: every call returned")
    }

    /// `"<thread>: <op> -> <result>"` for call `i`.
    fn name(&self, i: usize) -> String {
        let c = &self.calls[i];
        format!("{} {} -> {:?}", self.names[c.thread], c.op, self.ret(i))
    }
}

impl Failure {
    /// The explanation printed under the timeline.
    ///
    /// ```
    /// use chanlab::kit::lincheck::check::{Order, check};
    /// use chanlab::kit::lincheck::history::{Call, History};
    /// use chanlab::kit::lincheck::spec::{Cap, LenRule, Op, Ret, Spec};
    /// // A message received before anything was sent.
    /// let recv = Call { thread: 1, op: Op::Recv, ret: Some(Ret::Got(1)), inv: 0, resp: 1 };
    /// let h = History::new(vec![recv]);
    /// let spec = Spec { cap: Cap::Unbounded, len: LenRule::Exact };
    /// let names = ["sender".to_string(), "receiver".to_string()];
    /// let failure = check(&spec, Order::RealTime, spec.initial(1), &h, &names).unwrap_err();
    /// let why = failure.explain(&h, &names);
    /// assert!(why.contains("the queue is empty"), "{why}");
    /// ```
    pub fn explain(&self, history: &History, names: &[String]) -> String {
        let mut out = String::from("no order of these calls fits the spec.\n");
        let _ = writeln!(
            out,
            "longest order that fits ({} calls):",
            self.prefix.len()
        );
        for (n, &i) in self.prefix.iter().enumerate() {
            let c = &history.calls[i];
            let ret = c.ret.map_or("?".into(), |r| format!("{r:?}"));
            let _ = writeln!(out, "  {:>2}. {} {} -> {ret}", n + 1, names[c.thread], c.op);
        }
        let s = &self.state;
        let _ = writeln!(
            out,
            "state then: queue {:?}, {} sender(s), receiver {}",
            s.queue,
            s.senders,
            if s.receiver { "alive" } else { "gone" }
        );
        out.push_str("and no call can go next:\n");
        for r in &self.reasons {
            let _ = writeln!(out, "  - {r}");
        }
        out
    }
}
