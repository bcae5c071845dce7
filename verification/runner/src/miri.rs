//! The Miri steps: which conformance tests Miri runs in the default and
//! quick runs, per channel, chosen by what they make the `unsafe` code do
//! (`--all` runs every conformance test of the channel), with how many
//! seeds, and whether Miri is there at all.
//!
//! Under Miri a test costs what its messages cost: the conformance suite
//! instantiates each behaviour at several capacities, and most instances
//! take the ring's unsafe paths (a slot's write and read, the drain) the
//! same way, while the large messages (40 of 4 KiB, a few of 16 and 64
//! KiB) cost 7 to 27 s each per seed, about 80% of the ring's suite. They
//! take the same `write` and `read` as any message; their size matters to
//! the native debug build's 2 MiB stacks, which is what they are for, and
//! Miri does not model the stack's size. So each list keeps one test per
//! distinct way into the `unsafe` code, and the rest waits for `--all`.

use crate::cli::Mode;
use crate::plan::Channel;
use crate::step::{Parse, Step};
use std::process::Command;
use std::sync::OnceLock;

/// The ring (`src/ring/`): its `unsafe` is the slot's `write` and `read`
/// (`slots.rs`), reached by a send, a receive and the receiver's drain, and
/// `StalledSend`'s publish (`stall.rs`). Each test, and why it is here:
const RING: &[&str] = &[
    // Capacity 1: every message wraps a lap, so one slot is written and
    // read alternately by two threads, its stamp moving a lap each time.
    "ring::bounded1::fifo_one_producer",
    // Four senders racing for that one slot: claims, writes and the
    // receiver's frees of the same slot interleave.
    "ring::bounded1::exactly_once_many_producers",
    // Capacity 3, not a power of two (a lap is 4 positions): the index
    // wraps before the lap does, under four racing senders.
    "ring::bounded3::exactly_once_many_producers",
    // Head and tail pass every slot of a 4-slot ring over 100 rounds with
    // two or three messages queued: many laps of the stamps.
    "ring::extras_bounded::len_follows_sends_and_receives",
    // Zero-sized messages: `write` and `read` of a `MaybeUninit<()>`.
    "ring::bounded1::zero_sized_messages",
    // Drain at the receiver's drop: five messages queued, a sender alive.
    "ring::bounded64::drops_queued_messages_when_receiver_drops",
    // Drain while three senders keep sending: a slot claimed before the
    // close but not yet written is waited for, then read and dropped.
    "ring::bounded3::concurrent_drops_exactly_once",
    // A message's `Drop` panics during the drain: the rest are still read
    // once each (capacity 5, senders alive; capacity 8, senders gone).
    "edges::panicking_drop_with_senders_alive::ring5",
    "edges::panicking_drop_with_senders_gone::ring8",
    // A sender parked on a full ring, woken by a receive: it writes the
    // slot the receiver has just read.
    "ring::bounded_only2::blocked_send_woken_by_recv",
    // A sender parked on a full ring, woken by the receiver's drop, which
    // drains the queued messages while the sender takes its own back.
    "ring::bounded_only1::blocked_send_woken_by_receiver_drop",
    // A claimed slot is read only once published (`StalledSend`, from
    // another thread), and a written slot behind it not before it.
    "ring::stalled::blocked_recv_gets_the_message_once_it_is_published",
    "ring::stalled::try_recv_is_empty_while_the_next_slot_is_claimed",
    // Timeouts: a timed-out send hands its (heap) message back unread; a
    // timed receive behind a claimed slot times out, then reads it.
    "ring::extras_bounded::send_timeout_hands_value_back",
    "ring::stalled::timed_recv_keeps_its_deadline_while_a_sender_stalls",
    "ring::bounded2::recv_timeout_variants",
];

/// The lock-free list (`src/lockfree/`): most of its code is `unsafe`
/// (blocks allocated, linked, recycled and freed through raw pointers), so
/// every test of its module stays, and the edge tests add the panicking
/// drain. What waits for `--all` is its large messages: 40 messages of 4
/// KiB take the paths `exactly_once_many_producers` takes (block growth
/// and recycling) with bigger copies, at 90% of the module's Miri time.
const LOCKFREE: &[&str] = &[
    "lockfree::",
    "edges::panicking_drop_with_senders_alive::lockfree",
    "edges::panicking_drop_with_senders_gone::lockfree",
];

