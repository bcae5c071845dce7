//! One machine's ratio results in the report: its label in the figures
//! and its section of `bench-table.md`.

use crate::data::RatioRun;
use crate::report::ratio_markdown;

/// One machine's results: its run, and whether it predates the code.
pub struct Machine {
    pub run: RatioRun,
    pub stale: bool,
}

impl Machine {
    /// `CPU (n CPUs), date, others x%`, and the staleness mark.
    pub fn label(&self) -> String {
        let m = &self.run.meta;
        let load = 100.0 * self.run.load().median;
        let date = m.date.get(..10).unwrap_or(&m.date);
        let stale = if self.stale {
            " (measured before the current code)"
        } else {
            ""
        };
        let loaded = match self.run.load_flag() {
            Some(f) => format!(
                ", loaded in {} of {} rounds: do not quote",
                f.rounds_over, f.rounds
            ),
            None => String::new(),
        };
        format!(
            "{} ({} CPUs){}, {date}, others {load:.0}%{loaded}{stale}",
            m.cpu,
            m.nproc,
            self.busy()
                .map_or(String::new(), |n| format!(" + {n} busy threads")),
        )
    }

    /// The most busy threads any of its shapes ran beside (`--load`), if any.
    fn busy(&self) -> Option<usize> {
        self.run
            .shapes
            .iter()
            .map(|s| s.busy)
            .max()
            .filter(|&n| n > 0)
    }
}

/// The section of `bench-table.md` for one machine.
pub fn machine_markdown(machine: &Machine) -> String {
    let m = &machine.run.meta;
    let load = machine.run.load();
    let busy = machine.busy().map_or(String::new(), |n| {
        format!(
            " Loaded mode: {n} threads of another process spin on the CPU through every \
             round of the rows named `+{n} busy` (`--load {n}`)."
        )
    });
    let mut md = format!(
        "**Machine: {}.**{busy} Other processes used {:.0}% of the machine's CPU time \
         (median over every round; {:.0}–{:.0}%).\n\n",
        m.cpu,
        100.0 * load.median,
        100.0 * load.min,
        100.0 * load.max
    );
    if machine.stale {
        md += &format!(
            "> [!WARNING]\n> Measured before the current code: these figures date from {}, \
             and `src/` has changed since. Re-measure on this CPU model \
             (`cargo bench --bench ratio -- --out-dir benches/results`) before quoting them.\n\n",
            m.date.get(..10).unwrap_or(&m.date)
        );
    }
    md + &ratio_markdown(&machine.run) + "\n"
}
