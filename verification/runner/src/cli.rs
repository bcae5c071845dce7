//! The command line: options, `--help`, and the errors a bad one gets.

use crate::list;
use std::path::PathBuf;

/// How much the run checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// `--quick`: every suite at CI depth, a few tables rows re-run.
    Quick,
    /// The default: every suite at full depth; the committed ablation and
    /// kill tables checked against the source, not re-run.
    #[default]
    Full,
    /// `--all`: the full run, then every ablation row and every seeded bug
    /// re-run (the tables are rewritten).
    All,
}

impl Mode {
    /// The mode's name, for the banner and the summary.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Quick => "quick",
            Mode::Full => "full",
            Mode::All => "all",
        }
    }

    /// Whether the checkers run at their smaller, CI-sized depth.
    pub fn quick(self) -> bool {
        self == Mode::Quick
    }
}

/// What the user asked for.
#[derive(Debug, Default)]
pub struct Options {
    /// How deep the run goes.
    pub mode: Mode,
    /// Suites to run (empty: all).
    pub only: Vec<String>,
    /// Channels to run (empty: all).
    pub channels: Vec<String>,
    /// Where the markdown summary goes (`None`: the target directory).
    pub summary: Option<PathBuf>,
    /// `--mutants`: run every seeded bug and print the kill table.
    pub mutants: bool,
    /// `--mutant NAME`: run the suites against one seeded bug.
    pub mutant: Option<String>,
    /// `--lab NAME`: run the kit's suites on one lab of `labs/`.
    pub lab: Option<String>,
    /// `--list`: describe the suites and exit.
    pub list: bool,
    /// `--help`: print the help and exit.
    pub help: bool,
}

/// The help text, with each mode's typical time from `suites.rs` (the
/// numbers `--list` and the README give).
pub fn help() -> String {
    let quick = list::about(Mode::Quick);
    let full = list::about(Mode::Full);
    let all = list::about(Mode::All);
    format!(
        "\
cargo verify: check chanlab's channels with every verification suite

USAGE
    cargo verify [--quick | --all] [--only SUITE,..] [--channel NAME,..] [--summary FILE]
    cargo verify --mutant NAME [--only SUITE,..] [--quick] [--summary FILE]
    cargo verify --lab NAME [--only SUITE,..] [--quick] [--summary FILE]
    cargo verify --mutants
    cargo verify --list | --help

WHAT IT DOES
    With no option: the proof of the channels ({full}
    on a busy two-core machine once a first run has built everything).
    Every suite runs against every channel at full depth: conformance (also
    against std::sync::mpsc, the oracle), proptest, auto traits, drop-in,
    examples, loom (bound 3), shuttle (10,000 schedules per scheduler),
    lincheck (generated scenarios judged against a sequential spec, under
    loom and shuttle), Miri (Stacked Borrows with 4 seeds, Tree Borrows
    with 2, on the conformance tests that reach the unsafe code of the
    lock-free and ring channels in distinct ways) and ThreadSanitizer. The committed ordering-ablation and
    seeded-bug (kill) tables are checked against the source: every atomic
    has its rows, every patch applies and is killed in the table.
    A line per step shows progress; a table closes the run and is written
    to the summary file, whose path is printed last. When a step fails,
    what the checker said about each failing test (the panic message,
    Miri's error, the shrunk case) and the command that replays it are
    printed under the table; the step's whole output is kept in
    verify-logs/ in cargo's target directory.

OPTIONS
    --quick             CI-sized run ({quick}): loom
                        bound 2, 1,000 schedules, Miri with 2 seeds, 2
                        ablation rows, one seeded bug per channel and
                        two of the labs re-run
    --all               the default run with Miri on every conformance test
                        (Tree Borrows with 4 seeds) and on the mutex channel
                        too, then every ablation row and seeded bug re-run,
                        rewriting both tables ({all})
    --only SUITE,..     run only these suites (see --list)
    --channel NAME,..   run only these channels: std, mutex, lockfree, ring
    --summary FILE      where the markdown table goes (default:
                        verify-summary.md, with --mutant
                        verify-mutant-summary.md, with --lab
                        verify-lab-summary.md, in cargo's target
                        directory, which CARGO_TARGET_DIR moves)
    --mutant NAME       apply one seeded bug (NAME, NAME.patch or the path
                        verification/mutants/NAME.patch; --list names them)
                        to a scratch copy under proof/mutant/tree in cargo's
                        target directory, run the suites that can catch it
                        (or --only's) there until one does, and print the
                        failure with its replay command; the working tree
                        is not touched
    --lab NAME          run the suites of chanlab::kit on a lab of labs/ (a
                        `lab!(NAME: ...)` line of labs/tests/labs.rs; an
                        unknown NAME lists them): conformance, props, loom,
                        shuttle and lincheck under loom and shuttle, with the
                        same table and replay commands; --only narrows it to
                        some of those suites, --quick runs fewer proptest
                        cases and shuttle schedules (a lab's loom models
                        keep bound 3). A seeded bug of a lab
                        (lab_NAME_*.patch) runs with --mutant as any other
    --mutants           re-run every seeded bug and print the kill table
    --list              every suite: what it checks and explores, its
                        channels, and its typical time on two cores
                        (measured or estimated, as the list says); the
                        seeded bugs
    -h, --help          this text

Every build goes to cargo's target directory (CARGO_TARGET_DIR, else
target/): the loom builds to its loom/, Miri's to miri/, ThreadSanitizer's
to tsan/, the scratch copies of the proof tools to proof/.

EXIT STATUS
    0    every step passed (with --mutant: the seeded bug was caught)
    1    a step failed (with --mutant: the bug went uncaught)
    2    bad command line: unknown flag, suite, channel, lab or mutant
    130  interrupted (Ctrl-C): the running step is stopped and the partial
         table is printed
"
    )
}

/// Parses `args` (without the program name). `Err` is a message for the
/// user; the caller exits with status 2.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut opts = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .filter(|v| !v.starts_with("--"))
                .ok_or(format!("`{flag}` needs a value"))
        };
        match flag.as_str() {
            "--quick" => set_mode(&mut opts, Mode::Quick)?,
            "--all" => set_mode(&mut opts, Mode::All)?,
            "--only" => opts.only = list(&value()?),
            "--channel" => opts.channels = list(&value()?),
            "--summary" => opts.summary = Some(absolute(&value()?)),
            "--mutant" => opts.mutant = Some(value()?),
            "--lab" => opts.lab = Some(value()?),
            "--mutants" => opts.mutants = true,
            "--list" => opts.list = true,
            "-h" | "--help" => opts.help = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    check_combinations(&opts)?;
    Ok(opts)
}

