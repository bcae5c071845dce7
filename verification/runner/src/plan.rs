//! What `cargo verify` runs: every suite against every channel, in order
//! from cheapest to most expensive.

use crate::cli::{Mode, Options};
use crate::step::{Parse, Step};
use crate::suites;
use crate::suites::{Ctx, SUITES};
use std::process::Command;
use std::sync::OnceLock;

/// One channel, and the test-name prefix that selects it in each suite
/// (`None`: the suite has no rows for it).
pub struct Channel {
    /// Its name, as `--channel` takes it.
    pub name: &'static str,
    /// Test-name prefix of its conformance tests (`mutex::`), also the
    /// prefix a new per-channel test suite should use.
    pub conformance: &'static str,
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
        conformance: "std_mpsc::",
        props: "std_",
        models: None,
        miri: None,
    },
    Channel {
        name: "mutex",
        conformance: "mutex::",
        props: "mutex_",
        models: Some("mutex::"),
        miri: Some(false),
    },
    Channel {
        name: "lockfree",
        conformance: "lockfree::",
        props: "lockfree_",
        models: Some("lockfree::"),
        miri: Some(true),
    },
    Channel {
        name: "ring",
        conformance: "ring::",
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
    let every: Vec<&'static Channel> = CHANNELS.iter().collect();
    let whole = Ctx {
        channels: &every,
        all_channels: true,
        ..ctx
    };
    let wanted = |name: &str| opts.only.is_empty() || opts.only.iter().any(|s| s == name);
    let mut steps = Vec::new();
    for suite in SUITES.iter().filter(|s| wanted(s.name)) {
        // The suite's typical time is for all of its steps together.
        let per = (suite.steps)(&whole).len().max(1) as u32;
        for mut step in (suite.steps)(&ctx) {
            step.expect_secs = suite.time(opts.mode).secs / per;
            steps.push(step);
        }
    }
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
    let mut step = test("props", "props", ch.props).on(ch.name);
    let cases = if quick { 64 } else { 256 };
    step.parse = Parse::Properties(cases);
    step.command.env("PROPTEST_CASES", cases.to_string());
    Some(step)
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// `cargo test --test <target> -- <filter>`, a step of `suite` for every
/// channel.
pub fn test(suite: &'static str, target: &str, filter: &str) -> Step {
    let mut command = cargo();
    command.args(["test", "--test", target, "--", filter]);
    Step::new(suite, command, Parse::Tests)
}

/// Every example on every channel it supports.
pub fn examples() -> Step {
    let mut command = Command::new("bash");
    command.arg("examples/run_all.sh");
    Step::new("examples", command, Parse::Runs)
}

/// A channel's loom models at preemption bound 2 (quick) or 3.
pub fn loom(ch: &Channel, quick: bool) -> Option<Step> {
    let prefix = ch.models?;
    let mut command = cargo();
    command
        .args(["test", "--release", "--target-dir", "target/loom"])
        .args(["--test", "loom", "--", "--nocapture", "--test-threads", "2"])
        .arg(prefix)
        .env("RUSTFLAGS", "--cfg chanlab_loom")
        .env("CHANLAB_LOOM_BOUND", if quick { "2" } else { "3" });
    Some(Step::new("loom", command, Parse::Loom).on(ch.name))
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
/// (`loom`) or shuttle. Shuttle runs the quick or full size
/// (`CHANLAB_LINCHECK`); loom runs the quick size in every mode, because
/// the full size still has open false alarms (`verification/PROOF.md`,
/// "lincheck at full size under loom"): `CHANLAB_LINCHECK=full` shows them.
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
            .args(["--target-dir", "target/loom"])
            .env("RUSTFLAGS", "--cfg chanlab_loom"),
        false => command.args(["--features", "shuttle"]),
    };
    command
        .args(["--test", "lincheck", "--", "--nocapture"])
        .args(filters)
        .env(
            "CHANLAB_LINCHECK",
            if mode.quick() || loom {
                "quick"
            } else {
                "full"
            },
        );
    let checker = if loom {
        "lincheck (loom)"
    } else {
        "lincheck (shuttle)"
    };
    Some(Step::new(checker, command, Parse::Lincheck).on(ch.name))
}

/// Miri on the channel's conformance tests, under Stacked Borrows (`tree`:
/// Tree Borrows), with several scheduler seeds (`-Zmiri-many-seeds`: 4, or
/// 2 in the quick run). Miri judges `unsafe` code: the mutex channel has
/// none, so it runs there only with `--all`; the quick run keeps Tree
/// Borrows to the lock-free list, the channel with the most raw-pointer
/// code. The table says why a step is skipped.
pub fn miri(ch: &Channel, tree: bool, mode: Mode) -> Option<Step> {
    let has_unsafe = ch.miri?;
    let seeds: u32 = if mode.quick() { 2 } else { 4 };
    let mut command = Command::new("cargo");
    command.args(["+nightly", "miri", "test", "--test", "conformance", "--"]);
    command.arg(ch.conformance);
    let flags = format!("-Zmiri-many-seeds=0..{seeds}");
    let tree_flag = if tree { " -Zmiri-tree-borrows" } else { "" };
    command.env("MIRIFLAGS", format!("{flags}{tree_flag}"));
    let suite = if tree {
        "miri (tree)"
    } else {
        "miri (stacked)"
    };
    let mut step = Step::new(suite, command, Parse::Seeds(seeds)).on(ch.name);
    step.skip = if !has_unsafe && mode != Mode::All {
        Some("only with --all (no unsafe code)".into())
    } else if mode.quick() && tree && ch.name != "lockfree" {
        Some("full run only (CI time)".into())
    } else {
        miri_missing()
    };
    Some(step)
}

/// Why Miri (or ThreadSanitizer, which needs the same nightly `rust-src`)
/// cannot run here, after trying to install it; `None` if it can. Asked by
/// every Miri and TSan step, found out once.
pub fn miri_missing() -> Option<String> {
    static MISSING: OnceLock<Option<String>> = OnceLock::new();
    MISSING.get_or_init(find_miri_missing).clone()
}

fn find_miri_missing() -> Option<String> {
    let works = || {
        Command::new("cargo")
            .args(["+nightly", "miri", "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if works() {
        return None;
    }
    let install = Command::new("rustup")
        .args([
            "component",
            "add",
            "--toolchain",
            "nightly",
            "miri",
            "rust-src",
        ])
        .output();
    match install {
        Ok(o) if o.status.success() && works() => None,
        Ok(o) => Some(format!(
            "Miri unavailable: `rustup component add --toolchain nightly miri rust-src` failed: {}",
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .unwrap_or("no output")
        )),
        Err(e) => Some(format!("Miri unavailable: rustup could not run ({e})")),
    }
}
