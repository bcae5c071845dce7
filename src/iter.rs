//! The receiver iterators (`Iter`, `TryIter`, `IntoIter`), written once.
//!
//! std names these types per module (`std::sync::mpsc::Iter` and friends), so
//! each chanlab channel module expands this macro to get its own, with the
//! same names, bounds and behaviour as std's: `iter()` blocks and stops at
//! disconnection, `try_iter()` stops at the first empty poll.

/// Defines `Iter`, `TryIter`, `IntoIter` and the `IntoIterator` impls for the
/// calling module's `Receiver<T>`, which must have inherent `recv` and
/// `try_recv` methods with std's signatures.
macro_rules! receiver_iterators {
    () => {
        /// A blocking iterator over the messages of a [`Receiver`], created
        /// by [`Receiver::iter`]. Ends when every sender is gone and the
        /// channel is drained.
        #[derive(Debug)]
        pub struct Iter<'a, T: 'a> {
            rx: &'a Receiver<T>,
        }

        /// A non-blocking iterator over the messages already in a
        /// [`Receiver`], created by [`Receiver::try_iter`].
        #[derive(Debug)]
        pub struct TryIter<'a, T: 'a> {
            rx: &'a Receiver<T>,
        }

        /// An owning blocking iterator over the messages of a [`Receiver`],
        /// created by `into_iter`.
        #[derive(Debug)]
        pub struct IntoIter<T> {
            rx: Receiver<T>,
        }

        impl<T> Receiver<T> {
            /// Returns an iterator that blocks for each message and ends when
            /// the channel is disconnected and empty.
            pub fn iter(&self) -> Iter<'_, T> {
                Iter { rx: self }
            }

            /// Returns an iterator over the messages that can be received
            /// without blocking.
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
