//! What a failing checker said, cut out of its output: the panic message of
//! each test thread (loom's causality violation, shuttle's assertion,
//! proptest's minimal case), Miri's error, or a compiler error.
//!
//! Backtrace frames are never part of an excerpt. The steps run with
//! `RUST_BACKTRACE=0`, but that is not enough: a panic while a thread is
//! already panicking (loom's second report while it unwinds a failed
//! model) prints its backtrace whatever the variable says, and the frames
//! of that one report are longer than any tail the table could show. So
//! the excerpt is read from the structure of the output (a panic block
//! starts with `thread 'NAME' ... panicked at` and ends where the backtrace
//! or the next block starts), never from its last lines.

/// One panic report: the thread that panicked (libtest names a test's
/// thread after the test) and the message, without location or frames.
#[derive(Debug, PartialEq, Eq)]
pub struct Panic {
    /// The thread's name.
    pub thread: String,
    /// Where it panicked (`file:line:col`).
    pub at: String,
    /// The message, one entry per line.
    pub message: Vec<String>,
}

/// The longest excerpt kept, in lines.
const MAX_LINES: usize = 16;

/// Messages of the panic std reports when a second panic aborts the
/// process: a consequence of the first, never the checker's finding.
const ABORT_NOTES: &[&str] = &[
    "panic in a destructor during cleanup",
    "panic in a function that cannot unwind",
    "thread caused non-unwinding panic. aborting.",
];

/// Lines other tests print on stdout (`--nocapture`), which may land in the
/// middle of a panic message printed on stderr: skipped, not kept.
const OTHER_OUTPUT: &[&str] = &["loom-model ", "shuttle-model ", "lincheck "];

/// Every panic report in `text`, in order, each (thread, message) once;
/// reports that only say the process is aborting are left out.
pub fn panics(text: &str) -> Vec<Panic> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<Panic> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((thread, at)) = panic_header(line) else {
            continue;
        };
        let message = block(&lines[i + 1..], ends_panic);
        let secondary = message.iter().any(|m| ABORT_NOTES.contains(&m.as_str()));
        let seen = out
            .iter()
            .any(|p| p.thread == thread && p.message == message);
        if !secondary && !seen {
            out.push(Panic {
                thread,
                at,
                message,
            });
        }
    }
    out
}

/// Whether the process aborted after a panic (std's second-panic report).
pub fn aborted(text: &str) -> bool {
    ABORT_NOTES.iter().any(|n| text.contains(n))
}

/// `thread 'NAME' (ID) panicked at FILE:LINE:COL:` -> (NAME, FILE:LINE:COL).
fn panic_header(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("thread '")?;
    let (name, rest) = rest.split_once('\'')?;
    let at = rest.split_once("panicked at ")?.1;
    let at = at.strip_suffix(':').unwrap_or(at);
    Some((name.to_string(), at.to_string()))
}

/// Whether `line` ends a panic message: the backtrace, std's notes, the
/// next report, libtest's lines, shuttle's schedule.
fn ends_panic(line: &str) -> bool {
    let starts = [
        "stack backtrace:",
        "note: ",
        "thread '",
        "---- ",
        "failures:",
        "test result:",
        "error: test failed",
        "failing schedule:",
        "Task failed, serializing schedule",
        "test panicked in task",
        "\t",
    ];
    starts.iter().any(|s| line.starts_with(s)) || libtest_line(line)
}

/// `test NAME ... RESULT` and libtest's hang warning.
fn libtest_line(line: &str) -> bool {
    line.starts_with("test ") && (line.contains(" ... ") || line.contains(" has been running"))
}

/// The lines of `lines` up to the first that `ends` (at most
/// [`MAX_LINES`]), without other tests' output, blank lines at either end
/// and trailing spaces.
fn block(lines: &[&str], ends: fn(&str) -> bool) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .take_while(|l| !ends(l))
        .filter(|l| !OTHER_OUTPUT.iter().any(|o| l.starts_with(o)))
        .map(|l| l.trim_end().to_string())
        .skip_while(|l| l.is_empty())
        .take(MAX_LINES)
        .collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The first error the compiler or Miri reported (`error: ...` or
/// `error[E..]: ...` and the lines under it, up to a blank line), other
/// than cargo's closing `error: test failed` and `could not compile`.
/// Miri's error can follow libtest's half-printed `test NAME ... ` on the
/// same line: the excerpt starts at `error`.
pub fn first_error(text: &str) -> Option<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let (start, first) = lines.iter().enumerate().find_map(|(i, l)| {
        let at = l.find("error: ").into_iter().chain(l.find("error["));
        let at = at
            .min()
            .filter(|&at| at == 0 || l[..at].ends_with("... "))?;
        let error = &l[at..];
        let closing = [
            "error: test failed",
            "error: could not compile",
            "error: aborting due to",
        ];
        (!closing.iter().any(|c| error.starts_with(c))).then_some((i, error))
    })?;
    let mut out = vec![first.trim_end().to_string()];
    out.extend(block(&lines[start + 1..], |l| {
        let ends = ["note: some details", "error", "FAILING SEED"];
        l.trim().is_empty() || ends.iter().any(|e| l.starts_with(e))
    }));
    Some(out)
}

/// The last `n` lines of `text` that are neither backtrace frames nor
/// std's notes about backtraces: for output that names no test and holds
/// no panic or error.
pub fn tail_without_frames(text: &str, n: usize) -> Vec<String> {
    let kept: Vec<&str> = text.lines().filter(|l| !is_frame(l)).collect();
    kept[kept.len().saturating_sub(n)..]
        .iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// A backtrace line: the header, a numbered frame, its `at` location, or
/// std's note on how to get (more of) one.
fn is_frame(line: &str) -> bool {
    let t = line.trim_start();
    let numbered = t
        .split_once(": ")
        .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let note = t.starts_with("note: ") && t.contains("RUST_BACKTRACE");
    numbered && line.starts_with(' ')
        || t.starts_with("at ") && line.starts_with("  ")
        || t == "stack backtrace:"
        || note
}

#[cfg(test)]
#[path = "excerpt_tests.rs"]
mod tests;
