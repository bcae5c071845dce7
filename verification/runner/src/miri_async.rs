//! The Miri steps of the async API: which tests of the async target
//! (`verification/async/`) Miri runs per channel in the default and quick
//! runs, chosen as `miri.rs` chooses the conformance tests: one test per
//! distinct way into the `unsafe` code a future reaches (`--all` runs the
//! channel's whole async module; its tokio tests are left out under Miri
//! by the target itself). The mutex channel has no `unsafe` code, so it
//! runs only with `--all`.

use crate::cli::Mode;
use crate::miri::{MiriSet, miri_missing};
use crate::plan::Channel;
use crate::step::{Parse, Step};
use std::process::Command;

/// The lock-free channel: a receive task's waker sits in the parker's
/// `UnsafeCell` (`park.rs`: `register`, `deregister`, a sender's `take`),
/// and the future pops the list (`future.rs`). Each test, and why:
const LOCKFREE: &[&str] = &[
    // Registered, then a sender thread takes the waker and wakes the task;
    // the future then pops the message that sender wrote.
    "lockfree::recv_pending_then_woken_by_send",
    // The last sender's drop takes the waker; the pop then finds the end.
    "lockfree::recv_woken_by_last_sender_drop",
    // The drop of a pending future withdraws its registration
    // (`deregister` empties the cell and drops the waker).
    "lockfree::dropped_recv_leaves_no_waker",
    // A future dropped after a sender took its waker: `deregister` finds
    // the cell taken; the message stays for the next receive.
    "lockfree::woken_then_dropped_recv_loses_no_message",
    // Each poll withdraws the last registration and writes the new waker.
    "lockfree::recv_repolled_wakes_the_new_waker",
    // Three producers grow and recycle blocks while the task pops.
    "lockfree::while_let_loop_many_producers",
    // The receiver alternates thread waits and task waits on one parker.
    "lockfree::threads_send_receiver_alternates",
];

/// The ring: a send task writes its claimed slot (`future.rs`, through
/// `publish`), a receive task reads one, and both register in the waiter
/// lists (`waiters.rs`). Each test, and why:
const RING: &[&str] = &[
    // Capacity 1: a send task parked on the full ring, woken by a receive,
    // claims and writes the slot just read.
    "ring::capacity_1::send_pending_then_woken_by_recv",
    // A pending send future dropped: its message was never written to a
    // slot and is dropped once, with the future.
    "ring::capacity_1::dropped_send_drops_its_message_once",
    // A send future woken for a slot and dropped passes the wake-up on;
    // the next sender writes that slot.
    "ring::capacity_1::dropped_woken_send_passes_the_wake_on",
    // A send task woken by the receiver's drop, which drains the slots:
    // its message comes back unwritten.
    "ring::capacity_1::send_woken_by_receiver_drop",
    // A receive task woken by a thread's send reads the slot it wrote.
    "ring::capacity_1::recv_pending_then_woken_by_send",
    // A dropped receive future withdraws its waker, taking no message.
    "ring::capacity_1::dropped_recv_leaves_no_waker",
    // Capacity 4: tasks send and a task receives over many laps of the
    // slots' stamps.
    "ring::capacity_4::tasks_send_task_receives",
    // Threads and tasks race for the one slot, the receiver alternating.
    "ring::capacity_1::threads_and_tasks_send_receiver_alternates",
];

/// The default and quick runs' async tests under Miri for `channel`;
/// `None`: the whole module, as `--all` runs it.
pub fn chosen(channel: &str) -> Option<MiriSet> {
    let filters = match channel {
        "lockfree" => LOCKFREE,
        "ring" => RING,
        _ => return None,
    };
    Some(MiriSet {
        filters,
        exact: true,
        skip: &[],
    })
}

/// Miri (Stacked Borrows) on the channel's async tests: the chosen ones
/// with 2 scheduler seeds (quick) or 4, or with `--all` its whole module
/// with 4; the mutex channel only with `--all`.
pub fn miri_async(ch: &Channel, mode: Mode) -> Option<Step> {
    let has_unsafe = ch.miri?;
    let seeds: u32 = if mode == Mode::Quick { 2 } else { 4 };
    let mut command = Command::new("cargo");
    command.args(["+nightly", "miri", "test", "--test", "async", "--"]);
    match chosen(ch.name).filter(|_| mode != Mode::All) {
        Some(set) => {
            command
                .args(set.exact.then_some("--exact"))
                .args(set.filters);
        }
        None => {
            command.arg(format!("{}::", ch.name));
        }
    }
    command.env("MIRIFLAGS", format!("-Zmiri-many-seeds=0..{seeds}"));
    let mut step = Step::new("miri (async)", command, Parse::Seeds(seeds)).on(ch.name);
    step.skip = if !has_unsafe && mode != Mode::All {
        Some("only with --all (no unsafe code)".into())
    } else {
        miri_missing()
    };
    Some(step)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every chosen test is in its channel's module of the async target.
    #[test]
    fn the_chosen_tests_are_the_channels_own() {
        for (channel, set) in [("lockfree", LOCKFREE), ("ring", RING)] {
            assert!(set.iter().all(|t| t.starts_with(&format!("{channel}::"))));
        }
        assert!(chosen("mutex").is_none(), "no unsafe code: --all only");
    }
}
