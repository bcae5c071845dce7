//! What the three builds share: the run sizes, the summary line, and the
//! report printed when a checker finds a deadlock.

use super::history::Recorder;
use super::scenario::{Channel, Scenario, generate};
use std::cell::RefCell;
use std::time::Instant;

/// How much one run checks: `CHANLAB_LINCHECK=full` or the quick default.
/// (Each build reads only its own checker's field.)
#[derive(Clone, Copy, Debug)]
#[allow(dead_code)]
pub struct Size {
    /// Scenarios per channel under loom and in native runs.
    pub scenarios: usize,
    /// Scenarios per channel under shuttle (its schedules are cheap).
    pub shuttle_scenarios: usize,
    /// loom's preemption bound (`LOOM_MAX_PREEMPTIONS` overrides it).
    pub loom_bound: usize,
    /// loom: executions per scenario and bound before a smaller bound is
    /// tried (`CHANLAB_LINCHECK_BUDGET`; see `on_loom.rs`).
    pub loom_budget: usize,
    /// shuttle PCT schedules per scenario.
    pub shuttle_iters: usize,
    /// Native runs per scenario.
    pub native_runs: usize,
}

/// The size chosen by `CHANLAB_LINCHECK` (`full`, else quick).
pub fn size() -> Size {
    let full = std::env::var("CHANLAB_LINCHECK").is_ok_and(|v| v == "full");
    let scenarios = env_usize("CHANLAB_LINCHECK_SCENARIOS").unwrap_or(if full { 8 } else { 3 });
    let shuttle_iters = if full { 5000 } else { 1000 };
    let shuttle_scenarios =
        env_usize("CHANLAB_LINCHECK_SCENARIOS").unwrap_or(if full { 40 } else { 12 });
    Size {
        scenarios,
        shuttle_scenarios,
        loom_bound: 2,
        loom_budget: env_usize("CHANLAB_LINCHECK_BUDGET").unwrap_or(if full {
            300_000
        } else {
            100_000
        }),
        shuttle_iters,
        native_runs: 20,
    }
}

fn env_usize(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

/// The scenarios' seed: `CHANLAB_LINCHECK_SEED`, default 15.
pub fn seed() -> u64 {
    env_usize("CHANLAB_LINCHECK_SEED").map_or(15, |s| s as u64)
}

/// What one checker explored of one scenario.
pub struct Explored {
    /// Executions run and judged.
    pub executions: usize,
    /// loom: the preemption bound explored exhaustively (see `explore.rs`).
    pub bound: Option<usize>,
}

/// Runs every generated scenario of channel `ch` through `one` (given the
/// scenario's index) and prints a `lincheck-scenario ...` line per
/// scenario, then
/// `lincheck checker=<c> channel=<n> scenarios=<s> interleavings=<i> status=<pass|fail> time=<t>`
/// (loom adds `bounds=<b>:<count>,...`, the scenarios per exhaustive bound).
/// With `CHANLAB_LINCHECK_ONLY=<index>` only that scenario runs.
pub fn run(checker: &str, ch: Channel, one: impl Fn(usize, &Channel, &Scenario) -> Explored) {
    install_deadlock_report();
    // The scenarios offer what the channel offers.
    let generate = |cap, count, seed| generate(cap, ch.offers, count, seed);
    let count = if checker == "shuttle" {
        size().shuttle_scenarios
    } else {
        size().scenarios
    };
    let mut scenarios: Vec<(usize, Scenario)> = generate(ch.spec.cap, count, seed())
        .into_iter()
        .enumerate()
        .collect();
    if let Some(only) = env_usize("CHANLAB_LINCHECK_ONLY") {
        scenarios.retain(|(k, _)| *k == only);
    }
    let start = Instant::now();
    let mut explored = 0;
    let mut bounds = std::collections::BTreeMap::<usize, usize>::new();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        for (k, sc) in &scenarios {
            let began = Instant::now();
            let one = one(*k, &ch, sc);
            explored += one.executions;
            let bound = one.bound.map_or(String::new(), |b| {
                *bounds.entry(b).or_default() += 1;
                format!(" bound={b}")
            });
            // Progress, one line per scenario (a long loom run says where
            // it is); `CHANLAB_LINCHECK_ONLY=<index>` runs that one alone.
            println!(
                "lincheck-scenario checker={checker} channel={} index={k} interleavings={}{bound} time={:.1}",
                ch.name,
                one.executions,
                began.elapsed().as_secs_f64()
            );
        }
    }));
    let status = if outcome.is_ok() { "pass" } else { "fail" };
    let bounds: Vec<String> = bounds.iter().map(|(b, n)| format!("{b}:{n}")).collect();
    let bounds = match bounds.is_empty() {
        true => String::new(),
        false => format!(" bounds={}", bounds.join(",")),
    };
    println!(
        "lincheck checker={checker} channel={} scenarios={} interleavings={explored}{bounds} status={status} time={:.1}",
        ch.name,
        scenarios.len(),
        start.elapsed().as_secs_f64()
    );
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// One execution of `sc` on `ch`: run it, then judge its history.
pub fn execution(ch: &Channel, sc: &Scenario) {
    let rec = Recorder::default();
    CURRENT.with(|c| *c.borrow_mut() = Some((sc.clone(), rec.clone())));
    (ch.run)(sc, &rec);
    sc.judge(ch, &rec);
    CURRENT.with(|c| *c.borrow_mut() = None);
}

std::thread_local! {
    /// The execution under way on this thread (the checkers run every model
    /// thread on the test's own OS thread), for the deadlock report.
    static CURRENT: RefCell<Option<(Scenario, Recorder)>> = const { RefCell::new(None) };
}

/// Makes any panic inside an execution (a checker's deadlock report, a
/// failed assertion) also print the scenario and its history so far: every
/// scenario terminates in the spec, so a deadlock is a bug. loom may abort
/// the process right after its report, so the report is printed from the
/// panic hook, before any unwinding. The judge's own panics already carry it.
fn install_deadlock_report() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let text = info.to_string();
            if !text.contains("lincheck:") {
                let deadlock = text.contains("deadlock");
                let _ = CURRENT.try_with(|c| c.try_borrow().map(|c| report(c.as_ref(), deadlock)));
            }
            previous(info);
        }));
    });
}

/// Prints the execution under way when it panicked.
fn report(current: Option<&(Scenario, Recorder)>, deadlock: bool) {
    let Some((sc, rec)) = current else { return };
    let what = if deadlock {
        "DEADLOCK, although in the spec every call of this scenario completes"
    } else {
        "panic during an execution"
    };
    let timeline = rec.history().timeline(&sc.names());
    eprintln!("lincheck: {what}\n{sc}\n{timeline}");
}
