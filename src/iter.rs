//! The receiver iterators (`Iter`, `TryIter`, `IntoIter`), written once.
//!
//! std names these types per module (`std::sync::mpsc::Iter` and friends), so
//! each chanlab channel module expands this macro to get its own, with the
//! same names, bounds and behaviour as std's: `iter()` blocks and stops at
//! disconnection, `try_iter()` stops at the first empty poll.

/// Defines `Iter`, `TryIter`, `IntoIter` and the `IntoIterator` impls for the
/// calling module's `Receiver<T>`, which must have inherent `recv` and
/// `try_recv` methods with std's signatures. `$module` names the calling
/// module and `$new` a call of its constructor (`"channel()"`), for the doc
/// examples.
macro_rules! receiver_iterators {
    ($module:ident, $new:literal) => {
        /// A blocking iterator over the messages of a [`Receiver`], created
        /// by [`Receiver::iter`] or by a `for` loop over `&rx`. Ends when
        /// every sender is gone and the channel is drained.
        ///
        /// ```
        #[doc = concat!("let (tx, rx) = chanlab::", stringify!($module), "::", $new, ";")]
        /// std::thread::spawn(move || tx.send("hello").unwrap());
        /// let mut got = Vec::new();
        /// for msg in &rx {
        ///     got.push(msg);
        /// }
        /// assert_eq!(got, ["hello"]);
        /// ```
        #[derive(Debug)]
        pub struct Iter<'a, T: 'a> {
            rx: &'a Receiver<T>,
        }

        /// A non-blocking iterator over the messages already in a
        /// [`Receiver`], created by [`Receiver::try_iter`].
        ///
        /// ```
        #[doc = concat!("let (tx, rx) = chanlab::", stringify!($module), "::", $new, ";")]
        /// for tick in 0..3 {
        ///     tx.send(tick).unwrap();
        ///     let ready: Vec<_> = rx.try_iter().collect(); // never blocks
        ///     assert_eq!(ready, [tick]);
        /// }
        /// ```
        #[derive(Debug)]
        pub struct TryIter<'a, T: 'a> {
            rx: &'a Receiver<T>,
        }

        /// An owning blocking iterator over the messages of a [`Receiver`],
        /// created by `into_iter` (a `for` loop over the receiver itself).
        ///
        /// ```
        #[doc = concat!("let (tx, rx) = chanlab::", stringify!($module), "::", $new, ";")]
        /// let consumer = std::thread::spawn(move || rx.into_iter().max());
        /// for i in [3, 9, 4] {
        ///     tx.send(i).unwrap();
        /// }
        /// drop(tx); // ends the iteration
        /// assert_eq!(consumer.join().unwrap(), Some(9));
        /// ```
        #[derive(Debug)]
        pub struct IntoIter<T> {
            rx: Receiver<T>,
        }

        impl<T> Receiver<T> {
            /// Returns an iterator that blocks for each message and ends when
            /// the channel is disconnected and empty.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::", stringify!($module), "::", $new, ";")]
            /// std::thread::spawn(move || {
            ///     for i in 1..=3 {
            ///         tx.send(i).unwrap();
            ///     }
            /// }); // the thread's end drops `tx`, which ends the iteration
            /// assert_eq!(rx.iter().collect::<Vec<_>>(), [1, 2, 3]);
            /// ```
            pub fn iter(&self) -> Iter<'_, T> {
                Iter { rx: self }
            }

            /// Returns an iterator over the messages that can be received
            /// without blocking: it ends at the first receive that would
            /// have to wait, even while senders remain.
            ///
            /// ```
            #[doc = concat!("let (tx, rx) = chanlab::", stringify!($module), "::", $new, ";")]
            /// tx.send(1).unwrap();
            /// tx.send(2).unwrap();
            /// assert_eq!(rx.try_iter().collect::<Vec<_>>(), [1, 2]);
            /// assert_eq!(rx.try_iter().next(), None); // `tx` is still alive
            /// ```
            pub fn try_iter(&self) -> TryIter<'_, T> {
                TryIter { rx: self }
            }
        }

        impl<'a, T> Iterator for Iter<'a, T> {
            type Item = T;
            fn next(&mut self) -> Option<T> {
                self.rx.recv().ok()
            }
        }

        impl<'a, T> Iterator for TryIter<'a, T> {
            type Item = T;
            fn next(&mut self) -> Option<T> {
                self.rx.try_recv().ok()
            }
        }

        impl<T> Iterator for IntoIter<T> {
            type Item = T;
            fn next(&mut self) -> Option<T> {
                self.rx.recv().ok()
            }
        }

        impl<'a, T> IntoIterator for &'a Receiver<T> {
            type Item = T;
            type IntoIter = Iter<'a, T>;
            fn into_iter(self) -> Iter<'a, T> {
                self.iter()
            }
        }

        impl<T> IntoIterator for Receiver<T> {
            type Item = T;
            type IntoIter = IntoIter<T>;
            fn into_iter(self) -> IntoIter<T> {
                IntoIter { rx: self }
            }
        }
    };
}

pub(crate) use receiver_iterators;
