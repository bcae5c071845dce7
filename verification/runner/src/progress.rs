//! The progress lines printed under a running step: `building` while cargo
//! compiles (its `Compiling` lines), `running` once the tests start (its
//! `Running` line), items as they finish (models, schedules, ablation rows,
//! seeded bugs), and a line every half minute when nothing else shows.
//!
//! No line guesses how long is left. A step's time is dominated by its
//! slowest few models, whose share of the total varies with the bound, the
//! machine and what is already built, so a guess from the items done so far
//! or from a typical time was wrong by minutes either way. The lines give
//! what is known: the phase, items done out of the number libtest
//! announced, and the time so far.

use std::time::{Duration, Instant};

/// How often a step with no news prints how long it has been running.
const HEARTBEAT: Duration = Duration::from_secs(30);

/// What the step is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Nothing seen yet.
    Starting,
    /// cargo is compiling (`crates` so far).
    Building,
    /// The tests (or the tool) run.
    Running,
}

/// The progress lines printed under a running step.
pub struct Progress {
    start: Instant,
    phase: Phase,
    /// What is being built (the crate cargo compiled last).
    compiling: String,
    /// Tests the harness said it would run (`running N tests`).
    total: u64,
    /// Items finished: models, ablation rows, mutants.
    done: u64,
    /// When something was last printed.
    last: Instant,
    /// When cargo started the test binary (its `Running` line).
    testing: Option<Instant>,
    printed: bool,
}

/// Output lines that mark an item finished; echoed as progress.
const ITEMS: &[&str] = &[
    "loom-model ",
    "shuttle-model ",
    "ablation site=",
    "ablation-check ",
    "mutant ",
    "mutants-check ",
    "sanitizer ",
];

/// The item a line reports: one of [`ITEMS`] at its start, or a model
/// line anywhere in it (test output sharing the line, under `--nocapture`).
fn item_at<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    match prefix.ends_with("-model ") {
        true => line.find(prefix).map(|i| &line[i..]),
        false => line.starts_with(prefix).then_some(line),
    }
}

/// What a build line says is being built: the crate of cargo's `Compiling
/// NAME vX`, Miri's sysroot, or (`proof-build suite=S`: a proof tool, whose
/// cargo output goes to its log) a suite's build for a scratch copy.
fn compiling(line: &str) -> Option<String> {
    let t = line.trim_start();
    if t.starts_with("Preparing a sysroot for Miri") {
        return Some("Miri's sysroot".into());
    }
    if let Some(rest) = t.strip_prefix("proof-build ") {
        let suite = crate::explore::field(rest, "suite").unwrap_or("a suite");
        return Some(format!("the {suite} build of a scratch copy"));
    }
    let rest = t.strip_prefix("Compiling ")?;
    Some(rest.split_whitespace().next().unwrap_or(rest).to_string())
}

impl Progress {
    /// The progress of a step that started at `start`.
    pub fn new(start: Instant) -> Self {
        Progress {
            start,
            phase: Phase::Starting,
            compiling: String::new(),
            total: 0,
            done: 0,
            last: Instant::now(),
            testing: None,
            printed: false,
        }
    }

    /// Whether the tests (not the build) have run longer than `limit`.
    pub fn tests_ran_for(&self, limit: Option<Duration>) -> bool {
        match (limit, self.testing) {
            (Some(limit), Some(since)) => since.elapsed() >= limit,
            _ => false,
        }
    }

    /// Reads one output line: the build going on, the tests starting, a
    /// test count, or a finished item to echo.
    pub fn line(&mut self, line: &str) {
        if let Some(what) = compiling(line) {
            if self.phase != Phase::Building {
                self.phase = Phase::Building;
                self.testing = None;
                self.print(&format!("building: {what}"));
            }
            self.compiling = what;
        }
        let running = line.trim_start().starts_with("Running ") || line.starts_with("proof-run ");
        if running && self.testing.is_none() {
            self.testing = Some(Instant::now());
            if self.phase == Phase::Building {
                self.print("running");
            }
            self.phase = Phase::Running;
        }
        if let Some(n) = line
            .strip_prefix("running ")
            .and_then(|r| r.strip_suffix(" tests").or(r.strip_suffix(" test")))
        {
            self.total += n.parse().unwrap_or(0);
        }
        if let Some(item) = ITEMS.iter().find_map(|p| item_at(line, p)) {
            self.phase = Phase::Running;
            self.done += 1;
            self.print(item);
        }
    }

    /// Prints what the step is doing, when it has been quiet a while.
    pub fn tick(&mut self) {
        if self.last.elapsed() < HEARTBEAT {
            return;
        }
        let what = match self.phase {
            Phase::Building => format!("building: now {}", self.compiling),
            Phase::Running if self.total > 0 => "running: tests still going".to_string(),
            _ => "running".to_string(),
        };
        self.print(&what);
    }

    fn print(&mut self, what: &str) {
        if !self.printed {
            println!();
            self.printed = true;
        }
        let secs = self.start.elapsed().as_secs();
        let count = match (self.done, self.total) {
            (0, _) => String::new(),
            (d, 0) => format!("{d} done, "),
            (d, t) => format!("{d} of {t} done, "),
        };
        println!("      {what}  [{count}{secs} s]");
        self.last = Instant::now();
    }

    /// Lines the closing `ok`/`FAIL` line up under the progress lines.
    pub fn finish(&self) {
        if self.printed {
            print!("      ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{compiling, item_at};

    #[test]
    fn items_are_lines_that_report_one() {
        let row = "mutant name=ring_relaxed_publish killed_by=loom time=100";
        assert_eq!(item_at(row, "mutant "), Some(row));
        let header = "| mutant | bug seeded | killed by | time (s) | failing tests |";
        assert_eq!(item_at(header, "mutant "), None);
        let shared = "test ring::a ... loom-model name=ring::a iterations=5 bound=3";
        assert_eq!(
            item_at(shared, "loom-model "),
            Some("loom-model name=ring::a iterations=5 bound=3")
        );
    }

    #[test]
    fn cargo_miri_and_proof_tool_build_lines_are_read() {
        assert_eq!(
            compiling("   Compiling loom v0.7.3").as_deref(),
            Some("loom")
        );
        assert_eq!(
            compiling("Preparing a sysroot for Miri (target: x86_64-unknown-linux-gnu)... done")
                .as_deref(),
            Some("Miri's sysroot")
        );
        assert_eq!(
            compiling("proof-build suite=loom tree=ablate").as_deref(),
            Some("the loom build of a scratch copy")
        );
        assert_eq!(compiling("     Running verification/loom/main.rs"), None);
    }

    #[test]
    fn the_phase_follows_builds_and_runs() {
        let mut p = super::Progress::new(std::time::Instant::now());
        p.line("   Compiling chanlab v0.1.0");
        assert_eq!(p.phase, super::Phase::Building);
        p.line("     Running verification/loom/main.rs (target/loom/release/deps/loom-1)");
        assert_eq!(p.phase, super::Phase::Running);
        p.line("running 17 tests");
        p.line("loom-model name=ring::a iterations=5 bound=3");
        assert_eq!((p.done, p.total), (1, 17));
        p.line("proof-build suite=loom tree=ablate");
        assert_eq!(p.phase, super::Phase::Building);
    }
}
