//! Ctrl-C: the runner survives it, stops the running step and still prints
//! the partial table.
//!
//! The terminal sends SIGINT to the whole foreground process group, so the
//! running tool gets it too and stops; the runner only records that it came.
//! No dependency: `signal` is in the C library that std already links.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// SIGINT's number on every Unix.
#[cfg(unix)]
const SIGINT: i32 = 2;

#[cfg(unix)]
unsafe extern "C" {
    /// `signal(2)`: installs `handler` for `signum`.
    fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
}

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
