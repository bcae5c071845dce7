//! `cargo verify --mutant NAME`: one seeded bug, applied to a scratch copy
//! of the repository (never the working tree), and the suites that can
//! catch it run there, stopping at the first that does. The failure is
//! shown with its replay command, which runs in the scratch copy.

use crate::cli::{self, Mode, Options};
use crate::{labs, paths, plan, report, run_steps, usage_error};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Where the seeded bugs live.
pub const DIR: &str = "verification/mutants";

/// The suites tried, cheapest first, when `--only` names none.
const DEFAULT_SUITES: &[&str] = &[
    "conformance",
    "props",
    "async",
    "shuttle",
    "loom",
    "lincheck",
    "miri",
];

/// A native suite that runs longer than this has hung (a lost wakeup).
const NATIVE_LIMIT: Duration = Duration::from_secs(120);

/// Runs the suites against mutant `arg` (a name, `NAME.patch`, or the
/// patch's path).
pub fn run(arg: &str, opts: &Options) -> ExitCode {
    let name = patch_name(arg);
    let names = known();
    if !names.iter().any(|n| n == name) {
        let msg = format!(
            "unknown mutant `{arg}`; the seeded bugs ({DIR}/NAME.patch) are:\n  {}",
            names.join("\n  ")
        );
        return usage_error(&msg);
    }
    let mut steps = match plan_steps(name, opts) {
        Ok(steps) => steps,
        Err(msg) => return usage_error(&msg),
    };
    let tree = match prepare(name) {
        Ok(tree) => tree,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    for step in &mut steps {
        step.dir = Some(tree.clone());
        if matches!(step.suite, "conformance" | "props") {
            step.limit = Some(NATIVE_LIMIT);
        }
    }
    let depth = if opts.mode == Mode::Quick {
        "quick depth"
    } else {
        "full depth"
    };
    let label = format!("--mutant {name}, {depth}");
    println!(
        "cargo verify {label}: {}, until one catches the bug in {}",
        crate::count(steps.len(), "step"),
        paths::shown(&tree)
    );
    println!("{}", describe(name));
    let started = Instant::now();
    let results = run_steps(steps, true);
    let summary = cli::summary_path(opts, "verify-mutant-summary.md");
    let code = report(&results, started, &label, &summary);
    if results.iter().any(|(_, o)| o.interrupted) {
        return code;
    }
    match results.iter().find(|(_, o)| o.failed()) {
        Some((step, _)) => {
            println!(
                "the seeded bug was caught by {} ({})",
                step.suite, step.channel
            );
            ExitCode::SUCCESS
        }
        None => {
            println!("the seeded bug went uncaught by these suites");
            ExitCode::FAILURE
        }
    }
}

/// The steps that can catch mutant `name`: its channel's suites, or for a
/// lab's mutant (`lab_LAB_...`) that lab's (`--lab`), at full depth (or
/// quick's), narrowed by `--only`.
fn plan_steps(name: &str, opts: &Options) -> Result<Vec<crate::step::Step>, String> {
    let mode = match opts.mode {
        Mode::Quick => Mode::Quick,
        _ => Mode::All,
    };
    if let Some(lab) = lab_of(name, &labs::names()) {
        return labs::steps(&lab, mode, &opts.only);
    }
    let Some(channel) = ["mutex", "lockfree", "ring"]
        .into_iter()
        .find(|c| name.starts_with(&format!("{c}_")))
    else {
        return Err(format!(
            "`{name}` names no channel (mutex_, lockfree_, ring_) and no lab (lab_NAME_)"
        ));
    };
    let only: Vec<String> = match opts.only.is_empty() {
        true => DEFAULT_SUITES.iter().map(|s| s.to_string()).collect(),
        false => opts.only.clone(),
    };
    let planned = Options {
        only,
        channels: vec![channel.to_string()],
        // Every suite the channel has, at full depth (or quick's).
        mode,
        ..Options::default()
    };
    plan::steps(&planned)
}

/// The lab a mutant named `lab_LAB_...` seeds its bug in: the longest lab
/// name that fits.
pub fn lab_of(mutant: &str, labs: &[String]) -> Option<String> {
    let rest = mutant.strip_prefix("lab_")?;
    let fits = labs.iter().filter(|l| rest.starts_with(&format!("{l}_")));
    fits.max_by_key(|l| l.len()).cloned()
}

/// `NAME`, `NAME.patch` or `verification/mutants/NAME.patch` -> `NAME`.
fn patch_name(arg: &str) -> &str {
    let file = Path::new(arg)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(arg);
    file.strip_suffix(".patch").unwrap_or(file)
}

/// The seeded bugs' names (patch file stems), sorted.
pub fn known() -> Vec<String> {
    let dir = paths::repo_root().join(DIR);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter_map(|f| f.strip_suffix(".patch").map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The patch's first line: the bug, in words.
pub fn describe(name: &str) -> String {
    let patch = paths::repo_root().join(DIR).join(format!("{name}.patch"));
    std::fs::read_to_string(patch)
        .ok()
        .and_then(|p| p.lines().next().map(str::to_string))
        .unwrap_or_default()
}

/// Makes the scratch copy with the bug applied (`run.py --prepare`), below
/// the run's target directory; its path, relative to the root if below it.
fn prepare(name: &str) -> Result<PathBuf, String> {
    let out = Command::new("python3")
        .args([&format!("{DIR}/run.py"), "--prepare", name])
        .env("CARGO_TARGET_DIR", paths::target_dir())
        .output()
        .map_err(|e| format!("could not run python3 ({e}); the scratch copy needs it"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let root = paths::repo_root();
    Ok(path.strip_prefix(&root).map(PathBuf::from).unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::{lab_of, patch_name};

    #[test]
    fn a_mutant_is_named_by_name_file_or_path() {
        for arg in [
            "ring_naive_stamp",
            "ring_naive_stamp.patch",
            "verification/mutants/ring_naive_stamp.patch",
            "./verification/mutants/ring_naive_stamp.patch",
        ] {
            assert_eq!(patch_name(arg), "ring_naive_stamp", "{arg}");
        }
    }

    #[test]
    fn a_lab_mutant_names_its_lab() {
        let labs = [
            "condvar".to_string(),
            "condvar_two".to_string(),
            "vyukov".to_string(),
        ];
        assert_eq!(
            lab_of("lab_vyukov_relaxed_link", &labs).as_deref(),
            Some("vyukov")
        );
        assert_eq!(
            lab_of("lab_condvar_two_x", &labs).as_deref(),
            Some("condvar_two")
        );
        assert_eq!(lab_of("lab_condvar_x", &labs).as_deref(), Some("condvar"));
        assert_eq!(lab_of("lab_nope_x", &labs), None);
        assert_eq!(lab_of("mutex_lost_wakeup", &labs), None);
    }
}
