//! Interleaved rounds, shared by the `ratio` and `tasks` harnesses: each
//! round runs every contender once, in an order that rotates from round to
//! round, and samples the machine's load around the round; each run's CPU
//! time and context switches come from `usage.rs`, and in a `--features
//! stats` build our channels' facade counts too.

use super::cost::Counts;
use super::data::{Series, ShapeRun};
use super::machine::{self, Load};
use super::usage::{Burners, Usage};
use std::time::Duration;

/// One contender on one shape: its name, whether it is ours (counted in a
/// stats build), and a run of n messages, timed by the shape.
pub struct Runner<'a> {
    /// The contender's name.
    pub name: &'a str,
    /// A chanlab channel.
    pub ours: bool,
    /// Runs the shape with n messages; returns the timed part.
    pub run: Box<dyn Fn(usize) -> Duration + 'a>,
}

/// Runs `rounds` rounds of the shape `name` over `runners`, with `busy`
/// threads spinning in another process throughout (the loaded mode; 0 for
/// none); returns its samples.
pub fn measure(name: &str, n: usize, runners: &[Runner], rounds: usize, busy: usize) -> ShapeRun {
    let mut series: Vec<Series> = (runners.iter())
        .map(|r| Series {
            contender: r.name.to_string(),
            ns: Vec::new(),
            cpu_ns: Vec::new(),
            csw: Vec::new(),
            stats: (COUNTING && r.ours).then(Counts::default),
        })
        .collect();
    let (mut others_cpu, mut steal) = (Vec::new(), Vec::new());
    let tps = machine::ticks_per_sec();
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    let burners = Burners::start(busy);
    let pid = burners.as_ref().map(Burners::pid);
    for round in 0..rounds {
        let load = Load::sample(pid);
        for j in 0..runners.len() {
            let k = (j + round) % runners.len();
            let before = Usage::now();
            let (elapsed, totals) = counted(|| (runners[k].run)(n));
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
        name: name.to_string(),
        n,
        series,
        others_cpu,
        steal,
        busy,
    }
}

/// Whether this build counts (`--features stats` on the std arm).
#[cfg(feature = "stats")]
pub const COUNTING: bool = chanlab::stats::COUNTING;
/// Whether this build counts (`--features stats` on the std arm).
#[cfg(not(feature = "stats"))]
pub const COUNTING: bool = false;

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

/// [`measure`] over the contenders that offer `shape`: each is a name,
/// whether it is ours, and its run, which returns `None` for a shape it
/// does not offer (tried once with 64 messages).
pub fn measure_offered<'a, S>(
    shape: &'a S,
    name: &str,
    n: usize,
    contenders: impl IntoIterator<Item = (&'a str, bool, fn(&S, usize) -> Option<Duration>)>,
    rounds: usize,
    busy: usize,
) -> ShapeRun {
    let runners: Vec<Runner> = (contenders.into_iter())
        .filter(|&(_, _, run)| run(shape, 64).is_some())
        .map(|(name, ours, run)| Runner {
            name,
            ours,
            run: Box::new(move |n| run(shape, n).expect("offered above")),
        })
        .collect();
    measure(name, n, &runners, rounds, busy)
}
