//! The kit's `shuttle_models!` line (compiled in every build, expanding to
//! models only with the `shuttle` feature; the bodies are in `models.rs`).

/// The shuttle schedules of the models that fit any channel, on a channel
/// of your own: one `#[test]` per model and scheduler, in a module `NAME`;
/// run by `cargo test --release --features chanlab/shuttle` (the line
/// expands to nothing in other builds).
///
/// Each test prints `shuttle-model name=<test path> scheduler=<s>
/// schedules=<n>` (`CHANLAB_SHUTTLE_ITERS` schedules per random or PCT run,
/// 10 000 unless set; DFS runs every schedule); a failing one prints how to
/// replay shuttle's failing schedule with `CHANLAB_SHUTTLE_REPLAY`. Every
/// kind gets many senders under random and PCT schedules, the receiver's
/// drop while senders send, and the last sender's drop; `unbounded` adds
/// two DFS models (a polled hand-off, a drop racing three sends);
/// `bounded(N)` adds calls of every kind against a small channel
/// (`send_timeout` among them with option `send_timeout`), a blocked
/// sender's message handed back, and two `try_send`s racing for the last
/// slot under DFS.
///
/// ```
/// chanlab::kit::shuttle_models!(mutex_unbounded: chanlab::flavor::Mutex, unbounded);
/// chanlab::kit::shuttle_models!(ring2: chanlab::flavor::Ring, bounded(2), send_timeout);
/// # fn main() {
/// // Without the `shuttle` feature the lines above expand to nothing.
/// assert!(!chanlab::sync::CHECKER);
/// # }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_shuttle_models {
    ($name:ident : $flavor:ty, unbounded $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__unbounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_shuttle_models!(@mod $name, $($opt $(= $value)?),*;
            three_senders_random = random many_senders::<$crate::kit::Unb<$flavor>>(3, 30, OPTIONS);
            three_senders_pct = pct many_senders::<$crate::kit::Unb<$flavor>>(3, 30, OPTIONS);
            receiver_drop_random = random receiver_drop::<$crate::kit::Unb<$flavor>>(3, 20, 10);
            receiver_drop_pct = pct receiver_drop::<$crate::kit::Unb<$flavor>>(3, 20, 10);
            last_sender_drop_random = random last_sender_drop::<$crate::kit::Unb<$flavor>>();
            one_sender_polled_dfs = dfs one_sender_polled::<$crate::kit::Unb<$flavor>>();
            receiver_drop_while_sending_dfs =
                dfs receiver_drop_while_sending::<$crate::kit::Unb<$flavor>>());
    };
    ($name:ident : $flavor:ty, bounded($cap:expr) $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_shuttle_models!(@mod $name, $($opt $(= $value)?),*;
            three_senders_random = random many_senders::<$crate::kit::Bnd<$flavor, { $cap }>>(3, 30, OPTIONS);
            four_senders_pct = pct many_senders::<$crate::kit::Bnd<$flavor, { $cap }>>(4, 25, OPTIONS);
            receiver_drop_pct = pct receiver_drop::<$crate::kit::Bnd<$flavor, { $cap }>>(3, 20, 10);
            last_sender_drop_random =
                random last_sender_drop::<$crate::kit::Bnd<$flavor, { $cap }>>();
            mixed_calls_random = random mixed_calls::<$flavor>(3, 30, $cap, OPTIONS);
            mixed_calls_pct = pct mixed_calls::<$flavor>(3, 30, $cap, OPTIONS);
            blocked_sender_receiver_drop_pct = pct blocked_sender_receiver_drop::<$flavor>($cap);
            two_try_senders_last_slot_dfs = dfs two_try_senders_last_slot::<$flavor>($cap));
    };
    ($name:ident : $flavor:ty, rendezvous $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_shuttle_models!(@mod $name, $($opt $(= $value)?),*;
            two_senders_random = random many_senders::<$crate::kit::Bnd<$flavor, 0>>(2, 10, OPTIONS);
            two_senders_pct = pct many_senders::<$crate::kit::Bnd<$flavor, 0>>(2, 10, OPTIONS);
            receiver_drop_pct = pct receiver_drop::<$crate::kit::Bnd<$flavor, 0>>(2, 10, 5);
            last_sender_drop_random = random last_sender_drop::<$crate::kit::Bnd<$flavor, 0>>();
            blocked_sender_receiver_drop_pct = pct blocked_sender_receiver_drop::<$flavor>(0));
    };
    // A module `$name` of tests `test = scheduler model::<T>(args)`.
    (@mod $name:ident, $($opt:ident $(= $value:expr)?),*;
        $($test:ident = $scheduler:ident $model:ident::<$t:ty>($($arg:expr),*));*) => {
        $crate::__kit_on_shuttle! {
            #[allow(unused_imports)]
            mod $name {
                use super::*;
                const OPTIONS: $crate::kit::Options = $crate::__kit_options!($($opt $(= $value)?),*);
                $($crate::__kit_shuttle_models!(@test $test = $scheduler
                    $crate::kit::shuttle::models::$model::<$t>($($arg),*));)*
            }
        }
    };
    (@test $test:ident = random $call:expr) => {
        #[test]
        fn $test() {
            let name = $crate::kit::__test_path(module_path!(), stringify!($test));
            $crate::kit::shuttle::random(&name, || $call);
        }
    };
    (@test $test:ident = pct $call:expr) => {
        #[test]
        fn $test() {
            let name = $crate::kit::__test_path(module_path!(), stringify!($test));
            $crate::kit::shuttle::pct(&name, 3, || $call);
        }
    };
    (@test $test:ident = dfs $call:expr) => {
        #[test]
        fn $test() {
            let name = $crate::kit::__test_path(module_path!(), stringify!($test));
            $crate::kit::shuttle::dfs(&name, || $call);
        }
    };
}
