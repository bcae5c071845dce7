//! lincheck: generated scenarios, every interleaving, judged against a
//! sequential specification.
//!
//! The loom and shuttle suites check scenarios someone wrote against the
//! outcomes someone expected. lincheck instead generates small scenarios
//! (two sender threads with one to three operations each, clones and drops,
//! and the receiver with two to four operations, then its drop; the async
//! API's futures awaited or polled once where a channel has it), runs each
//! under a model checker, records every execution's history, and accepts it
//! only if some sequential order of the same calls, consistent with real
//! time, is allowed by the specification of an MPSC channel
//! (linearizability, Herlihy and Wing 1990).
//!
//! The method is the verification kit's (`chanlab::kit::lincheck`, whose
//! modules are the files beside this one), so a channel of one's own gets
//! the same judge with one `lincheck!` line:
//!
//! * `spec.rs`: the sequential specification (and how rendezvous, `len()`
//!   and timeouts are judged), with its tests in `spec_tests.rs`;
//! * `history.rs`: the recorder, and why it adds no synchronisation;
//! * `check.rs`: Wing and Gong's search with Lowe's memoisation;
//! * `scenario.rs`: the proptest strategies, and why every scenario
//!   terminates (so a deadlock is always a bug); `channel.rs`: the channel
//!   under test, and how a scenario runs on it;
//! * `subjects.rs`: each operation mapped to a handle's method (`task.rs`:
//!   how a future is awaited or polled once in each build);
//!   `harness.rs`: sizes, summary lines, the deadlock report; `explore.rs`:
//!   each build's checker and the line's test; `kit.rs`: the `lincheck!`
//!   line;
//! * in this target: `selftest.rs`, the checker on hand-written histories;
//!   `on_loom.rs`, `on_shuttle.rs`, `on_native.rs`: one line per chanlab
//!   channel for each build.
//!
//! # Running it
//!
//! ```text
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test lincheck
//! cargo test --release --features shuttle --test lincheck
//! cargo test --test lincheck          # spec and checker tests, a native smoke run
//! ```
//!
//! `CHANLAB_LINCHECK=full` checks more scenarios per channel (under loom 8
//! instead of 3; under shuttle 40 instead of 12, with 5000 PCT schedules each
//! instead of 1000);
//! `verification/lincheck/run.sh [--full]` runs both checkers. Also read:
//! `CHANLAB_LINCHECK_SCENARIOS` (a count), `CHANLAB_LINCHECK_SEED` (default
//! 15), `CHANLAB_LINCHECK_ORDER=realtime` (see `check.rs`) and
//! `CHANLAB_LINCHECK_ONLY` (the index of one scenario to run alone). Each
//! scenario prints
//! `lincheck-scenario checker=<c> channel=<name> index=<k> interleavings=<m> time=<s>`
//! as it finishes, and each channel
//! `lincheck checker=<loom|shuttle|native> channel=<name> scenarios=<n> interleavings=<m> status=<pass|fail> time=<s>`.
//!
//! # Compared with the `lincheck` crate
//!
//! The `lincheck` crate (0.2) runs proptest-generated scenarios under loom
//! too, and shrinks a failing one (ours prints the scenario unshrunk). But
//! every thread calls `exec(&self, op)` on one shared object, and its
//! sequential spec is a function: one result per operation and state. A
//! channel needs more: each thread owns its handle (a `Sender` per thread,
//! one thread owning the `Receiver`), cloning and dropping a handle are
//! operations, blocking operations complete only when another thread acts,
//! a rendezvous send and its receive take effect in one step, and `len()`
//! or a timed operation may have several correct results. So our spec is a
//! relation (a step either accepts an observed result or says why not), and
//! our checker reports deadlocks and judges both loom and shuttle runs.
#![allow(missing_docs)] // test entry points

#[cfg(chanlab_loom)]
mod on_loom;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod on_native;
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
mod on_shuttle;
#[cfg(test)]
mod selftest;

#[cfg(test)]
mod spec_tests;

/// One `lincheck!` line per chanlab channel and capacity, each a `#[test]`
/// of the module it is written in (`on_loom`, `on_shuttle` or `on_native`,
/// one per build).
macro_rules! channel_lines {
    () => {
        use chanlab::flavor::{Lockfree, Mutex, Ring};
        use chanlab::kit::lincheck::LenRule;

        /// The unbounded mutex channel's receiver takes the queue in
        /// batches, which a sender's `len()` counts until it settles.
        const BATCH: LenRule = if chanlab::mutex::BATCHED {
            LenRule::CountsBatch
        } else {
            LenRule::Exact
        };

        chanlab::kit::lincheck!(mutex_unbounded: Mutex, unbounded, len, recv_async, rule = BATCH);
        chanlab::kit::lincheck!(mutex_0: Mutex, rendezvous, len, send_timeout, recv_async,
            send_async);
        chanlab::kit::lincheck!(mutex_1: Mutex, bounded(1), len, send_timeout, recv_async,
            send_async);
        chanlab::kit::lincheck!(mutex_2: Mutex, bounded(2), len, send_timeout, recv_async,
            send_async);
        chanlab::kit::lincheck!(lockfree: Lockfree, unbounded, len, recv_async,
            rule = LenRule::CountsClaims);
        chanlab::kit::lincheck!(ring_1: Ring, bounded(1), len, send_timeout, recv_async,
            send_async, rule = LenRule::CountsClaims);
        chanlab::kit::lincheck!(ring_2: Ring, bounded(2), len, send_timeout, recv_async,
            send_async, rule = LenRule::CountsClaims);
    };
}
pub(crate) use channel_lines;
