//! The property suite: random single-threaded operation sequences checked
//! step by step against a `VecDeque` model of std's semantics
//! ([`matches_model`]), and delivery from several producers
//! ([`delivers_exactly_once_in_order`]). Each property runs proptest's
//! runner itself, so that a failure names the property, prints the shrunk
//! input, and saves its seed where proptest replays it first.

use crate::error::{RecvTimeoutError, SendError, TryRecvError, TrySendError};
use crate::flavor::{Rx, Tx};
use crate::kit::Make;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::collections::VecDeque;
use std::fmt;
use std::time::Duration;

/// One step of a single-threaded session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `send(v)`, issued only when it cannot block.
    Send(u8),
    /// `try_send(v)` (`send` on an unbounded channel).
    TrySend(u8),
    /// `recv()`, issued only when it cannot block.
    Recv,
    /// `try_recv()`.
    TryRecv,
    /// `recv_timeout(Duration::ZERO)`.
    RecvZeroTimeout,
    /// Clone a sender.
    CloneSender,
    /// Drop a sender.
    DropSender,
    /// Drop the receiver.
    DropReceiver,
}

/// The operations, weighted toward sends and receives.
fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => any::<u8>().prop_map(Op::Send),
        3 => any::<u8>().prop_map(Op::TrySend),
        3 => Just(Op::Recv),
        3 => Just(Op::TryRecv),
        2 => Just(Op::RecvZeroTimeout),
        1 => Just(Op::CloneSender),
        1 => Just(Op::DropSender),
        1 => Just(Op::DropReceiver),
    ]
}

/// The reference model: what std's semantics say each operation returns.
struct Model {
    queue: VecDeque<u8>,
    senders: usize,
    receiver: bool,
    bound: Option<usize>,
}

impl Model {
    /// Whether a message can be queued without a receiver taking it.
    fn has_room(&self) -> bool {
        self.bound.is_none_or(|b| self.queue.len() < b)
    }
    fn expect_try_recv(&mut self) -> Result<u8, TryRecvError> {
        match self.queue.pop_front() {
            Some(m) => Ok(m),
            None if self.senders == 0 => Err(TryRecvError::Disconnected),
            None => Err(TryRecvError::Empty),
        }
    }
}

/// Runs `ops` on a real channel and on the model, comparing every result.
///
/// ```
/// use chanlab::kit::{Bnd, props::{Op, run}};
/// let ops = [Op::TrySend(1), Op::TrySend(2), Op::Recv];
/// assert!(run::<Bnd<chanlab::flavor::Ring, 1>>(&ops).is_ok());
/// ```
pub fn run<M: Make>(ops: &[Op]) -> Result<(), TestCaseError> {
    let (tx, rx) = M::make::<u8>();
    let (mut txs, mut rx) = (vec![tx], Some(rx));
    let mut m = Model {
        queue: VecDeque::new(),
        senders: 1,
        receiver: true,
        bound: M::BOUND,
    };
    for op in ops {
        match *op {
            // A blocking send is only issued when it cannot block.
            Op::Send(v) if !txs.is_empty() && (!m.receiver || m.has_room()) => {
                let want = if m.receiver {
                    m.queue.push_back(v);
                    Ok(())
                } else {
                    Err(SendError(v))
                };
                prop_assert_eq!(txs[0].send(v), want);
            }
            Op::TrySend(v) if !txs.is_empty() => {
                let want = match (m.receiver, m.has_room()) {
                    (false, _) => Err(TrySendError::Disconnected(v)),
                    (true, true) => {
                        m.queue.push_back(v);
                        Ok(())
                    }
                    (true, false) => Err(TrySendError::Full(v)),
                };
                prop_assert_eq!(M::try_send(&txs[txs.len() - 1], v), want);
            }
            // A blocking recv is only issued when it cannot block.
            Op::Recv if rx.is_some() && (!m.queue.is_empty() || m.senders == 0) => {
                let got = rx.as_ref().unwrap().recv().ok();
                prop_assert_eq!(got, m.expect_try_recv().ok());
            }
            Op::TryRecv if rx.is_some() => {
                prop_assert_eq!(rx.as_ref().unwrap().try_recv(), m.expect_try_recv());
            }
            Op::RecvZeroTimeout if rx.is_some() => {
                let want = m.expect_try_recv().map_err(|e| match e {
                    TryRecvError::Empty => RecvTimeoutError::Timeout,
                    TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
                });
                prop_assert_eq!(rx.as_ref().unwrap().recv_timeout(Duration::ZERO), want);
            }
            Op::CloneSender if !txs.is_empty() => {
                txs.push(txs[0].clone());
                m.senders += 1;
            }
            Op::DropSender if !txs.is_empty() => {
                txs.pop();
                m.senders -= 1;
            }
            Op::DropReceiver if rx.is_some() => {
                rx = None;
                m.receiver = false;
                m.queue.clear();
            }
            _ => {} // not applicable in this state
        }
    }
    Ok(())
}

