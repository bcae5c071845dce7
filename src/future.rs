//! The futures of the async API (`RecvFuture`, `SendFuture`, `RecvStream`),
//! written once.
//!
//! Each channel module expands these macros to get its own types, named
//! like its iterators. The types only hold the borrowed handle, the
//! message still to send and the future's *wait state* (`$wait`: what the
//! channel needs to find this future's registration again; `Default` is
//! "not registered"). Polling and cancelling are the channel's: the
//! handles provide
//!
//! * `Receiver::poll_recv(&mut self, cx, &mut $wait)` and
//!   `Receiver::cancel_recv(&mut self, &mut $wait)`;
//! * `SyncSender::poll_send(&self, cx, &mut Option<T>, &mut $wait)` and
//!   `SyncSender::cancel_send(&self, &mut $wait)`.
//!
//! A future calls `cancel_*` when it is dropped, whatever its state; the
//! channel does nothing for a wait state that holds no registration.
//!
//! The receive future borrows the receiver *exclusively* (`&mut`): the
//! receiver is `!Sync` (one consumer), and a future holding a shared borrow
//! could then not be `Send`; with `&mut`, `RecvFuture<T>` is `Send` when
//! `T: Send`, and no other receive can run while it is alive. The send
//! future borrows its sender shared (`SyncSender` is `Sync`), so several
//! sends of one handle may wait at once.

/// Defines `RecvFuture`, `RecvStream` (feature `futures-core`),
/// `Receiver::recv_async` and `Receiver::stream` for the calling module.
/// `$module` names it and `$new` a call of a constructor (for the doc
/// examples); `$wait` is the receive's wait state.
macro_rules! receiver_futures {
    ($module:ident, $new:literal, $wait:ty) => {
        /// The future of [`Receiver::recv_async`]: resolves to the next
        /// message, or to `Err(RecvError)` once every sender is gone and
        /// the channel is empty.
        ///
        /// Dropping it before it resolves cancels the receive: no message
        /// is taken, and its waker is no longer held by the channel.
        ///
        /// ```
        /// # #[tokio::main(flavor = "current_thread")] async fn main() {
        #[doc = concat!("let (tx, mut rx) = chanlab::", stringify!($module), "::", $new, ";")]
        /// let recv = rx.recv_async(); // nothing happens until it is awaited
        /// tx.send(3).unwrap();
        /// assert_eq!(recv.await, Ok(3));
        /// # }
        /// ```
        #[must_use = "futures do nothing unless awaited or polled"]
        pub struct RecvFuture<'a, T> {
            rx: &'a mut Receiver<T>,
            wait: $wait,
        }

        impl<T> std::future::Future for RecvFuture<'_, T> {
            type Output = Result<T, RecvError>;

            fn poll(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Self::Output> {
                let this = self.get_mut();
                this.rx.poll_recv(cx, &mut this.wait)
            }
        }

        impl<T> Drop for RecvFuture<'_, T> {
            fn drop(&mut self) {
                self.rx.cancel_recv(&mut self.wait);
            }
        }

        impl<T> std::fmt::Debug for RecvFuture<'_, T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("RecvFuture").finish_non_exhaustive()
            }
        }

        /// The messages of a [`Receiver`] as a `futures_core::Stream`,
        /// created by [`Receiver::stream`]; ends once every sender is gone
        /// and the channel is empty. Needs the cargo feature
        /// `futures-core`.
        ///
        /// ```
        /// # #[tokio::main(flavor = "current_thread")] async fn main() {
        /// use std::future::poll_fn;
        /// use std::pin::Pin;
        /// use futures_core::Stream;
        ///
        #[doc = concat!("let (tx, mut rx) = chanlab::", stringify!($module), "::", $new, ";")]
        /// tx.send(1).unwrap();
        /// drop(tx);
        /// let mut stream = rx.stream();
        /// let first = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await;
        /// assert_eq!(first, Some(1));
        /// let end = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await;
        /// assert_eq!(end, None); // every sender is gone
        /// # }
        /// ```
        #[cfg(feature = "futures-core")]
        #[must_use = "streams do nothing unless polled"]
        #[derive(Debug)]
        pub struct RecvStream<'a, T>(RecvFuture<'a, T>);

        #[cfg(feature = "futures-core")]
        impl<T> futures_core::Stream for RecvStream<'_, T> {
            type Item = T;

            fn poll_next(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Option<T>> {
                // A receive future that resolved holds no registration,
                // so the same one serves the next item.
                let recv = std::pin::Pin::new(&mut self.get_mut().0);
                std::future::Future::poll(recv, cx).map(Result::ok)
            }
        }

        impl<T> Receiver<T> {
            /// Receives the next message from a task: a future that
            /// resolves to it, or to `Err(RecvError)` once every sender is
            /// gone and the channel is empty (as [`recv`](Self::recv),
            /// without blocking the thread). It borrows the receiver
            /// exclusively, so it is `Send` when `T` is; dropping it
            /// before it resolves cancels the receive and loses no message
            /// (see the module docs, "Waiting in tasks").
            ///
            /// The async counterpart of `for msg in rx.iter()`:
            ///
            /// ```
            /// # #[tokio::main(flavor = "current_thread")] async fn main() {
            #[doc = concat!("let (tx, mut rx) = chanlab::", stringify!($module), "::", $new, ";")]
            /// std::thread::spawn(move || (1..=3).for_each(|i| tx.send(i).unwrap()));
            /// let mut sum = 0;
            /// while let Ok(msg) = rx.recv_async().await {
            ///     sum += msg;
            /// }
            /// assert_eq!(sum, 6); // the loop ended when the thread dropped `tx`
            /// # }
            /// ```
            pub fn recv_async(&mut self) -> RecvFuture<'_, T> {
                RecvFuture {
                    rx: self,
                    wait: Default::default(),
                }
            }

            /// The messages as a `futures_core::Stream` (cargo feature
            /// `futures-core`): each item is what
            /// [`recv_async`](Self::recv_async) would resolve to, and the
            /// stream ends where it would fail.
            ///
            /// ```
            /// # #[tokio::main(flavor = "current_thread")] async fn main() {
            /// use std::future::poll_fn;
            /// use std::pin::Pin;
            /// use futures_core::Stream;
            ///
            #[doc = concat!("let (tx, mut rx) = chanlab::", stringify!($module), "::", $new, ";")]
            /// tx.send('a').unwrap();
            /// let mut stream = rx.stream();
            /// let item = poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await;
            /// assert_eq!(item, Some('a'));
            /// # }
            /// ```
            #[cfg(feature = "futures-core")]
            pub fn stream(&mut self) -> RecvStream<'_, T> {
                RecvStream(self.recv_async())
            }
        }
    };
}

