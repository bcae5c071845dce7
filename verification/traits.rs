//! The auto traits of every handle and error type, pinned at compile time.
//!
//! The rules are std's: senders are `Clone + Send + Sync` when `T: Send`;
//! the receiver is `Send` when `T: Send` but never `Sync` (one consumer) and
//! never `Clone`; nothing is `Send` when `T` is not. This file compiling is
//! most of the test; the `#[test]` below exercises what the traits promise.

use static_assertions::{assert_impl_all, assert_not_impl_any};
use std::cell::Cell;
use std::rc::Rc;

/// `Send` but not `Sync` (and not `RefUnwindSafe`).
type SendOnly = Cell<u8>;
/// Neither `Send` nor `Sync`.
type NotSend = Rc<u8>;
/// Not `UnwindSafe`.
type NotUnwindSafe = &'static mut u8;

/// Every auto trait of every handle, for message types with and without
/// `Send`, `Sync` and unwind safety, in both directions: each trait a std
/// handle has is asserted present, each it lacks is asserted absent. The
/// same pins hold for `std::sync::mpsc` itself (the first expansion), so
/// chanlab's handles match std's exactly.
macro_rules! pin_handles {
    ($m:path: senders $($sender:ident),*) => {
        const _: () = {
            use $m as m;
            use std::panic::{RefUnwindSafe, UnwindSafe};
            $(
                assert_impl_all!(m::$sender<u8>: Clone, Send, Sync, Unpin, std::fmt::Debug);
                assert_impl_all!(m::$sender<SendOnly>: Clone, Send, Sync);
                assert_impl_all!(m::$sender<NotUnwindSafe>: Send, Sync);
                assert_not_impl_any!(m::$sender<NotSend>: Send, Sync);
                assert_impl_all!(m::$sender<u8>: UnwindSafe, RefUnwindSafe);
                assert_impl_all!(m::$sender<SendOnly>: Unpin, UnwindSafe, RefUnwindSafe);
                assert_impl_all!(m::$sender<NotSend>: Unpin, UnwindSafe, RefUnwindSafe);
                assert_impl_all!(m::$sender<NotUnwindSafe>: Unpin, UnwindSafe, RefUnwindSafe);
            )*
            assert_impl_all!(m::Receiver<u8>: Send, Unpin, std::fmt::Debug, IntoIterator);
            assert_impl_all!(m::Receiver<SendOnly>: Send);
            assert_impl_all!(m::Receiver<NotUnwindSafe>: Send);
            assert_not_impl_any!(m::Receiver<u8>: Sync, Clone);
            assert_not_impl_any!(m::Receiver<SendOnly>: Sync);
            assert_not_impl_any!(m::Receiver<NotSend>: Send, Sync);
            assert_impl_all!(m::Receiver<u8>: UnwindSafe, RefUnwindSafe);
            assert_impl_all!(m::Receiver<SendOnly>: Unpin, UnwindSafe, RefUnwindSafe);
            assert_impl_all!(m::Receiver<NotSend>: Unpin, UnwindSafe, RefUnwindSafe);
            assert_impl_all!(m::Receiver<NotUnwindSafe>: Unpin, UnwindSafe, RefUnwindSafe);
            assert_impl_all!(&'static m::Receiver<u8>: IntoIterator, UnwindSafe);
            assert_impl_all!(m::IntoIter<u8>: Send, Iterator, Unpin, UnwindSafe, RefUnwindSafe);
            assert_not_impl_any!(m::IntoIter<NotSend>: Send, Sync);
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

/// What unwind safety promises: a handle used inside `catch_unwind` (no
/// `AssertUnwindSafe` needed) still works after the closure panicked.
macro_rules! unwind_test {
    ($name:ident, $make:expr) => {
        #[test]
        fn $name() {
            let (tx, rx) = $make;
            let sent = std::panic::catch_unwind(|| {
                tx.send(1u32).unwrap();
                panic!("a panic while the handles are borrowed");
            });
            assert!(sent.is_err());
            assert_eq!(std::panic::catch_unwind(|| rx.recv()).unwrap(), Ok(1));
            tx.send(2).unwrap();
            assert_eq!(rx.try_recv(), Ok(2));
        }
    };
}
unwind_test!(unwind_std, std::sync::mpsc::channel());
unwind_test!(unwind_mutex, chanlab::mutex::channel());
unwind_test!(unwind_mutex_bounded, chanlab::mutex::sync_channel(2));
unwind_test!(unwind_lockfree, chanlab::lockfree::channel());
unwind_test!(unwind_ring, chanlab::ring::sync_channel(2));

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
