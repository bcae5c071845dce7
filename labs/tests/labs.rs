//! Every lab, one line each, through every suite of `chanlab::kit`. This is
//! the list `cargo verify --lab NAME` reads: a `lab!` line here is a lab.
//!
//! `lab!(NAME: FLAVOR, KIND, options)` makes a module `NAME` holding the
//! five kit lines on that flavor, so that `NAME::conformance::...`,
//! `NAME::props::...`, `NAME::loom_models::...`, `NAME::shuttle_models::...`
//! and `NAME::lincheck` are its tests, each in the build that runs it:
//!
//! ```sh
//! cargo test -p chanlab-labs --test labs                                   # conformance, props
//! RUSTFLAGS="--cfg chanlab_loom" cargo test -p chanlab-labs --release --test labs   # loom
//! cargo test -p chanlab-labs --release --features shuttle --test labs      # shuttle
//! ```

use chanlab::kit::lincheck::LenRule;

/// The five kit lines of one lab, in a module named after it. The loom
/// models explore at most 3 preemptions, whatever `CHANLAB_LOOM_BOUND`
/// says: the models that chanlab runs exhaustively take minutes each on a
/// lock-free design (lincheck keeps its own bound, 2).
macro_rules! lab {
    ($name:ident: $($line:tt)*) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            chanlab::kit::conformance!(conformance: $($line)*);
            chanlab::kit::props!(props: $($line)*);
            chanlab::kit::loom_models!(loom_models: $($line)*, preemption_bound = 3);
            chanlab::kit::shuttle_models!(shuttle_models: $($line)*);
            chanlab::kit::lincheck!(lincheck: $($line)*);
        }
    };
}

// A poll may miss a message behind a send still between its swap and its
// link (`LenRule::CountsClaims` allows exactly that deviation).
lab!(vyukov: chanlab_labs::vyukov::Vyukov, unbounded, rule = LenRule::CountsClaims);
lab!(condvar: chanlab_labs::condvar::OneCondvar, bounded(2), len, send_timeout);
