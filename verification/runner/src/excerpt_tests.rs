//! Excerpts cut from real tool output (`fixtures/`: machine paths made
//! relative, long backtraces cut after a few frames).

use super::{first_error, panics, tail_without_frames};
use crate::failures::parse;

/// loom on the `ring_relaxed_publish` seeded bug, `RUST_BACKTRACE=1`,
/// `LOOM_LOCATION=1`, two models on two test threads: both models report
/// a causality violation (each twice: the second report, while unwinding,
/// prints its backtrace whatever `RUST_BACKTRACE` says), then one aborts
/// the process. Uncut, its last 250 lines are backtrace frames.
const LOOM_ABORT: &str = include_str!("fixtures/loom-abort-backtrace.txt");

/// Miri, four seeds, on a test with a data race: the error follows
/// libtest's half-printed line.
const MIRI_RACE: &str = include_str!("fixtures/miri-data-race.txt");

#[test]
fn loom_panics_are_read_whole_once_each_without_frames() {
    let found = panics(LOOM_ABORT);
    let threads: Vec<&str> = found.iter().map(|p| p.thread.as_str()).collect();
    assert_eq!(
        threads,
        ["ring::capacity_two_lap_wrap", "ring::capacity_one_lap_wrap"]
    );
    for p in &found {
        assert_eq!(
            p.message,
            [
                "Causality violation: Concurrent read and write accesses.",
                "    created: src/ring/slots.rs:187:18",
                "       read: thread #0 @ src/ring/slots.rs:213:18",
                "      write: thread #1 @ src/ring/slots.rs:201:14",
            ]
        );
    }
}

#[test]
fn every_model_that_panicked_in_an_aborted_run_is_a_failure() {
    let found = parse(LOOM_ABORT);
    let names: Vec<&str> = found.iter().filter_map(|f| f.test.as_deref()).collect();
    assert_eq!(
        names,
        ["ring::capacity_two_lap_wrap", "ring::capacity_one_lap_wrap"]
    );
    for f in &found {
        assert_eq!(
            f.message[0],
            "Causality violation: Concurrent read and write accesses."
        );
        assert!(f.message.iter().any(|l| l.contains("slots.rs:187")));
        assert!(f.message.last().unwrap().contains("aborted"));
        assert!(!f.message.iter().any(|l| l.contains("rust_begin_unwind")));
    }
}

#[test]
fn a_model_that_passed_is_not_blamed_for_its_caught_panic() {
    let text = format!("{LOOM_ABORT}test ring::capacity_two_lap_wrap ... ok\n");
    let found = parse(&text);
    let names: Vec<&str> = found.iter().filter_map(|f| f.test.as_deref()).collect();
    assert_eq!(names, ["ring::capacity_one_lap_wrap"]);
}

#[test]
fn miri_error_is_cut_from_the_line_it_shares() {
    let error = first_error(MIRI_RACE).unwrap();
    assert!(
        error[0].starts_with("error: Undefined Behavior: Data race detected"),
        "{error:?}"
    );
    assert_eq!(error[1], "  --> src/lib.rs:15:22");
    let found = parse(MIRI_RACE);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].test.as_deref(), Some("tests::racy"));
    assert_eq!(found[0].seed, Some(3));
    assert_eq!(found[0].message, error);
}

#[test]
fn an_unnamed_failure_shows_the_end_without_frames() {
    let tail = tail_without_frames(LOOM_ABORT, 6);
    assert!(tail.iter().all(|l| !l.trim_start().starts_with("at ")));
    assert_eq!(tail[0], "panic in a destructor during cleanup");
}

/// A compile error: the first error, not cargo's closing line.
#[test]
fn a_build_failure_shows_the_compiler_error() {
    let text = "   Compiling chanlab v0.1.0\n\
                error[E0425]: cannot find value `x` in this scope\n \
                --> src/ring/queue.rs:10:5\n  |\n10 |     x\n  |     ^ not found\n\n\
                error: could not compile `chanlab` (lib) due to 1 previous error\n";
    let error = first_error(text).unwrap();
    assert_eq!(
        error,
        [
            "error[E0425]: cannot find value `x` in this scope",
            " --> src/ring/queue.rs:10:5",
            "  |",
            "10 |     x",
            "  |     ^ not found",
        ]
    );
}

/// shuttle on the `lockfree_double_drop` seeded bug, two test threads:
/// three models fail, each printing its schedule before its panic, and a
/// corrupted heap aborts the process before libtest's closing list.
const SHUTTLE_ABORT: &str = include_str!("fixtures/shuttle-double-drop.txt");

#[test]
fn each_shuttle_failure_gets_its_message_and_schedule() {
    let found = parse(SHUTTLE_ABORT);
    let names: Vec<&str> = found.iter().filter_map(|f| f.test.as_deref()).collect();
    assert_eq!(
        names,
        [
            "lockfree::receiver_drop_dfs",
            "lockfree::receiver_drop_pct",
            "lockfree::receiver_drop_random"
        ]
    );
    assert_eq!(
        found[0].message,
        [
            "panicked at verification/shuttle/lockfree.rs:136:9:",
            "assertion `left == right` failed: each message dropped once",
            "  left: 4",
            " right: 3",
        ]
    );
    assert_eq!(
        found[0].schedule.as_deref(),
        Some("91010ff8acd19101a028aa0a")
    );
    for f in &found {
        assert!(f.schedule.as_deref().is_some_and(|s| s.starts_with("910")));
        assert!(f.message[1].ends_with("each message dropped once"));
    }
}
