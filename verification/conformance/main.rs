//! The conformance suite: one behaviour suite, written once, run against
//! every chanlab channel *and against `std::sync::mpsc` itself*. The std rows
//! passing is what shows that the tests encode std's semantics rather than
//! chanlab's.
//!
//! ```text
//! cargo test --test conformance            # everything
//! cargo test --test conformance mutex      # one flavor
//! cargo +nightly miri test --test conformance   # under Miri (counts shrink)
//! ```

#[macro_use]
mod extras;
mod bounded;
mod common;
mod edges;
#[allow(dead_code)] // `try_send` is for the property suite
#[path = "../make.rs"]
mod make;
mod rendezvous;
mod shared;
#[macro_use]
mod stalled;

/// The shared tests for one `Make` (a flavor's `channel()` or
/// `sync_channel(N)`).
macro_rules! shared_suite {
    ($name:ident, $make:ty) => {
        mod $name {
            use crate::shared::{self, *};
            #[allow(unused_imports)]
            use chanlab::flavor::*;
            shared_tests!($make;
                fifo_one_producer, exactly_once_many_producers, drains_after_senders_drop,
                send_after_receiver_drop_hands_value_back, try_recv_empty_then_disconnected,
                recv_timeout_variants, blocked_recv_woken_by_send,
                blocked_recv_woken_by_last_sender_drop, iterators,
                drops_queued_messages_when_receiver_drops, drops_at_channel_drop,
                concurrent_drops_exactly_once, zero_sized_messages, large_messages);
        }
    };
}

macro_rules! shared_tests {
    ($make:ty; $($test:ident),*) => {$(
        #[test]
        fn $test() {
            shared::$test::<$make>()
        }
    )*};
}

/// The bounded-only tests for flavor `$flavor` at bound `$cap` (>= 1).
macro_rules! bounded_suite {
    ($name:ident, $flavor:ty, $cap:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use chanlab::flavor::*;
            #[test]
            fn try_send_full_and_disconnected() {
                crate::bounded::try_send_full_and_disconnected::<$flavor>($cap)
            }
            #[test]
            fn capacity_never_exceeded() {
                crate::bounded::capacity_never_exceeded::<$flavor>($cap)
            }
            #[test]
            fn blocked_send_woken_by_recv() {
                crate::bounded::blocked_send_woken_by_recv::<$flavor>($cap)
            }
            #[test]
            fn blocked_send_woken_by_receiver_drop() {
                crate::bounded::blocked_send_woken_by_receiver_drop::<$flavor>($cap)
            }
        }
    };
}

macro_rules! rendezvous_tests {
    ($flavor:ty; $($test:ident),*) => {$(
        #[test]
        fn $test() {
            crate::rendezvous::$test::<$flavor>()
        }
    )*};
}

/// Rendezvous tests (`sync_channel(0)`) for flavors that offer it.
macro_rules! rendezvous_suite {
    ($name:ident, $flavor:ty) => {
        mod $name {
            #[allow(unused_imports)]
            use chanlab::flavor::*;
            #[test]
            fn rendezvous() {
                crate::bounded::rendezvous::<$flavor>()
            }
            #[test]
            fn capacity_never_exceeded() {
                crate::bounded::capacity_never_exceeded::<$flavor>(0)
            }
            #[test]
            fn blocked_send_woken_by_receiver_drop() {
                crate::bounded::blocked_send_woken_by_receiver_drop::<$flavor>(0)
            }
            rendezvous_tests!($flavor; try_recv_takes_a_blocked_send,
                polling_drains_every_blocked_sender, zero_timeout_takes_a_blocked_send,
                try_send_needs_a_waiting_receiver);
        }
    };
}

// ---- std::sync::mpsc: the oracle ----
mod std_mpsc {
    shared_suite!(unbounded, Unb<Std>);
    shared_suite!(bounded0, Bnd<Std, 0>);
    shared_suite!(bounded1, Bnd<Std, 1>);
    shared_suite!(bounded64, Bnd<Std, 64>);
    bounded_suite!(bounded_only1, Std, 1);
    bounded_suite!(bounded_only3, Std, 3);
    rendezvous_suite!(rendezvous, Std);
}

// ---- chanlab::mutex ----
mod mutex {
    shared_suite!(unbounded, Unb<Mutex>);
    shared_suite!(bounded0, Bnd<Mutex, 0>);
    shared_suite!(bounded1, Bnd<Mutex, 1>);
    shared_suite!(bounded64, Bnd<Mutex, 64>);
    bounded_suite!(bounded_only1, Mutex, 1);
    bounded_suite!(bounded_only3, Mutex, 3);
    rendezvous_suite!(rendezvous, Mutex);
    mod extras_unbounded {
        receiver_extras!(
            chanlab::mutex,
            chanlab::mutex::channel(),
            None,
            chanlab::mutex::BATCHED
        );
    }
    mod extras_bounded {
        receiver_extras!(chanlab::mutex, chanlab::mutex::sync_channel(4), Some(4));
        send_timeout_extras!(chanlab::mutex, 2);
    }
}

// ---- chanlab::lockfree ----
mod lockfree {
    shared_suite!(unbounded, Unb<Lockfree>);
    mod extras {
        receiver_extras!(chanlab::lockfree, chanlab::lockfree::channel(), None);
    }
    mod stalled {
        stalled_extras!(chanlab::lockfree, chanlab::lockfree::channel());
    }
}

// ---- chanlab::ring ----
mod ring {
    shared_suite!(bounded1, Bnd<Ring, 1>);
    shared_suite!(bounded2, Bnd<Ring, 2>);
    shared_suite!(bounded3, Bnd<Ring, 3>);
    shared_suite!(bounded64, Bnd<Ring, 64>);
    bounded_suite!(bounded_only1, Ring, 1);
    bounded_suite!(bounded_only2, Ring, 2);
    bounded_suite!(bounded_only3, Ring, 3);
    bounded_suite!(bounded_only64, Ring, 64);
    mod extras_bounded {
        receiver_extras!(chanlab::ring, chanlab::ring::sync_channel(4), Some(4));
        send_timeout_extras!(chanlab::ring, 2);
    }
    mod stalled {
        stalled_extras!(chanlab::ring, chanlab::ring::sync_channel(4));
    }
    #[test]
    #[should_panic(expected = "chanlab::mutex::sync_channel(0)")]
    fn zero_capacity_points_to_the_rendezvous_channel() {
        let _ = chanlab::ring::sync_channel::<u8>(0);
    }
    #[test]
    #[should_panic(expected = "capacity above the limit")]
    fn huge_capacity_panics_before_allocating() {
        let _ = chanlab::ring::sync_channel::<u8>(usize::MAX / 2);
    }
    /// Just above the limit, `sync_channel` panics with a message naming
    /// it, not with an allocator's "capacity overflow" or abort.
    #[test]
    fn capacity_just_above_the_limit_panics_naming_it() {
        use chanlab::ring::MAX_CAPACITY;
        assert_eq!(MAX_CAPACITY, (1 << (usize::BITS - 5)) - 1);
        let caught =
            std::panic::catch_unwind(|| chanlab::ring::sync_channel::<u8>(MAX_CAPACITY + 1));
        let payload = caught.expect_err("a bound above the limit panics");
        let msg = payload
            .downcast_ref::<String>()
            .expect("a formatted message");
        assert!(
            msg.contains(&format!("limit of {MAX_CAPACITY} slots")),
            "{msg}"
        );
    }
}
