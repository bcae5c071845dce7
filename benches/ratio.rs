//! Interleaved ratio harness: every contender runs each shape once per round,
//! in an order that rotates from round to round, so slow drift of a shared
//! machine hits everyone alike. Reports ours ÷ each peer and ours ÷ the best
//! peer (median and min–max over rounds) and how busy the machine was.
//!
//! ```text
//! cargo bench --bench ratio -- --help           # every flag
//! cargo bench --bench ratio                      # full run, 15 rounds
//! cargo bench --bench ratio -- --quick           # tiny n, 3 rounds (smoke)
//! cargo bench --bench ratio -- --shapes spsc-unbounded,pingpong --out r.json
//! cargo bench --bench ratio -- --out-dir benches/results   # a result to commit
//! cargo bench --features stats --bench ratio -- --quick  # + the cost account
//! ```
//!
//! The result file goes where `--out` or `--out-dir` says, else to
//! `bench-results/ratio-<cpu>.json` in cargo's target directory (the path is
//! printed): a run never replaces the committed `benches/results/` files
//! unless asked to. A run in which other processes took more than a quarter
//! of the machine in some round is flagged, in the table and in the file.
//!
//! Built with `--features stats`, it also counts what chanlab's channels did
//! per message (parks, unparks, yields, spins, condvar waits and notifies;
//! see `chanlab::stats`) around each of their runs, and prints and stores the
//! medians beside ns/msg. Without the feature, nothing is counted.
//!
//! Without `--bench` among its arguments (that is, under `cargo test`) it
//! runs the quick smoke version and writes no file unless asked to.

mod common;
#[path = "ratio/opts.rs"]
mod opts;

use common::data::{Entry, RatioRun, ShapeRun};
use common::machine;
use common::output::{command_line, write_results};
use common::report::{load_warning, ratio_markdown};
use common::rounds::measure_offered;
use common::shapes::Shape;
use common::{Contender, Role, contenders};

/// Runs every round of one shape over the contenders that offer it, with
/// `busy` threads spinning in another process throughout (the loaded mode;
/// 0 for none); returns its samples.
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

fn main() {
    let Some((args, opts)) = common::opts::start("ratio", opts::usage, opts::parse) else {
        return; // --help
    };
    let mut everyone = contenders();
    if !opts.contenders.is_empty() {
        everyone.retain(|c| opts.contenders.iter().any(|n| n == c.name));
    }
    let mut shape_runs = Vec::new();
    for &busy in &opts.load {
        for shape in &opts.shapes {
            let n = if shape.latency {
                opts.latency_n
            } else {
                opts.n
            };
            let loaded = if busy > 0 {
                format!(", {busy} busy threads")
            } else {
                String::new()
            };
            eprintln!("{} (n = {n}, {} rounds{loaded})", shape.name, opts.rounds);
            shape_runs.push(measure_shape(shape, n, &everyone, opts.rounds, busy));
        }
    }
    let run = RatioRun {
        meta: machine::meta(command_line("ratio", &args)),
        rounds: opts.rounds,
        contenders: (everyone.iter())
            .map(|c| Entry {
                name: c.name.to_string(),
                role: c.role.as_str().to_string(),
            })
            .collect(),
        shapes: shape_runs,
        load_warning: None,
    };
    let run = RatioRun {
        load_warning: run.load_flag(),
        ..run
    };
    println!("{}", ratio_markdown(&run));
    let hint = "plot it: cargo run --example bench_report -- --input FILE --out DIR";
    write_results(&run, &opts, "ratio", hint);
    if run.load_warning.is_some() {
        eprintln!("warning: {}", load_warning(&run));
    }
}
