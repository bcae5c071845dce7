//! The verification kit (cargo feature `kit`): the suites that check
//! chanlab's channels, for a channel of your own.
//!
//! A channel written against [`crate::sync`] and named through
//! [`crate::flavor`] (a marker type implementing [`Unbounded`] and/or
//! [`Bounded`]) gets every suite with one line each in a test file:
//!
//! ```
//! use chanlab::flavor::Mutex as MyFlavor; // your marker type here
//!
//! chanlab::kit::conformance!(unbounded: MyFlavor, unbounded);
//! chanlab::kit::props!(bounded2: MyFlavor, bounded(2));
//! chanlab::kit::loom_models!(unbounded_models: MyFlavor, unbounded, preemption_bound = 3);
//! chanlab::kit::shuttle_models!(rendezvous_schedules: MyFlavor, rendezvous);
//! chanlab::kit::lincheck!(lincheck_bounded1: MyFlavor, bounded(1), len, send_timeout);
//! # fn main() {
//! #     // The lines above made `#[test]`s, which a doctest does not run; the
//! #     // suites are functions, so one is called here by hand.
//! #     chanlab::kit::conformance::fifo_one_producer::<chanlab::kit::Unb<MyFlavor>>();
//! # }
//! ```
//!
//! # A line
//!
//! `suite!(NAME: FLAVOR, KIND, OPTION, ...)`:
//!
//! * `NAME` names what the line generates: a module of `#[test]`s
//!   (`NAME::fifo_one_producer`, ...), or for lincheck one `#[test]`. Test
//!   names are the suite's function names, so `cargo test NAME::` runs a line
//!   and a failure names the property that failed.
//! * `FLAVOR` is the marker type; `KIND` is `unbounded` (`F::channel()`),
//!   `bounded(N)` with `N >= 1` (`F::sync_channel(N)`) or `rendezvous`
//!   (`F::sync_channel(0)`).
//! * each `OPTION` is a method of [`Options`]: `len` and `send_timeout` say
//!   the channel offers those optional methods, so that the suites check
//!   them (lincheck then generates those calls); `preemption_bound = N`
//!   bounds the loom models; `rule = LenRule::…` picks lincheck's judgement
//!   of `len()`.
//!
//! # The suites, and which build runs each
//!
//! Each line expands to its tests in the build that runs its suite and to
//! nothing in the others. The macros are defined by chanlab under its own
//! cfgs, so a test crate declares neither the `chanlab_loom` cfg nor a
//! `shuttle` feature of its own. Likewise the modules `kit::loom` (the
//! harness and models) and `kit::shuttle` exist in those builds only, so
//! these pages, built without a checker, do not show them; read them in
//! `verification/loom/` and `verification/shuttle/`, or build the docs with
//! the checker's flags.
//!
//! | line | run by | checks | a failure names, and replays with |
//! |---|---|---|---|
//! | [`conformance!`] | `cargo test` | std's documented behaviour, test by test (std itself passes every test: chanlab runs it as the oracle) | the test and its assertion; re-run the test |
//! | [`props!`] | `cargo test` | random single-threaded operation sequences against a `VecDeque` model; delivery from many producers | the property and the shrunk input; proptest saves the seed and replays it first |
//! | [`loom_models!`] | `RUSTFLAGS="--cfg chanlab_loom" cargo test --release` | every interleaving (up to a preemption bound) of small models: hand-off, both disconnections, timeouts racing sends, drops exactly once | the model and its assertion; `LOOM_CHECKPOINT_FILE` replays the failing interleaving (printed) |
//! | [`shuttle_models!`] | `cargo test --release --features chanlab/shuttle` | random, PCT and DFS schedules of larger models | the model; `CHANLAB_SHUTTLE_REPLAY=<schedule>` replays it (printed) |
//! | [`lincheck!`] | all three: loom, shuttle, and a native smoke run | generated scenarios, each history judged against the sequential spec of an MPSC channel | the scenario, its timeline and why no order fits; `CHANLAB_LINCHECK_ONLY` and the checker's replay (printed) |
//!
//! # Where the kit's code lives
//!
//! The suites stay in `verification/`, beside chanlab's own targets, and the
//! library includes them with `#[path]` modules when the feature is on. One
//! copy of each suite is then both the kit and what checks chanlab: the
//! conformance, props, loom, shuttle and lincheck targets of this
//! repository are built from these modules and macros (chanlab's own
//! models, its hooks and its naive ring stay in the targets), so the kit
//! cannot drift from what checks chanlab. The book quotes the suites and
//! names their tests by their paths in `verification/`, the ordering
//! ablation and the seeded-bug table name the same tests, and the
//! published package already carries `verification/**/*.rs`; moving the
//! code under `src/` would have split a suite from the targets and tools
//! that run it.
//!
//! [`Unbounded`]: crate::flavor::Unbounded
//! [`Bounded`]: crate::flavor::Bounded

