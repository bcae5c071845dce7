//! The command that replays one failing test: the step's own command,
//! narrowed to that test (`--exact NAME`), with what its tool needs to
//! repeat the failure: loom's checkpoint file, shuttle's schedule, Miri's
//! seed; proptest replays its persisted seed by itself.

use crate::explore::Parse;
use crate::failures::Failure;
use crate::labs;
use crate::paths;
use crate::step::Step;
use std::ffi::OsStr;
use std::path::Path;

/// Where proptest saves the seeds of failing cases of `verification/props/`
/// (its default: `proptest-regressions/` beside the directory of the
/// test's `main.rs`), and replays them before new cases. A lab's are in
/// [`labs::REGRESSIONS`].
const REGRESSIONS: &str = "verification/proptest-regressions/main.txt";

/// The file proptest saves `step`'s failing seeds in: the labs' own for a
/// step that tests the labs' package, else chanlab's.
fn regressions(step: &Step) -> &'static str {
    match step.command.get_args().any(|a| a == labs::PACKAGE) {
        true => labs::REGRESSIONS,
        false => REGRESSIONS,
    }
}

/// The whole step again, on one test thread: for a failure whose output
/// names no test.
pub fn rerun(step: &Step) -> String {
    format!("{}{}", cd(step), render(step, &Failure::default(), None))
}

/// `cd DIR && ` when the step runs outside the repository root.
fn cd(step: &Step) -> String {
    step.dir
        .as_deref()
        .map(|d| format!("cd {} && ", d.display()))
        .unwrap_or_default()
}

/// The replay of `f`: a comment line on what it is, then the command.
pub fn one(step: &Step, f: &Failure) -> String {
    let cd = cd(step);
    let name = f
        .test
        .as_deref()
        .unwrap_or("(unnamed: the process aborted)");
    match step.parse {
        Parse::Loom => loom(step, f, &cd),
        Parse::Shuttle => {
            let extra = f
                .schedule
                .as_ref()
                .map(|s| format!("CHANLAB_SHUTTLE_REPLAY={s}"));
            let what = if extra.is_some() {
                "its failing schedule"
            } else {
                "no schedule printed"
            };
            format!(
                "# {name}: shuttle, {what}\n{cd}{}",
                render(step, f, extra.as_deref())
            )
        }
        Parse::Seeds(_) => miri(step, f, &cd),
        Parse::Properties(_) => {
            let what = match f.minimal.as_deref() {
                Some(case) => format!(
                    "shrunk to {case}; its seed is saved in {} and replayed first",
                    regressions(step)
                ),
                None => "no case was shrunk or saved (a hang or an abort): \
                         this runs the property again from its first case"
                    .to_string(),
            };
            format!("# {name}: proptest, {what}\n{cd}{}", render(step, f, None))
        }
        _ => format!("# {name}\n{cd}{}", render(step, f, None)),
    }
}

/// loom: a first run records the failing interleaving in a checkpoint
/// file (written before every iteration); the second starts from it, so
/// its first iteration is the failing one, with locations and a trace.
fn loom(step: &Step, f: &Failure, cd: &str) -> String {
    let name = f.test.as_deref().unwrap_or("unnamed");
    let file: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let file = step.target_base().join(format!("loom-replay-{file}.json"));
    let file = paths::shown_from(&file, &base(step));
    let record = format!("LOOM_CHECKPOINT_FILE={file} LOOM_CHECKPOINT_INTERVAL=1");
    let replay = format!("LOOM_LOCATION=1 LOOM_LOG=trace LOOM_CHECKPOINT_FILE={file}");
    format!(
        "# {name}: loom at the bound it failed at; record the failing \
         interleaving, then replay it alone\n\
         {cd}rm -f {file}; {}; {}",
        render(step, f, Some(&record)),
        render(step, f, Some(&replay))
    )
}

