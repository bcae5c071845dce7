//! What `cargo verify` runs: every suite against every channel, in order
//! from cheapest to most expensive.

use crate::cli::{Mode, Options};
use crate::step::{Parse, Step};
use crate::suites;
use crate::suites::{Ctx, SUITES};
use std::process::Command;

/// One channel, and the test-name prefix that selects it in each suite
/// (`None`: the suite has no rows for it).
pub struct Channel {
    /// Its name, as `--channel` takes it.
    pub name: &'static str,
    /// libtest filters of its conformance tests: its module (`mutex::`),
    /// and the name it has in the edge tests (`edges::..::mutex_bounded1`).
    /// The module prefix is also the one a new per-channel suite should use.
    pub conformance: &'static [&'static str],
    /// Test-name prefix of its properties.
    pub props: &'static str,
    /// loom and shuttle model prefix (`None`: no models).
    pub models: Option<&'static str>,
    /// Whether Miri runs its conformance tests (chanlab channels only), and
    /// whether the channel has `unsafe` code (else: only with `--all`).
    pub miri: Option<bool>,
}

const CHANNELS: &[Channel] = &[
    Channel {
        name: "std",
        conformance: &["std_mpsc::", "::std_unbounded", "::std_bounded"],
        props: "std_",
        models: None,
        miri: None,
    },
    Channel {
        name: "mutex",
        conformance: &["mutex::", "::mutex_"],
        props: "mutex_",
        models: Some("mutex::"),
        miri: Some(false),
    },
    Channel {
        name: "lockfree",
        conformance: &["lockfree::", "::lockfree"],
        props: "lockfree_",
        models: Some("lockfree::"),
        miri: Some(true),
    },
    Channel {
        name: "ring",
        conformance: &["ring::", "::ring"],
        props: "ring_",
        models: Some("ring::"),
        miri: Some(true),
    },
];

/// The steps selected by `opts`, in suite order.
pub fn steps(opts: &Options) -> Result<Vec<Step>, String> {
    validate(opts)?;
    let chans: Vec<&'static Channel> = CHANNELS
        .iter()
        .filter(|c| opts.channels.is_empty() || opts.channels.iter().any(|n| n == c.name))
        .collect();
    let ctx = Ctx {
        mode: opts.mode,
        channels: &chans,
        all_channels: opts.channels.is_empty(),
    };
    let wanted = |name: &str| opts.only.is_empty() || opts.only.iter().any(|s| s == name);
    let steps = SUITES
        .iter()
        .filter(|s| wanted(s.name))
        .flat_map(|suite| (suite.steps)(&ctx))
        .collect();
    Ok(steps)
}

/// Rejects unknown suite and channel names, listing the known ones.
fn validate(opts: &Options) -> Result<(), String> {
    if let Some(s) = opts.only.iter().find(|s| suites::find(s).is_none()) {
        return Err(format!("unknown suite `{s}` (suites: {})", suites::names()));
    }
    let names: Vec<&str> = CHANNELS.iter().map(|c| c.name).collect();
    if let Some(c) = opts.channels.iter().find(|c| !names.contains(&c.as_str())) {
        let known = names.join(", ");
        return Err(format!("unknown channel `{c}` (channels: {known})"));
    }
    Ok(())
}

/// A channel's conformance tests.
pub fn conformance(ch: &Channel, _: Mode) -> Option<Step> {
    Some(test("conformance", "conformance", ch.conformance).on(ch.name))
}

