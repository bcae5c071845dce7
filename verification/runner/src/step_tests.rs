//! How the runner reads the tools' output.

use super::{Parse, explored};

/// Two Miri seeds sharing stdout: the second summary lands after a test
/// name the other seed had half-printed.
const INTERLEAVED: &str = "\
running 80 tests
running 80 tests
test ring::a ... ok
test ring::b ... test result: ok. 80 passed; 0 failed; 0 ignored; 0 measured; 162 filtered out; finished in 125.30s
ok
test result: ok. 80 passed; 0 failed; 0 ignored; 0 measured; 162 filtered out; finished in 126.40s
";

#[test]
fn seeds_count_each_seeds_tests_once() {
    let (what, n) = explored(Parse::Seeds(2), INTERLEAVED);
    assert_eq!(what, "80 tests × 2 seeds");
    assert_eq!(n, 160);
}

#[test]
fn tests_sum_every_summary_even_one_that_follows_other_text() {
    let (what, n) = explored(Parse::Tests, INTERLEAVED);
    assert_eq!(what, "160 tests");
    assert_eq!(n, 160);
}

/// Two Miri seeds whose summaries interleave piece by piece: both verdicts
/// first, then both counts (seen in CI).
const SPLIT_SUMMARIES: &str = "\
test ring::z - should panic ... test ring::z - should panic ... ok
test result: okok
. 86 passed; 0 failed; 0 ignored; 0 measured; 213 filtered out
test result: ok; finished in 128.74s
. 86 passed; 0 failed; 0 ignored; 0 measured; 213 filtered out; finished in 127.86s
";

#[test]
fn seeds_count_summaries_split_between_seeds() {
    let (what, n) = explored(Parse::Seeds(2), SPLIT_SUMMARIES);
    assert_eq!(what, "86 tests × 2 seeds");
    assert_eq!(n, 172);
    let (_, n) = explored(Parse::Tests, SPLIT_SUMMARIES);
    assert_eq!(n, 172);
}

#[test]
fn no_summary_is_nothing_explored() {
    let (_, n) = explored(Parse::Seeds(2), "error: could not compile\n");
    assert_eq!(n, 0);
}

#[test]
fn lincheck_counts_scenarios_per_exhaustive_bound() {
    let text = "lincheck-scenario checker=loom channel=ring-1 index=0 interleavings=603508 bound=0 time=40.1\n\
                lincheck checker=loom channel=ring-1 scenarios=8 interleavings=900000 bounds=0:1,2:7 status=pass time=70.0\n\
                lincheck checker=loom channel=ring-2 scenarios=8 interleavings=100000 bounds=2:8 status=pass time=9.0\n";
    let (what, n) = explored(Parse::Lincheck, text);
    assert_eq!(n, 16);
    assert_eq!(
        what,
        "16 scenarios, 1,000,000 executions (15 at bound 2, 1 at bound 0)"
    );
}
