//! The ratio harness's command line: its shapes and contenders on the
//! shared flags of `common/opts.rs`, and `--help`.

use super::common::contenders;
use super::common::opts::{self, Menu};
use super::common::shapes::{self, Shape};

/// The parsed flags, shapes resolved.
pub type Opts = opts::Opts<Shape>;

/// Every shape of the matrix and every contender.
fn menu() -> Menu<Shape> {
    Menu {
        shapes: shapes::all(),
        contenders: contenders().iter().map(|c| c.name).collect(),
    }
}

/// `--help`: every flag, and where the result goes.
pub fn usage() -> String {
    format!(
        "usage: cargo bench --bench ratio -- [FLAG ...]

Runs every contender once per round on each shape, in an order that rotates
from round to round, and prints ours ÷ each peer (median and min–max over
rounds) with how busy the machine was.

{}

Plot a result with
  cargo run --example bench_report -- --input FILE --out DIR",
        opts::flags_usage(&menu(), "ratio")
    )
}

/// Parses the harness's arguments.
pub fn parse(args: &[String]) -> Result<Opts, String> {
    opts::parse(args, &menu())
}
