//! Failing tests, schedules and seeds, read from real tool output (cut
//! down: backtraces and passing tests removed).

use super::parse;

/// shuttle on `mutex_send_if_not_while` (libtest capturing output): two
/// tests fail; each section prints its schedule before the panic, then
/// shuttle prints a longer schedule again while unwinding.
const SHUTTLE: &str = r#"running 20 tests
test mutex::bounded1_four_senders_pct ... FAILED
test mutex::bounded1_receiver_drop_dfs ... ok
test mutex::bounded2_three_senders_random ... FAILED

failures:

---- mutex::bounded1_four_senders_pct stdout ----
Task failed, serializing schedule
test panicked in task 'main-thread'
failing schedule:
"
910351f1d9b1d5bdd8868cb80100002222020000606600808800008088880000808888000080
88880000808888004040440488880800
"
pass that string to `shuttle::replay` to replay the failure

thread 'mutex::bounded1_four_senders_pct' (17614) panicked at verification/shuttle/mutex.rs:37:9:
bound Some(1) exceeded
note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.
failing schedule:
"
910354f1d9b1d5bdd8868cb80100002222020000606600808800008088880000808888000080
8888000080888800404044048888080000
"
pass that string to `shuttle::replay` to replay the failure
test panicked in task 'main-thread'

---- mutex::bounded2_three_senders_random stdout ----
Task failed, serializing schedule
test panicked in task 'main-thread'
failing schedule:
"
91023cf7b4b2ccd3a285b3ed01002040922091040003000800b24c10860d10206d4a1200
"
pass that string to `shuttle::replay` to replay the failure

thread 'mutex::bounded2_three_senders_random' (17621) panicked at verification/shuttle/mutex.rs:37:9:
bound Some(2) exceeded


failures:
    mutex::bounded1_four_senders_pct
    mutex::bounded2_three_senders_random

test result: FAILED. 18 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 9.83s
"#;

#[test]
fn shuttle_failures_get_the_schedule_printed_before_their_panic() {
    let found = parse(SHUTTLE);
    let names: Vec<_> = found.iter().map(|f| f.test.as_deref().unwrap()).collect();
    assert_eq!(
        names,
        [
            "mutex::bounded1_four_senders_pct",
            "mutex::bounded2_three_senders_random"
        ]
    );
    assert_eq!(
        found[0].schedule.as_deref(),
        Some(
            "910351f1d9b1d5bdd8868cb80100002222020000606600808800008088880000808888000080\
             88880000808888004040440488880800"
        )
    );
    assert_eq!(
        found[1].schedule.as_deref(),
        Some("91023cf7b4b2ccd3a285b3ed01002040922091040003000800b24c10860d10206d4a1200")
    );
}

/// Miri with `-Zmiri-many-seeds=0..4` on a test with a data race: the
/// process ends at the undefined behaviour, so libtest never reports the
/// test; Miri names the seed.
const MIRI: &str = "\
running 1 test
running 1 test
test racy ... test racy ... error: Undefined Behavior: Data race detected between (1) non-atomic write on thread `racy` and (2) non-atomic write on thread `unnamed-2` at alloc1
 --> src/lib.rs:4:44
  = help: this indicates a bug in the program: it performed an invalid operation, and caused Undefined Behavior
FAILING SEED: 3
error: test failed, to rerun pass `--lib`
";

#[test]
fn miri_failure_names_the_cut_off_test_and_its_seed() {
    let found = parse(MIRI);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].test.as_deref(), Some("racy"));
    assert_eq!(found[0].seed, Some(3));
    assert_eq!(
        found[0].message[..2],
        [
            "error: Undefined Behavior: Data race detected between (1) non-atomic write \
             on thread `racy` and (2) non-atomic write on thread `unnamed-2` at alloc1",
            " --> src/lib.rs:4:44"
        ]
    );
}

#[test]
fn a_passing_run_has_no_failures() {
    let ok =
        "running 2 tests\ntest a ... ok\ntest b ... ok\n\ntest result: ok. 2 passed; 0 failed\n";
    assert!(parse(ok).is_empty());
}

