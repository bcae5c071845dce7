//! `cargo verify`: runs every chanlab verification suite against every
//! channel, prints a progress line per step and closes with a summary table
//! (suite × channel, what was explored, time, result), then, for each
//! failing test, the command that replays it. `cargo verify --help` lists
//! the options, `cargo verify --list` the suites.

mod cli;
mod excerpt;
mod explore;
mod failures;
mod interrupt;
mod labs;
mod list;
mod miri;
mod miri_async;
mod mutant;
mod outcome;
mod paths;
mod plan;
mod progress;
mod proof;
mod replay;
mod step;
mod suites;

use cli::{Mode, Options};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use step::{Outcome, Step};

/// Exit status for a bad command line.
const USAGE_ERROR: u8 = 2;
/// Exit status after Ctrl-C (128 + SIGINT, as shells report it).
const INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    paths::init();
    let opts = match cli::parse(std::env::args().skip(1)) {
        Ok(opts) => opts,
        Err(msg) => return usage_error(&msg),
    };
    if opts.help {
        print!("{}", cli::help());
        return ExitCode::SUCCESS;
    }
    if let Err(e) = go_to_root() {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    if opts.list {
        print!("{}", list::render());
        return ExitCode::SUCCESS;
    }
    interrupt::install();
    match (&opts.mutant, &opts.lab) {
        (Some(name), _) => mutant::run(name, &opts),
        (None, Some(lab)) => verify_lab(lab, &opts),
        (None, None) => verify(&opts),
    }
}

/// `--lab NAME`: the kit's suites on one lab, the same table and replays.
fn verify_lab(lab: &str, opts: &Options) -> ExitCode {
    let steps = match labs::steps(lab, opts.mode, &opts.only) {
        Ok(steps) => steps,
        Err(msg) => return usage_error(&msg),
    };
    let mode = opts.mode.name();
    println!(
        "cargo verify --lab {lab} ({mode}): {}",
        count(steps.len(), "step")
    );
    let started = Instant::now();
    let results = run_steps(steps, false);
    let summary = cli::summary_path(opts, "verify-lab-summary.md");
    report(&results, started, mode, &summary)
}

/// Prints `msg` and a pointer to `--help`; exit status 2.
fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\nrun `cargo verify --help` for the options, `--list` for the suites");
    ExitCode::from(USAGE_ERROR)
}

/// Moves to the repository root, wherever `cargo verify` was typed.
fn go_to_root() -> std::io::Result<()> {
    std::env::set_current_dir(paths::repo_root())
}

/// The main job: the selected steps, the table, the replays.
fn verify(opts: &Options) -> ExitCode {
    let mut opts_only = opts.only.clone();
    if opts.mutants {
        opts_only = vec!["mutants".into()];
    }
    let planned = Options {
        only: opts_only,
        mode: if opts.mutants { Mode::All } else { opts.mode },
        channels: opts.channels.clone(),
        ..Options::default()
    };
    let steps = match plan::steps(&planned) {
        Ok(steps) => steps,
        Err(msg) => return usage_error(&msg),
    };
    let mode = planned.mode.name();
    println!("cargo verify ({mode}): {}", count(steps.len(), "step"));
    let started = Instant::now();
    let results = run_steps(steps, false);
    let summary = cli::summary_path(opts, "verify-summary.md");
    let code = report(&results, started, mode, &summary);
    if opts.mutants {
        print_kill_table();
    }
    code
}

/// Runs the steps in order, stopping after one that Ctrl-C interrupted
/// (and, with `until_failure`, after the first that fails).
pub fn run_steps(steps: Vec<Step>, until_failure: bool) -> Vec<(Step, Outcome)> {
    let total = steps.len();
    let mut results: Vec<(Step, Outcome)> = Vec::new();
    for (i, mut step) in steps.into_iter().enumerate() {
        let failed = results.last().is_some_and(|(_, o)| o.failed());
        if interrupt::requested() || (until_failure && failed) {
            break;
        }
        print!(
            "[{:>2}/{total}] {:<14} {:<9} ",
            i + 1,
            step.suite,
            step.channel
        );
        std::io::Write::flush(&mut std::io::stdout()).ok();
        let outcome = step.run();
        println!("{}", outcome.line());
        results.push((step, outcome));
    }
    results
}

/// `1 step`, `3 steps`.
pub fn count(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

/// Prints the table (and writes it to `summary`), then what failed and the
/// replay commands, then where the summary is; returns the exit status.
pub fn report(
    results: &[(Step, Outcome)],
    started: Instant,
    mode: &str,
    summary: &Path,
) -> ExitCode {
    let table = summary_table(results, started.elapsed().as_secs_f64(), mode);
    println!("\n{table}");
    print_replays(results);
    let shown = paths::shown(summary);
    match std::fs::write(summary, &table) {
        Ok(()) => println!("summary: {shown}"),
        Err(e) => eprintln!("warning: could not write the summary to {shown}: {e}"),
    }
    let failed = results.iter().filter(|(_, o)| o.failed()).count();
    if interrupt::requested() {
        println!("interrupted: {} ran", count(results.len(), "step"));
        return ExitCode::from(INTERRUPTED);
    }
    if failed > 0 {
        println!("{} failed", count(failed, "step"));
        return ExitCode::FAILURE;
    }
    println!("all steps passed");
    ExitCode::SUCCESS
}

/// Under the table: for each failing test, what its checker said and the
/// command that replays it.
fn print_replays(results: &[(Step, Outcome)]) {
    let failed = results.iter().filter(|(_, o)| o.failed() && !o.interrupted);
    for (step, outcome) in failed {
        println!("{} ({}) failed:", step.suite, step.channel);
        if outcome.failures.is_empty() {
            println!("  no failing test named in the output; rerun the step:");
            println!("  {}\n", replay::rerun(step));
        }
        for f in &outcome.failures {
            let name = f.test.as_deref().unwrap_or("(no test named)");
            println!("  {name}:");
            for line in &f.message {
                println!("      {line}");
            }
            println!(
                "  replay:\n  {}\n",
                replay::one(step, f).replace('\n', "\n  ")
            );
        }
        if let Some(log) = &outcome.log {
            println!("  whole output: {}\n", paths::shown(log));
        }
    }
}

/// Where `verification/mutants/run.py` writes the kill table.
const KILL_TABLE: &str = "book/src/generated/mutants.md";

fn print_kill_table() {
    match std::fs::read_to_string(KILL_TABLE) {
        Ok(page) => println!("{}", without_comment(&page)),
        Err(e) => eprintln!("warning: could not read {KILL_TABLE}: {e}"),
    }
}

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
fn summary_table(results: &[(Step, Outcome)], secs: f64, mode: &str) -> String {
    let mut t =
        String::from("| suite | channel | explored | time | result |\n|---|---|---|---|---|\n");
    for (step, o) in results {
        t += &format!(
            "| {} | {} | {} | {} | {} |\n",
            step.suite,
            step.channel,
            o.explored_cell(),
            o.time(),
            o.status()
        );
    }
    t += &format!("\n`cargo verify` ({mode}), {secs:.0} s in all.\n");
    t
}
