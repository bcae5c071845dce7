//! Error types, shared by every channel in chanlab.
//!
//! ```
//! use chanlab::error::{SendTimeoutError, TryRecvError};
//! use std::time::Duration;
//!
//! let (tx, rx) = chanlab::ring::sync_channel(1);
//! tx.send(1).unwrap();
//! // The ring is full: the message comes back inside the error.
//! let err = tx.send_timeout(2, Duration::from_millis(1)).unwrap_err();
//! assert_eq!(err, SendTimeoutError::Timeout(2));
//! drop(tx);
//! assert_eq!(rx.try_recv(), Ok(1));
//! // std's own type: code written against `std::sync::mpsc` matches it unchanged.
//! let disconnected: std::sync::mpsc::TryRecvError = rx.try_recv().unwrap_err();
//! assert_eq!(disconnected, TryRecvError::Disconnected);
//! ```
//!
//! Five of the six are `std::sync::mpsc`'s own types, re-exported: code that
//! matches on `mpsc::TryRecvError::Empty`, or implements
//! `From<std::sync::mpsc::RecvError>` for its own error type, keeps working
//! unchanged after swapping `std::sync::mpsc` for a chanlab channel.
//!
//! std's `SendTimeoutError` is still unstable (`mpmc_channel`), so chanlab
//! defines its own with the shape of std's unstable one (library/std/src/sync/mpmc/error.rs):
//! the same variants, the same `Debug` (`SendTimeoutError(..)`, no `T: Debug`)
//! and `Display` texts, `Error` for every `T`, and `From<SendError<T>>`.
//! Every error that carries a message hands it back.

use std::error::Error;
use std::fmt;

pub use std::sync::mpsc::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};

/// The error of [`SyncSender::send_timeout`](crate::mutex::SyncSender::send_timeout):
/// the message could not be sent before the deadline, or the receiver is
/// gone. Either way the message is handed back.
///
/// ```
/// use chanlab::mutex::{SendTimeoutError, sync_channel};
/// use std::time::Duration;
///
/// let (tx, rx) = sync_channel(1);
/// tx.send("first").unwrap();
/// let full = tx.send_timeout("second", Duration::from_millis(1));
/// assert_eq!(full, Err(SendTimeoutError::Timeout("second")));
/// drop(rx);
/// let gone = tx.send_timeout("third", Duration::from_millis(1));
/// assert_eq!(gone, Err(SendTimeoutError::Disconnected("third")));
/// ```
#[derive(PartialEq, Eq, Clone, Copy)]
pub enum SendTimeoutError<T> {
    /// The channel stayed full until the deadline passed.
    Timeout(T),
    /// The receiver was dropped, so the message can never be received.
    Disconnected(T),
}

impl<T> SendTimeoutError<T> {
    /// Returns the message that could not be sent.
    ///
    /// ```
    /// use chanlab::error::SendTimeoutError;
    ///
    /// assert_eq!(SendTimeoutError::Timeout(String::from("hi")).into_inner(), "hi");
    /// assert_eq!(SendTimeoutError::Disconnected(7).into_inner(), 7);
    /// ```
    pub fn into_inner(self) -> T {
        match self {
            SendTimeoutError::Timeout(t) | SendTimeoutError::Disconnected(t) => t,
        }
    }
}

impl<T> fmt::Debug for SendTimeoutError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SendTimeoutError(..)")
    }
}

impl<T> fmt::Display for SendTimeoutError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendTimeoutError::Timeout(_) => f.write_str("timed out waiting on send operation"),
            SendTimeoutError::Disconnected(_) => f.write_str("sending on a disconnected channel"),
        }
    }
}

impl<T> Error for SendTimeoutError<T> {}

impl<T> From<SendError<T>> for SendTimeoutError<T> {
    fn from(err: SendError<T>) -> Self {
        SendTimeoutError::Disconnected(err.0)
    }
}

/// What a non-blocking send reports: a send that would have had to wait
/// (`Timeout` under `Wait::Never`) is `Full`.
pub(crate) fn try_send_error<T>(e: SendTimeoutError<T>) -> TrySendError<T> {
    match e {
        SendTimeoutError::Timeout(m) => TrySendError::Full(m),
        SendTimeoutError::Disconnected(m) => TrySendError::Disconnected(m),
    }
}

/// What a non-blocking receive reports: a receive that would have had to
/// wait (`Timeout` under `Wait::Never`) is `Empty`.
pub(crate) fn try_recv_error(e: RecvTimeoutError) -> TryRecvError {
    match e {
        RecvTimeoutError::Timeout => TryRecvError::Empty,
        RecvTimeoutError::Disconnected => TryRecvError::Disconnected,
    }
}
