//! shuttle schedules of every chanlab channel.
//!
//! ```text
//! cargo test --release --features shuttle --test shuttle
//! ```
//!
//! shuttle runs the real code under a controlled scheduler: random schedules,
//! PCT (probabilistic concurrency testing, which bounds the number of
//! priority changes and finds bugs of small depth with a known probability)
//! and DFS (every schedule, for the smallest models). It treats every atomic as
//! sequentially consistent, so it checks interleavings, never orderings.
//!
//! The harness (`random`, `pct`, `dfs`) and the model bodies that fit any
//! channel are the kit's (`chanlab::kit::shuttle`, in `kit.rs` and
//! `models.rs` beside this file); each channel's module runs them with its
//! own sizes, next to the models of its own design.
//!
//! Schedule counts scale with `CHANLAB_SHUTTLE_ITERS` (default 10 000, the
//! full `cargo verify`; `--quick` passes fewer). Each run prints
//! `shuttle-model name=<name> scheduler=<s> schedules=<n>`.
//!
//! A failing schedule is printed by shuttle as a string; with
//! `CHANLAB_SHUTTLE_REPLAY=<that string>` each model runs that one schedule
//! instead of exploring (`shuttle::replay`): select the failing test with
//! `--exact <name>` and the failure repeats, step for step.

pub use chanlab::kit::shuttle::{dfs, pct, random};

mod lockfree;
mod mutex;
mod ring;
