//! The result files (`benches/results/*.json`) and the statistics drawn
//! from them (their markdown tables are in `report.rs`). Shared by the ratio
//! harness, the memory bench and the report generator, so what is printed
//! after a run is exactly what the book shows.

use super::cost::Counts;
use serde::{Deserialize, Serialize};

/// Where, when and how a result file was produced.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Meta {
    /// `model name` from `/proc/cpuinfo`.
    pub cpu: String,
    /// Logical CPUs available to the process.
    pub nproc: usize,
    /// UTC, ISO 8601.
    pub date: String,
    /// `rustc --version`.
    pub rustc: String,
    /// The command that produced the file.
    pub command: String,
}

/// A contender's name and role (`ours`, `peer`, `ceiling`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    /// Short name.
    pub name: String,
    /// `ours`, `peer` or `ceiling`.
    pub role: String,
}

/// One contender's time per message (or per round trip) in each round.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Series {
    /// Contender name.
    pub contender: String,
    /// Nanoseconds per message, one value per round.
    pub ns: Vec<f64>,
    /// CPU time (user + system, all the contender's threads) per message,
    /// nanoseconds, one value per round. Files written before it existed
    /// have none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpu_ns: Vec<f64>,
    /// Context switches (voluntary + involuntary) per message, one value
    /// per round; none in older files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub csw: Vec<f64>,
    /// Facade counts per message (chanlab's channels, `--features stats`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<Counts>,
}

/// One shape's samples.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ShapeRun {
    /// Shape name.
    pub name: String,
    /// Messages (or round trips) per run.
    pub n: usize,
    /// Contenders that offer this shape, in contender order.
    pub series: Vec<Series>,
    /// Other processes' share of the machine during each round.
    pub others_cpu: Vec<f64>,
    /// Hypervisor steal during each round.
    pub steal: Vec<f64>,
    /// Busy threads spinning (in another process) through every round: the
    /// loaded mode, `--load N`. 0, and absent from the file, for a quiet row.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub busy: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl ShapeRun {
    /// The row's name in tables: the shape, and `+N busy` in loaded mode.
    pub fn label(&self) -> String {
        match self.busy {
            0 => self.name.clone(),
            n => format!("{} +{n} busy", self.name),
        }
    }
}

/// `benches/results/ratio-<cpu>.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RatioRun {
    /// Provenance.
    pub meta: Meta,
    /// Rounds; every contender ran once per round.
    pub rounds: usize,
    /// Every contender, in order.
    pub contenders: Vec<Entry>,
    /// Every shape measured.
    pub shapes: Vec<ShapeRun>,
    /// Set when other processes used more than [`LOADED`] of the machine in
    /// some round: the figures are not to be quoted. Files written before
    /// the flag existed parse without it; [`RatioRun::load_flag`] judges
    /// any file from its rounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_warning: Option<LoadFlag>,
}

/// Above this share of the machine's CPU time taken by other processes
/// during a round (0.25: half a core of two), that round's times describe
/// the scheduler as much as the channels.
pub const LOADED: f64 = 0.25;

/// The rounds of a run in which other processes took more than the
/// threshold: the run's figures are not to be quoted.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LoadFlag {
    /// The threshold, a share of the whole machine ([`LOADED`]).
    pub threshold: f64,
    /// Rounds, over every shape, above the threshold.
    pub rounds_over: usize,
    /// Rounds, over every shape, measured.
    pub rounds: usize,
    /// The largest share seen in one round.
    pub max_others: f64,
}

/// One contender at one capacity, in the memory bench.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MemRow {
    /// Contender name.
    pub contender: String,
    /// `unbounded` or `bounded(n)`.
    pub capacity: String,
    /// Heap bytes live while the messages are queued, per message.
    pub bytes_per_msg: f64,
    /// Peak heap bytes while filling, per message.
    pub peak_bytes_per_msg: f64,
    /// Allocation calls (including reallocations) while creating and filling.
    pub allocations: usize,
}

/// `benches/results/memory.json`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MemoryRun {
    /// Provenance.
    pub meta: Meta,
    /// Messages queued.
    pub n: usize,
    /// One row per contender and capacity.
    pub rows: Vec<MemRow>,
}

/// Median and range of a sample.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    /// Median (mean of the two middle values for even counts).
    pub median: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

