//! Shared by every bench binary: the contenders, the shapes, the result
//! format. Each binary uses a part of it.
#![allow(dead_code)]

pub mod adapters;
pub mod cost;
pub mod data;
pub mod machine;
pub mod opts;
pub mod output;
pub mod report;
pub mod rounds;
pub mod shapes;
pub mod start;
pub mod tasks_report;
pub mod usage;

use adapters::{Cap, Chan, Crossbeam, Flume, Kanal, OursBounded, OursUnbounded, Rtrb};
use chanlab::flavor::{self, Bounded, Unbounded};
use shapes::Shape;
use std::time::Duration;

/// How a contender counts in the ratios.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A chanlab channel: the numerator of every ratio.
    Ours,
    /// A peer channel: a denominator.
    Peer,
    /// A bare ring, shown as a ceiling and left out of "best peer".
    Ceiling,
}

impl Role {
    /// The name used in result files.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Ours => "ours",
            Role::Peer => "peer",
            Role::Ceiling => "ceiling",
        }
    }
}

/// One implementation under test, type-erased so a list can hold them all.
#[derive(Clone, Copy)]
pub struct Contender {
    /// Short name in tables and files.
    pub name: &'static str,
    /// How it counts in the ratios.
    pub role: Role,
    /// Runs a shape with n messages; `None` if not offered.
    pub run: fn(&Shape, usize) -> Option<Duration>,
    /// Fills a channel for the memory bench; `false` if not offered.
    pub hold: fn(Cap, usize, &mut dyn FnMut()) -> bool,
}

// ANCHOR: contenders
/// Every contender, ours first. Adding a chanlab flavor is one line here:
/// `ours_unbounded::<flavor::Lockfree>()`, `ours_bounded::<flavor::Ring>()`,
/// or `ours_both::<F>()` for a flavor that offers both constructors.
pub fn contenders() -> Vec<Contender> {
    vec![
        ours_both::<flavor::Mutex>(),
        ours_unbounded::<flavor::Lockfree>(),
        ours_bounded::<flavor::Ring>(),
        both::<flavor::Std>(Role::Peer),
        peer::<Crossbeam>("crossbeam"),
        peer::<Flume>("flume"),
        peer::<Kanal>("kanal"),
        contender::<Rtrb>("rtrb", Role::Ceiling),
    ]
}
// ANCHOR_END: contenders

fn contender<C: Chan>(name: &'static str, role: Role) -> Contender {
    Contender {
        name,
        role,
        run: shapes::run::<C>,
        hold: shapes::hold::<C>,
    }
}

fn peer<C: Chan>(name: &'static str) -> Contender {
    contender::<C>(name, Role::Peer)
}

/// A chanlab flavor with `channel()` only.
fn ours_unbounded<F: Unbounded>() -> Contender {
    contender::<OursUnbounded<F>>(F::NAME, Role::Ours)
}

/// A chanlab flavor with `sync_channel(k)` only.
fn ours_bounded<F: Bounded>() -> Contender {
    contender::<OursBounded<F>>(F::NAME, Role::Ours)
}

/// A chanlab flavor with both constructors.
fn ours_both<F: Unbounded + Bounded>() -> Contender {
    both::<F>(Role::Ours)
}

/// A `chanlab::flavor` family with both constructors (ours, or std through
/// `flavor::Std`): each shape goes to whichever side offers its capacity.
fn both<F: Unbounded + Bounded>(role: Role) -> Contender {
    Contender {
        name: <F as Unbounded>::NAME,
        role,
        run: |shape, n| {
            shapes::run::<OursUnbounded<F>>(shape, n)
                .or_else(|| shapes::run::<OursBounded<F>>(shape, n))
        },
        hold: |cap, n, probe| {
            shapes::hold::<OursUnbounded<F>>(cap, n, probe)
                || shapes::hold::<OursBounded<F>>(cap, n, probe)
        },
    }
}
