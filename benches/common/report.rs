//! The markdown tables of the result files: what the ratio harness and the
//! memory bench print after a run, and what `bench_report` writes into the
//! book, from the same functions.

use super::cost::cost_markdown;
use super::data::{LOADED, MemoryRun, RatioRun, Summary, num, summary};
use std::fmt::Write;

/// The markdown report of a ratio run: provenance, one ratio table per
/// chanlab contender, then every contender's median time.
pub fn ratio_markdown(run: &RatioRun) -> String {
    let m = &run.meta;
    let mut out = format!(
        "Measured on {} ({} CPUs), {}, {}, {} rounds.\nCommand: `{}`\n\n",
        m.cpu, m.nproc, m.date, m.rustc, run.rounds, m.command
    );
    let warning = load_warning(run);
    if !warning.is_empty() {
        let _ = write!(out, "> [!WARNING]\n> {warning}\n\n");
    }
    out += "Cells are the median over rounds of ours ÷ peer time per message, with the \
            min–max over rounds in brackets: below 1 means ours is faster. \
            \"others\" is the median share of the machine's CPU time that other \
            processes used during the rounds.\n\n";
    let peers = run.names("peer");
    for ours in run.names("ours") {
        let _ = write!(out, "| shape | {ours} ns/msg |");
        peers.iter().for_each(|p| out += &format!(" ÷ {p} |"));
        out += " ÷ best peer | others |\n|---|---:|";
        out += &"---:|".repeat(peers.len() + 2);
        out += "\n";
        for row in run.rows(ours) {
            let _ = write!(out, "| {} | {} |", row.shape, num(row.ours_ns.median));
            for p in peers
                .iter()
                .map(|p| p.to_string())
                .chain(["best".to_string()])
            {
                let cell = row.ratios.iter().find(|r| r.against == p);
                out += &cell.map_or(" – |".into(), |r| format!(" {} |", range(r.ratio)));
            }
            let _ = writeln!(out, " {} |", others_cell(row.others));
        }
        out += "\n";
    }
    out + &cost_markdown(run) + &ns_markdown(run)
}

/// The warning that opens the report of a run with loaded rounds, as a
/// sentence (nothing for a quiet run).
pub fn load_warning(run: &RatioRun) -> String {
    let Some(flag) = run.load_flag() else {
        return String::new();
    };
    format!(
        "Do not quote these figures: other processes used more than {:.0}% of the \
         machine's CPU time in {} of {} rounds (up to {:.0}%), so the rows marked ⚠ \
         measured the scheduler as much as the channels. Re-run on a quiet machine.",
        100.0 * flag.threshold,
        flag.rounds_over,
        flag.rounds,
        100.0 * flag.max_others
    )
}

/// The "others" cell of a row: the median share, and the largest with a ⚠
/// when some round was over [`LOADED`].
fn others_cell(others: Summary) -> String {
    let median = format!("{:.0}%", 100.0 * others.median);
    if others.max > LOADED {
        format!("{median} ⚠ (max {:.0}%)", 100.0 * others.max)
    } else {
        median
    }
}

fn range(s: Summary) -> String {
    format!("{} ({}–{})", num(s.median), num(s.min), num(s.max))
}

/// Median ns per message (per round trip for `pingpong`) of every contender.
fn ns_markdown(run: &RatioRun) -> String {
    let mut out =
        String::from("Median ns per message (per round trip for pingpong):\n\n| shape | n |");
    run.contenders
        .iter()
        .for_each(|c| out += &format!(" {} |", c.name));
    out += "\n|---|---:|";
    out += &"---:|".repeat(run.contenders.len());
    out += "\n";
    for shape in &run.shapes {
        let _ = write!(out, "| {} | {} |", shape.name, shape.n);
        for c in &run.contenders {
            let s = shape.series.iter().find(|s| s.contender == c.name);
            out += &s.map_or(" – |".into(), |s| {
                format!(" {} |", num(summary(&s.ns).median))
            });
        }
        out += "\n";
    }
    out
}

/// The markdown table of a memory run.
pub fn memory_markdown(run: &MemoryRun) -> String {
    let m = &run.meta;
    let mut out = format!(
        "Heap per queued `u64`, {} messages queued from one thread ({}, {}).\n\
         Command: `{}`\n\n| contender | capacity | bytes/msg | peak bytes/msg | allocations (per msg) |\n\
         |---|---|---:|---:|---:|\n",
        run.n, m.rustc, m.date, m.command
    );
    for r in &run.rows {
        let _ = writeln!(
            out,
            "| {} | {} | {:.2} | {:.2} | {} ({:.4}) |",
            r.contender,
            r.capacity,
            r.bytes_per_msg,
            r.peak_bytes_per_msg,
            r.allocations,
            r.allocations as f64 / run.n as f64
        );
    }
    out
}
