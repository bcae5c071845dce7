//! Interleaved ratio harness: every contender runs each shape once per round,
//! in an order that rotates from round to round, so slow drift of a shared
//! machine hits everyone alike. Reports ours ÷ each peer and ours ÷ the best
//! peer (median and min–max over rounds) and how busy the machine was.
//!
//! ```text
//! cargo bench --bench ratio                      # full run, 7 rounds
//! cargo bench --bench ratio -- --quick           # tiny n, 3 rounds (smoke)
//! cargo bench --bench ratio -- --shapes spsc-unbounded,pingpong --out r.json
//! cargo bench --bench ratio -- --out-dir benches/results   # ratio-<cpu>.json
//! cargo bench --features stats --bench ratio -- --quick  # + the cost account
//! ```
//!
//! Built with `--features stats`, it also counts what chanlab's channels did
//! per message (parks, unparks, yields, spins, condvar waits and notifies;
//! see `chanlab::stats`) around each of their runs, and prints and stores the
//! medians beside ns/msg. Without the feature, nothing is counted.
//!
//! Without `--bench` among its arguments (that is, under `cargo test`) it
//! runs the quick smoke version.

mod common;

use common::cost::Counts;
use common::data::{Entry, RatioRun, Series, ShapeRun, ratio_markdown};
use common::machine::{self, Load};
use common::shapes::{self, Shape};
use common::{Contender, Role, contenders};
use std::process::exit;
use std::time::Duration;

const USAGE: &str = "usage: ratio [--quick] [--rounds R] [--n N] [--latency-n N] \
                     [--shapes a,b,...] [--contenders a,b,...] [--out FILE.json] [--out-dir DIR]";