/// Summarises `xs` (NaN-free, non-empty).
pub fn summary(xs: &[f64]) -> Summary {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    let median = if v.len() % 2 == 1 {
        v[mid]
    } else {
        (v[mid - 1] + v[mid]) / 2.0
    };
    Summary {
        median,
        min: v[0],
        max: v[v.len() - 1],
    }
}

/// Ours ÷ one peer (or ÷ the best peer) for one shape.
#[derive(Clone, Debug)]
pub struct Ratio {
    /// Peer name, or `best` for the fastest peer of each round.
    pub against: String,
    /// Round-by-round ratios summarised.
    pub ratio: Summary,
}

/// Every ratio for one of our contenders on one shape.
#[derive(Clone, Debug)]
pub struct RatioRow {
    /// Shape name.
    pub shape: String,
    /// Our time per message.
    pub ours_ns: Summary,
    /// Ours ÷ each peer present, in contender order, then ÷ best.
    pub ratios: Vec<Ratio>,
    /// Other processes' share of the machine over the rounds.
    pub others: Summary,
    /// Our CPU nanoseconds per message, when the file has them.
    pub ours_cpu: Option<Summary>,
    /// Our context switches per message, when the file has them.
    pub ours_csw: Option<Summary>,
}

impl RatioRun {
    /// Other processes' share of the machine over every round of every shape.
    pub fn load(&self) -> Summary {
        let all: Vec<f64> = (self.shapes.iter())
            .flat_map(|s| s.others_cpu.iter().copied())
            .collect();
        summary(if all.is_empty() { &[0.0] } else { &all })
    }

    /// The load flag this run deserves: `Some` if any round's share of
    /// other processes exceeded [`LOADED`].
    pub fn load_flag(&self) -> Option<LoadFlag> {
        let all: Vec<f64> = (self.shapes.iter())
            .flat_map(|s| s.others_cpu.iter().copied())
            .collect();
        let over = all.iter().filter(|&&x| x > LOADED).count();
        (over > 0).then(|| LoadFlag {
            threshold: LOADED,
            rounds_over: over,
            rounds: all.len(),
            max_others: all.iter().copied().fold(0.0, f64::max),
        })
    }

    /// Names with role `role`, in contender order.
    pub fn names(&self, role: &str) -> Vec<&str> {
        let with_role = self.contenders.iter().filter(|c| c.role == role);
        with_role.map(|c| c.name.as_str()).collect()
    }

    /// The ratio rows of contender `ours`, for shapes it offers.
    pub fn rows(&self, ours: &str) -> Vec<RatioRow> {
        let peers = self.names("peer");
        let mut rows = Vec::new();
        for shape in &self.shapes {
            let find = |name: &str| shape.series.iter().find(|s| s.contender == name);
            let Some(mine) = find(ours) else { continue };
            let theirs: Vec<&Series> = peers.iter().filter_map(|p| find(p)).collect();
            let mut ratios: Vec<Ratio> = (theirs.iter())
                .map(|s| ratio_of(&s.contender, &mine.ns, |r| s.ns[r]))
                .collect();
            if !theirs.is_empty() {
                let best = |r: usize| theirs.iter().map(|s| s.ns[r]).fold(f64::INFINITY, f64::min);
                ratios.push(ratio_of("best", &mine.ns, best));
            }
            let others = summary(&shape.others_cpu);
            let present = |xs: &Vec<f64>| (!xs.is_empty()).then(|| summary(xs));
            rows.push(RatioRow {
                shape: shape.label(),
                ours_ns: summary(&mine.ns),
                ratios,
                others,
                ours_cpu: present(&mine.cpu_ns),
                ours_csw: present(&mine.csw),
            });
        }
        rows
    }
}

fn ratio_of(against: &str, ours: &[f64], theirs: impl Fn(usize) -> f64) -> Ratio {
    let per_round: Vec<f64> = (0..ours.len()).map(|r| ours[r] / theirs(r)).collect();
    Ratio {
        against: against.to_string(),
        ratio: summary(&per_round),
    }
}

/// A number with about three significant digits.
pub fn num(x: f64) -> String {
    match x.abs() {
        a if a >= 100.0 => format!("{x:.0}"),
        a if a >= 10.0 => format!("{x:.1}"),
        _ => format!("{x:.2}"),
    }
}
