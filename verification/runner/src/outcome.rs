//! How a step ended, and how that is shown: the line that closes its
//! progress, and its cells in the table.

use crate::failures::Failure;
use crate::paths;
use std::path::PathBuf;

/// How a step ended.
pub struct Outcome {
    /// What was explored, in words.
    pub explored: String,
    /// Seconds taken.
    pub secs: f64,
    /// `None`: passed. `Some(why)`: failed.
    pub failure: Option<String>,
    /// The failing tests, with what the checker said about each.
    pub failures: Vec<Failure>,
    /// Whether the step was skipped.
    pub skipped: bool,
    /// Whether Ctrl-C stopped it.
    pub interrupted: bool,
    /// Everything the command printed (stdout and stderr, as they came).
    pub text: String,
    /// Where that output was saved.
    pub log: Option<PathBuf>,
}

/// How many failing tests the table names in one cell.
const NAMED_IN_TABLE: usize = 3;

/// Indentation of the lines under a step's progress line.
const INDENT: &str = "      ";

impl Outcome {
    /// A finished step.
    pub fn new(explored: String, secs: f64, failure: Option<String>, text: String) -> Self {
        Outcome {
            explored,
            secs,
            failure,
            failures: Vec::new(),
            skipped: false,
            interrupted: false,
            text,
            log: None,
        }
    }

    /// The same, as a step that did not run.
    pub fn skipped(mut self) -> Self {
        self.skipped = true;
        self
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
        match (&self.failure, self.skipped, self.interrupted) {
            (_, _, true) => "interrupted",
            (Some(_), _, _) => "FAIL",
            (None, true, _) => "skipped",
            (None, false, _) => "pass",
        }
    }

    /// What was explored, for the table: on a failure, the failing tests
    /// and the checker's first words about the first, then what had passed.
    pub fn explored_cell(&self) -> String {
        let named: Vec<&str> = self
            .failures
            .iter()
            .filter_map(|f| f.test.as_deref())
            .collect();
        if !self.failed() || self.interrupted || named.is_empty() {
            return self.explored.clone();
        }
        let mut cell = format!(
            "failed: {}",
            named[..named.len().min(NAMED_IN_TABLE)].join(", ")
        );
        if named.len() > NAMED_IN_TABLE {
            cell += &format!(" and {} more", named.len() - NAMED_IN_TABLE);
        }
        let first = self.failures[0]
            .message
            .iter()
            .find(|l| !l.starts_with("panicked at"));
        if let Some(said) = first {
            cell += &format!(" ({})", short(said));
        }
        format!("{cell}; passed before it: {}", self.explored).replace('|', "/")
    }

    /// The progress line printed when the step ends, with, for a failure,
    /// each failing test and what its checker said.
    pub fn line(&self) -> String {
        match &self.failure {
            Some(_) if self.interrupted => format!("interrupted after {:.1}s", self.secs),
            Some(why) => format!("FAIL {:.1}s: {why}{}", self.secs, self.details()),
            None if self.skipped => format!("skipped: {}", self.explored),
            None => format!("ok {:.1}s  {}", self.secs, self.explored),
        }
    }

    /// Under a FAIL line: each failure's test and message, and the log.
    fn details(&self) -> String {
        let mut out = String::new();
        for f in &self.failures {
            let name = f
                .test
                .as_deref()
                .unwrap_or("(no test named: the process died)");
            out += &format!("\n{INDENT}{name}:");
            for line in &f.message {
                out += &format!("\n{INDENT}    {line}");
            }
        }
        if self.failures.is_empty() {
            let tail = crate::excerpt::tail_without_frames(&self.text, 20);
            for line in tail {
                out += &format!("\n{INDENT}    {line}");
            }
        }
        if let Some(log) = &self.log {
            out += &format!("\n{INDENT}whole output: {}", paths::shown(log));
        }
        out
    }
}

/// The first 90 characters of `s`, marked when cut.
fn short(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(90) {
        Some((at, _)) => format!("{}...", &s[..at]),
        None => s.to_string(),
    }
}
