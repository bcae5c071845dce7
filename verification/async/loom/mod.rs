//! loom models of the async API: a task's registration racing the other
//! side's wake-up, per channel.
//!
//! ```text
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test async
//! ```
//!
//! A task is a future driven by `loom::future::block_on`, whose waker
//! wakes the blocked thread through a loom notification (so a lost
//! wake-up is a deadlock loom reports). A future first polled with a
//! waker that does nothing ([`poll_noop`]) and then driven by `block_on`
//! has changed its waker: if the channel kept the first one, `block_on`
//! is never woken. Each model covers, for its channel, one of: a receive
//! racing a send, a send on a full channel racing a receive, a future
//! dropped mid-wait, a re-poll with a new waker, and threads and tasks
//! waiting on the same side.
//!
//! The harness ([`check`], [`Kind`], [`Outcomes`]) is the loom suite's
//! (`verification/loom/main.rs`), with the same output line per model:
//! `loom-model name=<name> iterations=<n> bound=<exhaustive|k>`.

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

mod lockfree;
mod models;
mod mutex;
mod ring;

/// How much of a model's state space loom explores.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Every execution (up to `LOOM_MAX_PREEMPTIONS`, if set).
    Exhaustive,
    /// Executions with at most `CHANLAB_LOOM_BOUND` (default 3) preemptions.
    Bounded,
    /// Executions with at most this many preemptions, whatever
    /// `CHANLAB_LOOM_BOUND` says.
    AtMost(usize),
}

/// The preemption bound used by [`Kind::Bounded`] models.
pub fn bound() -> usize {
    std::env::var("CHANLAB_LOOM_BOUND")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

/// Panics unless `name` is the path of the test that is running.
pub fn assert_test_path(name: &str) {
    if let Some(test) = std::thread::current().name().filter(|n| *n != "main") {
        assert_eq!(name, test, "a model's name must be its test's path");
    }
}

/// Runs `f` under loom and prints
/// `loom-model name=<name> iterations=<n> bound=<exhaustive|k>`.
pub fn check<F>(name: &str, kind: Kind, f: F)
where
    F: Fn() + Sync + Send + 'static,
{
    assert_test_path(name);
    let iterations = Arc::new(AtomicUsize::new(0));
    let counter = iterations.clone();
    let mut builder = loom::model::Builder::new();
    let bound = match kind {
        Kind::Exhaustive => match builder.preemption_bound {
            Some(n) => n.to_string(),
            None => "exhaustive".to_string(),
        },
        Kind::Bounded => {
            builder.preemption_bound = Some(bound());
            bound().to_string()
        }
        Kind::AtMost(n) => {
            builder.preemption_bound = Some(n);
            n.to_string()
        }
    };
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("LOOM_LOG"))
        .with_test_writer()
        .without_time()
        .finish();
    tracing::subscriber::with_default(subscriber, || {
        builder.check(move || {
            counter.fetch_add(1, Ordering::Relaxed);
            f();
        })
    });
    let n = iterations.load(Ordering::Relaxed);
    println!("loom-model name={name} iterations={n} bound={bound}");
}

/// The outcomes a racy model reached, across all of its executions.
#[derive(Clone, Default)]
pub struct Outcomes(Arc<StdMutex<BTreeSet<&'static str>>>);

impl Outcomes {
    /// Records that one execution ended in `outcome`.
    pub fn saw(&self, outcome: &'static str) {
        self.0.lock().unwrap().insert(outcome);
    }

    /// Asserts that every outcome in `expected` occurred and nothing else
    /// did (in spurious mode, only the second half).
    pub fn expect(&self, expected: &[&'static str]) {
        let seen = self.0.lock().unwrap().clone();
        let want: BTreeSet<_> = expected.iter().copied().collect();
        if cfg!(chanlab_spurious) {
            assert!(seen.is_subset(&want), "unexpected outcomes {seen:?}");
        } else {
            assert_eq!(seen, want, "outcomes explored by the model");
        }
    }
}

/// A message that counts its drops in a std counter.
pub struct Counted(pub usize, pub Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.1.fetch_add(1, Ordering::Relaxed);
    }
}

/// Polls `fut` once with a waker that does nothing: the future registers
/// a waker that no wake-up can reach the model through.
pub fn poll_noop<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}
