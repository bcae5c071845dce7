//! `cargo verify`: runs every chanlab verification suite against every
//! channel, prints a progress line per step and closes with a summary table
//! (suite × channel, what was explored, time, result). Exits non-zero if any
//! step fails.
//!
//! ```text
//! cargo verify                 # the full run (loom bound 3, 10k shuttle schedules, Miri)
//! cargo verify --quick         # the CI-sized run (loom bound 2, 1k schedules, less Miri)
//! cargo verify --only loom,shuttle --channel mutex
//! cargo verify --mutants       # every seeded bug, then the kill table
//! ```

mod plan;
mod proof;
mod step;

use std::process::ExitCode;
use std::time::Instant;
use step::{Outcome, Step};

/// Command-line options.
#[derive(Debug, Default)]
pub struct Options {
    /// The CI-sized run.
    pub quick: bool,
    /// Suites to run (empty: all).
    pub only: Vec<String>,
    /// Channels to run (empty: all).
    pub channels: Vec<String>,
    /// Where the markdown summary goes.
    pub summary: String,
    /// `--mutants`: run every seeded bug and print the kill table.
    pub mutants: bool,
}

const USAGE: &str =
    "usage: cargo verify [--quick] [--only SUITE,..] [--channel NAME,..] [--summary FILE]
       cargo verify --mutants
suites:   conformance props traits dropin examples loom shuttle miri miri-tree
          tsan ablation mutants
channels: std mutex lockfree ring";

fn parse_args() -> Result<Options, String> {
    let mut opts = Options {
        summary: default_summary(),
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--quick" => opts.quick = true,
            "--only" => opts.only = list(&value("--only")?),
            "--channel" => opts.channels = list(&value("--channel")?),
            "--summary" => opts.summary = value("--summary")?,
            "--mutants" => opts.mutants = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    if opts.mutants {
        if opts.quick || !opts.only.is_empty() || !opts.channels.is_empty() {
            return Err("--mutants runs every seeded bug: it takes no other option".into());
        }
        opts.only = vec!["mutants".into()];
    }
    Ok(opts)
}

/// `verify-summary.md` in cargo's target directory, wherever
/// `CARGO_TARGET_DIR` or `build.target-dir` put it: `cargo verify` runs this
/// binary from `<target>/<profile>/`, so the target directory is two levels
/// up from it. Falls back to `target/` for a binary run from elsewhere.
fn default_summary() -> String {
    let exe = std::env::current_exe().ok();
    let target = exe.as_deref().and_then(|e| e.parent()?.parent());
    match target {
        Some(dir) if dir.join("CACHEDIR.TAG").exists() => {
            dir.join("verify-summary.md").display().to_string()
        }
        _ => "target/verify-summary.md".into(),
    }
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(opts) => opts,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("error: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let steps = match plan::steps(&opts) {
        Ok(steps) => steps,
        Err(msg) => {
            eprintln!("error: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let mode = if opts.quick { "quick" } else { "full" };
    println!("cargo verify ({mode}): {} steps", steps.len());
    let total = steps.len();
    let results: Vec<(Step, Outcome)> = steps
        .into_iter()
        .enumerate()
        .map(|(i, mut step)| {
            print!(
                "[{:>2}/{total}] {:<14} {:<9} ",
                i + 1,
                step.suite,
                step.channel
            );
            std::io::Write::flush(&mut std::io::stdout()).ok();
            let outcome = step.run();
            println!("{}", outcome.line());
            (step, outcome)
        })
        .collect();
    let table = summary(&results, started.elapsed().as_secs_f64(), mode);
    println!("\n{table}");
    if let Err(e) = std::fs::write(&opts.summary, &table) {
        eprintln!("warning: could not write {}: {e}", opts.summary);
    }
    if opts.mutants {
        match std::fs::read_to_string(KILL_TABLE) {
            Ok(kill_table) => println!("{}", without_comment(&kill_table)),
            Err(e) => eprintln!("warning: could not read {KILL_TABLE}: {e}"),
        }
    }
    let failed = results.iter().filter(|(_, o)| o.failed()).count();
    if failed > 0 {
        println!("{failed} step(s) FAILED");
        return ExitCode::FAILURE;
    }
    println!("all steps passed");
    ExitCode::SUCCESS
}

/// Where `verification/mutants/run.py` writes the kill table.
const KILL_TABLE: &str = "book/src/generated/mutants.md";

/// A generated page without its leading `<!-- ... -->` line.
fn without_comment(page: &str) -> &str {
    match page.strip_prefix("<!--") {
        Some(rest) => rest
            .split_once("-->")
            .map_or(page, |(_, body)| body.trim_start()),
        None => page,
    }
}

/// The closing markdown table.
fn summary(results: &[(Step, Outcome)], secs: f64, mode: &str) -> String {
    let mut t =
        String::from("| suite | channel | explored | time | result |\n|---|---|---|---|---|\n");
    for (step, o) in results {
        t += &format!(
            "| {} | {} | {} | {} | {} |\n",
            step.suite,
            step.channel,
            o.explored,
            o.time(),
            o.status()
        );
    }
    t += &format!("\n`cargo verify` ({mode}), {:.0} s in all.\n", secs);
    t
}
