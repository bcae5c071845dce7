//! Toy bugs, one per checker, for the book's chapter on the checkers.
//!
//! Each toy is a few lines of deliberately broken concurrent code next to its
//! fix. Every test asserts that the checker *reports* the broken version (and,
//! where it applies, accepts the fixed one), then prints what the checker said,
//! which `book/generate.sh` captures into the book. The same target is built
//! three ways, because each checker needs its own build:
//!
//! ```text
//! cargo test --test toys proptest                            # proptest
//! cargo test --release --features shuttle --test toys shuttle  # shuttle
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test toys loom
//! ```
//!
//! The loom deadlock toy re-runs itself in a child process, because loom may
//! abort after a deadlock report. The Miri toy is a separate program,
//! `book/listings/miri-toy`, because Miri runs whole programs on nightly.
//! `store_buffering` is the one toy run on the real CPU: the two-flag
//! program, counted over many trials (`cargo test --release --test toys
//! store_buffering -- --nocapture`).

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};

#[cfg(chanlab_loom)]
mod loom_deadlock;
#[cfg(chanlab_loom)]
mod loom_toy;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod proptest_toy;
#[cfg(chanlab_loom)]
mod release_sequence;
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
mod shuttle_toy;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod store_buffering;
// Under loom its tests; natively `store_buffering` runs its
// `raise_then_look` on the real CPU (the rest is the Miri wrapper's).
#[cfg(any(chanlab_loom, not(feature = "shuttle")))]
#[cfg_attr(not(chanlab_loom), allow(dead_code))]
mod two_flags;

/// Runs `f`, which must panic (a checker reporting a bug panics), and returns
/// the panic message. Fails the test if `f` returns normally.
pub fn expect_report(f: impl FnOnce()) -> String {
    match panic::catch_unwind(AssertUnwindSafe(f)) {
        Ok(()) => panic!("the checker did not report the bug"),
        Err(payload) => message(payload),
    }
}

fn message(payload: Box<dyn Any + Send>) -> String {
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else {
        "<non-string panic payload>".to_string()
    }
}
