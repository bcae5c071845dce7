//! Build-it labs: two classic MPSC channels, each written against
//! [`chanlab::sync`] and checked by every suite of `chanlab::kit`.
//!
//! | lab | module | design |
//! |---|---|---|
//! | `vyukov` | [`vyukov`] | unbounded: Vyukov's node-based MPSC queue, a parked receiver |
//! | `condvar` | [`condvar`] | bounded (`sync_channel(n)`, `n >= 1`): one `Mutex`, one `Condvar`, waiter counts |
//!
//! Each module is a reference solution; [`starter`] holds the same designs
//! with their bodies left `todo!()`. `tests/labs.rs` names every lab (one
//! `lab!` line each), and `cargo verify --lab NAME` runs its suites.

pub mod condvar;
pub mod starter;
pub mod vyukov;
