//! The markdown report of a task run (`cargo bench --bench tasks`): what
//! the harness prints and what `bench_report --tasks` writes into the
//! book, from the same function.
//!
//! Beside ours ÷ each peer it judges every row against its target: each
//! chanlab channel at most 1.0× the faster of tokio's mpsc and flume on its
//! streaming rows, and at most 1.0× tokio on the pingpong rows.

use super::cost::{cost_markdown, count_num};
use super::data::{RatioRun, ShapeRun, Summary, num, summary};
use super::report::{
    USAGE_NOTE, has_usage, load_warning, ns_markdown, others_cell, range, usage_markdown,
};
use std::fmt::Write;

/// The peers a row of ours is judged against: tokio alone for a pingpong
/// row, else the faster of tokio and flume.
pub fn target_peers(shape: &str) -> &'static [&'static str] {
    if shape.contains("pingpong") {
        &["tokio"]
    } else {
        &["tokio", "flume"]
    }
}

/// Ours ÷ the target of `shape` (the fastest of its target peers in each
/// round), median and range over rounds; `None` when no target peer ran.
pub fn target(shape: &ShapeRun, ours: &str) -> Option<Summary> {
    let find = |name: &str| shape.series.iter().find(|s| s.contender == name);
    let mine = find(ours)?;
    let peers: Vec<_> = (target_peers(&shape.name).iter())
        .filter_map(|p| find(p))
        .collect();
    if peers.is_empty() {
        return None;
    }
    let per_round: Vec<f64> = (0..mine.ns.len())
        .map(|r| mine.ns[r] / peers.iter().map(|p| p.ns[r]).fold(f64::INFINITY, f64::min))
        .collect();
    Some(summary(&per_round))
}

/// The whole report: provenance and load, one table per chanlab channel
/// with its misses, then every contender's ns/msg and CPU/msg.
pub fn tasks_markdown(run: &RatioRun) -> String {
    let (m, load) = (&run.meta, run.load());
    let mut out = format!(
        "Measured on {} ({} CPUs), {}, {}, {} rounds.\nCommand: `{}`\n\n\
         Other processes used {:.0}% of the machine's CPU time (median over every \
         round; {:.0}–{:.0}%).\n\n",
        m.cpu,
        m.nproc,
        m.date,
        m.rustc,
        run.rounds,
        m.command,
        100.0 * load.median,
        100.0 * load.min,
        100.0 * load.max
    );
    let warning = load_warning(run);
    if !warning.is_empty() {
        let _ = write!(out, "> [!WARNING]\n> {warning}\n\n");
    }
    out += "Cells are the median over rounds of ours ÷ peer time per message (per round \
            trip for pingpong), with the min–max over rounds in brackets: below 1 means \
            ours is faster. \"÷ target\" is ours ÷ the faster of tokio and flume in each \
            round (÷ tokio on the pingpong rows); the target is at most 1.0. \"others\" \
            is the median share of the machine's CPU time that other processes used \
            during the rounds.\n\n";
    if has_usage(run) {
        out += USAGE_NOTE;
    }
    for ours in run.names("ours") {
        out += &channel_table(run, ours);
    }
    out + &cost_markdown(run) + &ns_markdown(run) + &usage_markdown(run)
}

/// One chanlab channel's table and the line naming its misses.
fn channel_table(run: &RatioRun, ours: &str) -> String {
    let (peers, usage) = (run.names("peer"), has_usage(run));
    let mut out = format!("| shape | {ours} ns/msg |");
    if usage {
        out += " CPU ns/msg | switches/msg |";
    }
    peers.iter().for_each(|p| out += &format!(" ÷ {p} |"));
    out += " ÷ target | others |\n|---|---:|";
    out += &"---:|".repeat(peers.len() + 2 + 2 * usize::from(usage));
    out += "\n";
    let shapes = run
        .shapes
        .iter()
        .filter(|s| s.series.iter().any(|x| x.contender == ours));
    let mut misses = Vec::new();
    for (shape, row) in shapes.zip(run.rows(ours)) {
        let _ = write!(out, "| {} | {} |", row.shape, num(row.ours_ns.median));
        if usage {
            let cpu = row.ours_cpu.map_or("–".into(), |s| num(s.median));
            let csw = row.ours_csw.map_or("–".into(), |s| count_num(s.median));
            let _ = write!(out, " {cpu} | {csw} |");
        }
        for p in &peers {
            let cell = row.ratios.iter().find(|r| r.against == *p);
            out += &cell.map_or(" – |".into(), |r| format!(" {} |", range(r.ratio)));
        }
        let goal = target(shape, ours);
        if let Some(g) = goal.filter(|g| g.median > 1.0) {
            misses.push(format!("{} ({})", row.shape, num(g.median)));
        }
        let goal = goal.map_or("–".into(), range);
        let _ = writeln!(out, " {goal} | {} |", others_cell(row.others));
    }
    match misses.is_empty() {
        true => out + &format!("\n{ours}: every row meets its target.\n\n"),
        false => out + &format!("\n{ours} misses its target on: {}.\n\n", misses.join(", ")),
    }
}
