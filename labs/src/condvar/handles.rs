//! The handles' methods, each a thin call into the channel of
//! `condvar.rs`: std's names and signatures, the senders' count kept in
//! `Clone` and `Drop`, and the lab as a flavor for the kit.

use super::{Receiver, SyncSender, Wait, deadline, sync_channel};
use chanlab::error::{
    RecvError, RecvTimeoutError, SendError, SendTimeoutError, TryRecvError, TrySendError,
};
use chanlab::flavor::Bounded;
use std::time::Duration;

impl<T> SyncSender<T> {
    /// Sends, waiting while the channel is full.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(1);
    /// let t = std::thread::spawn(move || (0..3).for_each(|i| tx.send(i).unwrap()));
    /// let got: Vec<i32> = std::iter::from_fn(|| rx.recv().ok()).collect();
    /// assert_eq!(got, [0, 1, 2]);
    /// t.join().unwrap();
    /// ```
    pub fn send(&self, msg: T) -> Result<(), SendError<T>> {
        self.0
            .send(msg, Wait::Forever)
            .map_err(|e| SendError(e.into_inner()))
    }

    /// Sends only if there is room now.
    ///
    /// ```
    /// use chanlab::error::TrySendError;
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(1);
    /// assert_eq!(tx.try_send(1), Ok(()));
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// drop(rx);
    /// assert_eq!(tx.try_send(3), Err(TrySendError::Disconnected(3)));
    /// ```
    pub fn try_send(&self, msg: T) -> Result<(), TrySendError<T>> {
        self.0.send(msg, Wait::Not).map_err(|e| match e {
            SendTimeoutError::Timeout(m) => TrySendError::Full(m),
            SendTimeoutError::Disconnected(m) => TrySendError::Disconnected(m),
        })
    }

    /// Sends, waiting at most `timeout` for room.
    ///
    /// ```
    /// use chanlab::error::SendTimeoutError;
    /// use std::time::Duration;
    /// let (tx, _rx) = chanlab_labs::condvar::sync_channel(1);
    /// tx.send(1).unwrap();
    /// let full = tx.send_timeout(2, Duration::from_millis(1));
    /// assert_eq!(full, Err(SendTimeoutError::Timeout(2)));
    /// ```
    pub fn send_timeout(&self, msg: T, timeout: Duration) -> Result<(), SendTimeoutError<T>> {
        self.0.send(msg, deadline(timeout))
    }

    /// The number of messages queued.
    ///
    /// ```
    /// let (tx, _rx) = chanlab_labs::condvar::sync_channel(2);
    /// tx.send(1).unwrap();
    /// assert_eq!(tx.len(), 1);
    /// ```
    #[allow(clippy::len_without_is_empty)] // as std's `len` on its handles
    pub fn len(&self) -> usize {
        self.0.lock().queue.len()
    }
}

impl<T> Clone for SyncSender<T> {
    fn clone(&self) -> Self {
        self.0.lock().senders += 1;
        SyncSender(self.0.clone())
    }
}

impl<T> Drop for SyncSender<T> {
    fn drop(&mut self) {
        let mut s = self.0.lock();
        s.senders -= 1;
        if s.senders == 0 && s.receiver_waiting {
            self.0.changed.notify_all(); // the receiver: disconnected
        }
    }
}

impl<T> Receiver<T> {
    /// Waits for a message, or for the last sender to go.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(1);
    /// std::thread::spawn(move || tx.send(5).unwrap());
    /// assert_eq!(rx.recv(), Ok(5));
    /// assert!(rx.recv().is_err(), "the sender is gone");
    /// ```
    pub fn recv(&self) -> Result<T, RecvError> {
        self.0.recv(Wait::Forever).map_err(|_| RecvError)
    }

    /// Takes a message without waiting.
    ///
    /// ```
    /// use chanlab::error::TryRecvError;
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel::<u8>(1);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Disconnected));
    /// ```
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.0.recv(Wait::Not).map_err(|e| match e {
            RecvTimeoutError::Timeout => TryRecvError::Empty,
            RecvTimeoutError::Disconnected => TryRecvError::Disconnected,
        })
    }

    /// Waits at most `timeout` for a message.
    ///
    /// ```
    /// use chanlab::error::RecvTimeoutError;
    /// use std::time::Duration;
    /// let (_tx, rx) = chanlab_labs::condvar::sync_channel::<u8>(1);
    /// let empty = rx.recv_timeout(Duration::from_millis(1));
    /// assert_eq!(empty, Err(RecvTimeoutError::Timeout));
    /// ```
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.0.recv(deadline(timeout))
    }

    /// The number of messages queued.
    ///
    /// ```
    /// let (tx, rx) = chanlab_labs::condvar::sync_channel(2);
    /// tx.send(1).unwrap();
    /// assert_eq!(rx.len(), 1);
    /// ```
    #[allow(clippy::len_without_is_empty)] // as on the sender
    pub fn len(&self) -> usize {
        self.0.lock().queue.len()
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut s = self.0.lock();
        s.receiver = false;
        let queued = std::mem::take(&mut s.queue);
        if s.senders_waiting > 0 {
            self.0.changed.notify_all(); // every blocked sender: disconnected
        }
        drop(s);
        drop(queued); // the messages' own `drop` runs outside the lock
    }
}

/// The lab as a flavor, the name the kit's lines take.
pub struct OneCondvar;

impl Bounded for OneCondvar {
    const NAME: &'static str = "condvar";
    const MIN_BOUND: usize = 1;
    type SyncSender<T: Send + 'static> = SyncSender<T>;
    type Receiver<T: Send + 'static> = Receiver<T>;
    fn sync_channel<T: Send + 'static>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
        sync_channel(bound)
    }
}

crate::forward_handles!(SyncSender, len);
