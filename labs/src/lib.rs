//! Build-it labs: two classic MPSC channels, each written against
//! [`chanlab::sync`] and checked by every suite of `chanlab::kit`.
//!
//! | lab | module | design |
//! |---|---|---|
//! | `vyukov` | [`vyukov`] | unbounded: Vyukov's node-based MPSC queue, a parked receiver |
//! | `condvar` | [`condvar`] | bounded (`sync_channel(n)`, `n >= 1`): one `Mutex`, one `Condvar`, waiter counts |
//!
//! Each module is a reference solution; [`starter`] holds the same designs
//! with their bodies left `todo!()`. `tests/labs.rs` names every lab (one
//! `lab!` line each), and `cargo verify --lab NAME` runs its suites.

pub mod condvar;
pub mod starter;
pub mod vyukov;

/// `chanlab::flavor`'s handle traits for a lab's `Receiver` and its
/// sender (`Tx`, or `Tx` and `SyncTx` for a `SyncSender`), forwarding to
/// their inherent methods; `len` forwards the optional `len()` too.
macro_rules! forward_handles {
    (Sender $(, $len:ident)?) => {
        impl<T: Send + 'static> chanlab::flavor::Tx<T> for Sender<T> {
            fn send(&self, msg: T) -> Result<(), chanlab::error::SendError<T>> {
                Sender::send(self, msg)
            }
            $crate::forward_handles!(@$($len)? Sender);
        }
        $crate::forward_handles!(@rx $($len)?);
    };
    (SyncSender $(, $len:ident)?) => {
        impl<T: Send + 'static> chanlab::flavor::Tx<T> for SyncSender<T> {
            fn send(&self, msg: T) -> Result<(), chanlab::error::SendError<T>> {
                SyncSender::send(self, msg)
            }
            $crate::forward_handles!(@$($len)? SyncSender);
        }
        impl<T: Send + 'static> chanlab::flavor::SyncTx<T> for SyncSender<T> {
            fn try_send(&self, msg: T) -> Result<(), chanlab::error::TrySendError<T>> {
                SyncSender::try_send(self, msg)
            }
            fn send_timeout(
                &self,
                msg: T,
                timeout: std::time::Duration,
            ) -> Option<Result<(), chanlab::error::SendTimeoutError<T>>> {
                Some(SyncSender::send_timeout(self, msg, timeout))
            }
        }
        $crate::forward_handles!(@rx $($len)?);
    };
    (@rx $($len:ident)?) => {
        impl<T: Send + 'static> chanlab::flavor::Rx<T> for Receiver<T> {
            fn recv(&self) -> Result<T, chanlab::error::RecvError> {
                Receiver::recv(self)
            }
            fn try_recv(&self) -> Result<T, chanlab::error::TryRecvError> {
                Receiver::try_recv(self)
            }
            fn recv_timeout(
                &self,
                timeout: std::time::Duration,
            ) -> Result<T, chanlab::error::RecvTimeoutError> {
                Receiver::recv_timeout(self, timeout)
            }
            $crate::forward_handles!(@$($len)? Receiver);
        }
    };
    (@len $handle:ident) => {
        fn len(&self) -> Option<usize> {
            Some($handle::len(self))
        }
    };
    (@ $handle:ident) => {};
}
pub(crate) use forward_handles;
