//! shuttle schedules of the async API, per channel.
//!
//! ```text
//! cargo test --release --features shuttle --test async
//! ```
//!
//! Threads and tasks on one channel: tasks spawned on shuttle's executor
//! (`shuttle::future::spawn`) or driven by `shuttle::future::block_on` on
//! a thread, next to threads blocked in `send` and `recv`, with futures
//! polled once and dropped mid-wait. Random and PCT schedules for every
//! channel; DFS (every schedule) for the mutex channel only: the lock-free
//! and ring receivers may wait for a sender by yielding, and shuttle's DFS
//! ignores yields, so it would explore endless schedules there.
//!
//! The harness is the shuttle suite's (`verification/shuttle/main.rs`),
//! with the same output line:
//! `shuttle-model name=<name> scheduler=<s> schedules=<n>`, the same
//! `CHANLAB_SHUTTLE_ITERS` and `CHANLAB_SHUTTLE_REPLAY`.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Waker};

mod models;
mod mutex;
mod others;

/// Schedules per random/PCT run.
pub fn iters() -> usize {
    std::env::var("CHANLAB_SHUTTLE_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// Panics unless `name` is the path of the test that is running.
fn assert_test_path(name: &str) {
    if let Some(test) = std::thread::current().name().filter(|n| *n != "main") {
        assert_eq!(name, test, "a model's name must be its test's path");
    }
}

fn report(name: &str, scheduler: &str, n: &AtomicUsize) {
    let n = n.load(Ordering::Relaxed);
    println!("shuttle-model name={name} scheduler={scheduler} schedules={n}");
}

fn counted<F: Fn() + Send + Sync + 'static>(f: F) -> (Arc<AtomicUsize>, impl Fn() + Send + Sync) {
    let n = Arc::new(AtomicUsize::new(0));
    let c = n.clone();
    (n, move || {
        c.fetch_add(1, Ordering::Relaxed);
        f();
    })
}

/// Runs `f` once on the schedule in `CHANLAB_SHUTTLE_REPLAY` and returns
/// `None`, or hands `f` back when no schedule is being replayed.
fn replayed<F: Fn() + Send + Sync + 'static>(name: &str, f: F) -> Option<F> {
    assert_test_path(name);
    let Ok(schedule) = std::env::var("CHANLAB_SHUTTLE_REPLAY") else {
        return Some(f);
    };
    shuttle::replay(f, schedule.trim());
    println!("shuttle-model name={name} scheduler=replay schedules=1");
    None
}

/// `shuttle::check_random` with `iters()` schedules.
pub fn random<F: Fn() + Send + Sync + 'static>(name: &str, f: F) {
    let Some(f) = replayed(name, f) else { return };
    let (n, f) = counted(f);
    shuttle::check_random(f, iters());
    report(name, "random", &n);
}

/// `shuttle::check_pct` with `iters()` schedules at bug depth `depth`.
pub fn pct<F: Fn() + Send + Sync + 'static>(name: &str, depth: usize, f: F) {
    let Some(f) = replayed(name, f) else { return };
    let (n, f) = counted(f);
    shuttle::check_pct(f, iters(), depth);
    report(name, &format!("pct(depth={depth})"), &n);
}

/// `shuttle::check_dfs`: every schedule (the model must not spin-wait).
pub fn dfs<F: Fn() + Send + Sync + 'static>(name: &str, f: F) {
    let Some(f) = replayed(name, f) else { return };
    let (n, f) = counted(f);
    shuttle::check_dfs(f, cfg!(chanlab_spurious).then(iters));
    report(name, "dfs", &n);
}

/// Polls `fut` once with a waker that does nothing.
pub fn poll_noop<F: Future + ?Sized>(fut: Pin<&mut F>) -> Poll<F::Output> {
    fut.poll(&mut Context::from_waker(Waker::noop()))
}

/// A message that counts its drops.
pub struct Counted(pub (usize, usize), pub Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.1.fetch_add(1, Ordering::Relaxed);
    }
}
