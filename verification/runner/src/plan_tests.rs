//! Which tests each channel's steps select.

use super::CHANNELS;

/// libtest's filter rule: a test runs if its name contains any filter.
fn owners(test: &str) -> Vec<&'static str> {
    CHANNELS
        .iter()
        .filter(|c| c.conformance.iter().any(|f| test.contains(f)))
        .map(|c| c.name)
        .collect()
}

#[test]
fn every_conformance_test_has_one_channel() {
    for (test, channel) in [
        ("std_mpsc::bounded0::fifo_one_producer", "std"),
        ("edges::messages_of_16_kib::std_bounded0", "std"),
        ("edges::messages_of_64_kib::std_unbounded", "std"),
        ("mutex::extras_bounded::std_error_interop", "mutex"),
        (
            "edges::panicking_drop_with_senders_gone::mutex_bounded8",
            "mutex",
        ),
        ("lockfree::extras::std_error_interop", "lockfree"),
        (
            "edges::panicking_drop_with_senders_alive::lockfree",
            "lockfree",
        ),
        ("ring::extras_bounded::std_error_interop", "ring"),
        ("edges::messages_of_16_kib::ring64", "ring"),
        ("edges::ring_len_within_capacity_3", "ring"),
    ] {
        assert_eq!(owners(test), [channel], "{test}");
    }
}
