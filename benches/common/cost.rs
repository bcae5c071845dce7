//! The cost account: how often chanlab's channels parked, unparked, yielded,
//! spun, waited and notified per message, from a bench built with
//! `--features stats` (see `chanlab::stats`). Optional in result files, so
//! files written without the feature, or before it existed, still parse.

use super::data::{RatioRun, num, summary};
use serde::{Deserialize, Serialize};
use std::fmt::Write;

/// One contender's counts per message, one value per round.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Counts {
    /// Thread parks (untimed and timed).
    pub parks: Vec<f64>,
    /// `Thread::unpark` calls.
    pub unparks: Vec<f64>,
    /// `yield_now` calls.
    pub yields: Vec<f64>,
    /// `spin_loop` hints.
    pub spins: Vec<f64>,
    /// Condition-variable waits (untimed and timed).
    pub waits: Vec<f64>,
    /// `Condvar::notify_one` calls.
    pub notify_one: Vec<f64>,
    /// `Condvar::notify_all` calls.
    pub notify_all: Vec<f64>,
}

/// The cost account's columns, in table order.
pub const COLUMNS: [&str; 6] = ["parks", "unparks", "yields", "spins", "waits", "notifies"];

impl Counts {
    /// Appends one round: totals over a run of `n` messages, in the order
    /// parks, unparks, yields, spins, waits, notify_one, notify_all.
    pub fn push(&mut self, totals: [u64; 7], n: usize) {
        let per_msg = |t: u64| (t as f64 / n as f64 * 1e6).round() / 1e6;
        let columns = [
            &mut self.parks,
            &mut self.unparks,
            &mut self.yields,
            &mut self.spins,
            &mut self.waits,
            &mut self.notify_one,
            &mut self.notify_all,
        ];
        for (column, total) in columns.into_iter().zip(totals) {
            column.push(per_msg(total));
        }
    }

    /// The median over rounds of each of [`COLUMNS`] (notifies of both kinds
    /// summed per round).
    pub fn medians(&self) -> [f64; 6] {
        let median = |xs: &[f64]| {
            if xs.is_empty() {
                0.0
            } else {
                summary(xs).median
            }
        };
        let notifies: Vec<f64> = (self.notify_one.iter().zip(&self.notify_all))
            .map(|(one, all)| one + all)
            .collect();
        [
            median(&self.parks),
            median(&self.unparks),
            median(&self.yields),
            median(&self.spins),
            median(&self.waits),
            median(&notifies),
        ]
    }
}

/// A count per message with about three significant digits; `0` for none.
pub fn count_num(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x >= 10.0 {
        num(x)
    } else {
        let digits = (2 - x.log10().floor() as i32).clamp(0, 6) as usize;
        format!("{x:.digits$}")
    }
}

/// The cost-account table of a run, or nothing when the run has no counts.
pub fn cost_markdown(run: &RatioRun) -> String {
    let mut rows = String::new();
    for shape in &run.shapes {
        for s in &shape.series {
            let Some(counts) = &s.stats else { continue };
            let ns = num(summary(&s.ns).median);
            let _ = write!(rows, "| {} | {} | {ns} |", shape.label(), s.contender);
            counts
                .medians()
                .iter()
                .for_each(|x| rows += &format!(" {} |", count_num(*x)));
            rows += "\n";
        }
    }
    if rows.is_empty() {
        return rows;
    }
    let mut out = String::from(
        "Cost account (a `--features stats` build): what each chanlab channel's \
         synchronisation facade did per message, median over rounds. Counting slows \
         the channels, so take times from a build without the feature.\n\n\
         | shape | channel | ns/msg |",
    );
    COLUMNS.iter().for_each(|c| out += &format!(" {c}/msg |"));
    out += "\n|---|---|---:|";
    out += &"---:|".repeat(COLUMNS.len());
    out + "\n" + &rows + "\n"
}
