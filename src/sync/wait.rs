//! How long a channel operation may block, and the yield loop of a thread
//! that waits for another one mid-operation (crate-internal: chanlab's
//! channels share these; a channel of one's own needs only [`super::wait_until`]
//! and [`super::park_until`]).

use super::{CHECKER, Instant, yield_now};

/// How long a channel operation may block: the one shape shared by
/// `try_*` (never), `*_timeout`/`*_deadline` (until an instant) and the plain
/// blocking calls (forever).
#[derive(Clone, Copy, Debug)]
pub(crate) enum Wait {
    /// Do not block: `try_send`, `try_recv`.
    Never,
    /// Block until this instant at the latest.
    Until(Instant),
    /// Block for as long as it takes.
    Forever,
}

impl Wait {
    /// The wait for a `*_timeout(timeout)` call: `Forever` when the deadline
    /// overflows `Instant` (so `Duration::MAX` never panics).
    pub(crate) fn timeout(timeout: std::time::Duration) -> Wait {
        deadline_after(timeout).map_or(Wait::Forever, Wait::Until)
    }

    /// Whether the wait is over: always for `Never`, never for `Forever`,
    /// and for `Until` once the clock has reached the deadline (the only
    /// case that reads the clock). Checked after every bounded step of a
    /// spin or yield loop, so that the loop ends within one step of the
    /// deadline. Under a checker the clock never decides: only a scheduling
    /// point ([`super::wait_until`], [`super::park_until`], [`yield_until`])
    /// expires an `Until`, so this returns `false` for it.
    pub(crate) fn passed(self) -> bool {
        match self {
            Wait::Never => true,
            Wait::Until(deadline) => !CHECKER && Instant::now() >= deadline,
            Wait::Forever => false,
        }
    }
}

/// Yields once, for a thread that waits on another one in the middle of an
/// operation (a sender between claiming a slot and publishing it, or
/// between taking and finishing a wake-up); returns whether `wait` has
/// expired. Every such wait is a loop of these, so a timed one overruns its
/// deadline by at most one yield, however long the other thread stalls.
///
/// Under a checker a timed wait expires after this one scheduling point, as
/// in [`super::park_until`]: a model in which the other thread never gets
/// there first sees the timeout.
pub(crate) fn yield_until(wait: Wait) -> bool {
    yield_now();
    match wait {
        Wait::Until(_) if CHECKER => true,
        wait => wait.passed(),
    }
}

/// `Instant::now() + timeout`, or `None` when that instant is not
/// representable (for example `Duration::MAX`): such a wait never expires.
pub(crate) fn deadline_after(timeout: std::time::Duration) -> Option<Instant> {
    Instant::now().checked_add(timeout)
}
