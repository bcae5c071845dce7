//! Coordinating workers through state changes: a `Mutex` + `Condvar`
//! state machine, then the same protocol over channels.
//!
//! The controller moves the system `Starting -> Running -> Pausing ->
//! Stopped`; three workers work while it runs and must all stop at the end.
//!
//! The article's version ("State Machines and Complex Coordination") has
//! two bugs. It does not compile: `get_state` returns `*state`, moving out
//! of the guard, and `SystemState` is not `Copy` (error E0507); deriving
//! `Clone, Copy` fixes that. And it hangs: a worker that sees `Pausing`
//! calls `wait_for_state(Running)`, but the controller goes on to `Stopped`,
//! never back to `Running`, so the worker waits forever and `main` never
//! joins it. (`Pausing` lasts 500 ms and workers look every 200 ms, so a
//! worker almost always sees it.) The fix: wait for the state to *change*,
//! then decide what to do with the new one.
//!
//! `cargo run --example state_machine -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check, check_eq};
use std::sync::mpsc::TryRecvError;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

// ANCHOR: state
#[derive(Debug, PartialEq, Clone, Copy)] // `Copy` missing in the article
enum SystemState {
    Starting,
    Running,
    Pausing,
    Stopped,
}
use SystemState::*;

struct Shared {
    state: SystemState,
    work_done: usize,
}

struct StateMachine {
    shared: Mutex<Shared>,
    changed: Condvar,
}

impl StateMachine {
    fn update(&self, f: impl FnOnce(&mut Shared)) {
        f(&mut self.shared.lock().unwrap());
        self.changed.notify_all();
    }

    /// Blocks until `done` holds; returns the state then.
    fn wait_until(&self, done: impl Fn(&Shared) -> bool) -> SystemState {
        let guard = self.shared.lock().unwrap();
        self.changed.wait_while(guard, |s| !done(s)).unwrap().state
    }
}
// ANCHOR_END: state

// ANCHOR: worker
fn condvar_worker(sm: &StateMachine) {
    let mut state = sm.wait_until(|_| true);
    loop {
        state = match state {
            Starting | Pausing => sm.wait_until(|s| s.state != state), // any change
            Running => {
                sm.update(|s| s.work_done += 1); // one unit of work
                sm.wait_until(|_| true)
            }
            Stopped => return,
        }
    }
}
// ANCHOR_END: worker

fn with_condvar() {
    let sm = Arc::new(StateMachine {
        shared: Mutex::new(Shared {
            state: Starting,
            work_done: 0,
        }),
        changed: Condvar::new(),
    });
    let workers: Vec<_> = (0..3)
        .map(|_| {
            let sm = Arc::clone(&sm);
            thread::spawn(move || condvar_worker(&sm))
        })
        .collect();
    sm.update(|s| s.state = Running);
    sm.wait_until(|s| s.work_done >= 3); // instead of the article's sleeps
    sm.update(|s| s.state = Pausing);
    sm.update(|s| s.state = Stopped);
    workers.into_iter().for_each(|w| w.join().unwrap()); // the article hangs here
    let work = sm.shared.lock().unwrap().work_done;
    check(work >= 3, format!("work done while running: {work}"));
    println!("condvar: 3 workers stopped after {work} units of work");
}

// ANCHOR: channel_worker
/// Each worker has its own channel (one receiver per channel); the
/// controller sends every transition to each. Returns the states seen.
fn channel_worker<R: Rx<SystemState>>(rx: R) -> Vec<SystemState> {
    let mut seen = Vec::new();
    let mut state = Starting;
    while state != Stopped {
        state = match state {
            Running => match rx.try_recv() {
                Ok(next) => next,
                Err(TryRecvError::Empty) => continue, // a unit of work goes here
                Err(TryRecvError::Disconnected) => Stopped,
            },
            _ => rx.recv().unwrap_or(Stopped), // idle: block until told
        };
        seen.push(state);
    }
    seen
}
// ANCHOR_END: channel_worker

fn with_channels<F: Unbounded>() {
    let (senders, workers): (Vec<_>, Vec<_>) = (0..3)
        .map(|_| {
            let (tx, rx) = F::channel();
            (tx, thread::spawn(move || channel_worker(rx)))
        })
        .unzip();
    for state in [Running, Pausing, Stopped] {
        senders.iter().for_each(|tx| tx.send(state).unwrap());
    }
    for w in workers {
        check_eq(
            w.join().unwrap(),
            vec![Running, Pausing, Stopped],
            "states seen",
        );
    }
    println!("channels: 3 workers saw Running, Pausing, Stopped and stopped");
}

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        with_condvar();
        with_channels::<F>();
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
