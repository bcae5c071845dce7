//! lincheck, as part of the kit: generated scenarios run under a checker,
//! each history judged against the sequential specification of an MPSC
//! channel (linearizability, Herlihy and Wing 1990). The modules are the
//! files beside this one; `verification/lincheck/main.rs` describes the
//! method, and chanlab's own lincheck target runs its channels with the
//! [`lincheck!`](crate::kit::lincheck!) line.
//!
//! * [`spec`]: the sequential specification, and how rendezvous, `len()`
//!   ([`LenRule`]) and timeouts are judged;
//! * [`history`]: the recorder, and why it adds no synchronisation;
//! * [`check`]: Wing and Gong's search with Lowe's memoisation;
//! * [`scenario`]: the generated scenarios, and why every scenario
//!   terminates (so a deadlock is always a bug); [`channel`]: the channel
//!   under test, and how a scenario runs on it;
//! * [`harness`]: sizes, the summary line, the deadlock report;
//!   [`explore`]: each build's checker, and the line's test.

#[path = "channel.rs"]
pub mod channel;
#[path = "check.rs"]
pub mod check;
#[path = "explore.rs"]
pub mod explore;
#[path = "harness.rs"]
pub mod harness;
#[path = "history.rs"]
pub mod history;
#[path = "scenario.rs"]
pub mod scenario;
#[path = "spec.rs"]
pub mod spec;
#[path = "subjects.rs"]
mod subjects;
#[path = "task.rs"]
mod task;

pub use explore::run_line;
pub use spec::LenRule;

/// lincheck on a channel of your own: one `#[test]` `NAME` that generates
/// small scenarios (two sender threads, the receiver, clones and drops),
/// runs each under the build's checker and judges every history against
/// the sequential spec: under loom (every interleaving up to a preemption
/// bound) with `RUSTFLAGS="--cfg chanlab_loom" cargo test --release`, under
/// shuttle (PCT schedules) with `--features chanlab/shuttle`, and as a
/// native smoke run in a plain `cargo test`.
///
/// `KIND` is `unbounded`, `bounded(N)` or `rendezvous` (the spec's
/// capacity). Options (see [`Options`](crate::kit::Options)): `len` and
/// `send_timeout` make the scenarios call them, and `recv_async` and
/// `send_async` (a channel whose handles offer them through
/// [`Rx::recv_async`](crate::flavor::Rx::recv_async) and
/// [`SyncTx::send_async`](crate::flavor::SyncTx::send_async)) add their
/// futures, awaited and polled once then dropped (a cancelled wait); `rule = LenRule::…` says how
/// `len()` and polls are judged ([`LenRule`]: `Exact` by default,
/// `CountsClaims` for a channel whose sends claim a slot before they
/// publish, which is then also judged in program order under loom,
/// `CountsBatch` for a receiver that takes messages in batches);
/// `preemption_bound = N` bounds loom. It prints `lincheck checker=<c>
/// channel=<NAME> scenarios=<s> interleavings=<i> status=<pass|fail>`; a
/// failing scenario prints its timeline, why no sequential order fits, and
/// how to run it alone (`CHANLAB_LINCHECK_ONLY`, then the checker's replay).
/// `CHANLAB_LINCHECK=full`, `CHANLAB_LINCHECK_SCENARIOS` and
/// `CHANLAB_LINCHECK_SEED` set how many scenarios and which.
///
/// ```
/// use chanlab::kit::lincheck::LenRule;
/// chanlab::kit::lincheck!(ring_2: chanlab::flavor::Ring, bounded(2), len, send_timeout,
///     rule = LenRule::CountsClaims);
/// chanlab::kit::lincheck!(mutex_0: chanlab::flavor::Mutex, rendezvous, len, recv_async,
///     send_async);
/// # fn main() {
/// // The line's test, run by hand (natively: a smoke run of the harness).
/// use chanlab::kit::{Bnd, Options, lincheck::run_line};
/// let options = Options::new().len().recv_async().send_async();
/// run_line::<Bnd<chanlab::flavor::Mutex, 0>>("mutex_0", "doc", options);
/// # }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_lincheck {
    ($name:ident : $flavor:ty, unbounded $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__unbounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_lincheck!(@test $name, $crate::kit::Unb<$flavor>, $($opt $(= $value)?),*);
    };
    ($name:ident : $flavor:ty, bounded($cap:expr) $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_lincheck!(@test $name, $crate::kit::Bnd<$flavor, { $cap }>,
            $($opt $(= $value)?),*);
    };
    ($name:ident : $flavor:ty, rendezvous $(, $opt:ident $(= $value:expr)?)* $(,)?) => {
        const _: $crate::kit::Options =
            $crate::kit::__bounded_line::<$flavor>($crate::__kit_options!($($opt $(= $value)?),*));
        $crate::__kit_lincheck!(@test $name, $crate::kit::Bnd<$flavor, 0>, $($opt $(= $value)?),*);
    };
    (@test $name:ident, $make:ty, $($opt:ident $(= $value:expr)?),*) => {
        #[test]
        fn $name() {
            const OPTIONS: $crate::kit::Options = $crate::__kit_options!($($opt $(= $value)?),*);
            let test = $crate::kit::__test_path(module_path!(), stringify!($name));
            $crate::kit::lincheck::run_line::<$make>(stringify!($name), &test, OPTIONS);
        }
    };
}
