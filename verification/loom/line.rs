//! The kit's `loom_models!` line (compiled in every build, expanding to
//! models only under `--cfg chanlab_loom`; the models are in `models.rs`).

/// The loom models that fit any channel, on a channel of your own: one
/// `#[test]` per model that applies to the channel's kind, in a module
/// `NAME`; run by `RUSTFLAGS="--cfg chanlab_loom" cargo test --release`
/// (the line expands to nothing in other builds).
///
/// Each model prints `loom-model name=<test path> iterations=<n>
/// bound=<b>`; a failing one prints how to replay its interleaving from
/// loom's checkpoint file. Every kind gets the hand-off, both
/// disconnections, the wake-up of a waiting receiver, timed receives racing
/// a send and a disconnect, and drops racing sends (each message dropped
/// once); `bounded(N)` adds a full channel's blocked senders (woken by a
/// receive, by the receiver's drop), `rendezvous` the hand-over to polling
/// receives. Options (see [`Options`](crate::kit::Options)):
/// `preemption_bound = N` explores every model with at most `N`
/// preemptions (the default is each model's own: exhaustive, or
/// `CHANLAB_LOOM_BOUND`, 3 unless set); `len` adds
/// `len_is_zero_after_a_send_saw_the_receiver_gone` (not on a rendezvous
/// channel, whose `len()` may count a message being handed over);
/// `send_timeout` adds `send_timeout_races_recv` (bounded) or
/// `rendezvous_send_timeout_races_try_recv`.
///
/// ```
/// chanlab::kit::loom_models!(mutex_unbounded: chanlab::flavor::Mutex, unbounded, len);
/// chanlab::kit::loom_models!(ring1: chanlab::flavor::Ring, bounded(1), preemption_bound = 2);
/// # fn main() {
/// // Outside `--cfg chanlab_loom` the lines above expand to nothing.
/// assert!(!chanlab::sync::CHECKER);
/// # }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_loom_models {
    ($name:ident : $flavor:ty, unbounded $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__unbounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_on_loom! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                const OPTIONS: $crate::kit::Options = $crate::__kit_options!($($opt $(= $value)?),*);
                $crate::__kit_loom_models!(@any $crate::kit::Unb<$flavor>);
                $($crate::__kit_loom_models!(@$opt unbounded $flavor, 0);)*
            }
        }
    };
    ($name:ident : $flavor:ty, bounded($cap:expr) $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_on_loom! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                const OPTIONS: $crate::kit::Options = $crate::__kit_options!($($opt $(= $value)?),*);
                $crate::__kit_loom_models!(@any $crate::kit::Bnd<$flavor, { $cap }>);
                $crate::__kit_loom_models!(@cap $flavor, $cap;
                    receiver_drop_wakes_blocked_sender, blocked_sender_woken_by_recv,
                    two_senders_race_for_room, receiver_drop_wakes_every_blocked_sender);
                $($crate::__kit_loom_models!(@$opt bounded $flavor, $cap);)*
            }
        }
    };
    ($name:ident : $flavor:ty, rendezvous $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_on_loom! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                const OPTIONS: $crate::kit::Options = $crate::__kit_options!($($opt $(= $value)?),*);
                $crate::__kit_loom_models!(@any $crate::kit::Bnd<$flavor, 0>);
                $crate::__kit_loom_models!(@cap $flavor, 0;
                    receiver_drop_wakes_blocked_sender, receiver_drop_wakes_every_blocked_sender);
                $crate::__kit_loom_models!(@flavor $flavor; rendezvous_handshake,
                    rendezvous_try_recv_takes_blocked_send,
                    rendezvous_zero_timeout_takes_blocked_send);
                $($crate::__kit_loom_models!(@$opt rendezvous $flavor, 0);)*
            }
        }
    };
    // The models of every kind.
    (@any $make:ty) => {
        $crate::__kit_loom_models!(@make $make; handoff, send_wakes_parking_receiver,
            last_sender_drop_wakes_receiver, disconnection_publishes_the_senders_writes,
            recv_timeout_races_send, recv_timeout_races_disconnect, clone_drop_race,
            receiver_drop_while_sender_writes, drop_channel_with_messages_in_flight,
            receiver_drop_races_send);
    };
    // One `#[test]` per model, called as `m::<MAKE>(name, OPTIONS)`,
    // `m::<F>(CAP, name, OPTIONS)` or `m::<F>(name, OPTIONS)`.
    (@make $make:ty; $($model:ident),*) => {$(
        #[test]
        fn $model() {
            let name = $crate::kit::__test_path(module_path!(), stringify!($model));
            $crate::kit::loom::models::$model::<$make>(&name, OPTIONS);
        }
    )*};
    (@cap $flavor:ty, $cap:expr; $($model:ident),*) => {$(
        #[test]
        fn $model() {
            let name = $crate::kit::__test_path(module_path!(), stringify!($model));
            $crate::kit::loom::models::$model::<$flavor>($cap, &name, OPTIONS);
        }
    )*};
    (@flavor $flavor:ty; $($model:ident),*) => {$(
        #[test]
        fn $model() {
            let name = $crate::kit::__test_path(module_path!(), stringify!($model));
            $crate::kit::loom::models::$model::<$flavor>(&name, OPTIONS);
        }
    )*};
    // Options that add a model; the others add none.
    (@len unbounded $flavor:ty, $cap:expr) => {
        $crate::__kit_loom_models!(@make $crate::kit::Unb<$flavor>;
            len_is_zero_after_a_send_saw_the_receiver_gone);
    };
    (@len bounded $flavor:ty, $cap:expr) => {
        $crate::__kit_loom_models!(@make $crate::kit::Bnd<$flavor, { $cap }>;
            len_is_zero_after_a_send_saw_the_receiver_gone);
    };
    (@send_timeout unbounded $flavor:ty, $cap:expr) => {
        compile_error!("`send_timeout` is an option of bounded channels");
    };
    (@send_timeout bounded $flavor:ty, $cap:expr) => {
        $crate::__kit_loom_models!(@cap $flavor, $cap; send_timeout_races_recv);
    };
    (@send_timeout rendezvous $flavor:ty, $cap:expr) => {
        $crate::__kit_loom_models!(@flavor $flavor; rendezvous_send_timeout_races_try_recv);
    };
    (@$other:ident $kind:ident $flavor:ty, $cap:expr) => {};
}
