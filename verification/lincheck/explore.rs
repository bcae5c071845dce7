//! Running a lincheck line: every generated scenario of a channel under the
//! build's checker (loom, shuttle PCT, or a native smoke run), each
//! execution judged against the spec.

use super::harness::{self, Explored, execution, size};
use super::scenario::{Channel, Scenario};
use crate::kit::{Make, Options};
use std::cell::RefCell;

/// The checker of this build: `"loom"`, `"shuttle"` or `"native"`.
pub const CHECKER: &str = if cfg!(chanlab_loom) {
    "loom"
} else if cfg!(feature = "shuttle") {
    "shuttle"
} else {
    "native"
};

/// Every interleaving of `sc` on `ch` at the largest preemption bound (2 at
/// most) whose exploration loom finishes within a budget of executions per
/// scenario.
///
/// Most scenarios finish at bound 2 in well under the budget. A few do
/// not: chanlab's ring at capacity 1 with both senders blocked and the
/// receiver's timed receives (every timed wait is a scheduling point at
/// which loom tries every other thread, and both sides take locks to park)
/// has 3,508 executions at bound 0 and more than ten million at bound 1.
/// Such a scenario is explored at bound 2 and then bound 1 until the budget
/// is spent (each of those executions is judged like any other), and then
/// exhaustively at the largest bound that fits, down to bound 0; its
/// `lincheck-scenario` line says which. The line's `preemption_bound`, or
/// else `LOOM_MAX_PREEMPTIONS`, fixes the bound and lifts the budget
/// (`CHANLAB_LINCHECK_BUDGET` sets it).
#[cfg(chanlab_loom)]
pub fn explore(ch: &Channel, sc: &Scenario, options: Options) -> Explored {
    let explored = |executions, bound| Explored {
        executions,
        bound: Some(bound),
    };
    let fixed = options.loom_bound();
    if let Some(bound) = fixed.or(loom::model::Builder::new().preemption_bound) {
        return explored(explore_at(ch, sc, bound, None), bound);
    }
    let budget = size().loom_budget;
    let mut total = 0;
    for bound in (1..=size().loom_bound).rev() {
        let n = explore_at(ch, sc, bound, Some(budget));
        total += n;
        if n < budget {
            return explored(total, bound);
        }
    }
    explored(total + explore_at(ch, sc, 0, None), 0)
}

/// One loom exploration of `sc` on `ch` at preemption bound `bound`,
/// stopped after `budget` executions if given; returns the number of
/// executions.
#[cfg(chanlab_loom)]
pub fn explore_at(ch: &Channel, sc: &Scenario, bound: usize, budget: Option<usize>) -> usize {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let count = Arc::new(AtomicUsize::new(0));
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(bound);
    // loom checks the limit before each execution, counting from 1.
    builder.max_permutations = budget.map(|b| b + 1);
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
pub fn explore(ch: &Channel, sc: &Scenario, _: Options) -> Explored {
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
    Explored {
        executions: count.load(Ordering::Relaxed),
        bound: None,
    }
}

/// `sc` on `ch` a few times on real threads (a smoke run of the harness:
/// the recorder's lock orders the threads, see `history.rs`); returns the
/// number of runs.
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
pub fn explore(ch: &Channel, sc: &Scenario, _: Options) -> Explored {
    let runs = size().native_runs;
    (0..runs).for_each(|_| execution(ch, sc));
    Explored {
        executions: runs,
        bound: None,
    }
}

std::thread_local! {
    /// The line running on this thread: its test path, the scenario under
    /// way (its index), and whether its replay hint was printed.
    static RUNNING: RefCell<Option<(String, usize, bool)>> = const { RefCell::new(None) };
}

/// A lincheck line's test: the channel `M` makes, named `name` in the
/// summary line, runs every scenario generated for its kind and `options`
/// under this build's checker. With `CHANLAB_LINCHECK_ONLY=k` only the
/// scenario of index `k` runs (to replay a failure); a failing scenario
/// prints how.
pub fn run_line<M: Make>(name: &'static str, test: &str, options: Options) {
    install_replay_hint();
    RUNNING.with(|r| *r.borrow_mut() = Some((test.to_string(), 0, false)));
    harness::run(CHECKER, Channel::new::<M>(name, options), |k, ch, sc| {
        RUNNING.with(|r| r.borrow_mut().as_mut().map(|r| r.1 = k));
        explore(ch, sc, options)
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
