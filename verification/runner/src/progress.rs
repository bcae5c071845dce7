//! The progress lines printed under a running step: items as they finish
//! (models, schedules, ablation rows, seeded bugs), elapsed time and an
//! estimate of what is left, and a line every half minute when nothing
//! else shows.

use std::time::{Duration, Instant};

/// How often a step with no news prints how long it has been running.
const HEARTBEAT: Duration = Duration::from_secs(30);

/// The progress lines printed under a running step.
pub struct Progress {
    start: Instant,
    expect_secs: u32,
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

impl Progress {
    pub fn new(expect_secs: u32, start: Instant) -> Self {
        Progress {
            start,
            expect_secs,
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

    /// Reads one output line: the tests starting, a test count, or a
    /// finished item to echo.
    pub fn line(&mut self, line: &str) {
        if line.trim_start().starts_with("Running ") {
            self.testing.get_or_insert_with(Instant::now);
        }
        if let Some(n) = line
            .strip_prefix("running ")
            .and_then(|r| r.strip_suffix(" tests"))
        {
            self.total = self.total.max(n.parse().unwrap_or(0));
        }
        if let Some(item) = ITEMS.iter().find_map(|p| item_at(line, p)) {
            self.done += 1;
            self.print(item);
        }
    }

    /// Prints how long the step has run, when it has been quiet a while.
    pub fn tick(&mut self) {
        if self.last.elapsed() >= HEARTBEAT {
            self.print("still running");
        }
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
            (d, t) => format!("{d}/{t}, "),
        };
        println!("      {what}  [{count}{secs} s{}]", self.estimate(secs));
        self.last = Instant::now();
    }

    /// `, ~N s left`: from the items done when the total is known, else
    /// from the suite's typical time.
    fn estimate(&self, secs: u64) -> String {
        let left = if self.total > self.done && self.done > 0 {
            secs * (self.total - self.done) / self.done
        } else if u64::from(self.expect_secs) > secs {
            u64::from(self.expect_secs) - secs
        } else {
            return String::new();
        };
        format!(", ~{left} s left")
    }

    pub fn finish(&self) {
        if self.printed {
            print!("      ");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::item_at;

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
}
