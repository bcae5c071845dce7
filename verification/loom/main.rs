//! loom models of every chanlab channel.
//!
//! Built only with the loom arm of the facade:
//!
//! ```text
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test loom
//! ```
//!
//! The harness and the models that fit any channel are the kit's
//! (`chanlab::kit::loom`, in `kit.rs` and `models.rs` beside this file):
//! each channel's module runs them under the names the book and the tables
//! cite, next to the models of its own design (the lock-free list's blocks,
//! the ring's laps and naive layout, the stalled-sender hook).
//!
//! Each model is run by [`check`], which prints one line per model with the
//! number of executions loom explored, so that `cargo verify` can report how
//! much was checked, not only that it passed. A model is either
//! [`Kind::Exhaustive`] (every interleaving and every permitted value of every
//! load) or [`Kind::Bounded`] (the same, with at most `CHANLAB_LOOM_BOUND`
//! preemptions per execution: 3 in `cargo verify`, 2 in `cargo verify --quick`),
//! or [`Kind::AtMost`] (a fixed bound, for a model whose bug needs few
//! preemptions but whose state space explodes with more).
#![cfg(chanlab_loom)]

pub use chanlab::kit::loom::{
    Counted, Kind, Note, Outcomes, check, disconnection_publishes, last_senders_leave,
    len_after_disconnection,
};

mod lockfree;
mod mutex;
mod ring;
mod stall;
