//! Shared by the async examples: picks the channel named by
//! `--channel NAME` (chanlab's `mutex`, `lockfree` or `ring`, or tokio's
//! `mpsc`, named `tokio`) and runs the example's generic `run::<F>()` on a
//! multi-threaded tokio runtime.
//!
//! An async example needs one of two constructors: [`Unbounded`]
//! (`channel()`, whose `send` never waits, so it stays a plain call) or
//! [`Bounded`] (`sync_channel(n)`, whose `send_async` waits for room). Both
//! receive with `recv_async`. The futures borrow their handle and are
//! `Send`, so the tasks that await them can run on any worker thread.
//! `--supported` prints the channels able to run the example (for
//! `run_all.sh`); a channel lacking the constructor, or an unknown name,
//! exits with status 2, as the thread examples do.

#![allow(dead_code)] // each example uses only part of this module

use std::fmt::Display;
use std::future::Future;
use std::process::exit;

/// A channel built by `channel()`: unbounded, `send` never waits.
pub trait Unbounded: 'static {
    /// The sending half.
    type Sender<T: Send + 'static>: Clone + Send + Sync + 'static;
    /// The receiving half.
    type Receiver<T: Send + 'static>: Send + 'static;
    /// A new unbounded channel.
    fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>);
    /// Sends without waiting; the message back if the receiver is gone.
    fn send<T: Send + 'static>(tx: &Self::Sender<T>, msg: T) -> Result<(), T>;
    /// The next message; `None` once every sender is gone and it is empty.
    fn recv<T: Send + 'static>(
        rx: &mut Self::Receiver<T>,
    ) -> impl Future<Output = Option<T>> + Send + '_;
}

/// A channel built by `sync_channel(bound)`: a send waits for room.
pub trait Bounded: 'static {
    /// The sending half.
    type Sender<T: Send + 'static>: Clone + Send + Sync + 'static;
    /// The receiving half.
    type Receiver<T: Send + 'static>: Send + 'static;
    /// A new channel holding at most `bound` messages (`bound >= 1`).
    fn sync_channel<T: Send + 'static>(bound: usize) -> (Self::Sender<T>, Self::Receiver<T>);
    /// Waits for room, then sends; the message back if the receiver is gone.
    fn send<T: Send + 'static>(
        tx: &Self::Sender<T>,
        msg: T,
    ) -> impl Future<Output = Result<(), T>> + Send + '_;
    /// The next message; `None` once every sender is gone and it is empty.
    fn recv<T: Send + 'static>(
        rx: &mut Self::Receiver<T>,
    ) -> impl Future<Output = Option<T>> + Send + '_;
}

/// chanlab's channels: `recv_async` and `send_async` are inherent methods
/// with the same shape on each, so one macro writes every impl.
macro_rules! chanlab_unbounded {
    ($flavor:ident, $module:ident) => {
        #[doc = concat!("`chanlab::", stringify!($module), "`.")]
        pub struct $flavor;

        impl Unbounded for $flavor {
            type Sender<T: Send + 'static> = chanlab::$module::Sender<T>;
            type Receiver<T: Send + 'static> = chanlab::$module::Receiver<T>;
            fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>) {
                chanlab::$module::channel()
            }
            fn send<T: Send + 'static>(tx: &Self::Sender<T>, msg: T) -> Result<(), T> {
                tx.send(msg).map_err(|e| e.0)
            }
            async fn recv<T: Send + 'static>(rx: &mut Self::Receiver<T>) -> Option<T> {
                rx.recv_async().await.ok()
            }
        }
    };
}

macro_rules! chanlab_bounded {
    ($flavor:ident, $module:ident) => {
        impl Bounded for $flavor {
            type Sender<T: Send + 'static> = chanlab::$module::SyncSender<T>;
            type Receiver<T: Send + 'static> = chanlab::$module::Receiver<T>;
            fn sync_channel<T: Send + 'static>(
                bound: usize,
            ) -> (Self::Sender<T>, Self::Receiver<T>) {
                chanlab::$module::sync_channel(bound)
            }
            async fn send<T: Send + 'static>(tx: &Self::Sender<T>, msg: T) -> Result<(), T> {
                tx.send_async(msg).await.map_err(|e| e.0)
            }
            async fn recv<T: Send + 'static>(rx: &mut Self::Receiver<T>) -> Option<T> {
                rx.recv_async().await.ok()
            }
        }
    };
}

chanlab_unbounded!(Mutex, mutex);
chanlab_bounded!(Mutex, mutex);
chanlab_unbounded!(Lockfree, lockfree);

