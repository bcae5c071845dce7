//! The auto traits of every handle and error type, pinned at compile time.
//!
//! The rules are std's: senders are `Clone + Send + Sync` when `T: Send`;
//! the receiver is `Send` when `T: Send` but never `Sync` (one consumer) and
//! never `Clone`; nothing is `Send` when `T` is not. This file compiling is
//! most of the test; the `#[test]` below exercises what the traits promise.

use static_assertions::{assert_impl_all, assert_not_impl_any};
use std::cell::Cell;
use std::rc::Rc;

/// `Send` but not `Sync`.
type SendOnly = Cell<u8>;

macro_rules! pin_handles {
    ($m:path: senders $($sender:ident),*) => {
        const _: () = {
            use $m as m;
            $(
                assert_impl_all!(m::$sender<u8>: Clone, Send, Sync, std::fmt::Debug);
                assert_impl_all!(m::$sender<SendOnly>: Clone, Send, Sync);
                assert_not_impl_any!(m::$sender<Rc<u8>>: Send, Sync);
            )*
            assert_impl_all!(m::Receiver<u8>: Send, std::fmt::Debug, IntoIterator);
            assert_impl_all!(m::Receiver<SendOnly>: Send);
            assert_not_impl_any!(m::Receiver<u8>: Sync, Clone);
            assert_not_impl_any!(m::Receiver<Rc<u8>>: Send, Sync);
            assert_impl_all!(&'static m::Receiver<u8>: IntoIterator);
            assert_impl_all!(m::IntoIter<u8>: Send, Iterator);
        };
    };
}

pin_handles!(std::sync::mpsc: senders Sender, SyncSender);
pin_handles!(chanlab::mutex: senders Sender, SyncSender);
pin_handles!(chanlab::lockfree: senders Sender);
pin_handles!(chanlab::ring: senders SyncSender);

// Error types: `Send + Sync` when `T` is, `Error` for any `T`.
const _: () = {
    use chanlab::error::*;
    assert_impl_all!(SendError<u8>: Send, Sync, std::error::Error, Clone, Copy, PartialEq);
    assert_impl_all!(TrySendError<Rc<u8>>: std::error::Error);
    assert_impl_all!(SendTimeoutError<Rc<u8>>: std::error::Error, std::fmt::Debug);
    assert_impl_all!(SendTimeoutError<u8>: Send, Sync, Clone, Copy, Eq);
    assert_not_impl_any!(SendTimeoutError<Rc<u8>>: Send, Sync);
    assert_impl_all!(RecvError: Send, Sync, std::error::Error, Copy, Eq);
    assert_impl_all!(TryRecvError: Send, Sync, std::error::Error, Copy, Eq);
    assert_impl_all!(RecvTimeoutError: Send, Sync, std::error::Error, Copy, Eq);
};

#[test]
fn handles_cross_threads_as_the_traits_promise() {
    let (tx, rx) = chanlab::mutex::channel::<u8>();
    let shared = std::sync::Arc::new(tx); // Sync: senders shared by reference
    let t = std::thread::spawn(move || rx.recv()); // Send: the receiver moves
    let s = shared.clone();
    std::thread::spawn(move || s.send(9).unwrap())
        .join()
        .unwrap();
    assert_eq!(t.join().unwrap(), Ok(9));
}
