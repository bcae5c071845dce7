//! Reading a failed step's output: which tests failed, what the checker
//! said about each (see `excerpt.rs`), and what each tool printed to replay
//! the failure (a shuttle schedule, a Miri seed, a proptest case).

use crate::excerpt::{self, Panic};

/// One failing test, and what its tool printed to replay it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Failure {
    /// The test's full libtest name (`None`: the process aborted before
    /// libtest could name it).
    pub test: Option<String>,
    /// shuttle: the failing schedule (joined, without quotes).
    pub schedule: Option<String>,
    /// Miri: the seed that failed.
    pub seed: Option<u64>,
    /// proptest: the shrunk case.
    pub minimal: Option<String>,
    /// What the checker said: the test's panic message, Miri's error, or
    /// the end of the output with backtraces left out.
    pub message: Vec<String>,
}

/// Every failing test in `text`, in the order the output names them; one
/// unnamed failure when the output shows a crash but names no test.
pub fn parse(text: &str) -> Vec<Failure> {
    let panics = excerpt::panics(text);
    let names = failing_tests(text, &panics);
    let schedules = schedules(text);
    let seed = miri_seed(text);
    let mut out: Vec<Failure> = names
        .into_iter()
        .map(|name| Failure {
            schedule: schedules
                .iter()
                .find(|(t, _)| *t == name)
                .map(|(_, s)| s.clone()),
            minimal: minimal_input(text, &name),
            message: message(text, &panics, Some(&name)),
            seed,
            test: Some(name),
        })
        .collect();
    if out.is_empty() && (seed.is_some() || crashed(text)) {
        out.push(Failure {
            seed,
            schedule: schedules.into_iter().next().map(|(_, s)| s),
            message: message(text, &panics, None),
            ..Failure::default()
        });
    }
    out
}

/// The failing tests: libtest's verdicts; then the test threads that
/// panicked and never passed (a process that aborted, as loom's does after
/// a panic while unwinding, gives no verdict: each model that panicked is
/// named, whichever else ran beside it); then, for a process that died
/// without a panic (Miri's undefined behaviour), the tests it started and
/// never finished; then the tests libtest warned had hung.
fn failing_tests(text: &str, panics: &[Panic]) -> Vec<String> {
    let mut names = failed_names(text);
    if crashed(text) {
        for p in panics {
            let passed = text.contains(&format!("test {} ... ok", p.thread));
            if test_thread(&p.thread) && !passed && !names.contains(&p.thread) {
                names.push(p.thread.clone());
            }
        }
        if names.is_empty() {
            names = unfinished(text);
        }
    }
    if names.is_empty() {
        names = hung(text);
    }
    names
}

/// Whether a thread is a test's (libtest names them after the test), not
/// the harness's main thread or one a test spawned.
fn test_thread(name: &str) -> bool {
    name != "main" && !name.starts_with("<unnamed>") && !name.starts_with("unnamed-")
}

/// What the checker said about test `name` (or about the run, for an
/// unnamed failure): its first panic message, else the first error
/// (Miri's undefined behaviour, a compile error), else the end of the
/// output without backtraces.
fn message(text: &str, panics: &[Panic], name: Option<&str>) -> Vec<String> {
    let panic = panics.iter().find(|p| name.is_none_or(|n| p.thread == n));
    if let Some(p) = panic {
        let mut lines = Vec::new();
        // A location outside the workspace (loom's `location.rs`, std's
        // `panicking.rs`) says nothing; rustc prints the workspace's own
        // files relative to it.
        if !p.at.contains(".cargo/registry/") && !p.at.starts_with('/') {
            lines.push(format!("panicked at {}:", p.at));
        }
        lines.extend(p.message.iter().cloned());
        if excerpt::aborted(text) {
            lines.push("(then the test process aborted: a panic while unwinding)".into());
        }
        return lines;
    }
    if let Some(error) = excerpt::first_error(text) {
        return error;
    }
    if let Some(n) = name.filter(|n| hung(text).iter().any(|h| h == n)) {
        return vec![format!("{n} never finished (a lost wakeup or a deadlock)")];
    }
    excerpt::tail_without_frames(text, 20)
}

