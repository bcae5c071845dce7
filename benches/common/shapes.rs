//! The benchmark shapes, each written once against [`Chan`].
//!
//! Timing rule: threads are spawned first and wait on a `Barrier`; the clock
//! starts when the *first* thread leaves the barrier (whichever it is: each
//! records when it left, see [`Start`]) and stops at the last receive, so
//! thread creation and joining are never timed. The measuring thread is
//! always the receiver, and it folds every message into a sum (through
//! `black_box`) that is checked after the clock stops.
//!
//! Why the first thread and not the receiver: the barrier wakes its
//! threads in an order the scheduler picks. When producers left it a
//! time slice before the receiver (on two CPUs and five threads, often),
//! a clock started by the receiver missed their work and timed little more
//! than a drain of the backlog, several times faster than the same run
//! timed from its true start; when the receiver left first, it did not.
//! Which of the two happened changed from round to round and from run to
//! run, and the ratios of the contended rows with it.

use super::adapters::{Cap, Chan};
use super::start::Start;
use std::hint::black_box;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

/// A message type: built from an index, folded into the receiver's sum.
pub trait Msg: Send + 'static {
    /// The `i`-th message.
    fn make(i: u64) -> Self;
    /// What the receiver adds to its sum.
    fn weight(&self) -> u64;
}

impl Msg for u64 {
    fn make(i: u64) -> Self {
        i
    }
    fn weight(&self) -> u64 {
        *self
    }
}

impl Msg for () {
    fn make(_: u64) -> Self {}
    fn weight(&self) -> u64 {
        1
    }
}

/// A 32-byte payload.
pub type B32 = [u64; 4];

impl Msg for B32 {
    fn make(i: u64) -> Self {
        [i, i ^ 1, i ^ 2, i ^ 3]
    }
    fn weight(&self) -> u64 {
        self.iter().fold(0, |s, w| s.wrapping_add(*w))
    }
}

/// Which message type a shape sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// `u64`.
    U64,
    /// `()`.
    Zst,
    /// `[u64; 4]`.
    B32,
}

/// What a shape asks for; `PerN` means "as many as the run sends" and `Any`
/// means "unbounded where offered, else bounded(1)".
#[derive(Clone, Copy, Debug)]
pub enum CapSpec {
    /// A fixed capacity.
    Fixed(Cap),
    /// `Bounded(n)` for a run of n messages.
    PerN,
    /// Unbounded, falling back to bounded(1).
    Any,
}

/// The traffic pattern.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// One thread sends n, then receives n.
    Seq,
    /// `producers` threads send n in total to the measuring thread.
    Flow { producers: usize },
    /// n round trips over two channels (one echo thread).
    PingPong,
}

/// One row of the matrix.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Stable name, used on the command line and in result files.
    pub name: &'static str,
    /// The traffic pattern.
    pub kind: Kind,
    /// The capacity.
    pub cap: CapSpec,
    /// The message type.
    pub payload: Payload,
    /// Latency-bound rows use 2^16 messages instead of 2^20.
    pub latency: bool,
}

impl Shape {
    /// The default message count for this row.
    pub fn default_n(&self) -> usize {
        if self.latency { 1 << 16 } else { 1 << 20 }
    }
}

// ANCHOR: matrix
/// Every row, in report order.
pub const MATRIX: [Shape; 17] = [
    tput("seq-unbounded", Kind::Seq, UNB, Payload::U64),
    tput("seq-bounded-n", Kind::Seq, CapSpec::PerN, Payload::U64),
    tput("spsc-unbounded", producers(1), UNB, Payload::U64),
    tput("spsc-unbounded-zst", producers(1), UNB, Payload::Zst),
    tput("spsc-unbounded-b32", producers(1), UNB, Payload::B32),
    tput("spsc-bounded-1024", producers(1), B1024, Payload::U64),
    tput("spsc-bounded-1024-zst", producers(1), B1024, Payload::Zst),
    tput("spsc-bounded-1024-b32", producers(1), B1024, Payload::B32),
    tput("mpsc2-unbounded", producers(2), UNB, Payload::U64),
    tput("mpsc2-bounded-1024", producers(2), B1024, Payload::U64),
    tput("mpsc4-unbounded", producers(4), UNB, Payload::U64),
    tput("mpsc4-bounded-1024", producers(4), B1024, Payload::U64),
    tput("mpsc8-unbounded", producers(8), UNB, Payload::U64),
    tput("mpsc8-bounded-1024", producers(8), B1024, Payload::U64),
    latency("handoff-bounded-1", producers(1), B1),
    latency("rendezvous", producers(1), B0),
    latency("pingpong", Kind::PingPong, CapSpec::Any),
];
// ANCHOR_END: matrix

const UNB: CapSpec = CapSpec::Fixed(Cap::Unbounded);
const B1024: CapSpec = CapSpec::Fixed(Cap::Bounded(1024));
const B1: CapSpec = CapSpec::Fixed(Cap::Bounded(1));
const B0: CapSpec = CapSpec::Fixed(Cap::Bounded(0));

const fn producers(producers: usize) -> Kind {
    Kind::Flow { producers }
}

/// A throughput row (2^20 messages).
const fn tput(name: &'static str, kind: Kind, cap: CapSpec, payload: Payload) -> Shape {
    Shape {
        name,
        kind,
        cap,
        payload,
        latency: false,
    }
}

