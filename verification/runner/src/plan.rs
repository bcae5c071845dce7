//! What `cargo verify` runs: every suite against every channel, in order
//! from cheapest to most expensive.

use crate::Options;
use crate::proof;
use crate::step::{Parse, Step};
use std::process::Command;
use std::sync::OnceLock;

/// One channel, and the test-name prefix that selects it in each suite
/// (`None`: the suite has no rows for it).
struct Channel {
    name: &'static str,
    conformance: &'static str,
    props: &'static str,
    /// loom and shuttle model prefix.
    models: Option<&'static str>,
    /// Whether Miri runs its conformance tests (chanlab channels only), and
    /// whether in `--quick` too (channels with `unsafe` code).
    miri: Option<bool>,
    /// The sources whose atomic orderings the ablation weakens.
    atomics: Option<&'static str>,
}

const CHANNELS: &[Channel] = &[
    Channel {
        name: "std",
        conformance: "std_mpsc::",
        props: "std_",
        models: None,
        miri: None,
        atomics: None,
    },
    Channel {
        name: "mutex",
        conformance: "mutex::",
        props: "mutex_",
        models: Some("mutex::"),
        miri: Some(false),
        atomics: None,
    },
    Channel {
        name: "lockfree",
        conformance: "lockfree::",
        props: "lockfree_",
        models: Some("lockfree::"),
        miri: Some(true),
        atomics: Some("src/lockfree/"),
    },
    Channel {
        name: "ring",
        conformance: "ring::",
        props: "ring_",
        models: Some("ring::"),
        miri: Some(true),
        atomics: Some("src/ring/"),
    },
];

const SUITES: &[&str] = &[
    "conformance",
    "props",
    "traits",
    "dropin",
    "examples",
    "loom",
    "shuttle",
    "miri",
    "miri-tree",
    "tsan",
    "ablation",
    "mutants",
];

/// The steps selected by `opts`.
pub fn steps(opts: &Options) -> Result<Vec<Step>, String> {
    for s in &opts.only {
        if !SUITES.contains(&s.as_str()) {
            return Err(format!("unknown suite `{s}`"));
        }
    }
    for c in &opts.channels {
        if !CHANNELS.iter().any(|ch| ch.name == c) {
            return Err(format!("unknown channel `{c}`"));
        }
    }
    let wanted = |suite: &str| opts.only.is_empty() || opts.only.iter().any(|s| s == suite);
    let chans: Vec<&Channel> = CHANNELS
        .iter()
        .filter(|c| opts.channels.is_empty() || opts.channels.iter().any(|n| n == c.name))
        .collect();
    let all_channels = opts.channels.is_empty();
    let mut steps = Vec::new();
    for &suite in SUITES.iter().filter(|s| wanted(s)) {
        match suite {
            "traits" | "dropin" if all_channels => steps.push(test(suite, "all", suite, "")),
            "examples" if all_channels => steps.push(examples()),
            "tsan" if all_channels => steps.push(proof::tsan(miri_missing())),
            "ablation" if all_channels && opts.quick => {
                steps.push(proof::ablation("all", "", true));
            }
            "mutants" if all_channels => steps.push(proof::mutants(opts.quick)),
            _ => {}
        }
        for ch in &chans {
            if let Some(step) = channel_step(suite, ch, opts.quick) {
                steps.push(step);
            }
        }
    }
    Ok(steps)
}

fn channel_step(suite: &'static str, ch: &Channel, quick: bool) -> Option<Step> {
    match suite {
        "conformance" => Some(test(suite, ch.name, "conformance", ch.conformance)),
        "props" => {
            let mut step = test(suite, ch.name, "props", ch.props);
            let cases = if quick { 64 } else { 256 };
            step.parse = Parse::Properties(cases);
            step.command.env("PROPTEST_CASES", cases.to_string());
            Some(step)
        }
        "loom" => ch.models.map(|p| loom(ch.name, p, quick)),
        "shuttle" => ch.models.map(|p| shuttle(ch.name, p, quick)),
        "miri" => ch
            .miri
            .map(|in_quick| miri(ch, false, quick, quick && !in_quick)),
        // The quick run keeps Tree Borrows to the lock-free list, the
        // channel with the most raw-pointer code (the ring's run is 4x longer).
        "miri-tree" => ch
            .miri
            .map(|_| miri(ch, true, quick, quick && ch.name != "lockfree")),
        "ablation" if !quick => ch.atomics.map(|f| proof::ablation(ch.name, f, false)),
        _ => None,
    }
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// `cargo test --test <target> -- <filter>`.
fn test(suite: &'static str, channel: &'static str, target: &str, filter: &str) -> Step {
    let mut command = cargo();
    command.args(["test", "--test", target, "--", filter]);
    Step {
        suite,
        channel,
        command,
        parse: Parse::Tests,
        skip: None,
        progress: None,
    }
}

fn examples() -> Step {
    let mut command = Command::new("bash");
    command.arg("examples/run_all.sh");
    Step {
        suite: "examples",
        channel: "all",
        command,
        parse: Parse::Runs,
        skip: None,
        progress: None,
    }
}

fn loom(channel: &'static str, prefix: &str, quick: bool) -> Step {
    let mut command = cargo();
    command
        .args([
            "test",
            "--release",
            "--target-dir",
            "target/loom",
            "--test",
            "loom",
        ])
        .args(["--", "--nocapture", "--test-threads", "2", prefix])
        .env("RUSTFLAGS", "--cfg chanlab_loom")
        .env("CHANLAB_LOOM_BOUND", if quick { "2" } else { "3" });
    Step {
        suite: "loom",
        channel,
        command,
        parse: Parse::Loom,
        skip: None,
        progress: None,
    }
}

fn shuttle(channel: &'static str, prefix: &str, quick: bool) -> Step {
    let mut command = cargo();
    command
        .args([
            "test",
            "--release",
            "--features",
            "shuttle",
            "--test",
            "shuttle",
        ])
        .args(["--", "--nocapture", "--test-threads", "2", prefix])
        .env(
            "CHANLAB_SHUTTLE_ITERS",
            if quick { "1000" } else { "10000" },
        );
    Step {
        suite: "shuttle",
        channel,
        command,
        parse: Parse::Shuttle,
        skip: None,
        progress: None,
    }
}

/// Miri on the channel's conformance tests, under Stacked Borrows (`tree`:
/// Tree Borrows), with several scheduler seeds (`-Zmiri-many-seeds`: 4 in
/// the full run, 2 in the quick one). `full_only` marks a step the quick
/// run skips; the table says so.
fn miri(ch: &Channel, tree: bool, quick: bool, full_only: bool) -> Step {
    let seeds: u32 = if quick { 2 } else { 4 };
    let mut command = Command::new("cargo");
    command.args([
        "+nightly",
        "miri",
        "test",
        "--test",
        "conformance",
        "--",
        ch.conformance,
    ]);
    let flags = format!("-Zmiri-many-seeds=0..{seeds}");
    command.env(
        "MIRIFLAGS",
        if tree {
            format!("{flags} -Zmiri-tree-borrows")
        } else {
            flags
        },
    );
    let skip = if full_only {
        Some(if ch.name == "mutex" {
            "full run only (no unsafe code)".to_string()
        } else {
            "full run only (CI time)".to_string()
        })
    } else {
        miri_missing()
    };
    let suite = if tree {
        "miri (tree)"
    } else {
        "miri (stacked)"
    };
    Step {
        suite,
        channel: ch.name,
        command,
        parse: Parse::Seeds(seeds),
        skip,
        progress: None,
    }
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
