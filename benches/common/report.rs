//! The markdown tables of the result files: what the ratio harness and the
//! memory bench print after a run, and what `bench_report` writes into the
//! book, from the same functions.

use super::cost::{cost_markdown, count_num};
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
    let usage = has_usage(run);
    if usage {
        out += USAGE_NOTE;
    }
    if run.shapes.iter().any(|s| s.busy > 0) {
        out += LOADED_NOTE;
    }
    let peers = run.names("peer");
    for ours in run.names("ours") {
        let _ = write!(out, "| shape | {ours} ns/msg |");
        if usage {
            out += " CPU ns/msg | switches/msg |";
        }
        peers.iter().for_each(|p| out += &format!(" ÷ {p} |"));
        out += " ÷ best peer | others |\n|---|---:|";
        out += &"---:|".repeat(peers.len() + 2 + 2 * usize::from(usage));
        out += "\n";
        for row in run.rows(ours) {
            let _ = write!(out, "| {} | {} |", row.shape, num(row.ours_ns.median));
            if usage {
                let cpu = row.ours_cpu.map_or("–".into(), |s| num(s.median));
                let csw = row.ours_csw.map_or("–".into(), |s| count_num(s.median));
                let _ = write!(out, " {cpu} | {csw} |");
            }
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
    out + &cost_markdown(run) + &ns_markdown(run) + &usage_markdown(run)
}

/// What the CPU and switches columns mean.
pub const USAGE_NOTE: &str = "\"CPU ns/msg\" is the CPU time (user + system, every \
    thread of the run) per message and \"switches/msg\" the context switches per \
    message, medians over rounds, from `getrusage` around each contender's run: \
    time spent spinning or yielding counts, time asleep does not.\n\n";

const LOADED_NOTE: &str = "Rows named `+N busy` ran in the loaded mode (`--load N`): \
    N threads of another process spun on the CPU through every round. Their CPU \
    time is not counted in \"others\".\n\n";

/// Whether the run recorded CPU time and context switches.
pub fn has_usage(run: &RatioRun) -> bool {
    let all = run.shapes.iter().flat_map(|s| &s.series);
    all.clone().any(|s| !s.cpu_ns.is_empty())
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
pub fn others_cell(others: Summary) -> String {
    let median = format!("{:.0}%", 100.0 * others.median);
    if others.max > LOADED {
        format!("{median} ⚠ (max {:.0}%)", 100.0 * others.max)
    } else {
        median
    }
}

/// `median (min–max)`.
pub fn range(s: Summary) -> String {
    format!("{} ({}–{})", num(s.median), num(s.min), num(s.max))
}

/// Median ns per message (per round trip for `pingpong`) of every contender.
pub fn ns_markdown(run: &RatioRun) -> String {
    let mut out =
        String::from("Median ns per message (per round trip for pingpong):\n\n| shape | n |");
    run.contenders
        .iter()
        .for_each(|c| out += &format!(" {} |", c.name));
    out += "\n|---|---:|";
    out += &"---:|".repeat(run.contenders.len());
    out += "\n";
    for shape in &run.shapes {
        let _ = write!(out, "| {} | {} |", shape.label(), shape.n);
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

/// Median CPU ns and context switches per message of every contender, as
/// `cpu / switches` cells; nothing for a file without them.
pub fn usage_markdown(run: &RatioRun) -> String {
    if !has_usage(run) {
        return String::new();
    }
    let mut out = String::from(
        "\nMedian CPU ns / context switches per message (per round trip for pingpong):\n\n\
         | shape |",
    );
    (run.contenders.iter()).for_each(|c| out += &format!(" {} |", c.name));
    out += "\n|---|";
    out += &"---:|".repeat(run.contenders.len());
    out += "\n";
    for shape in &run.shapes {
        let _ = write!(out, "| {} |", shape.label());
        for c in &run.contenders {
            let s = shape.series.iter().find(|s| s.contender == c.name);
            let s = s.filter(|s| !s.cpu_ns.is_empty() && !s.csw.is_empty());
            out += &s.map_or(" – |".into(), |s| {
                let (cpu, csw) = (summary(&s.cpu_ns).median, summary(&s.csw).median);
                format!(" {} / {} |", num(cpu), count_num(csw))
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