/// A latency-bound row of u64s (2^16 messages).
const fn latency(name: &'static str, kind: Kind, cap: CapSpec) -> Shape {
    Shape {
        name,
        kind,
        cap,
        payload: Payload::U64,
        latency: true,
    }
}

/// Every row, in report order.
pub fn all() -> Vec<Shape> {
    MATRIX.to_vec()
}

/// Runs `shape` with `n` messages on `C`: the time from barrier release to
/// the last receive, or `None` when `C` does not offer the shape.
pub fn run<C: Chan>(shape: &Shape, n: usize) -> Option<Duration> {
    match shape.payload {
        Payload::U64 => run_typed::<C, u64>(shape, n),
        Payload::Zst => run_typed::<C, ()>(shape, n),
        Payload::B32 => run_typed::<C, B32>(shape, n),
    }
}

fn run_typed<C: Chan, T: Msg>(shape: &Shape, n: usize) -> Option<Duration> {
    let new = |spec| match spec {
        CapSpec::Fixed(cap) => C::new::<T>(cap),
        CapSpec::PerN => C::new::<T>(Cap::Bounded(n)),
        CapSpec::Any => C::new::<T>(Cap::Unbounded).or_else(|| C::new::<T>(Cap::Bounded(1))),
    };
    let (elapsed, sum) = match shape.kind {
        Kind::Seq => seq::<C, T>(new(shape.cap)?, n),
        Kind::Flow { producers } => flow::<C, T>(new(shape.cap)?, producers, n)?,
        Kind::PingPong => ping_pong::<C, T>(new(shape.cap)?, new(shape.cap)?, n),
    };
    let expected = (0..n as u64).fold(0u64, |s, i| s.wrapping_add(T::make(i).weight()));
    assert_eq!(
        sum, expected,
        "{}: a message was lost or garbled",
        shape.name
    );
    Some(elapsed)
}

type Pair<C, T> = (<C as Chan>::Tx<T>, <C as Chan>::Rx<T>);

fn seq<C: Chan, T: Msg>((mut tx, mut rx): Pair<C, T>, n: usize) -> (Duration, u64) {
    let start = Instant::now();
    for i in 0..n as u64 {
        C::send(&mut tx, T::make(i));
    }
    let sum = receive::<C, T>(&mut rx, n);
    (start.elapsed(), sum)
}

fn flow<C: Chan, T: Msg>((tx, mut rx): Pair<C, T>, p: usize, n: usize) -> Option<(Duration, u64)> {
    let mut senders = Vec::with_capacity(p);
    for _ in 1..p {
        senders.push(C::clone_tx(&tx)?);
    }
    senders.push(tx);
    let barrier = Arc::new(Barrier::new(p + 1));
    let start = Start::new();
    let threads: Vec<_> = (senders.into_iter().enumerate())
        .map(|(j, mut tx)| {
            let (barrier, start) = (Arc::clone(&barrier), Arc::clone(&start));
            let (lo, hi) = ((j * n / p) as u64, ((j + 1) * n / p) as u64);
            thread::spawn(move || {
                start.leave(&barrier);
                (lo..hi).for_each(|i| C::send(&mut tx, T::make(i)));
            })
        })
        .collect();
    start.leave(&barrier);
    let sum = receive::<C, T>(&mut rx, n);
    let elapsed = start.elapsed();
    threads
        .into_iter()
        .for_each(|t| t.join().expect("producer panicked"));
    Some((elapsed, sum))
}

fn ping_pong<C: Chan, T: Msg>(ping: Pair<C, T>, pong: Pair<C, T>, n: usize) -> (Duration, u64) {
    let ((mut ping_tx, mut ping_rx), (mut pong_tx, mut pong_rx)) = (ping, pong);
    let barrier = Arc::new(Barrier::new(2));
    let start = Start::new();
    let echo = {
        let (barrier, start) = (Arc::clone(&barrier), Arc::clone(&start));
        thread::spawn(move || {
            start.leave(&barrier);
            for _ in 0..n {
                let msg = C::recv(&mut ping_rx);
                C::send(&mut pong_tx, msg);
            }
        })
    };
    start.leave(&barrier);
    let mut sum = 0u64;
    for i in 0..n as u64 {
        C::send(&mut ping_tx, T::make(i));
        sum = sum.wrapping_add(black_box(C::recv(&mut pong_rx)).weight());
    }
    let elapsed = start.elapsed();
    echo.join().expect("echo thread panicked");
    (elapsed, sum)
}

fn receive<C: Chan, T: Msg>(rx: &mut C::Rx<T>, n: usize) -> u64 {
    let mut sum = 0u64;
    for _ in 0..n {
        sum = sum.wrapping_add(black_box(C::recv(rx)).weight());
    }
    black_box(sum)
}

/// Fills a channel of capacity `cap` with `n` u64s from one thread, calls
/// `probe` while they are queued, then drops everything. `false` when `C`
/// does not offer `cap`. Used by the memory bench.
pub fn hold<C: Chan>(cap: Cap, n: usize, probe: &mut dyn FnMut()) -> bool {
    let Some((mut tx, rx)) = C::new::<u64>(cap) else {
        return false;
    };
    (0..n as u64).for_each(|i| C::send(&mut tx, i));
    probe();
    drop((tx, rx));
    true
}
