//! One step of the run: a command, how to read what it explored, and its
//! outcome. Every step's output is read as it comes, so that long steps
//! show progress and Ctrl-C can stop them, and kept whole in a log file.

pub use crate::explore::Parse;
use crate::explore::explored;
use crate::failures;
use crate::interrupt;
pub use crate::outcome::Outcome;
use crate::paths;
use crate::progress::Progress;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// One command to run.
pub struct Step {
    /// Suite name, for the table.
    pub suite: &'static str,
    /// Channel name, for the table.
    pub channel: &'static str,
    /// The command.
    pub command: Command,
    /// How to read its output.
    pub parse: Parse,
    /// Set when the step cannot run here; the reason is shown instead.
    pub skip: Option<String>,
    /// Where the command runs, when not in the repository root (a scratch
    /// copy with a seeded bug).
    pub dir: Option<PathBuf>,
    /// The subdirectory of the target directory its build goes to, for
    /// builds with their own flags (`loom`: `--cfg chanlab_loom`).
    pub target_sub: Option<&'static str>,
    /// Stop the tests after they have run this long (the build not
    /// counted) and call it a hang (native tests of a seeded bug: a lost
    /// wakeup never ends).
    pub limit: Option<Duration>,
}

/// The line added to the output of a step stopped at its time limit.
pub const HUNG: &str = "stopped: no end after";

/// Variables of the caller's environment that change what a checker
/// explores or floods the output (`LOOM_LOG=trace` prints every step of
/// every execution): they are for replaying one failure, not for a run.
const CALLER_ONLY: &[&str] = &["LOOM_", "RUST_LOG", "CHANLAB_SHUTTLE_REPLAY"];

impl Step {
    /// A step of `suite` for every channel (see [`Step::on`]).
    pub fn new(suite: &'static str, command: Command, parse: Parse) -> Step {
        Step {
            suite,
            channel: "all",
            command,
            parse,
            skip: None,
            dir: None,
            target_sub: None,
            limit: None,
        }
    }

    /// The same step, for one channel.
    pub fn on(mut self, channel: &'static str) -> Step {
        self.channel = channel;
        self
    }

    /// The cargo target directory the step builds in, absolute: the run's,
    /// or the scratch copy's own `target/` (never the run's: the copy's
    /// artifacts would get the same names as the repository's).
    pub fn target_dir(&self) -> PathBuf {
        let base = self.target_base();
        match self.target_sub {
            Some(sub) => base.join(sub),
            None => base,
        }
    }

    /// The target directory of the tree the step runs in, without
    /// [`Step::target_sub`].
    pub fn target_base(&self) -> PathBuf {
        match &self.dir {
            Some(tree) => paths::repo_root().join(tree).join("target"),
            None => paths::target_dir().to_path_buf(),
        }
    }

    /// Runs the command, showing progress, and reads its outcome.
    pub fn run(&mut self) -> Outcome {
        if let Some(why) = self.skip.take() {
            return Outcome::new(why, 0.0, None, String::new()).skipped();
        }
        self.prepare_command();
        let start = Instant::now();
        let (status, hung, mut text) = match self.spawn_and_watch(start) {
            Ok(done) => done,
            Err(e) => {
                let why = format!("could not start: {e}");
                return Outcome::new("-".into(), 0.0, Some(why), String::new());
            }
        };
        let secs = start.elapsed().as_secs_f64();
        if hung {
            text += &format!("{HUNG} {secs:.0} s\n");
        }
        let (what, count) = explored(self.parse, &text);
        let interrupted = interrupt::requested();
        let failure = if interrupted {
            Some("interrupted (Ctrl-C)".to_string())
        } else if hung {
            Some(format!("hung: the tests ran for over {secs:.0} s"))
        } else if !status {
            Some("the command failed".to_string())
        } else if count == 0 {
            Some("nothing was explored (empty filter?)".to_string())
        } else {
            None
        };
        let mut outcome = Outcome::new(what, secs, failure, text);
        if outcome.failed() && !interrupted {
            outcome.failures = failures::parse(&outcome.text);
        }
        outcome.log = self.save_log(&outcome.text);
        outcome.interrupted = interrupted;
        outcome
    }

