//! What a run cost the machine besides wall time: the CPU time and the
//! context switches of this process, from `getrusage(RUSAGE_SELF)`, and the
//! busy threads of the loaded mode (`--load N`).
//!
//! `RUSAGE_SELF` sums every thread of the process, joined ones included, so
//! the difference of two samples taken around one contender's run (its
//! producers are joined before the run returns) is what that contender's
//! threads used: the time they spent spinning and yielding counts, the
//! time they slept does not. Busy threads therefore live in a child
//! process, where they do not count as the contender's.

use std::io::Read;
use std::process::{Child, Command, Stdio};

/// This process's resource usage at one instant.
#[derive(Clone, Copy)]
pub struct Usage {
    /// User plus system CPU time, in nanoseconds.
    cpu_ns: u64,
    /// Voluntary plus involuntary context switches.
    switches: u64,
}

/// What a run used, per message.
#[derive(Clone, Copy, Debug)]
pub struct UsageDelta {
    /// CPU nanoseconds (user + system, every thread) per message.
    pub cpu_ns: f64,
    /// Context switches (`ru_nvcsw + ru_nivcsw`) per message.
    pub switches: f64,
}

impl Usage {
    /// Samples `getrusage(RUSAGE_SELF)`.
    pub fn now() -> Usage {
        // SAFETY: `rusage` is plain old data, for which all zeroes is valid.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: `ru` is a valid, writable `rusage`; RUSAGE_SELF is a valid
        // `who`. On failure `ru` stays zeroed and the figures read 0.
        unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
        let ns = |t: libc::timeval| t.tv_sec as u64 * 1_000_000_000 + t.tv_usec as u64 * 1_000;
        Usage {
            cpu_ns: ns(ru.ru_utime) + ns(ru.ru_stime),
            switches: (ru.ru_nvcsw + ru.ru_nivcsw) as u64,
        }
    }

    /// The usage since `self`, per message of a run of `n`.
    pub fn since(&self, n: usize) -> UsageDelta {
        let now = Usage::now();
        let per = |a: u64, b: u64| a.saturating_sub(b) as f64 / n as f64;
        UsageDelta {
            cpu_ns: per(now.cpu_ns, self.cpu_ns),
            switches: per(now.switches, self.switches),
        }
    }
}

/// `threads` threads spinning on the CPU in a child process (this binary,
/// run with `--burn N`), until dropped. The child exits when its standard
/// input closes, so it never outlives the harness.
pub struct Burners {
    child: Child,
}

impl Burners {
    /// Starts them; `None` for 0 threads.
    pub fn start(threads: usize) -> Option<Burners> {
        if threads == 0 {
            return None;
        }
        let exe = std::env::current_exe().expect("the harness's own path");
        let child = Command::new(exe)
            .args(["--burn", &threads.to_string()])
            .stdin(Stdio::piped())
            .spawn()
            .expect("starting the busy threads");
        Some(Burners { child })
    }

    /// The child's process id, whose CPU time is not "other processes'".
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Burners {
    fn drop(&mut self) {
        drop(self.child.stdin.take()); // the child exits on end of input
        let _ = self.child.wait();
    }
}

/// The child's side of [`Burners`]: spins `threads` threads until standard
/// input closes, then exits.
pub fn burn(threads: usize) -> ! {
    for _ in 0..threads {
        std::thread::spawn(|| {
            let mut x = 0u64;
            loop {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
        });
    }
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
    std::process::exit(0)
}
