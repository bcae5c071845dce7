//! One step of the run: a command, how to read what it explored, and its
//! outcome. Every step's output is read as it comes, so that long steps
//! show progress and Ctrl-C can stop them.

pub use crate::explore::Parse;
use crate::explore::{explored, tail};
use crate::interrupt;
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
    /// Typical seconds, for the progress estimate (0: unknown).
    pub expect_secs: u32,
    /// Where the command runs, when not in the repository root (a scratch
    /// copy with a seeded bug).
    pub dir: Option<PathBuf>,
    /// Stop the tests after they have run this long (the build not
    /// counted) and call it a hang (native tests of a seeded bug: a lost
    /// wakeup never ends).
    pub limit: Option<Duration>,
}

/// How a step ended.
pub struct Outcome {
    /// What was explored, in words.
    pub explored: String,
    /// Seconds taken.
    pub secs: f64,
    /// `None`: passed. `Some(why)`: failed.
    pub failure: Option<String>,
    /// Whether the step was skipped.
    pub skipped: bool,
    /// Whether Ctrl-C stopped it.
    pub interrupted: bool,
    /// Everything the command printed (stdout, then stderr).
    pub text: String,
}

/// The line added to the output of a step stopped at its time limit.
pub const HUNG: &str = "stopped: no end after";

impl Step {
    /// A step of `suite` for every channel (see [`Step::on`]).
    pub fn new(suite: &'static str, command: Command, parse: Parse) -> Step {
        Step {
            suite,
            channel: "all",
            command,
            parse,
            skip: None,
            expect_secs: 0,
            dir: None,
            limit: None,
        }
    }

    /// The same step, for one channel.
    pub fn on(mut self, channel: &'static str) -> Step {
        self.channel = channel;
        self
    }

    /// Runs the command, showing progress, and reads its outcome.
    pub fn run(&mut self) -> Outcome {
        if let Some(why) = self.skip.take() {
            return Outcome::new(why, 0.0, None, String::new()).skipped();
        }
        if let Some(dir) = &self.dir {
            self.command.current_dir(dir);
        }
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
            Some(format!("hung: {}", tail(&text, 20)))
        } else if !status {
            Some(format!("the command failed\n{}", tail(&text, 40)))
        } else if count == 0 {
            Some(format!(
                "nothing was explored (empty filter?)\n{}",
                tail(&text, 20)
            ))
        } else {
            None
        };
        let mut outcome = Outcome::new(what, secs, failure, text);
        outcome.interrupted = interrupted;
        outcome
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
        let mut progress = Progress::new(self.expect_secs, start);
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
            for line in BufReader::new(pipe).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
    }
    rx
}

impl Outcome {
    fn new(explored: String, secs: f64, failure: Option<String>, text: String) -> Self {
        Outcome {
            explored,
            secs,
            failure,
            skipped: false,
            interrupted: false,
            text,
        }
    }

    fn skipped(mut self) -> Self {
        self.skipped = true;
        self
    }

    /// Whether the step failed.
    pub fn failed(&self) -> bool {
        self.failure.is_some()
    }

    /// Time, for the table.
    pub fn time(&self) -> String {
        if self.skipped {
            "-".into()
        } else {
            format!("{:.1} s", self.secs)
        }
    }

    /// Result, for the table.
    pub fn status(&self) -> &'static str {
        match (&self.failure, self.skipped, self.interrupted) {
            (_, _, true) => "interrupted",
            (Some(_), _, _) => "FAIL",
            (None, true, _) => "skipped",
            (None, false, _) => "pass",
        }
    }

    /// The progress line printed when the step ends.
    pub fn line(&self) -> String {
        match &self.failure {
            Some(_) if self.interrupted => format!("interrupted after {:.1}s", self.secs),
            Some(why) => format!("FAIL {:.1}s\n{why}", self.secs),
            None if self.skipped => format!("skipped: {}", self.explored),
            None => format!("ok {:.1}s  {}", self.secs, self.explored),
        }
    }
}