/// A channel's properties, `PROPTEST_CASES` cases each.
pub fn props(ch: &Channel, quick: bool) -> Option<Step> {
    let mut step = test("props", "props", &[ch.props]).on(ch.name);
    let cases = if quick { 64 } else { 256 };
    step.parse = Parse::Properties(cases);
    step.command.env("PROPTEST_CASES", cases.to_string());
    Some(step)
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// `cargo test --test <target> -- <filters>`, a step of `suite` for every
/// channel.
pub fn test(suite: &'static str, target: &str, filters: &[&str]) -> Step {
    let mut command = cargo();
    command.args(["test", "--test", target, "--"]).args(filters);
    Step::new(suite, command, Parse::Tests)
}

/// Every example on every channel it supports. The examples are built
/// first by a plain `cargo build` (`run_all.sh` builds quietly), so that
/// its `Compiling` lines show the build as progress.
pub fn examples() -> Step {
    let mut command = Command::new("bash");
    command.args([
        "-c",
        "cargo build --release --examples && bash examples/run_all.sh",
    ]);
    Step::new("examples", command, Parse::Runs)
}

/// A channel's loom models at preemption bound 2 (quick) or 3, built in
/// the target directory's `loom/` (their own `--cfg`). `LOOM_LOCATION=1`
/// makes loom's reports name the source lines of the accesses involved.
pub fn loom(ch: &Channel, quick: bool) -> Option<Step> {
    let prefix = ch.models?;
    let mut command = cargo();
    command
        .args(["test", "--release"])
        .args(["--test", "loom", "--", "--nocapture", "--test-threads", "2"])
        .arg(prefix)
        .env("RUSTFLAGS", "--cfg chanlab_loom")
        .env("LOOM_LOCATION", "1")
        .env("CHANLAB_LOOM_BOUND", if quick { "2" } else { "3" });
    let mut step = Step::new("loom", command, Parse::Loom).on(ch.name);
    step.target_sub = Some("loom");
    Some(step)
}

/// A channel's shuttle models, 1,000 (quick) or 10,000 schedules each.
pub fn shuttle(ch: &Channel, quick: bool) -> Option<Step> {
    let prefix = ch.models?;
    let mut command = cargo();
    command
        .args(["test", "--release", "--features", "shuttle"])
        .args([
            "--test",
            "shuttle",
            "--",
            "--nocapture",
            "--test-threads",
            "2",
        ])
        .arg(prefix)
        .env(
            "CHANLAB_SHUTTLE_ITERS",
            if quick { "1000" } else { "10000" },
        );
    Some(Step::new("shuttle", command, Parse::Shuttle).on(ch.name))
}

/// The channel's lincheck scenarios (`verification/lincheck/`) under loom
/// (`loom`) or shuttle, at the quick or full size (`CHANLAB_LINCHECK`).
/// Under loom each scenario is explored at the largest preemption bound
/// (2 at most) that fits the size's budget of executions
/// (`verification/lincheck/on_loom.rs`).
pub fn lincheck(ch: &Channel, mode: Mode, loom: bool) -> Option<Step> {
    let filters: &[&str] = match ch.name {
        "mutex" => &["mutex_", "rendezvous_"],
        "lockfree" => &["lockfree"],
        "ring" => &["ring_"],
        _ => return None,
    };
    let mut command = cargo();
    command.args(["test", "--release"]);
    match loom {
        true => command
            .env("RUSTFLAGS", "--cfg chanlab_loom")
            .env("LOOM_LOCATION", "1"),
        false => command.args(["--features", "shuttle"]),
    };
    command
        .args(["--test", "lincheck", "--", "--nocapture"])
        .args(filters)
        .env(
            "CHANLAB_LINCHECK",
            if mode.quick() { "quick" } else { "full" },
        );
    let checker = if loom {
        "lincheck (loom)"
    } else {
        "lincheck (shuttle)"
    };
    let mut step = Step::new(checker, command, Parse::Lincheck).on(ch.name);
    step.target_sub = loom.then_some("loom");
    Some(step)
}

/// A channel's part of the async API's suite (`verification/async/`, the
/// tests under the channel's module): natively (the conformance behaviours through `recv_async` and
/// `send_async`, the cancellation contract, thread/task interop, on a small
/// executor and on tokio), under loom (bound 2 quick, 3 full; some models
/// cap it lower, see `verification/async/loom/`) or under shuttle (1,000 or
/// 10,000 schedules per scheduler).
pub fn asynchronous(ch: &Channel, checker: Option<&str>, quick: bool) -> Option<Step> {
    if !matches!(ch.name, "mutex" | "lockfree" | "ring") {
        return None;
    }
    let mut command = cargo();
    command.args(["test", "--release"]);
    let (suite, parse, sub) = match checker {
        Some("loom") => {
            command
                .env("RUSTFLAGS", "--cfg chanlab_loom")
                .env("LOOM_LOCATION", "1")
                .env("CHANLAB_LOOM_BOUND", if quick { "2" } else { "3" });
            ("async (loom)", Parse::Loom, Some("loom"))
        }
        Some(_) => {
            command.args(["--features", "shuttle"]).env(
                "CHANLAB_SHUTTLE_ITERS",
                if quick { "1000" } else { "10000" },
            );
            ("async (shuttle)", Parse::Shuttle, None)
        }
        None => ("async", Parse::Tests, None),
    };
    command
        .args(["--test", "async", "--", "--nocapture"])
        .arg(format!("{}::", ch.name));
    let mut step = Step::new(suite, command, parse).on(ch.name);
    step.target_sub = sub;
    Some(step)
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