/// Defines `SendFuture` and `SyncSender::send_async` for the calling
/// module; the arguments are those of [`receiver_futures`].
macro_rules! sender_future {
    ($module:ident, $new:literal, $wait:ty) => {
        /// The future of [`SyncSender::send_async`]: resolves once the
        /// message is in the channel (for a rendezvous, once a receive has
        /// taken it), or to `Err(SendError(msg))` if the receiver is gone.
        ///
        /// Dropping it before it resolves cancels the send: the message is
        /// dropped with it and never received (unless a rendezvous receive
        /// had already taken it, which completes the send), and its waker
        /// is no longer held by the channel.
        ///
        /// ```
        /// # #[tokio::main(flavor = "current_thread")] async fn main() {
        #[doc = concat!("let (tx, mut rx) = chanlab::", stringify!($module), "::", $new, ";")]
        /// let send = tx.send_async(5); // nothing happens until it is awaited
        /// assert_eq!(send.await, Ok(()));
        /// assert_eq!(rx.recv_async().await, Ok(5));
        /// # }
        /// ```
        #[must_use = "futures do nothing unless awaited or polled"]
        pub struct SendFuture<'a, T> {
            tx: &'a SyncSender<T>,
            msg: Option<T>,
            wait: $wait,
        }

        // The message is moved, never pinned: the future is `Unpin` for
        // every `T`.
        impl<T> Unpin for SendFuture<'_, T> {}

        impl<T> std::future::Future for SendFuture<'_, T> {
            type Output = Result<(), SendError<T>>;

            fn poll(
                self: std::pin::Pin<&mut Self>,
                cx: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Self::Output> {
                let this = self.get_mut();
                this.tx.poll_send(cx, &mut this.msg, &mut this.wait)
            }
        }

        impl<T> Drop for SendFuture<'_, T> {
            fn drop(&mut self) {
                self.tx.cancel_send(&mut self.wait);
            }
        }

        impl<T> std::fmt::Debug for SendFuture<'_, T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("SendFuture").finish_non_exhaustive()
            }
        }

        impl<T> SyncSender<T> {
            /// Sends `msg` from a task: a future that resolves once the
            /// message is in the channel, waiting while it is full (as
            /// [`send`](Self::send), without blocking the thread), or to
            /// `Err(SendError(msg))` once the receiver is gone. It borrows
            /// the sender, and is `Send` when `T` is. Dropping it before it
            /// resolves cancels the send: the message is dropped, never
            /// received, and the room it waited for goes to another waiting
            /// sender (see the module docs, "Waiting in tasks").
            ///
            /// ```
            /// # #[tokio::main(flavor = "current_thread")] async fn main() {
            #[doc = concat!("let (tx, mut rx) = chanlab::", stringify!($module), "::", $new, ";")]
            /// let producer = tokio::spawn(async move {
            ///     for i in 0..4 {
            ///         tx.send_async(i).await.unwrap(); // waits while the channel is full
            ///     }
            /// });
            /// let mut got = Vec::new();
            /// while let Ok(msg) = rx.recv_async().await {
            ///     got.push(msg);
            /// }
            /// assert_eq!(got, [0, 1, 2, 3]);
            /// producer.await.unwrap();
            /// # }
            /// ```
            pub fn send_async(&self, msg: T) -> SendFuture<'_, T> {
                SendFuture {
                    tx: self,
                    msg: Some(msg),
                    wait: Default::default(),
                }
            }
        }
    };
}

pub(crate) use {receiver_futures, sender_future};
