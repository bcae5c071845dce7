//! Drop-in compatibility: a program written against `std::sync::mpsc`,
//! compiled unchanged against each chanlab channel.
//!
//! `unbounded.rs` (uses `channel()`) and `bounded.rs` (uses
//! `sync_channel(n)`) are written once and `include!`d into one module per
//! channel; the modules differ only in their `use ... as mpsc;` line. Each
//! program records what it observes (messages, error values and their
//! `Display`/`Debug` texts), and each chanlab run must record exactly what
//! the `std::sync::mpsc` run records.

#![allow(clippy::never_loop)] // the seed-style `for x in &rx { ...; break }`

mod std_mpsc {
    use std::sync::mpsc;
    include!("unbounded.rs");
    include!("bounded.rs");
}

mod mutex {
    use chanlab::mutex as mpsc;
    include!("unbounded.rs");
    include!("bounded.rs");
}

mod lockfree {
    use chanlab::lockfree as mpsc;
    include!("unbounded.rs");
}

// A bounded-only channel includes only bounded.rs. The ring has no
// rendezvous (its `sync_channel(0)` panics and names the mutex channel), so
// it runs the buffered scenarios only.
mod ring {
    use chanlab::ring as mpsc;
    include!("bounded.rs");
}

/// The std runs themselves show what is being compared.
#[test]
fn std_outputs_are_the_expected_ones() {
    let u = std_mpsc::unbounded_program();
    assert_eq!(
        u[0],
        "Send failed: sending on a closed channel / SendError { .. } / gave back 42"
    );
    assert!(u.contains(&"No message available".to_string()));
    assert!(u.contains(&"sum_two: Ok(42)".to_string()));
    assert!(u.contains(&"sum_two: Err(ChannelClosed)".to_string()));
    assert!(u.contains(&"into_iter: [30]".to_string()));
    assert!(u.contains(&"pool results: [0, 1, 4, 9, 16, 25, 36, 49]".to_string()));
    assert_eq!(u.iter().filter(|l| l.starts_with("Producer")).count(), 15);
    let b = std_mpsc::bounded_program();
    assert!(b.contains(&"full, got back 3".to_string()));
    assert!(b.contains(&"consumer got [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]".to_string()));
}

#[test]
fn mutex_unbounded_matches_std() {
    assert_eq!(mutex::unbounded_program(), std_mpsc::unbounded_program());
}

#[test]
fn mutex_bounded_matches_std() {
    assert_eq!(mutex::bounded_program(), std_mpsc::bounded_program());
}

#[test]
fn lockfree_unbounded_matches_std() {
    assert_eq!(lockfree::unbounded_program(), std_mpsc::unbounded_program());
}

#[test]
fn ring_buffered_matches_std() {
    assert_eq!(ring::buffered_program(), std_mpsc::buffered_program());
}
