//! The task harness's command line: its shapes and contenders on the
//! shared flags of `common/opts.rs`, and `--help`.

use super::common::opts::{self, Menu};
use super::contenders;
use super::shapes::{ALL, Shape};

/// The parsed flags, shapes resolved.
pub type Opts = opts::Opts<Shape>;

/// Every task shape and every contender.
fn menu() -> Menu<Shape> {
    Menu {
        shapes: ALL.to_vec(),
        contenders: contenders().iter().map(|c| c.name).collect(),
    }
}

/// `--help`: every flag, and where the result goes.
pub fn usage() -> String {
    format!(
        "usage: cargo bench --bench tasks -- [FLAG ...]

Runs every contender once per round on each task shape (tokio current-thread
`-ct` and 2-worker multi-thread `-mt` runtimes; thread/task `mixed-*` rows),
in an order that rotates from round to round, and prints ours ÷ each peer and
ours ÷ the target (the faster of tokio and flume; tokio on pingpong rows),
median and min–max over rounds, with how busy the machine was.

{}

Render a result with
  cargo run --example bench_report -- --tasks FILE --out DIR",
        opts::flags_usage(&menu(), "tasks")
    )
}

/// Parses the harness's arguments.
pub fn parse(args: &[String]) -> Result<Opts, String> {
    opts::parse(args, &menu())
}