/// Miri: the one seed that failed instead of many.
fn miri(step: &Step, f: &Failure, cd: &str) -> String {
    let name = f.test.as_deref().unwrap_or("(every test of the step)");
    let flags = env(step, "MIRIFLAGS").unwrap_or_default();
    let kept: Vec<&str> = flags
        .split_whitespace()
        .filter(|x| !x.starts_with("-Zmiri-many-seeds"))
        .collect();
    let seed = f
        .seed
        .map(|s| format!(" -Zmiri-seed={s}"))
        .unwrap_or_default();
    let flags = format!(
        "MIRIFLAGS=\"{}\"",
        format!("{}{seed}", kept.join(" ")).trim()
    );
    let what = f
        .seed
        .map_or("seed not printed".into(), |s| format!("seed {s}"));
    format!(
        "# {name}: Miri, {what}\n{cd}{}",
        render(step, f, Some(&flags))
    )
}

/// The value the step's command sets for `key`.
fn env(step: &Step, key: &str) -> Option<String> {
    step.command
        .get_envs()
        .find(|(k, _)| *k == OsStr::new(key))
        .and_then(|(_, v)| v.map(|v| v.to_string_lossy().into_owned()))
}

/// Variables the runner sets for every step, which a replay leaves to the
/// reader's shell (the target directory is rendered on its own).
const RUNNER_ENV: &[&str] = &["CARGO_TARGET_DIR", "RUST_BACKTRACE"];

/// The directory the step's command runs in.
fn base(step: &Step) -> std::path::PathBuf {
    let root = paths::repo_root();
    step.dir.as_deref().map_or(root.clone(), |d| root.join(d))
}

/// The step's command as a shell line, narrowed to `f`'s test, with
/// `extra` environment before it (it replaces variables of the same name).
pub fn render(step: &Step, f: &Failure, extra: Option<&str>) -> String {
    let extra = extra.unwrap_or("");
    let mut words: Vec<String> = Vec::new();
    if !extra.is_empty() {
        words.push(extra.to_string());
    }
    let target = step.target_dir();
    if target != paths::target_dir() {
        let shown = paths::shown_from(&target, &base(step));
        words.push(format!("CARGO_TARGET_DIR={}", quote(&shown)));
    }
    for (k, v) in step.command.get_envs() {
        let k = k.to_string_lossy();
        let overridden = extra
            .split_whitespace()
            .any(|e| e.starts_with(&format!("{k}=")));
        let ours = RUNNER_ENV.contains(&k.as_ref());
        if let Some(v) = v.filter(|_| !overridden && !ours) {
            words.push(format!("{k}={}", quote(&v.to_string_lossy())));
        }
    }
    words.push(program(step.command.get_program()));
    let args: Vec<String> = step
        .command
        .get_args()
        .map(|a| quote(&a.to_string_lossy()))
        .collect();
    let harness = args.iter().position(|a| a == "--").unwrap_or(args.len());
    words.extend(args[..harness].iter().cloned());
    if harness < args.len() {
        words.push("--".into());
        harness_args(&args[harness + 1..], f, &mut words);
    }
    words.join(" ")
}

/// The test harness's arguments: the failing test exactly, else the
/// step's own on one thread (so the last test started is the culprit).
fn harness_args(args: &[String], f: &Failure, words: &mut Vec<String>) {
    if let Some(name) = &f.test {
        if args.iter().any(|a| a == "--nocapture") {
            words.push("--nocapture".into());
        }
        words.extend(["--exact".to_string(), name.clone()]);
        return;
    }
    let mut args = args.iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--test-threads" => {
                args.next();
            }
            _ => words.push(a.clone()),
        }
    }
    words.extend(["--test-threads".to_string(), "1".to_string()]);
}

/// `cargo` for cargo wherever it lives, else the program as given.
fn program(p: &OsStr) -> String {
    let path = Path::new(p);
    match path.file_name().and_then(OsStr::to_str) {
        Some("cargo") => "cargo".into(),
        _ => quote(&p.to_string_lossy()),
    }
}

/// Quotes a shell word that needs it.
fn quote(s: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_=./:,+@".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('"', "\\\""))
    }
}

#[cfg(test)]
#[path = "replay_tests.rs"]
mod tests;
