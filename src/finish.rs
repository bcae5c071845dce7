//! Dropping every queued message even when one message's `Drop` panics.
//!
//! When the receiver goes, each channel drops the messages still queued, one
//! at a time. A message's `Drop` is user code and may panic. `Vec` and
//! `VecDeque` answer that case by dropping the remaining elements while the
//! panic unwinds and letting the panic carry on afterwards (a second panic
//! during that unwinding aborts the process, as for any drop while
//! panicking); every chanlab channel does the same, through
//! [`run_to_end`].

/// Calls `step(state)` until it returns `false`. If a step panics, the
/// remaining steps still run while the panic unwinds, and then the panic
/// continues to the caller.
///
/// Each `step` must leave `state` ready for the next step *before* it runs
/// user code (advance the position, then drop the message), so that the
/// steps run during unwinding start after the message that panicked.
pub(crate) fn run_to_end<S>(state: &mut S, step: fn(&mut S) -> bool) {
    /// Runs the remaining steps if dropped while a step unwinds.
    struct Rest<'a, S> {
        state: &'a mut S,
        step: fn(&mut S) -> bool,
    }

    impl<S> Drop for Rest<'_, S> {
        fn drop(&mut self) {
            while (self.step)(self.state) {}
        }
    }

    let rest = Rest { state, step };
    while (rest.step)(rest.state) {}
    // Every step ran: nothing is left for the guard to do.
    std::mem::forget(rest);
}
