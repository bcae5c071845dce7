//! The task shapes, each written once against [`Chan`].
//!
//! Timing rule, as in the thread harness (`common/shapes.rs`): the
//! runtime is built and the tasks and threads are spawned first; each
//! waits at a start barrier (tokio's async one between tasks, std's
//! between a thread and a task), the clock starts when the *first* of them
//! leaves it ([`Start`]) and stops at the last receive. Building and
//! dropping the runtime and joining are never timed. The receiver folds
//! every message into a sum (through `black_box`) checked after the clock
//! stops.

use super::chans::Chan;
use crate::common::start::Start;
use std::hint::black_box;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;
use tokio::runtime::{Builder, Runtime};

/// Which runtime the tasks run on.
#[derive(Clone, Copy, Debug)]
pub enum Rt {
    /// tokio's current-thread runtime (`-ct` rows, and the mixed rows).
    Current,
    /// tokio's multi-thread runtime with 2 workers (`-mt` rows).
    Multi,
}

/// The traffic pattern.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// `producers` tasks send n in total to one receiving task.
    Flow { producers: usize },
    /// n round trips over two channels between two tasks.
    PingPong,
    /// A thread sends (blocking), a task receives.
    ThreadToTask,
    /// A task sends, a thread receives (blocking).
    TaskToThread,
}

/// One row.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Stable name, on the command line and in result files.
    pub name: &'static str,
    /// The traffic pattern.
    pub kind: Kind,
    /// The capacity: `None` unbounded; pingpong asks for unbounded where
    /// offered, else bounded(1).
    pub cap: Option<usize>,
    /// The runtime.
    pub rt: Rt,
    /// A latency-bound row (`--latency-n` messages or round trips).
    pub latency: bool,
}

impl crate::common::opts::Named for Shape {
    fn name(&self) -> &'static str {
        self.name
    }
}

const fn row(name: &'static str, kind: Kind, cap: Option<usize>, rt: Rt) -> Shape {
    let latency = matches!(kind, Kind::PingPong) || matches!(cap, Some(1));
    Shape {
        name,
        kind,
        cap,
        rt,
        latency,
    }
}

const SPSC: Kind = Kind::Flow { producers: 1 };
const MPSC4: Kind = Kind::Flow { producers: 4 };
const B1024: Option<usize> = Some(1024);
use Rt::{Current as CT, Multi as MT};

/// Every row, in report order.
pub const ALL: [Shape; 15] = [
    row("task-spsc-unbounded-ct", SPSC, None, CT),
    row("task-spsc-unbounded-mt", SPSC, None, MT),
    row("task-mpsc4-unbounded-ct", MPSC4, None, CT),
    row("task-mpsc4-unbounded-mt", MPSC4, None, MT),
    row("task-spsc-bounded-1024-ct", SPSC, B1024, CT),
    row("task-spsc-bounded-1024-mt", SPSC, B1024, MT),
    row("task-mpsc4-bounded-1024-ct", MPSC4, B1024, CT),
    row("task-mpsc4-bounded-1024-mt", MPSC4, B1024, MT),
    row("task-handoff-bounded-1-ct", SPSC, Some(1), CT),
    row("task-handoff-bounded-1-mt", SPSC, Some(1), MT),
    row("task-pingpong-ct", Kind::PingPong, None, CT),
    row("task-pingpong-mt", Kind::PingPong, None, MT),
    row("mixed-spsc-unbounded", Kind::ThreadToTask, None, CT),
    row("mixed-spsc-bounded-1024", Kind::ThreadToTask, B1024, CT),
    row(
        "mixed-task-to-thread-bounded-1024",
        Kind::TaskToThread,
        B1024,
        CT,
    ),
];

/// Runs `shape` with `n` messages on `C`: the timed part, or `None` when
/// `C` does not offer the shape's capacity.
pub fn run<C: Chan>(shape: &Shape, n: usize) -> Option<Duration> {
    let new = || match shape.kind {
        Kind::PingPong => C::new(None).or_else(|| C::new(Some(1))),
        _ => C::new(shape.cap),
    };
    let (tx, rx) = new()?;
    let (elapsed, sum) = match shape.kind {
        Kind::Flow { producers } => runtime(shape.rt).block_on(flow::<C>(tx, rx, producers, n)),
        Kind::PingPong => runtime(shape.rt).block_on(ping_pong::<C>((tx, rx), new()?, n)),
        Kind::ThreadToTask => thread_to_task::<C>(tx, rx, n),
        Kind::TaskToThread => task_to_thread::<C>(tx, rx, n),
    };
    let expected = (0..n as u64).fold(0u64, u64::wrapping_add);
    assert_eq!(
        sum, expected,
        "{}: a message was lost or garbled",
        shape.name
    );
    Some(elapsed)
}

/// A fresh runtime of kind `rt` (built outside the clock).
fn runtime(rt: Rt) -> Runtime {
    match rt {
        Rt::Current => Builder::new_current_thread().build(),
        Rt::Multi => Builder::new_multi_thread().worker_threads(2).build(),
    }
    .expect("a tokio runtime")
}

