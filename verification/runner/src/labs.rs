//! `cargo verify --lab NAME`: the suites of `chanlab::kit` on one of the
//! build-it labs (`labs/`), with the same steps, table and replay commands
//! as chanlab's own channels. A lab is a `lab!(NAME: ...)` line of
//! `labs/tests/labs.rs`; that file is the one list of labs, read here.

use crate::cli::Mode;
use crate::paths;
use crate::step::{Parse, Step};
use std::process::Command;

/// The file whose `lab!` lines name the labs.
pub const LIST: &str = "labs/tests/labs.rs";

/// The package the labs and their tests are built in.
pub const PACKAGE: &str = "chanlab-labs";

/// Where proptest saves the seeds of a lab's failing properties, and
/// replays them first. Its default looks for the nearest directory above
/// the test's source ([`LIST`], where the `props!` lines expand) that holds
/// a `lib.rs` or `main.rs`; none above `labs/tests/` does, so it falls back
/// to a file beside the source, its extension changed.
pub const REGRESSIONS: &str = "labs/tests/labs.proptest-regressions";

/// The suites a lab runs, in the order of the run (`--only` takes these).
pub const SUITES: &[&str] = &["conformance", "props", "loom", "shuttle", "lincheck"];

/// The lab names in `text` (the contents of [`LIST`]): each line that
/// starts with `lab!(NAME:`.
pub fn names_in(text: &str) -> Vec<String> {
    let name = |l: &str| {
        let rest = l.trim_start().strip_prefix("lab!(")?;
        let (name, _) = rest.split_once(':')?;
        let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        ok.then(|| name.to_string())
    };
    text.lines().filter_map(name).collect()
}

/// The labs of this checkout.
pub fn names() -> Vec<String> {
    names_in(&std::fs::read_to_string(paths::repo_root().join(LIST)).unwrap_or_default())
}

/// The steps of lab `name`, restricted to `only` (empty: every suite), or
/// a message naming the labs (or suites) there are.
pub fn steps(name: &str, mode: Mode, only: &[String]) -> Result<Vec<Step>, String> {
    let labs = names();
    if !labs.iter().any(|l| l == name) {
        return Err(unknown(name, &labs));
    }
    if let Some(s) = only.iter().find(|s| !SUITES.contains(&s.as_str())) {
        return Err(format!(
            "a lab has no suite `{s}` (suites: {})",
            SUITES.join(", ")
        ));
    }
    // The table names the lab in its channel column, as a `&'static str`.
    let lab: &'static str = Box::leak(name.to_string().into_boxed_str());
    let wanted = |s: &str| only.is_empty() || only.iter().any(|o| o == s);
    let mut steps = Vec::new();
    for suite in SUITES.iter().filter(|s| wanted(s)) {
        match *suite {
            "conformance" => steps.push(native("conformance", lab, "conformance", Parse::Tests)),
            "props" => steps.push(props(lab, mode.quick())),
            "loom" => steps.push(loom(lab, mode.quick())),
            "shuttle" => steps.push(shuttle(lab, mode.quick())),
            _ => steps.extend([lincheck(lab, mode, true), lincheck(lab, mode, false)]),
        }
    }
    Ok(steps)
}

/// The error for a name that is no lab: the labs there are.
pub fn unknown(name: &str, labs: &[String]) -> String {
    match labs.is_empty() {
        true => format!("unknown lab `{name}`: {LIST} names none"),
        false => format!(
            "unknown lab `{name}`; the labs are:\n  {}",
            labs.join("\n  ")
        ),
    }
}

/// `cargo test [ARGS] -p chanlab-labs --test labs -- [HARNESS] LAB::MODULE`.
fn cargo(args: &[&str], harness: &[&str], filter: String) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.arg("test").args(args);
    command.args(["-p", PACKAGE, "--test", "labs", "--"]);
    command.args(harness).arg(filter);
    command
}

/// A native suite: the lab's `MODULE::` tests.
fn native(suite: &'static str, lab: &'static str, module: &str, parse: Parse) -> Step {
    let command = cargo(&[], &[], format!("{lab}::{module}::"));
    Step::new(suite, command, parse).on(lab)
}

/// The properties, `PROPTEST_CASES` cases each (as `plan::props`).
fn props(lab: &'static str, quick: bool) -> Step {
    let cases = if quick { 64 } else { 256 };
    let mut step = native("props", lab, "props", Parse::Properties(cases));
    step.command.env("PROPTEST_CASES", cases.to_string());
    step
}

/// The loom models at preemption bound 2 (quick) or 3 (as `plan::loom`).
fn loom(lab: &'static str, quick: bool) -> Step {
    let args = ["--release", "--target-dir", "target/loom"];
    let harness = ["--nocapture", "--test-threads", "2"];
    let mut command = cargo(&args, &harness, format!("{lab}::loom_models::"));
    command
        .env("RUSTFLAGS", "--cfg chanlab_loom")
        .env("CHANLAB_LOOM_BOUND", if quick { "2" } else { "3" });
    Step::new("loom", command, Parse::Loom).on(lab)
}

/// The shuttle models, 1,000 (quick) or 10,000 schedules each.
fn shuttle(lab: &'static str, quick: bool) -> Step {
    let args = ["--release", "--features", "shuttle"];
    let harness = ["--nocapture", "--test-threads", "2"];
    let mut command = cargo(&args, &harness, format!("{lab}::shuttle_models::"));
    let iters = if quick { "1000" } else { "10000" };
    command.env("CHANLAB_SHUTTLE_ITERS", iters);
    Step::new("shuttle", command, Parse::Shuttle).on(lab)
}

/// lincheck under loom (quick size in every mode, as `plan::lincheck`
/// says why) or under shuttle.
fn lincheck(lab: &'static str, mode: Mode, loom: bool) -> Step {
    let args: &[&str] = match loom {
        true => &["--release", "--target-dir", "target/loom"],
        false => &["--release", "--features", "shuttle"],
    };
    let mut command = cargo(args, &["--nocapture"], format!("{lab}::lincheck"));
    if loom {
        command.env("RUSTFLAGS", "--cfg chanlab_loom");
    }
    let size = if mode.quick() || loom {
        "quick"
    } else {
        "full"
    };
    command.env("CHANLAB_LINCHECK", size);
    let suite = if loom {
        "lincheck (loom)"
    } else {
        "lincheck (shuttle)"
    };
    Step::new(suite, command, Parse::Lincheck).on(lab)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_lines_name_the_labs() {
        let text = "//! lab!(doc: not a line)\nlab!(vyukov: V, unbounded);\n  lab!(one_cv: C, bounded(2), len);\nlab!(: X);\nmacro_rules! lab {}\n";
        assert_eq!(names_in(text), ["vyukov", "one_cv"]);
    }

    #[test]
    fn the_regressions_file_is_beside_the_list() {
        let beside = std::path::Path::new(LIST).with_extension("proptest-regressions");
        assert_eq!(beside, std::path::Path::new(REGRESSIONS));
    }

    #[test]
    fn an_unknown_lab_lists_the_labs() {
        let labs = ["vyukov".to_string(), "condvar".to_string()];
        let msg = unknown("nope", &labs);
        assert!(msg.contains("`nope`") && msg.contains("vyukov") && msg.contains("condvar"));
    }
}
