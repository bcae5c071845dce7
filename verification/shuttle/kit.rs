//! shuttle, as part of the kit (`--features shuttle` only): the harness
//! every schedule runs in, and the model bodies that fit any channel
//! ([`models`]).
//!
//! shuttle runs the real code under a controlled scheduler: random schedules,
//! PCT (probabilistic concurrency testing, which bounds the number of
//! priority changes and finds bugs of small depth with a known probability)
//! and DFS (every schedule, for the smallest models). It treats every atomic as
//! sequentially consistent, so it checks interleavings, never orderings.
//!
//! Schedule counts scale with `CHANLAB_SHUTTLE_ITERS` (default 10 000).
//! Each run prints `shuttle-model name=<name> scheduler=<s> schedules=<n>`.
//!
//! A failing schedule is printed by shuttle as a string; with
//! `CHANLAB_SHUTTLE_REPLAY=<that string>` each model runs that one schedule
//! instead of exploring (`shuttle::replay`): select the failing test with
//! `--exact <name>` and the failure repeats, step for step. A failing model
//! prints that command.

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "models.rs"]
pub mod models;

/// Schedules per random/PCT run: `CHANLAB_SHUTTLE_ITERS`, 10 000 unless set.
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

/// Prints the model's line; it passed, so no replay hint is due.
fn report(name: &str, scheduler: &str, n: &AtomicUsize) {
    RUNNING.with(|r| *r.borrow_mut() = None);
    let n = n.load(Ordering::Relaxed);
    println!("shuttle-model name={name} scheduler={scheduler} schedules={n}");
}

std::thread_local! {
    /// The model running on this thread, and whether its replay hint was
    /// printed (once per model).
    static RUNNING: RefCell<Option<(String, bool)>> = const { RefCell::new(None) };
}

/// Makes the first panic of a failing model print how to replay it.
fn install_replay_hint() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            previous(info);
            let _ = RUNNING.try_with(|r| r.try_borrow_mut().map(|mut r| print_hint(&mut r)));
        }));
    });
}

/// Prints the replay command of the running model, once.
fn print_hint(running: &mut Option<(String, bool)>) {
    let Some((name, printed)) = running else {
        return;
    };
    if std::mem::replace(printed, true) || replaying().is_some() {
        return;
    }
    eprintln!(
        "shuttle model `{name}` failed. Replay the failing schedule that shuttle prints \
         below (`failing schedule:`):\n  \
         CHANLAB_SHUTTLE_REPLAY='<that schedule>' cargo test --release --features \
         chanlab/shuttle -- --exact {name}\n\
         (`--features shuttle` inside chanlab itself)"
    );
}

/// `f`, counting its runs into the returned counter and running the step
/// recorder's hooks (`--cfg chanlab_trace`).
fn counted<F: Fn() + Send + Sync + 'static>(f: F) -> (Arc<AtomicUsize>, impl Fn() + Send + Sync) {
    let n = Arc::new(AtomicUsize::new(0));
    let c = n.clone();
    // The step recorder (`--cfg chanlab_trace`, see `src/sync/trace.rs`).
    #[cfg(chanlab_trace)]
    crate::sync::trace::install_panic_hook();
    (n, move || {
        c.fetch_add(1, Ordering::Relaxed);
        #[cfg(chanlab_trace)]
        crate::sync::trace::execution_starts();
        f();
        #[cfg(chanlab_trace)]
        crate::sync::trace::execution_passed();
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
    install_replay_hint();
    RUNNING.with(|r| *r.borrow_mut() = Some((name.to_string(), false)));
    let Some(schedule) = replaying() else {
        return Some(f);
    };
    let (_, f) = counted(f); // the step recorder's hooks, as in the other runs
    shuttle::replay(f, schedule.trim());
    report(name, "replay", &AtomicUsize::new(1));
    None
}

/// `shuttle::check_random` with [`iters`] schedules.
pub fn random<F: Fn() + Send + Sync + 'static>(name: &str, f: F) {
    let Some(f) = replayed(name, f) else { return };
    let (n, f) = counted(f);
    shuttle::check_random(f, iters());
    report(name, "random", &n);
}

/// `shuttle::check_pct` with [`iters`] schedules at bug depth `depth`.
pub fn pct<F: Fn() + Send + Sync + 'static>(name: &str, depth: usize, f: F) {
    let Some(f) = replayed(name, f) else { return };
    let (n, f) = counted(f);
    shuttle::check_pct(f, iters(), depth);
    report(name, &format!("pct(depth={depth})"), &n);
}

/// `shuttle::check_dfs`: every schedule (the model must not spin-wait, nor
/// park where a spurious wake-up could repeat forever). In spurious mode
/// (`--cfg chanlab_spurious`) every wait adds a branch and the schedule
/// space stops being small: DFS then stops after [`iters`].
pub fn dfs<F: Fn() + Send + Sync + 'static>(name: &str, f: F) {
    let Some(f) = replayed(name, f) else { return };
    let (n, f) = counted(f);
    shuttle::check_dfs(f, cfg!(chanlab_spurious).then(iters));
    report(name, "dfs", &n);
}
