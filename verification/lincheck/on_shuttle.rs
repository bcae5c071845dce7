//! Every generated scenario under shuttle's PCT scheduler (depth 3).

use crate::harness::{Explored, execution, size};
use crate::scenario::{Channel, Scenario};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `sc` on `ch` under shuttle PCT; returns the number of schedules.
fn explore(ch: &Channel, sc: &Scenario) -> Explored {
    let count = Arc::new(AtomicUsize::new(0));
    let (ch, sc, counter) = (*ch, sc.clone(), count.clone());
    let f = move || {
        counter.fetch_add(1, Ordering::Relaxed);
        execution(&ch, &sc);
    };
    shuttle::check_pct(f, size().shuttle_iters, 3);
    Explored {
        executions: count.load(Ordering::Relaxed),
        bound: None,
    }
}

crate::channel_tests!("shuttle", explore);
