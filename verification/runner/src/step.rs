//! One step of the run: a command, how to read what it explored, and its
//! outcome.

use std::process::{Command, Stdio};
use std::time::Instant;

/// What a step's output says it explored.
#[derive(Clone, Copy, Debug)]
pub enum Parse {
    /// libtest's `test result:` lines: tests passed.
    Tests,
    /// Tests, reported as properties of this many proptest cases each.
    Properties(u32),
    /// `loom-model name=.. iterations=N bound=B` lines.
    Loom,
    /// `shuttle-model name=.. scheduler=S schedules=N` lines.
    Shuttle,
    /// `run_all.sh`'s `ok` lines.
    Runs,
}

/// One command to run.
pub struct Step {
    /// Suite name, for the table.
    pub suite: &'static str,
    /// Channel name, for the table.
    pub channel: &'static str,
    /// The command.
    pub command: Command,
    /// How to read its output.
    pub parse: Parse,
    /// Set when the step cannot run here; the reason is shown instead.
    pub skip: Option<String>,
}

/// How a step ended.
pub struct Outcome {
    /// What was explored, in words.
    pub explored: String,
    /// Seconds taken.
    pub secs: f64,
    /// `None`: passed. `Some(why)`: failed.
    pub failure: Option<String>,
    /// Whether the step was skipped.
    pub skipped: bool,
}

impl Step {
    /// Runs the command, capturing its output.
    pub fn run(&mut self) -> Outcome {
        if let Some(why) = self.skip.take() {
            return Outcome {
                explored: why,
                secs: 0.0,
                failure: None,
                skipped: true,
            };
        }
        let start = Instant::now();
        let output = self.command.stdin(Stdio::null()).output();
        let secs = start.elapsed().as_secs_f64();
        let output = match output {
            Ok(o) => o,
            Err(e) => return Outcome::error(format!("could not start: {e}"), secs),
        };
        let text = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        let (explored, count) = explored(self.parse, &text);
        let failure = if !output.status.success() {
            Some(format!("{}\n{}", output.status, tail(&text, 40)))
        } else if count == 0 {
            Some(format!(
                "nothing was explored (empty filter?)\n{}",
                tail(&text, 20)
            ))
        } else {
            None
        };
        Outcome {
            explored,
            secs,
            failure,
            skipped: false,
        }
    }
}

impl Outcome {
    fn error(why: String, secs: f64) -> Self {
        Outcome {
            explored: "-".into(),
            secs,
            failure: Some(why),
            skipped: false,
        }
    }

    /// Whether the step failed.
    pub fn failed(&self) -> bool {
        self.failure.is_some()
    }

    /// Time, for the table.
    pub fn time(&self) -> String {
        if self.skipped {
            "-".into()
        } else {
            format!("{:.1} s", self.secs)
        }
    }

    /// Result, for the table.
    pub fn status(&self) -> &'static str {
        match (&self.failure, self.skipped) {
            (Some(_), _) => "FAIL",
            (None, true) => "skipped",
            (None, false) => "pass",
        }
    }

    /// The progress line printed when the step ends.
    pub fn line(&self) -> String {
        match &self.failure {
            Some(why) => format!("FAIL {:.1}s\n{why}", self.secs),
            None if self.skipped => format!("skipped: {}", self.explored),
            None => format!("ok {:.1}s  {}", self.secs, self.explored),
        }
    }
}

/// Reads what a step explored from its output: a description and a count
/// (zero means nothing ran, which is a failure).
fn explored(parse: Parse, text: &str) -> (String, u64) {
    match parse {
        Parse::Tests | Parse::Properties(_) => {
            let passed: u64 = text
                .lines()
                .filter_map(|l| l.strip_prefix("test result: "))
                .filter_map(|l| l.split(". ").nth(1)?.split(' ').next()?.parse::<u64>().ok())
                .sum();
            match parse {
                Parse::Properties(cases) => {
                    (format!("{passed} properties × {cases} cases"), passed)
                }
                _ => (format!("{passed} tests"), passed),
            }
        }
        Parse::Loom => {
            let (models, iters, bounds) = models(text, "loom-model ", "iterations", "bound");
            (
                format!(
                    "{models} models, {} iterations ({bounds})",
                    thousands(iters)
                ),
                models,
            )
        }
        Parse::Shuttle => {
            let (models, runs, _) = models(text, "shuttle-model ", "schedules", "scheduler");
            (
                format!("{models} models, {} schedules", thousands(runs)),
                models,
            )
        }
        Parse::Runs => {
            let n = text.lines().filter(|l| l.starts_with("ok ")).count() as u64;
            (format!("{n} example runs"), n)
        }
    }
}

/// Counts `prefix key=value ...` lines: (lines, sum of `count_key`, the
/// distinct values of `tag_key` joined).
fn models(text: &str, prefix: &str, count_key: &str, tag_key: &str) -> (u64, u64, String) {
    let (mut n, mut sum, mut tags) = (0, 0, Vec::<String>::new());
    for line in text
        .lines()
        .filter_map(|l| l.find(prefix).map(|i| &l[i + prefix.len()..]))
    {
        n += 1;
        for field in line.split_whitespace() {
            match field.split_once('=') {
                Some((k, v)) if k == count_key => sum += v.parse::<u64>().unwrap_or(0),
                Some((k, v)) if k == tag_key && !tags.iter().any(|t| t == v) => tags.push(v.into()),
                _ => {}
            }
        }
    }
    let tags = tags
        .iter()
        .map(|t| {
            if t.parse::<u32>().is_ok() {
                format!("{tag_key} {t}")
            } else {
                t.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    (n, sum, tags)
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