/// Names from libtest's `test NAME ... FAILED` lines, its `---- NAME
/// stdout ----` sections and its closing `failures:` list, without
/// duplicates.
fn failed_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut push = |n: &str| {
        if !n.is_empty() && !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    };
    for line in text.lines() {
        let verdict = line
            .strip_prefix("test ")
            .and_then(|rest| rest.strip_suffix(" ... FAILED"));
        let section = line
            .strip_prefix("---- ")
            .and_then(|rest| rest.strip_suffix(" stdout ----"));
        if let Some(name) = verdict.or(section) {
            push(name);
        }
    }
    // The list after the last `failures:` line: four-space-indented names.
    if let Some(i) = text.rfind("\nfailures:\n") {
        for line in text[i + 11..].lines() {
            match line.strip_prefix("    ") {
                Some(name) if !name.contains(' ') => push(name),
                _ if line.is_empty() => continue,
                _ => break,
            }
        }
    }
    names
}

/// Tests that started and were cut off (the process died: Miri's undefined
/// behaviour): names in `test NAME ... ` more often than in a finished
/// `test NAME ... ok` (or `FAILED`, `ignored`).
fn unfinished(text: &str) -> Vec<String> {
    let mut started: Vec<(String, i32)> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("test ") {
        rest = &rest[i + 5..];
        let Some((name, after)) = rest.split_once(" ... ") else {
            break;
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            continue;
        }
        let done = ["ok", "FAILED", "ignored"]
            .iter()
            .any(|r| after.starts_with(r));
        match started.iter_mut().find(|(n, _)| n == name) {
            Some((_, open)) => *open += i32::from(!done) - i32::from(done),
            None => started.push((name.to_string(), i32::from(!done) - i32::from(done))),
        }
    }
    started
        .into_iter()
        .filter(|(_, open)| *open > 0)
        .map(|(n, _)| n)
        .collect()
}

/// The names of threads that panicked (`thread 'NAME' (id) panicked at`),
/// other than `main`: libtest names each test's thread after the test.
fn panicked_threads(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("thread '")?.split_once('\''))
        .filter(|(_, rest)| rest.contains("panicked"))
        .map(|(name, _)| name.to_string())
        .filter(|n| n != "main" && !n.starts_with("<unnamed>"))
        .collect()
}

/// Tests libtest warned about (`test NAME has been running for over 60
/// seconds`): in a run that never ended, the ones that hung.
fn hung(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|l| {
            l.strip_prefix("test ")?
                .split_once(" has been running for over ")
        })
        .map(|(name, _)| name.to_string())
        .collect();
    names.dedup();
    names
}

/// Whether the process died rather than failing a test.
fn crashed(text: &str) -> bool {
    [
        "process didn't exit successfully",
        "signal: 6",
        "SIGABRT",
        "FAILING SEED",
    ]
    .iter()
    .any(|m| text.contains(m))
}

/// shuttle's `failing schedule:` blocks, each paired with the test whose
/// panic follows it. shuttle's panic hook prints `Task failed`, then the
/// schedule, then the panic; a schedule it prints again while unwinding
/// (longer, past the failure) is ignored.
fn schedules(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let (mut armed, mut pending) = (false, None::<String>);
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("Task failed, serializing schedule") {
            (armed, pending) = (true, None);
        } else if line.trim_end() == "failing schedule:" {
            let block: Vec<&str> = lines
                .by_ref()
                .skip_while(|l| l.trim() == "\"")
                .take_while(|l| l.trim() != "\"")
                .collect();
            if armed && pending.is_none() {
                pending = Some(block.iter().map(|l| l.trim()).collect());
            }
        } else if let Some(name) = panicked_threads(line).pop()
            && let Some(schedule) = pending.take()
        {
            armed = false;
            if !out.iter().any(|(t, _)| *t == name) {
                out.push((name, schedule));
            }
        }
    }
    out
}

/// Miri's `FAILING SEED: N`.
fn miri_seed(text: &str) -> Option<u64> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("FAILING SEED: ")?.trim().parse().ok())
}

/// proptest's `minimal failing input: ...` in the panic of test `name`,
/// pretty-printed over several lines; put back on one.
fn minimal_input(text: &str, name: &str) -> Option<String> {
    let start = text.find(&format!("thread '{name}'"))?;
    let after = &text[start..];
    let i = after.find("minimal failing input: ")?;
    let lines: Vec<&str> = after[i + 23..]
        .lines()
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('\t'))
        .map(str::trim)
        .collect();
    let mut one = lines.join(" ");
    for (from, to) in [
        (", )", ")"),
        (", ]", "]"),
        ("( ", "("),
        ("[ ", "["),
        (" )", ")"),
    ] {
        one = one.replace(from, to);
    }
    Some(one)
}

#[cfg(test)]
#[path = "failures_tests.rs"]
mod tests;
