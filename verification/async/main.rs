//! The async API of every chanlab channel: `recv_async`, `send_async` and
//! `stream`.
//!
//! ```text
//! cargo test --test async                                   # native
//! cargo +nightly miri test --test async                     # Miri (no tokio)
//! RUSTFLAGS="--cfg chanlab_loom" cargo test --release --target-dir target/loom --test async
//! cargo test --release --features shuttle --test async
//! ```
//!
//! Natively: the channels' behaviour through the async API on a small
//! executor and on tokio's runtimes (`conformance.rs`), the cancellation
//! contract clause by clause (`cancel.rs`), threads and tasks on one
//! channel in every combination (`interop.rs`), and the futures' auto
//! traits (`traits.rs`). Under loom (`loom.rs`) and shuttle
//! (`shuttle.rs`): models of the races between a task's registration and
//! the other side's wake-up, per channel.

#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod cancel;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod common;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod conformance;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod exec;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod flavors;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod interop;
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod traits;

#[cfg(chanlab_loom)]
mod loom;
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
mod shuttle;

/// `#[test] fn name() { module::name::<$chan>() }` for each name.
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
macro_rules! tests {
    ($chan:ty; $($module:ident::{$($test:ident),* $(,)?}),* $(,)?) => {$($(
        #[test]
        fn $test() {
            crate::$module::$test::<$chan>()
        }
    )*)*};
}

/// What every channel is tested for (the receive side).
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
macro_rules! recv_suite {
    ($chan:ty) => {
        tests!($chan;
            conformance::{
                fifo_then_disconnected, while_let_loop_many_producers, stream_yields_then_ends,
                recv_pending_then_woken_by_send, recv_woken_by_last_sender_drop,
            },
            cancel::{
                dropped_recv_loses_no_message, woken_then_dropped_recv_loses_no_message,
                dropped_recv_leaves_no_waker, recv_repolled_wakes_the_new_waker,
            },
            interop::{threads_send_receiver_alternates},
        );
        #[cfg(not(miri))]
        tests!($chan; interop::{tokio_stream_in_spawned_task});
    };
}

/// What every bounded channel (`send_async`) is tested for, bound >= 1.
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
macro_rules! send_suite {
    ($chan:ty) => {
        tests!($chan;
            conformance::{
                send_pending_then_woken_by_recv, send_woken_by_receiver_drop,
                send_after_receiver_drop, tasks_send_task_receives,
            },
            cancel::{
                dropped_send_drops_its_message_once, dropped_woken_send_passes_the_wake_on,
                dropped_woken_send_leaves_the_slot_to_a_thread, send_repolled_wakes_the_new_waker,
            },
            interop::{task_sends_thread_receives, threads_and_tasks_send_receiver_alternates},
        );
        #[cfg(not(miri))]
        tests!($chan; interop::{tokio_tasks_and_threads});
    };
}

#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod mutex {
    mod unbounded {
        recv_suite!(crate::flavors::MutexUnbounded);
    }
    mod bounded_1 {
        recv_suite!(crate::flavors::MutexBounded<1>);
        send_suite!(crate::flavors::MutexBounded<1>);
    }
    mod bounded_3 {
        recv_suite!(crate::flavors::MutexBounded<3>);
        send_suite!(crate::flavors::MutexBounded<3>);
    }
    mod rendezvous {
        type Chan = crate::flavors::MutexBounded<0>;
        recv_suite!(Chan);
        tests!(Chan;
            conformance::{
                send_after_receiver_drop, tasks_send_task_receives,
                rendezvous_send_completes_when_taken,
            },
            cancel::{
                dropped_offer_is_withdrawn, taken_offer_survives_the_drop,
                handed_message_survives_a_dropped_recv,
            },
            interop::{task_sends_thread_receives, threads_and_tasks_send_receiver_alternates},
        );
        #[cfg(not(miri))]
        tests!(Chan; interop::{tokio_tasks_and_threads});
    }
}

#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod lockfree {
    recv_suite!(crate::flavors::Lockfree);
}

#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
mod ring {
    mod capacity_1 {
        recv_suite!(crate::flavors::Ring<1>);
        send_suite!(crate::flavors::Ring<1>);
    }
    mod capacity_4 {
        recv_suite!(crate::flavors::Ring<4>);
        send_suite!(crate::flavors::Ring<4>);
    }
}
