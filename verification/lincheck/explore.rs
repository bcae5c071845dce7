//! Running a lincheck line: every generated scenario of a channel under the
//! build's checker (loom, shuttle PCT, or a native smoke run), each
//! execution judged against the spec.

use super::harness::{self, execution, size};
use super::scenario::{Channel, Scenario};
use crate::kit::{Make, Options};
use std::cell::{Cell, RefCell};

/// The checker of this build: `"loom"`, `"shuttle"` or `"native"`.
pub const CHECKER: &str = if cfg!(chanlab_loom) {
    "loom"
} else if cfg!(feature = "shuttle") {
    "shuttle"
} else {
    "native"
};

/// Every interleaving of `sc` on `ch` within the preemption bound (the
/// line's `preemption_bound`, else `LOOM_MAX_PREEMPTIONS`, else 2); returns
/// the number of executions.
#[cfg(chanlab_loom)]
pub fn explore(ch: &Channel, sc: &Scenario, options: Options) -> usize {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = Arc::new(AtomicUsize::new(0));
    let mut builder = loom::model::Builder::new();
    if let Some(bound) = options.loom_bound() {
        builder.preemption_bound = Some(bound);
    } else if builder.preemption_bound.is_none() {
        builder.preemption_bound = Some(size().loom_bound);
    }
    let (ch, sc, counter) = (*ch, sc.clone(), count.clone());
    builder.check(move || {
        counter.fetch_add(1, Ordering::Relaxed);
        execution(&ch, &sc);
    });
    count.load(Ordering::Relaxed)
}

/// `sc` on `ch` under shuttle's PCT scheduler (depth 3), or on the one
/// schedule of `CHANLAB_SHUTTLE_REPLAY`; returns the number of schedules.
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
pub fn explore(ch: &Channel, sc: &Scenario, _: Options) -> usize {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = Arc::new(AtomicUsize::new(0));
    let (ch, sc, counter) = (*ch, sc.clone(), count.clone());
    let f = move || {
        counter.fetch_add(1, Ordering::Relaxed);
        execution(&ch, &sc);
    };
    match std::env::var("CHANLAB_SHUTTLE_REPLAY") {
        Ok(schedule) => shuttle::replay(f, schedule.trim()),
        Err(_) => shuttle::check_pct(f, size().shuttle_iters, 3),
    }
    count.load(Ordering::Relaxed)
}

/// `sc` on `ch` a few times on real threads (a smoke run of the harness:
/// the recorder's lock orders the threads, see `history.rs`); returns the
/// number of runs.
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
pub fn explore(ch: &Channel, sc: &Scenario, _: Options) -> usize {
    let runs = size().native_runs;
    (0..runs).for_each(|_| execution(ch, sc));
    runs
}

std::thread_local! {
    /// The line running on this thread: its test path, the scenario under
    /// way (numbered from 1), and whether its replay hint was printed.
    static RUNNING: RefCell<Option<(String, usize, bool)>> = const { RefCell::new(None) };
}

/// A lincheck line's test: the channel `M` makes, named `name` in the
/// summary line, runs every scenario generated for its kind and `options`
/// under this build's checker. With `CHANLAB_LINCHECK_ONLY=k` only the
/// `k`-th scenario runs (to replay a failure); a failing scenario prints how.
pub fn run_line<M: Make>(name: &'static str, test: &str, options: Options) {
    install_replay_hint();
    let only = std::env::var("CHANLAB_LINCHECK_ONLY").ok();
    let only: Option<usize> = only.map(|k| k.parse().expect("CHANLAB_LINCHECK_ONLY: a number"));
    let index = Cell::new(0);
    RUNNING.with(|r| *r.borrow_mut() = Some((test.to_string(), 0, false)));
    harness::run(CHECKER, Channel::new::<M>(name, options), |ch, sc| {
        index.set(index.get() + 1);
        RUNNING.with(|r| r.borrow_mut().as_mut().map(|r| r.1 = index.get()));
        match only {
            Some(k) if k != index.get() => 0,
            _ => explore(ch, sc, options),
        }
    });
    RUNNING.with(|r| *r.borrow_mut() = None);
}

/// Makes the first panic of a failing line print how to replay it.
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

/// Prints the replay command of the scenario under way, once.
fn print_hint(running: &mut Option<(String, usize, bool)>) {
    let Some((test, k, printed)) = running else {
        return;
    };
    if std::mem::replace(printed, true) {
        return;
    }
    let seed = harness::seed();
    let (build, how) = match CHECKER {
        "loom" => (
            "RUSTFLAGS=\"--cfg chanlab_loom\" cargo test --release",
            "add LOOM_CHECKPOINT_FILE=target/lincheck.json LOOM_CHECKPOINT_INTERVAL=1 to record \
             the failing interleaving, then run again with the same file and LOOM_LOCATION=1",
        ),
        "shuttle" => (
            "cargo test --release --features chanlab/shuttle",
            "add CHANLAB_SHUTTLE_REPLAY='<the failing schedule shuttle prints>' to replay it",
        ),
        _ => (
            "cargo test",
            "a native run is not deterministic: run it under a checker",
        ),
    };
    eprintln!(
        "lincheck `{test}` failed on scenario {k} (scenarios from seed {seed}). Run that \
         scenario alone:\n  CHANLAB_LINCHECK_ONLY={k} CHANLAB_LINCHECK_SEED={seed} {build} -- \
         --exact {test}\n({how})"
    );
}