/// `chanlab::ring`.
pub struct Ring;
chanlab_bounded!(Ring, ring);

/// tokio's `mpsc`, for comparison.
pub struct Tokio;

impl Unbounded for Tokio {
    type Sender<T: Send + 'static> = tokio::sync::mpsc::UnboundedSender<T>;
    type Receiver<T: Send + 'static> = tokio::sync::mpsc::UnboundedReceiver<T>;
    fn channel<T: Send + 'static>() -> (Self::Sender<T>, Self::Receiver<T>) {
        tokio::sync::mpsc::unbounded_channel()
    }
    fn send<T: Send + 'static>(tx: &Self::Sender<T>, msg: T) -> Result<(), T> {
        tx.send(msg).map_err(|e| e.0)
    }
    async fn recv<T: Send + 'static>(rx: &mut Self::Receiver<T>) -> Option<T> {
        rx.recv().await
    }
}

impl Bounded for Tokio {
    type Sender<T: Send + 'static> = tokio::sync::mpsc::Sender<T>;
    type Receiver<T: Send + 'static> = tokio::sync::mpsc::Receiver<T>;
    fn sync_channel<T: Send + 'static>(bound: usize) -> (Self::Sender<T>, Self::Receiver<T>) {
        tokio::sync::mpsc::channel(bound)
    }
    async fn send<T: Send + 'static>(tx: &Self::Sender<T>, msg: T) -> Result<(), T> {
        tx.send(msg).await.map_err(|e| e.0)
    }
    async fn recv<T: Send + 'static>(rx: &mut Self::Receiver<T>) -> Option<T> {
        rx.recv().await
    }
}

/// An example that needs `channel()`.
pub trait UnboundedExample {
    /// Runs the example on `F`; exits with status 1 on misbehaviour.
    fn run<F: Unbounded>() -> impl Future<Output = ()> + Send;
}

/// An example that needs `sync_channel(bound)`.
pub trait BoundedExample {
    /// Runs the example on `F`; exits with status 1 on misbehaviour.
    fn run<F: Bounded>() -> impl Future<Output = ()> + Send;
}

const UNBOUNDED: &[&str] = &["mutex", "lockfree", "tokio"];
const BOUNDED: &[&str] = &["mutex", "ring", "tokio"];

/// Entry point of an example that needs `channel()`.
pub fn main_unbounded<E: UnboundedExample>() {
    let name = parse_args(UNBOUNDED);
    match name.as_str() {
        "mutex" => block_on(E::run::<Mutex>()),
        "lockfree" => block_on(E::run::<Lockfree>()),
        "tokio" => block_on(E::run::<Tokio>()),
        _ => usage(&name, UNBOUNDED),
    }
    println!("ok: channel={name}");
}

/// Entry point of an example that needs `sync_channel(bound)`.
pub fn main_bounded<E: BoundedExample>() {
    let name = parse_args(BOUNDED);
    match name.as_str() {
        "mutex" => block_on(E::run::<Mutex>()),
        "ring" => block_on(E::run::<Ring>()),
        "tokio" => block_on(E::run::<Tokio>()),
        _ => usage(&name, BOUNDED),
    }
    println!("ok: channel={name}");
}

/// Runs `fut` on a multi-threaded tokio runtime with two workers.
fn block_on(fut: impl Future<Output = ()> + Send) {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .expect("a tokio runtime")
        .block_on(fut);
}

/// Reads `--channel NAME` (default `mutex`); `--supported` prints `ok`,
/// one line, and exits.
fn parse_args(ok: &[&str]) -> String {
    let mut args = std::env::args().skip(1);
    let mut name = String::from("mutex");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--channel" => name = args.next().unwrap_or_default(),
            "--supported" => {
                println!("{}", ok.join(" "));
                exit(0);
            }
            other => match other.strip_prefix("--channel=") {
                Some(n) => name = n.to_string(),
                None => usage(other, ok),
            },
        }
    }
    name
}

/// Names the problem and the valid channels, exits with status 2.
fn usage(name: &str, ok: &[&str]) -> ! {
    eprintln!("error: no channel or argument `{name}` for this example");
    eprintln!("usage: --channel NAME   (one of: {})", ok.join(", "));
    exit(2);
}

/// Fails the example unless `got == want`: prints both, exits with 1.
pub fn check_eq<T: PartialEq + std::fmt::Debug>(got: T, want: T, what: impl Display) {
    if got != want {
        eprintln!("FAILED: {what}: got {got:?}, want {want:?}");
        exit(1);
    }
}
