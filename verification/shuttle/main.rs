//! shuttle schedules of every chanlab channel.
//!
//! ```text
//! cargo test --release --features shuttle --test shuttle
//! ```
//!
//! shuttle runs the real code under a controlled scheduler: random schedules,
//! PCT (probabilistic concurrency testing, which bounds the number of
//! priority changes and finds bugs of small depth with a known probability)
//! and DFS (every schedule, for the smallest models). It treats every atomic as
//! sequentially consistent, so it checks interleavings, never orderings.
//!
//! Schedule counts scale with `CHANLAB_SHUTTLE_ITERS` (default 10 000, the
//! full `cargo verify`; `--quick` passes fewer). Each run prints
//! `shuttle-model name=<name> scheduler=<s> schedules=<n>`.
//!
//! A failing schedule is printed by shuttle as a string; with
//! `CHANLAB_SHUTTLE_REPLAY=<that string>` each model runs that one schedule
//! instead of exploring (`shuttle::replay`): select the failing test with
//! `--exact <name>` and the failure repeats, step for step.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

mod lockfree;
mod mutex;
mod ring;

/// Schedules per random/PCT run.
pub fn iters() -> usize {
    std::env::var("CHANLAB_SHUTTLE_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

/// Panics unless `name` is the path of the test that is running (libtest
/// names each test's thread after it), so that the name a model prints is
/// the one a reader passes to `cargo test`.
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
    // The step recorder (`--cfg chanlab_trace`, see `src/sync/trace.rs`).
    #[cfg(chanlab_trace)]
    chanlab::trace::install_panic_hook();
    (n, move || {
        c.fetch_add(1, Ordering::Relaxed);
        #[cfg(chanlab_trace)]
        chanlab::trace::execution_starts();
        f();
        #[cfg(chanlab_trace)]
        chanlab::trace::execution_passed();
    })
}

/// The schedule to replay (`CHANLAB_SHUTTLE_REPLAY`), if any.
fn replaying() -> Option<String> {
    std::env::var("CHANLAB_SHUTTLE_REPLAY").ok()
}

/// Runs `f` once on the schedule being replayed and returns `None`, or
/// hands `f` back when no schedule is being replayed.
fn replayed<F: Fn() + Send + Sync + 'static>(name: &str, f: F) -> Option<F> {
    assert_test_path(name);
    let Some(schedule) = replaying() else {
        return Some(f);
    };
    let (_, f) = counted(f); // the step recorder's hooks, as in the other runs
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

/// `shuttle::check_dfs`: every schedule (the model must not spin-wait). In
/// spurious mode (`--cfg chanlab_spurious`) every wait adds a branch and
/// the schedule space stops being small: DFS then stops after `iters()`.
pub fn dfs<F: Fn() + Send + Sync + 'static>(name: &str, f: F) {
    let Some(f) = replayed(name, f) else { return };
    let (n, f) = counted(f);
    shuttle::check_dfs(f, cfg!(chanlab_spurious).then(iters));
    report(name, "dfs", &n);
}