/// A native test that never ends: libtest's warning names it.
#[test]
fn a_hang_names_the_tests_libtest_warned_about() {
    let text = "running 79 tests\n\
                test mutex::bounded1::many_senders ... ok\n\
                test mutex::bounded0::rendezvous_handoff has been running for over 60 seconds\n\
                stopped: no end after 120 s\n";
    let found = parse(text);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].test.as_deref(),
        Some("mutex::bounded0::rendezvous_handoff")
    );
}

/// loom on `lockfree_relaxed_publish`: the model panics with a causality
/// violation, panics again while unwinding, and the process aborts before
/// libtest reports anything; the test thread's name is the test's.
const LOOM_ABORT: &str = "\
     Running verification/loom/main.rs (target/loom/release/deps/loom-32b67453e06e6a8a)

running 39 tests

thread 'lockfree::blocks::len_counts_only_claimed_messages' (15259) panicked at loom-0.7.3/src/rt/location.rs:115:9:
Causality violation: Concurrent read and write accesses.

thread 'lockfree::blocks::len_counts_only_claimed_messages' (15259) panicked at library/core/src/panicking.rs:233:5:
panic in a destructor during cleanup
thread caused non-unwinding panic. aborting.
error: test failed, to rerun pass `--test loom`

Caused by:
  process didn't exit successfully: `target/loom/release/deps/loom-32b67453e06e6a8a` (signal: 6, SIGABRT: process abort signal)
";

#[test]
fn a_loom_abort_names_the_test_whose_thread_panicked() {
    let found = parse(LOOM_ABORT);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].test.as_deref(),
        Some("lockfree::blocks::len_counts_only_claimed_messages")
    );
}

/// Miri (two seeds) on `lockfree_double_drop`: both seeds hit undefined
/// behaviour in one test; its name was printed by each seed, never
/// followed by a result, and stdout reached the runner after stderr.
const MIRI_DOUBLE_DROP: &str = "\
    = note: this is on thread `unnamed-13`
FAILING SEED: 1
note: some details are omitted, run with `MIRIFLAGS=-Zmiri-backtrace=full` for a verbose backtrace
FAILING SEED: 0
error: test failed, to rerun pass `--test conformance`

Caused by:
  process didn't exit successfully: `cargo-miri runner target/miri/x86_64-unknown-linux-gnu/debug/deps/conformance-e7fb817faafc49b9 'lockfree::'` (exit status: 1)
note: test exited abnormally; to see the full output pass --no-capture to the harness.

running 20 tests

running 20 tests
test lockfree::unbounded::capacity_is_none ... ok
test lockfree::unbounded::capacity_is_none ... ok
test lockfree::unbounded::concurrent_drops_exactly_once ... test lockfree::unbounded::concurrent_drops_exactly_once ... 
";

#[test]
fn miri_abort_names_the_test_no_seed_finished() {
    let found = parse(MIRI_DOUBLE_DROP);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].test.as_deref(),
        Some("lockfree::unbounded::concurrent_drops_exactly_once")
    );
    assert_eq!(found[0].seed, Some(1));
}

/// proptest on a channel whose bound lets one message too many in: the
/// shrunk case is pretty-printed over several lines.
const PROPTEST: &str = "\
running 1 test
test mutex_bounded1::matches_model ... FAILED

failures:

---- mutex_bounded1::matches_model stdout ----

thread 'mutex_bounded1::matches_model' (13837) panicked at verification/props/main.rs:182:1:
Test failed: assertion failed: `(left == right)` 
  left: `Ok(())`,
 right: `Err(TrySendError::Full(..))` at verification/props/main.rs:98.
minimal failing input: ops = [
    Send(
        0,
    ),
    TrySend(
        0,
    ),
]
\tsuccesses: 0
\tlocal rejects: 0
\tglobal rejects: 0


failures:
    mutex_bounded1::matches_model

test result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 29 filtered out; finished in 0.19s
";

#[test]
fn proptest_failure_carries_its_shrunk_case_on_one_line() {
    let found = parse(PROPTEST);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].test.as_deref(),
        Some("mutex_bounded1::matches_model")
    );
    assert_eq!(
        found[0].minimal.as_deref(),
        Some("ops = [Send(0), TrySend(0)]")
    );
}