    /// The environment every step runs in: its target directory, no
    /// backtraces (see `excerpt.rs`), and none of the caller's checker
    /// settings that only a replay should use.
    fn prepare_command(&mut self) {
        if let Some(dir) = &self.dir {
            self.command.current_dir(dir);
        }
        let target = self.target_dir();
        self.command.env("CARGO_TARGET_DIR", target);
        self.command.env("RUST_BACKTRACE", "0");
        let set: Vec<String> = self
            .command
            .get_envs()
            .map(|(k, _)| k.to_string_lossy().into_owned())
            .collect();
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().into_owned();
            if CALLER_ONLY.iter().any(|p| key.starts_with(p)) && !set.contains(&key) {
                self.command.env_remove(&key);
            }
        }
    }

    /// Writes the step's whole output to its log; the path, or `None` if
    /// it could not be written.
    fn save_log(&self, text: &str) -> Option<PathBuf> {
        let path = paths::step_log(self.suite, self.channel);
        std::fs::create_dir_all(path.parent()?).ok()?;
        std::fs::write(&path, text).ok()?;
        Some(path)
    }

    /// Spawns the command and reads its output until it exits, echoing
    /// progress lines; returns (success, whether it hung, output).
    fn spawn_and_watch(&mut self, start: Instant) -> std::io::Result<(bool, bool, String)> {
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut self.command, 0);
        let mut child = self
            .command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let lines = read_lines(&mut child);
        let mut progress = Progress::new(start);
        let mut text = String::new();
        let mut stopping: Option<Instant> = None;
        let mut hung = false;
        loop {
            match lines.recv_timeout(Duration::from_millis(200)) {
                Ok(line) => {
                    progress.line(&line);
                    text.push_str(&line);
                    text.push('\n');
                }
                Err(mpsc::RecvTimeoutError::Timeout) => progress.tick(),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            stop_if_interrupted(&mut child, &mut stopping);
            if !hung && progress.tests_ran_for(self.limit) {
                hung = true;
                interrupt::stop_group(child.id(), true);
            }
        }
        progress.finish();
        Ok((child.wait()?.success(), hung, text))
    }
}

/// After Ctrl-C: the step's process group gets SIGINT at once (it does not
/// get the terminal's, being a group of its own), and SIGKILL if it is
/// still running two seconds later.
fn stop_if_interrupted(child: &mut Child, since: &mut Option<Instant>) {
    if !interrupt::requested() {
        return;
    }
    match since {
        None => {
            interrupt::stop_group(child.id(), false);
            *since = Some(Instant::now());
        }
        Some(first) if first.elapsed() > Duration::from_secs(2) => {
            interrupt::stop_group(child.id(), true);
        }
        Some(_) => {}
    }
}

/// Reads the child's stdout and stderr on two threads, line by line, into
/// one channel (closed when both end).
fn read_lines(child: &mut Child) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let out: Option<Box<dyn Read + Send>> = child.stdout.take().map(|o| Box::new(o) as _);
    let err: Option<Box<dyn Read + Send>> = child.stderr.take().map(|e| Box::new(e) as _);
    for pipe in [out, err].into_iter().flatten() {
        let tx = tx.clone();
        std::thread::spawn(move || {
            // Bytes, not `lines()`: a line that is not UTF-8 (a tool
            // printing raw memory) must not stop the reading.
            let (mut reader, mut buf) = (BufReader::new(pipe), Vec::new());
            while matches!(reader.read_until(b'\n', &mut buf), Ok(1..)) {
                let line = String::from_utf8_lossy(&buf);
                let line = line.trim_end_matches(['\n', '\r']).to_string();
                buf.clear();
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    rx
}
