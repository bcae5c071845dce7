//! The channel under test: its name, its spec, what its scenarios may call,
//! and how a scenario runs on it (two sender threads and the receiver, each
//! call recorded).

use super::check::Order;
use super::history::{Recorder, Thread};
use super::scenario::Scenario;
use super::spec::{Cap, LenRule, Msg, Op, Ret, Spec};
use super::subjects;
use crate::kit::{Make, Options};

/// A channel under test: a name, its spec and how to run a scenario on it.
#[derive(Clone, Copy, Debug)]
pub struct Channel {
    /// Name in reports, e.g. `ring_2`.
    pub name: &'static str,
    /// Capacity and `len()` rule.
    pub spec: Spec,
    /// Whether it is built on `Acquire`/`Release` atomics rather than one
    /// lock (judged by [`LenRule::CountsClaims`]): under loom it is then
    /// judged in [`Order::Program`].
    pub atomics: bool,
    /// What its scenarios may call beyond std's API.
    pub offers: Offers,
    /// Runs a scenario on this channel, recording into the recorder.
    pub run: fn(&Scenario, &Recorder),
}

/// The calls beyond std's API that a channel offers, and so that its
/// scenarios are generated with (`try_send` comes with every bounded one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offers {
    /// `len()` on both handles.
    pub len: bool,
    /// `send_timeout` on a bounded sender.
    pub send_timeout: bool,
    /// `recv_async` on the receiver (awaited, and polled once).
    pub recv_async: bool,
    /// `send_async` on a bounded sender (awaited, and polled once).
    pub send_async: bool,
}

impl Offers {
    /// Nothing beyond std's API.
    ///
    /// ```
    /// use chanlab::kit::lincheck::scenario::Offers;
    /// assert!(!Offers::NONE.len && !Offers::NONE.recv_async);
    /// ```
    pub const NONE: Offers = Offers {
        len: false,
        send_timeout: false,
        recv_async: false,
        send_async: false,
    };
}

impl Channel {
    /// The channel `M` makes (its bound is the spec's capacity), judged by
    /// `options`' [`LenRule`], offering what `options` says.
    ///
    /// ```
    /// use chanlab::kit::lincheck::{LenRule, scenario::Channel, spec::Cap};
    /// use chanlab::kit::{Bnd, Options};
    /// let options = Options::new().len().rule(LenRule::CountsClaims);
    /// let ring = Channel::new::<Bnd<chanlab::flavor::Ring, 2>>("ring_2", options);
    /// assert_eq!(ring.spec.cap, Cap::Bounded(2));
    /// assert!(ring.atomics && ring.offers.len && !ring.offers.send_timeout);
    /// assert!(!ring.offers.recv_async, "off unless the options say so");
    /// ```
    pub const fn new<M: Make>(name: &'static str, options: Options) -> Channel {
        let cap = match M::BOUND {
            None => Cap::Unbounded,
            Some(0) => Cap::Rendezvous,
            Some(n) => Cap::Bounded(n),
        };
        let len = options.len_rule();
        let offers = Offers {
            len: options.offers_len(),
            send_timeout: options.offers_send_timeout(),
            recv_async: options.offers_recv_async(),
            send_async: options.offers_send_async(),
        };
        Channel {
            name,
            spec: Spec { cap, len },
            atomics: matches!(len, LenRule::CountsClaims),
            offers,
            run: execute::<M>,
        }
    }

    /// The order its histories must respect under this build's checker:
    /// real time, except for atomics-based channels under loom (see
    /// `check.rs`); `CHANLAB_LINCHECK_ORDER=realtime` forces real time.
    ///
    /// ```
    /// use chanlab::kit::lincheck::{check::Order, scenario::Channel};
    /// use chanlab::kit::{Options, Unb};
    /// let mutex = Channel::new::<Unb<chanlab::flavor::Mutex>>("mutex", Options::new());
    /// assert_eq!(mutex.order(), Order::RealTime);
    /// ```
    pub fn order(&self) -> Order {
        let forced = std::env::var("CHANLAB_LINCHECK_ORDER").is_ok_and(|v| v == "realtime");
        if self.atomics && cfg!(chanlab_loom) && !forced {
            Order::Program
        } else {
            Order::RealTime
        }
    }
}

/// Spawns `f` on the build's checker (or std's threads); the returned
/// closure joins it.
fn spawn(f: impl FnOnce() + Send + 'static) -> impl FnOnce() {
    let handle = crate::sync::spawn(f);
    move || handle.join().expect("a scenario thread panicked")
}

/// Runs `sc` on a fresh channel made by `M`.
fn execute<M: Make>(sc: &Scenario, rec: &Recorder) {
    let (tx, rx) = M::make::<Msg>();
    let mut handles: Vec<M::S<Msg>> = (1..sc.senders.len()).map(|_| tx.clone()).collect();
    handles.insert(0, tx);
    let mut joins = Vec::new();
    for (t, (ops, tx)) in sc.senders.iter().zip(handles).enumerate() {
        let (ops, rec) = (ops.clone(), rec.clone());
        joins.push(spawn(move || run_sender::<M>(t, tx, &ops, &rec)));
    }
    run_receiver::<M>(sc.senders.len(), rx, &sc.receiver, rec);
    joins.into_iter().for_each(|join| join());
}

/// One sender thread: `held` is the stack of handles it owns.
fn run_sender<M: Make>(t: Thread, tx: M::S<Msg>, ops: &[Op], rec: &Recorder) {
    let mut held = vec![tx];
    for &op in ops {
        rec.call(t, op, || match op {
            Op::Clone => {
                held.push(held.last().expect("a handle").clone());
                Ret::Ok
            }
            Op::DropSender => {
                drop(held.pop());
                Ret::Ok
            }
            op => subjects::tx::<M>(held.last().expect("a handle"), op),
        });
    }
    assert!(
        held.is_empty(),
        "a sender thread drops every handle it holds"
    );
}

/// The receiving thread.
fn run_receiver<M: Make>(t: Thread, rx: M::R<Msg>, ops: &[Op], rec: &Recorder) {
    let mut rx = Some(rx);
    for &op in ops {
        rec.call(t, op, || match op {
            Op::DropReceiver => {
                drop(rx.take());
                Ret::Ok
            }
            op => subjects::rx::<M>(rx.as_mut().expect("receiver dropped last"), op),
        });
    }
}