/// Producers each send `0..per` tagged with their index; the receiver must
/// see every message once, each producer's in order.
///
/// ```
/// use chanlab::kit::{Unb, props::deliver};
/// assert!(deliver::<Unb<chanlab::flavor::Lockfree>>(3, 100).is_ok());
/// ```
pub fn deliver<M: Make>(producers: usize, per: usize) -> Result<(), TestCaseError> {
    let (tx, rx) = M::make::<(usize, usize)>();
    let handles: Vec<_> = (0..producers)
        .map(|p| {
            let tx = tx.clone();
            std::thread::spawn(move || (0..per).for_each(|s| tx.send((p, s)).unwrap()))
        })
        .collect();
    drop(tx);
    let mut next = vec![0; producers];
    while let Ok((p, s)) = rx.recv() {
        prop_assert_eq!(s, next[p], "producer {} out of order", p);
        next[p] += 1;
    }
    handles.into_iter().for_each(|h| h.join().unwrap());
    prop_assert!(next.iter().all(|&n| n == per), "lost messages: {:?}", next);
    Ok(())
}

/// Where a property's line is: its file (proptest saves failing seeds beside
/// it) and its test path. A [`props!`](crate::kit::props!) line fills it in.
#[derive(Clone, Copy, Debug)]
pub struct Site {
    /// `file!()` of the line.
    pub file: &'static str,
    /// `module_path!()::test` of the generated test.
    pub test: &'static str,
}

/// The operation sequence, printed as proptest's macro prints an argument.
#[derive(Clone)]
struct Ops(Vec<Op>);

impl fmt::Debug for Ops {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ops = {:#?}", self.0)
    }
}

/// Property: every operation of a random single-threaded session (sends
/// and receives that cannot block, polls, zero timeouts, clones and drops
/// of either end) returns what a `VecDeque` model of std's semantics says.
///
/// ```
/// use chanlab::kit::{Unb, props::{Site, matches_model}};
/// matches_model::<Unb<chanlab::flavor::Mutex>>(Site { file: file!(), test: "doc" });
/// ```
pub fn matches_model<M: Make>(site: Site) {
    let ops = proptest::collection::vec(op(), 0..64).prop_map(Ops);
    check("matches_model", site, ops, |Ops(ops)| run::<M>(&ops));
}

/// Property: 1 to 4 producers sending up to 200 messages each deliver every
/// message exactly once, each producer's in order.
///
/// ```
/// use chanlab::kit::{Bnd, props::{Site, delivers_exactly_once_in_order}};
/// delivers_exactly_once_in_order::<Bnd<chanlab::flavor::Ring, 3>>(Site { file: file!(), test: "doc" });
/// ```
pub fn delivers_exactly_once_in_order<M: Make>(site: Site) {
    let shapes = (1usize..5, 0usize..200);
    check("delivers_exactly_once_in_order", site, shapes, |(p, n)| {
        deliver::<M>(p, n)
    });
}

/// Runs `test` on `strategy` with proptest's runner (`PROPTEST_CASES`
/// cases, 256 unless set; 4 under Miri); panics naming `property` if a
/// case fails.
fn check<S: Strategy>(
    property: &str,
    site: Site,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut config = Config::default();
    if cfg!(miri) {
        config.cases = 4;
    }
    config.source_file = Some(site.file);
    config.test_name = Some(site.test);
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, test) {
        panic!(
            "property `{property}` failed: {e}\n{runner}\n\
             replay: proptest saved this case's seed beside {} (in `proptest-regressions/` \
             beside the nearest directory with a lib.rs or main.rs, else next to the file) and \
             runs saved seeds first: run the test again",
            site.file
        );
    }
}

/// Both properties on a channel of your own, as `#[test]`s
/// `NAME::matches_model` and `NAME::delivers_exactly_once_in_order`; run
/// by `cargo test` (the line expands to nothing under loom and shuttle).
///
/// `KIND` is `unbounded`, `bounded(N)` or `rendezvous`. Options are
/// accepted and ignored (the properties use std's API only).
///
/// ```
/// chanlab::kit::props!(ring2: chanlab::flavor::Ring, bounded(2));
/// chanlab::kit::props!(mutex0: chanlab::flavor::Mutex, rendezvous);
/// # fn main() {
/// use chanlab::kit::{Bnd, props::{Site, matches_model}};
/// matches_model::<Bnd<chanlab::flavor::Mutex, 0>>(Site { file: file!(), test: "doc" });
/// # }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_props {
    ($name:ident : $flavor:ty, unbounded $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__unbounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_props!(@mod $name, $crate::kit::Unb<$flavor>);
    };
    ($name:ident : $flavor:ty, bounded($cap:expr) $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_props!(@mod $name, $crate::kit::Bnd<$flavor, { $cap }>);
    };
    ($name:ident : $flavor:ty, rendezvous $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_props!(@mod $name, $crate::kit::Bnd<$flavor, 0>);
    };
    (@mod $name:ident, $make:ty) => {
        $crate::__kit_on_std! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                $crate::__kit_props!(@test $make; matches_model, delivers_exactly_once_in_order);
            }
        }
    };
    (@test $make:ty; $($test:ident),*) => {$(
        #[test]
        fn $test() {
            let site = $crate::kit::props::Site {
                file: file!(),
                test: concat!(module_path!(), "::", stringify!($test)),
            };
            $crate::kit::props::$test::<$make>(site)
        }
    )*};
}
