//! The steps that check the checkers: the ordering ablation, the seeded
//! bugs (mutants) and ThreadSanitizer. Each runs a tool from
//! `verification/` (see `verification/PROOF.md`) and streams its
//! one-line-per-item output as progress, since a full run takes minutes.

use crate::step::{Parse, Step};
use std::process::Command;

/// The mutants `--quick` runs, one per channel, each killed by a cheap
/// suite (conformance or loom), so that CI shows the runner still kills.
const QUICK_MUTANTS: &[&str] = &[
    "mutex_keep_queued_on_drop",
    "lockfree_relaxed_publish",
    "ring_relaxed_publish",
];

/// How many committed "caught" ablation rows `--quick` re-runs.
const QUICK_ABLATION_SAMPLE: &str = "2";

fn python(script: &str) -> Command {
    let mut command = Command::new("python3");
    command.arg(script);
    command
}

/// The ordering ablation. Full run: every row of `files` (a channel's
/// sources) is weakened and judged by loom, and the committed table
/// (`book/src/generated/ablation.md`) is updated in place (`--merge`).
/// Quick run: the table is compared with the source (every atomic
/// operation has its rows, every row is caught or justified), and a few
/// caught rows are re-run.
pub fn ablation(channel: &'static str, files: &str, quick: bool) -> Step {
    let mut command = python("verification/ablate.py");
    if quick {
        command.args(["--quick", "--check", "--sample", QUICK_ABLATION_SAMPLE]);
    } else {
        command.args(["--quick", "--merge", files]);
    }
    Step {
        suite: "ablation",
        channel,
        command,
        parse: Parse::Ablation,
        skip: python_missing(),
        progress: Some("ablation"),
    }
}

/// The seeded bugs: every mutant (quick: one per channel), each run
/// against the suites until one kills it. The full run rewrites the kill
/// table (`book/src/generated/mutants.md`).
pub fn mutants(quick: bool) -> Step {
    let mut command = python("verification/mutants/run.py");
    command.arg("--quick");
    if quick {
        command
            .args(["--suites", "conformance,loom"])
            .args(QUICK_MUTANTS);
    }
    Step {
        suite: "mutants",
        channel: "all",
        command,
        parse: Parse::Mutants,
        skip: python_missing(),
        progress: Some("mutant "),
    }
}

/// ThreadSanitizer on the conformance and drop-in tests (nightly,
/// `-Zbuild-std`).
pub fn tsan(skip: Option<String>) -> Step {
    let mut command = Command::new("bash");
    command.args(["verification/sanitize.sh", "tsan"]);
    Step {
        suite: "tsan",
        channel: "all",
        command,
        parse: Parse::Sanitizer,
        skip,
        progress: Some("sanitizer "),
    }
}

fn python_missing() -> Option<String> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (!ok).then(|| "python3 not found (the proof tools need python >= 3.8)".into())
}
