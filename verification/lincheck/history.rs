//! Recording a concurrent history without adding synchronisation.
//!
//! Every operation gets two timestamps from one counter: its invocation,
//! taken just before the channel call, and its response, taken just after.
//! Operation `a` precedes `b` in real time when `a` responded before `b` was
//! invoked; the checker must respect exactly that order.
//!
//! # Why this recorder is sound under loom and shuttle
//!
//! Both checkers run one thread at a time and switch threads only inside
//! their own primitives (the channel's atomics, locks, parks, yields). The
//! recorder uses `std`'s `Mutex`, which neither checker sees:
//!
//! * it adds **no scheduling point**, so the set of explored interleavings
//!   is the channel's own, and a timestamp is taken in the same scheduling
//!   slice as the call it brackets: its order among threads is the order in
//!   which the checker really ran those instants;
//! * it adds **no happens-before edge**: loom's causality (its vector
//!   clocks, which decide what a load may read) is built only from loom
//!   objects. Had the recorder used loom's atomics, every operation would
//!   synchronise with every earlier one through the counter, and a missing
//!   `Release`/`Acquire` pair in the channel would be hidden by the
//!   recorder's own;
//! * it never blocks: only one thread runs at a time, so the lock is free
//!   whenever it is taken.
//!
//! In a native run (real threads) the lock does add edges; native runs are
//! a smoke test of the harness, the checkers are the verification.

use super::spec::{Op, Ret};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};

/// Who performs an operation.
pub type Thread = usize;

/// One operation of a history.
#[derive(Clone, Copy, Debug)]
pub struct Call {
    /// The thread that ran it.
    pub thread: Thread,
    /// The operation.
    pub op: Op,
    /// Its result; `None` while it has not returned.
    pub ret: Option<Ret>,
    /// Invocation timestamp.
    pub inv: usize,
    /// Response timestamp (`usize::MAX` while pending).
    pub resp: usize,
}

/// A history: calls in invocation order, plus the thread names.
#[derive(Clone, Debug, Default)]
pub struct History {
    /// Every call, in invocation order.
    pub calls: Vec<Call>,
    /// The clock: the next timestamp.
    clock: usize,
}

/// A shared, checker-invisible recorder of one execution's history.
#[derive(Clone, Debug, Default)]
pub struct Recorder(Arc<Mutex<History>>);

impl Recorder {
    /// Runs `f` as operation `op` of `thread`, recording its invocation and
    /// response around it.
    ///
    /// ```
    /// use chanlab::kit::lincheck::{history::Recorder, spec::{Op, Ret}};
    /// let rec = Recorder::default();
    /// assert_eq!(rec.call(0, Op::Send(1), || Ret::Ok), Ret::Ok);
    /// let call = rec.history().calls[0];
    /// assert_eq!((call.op, call.ret, call.inv, call.resp), (Op::Send(1), Some(Ret::Ok), 0, 1));
    /// ```
    pub fn call(&self, thread: Thread, op: Op, f: impl FnOnce() -> Ret) -> Ret {
        let index = {
            let mut h = self.lock();
            let inv = h.tick();
            let call = Call {
                thread,
                op,
                ret: None,
                inv,
                resp: usize::MAX,
            };
            h.calls.push(call);
            h.calls.len() - 1
        };
        let ret = f();
        let mut h = self.lock();
        let resp = h.tick();
        let call = &mut h.calls[index];
        call.ret = Some(ret);
        call.resp = resp;
        ret
    }

    /// A copy of the history so far.
    ///
    /// ```
    /// use chanlab::kit::lincheck::{history::Recorder, spec::{Op, Ret}};
    /// let rec = Recorder::default();
    /// rec.call(2, Op::TryRecv, || Ret::Empty);
    /// assert_eq!(rec.history().calls.len(), 1);
    /// ```
    pub fn history(&self) -> History {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, History> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl History {
    /// A history of returned `calls` (for hand-written histories).
    ///
    /// ```
    /// use chanlab::kit::lincheck::history::{Call, History};
    /// use chanlab::kit::lincheck::spec::{Op, Ret};
    /// let send = Call { thread: 0, op: Op::Send(1), ret: Some(Ret::Ok), inv: 0, resp: 1 };
    /// assert_eq!(History::new(vec![send]).calls.len(), 1);
    /// ```
    pub fn new(calls: Vec<Call>) -> History {
        let clock = calls.iter().map(|c| c.resp + 1).max().unwrap_or(0);
        History { calls, clock }
    }

    /// The next timestamp.
    fn tick(&mut self) -> usize {
        self.clock += 1;
        self.clock - 1
    }

    /// The history as a per-thread timeline: one row per event, one column
    /// per thread; `|` marks an operation in progress.
    ///
    /// ```
    /// use chanlab::kit::lincheck::history::{Call, History};
    /// use chanlab::kit::lincheck::spec::{Op, Ret};
    /// let send = Call { thread: 0, op: Op::Send(1), ret: Some(Ret::Ok), inv: 0, resp: 2 };
    /// let text = History::new(vec![send]).timeline(&["sender".into()]);
    /// assert!(text.contains("send(1) ...") && text.contains("... -> Ok"), "{text}");
    /// ```
    pub fn timeline(&self, names: &[String]) -> String {
        const W: usize = 26;
        let mut out = String::new();
        let head: Vec<_> = names.iter().map(|n| format!("{n:W$}")).collect();
        let _ = writeln!(out, "  t | {}", head.join(" | "));
        for t in 0..self.clock {
            let cells: Vec<String> = (0..names.len()).map(|th| self.cell(th, t)).collect();
            let row: Vec<_> = cells.iter().map(|c| format!("{c:W$}")).collect();
            let _ = writeln!(out, "{t:>3} | {}", row.join(" | ").trim_end());
        }
        for c in self.calls.iter().filter(|c| c.ret.is_none()) {
            let _ = writeln!(
                out,
                "      {} never returned from {}",
                names[c.thread], c.op
            );
        }
        out
    }

    /// What thread `th`'s column shows at time `t`.
    fn cell(&self, th: Thread, t: usize) -> String {
        let call = self
            .calls
            .iter()
            .find(|c| c.thread == th && c.inv <= t && t <= c.resp);
        match call {
            None => String::new(),
            Some(c) if c.inv == t && c.resp == t + 1 => format!("{} -> {}", c.op, show(c.ret)),
            Some(c) if c.inv + 1 == t && c.resp == t => String::new(),
            Some(c) if c.inv == t => format!("{} ...", c.op),
            Some(c) if c.resp == t => format!("... -> {}", show(c.ret)),
            Some(_) => "|".into(),
        }
    }
}

/// A result as the timeline prints it.
fn show(ret: Option<Ret>) -> String {
    match ret {
        Some(Ret::Got(m)) => format!("Ok({m})"),
        Some(Ret::Len(n)) => n.to_string(),
        Some(r) => format!("{r:?}"),
        None => "(pending)".into(),
    }
}