/// The start barrier between `parties` tasks.
type Gate = Arc<tokio::sync::Barrier>;

async fn leave(gate: &Gate, start: &Start) {
    gate.wait().await;
    start.mark();
}

/// `p` producer tasks, one receiving task.
async fn flow<C: Chan>(tx: C::Tx, mut rx: C::Rx, p: usize, n: usize) -> (Duration, u64) {
    let (gate, start) = (Arc::new(tokio::sync::Barrier::new(p + 1)), Start::new());
    let mut senders: Vec<C::Tx> = (1..p).map(|_| C::clone_tx(&tx)).collect();
    senders.push(tx);
    let producers: Vec<_> = (senders.into_iter().enumerate())
        .map(|(j, tx)| {
            let (gate, start) = (Arc::clone(&gate), Arc::clone(&start));
            let (lo, hi) = ((j * n / p) as u64, ((j + 1) * n / p) as u64);
            tokio::spawn(async move {
                leave(&gate, &start).await;
                for i in lo..hi {
                    C::send(&tx, i).await;
                }
            })
        })
        .collect();
    let receiver = tokio::spawn(async move {
        leave(&gate, &start).await;
        let sum = receive::<C>(&mut rx, n).await;
        (start.elapsed(), sum)
    });
    let timed = receiver.await.expect("receiver panicked");
    for producer in producers {
        producer.await.expect("producer panicked");
    }
    timed
}

type Pair<C> = (<C as Chan>::Tx, <C as Chan>::Rx);

/// n round trips: a client task sends on `ping` and waits for the echo
/// task's reply on `pong`.
async fn ping_pong<C: Chan>(ping: Pair<C>, pong: Pair<C>, n: usize) -> (Duration, u64) {
    let ((ping_tx, mut ping_rx), (pong_tx, mut pong_rx)) = (ping, pong);
    let (gate, start) = (Arc::new(tokio::sync::Barrier::new(2)), Start::new());
    let echo = {
        let (gate, start) = (Arc::clone(&gate), Arc::clone(&start));
        tokio::spawn(async move {
            leave(&gate, &start).await;
            for _ in 0..n {
                let msg = C::recv(&mut ping_rx).await;
                C::send(&pong_tx, msg).await;
            }
        })
    };
    let client = tokio::spawn(async move {
        leave(&gate, &start).await;
        let mut sum = 0u64;
        for i in 0..n as u64 {
            C::send(&ping_tx, i).await;
            sum = sum.wrapping_add(black_box(C::recv(&mut pong_rx).await));
        }
        (start.elapsed(), sum)
    });
    let timed = client.await.expect("client panicked");
    echo.await.expect("echo task panicked");
    timed
}

async fn receive<C: Chan>(rx: &mut C::Rx, n: usize) -> u64 {
    let mut sum = 0u64;
    for _ in 0..n {
        sum = sum.wrapping_add(black_box(C::recv(rx).await));
    }
    black_box(sum)
}

/// A thread sends with the blocking API; a task on a current-thread
/// runtime receives. The task waits at std's barrier, blocking its
/// runtime's thread, which has no other task to run.
fn thread_to_task<C: Chan>(tx: C::Tx, mut rx: C::Rx, n: usize) -> (Duration, u64) {
    let (barrier, start) = (Arc::new(Barrier::new(2)), Start::new());
    let producer = {
        let (barrier, start) = (Arc::clone(&barrier), Arc::clone(&start));
        thread::spawn(move || {
            start.leave(&barrier);
            (0..n as u64).for_each(|i| C::send_blocking(&tx, i));
        })
    };
    let receiver = async move {
        start.leave(&barrier);
        let sum = receive::<C>(&mut rx, n).await;
        (start.elapsed(), sum)
    };
    let rt = runtime(Rt::Current);
    let timed = rt.block_on(async { tokio::spawn(receiver).await.expect("receiver panicked") });
    producer.join().expect("producer panicked");
    timed
}

/// A task on a current-thread runtime (on its own thread) sends; the
/// measuring thread receives with the blocking API.
fn task_to_thread<C: Chan>(tx: C::Tx, mut rx: C::Rx, n: usize) -> (Duration, u64) {
    let (barrier, start) = (Arc::new(Barrier::new(2)), Start::new());
    let producer = {
        let (barrier, start) = (Arc::clone(&barrier), Arc::clone(&start));
        let sender = async move {
            start.leave(&barrier);
            for i in 0..n as u64 {
                C::send(&tx, i).await;
            }
        };
        thread::spawn(move || {
            let rt = runtime(Rt::Current);
            rt.block_on(async { tokio::spawn(sender).await.expect("sender panicked") });
        })
    };
    start.leave(&barrier);
    let mut sum = 0u64;
    for _ in 0..n {
        sum = sum.wrapping_add(black_box(C::recv_blocking(&mut rx)));
    }
    let elapsed = start.elapsed();
    producer.join().expect("producer thread panicked");
    (elapsed, black_box(sum))
}
