//! The steps that check the checkers: the ordering ablation, the seeded
//! bugs (mutants) and ThreadSanitizer. Each runs a tool from
//! `verification/` (see `verification/PROOF.md`), whose
//! one-line-per-item output is shown as progress.

use crate::cli::Mode;
use crate::step::{Parse, Step};
use std::process::Command;

/// The mutants `--quick` runs, one per channel and two of the labs (one
/// that only loom catches, one that conformance catches), each killed by a cheap
/// suite (conformance or loom), so that CI shows the runner still kills.
const QUICK_MUTANTS: &[&str] = &[
    "mutex_keep_queued_on_drop",
    "lockfree_relaxed_publish",
    "ring_relaxed_publish",
    "lab_vyukov_relaxed_link",
    "lab_condvar_fifo_break",
];

/// How many committed "caught" ablation rows `--quick` re-runs.
const QUICK_ABLATION_SAMPLE: &str = "2";

fn python(script: &str) -> Command {
    let mut command = Command::new("python3");
    command.arg(script);
    command
}

/// The ordering ablation. Quick run: the committed table
/// (`book/src/generated/ablation.md`) is compared with the source (every
/// atomic operation has its rows, every row is caught or justified) and a
/// few caught rows are re-run. Full run: the comparison only. `--all`:
/// every row is weakened and judged by loom, and the table rewritten.
pub fn ablation(mode: Mode) -> Step {
    let mut command = python("verification/ablate.py");
    match mode {
        Mode::Quick => command.args(["--quick", "--check", "--sample", QUICK_ABLATION_SAMPLE]),
        Mode::Full => command.arg("--check"),
        Mode::All => command.arg("--quick"),
    };
    let mut step = Step::new("ablation", command, Parse::Ablation);
    step.skip = python_missing();
    step
}

/// The seeded bugs. Quick run: one per channel, each run against the
/// suites until one kills it. Full run: the committed kill table
/// (`book/src/generated/mutants.md`) is compared with the patches (each
/// applies to the source and has a kill). `--all`: every bug is re-run and
/// the table rewritten.
pub fn mutants(mode: Mode) -> Step {
    let mut command = python("verification/mutants/run.py");
    match mode {
        Mode::Quick => command
            .args(["--quick", "--suites", "conformance,loom"])
            .args(QUICK_MUTANTS),
        Mode::Full => command.arg("--check"),
        Mode::All => command.arg("--quick"),
    };
    let mut step = Step::new("mutants", command, Parse::Mutants);
    step.skip = python_missing();
    step
}

/// ThreadSanitizer on the conformance and drop-in tests (nightly,
/// `-Zbuild-std`).
pub fn tsan(skip: Option<String>) -> Step {
    let mut command = Command::new("bash");
    command.args(["verification/sanitize.sh", "tsan"]);
    let mut step = Step::new("tsan", command, Parse::Sanitizer);
    step.skip = skip;
    step
}

/// Why the proof tools cannot run here, if python3 is missing.
pub fn python_missing() -> Option<String> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    (!ok).then(|| "python3 not found (the proof tools need python >= 3.8)".into())
}
