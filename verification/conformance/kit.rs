//! The conformance suite: `std::sync::mpsc`'s documented behaviour, one
//! function per property, each generic over the channel constructor
//! ([`Make`](crate::kit::Make)) or over a bounded flavor and its bound.
//! chanlab runs every one of them on std itself too: std passing them is
//! what shows that they encode std's semantics and not chanlab's. The
//! [`conformance!`](crate::kit::conformance!) line makes them `#[test]`s.

#[path = "bounded.rs"]
mod bounded;
#[path = "common.rs"]
mod common;
#[path = "large.rs"]
mod large;
#[path = "rendezvous.rs"]
mod rendezvous;
#[path = "shared.rs"]
mod shared;

pub use bounded::*;
pub use common::*;
pub use large::*;
pub use rendezvous::*;
pub use shared::*;

/// The conformance suite on a channel of your own: one `#[test]` per
/// property of `std::sync::mpsc` that applies to the channel's kind, in a
/// module `NAME`; run by `cargo test` (the line expands to nothing under
/// loom and shuttle).
///
/// `KIND` is `unbounded`, `bounded(N)` (`N >= 1`) or `rendezvous`; options
/// (see [`Options`](crate::kit::Options)): `send_timeout` adds
/// `send_timeout_hands_value_back` (bounded), `len` adds
/// `len_counts_queued_messages`.
///
/// ```
/// chanlab::kit::conformance!(mutex_unbounded: chanlab::flavor::Mutex, unbounded, len);
/// chanlab::kit::conformance!(ring4: chanlab::flavor::Ring, bounded(4), send_timeout);
/// chanlab::kit::conformance!(mutex0: chanlab::flavor::Mutex, rendezvous);
/// # fn main() {
/// // Each test is a function of the suite, here called by hand:
/// use chanlab::kit::conformance;
/// conformance::send_timeout_hands_value_back::<chanlab::flavor::Ring>(4);
/// conformance::try_recv_takes_a_blocked_send::<chanlab::flavor::Mutex>();
/// # }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_conformance {
    ($name:ident : $flavor:ty, unbounded $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__unbounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_on_std! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                $crate::__kit_conformance_tests!(shared $crate::kit::Unb<$flavor>);
                $crate::__kit_conformance_tests!(large $crate::kit::Unb<$flavor>);
                $($crate::__kit_conformance_tests!(@$opt unbounded $flavor, 0);)*
            }
        }
    };
    ($name:ident : $flavor:ty, bounded($cap:expr) $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_on_std! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                $crate::__kit_conformance_tests!(shared $crate::kit::Bnd<$flavor, { $cap }>);
                $crate::__kit_conformance_tests!(bounded $flavor, $cap);
                $crate::__kit_conformance_tests!(large $crate::kit::Bnd<$flavor, { $cap }>);
                $($crate::__kit_conformance_tests!(@$opt bounded $flavor, $cap);)*
            }
        }
    };
    ($name:ident : $flavor:ty, rendezvous $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_on_std! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                $crate::__kit_conformance_tests!(shared $crate::kit::Bnd<$flavor, 0>);
                $crate::__kit_conformance_tests!(rendezvous $flavor);
                $crate::__kit_conformance_tests!(@each $crate::kit::Bnd<$flavor, 0>; messages_of_16_kib);
                $($crate::__kit_conformance_tests!(@$opt rendezvous $flavor, 0);)*
            }
        }
    };
}

/// The groups of conformance tests, as `#[test]`s in the current module
/// (std build only): `shared MAKE`, `bounded FLAVOR, CAP`, `rendezvous
/// FLAVOR`, `large MAKE`. chanlab's own conformance target lays them out
/// under its historical module names with this macro.
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_conformance_tests {
    (shared $make:ty) => {
        $crate::__kit_conformance_tests!(@each $make;
            fifo_one_producer, exactly_once_many_producers, drains_after_senders_drop,
            send_after_receiver_drop_hands_value_back, try_recv_empty_then_disconnected,
            recv_timeout_variants, blocked_recv_woken_by_send,
            blocked_recv_woken_by_last_sender_drop, iterators,
            drops_queued_messages_when_receiver_drops, drops_at_channel_drop,
            concurrent_drops_exactly_once, zero_sized_messages, large_messages);
    };
    (large $make:ty) => {
        $crate::__kit_conformance_tests!(@each $make; messages_of_16_kib, messages_of_64_kib);
    };
    (bounded $flavor:ty, $cap:expr) => {
        $crate::__kit_conformance_tests!(@cap $flavor, $cap;
            try_send_full_and_disconnected, capacity_never_exceeded,
            blocked_send_woken_by_recv, blocked_send_woken_by_receiver_drop);
    };
    (rendezvous $flavor:ty) => {
        $crate::__kit_conformance_tests!(@cap $flavor, 0;
            capacity_never_exceeded, blocked_send_woken_by_receiver_drop);
        $crate::__kit_conformance_tests!(@bare $flavor; rendezvous,
            try_recv_takes_a_blocked_send, polling_drains_every_blocked_sender,
            zero_timeout_takes_a_blocked_send, try_send_needs_a_waiting_receiver);
    };
    // One `#[test]` per suite function, called as `f::<MAKE>()`, `f::<F>(CAP)` or `f::<F>()`.
    (@each $make:ty; $($test:ident),*) => {
        $crate::__kit_on_std! {$(
            #[test]
            fn $test() {
                $crate::kit::conformance::$test::<$make>()
            }
        )*}
    };
    (@cap $flavor:ty, $cap:expr; $($test:ident),*) => {
        $crate::__kit_on_std! {$(
            #[test]
            fn $test() {
                $crate::kit::conformance::$test::<$flavor>($cap)
            }
        )*}
    };
    (@bare $flavor:ty; $($test:ident),*) => {
        $crate::__kit_on_std! {$(
            #[test]
            fn $test() {
                $crate::kit::conformance::$test::<$flavor>()
            }
        )*}
    };
    // Options: `len` and `send_timeout` add a test; the others add none.
    (@len $kind:ident $flavor:ty, $cap:expr) => {
        $crate::__kit_conformance_tests!(@len_of $kind $flavor, $cap);
    };
    (@len_of unbounded $flavor:ty, $cap:expr) => {
        $crate::__kit_conformance_tests!(@each $crate::kit::Unb<$flavor>; len_counts_queued_messages);
    };
    (@len_of $kind:ident $flavor:ty, $cap:expr) => {
        $crate::__kit_conformance_tests!(@each $crate::kit::Bnd<$flavor, { $cap }>; len_counts_queued_messages);
    };
    (@send_timeout unbounded $flavor:ty, $cap:expr) => {
        compile_error!("`send_timeout` is an option of bounded channels");
    };
    (@send_timeout rendezvous $flavor:ty, $cap:expr) => {};
    (@send_timeout bounded $flavor:ty, $cap:expr) => {
        $crate::__kit_conformance_tests!(@cap $flavor, $cap; send_timeout_hands_value_back);
    };
    (@$other:ident $kind:ident $flavor:ty, $cap:expr) => {};
}
