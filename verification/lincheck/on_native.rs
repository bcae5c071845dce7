//! A native smoke run: every generated scenario a few times on real
//! threads, judged like a checker's executions. It proves the harness, not
//! the channels (the recorder's lock orders the threads; see `history.rs`).

use crate::harness::{Explored, execution, size};
use crate::scenario::{Channel, Scenario};

/// Runs `sc` on `ch` `native_runs` times; returns the number of runs.
fn explore(ch: &Channel, sc: &Scenario) -> Explored {
    let runs = size().native_runs;
    (0..runs).for_each(|_| execution(ch, sc));
    Explored {
        executions: runs,
        bound: None,
    }
}

crate::channel_tests!("native", explore);