struct Opts {
    rounds: usize,
    /// Messages per run for throughput shapes (2^20, as in `channels`).
    n: usize,
    /// Messages (round trips) per run for latency-bound shapes (2^16).
    latency_n: usize,
    shapes: Vec<Shape>,
    /// Contenders to run (names as in the tables); all when empty.
    contenders: Vec<String>,
    out: Option<String>,
    /// Directory for `ratio-<cpu>.json`, named after this machine's CPU.
    out_dir: Option<String>,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let quick = args.iter().any(|a| a == "--quick") || !args.iter().any(|a| a == "--bench");
    let mut o = Opts {
        rounds: if quick { 3 } else { 7 },
        n: if quick { 1 << 10 } else { 1 << 20 },
        latency_n: if quick { 1 << 8 } else { 1 << 16 },
        shapes: shapes::all(),
        contenders: Vec::new(),
        out: None,
        out_dir: None,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let number = |v: &String| v.parse::<usize>().map_err(|e| format!("{flag} {v}: {e}"));
        match flag.as_str() {
            "--quick" | "--bench" => {}
            "--rounds" => o.rounds = number(value()?)?.max(1),
            "--n" => o.n = number(value()?)?.max(1),
            "--latency-n" => o.latency_n = number(value()?)?.max(1),
            "--out" => o.out = Some(value()?.clone()),
            "--out-dir" => o.out_dir = Some(value()?.clone()),
            "--shapes" => o.shapes = pick(value()?)?,
            "--contenders" => o.contenders = pick_contenders(value()?)?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn pick(list: &str) -> Result<Vec<Shape>, String> {
    let all = shapes::all();
    let find = |name: &str| all.iter().find(|s| s.name == name).copied();
    let names: Vec<&str> = all.iter().map(|s| s.name).collect();
    (list.split(',').map(str::trim).filter(|n| !n.is_empty()))
        .map(|n| find(n).ok_or(format!("unknown shape {n}; shapes: {}", names.join(","))))
        .collect()
}

fn pick_contenders(list: &str) -> Result<Vec<String>, String> {
    let names: Vec<&str> = contenders().iter().map(|c| c.name).collect();
    (list.split(',').map(str::trim).filter(|n| !n.is_empty()))
        .map(|n| match names.contains(&n) {
            true => Ok(n.to_string()),
            false => Err(format!(
                "unknown contender {n}; contenders: {}",
                names.join(",")
            )),
        })
        .collect()
}

/// Runs every round of one shape; returns its samples.
fn measure(shape: &Shape, n: usize, everyone: &[Contender], rounds: usize) -> ShapeRun {
    let offered: Vec<&Contender> = everyone
        .iter()
        .filter(|c| (c.run)(shape, 64).is_some())
        .collect();
    let mut series: Vec<Series> = (offered.iter())
        .map(|c| Series {
            contender: c.name.to_string(),
            ns: Vec::new(),
            stats: (COUNTING && c.role == Role::Ours).then(Counts::default),
        })
        .collect();
    let (mut others_cpu, mut steal) = (Vec::new(), Vec::new());
    let tps = machine::ticks_per_sec();
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    for round in 0..rounds {
        let load = Load::sample();
        for j in 0..offered.len() {
            let k = (j + round) % offered.len();
            let (elapsed, totals) = counted(|| (offered[k].run)(shape, n).expect("offered above"));
            let s = &mut series[k];
            s.ns.push(round2(elapsed.as_nanos() as f64 / n as f64));
            if let Some(counts) = s.stats.as_mut() {
                counts.push(totals, n);
            }
        }
        let delta = load.since(tps, nproc);
        others_cpu.push(round3(delta.others));
        steal.push(round3(delta.steal));
    }
    ShapeRun {
        name: shape.name.to_string(),
        n,
        series,
        others_cpu,
        steal,
    }
}

/// Whether this build counts (`--features stats` on the std arm).
#[cfg(feature = "stats")]
const COUNTING: bool = chanlab::stats::COUNTING;
#[cfg(not(feature = "stats"))]
const COUNTING: bool = false;

/// Runs `run`, with the facade's counts over the run (parks, unparks,
/// yields, spins, waits, notify_one, notify_all) in a stats build.
#[cfg(feature = "stats")]
fn counted(run: impl FnOnce() -> Duration) -> (Duration, [u64; 7]) {
    let before = chanlab::stats::snapshot();
    let elapsed = run();
    let c = chanlab::stats::snapshot().since(&before);
    let totals = [c.parks, c.unparks, c.yields, c.spins, c.waits];
    let notifies = [c.notify_one, c.notify_all];
    (
        elapsed,
        [totals.as_slice(), &notifies]
            .concat()
            .try_into()
            .expect("7"),
    )
}

/// Runs `run`; nothing is counted without `--features stats`.
#[cfg(not(feature = "stats"))]
fn counted(run: impl FnOnce() -> Duration) -> (Duration, [u64; 7]) {
    (run(), [0; 7])
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// How to reproduce this run (cargo's own `--bench` argument left out).
fn command_line(args: &[String]) -> String {
    let features = if cfg!(feature = "stats") {
        " --features stats"
    } else {
        ""
    };
    let mut command = format!("cargo bench{features} --bench ratio");
    let shown: Vec<&String> = args.iter().filter(|a| *a != "--bench").collect();
    if !shown.is_empty() {
        command += " --";
        shown.iter().for_each(|a| command += &format!(" {a}"));
    }
    command
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = parse(&args).unwrap_or_else(|e| {
        eprintln!("{e}\n{USAGE}");
        exit(2)
    });
    let mut everyone = contenders();
    if !opts.contenders.is_empty() {
        everyone.retain(|c| opts.contenders.iter().any(|n| n == c.name));
    }
    let mut shape_runs = Vec::new();
    for shape in &opts.shapes {
        let n = if shape.latency {
            opts.latency_n
        } else {
            opts.n
        };
        eprintln!("{} (n = {n}, {} rounds)", shape.name, opts.rounds);
        shape_runs.push(measure(shape, n, &everyone, opts.rounds));
    }
    let run = RatioRun {
        meta: machine::meta(command_line(&args)),
        rounds: opts.rounds,
        contenders: (everyone.iter())
            .map(|c| Entry {
                name: c.name.to_string(),
                role: c.role.as_str().to_string(),
            })
            .collect(),
        shapes: shape_runs,
    };
    println!("{}", ratio_markdown(&run));
    write_results(&run, &opts);
}

/// Writes `run` to `--out FILE` and to `--out-dir DIR`'s `ratio-<cpu>.json`.
fn write_results(run: &RatioRun, opts: &Opts) {
    let named = (opts.out_dir.iter()).map(|dir| {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("creating {dir}: {e}"));
        format!("{dir}/{}", machine::result_file(&run.meta.cpu))
    });
    let json = serde_json::to_string_pretty(run).expect("serialisable") + "\n";
    for path in opts.out.iter().cloned().chain(named) {
        std::fs::write(&path, &json).unwrap_or_else(|e| panic!("writing {path}: {e}"));
        eprintln!("wrote {path}");
    }
}
