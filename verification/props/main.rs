//! Property tests: random operation sequences checked step by step against a
//! `VecDeque` model, and a multi-threaded delivery property, for every
//! flavor and several bounds.
//!
//! ```text
//! cargo test --test props              # PROPTEST_CASES=N to change the case count
//! ```
//!
//! The properties are the kit's (`chanlab::kit::props`, in `kit.rs` beside
//! this file); each line below is the one a channel of one's own would
//! write. A failing case's seed is saved in
//! `verification/proptest-regressions/main.txt` and replayed first.

use chanlab::flavor::{Lockfree, Mutex, Ring, Std};

chanlab::kit::props!(std_unbounded: Std, unbounded);
chanlab::kit::props!(std_bounded0: Std, rendezvous);
chanlab::kit::props!(std_bounded1: Std, bounded(1));
chanlab::kit::props!(std_bounded3: Std, bounded(3));
chanlab::kit::props!(mutex_unbounded: Mutex, unbounded);
chanlab::kit::props!(mutex_bounded0: Mutex, rendezvous);
chanlab::kit::props!(mutex_bounded1: Mutex, bounded(1));
chanlab::kit::props!(mutex_bounded2: Mutex, bounded(2));
chanlab::kit::props!(mutex_bounded3: Mutex, bounded(3));
chanlab::kit::props!(mutex_bounded16: Mutex, bounded(16));
chanlab::kit::props!(lockfree_unbounded: Lockfree, unbounded);
chanlab::kit::props!(ring_bounded1: Ring, bounded(1));
chanlab::kit::props!(ring_bounded2: Ring, bounded(2));
chanlab::kit::props!(ring_bounded3: Ring, bounded(3));
chanlab::kit::props!(ring_bounded64: Ring, bounded(64));
