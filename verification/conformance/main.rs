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
//!
//! The suite's tests are the kit's (`chanlab::kit::conformance`, whose
//! files are the ones beside this one: `shared.rs`, `bounded.rs`,
//! `rendezvous.rs`, `large.rs`), laid out here by channel and bound with
//! the kit's groups of tests. What only chanlab's channels have (`len`,
//! `capacity`, `recv_deadline`, the stalled-sender hook, a panicking `Drop`
//! while the receiver drops, the ring's limits) is in `extras.rs`,
//! `stalled.rs` and `edges.rs`.

mod edges;
#[macro_use]
mod extras;
#[macro_use]
mod stalled;

/// The kit's shared tests for one constructor (a flavor's `channel()` or
/// `sync_channel(N)`), in module `$name`.
macro_rules! shared_suite {
    ($name:ident, $make:ty) => {
        #[allow(unused_imports)]
        mod $name {
            use chanlab::flavor::*;
            use chanlab::kit::{Bnd, Unb};
            chanlab::__kit_conformance_tests!(shared $make);
        }
    };
}

/// The kit's bounded-only tests for flavor `$flavor` at bound `$cap` (>= 1).
macro_rules! bounded_suite {
    ($name:ident, $flavor:ty, $cap:expr) => {
        #[allow(unused_imports)]
        mod $name {
            use chanlab::flavor::*;
            chanlab::__kit_conformance_tests!(bounded $flavor, $cap);
        }
    };
}

/// The kit's rendezvous tests (`sync_channel(0)`) for flavors that offer it.
macro_rules! rendezvous_suite {
    ($name:ident, $flavor:ty) => {
        #[allow(unused_imports)]
        mod $name {
            use chanlab::flavor::*;
            chanlab::__kit_conformance_tests!(rendezvous $flavor);
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
            Unb<Mutex>,
            chanlab::mutex::channel(),
            None,
            chanlab::mutex::BATCHED
        );
    }
    mod extras_bounded {
        receiver_extras!(
            chanlab::mutex,
            Bnd<Mutex, 4>,
            chanlab::mutex::sync_channel(4),
            Some(4)
        );
        send_timeout_extras!(Mutex, 2);
    }
}

// ---- chanlab::lockfree ----
mod lockfree {
    shared_suite!(unbounded, Unb<Lockfree>);
    mod extras {
        receiver_extras!(
            chanlab::lockfree,
            Unb<Lockfree>,
            chanlab::lockfree::channel(),
            None
        );
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
        receiver_extras!(
            chanlab::ring,
            Bnd<Ring, 4>,
            chanlab::ring::sync_channel(4),
            Some(4)
        );
        send_timeout_extras!(Ring, 2);
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
