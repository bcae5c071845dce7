//! `cargo verify`: runs every chanlab verification suite against every
//! channel, prints a progress line per step and closes with a summary table
//! (suite × channel, what was explored, time, result), then, for each
//! failing test, the command that replays it. `cargo verify --help` lists
//! the options, `cargo verify --list` the suites.

mod cli;
mod explore;
mod failures;
mod interrupt;
mod labs;
mod list;
mod mutant;
mod plan;
mod progress;
mod proof;
mod replay;
mod step;
mod suites;

use cli::{Mode, Options};
use std::process::ExitCode;
use std::time::Instant;
use step::{Outcome, Step};

/// Exit status for a bad command line.
const USAGE_ERROR: u8 = 2;
/// Exit status after Ctrl-C (128 + SIGINT, as shells report it).
const INTERRUPTED: u8 = 130;

fn main() -> ExitCode {
    let opts = match cli::parse(std::env::args().skip(1)) {
        Ok(opts) => opts,
        Err(msg) => return usage_error(&msg),
    };
    if opts.help {
        print!("{}", cli::HELP);
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
    println!("cargo verify --lab {lab} ({mode}): {} steps", steps.len());
    let started = Instant::now();
    let results = run_steps(steps);
    report(&results, started, mode, Some(&opts.summary))
}

/// Prints `msg` and a pointer to `--help`; exit status 2.
fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}\nrun `cargo verify --help` for the options, `--list` for the suites");
    ExitCode::from(USAGE_ERROR)
}

/// Moves to the repository root, wherever `cargo verify` was typed.
fn go_to_root() -> std::io::Result<()> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::set_current_dir(root)
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
    println!("cargo verify ({mode}): {} steps", steps.len());
    let started = Instant::now();
    let results = run_steps(steps);
    let code = report(&results, started, mode, Some(&opts.summary));
    if opts.mutants {
        print_kill_table();
    }
    code
}

/// Runs the steps in order, stopping after one that Ctrl-C interrupted.
pub fn run_steps(steps: Vec<Step>) -> Vec<(Step, Outcome)> {
    let total = steps.len();
    let mut results = Vec::new();
    for (i, mut step) in steps.into_iter().enumerate() {
        if interrupt::requested() {
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

/// Prints the table (and writes it to `summary`), then the replay
/// commands of the failed steps; returns the exit status.
pub fn report(
    results: &[(Step, Outcome)],
    started: Instant,
    mode: &str,
    summary: Option<&str>,
) -> ExitCode {
    let table = summary_table(results, started.elapsed().as_secs_f64(), mode);
    println!("\n{table}");
    if let Some(path) = summary
        && let Err(e) = std::fs::write(path, &table)
    {
        eprintln!("warning: could not write {path}: {e}");
    }
    print_replays(results);
    let failed = results.iter().filter(|(_, o)| o.failed()).count();
    if interrupt::requested() {
        println!("interrupted: {} step(s) ran", results.len());
        return ExitCode::from(INTERRUPTED);
    }
    if failed > 0 {
        println!("{failed} step(s) failed");
        return ExitCode::FAILURE;
    }
    println!("all steps passed");
    ExitCode::SUCCESS
}

/// Under the table: for each failing test, the command that replays it.
fn print_replays(results: &[(Step, Outcome)]) {
    let failed = results.iter().filter(|(_, o)| o.failed() && !o.interrupted);
    for (step, outcome) in failed {
        let commands = replay::commands(step, &outcome.text);
        println!("Replay {} ({}):", step.suite, step.channel);
        if commands.is_empty() {
            println!("  (no failing test named in the output; rerun the step:)");
            println!("  {}\n", replay::rerun(step));
        }
        for c in commands {
            println!("  {}\n", c.replace('\n', "\n  "));
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
            o.explored,
            o.time(),
            o.status()
        );
    }
    t += &format!("\n`cargo verify` ({mode}), {secs:.0} s in all.\n");
    t
}
