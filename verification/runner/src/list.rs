//! `cargo verify --list`: every suite, what it checks and explores, its
//! channels and its typical time, then each mode's total.

use crate::cli::Mode;
use crate::suites::{SUITES, Time};

/// The whole listing.
pub fn render() -> String {
    let mut out = String::from(
        "Suites, in the order `cargo verify` runs them. Times are typical on a\n\
         quiet two-core machine (AMD EPYC VM), quick / full run, with the crate\n\
         already built by `cargo test`; the checker builds (loom, shuttle, Miri,\n\
         TSan) are included. `m`: measured in one run, `e`: estimated from the\n\
         measured steps it is made of. A first run on a fresh machine adds a\n\
         few minutes of building.\n\n",
    );
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
            "the full proof; tables checked, not re-run",
        ),
        (
            Mode::All,
            "cargo verify --all",
            "also re-runs every ablation row and seeded bug",
        ),
    ] {
        let t = total(mode);
        out += &format!("    {flag:<22} {:>9}  {what}\n", time(t));
    }
    out += "\nOne seeded bug: `cargo verify --mutant NAME`; names: verification/mutants/*.patch\n";
    out
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
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("{} ", s.name)));
            assert!(line.is_some_and(|l| l.contains(s.channels)), "{}", s.name);
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
