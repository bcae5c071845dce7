//! Ctrl-C: the runner survives it, stops the running step and still prints
//! the partial table.
//!
//! Each step runs in a process group of its own, so that a step can be
//! stopped whole (cargo, and the test binary it started); the runner passes
//! Ctrl-C on to that group. No dependency: `signal` and `kill` are in the C
//! library that std already links.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// SIGINT's number on every Unix.
#[cfg(unix)]
const SIGINT: i32 = 2;

#[cfg(unix)]
unsafe extern "C" {
    /// `signal(2)`: installs `handler` for `signum`.
    fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
    /// `kill(2)`: sends `sig` to `pid` (a negative `pid`: to that group).
    fn kill(pid: i32, sig: i32) -> i32;
}

/// SIGKILL's number on every Unix.
#[cfg(unix)]
const SIGKILL: i32 = 9;

/// The handler: one atomic store, which is async-signal-safe.
#[cfg(unix)]
extern "C" fn on_sigint(_: i32) {
    REQUESTED.store(true, Ordering::SeqCst);
}

/// Installs the handler (Unix; elsewhere Ctrl-C ends the runner as usual).
pub fn install() {
    #[cfg(unix)]
    // SAFETY: `on_sigint` only stores to an atomic, which is allowed in a
    // signal handler; `signal` has this C signature on every Unix libc.
    unsafe {
        signal(SIGINT, on_sigint);
    }
}

/// Whether Ctrl-C has been pressed.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// Sends SIGINT (`hard`: SIGKILL) to the process group led by `pid`.
pub fn stop_group(pid: u32, hard: bool) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(pid) {
        let sig = if hard { SIGKILL } else { SIGINT };
        // SAFETY: `kill` only sends a signal; a group that is gone gives
        // ESRCH, which is ignored.
        unsafe {
            kill(-pid, sig);
        }
    }
    #[cfg(not(unix))]
    let _ = (pid, hard);
}