/// Sets the mode once: `--quick` and `--all` exclude each other.
fn set_mode(opts: &mut Options, mode: Mode) -> Result<(), String> {
    if opts.mode != Mode::Full && opts.mode != mode {
        return Err("`--quick` and `--all` exclude each other".into());
    }
    opts.mode = mode;
    Ok(())
}

/// Rejects options that make no sense together.
fn check_combinations(opts: &Options) -> Result<(), String> {
    if opts.mutants
        && (opts.mode != Mode::Full
            || !opts.only.is_empty()
            || !opts.channels.is_empty()
            || opts.mutant.is_some())
    {
        return Err("`--mutants` re-runs every seeded bug: it takes no other option".into());
    }
    if opts.mutant.is_some() && (opts.mode == Mode::All || !opts.channels.is_empty()) {
        return Err("`--mutant` takes only `--only`, `--quick` and `--summary`".into());
    }
    if opts.lab.is_some()
        && (opts.mode == Mode::All
            || !opts.channels.is_empty()
            || opts.mutant.is_some()
            || opts.mutants)
    {
        return Err("`--lab` takes only `--only`, `--quick` and `--summary`".into());
    }
    Ok(())
}

/// `a,b,,c` -> `[a, b, c]`.
fn list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// `path` read against the directory `cargo verify` was typed in (the
/// runner moves to the repository root before it writes).
fn absolute(path: &str) -> PathBuf {
    std::env::current_dir().unwrap_or_default().join(path)
}

/// Where the summary goes: `--summary`'s file, else `file` in cargo's
/// target directory (wherever `CARGO_TARGET_DIR` or `build.target-dir`
/// put it).
pub fn summary_path(opts: &Options, file: &str) -> PathBuf {
    let default = || crate::paths::target_dir().join(file);
    opts.summary.clone().unwrap_or_else(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Result<Options, String> {
        parse(s.split_whitespace().map(str::to_string))
    }

    #[test]
    fn bad_flags_are_errors() {
        assert!(args("--fast").unwrap_err().contains("--fast"));
        assert!(args("--only").unwrap_err().contains("needs a value"));
        assert!(
            args("--only --quick")
                .unwrap_err()
                .contains("needs a value")
        );
        assert!(args("--quick --all").is_err());
        assert!(args("--mutants --quick").is_err());
    }

    #[test]
    fn values_are_read_either_way() {
        let o = args("--only=loom,shuttle --channel ring --all").unwrap();
        assert_eq!(o.only, ["loom", "shuttle"]);
        assert_eq!(o.channels, ["ring"]);
        assert_eq!(o.mode, Mode::All);
        let o = args("--mutant ring_naive_stamp --only loom").unwrap();
        assert_eq!(o.mutant.as_deref(), Some("ring_naive_stamp"));
    }

    #[test]
    fn lab_takes_a_name_and_the_options_that_fit() {
        let o = args("--lab vyukov --only loom,shuttle --quick").unwrap();
        assert_eq!(o.lab.as_deref(), Some("vyukov"));
        assert_eq!(o.only, ["loom", "shuttle"]);
        assert_eq!(o.mode, Mode::Quick);
        assert_eq!(
            args("--lab=condvar").unwrap().lab.as_deref(),
            Some("condvar")
        );
        assert!(args("--lab").unwrap_err().contains("needs a value"));
        assert!(args("--lab --quick").unwrap_err().contains("needs a value"));
        for bad in [
            "--lab v --channel ring",
            "--lab v --all",
            "--lab v --mutants",
        ] {
            assert!(
                args(bad).unwrap_err().contains("`--lab` takes only"),
                "{bad}"
            );
        }
        assert!(args("--lab v --mutant ring_naive_stamp").is_err());
    }
}