/// What Miri runs of one channel's conformance tests.
pub struct MiriSet {
    /// libtest filters.
    pub filters: &'static [&'static str],
    /// Whether they are whole test names (`--exact`).
    pub exact: bool,
    /// Tests the filters take that are skipped (`--skip`).
    pub skip: &'static [&'static str],
}

/// The default and quick runs' Miri tests for `channel`; `None`: every
/// conformance test of the channel, as `--all` runs them.
pub fn chosen(channel: &str) -> Option<MiriSet> {
    match channel {
        "ring" => Some(MiriSet {
            filters: RING,
            exact: true,
            skip: &[],
        }),
        "lockfree" => Some(MiriSet {
            filters: LOCKFREE,
            exact: false,
            skip: &["lockfree::unbounded::large_messages"],
        }),
        _ => None,
    }
}

/// Miri on the channel's conformance tests, under Stacked Borrows (`tree`:
/// Tree Borrows), with several scheduler seeds (`-Zmiri-many-seeds`). Miri
/// judges `unsafe` code: the mutex channel has none, so it runs there only
/// with `--all`; the default and quick runs take the tests listed in
/// `miri_sets.rs` (the ones that reach the `unsafe` code in distinct ways),
/// `--all` every conformance test. The table says why a step is skipped.
///
/// Seeds: 4 under Stacked Borrows (2 in the quick run). Tree Borrows gets
/// 2 except with `--all`: a seed changes the schedule, the values weak
/// loads return and the addresses, and those are explored by the Stacked
/// Borrows run, whose seeds find data races as well; Tree Borrows adds its
/// aliasing rules, which the same accesses meet whatever their order.
pub fn miri(ch: &Channel, tree: bool, mode: Mode) -> Option<Step> {
    let has_unsafe = ch.miri?;
    let seeds: u32 = match mode {
        Mode::Quick => 2,
        Mode::Full if tree => 2,
        _ => 4,
    };
    let mut command = Command::new("cargo");
    command.args(["+nightly", "miri", "test", "--test", "conformance", "--"]);
    match chosen(ch.name).filter(|_| mode != Mode::All) {
        Some(set) => {
            command
                .args(set.exact.then_some("--exact"))
                .args(set.filters);
            for skipped in set.skip {
                command.args(["--skip", skipped]);
            }
        }
        None => {
            command.args(ch.conformance);
        }
    }
    let flags = format!("-Zmiri-many-seeds=0..{seeds}");
    let tree_flag = if tree { " -Zmiri-tree-borrows" } else { "" };
    command.env("MIRIFLAGS", format!("{flags}{tree_flag}"));
    let suite = if tree {
        "miri (tree)"
    } else {
        "miri (stacked)"
    };
    let mut step = Step::new(suite, command, Parse::Seeds(seeds)).on(ch.name);
    step.skip = if !has_unsafe && mode != Mode::All {
        Some("only with --all (no unsafe code)".into())
    } else {
        miri_missing()
    };
    Some(step)
}

/// Why Miri (or ThreadSanitizer, which needs the same nightly `rust-src`)
/// cannot run here, after trying to install it; `None` if it can. Asked by
/// every Miri and TSan step, found out once.
pub fn miri_missing() -> Option<String> {
    static MISSING: OnceLock<Option<String>> = OnceLock::new();
    MISSING.get_or_init(find_miri_missing).clone()
}

fn find_miri_missing() -> Option<String> {
    let works = || {
        Command::new("cargo")
            .args(["+nightly", "miri", "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if works() {
        return None;
    }
    let install = Command::new("rustup")
        .args([
            "component",
            "add",
            "--toolchain",
            "nightly",
            "miri",
            "rust-src",
        ])
        .output();
    match install {
        Ok(o) if o.status.success() && works() => None,
        Ok(o) => Some(format!(
            "Miri unavailable: `rustup component add --toolchain nightly miri rust-src` failed: {}",
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .unwrap_or("no output")
        )),
        Err(e) => Some(format!("Miri unavailable: rustup could not run ({e})")),
    }
}
