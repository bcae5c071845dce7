//! `cargo verify --list`: every suite, what it checks and explores, its
//! channels and its typical time, then each mode's total.

use crate::cli::Mode;
use crate::mutant;
use crate::suites::{SUITES, TIMES_FROM, Time};

/// The whole listing.
pub fn render() -> String {
    let mut out = format!("Suites, in the order `cargo verify` runs them.\n{TIMES_FROM}\n");
    for s in SUITES {
        out += &format!(
            "{:<12} {:<40} {:>9} / {}\n",
            s.name,
            s.channels,
            time(s.time(Mode::Quick)),
            time(s.time(Mode::Full)),
        );
        out += &format!("    checks:   {}\n", s.checks);
        out += &format!("    explores: {}\n", s.explores);
    }
    out += "\nModes (every suite, every channel):\n";
    for (mode, flag, what) in [
        (Mode::Quick, "cargo verify --quick", "CI-sized"),
        (
            Mode::Full,
            "cargo verify",
            "the proof; Miri on the tests of miri.rs; tables checked, not re-run",
        ),
        (
            Mode::All,
            "cargo verify --all",
            "Miri on every test, then every ablation row and seeded bug re-run",
        ),
    ] {
        let t = total(mode);
        out += &format!("    {flag:<22} {:>9}  {what}\n", time(t));
    }
    out += "\nSeeded bugs, one at a time: `cargo verify --mutant NAME` (verification/mutants/NAME.patch):\n";
    for name in mutant::known() {
        let bug = mutant::describe(&name);
        let bug = bug.strip_prefix("Mutant: ").unwrap_or(&bug);
        out += &format!("    {name:<38} {bug}\n");
    }
    out
}

/// `mode`'s typical time in words, as `--help` and the README give it:
/// `about 15 minutes, measured`.
pub fn about(mode: Mode) -> String {
    let t = total(mode);
    let how = if t.measured { "measured" } else { "estimated" };
    format!("about {} minutes, {how}", (t.secs + 30) / 60)
}

/// The sum of every suite's time in `mode`; measured only if all are.
fn total(mode: Mode) -> Time {
    Time {
        secs: SUITES.iter().map(|s| s.time(mode).secs).sum(),
        measured: SUITES.iter().all(|s| s.time(mode).measured),
    }
}

/// `~4 min e`, `40 s m`.
fn time(t: Time) -> String {
    let tag = if t.measured { "m" } else { "e" };
    if t.secs >= 120 {
        format!("{} min {tag}", (t.secs + 30) / 60)
    } else {
        format!("{} s {tag}", t.secs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suite_is_listed_with_its_channels() {
        let text = render();
        for s in SUITES {
            let listed = text
                .lines()
                .any(|l| l.starts_with(&format!("{} ", s.name)) && l.contains(s.channels));
            assert!(listed, "{}", s.name);
        }
    }

    /// The README's table of the modes gives the times this list gives.
    #[test]
    fn the_readme_gives_the_listed_times() {
        let readme = include_str!("../../../README.md");
        for (mode, row) in [
            (Mode::Quick, "| `cargo verify --quick` |"),
            (Mode::Full, "| `cargo verify` |"),
            (Mode::All, "| `cargo verify --all` |"),
        ] {
            let line = readme.lines().find(|l| l.starts_with(row));
            let line = line.unwrap_or_else(|| panic!("README has no row {row}"));
            assert!(
                line.ends_with(&format!("| {} |", about(mode))),
                "README row {row} should end with `| {} |`",
                about(mode)
            );
        }
    }

    #[test]
    fn times_say_how_they_were_found() {
        assert_eq!(
            time(Time {
                secs: 90,
                measured: true
            }),
            "90 s m"
        );
        assert_eq!(
            time(Time {
                secs: 600,
                measured: false
            }),
            "10 min e"
        );
    }
}
