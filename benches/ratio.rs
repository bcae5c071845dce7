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

use common::cost::Counts;
use common::data::{Entry, RatioRun, Series, ShapeRun};
use common::machine::{self, Load};
use common::report::{load_warning, ratio_markdown};
use common::shapes::Shape;
use common::usage::{self, Burners, Usage};
use common::{Contender, Role, contenders};
use opts::Opts;
use std::path::{Path, PathBuf};
use std::process::exit;
use std::time::Duration;

/// Runs every round of one shape, with `busy` threads spinning in another
/// process throughout (the loaded mode; 0 for none); returns its samples.
fn measure(
    shape: &Shape,
    n: usize,
    everyone: &[Contender],
    rounds: usize,
    busy: usize,
) -> ShapeRun {
    let offered: Vec<&Contender> = everyone
        .iter()
        .filter(|c| (c.run)(shape, 64).is_some())
        .collect();
    let mut series: Vec<Series> = (offered.iter())
        .map(|c| Series {
            contender: c.name.to_string(),
            ns: Vec::new(),
            cpu_ns: Vec::new(),
            csw: Vec::new(),
            stats: (COUNTING && c.role == Role::Ours).then(Counts::default),
        })
        .collect();
    let (mut others_cpu, mut steal) = (Vec::new(), Vec::new());
    let tps = machine::ticks_per_sec();
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    let burners = Burners::start(busy);
    let pid = burners.as_ref().map(Burners::pid);
    for round in 0..rounds {
        let load = Load::sample(pid);
        for j in 0..offered.len() {
            let k = (j + round) % offered.len();
            let before = Usage::now();
            let (elapsed, totals) = counted(|| (offered[k].run)(shape, n).expect("offered above"));
            let used = before.since(n);
            let s = &mut series[k];
            s.ns.push(round2(elapsed.as_nanos() as f64 / n as f64));
            s.cpu_ns.push(round2(used.cpu_ns));
            s.csw.push(round4(used.switches));
            if let Some(counts) = s.stats.as_mut() {
                counts.push(totals, n);
            }
        }
        let delta = load.since(tps, nproc, pid);
        others_cpu.push(round3(delta.others));
        steal.push(round3(delta.steal));
    }
    ShapeRun {
        name: shape.name.to_string(),
        n,
        series,
        others_cpu,
        steal,
        busy,
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

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
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
    if let [flag, threads] = args.as_slice()
        && flag == "--burn"
    {
        usage::burn(threads.parse().expect("--burn N")); // the loaded mode's child
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", opts::usage());
        return;
    }
    let opts = opts::parse(&args).unwrap_or_else(|e| {
        eprintln!("{e}\n(cargo bench --bench ratio -- --help lists every flag)");
        exit(2)
    });
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
            shape_runs.push(measure(shape, n, &everyone, opts.rounds, busy));
        }
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
        load_warning: None,
    };
    let run = RatioRun {
        load_warning: run.load_flag(),
        ..run
    };
    println!("{}", ratio_markdown(&run));
    write_results(&run, &opts);
    if run.load_warning.is_some() {
        eprintln!("warning: {}", load_warning(&run));
    }
}

/// The result files of this run: `--out FILE`, `--out-dir DIR`'s
/// `ratio-<cpu>.json`, or, with neither, the default file under the target
/// directory when run as a benchmark.
fn destinations(opts: &Opts, cpu: &str) -> Vec<PathBuf> {
    let named = machine::result_file(cpu);
    let mut paths: Vec<PathBuf> = opts.out.iter().map(PathBuf::from).collect();
    paths.extend(opts.out_dir.iter().map(|dir| Path::new(dir).join(&named)));
    if paths.is_empty() && opts.bench {
        paths.push(machine::default_results_dir().join(&named));
    }
    paths
}

/// Writes `run` to each destination and says where; a file written into
/// the committed `benches/results/` is said out loud.
fn write_results(run: &RatioRun, opts: &Opts) {
    let json = serde_json::to_string_pretty(run).expect("serialisable") + "\n";
    for path in destinations(opts, &run.meta.cpu) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        }
        let existed = path.exists();
        std::fs::write(&path, &json).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        let shown = machine::shown(&path);
        eprintln!("wrote {shown}");
        match (committed(&path), existed) {
            (true, true) => eprintln!(
                "note: this replaced a committed result (`git diff {shown}` shows the \
                 change, `git checkout {shown}` undoes it)"
            ),
            (true, false) => eprintln!(
                "note: a new result in benches/results/: commit it with the code it measured, \
                 or delete it"
            ),
            (false, _) => {
                eprintln!("plot it: cargo run --example bench_report -- --input {shown} --out DIR")
            }
        }
    }
}

/// Whether `path` lies in the committed results directory.
fn committed(path: &Path) -> bool {
    let results = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/results");
    let parent = path.parent().and_then(|d| d.canonicalize().ok());
    parent.is_some_and(|d| results.canonicalize().is_ok_and(|c| c == d))
}
