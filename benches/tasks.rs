//! Interleaved task harness: the channels awaited from tasks on tokio's
//! runtimes (current-thread `-ct`, multi-thread with 2 workers `-mt`), and
//! between a thread and a task (`mixed-*`), against tokio's mpsc, flume,
//! kanal and async-channel. Rounds, result file and tables are the ratio
//! harness's (`common/rounds.rs`, `common/data.rs`); the report adds each
//! row's target (`common/tasks_report.rs`).
//!
//! ```text
//! cargo bench --bench tasks -- --help           # every flag
//! cargo bench --bench tasks                     # full run, 15 rounds
//! cargo bench --bench tasks -- --quick          # tiny n, 3 rounds (smoke)
//! cargo bench --bench tasks -- --shapes task-pingpong-ct --out t.json
//! ```
//!
//! The result file goes where `--out` or `--out-dir` says (`DIR/tasks-<cpu>.json`),
//! else to `bench-results/tasks-<cpu>.json` in cargo's target directory.
//! Without `--bench` among its arguments (under `cargo test`) it runs the
//! quick smoke version and writes no file unless asked to.

#[path = "tasks/chans.rs"]
mod chans;
mod common;
#[path = "tasks/opts.rs"]
mod opts;
#[path = "tasks/peers.rs"]
mod peers;
#[path = "tasks/shapes.rs"]
mod shapes;

use chans::{Chan, Lockfree, MutexBounded, MutexUnbounded, Ring};
use common::Role;
use common::data::{Entry, RatioRun, ShapeRun};
use common::machine;
use common::output::{command_line, write_results};
use common::report::load_warning;
use common::rounds::measure_offered;
use common::tasks_report::tasks_markdown;
use opts::Opts;
use peers::{AsyncChannel, Flume, Kanal, TokioBounded, TokioUnbounded};
use shapes::Shape;
use std::time::Duration;

/// One channel under test: its name, its role, and how to run a shape
/// (`None` when it does not offer the shape's capacity).
#[derive(Clone, Copy)]
pub struct Contender {
    /// Short name in tables and files.
    pub name: &'static str,
    /// How it counts in the ratios.
    pub role: Role,
    /// Runs a shape with n messages.
    pub run: fn(&Shape, usize) -> Option<Duration>,
}

/// A contender whose unbounded and bounded channels are the types `U` and
/// `B` (the same type twice when one type offers both).
fn contender<U: Chan, B: Chan>(name: &'static str, role: Role) -> Contender {
    Contender {
        name,
        role,
        run: |shape, n| shapes::run::<U>(shape, n).or_else(|| shapes::run::<B>(shape, n)),
    }
}

/// Every contender, ours first.
pub fn contenders() -> Vec<Contender> {
    vec![
        contender::<MutexUnbounded, MutexBounded>("mutex", Role::Ours),
        contender::<Lockfree, Lockfree>("lockfree", Role::Ours),
        contender::<Ring, Ring>("ring", Role::Ours),
        contender::<TokioUnbounded, TokioBounded>("tokio", Role::Peer),
        contender::<Flume<false>, Flume<true>>("flume", Role::Peer),
        contender::<Kanal<false>, Kanal<true>>("kanal", Role::Peer),
        contender::<AsyncChannel<false>, AsyncChannel<true>>("async-channel", Role::Peer),
    ]
}

/// Every round of one shape over the contenders that offer it, with `busy`
/// threads spinning in another process throughout (0: quiet).
fn measure_shape(
    shape: &Shape,
    n: usize,
    everyone: &[Contender],
    rounds: usize,
    busy: usize,
) -> ShapeRun {
    let offers = (everyone.iter()).map(|c| (c.name, c.role == Role::Ours, c.run));
    measure_offered(shape, shape.name, n, offers, rounds, busy)
}

/// Every selected shape at every load.
fn measure_all(opts: &Opts, everyone: &[Contender]) -> Vec<ShapeRun> {
    let mut shape_runs = Vec::new();
    for &busy in &opts.load {
        for shape in &opts.shapes {
            let n = if shape.latency {
                opts.latency_n
            } else {
                opts.n
            };
            let loaded = match busy {
                0 => String::new(),
                b => format!(", {b} busy threads"),
            };
            eprintln!("{} (n = {n}, {} rounds{loaded})", shape.name, opts.rounds);
            shape_runs.push(measure_shape(shape, n, everyone, opts.rounds, busy));
        }
    }
    shape_runs
}

/// The run's result file: provenance, contenders, samples and load flag.
fn result(args: &[String], opts: &Opts, everyone: &[Contender], shapes: Vec<ShapeRun>) -> RatioRun {
    let run = RatioRun {
        meta: machine::meta(command_line("tasks", args)),
        rounds: opts.rounds,
        contenders: (everyone.iter())
            .map(|c| Entry {
                name: c.name.to_string(),
                role: c.role.as_str().to_string(),
            })
            .collect(),
        shapes,
        load_warning: None,
    };
    RatioRun {
        load_warning: run.load_flag(),
        ..run
    }
}

fn main() {
    let Some((args, opts)) = common::opts::start("tasks", opts::usage, opts::parse) else {
        return; // --help
    };
    let mut everyone = contenders();
    if !opts.contenders.is_empty() {
        everyone.retain(|c| opts.contenders.iter().any(|n| n == c.name));
    }
    let run = result(&args, &opts, &everyone, measure_all(&opts, &everyone));
    println!("{}", tasks_markdown(&run));
    let hint = "render it: cargo run --example bench_report -- --tasks FILE --out DIR";
    write_results(&run, &opts, "tasks", hint);
    if run.load_warning.is_some() {
        eprintln!("warning: {}", load_warning(&run));
    }
}
