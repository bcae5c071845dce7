//! Shared by every example: picks the channel flavor named by
//! `--channel NAME` and runs the example's generic `run::<F>()` with it.
//!
//! An example implements one of three traits, depending on the constructors
//! it needs: [`UnboundedExample`] (`channel()`), [`BoundedExample`]
//! (`sync_channel(n)`) or [`BothExample`] (both), and its `main` calls the
//! matching `main_*` function. A flavor that lacks a needed constructor, or an
//! unknown name, is reported with the valid choices and exit code 2.

#![allow(dead_code)] // each example uses only part of this module

use chanlab::flavor::{self, Bounded, Rx, Unbounded};
use std::fmt::Display;
use std::process::exit;

// ANCHOR: flavors
/// The one list of flavors: name, marker type, constructors it offers.
/// Adding a channel to every example is one line here.
macro_rules! flavors {
    ($then:ident!($($arg:tt)*)) => {
        $then!($($arg)*;
            "std" => flavor::Std [unbounded bounded],
            "mutex" => flavor::Mutex [unbounded bounded],
            "lockfree" => flavor::Lockfree [unbounded],
            "ring" => flavor::Ring [bounded],
        )
    };
}
// ANCHOR_END: flavors

/// An example that needs `channel()`.
pub trait UnboundedExample {
    /// Runs the example on flavor `F`; exits with status 1 on misbehaviour.
    fn run<F: Unbounded>();
}

/// An example that needs `sync_channel(bound)`.
pub trait BoundedExample {
    /// Runs the example on flavor `F`; exits with status 1 on misbehaviour.
    fn run<F: Bounded>();
}

/// An example that needs both constructors.
pub trait BothExample {
    /// Runs the example on flavor `F`; exits with status 1 on misbehaviour.
    fn run<F: Unbounded + Bounded>();
}

/// Expands to `match name { "std" => <call>, ..., _ => Err(None) }`, where
/// `<call>` is `$call!(Example, Type, "name", caps...)`.
macro_rules! dispatch {
    ($name:expr, $call:ident, $e:ty; $($n:literal => $ty:ty [$($cap:ident)*],)*) => {
        match $name {
            $($n => $call!($e, $ty, $n, $($cap)*),)*
            _ => Err(None),
        }
    };
}

/// Expands to the list of `(name, "caps")` pairs.
macro_rules! table {
    (; $($n:literal => $ty:ty [$($cap:ident)*],)*) => {
        &[$(($n, concat!($(stringify!($cap), " ",)*))),*]
    };
}

// Each `call_*` runs the example when the flavor has the needed
// constructors, else names what the flavor offers (`Err(Some(caps))`).
macro_rules! call_unbounded {
    ($e:ty, $ty:ty, $n:literal, unbounded $($rest:ident)*) => {
        Ok(<$e as UnboundedExample>::run::<$ty>())
    };
    ($e:ty, $ty:ty, $n:literal, $($cap:ident)*) => {
        Err(Some("bounded-only"))
    };
}
macro_rules! call_bounded {
    ($e:ty, $ty:ty, $n:literal, $(unbounded)? bounded) => {
        Ok(<$e as BoundedExample>::run::<$ty>())
    };
    ($e:ty, $ty:ty, $n:literal, $($cap:ident)*) => {
        Err(Some("unbounded-only"))
    };
}
macro_rules! call_both {
    ($e:ty, $ty:ty, $n:literal, unbounded bounded) => {
        Ok(<$e as BothExample>::run::<$ty>())
    };
    ($e:ty, $ty:ty, $n:literal, unbounded) => {
        Err(Some("unbounded-only"))
    };
    ($e:ty, $ty:ty, $n:literal, bounded) => {
        Err(Some("bounded-only"))
    };
}

/// Entry point of an example that needs `channel()`.
pub fn main_unbounded<E: UnboundedExample>() {
    let name = parse_args("unbounded");
    let result = flavors!(dispatch!(name.as_str(), call_unbounded, E));
    finish(&name, result, "unbounded");
}

/// Entry point of an example that needs `sync_channel(bound)`.
pub fn main_bounded<E: BoundedExample>() {
    let name = parse_args("bounded");
    let result = flavors!(dispatch!(name.as_str(), call_bounded, E));
    finish(&name, result, "bounded");
}

/// Entry point of an example that needs both constructors.
pub fn main_both<E: BothExample>() {
    let name = parse_args("unbounded bounded");
    let result = flavors!(dispatch!(name.as_str(), call_both, E));
    finish(&name, result, "unbounded bounded");
}

/// `(name, constructors)` for every flavor.
fn all_flavors() -> &'static [(&'static str, &'static str)] {
    flavors!(table!())
}

/// Whether a flavor offering `caps` can run an example needing `needs`.
fn supports(caps: &str, needs: &str) -> bool {
    needs.split(' ').all(|n| caps.split(' ').any(|c| c == n))
}

/// Reads `--channel NAME` (default `std`). `--supported` prints the flavors
/// able to run this example, one line, and exits (used by `run_all.sh`).
fn parse_args(needs: &str) -> String {
    let mut args = std::env::args().skip(1);
    let mut name = String::from("std");
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--channel" => match args.next() {
                Some(n) => name = n,
                None => usage("--channel needs a value", needs),
            },
            "--supported" => {
                let ok: Vec<_> = all_flavors()
                    .iter()
                    .filter(|(_, caps)| supports(caps, needs))
                    .map(|(n, _)| *n)
                    .collect();
                println!("{}", ok.join(" "));
                exit(0);
            }
            other => match other.strip_prefix("--channel=") {
                Some(n) => name = n.to_string(),
                None => usage(&format!("unknown argument `{other}`"), needs),
            },
        }
    }
    name
}

fn finish(name: &str, result: Result<(), Option<&str>>, needs: &str) {
    match result {
        Ok(()) => println!("ok: channel={name}"),
        Err(None) => usage(&format!("unknown channel `{name}`"), needs),
        Err(Some(kind)) => usage(
            &format!("channel `{name}` is {kind}; this example needs: {needs}"),
            needs,
        ),
    }
}

/// Prints the problem and the valid choices, exits with status 2.
fn usage(problem: &str, needs: &str) -> ! {
    eprintln!("error: {problem}");
    eprintln!("usage: --channel NAME   (this example needs: {needs})");
    for (n, caps) in all_flavors() {
        let mark = if supports(caps, needs) { "ok " } else { "n/a" };
        eprintln!("  {mark} {n:<9} offers: {}", caps.trim());
    }
    exit(2);
}

/// Fails the example: prints `what`, exits with status 1.
pub fn fail(what: impl Display) -> ! {
    eprintln!("FAILED: {what}");
    exit(1);
}

/// Fails the example unless `cond` holds.
pub fn check(cond: bool, what: impl Display) {
    if !cond {
        fail(what);
    }
}

/// Fails the example unless `got == want`.
pub fn check_eq<T: PartialEq + std::fmt::Debug>(got: T, want: T, what: &str) {
    check(got == want, format!("{what}: got {got:?}, want {want:?}"));
}

/// `for msg in rx`, written against the flavor traits: yields messages
/// until every sender is gone.
pub fn iter<T, R: Rx<T>>(rx: &R) -> impl Iterator<Item = T> + '_ {
    std::iter::from_fn(move || rx.recv().ok())
}