#[path = "../verification/make.rs"]
mod make;
mod options;

pub use make::{Bnd, Make, Unb, fits};
pub use options::Options;

#[path = "../verification/conformance/kit.rs"]
pub mod conformance;
#[path = "../verification/lincheck/kit.rs"]
pub mod lincheck;
#[cfg(chanlab_loom)]
#[path = "../verification/loom/kit.rs"]
pub mod loom;
#[path = "../verification/loom/line.rs"]
mod loom_line;
#[path = "../verification/props/kit.rs"]
pub mod props;
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
#[path = "../verification/shuttle/kit.rs"]
pub mod shuttle;
#[path = "../verification/shuttle/line.rs"]
mod shuttle_line;

#[doc(inline)]
pub use crate::{
    __kit_conformance as conformance, __kit_lincheck as lincheck, __kit_loom_models as loom_models,
    __kit_props as props, __kit_shuttle_models as shuttle_models,
};

/// The test path libtest gives a test `test` written in the module whose
/// `module_path!()` is `module`: the module path without the crate's name.
#[doc(hidden)]
pub fn __test_path(module: &str, test: &str) -> String {
    match module.split_once("::") {
        Some((_, path)) => format!("{path}::{test}"),
        None => test.to_string(),
    }
}

// The gates: each expands its input in the build that runs that kind of
// suite and to nothing in the others. They are chanlab's macros, chosen by
// chanlab's cfgs when chanlab is compiled; a `cfg` written into a kit
// macro's expansion would instead be read in the crate that uses it.

/// Expands to its input in the std build (neither loom nor shuttle).
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_on_std {
    ($($item:tt)*) => { $($item)* };
}
/// Expands to nothing: this is a checker's build.
#[cfg(any(chanlab_loom, feature = "shuttle"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_on_std {
    ($($item:tt)*) => {};
}

/// Expands to its input in the loom build (`--cfg chanlab_loom`).
#[cfg(chanlab_loom)]
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_on_loom {
    ($($item:tt)*) => { $($item)* };
}
/// Expands to nothing: this is not the loom build.
#[cfg(not(chanlab_loom))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_on_loom {
    ($($item:tt)*) => {};
}

/// Expands to its input in the shuttle build (feature `shuttle`, no loom).
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_on_shuttle {
    ($($item:tt)*) => { $($item)* };
}
/// Expands to nothing: this is not the shuttle build.
#[cfg(not(all(feature = "shuttle", not(chanlab_loom))))]
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_on_shuttle {
    ($($item:tt)*) => {};
}

/// A line on an unbounded flavor `F`, checked in every build (so that a
/// line names a flavor of the right kind, and uses it, in the builds where
/// it expands to no test too): returns its options.
#[doc(hidden)]
pub const fn __unbounded_line<F: crate::flavor::Unbounded>(options: Options) -> Options {
    options
}

/// A line on a bounded flavor `F`, checked in every build.
#[doc(hidden)]
pub const fn __bounded_line<F: crate::flavor::Bounded>(options: Options) -> Options {
    options
}

/// The [`Options`] of a line, as a constant expression (so that an unknown
/// option fails to compile, naming the method it lacks).
#[doc(hidden)]
#[macro_export]
macro_rules! __kit_options {
    ($($opt:ident $(= $value:expr)?),*) => {
        $crate::kit::Options::new() $(.$opt($($value)?))*
    };
}
