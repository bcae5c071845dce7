//! The futures' auto traits, pinned at compile time: `Send` exactly when
//! the message is (so they spawn on multi-threaded runtimes), and `Unpin`
//! for every message type (a message is moved, never pinned).

use static_assertions::{assert_impl_all, assert_not_impl_any};
use std::marker::PhantomPinned;
use std::rc::Rc;

macro_rules! recv_side {
    ($($module:ident),*) => {$(
        assert_impl_all!(chanlab::$module::RecvFuture<'static, u8>: Send, Unpin);
        assert_impl_all!(chanlab::$module::RecvFuture<'static, PhantomPinned>: Send, Unpin);
        assert_not_impl_any!(chanlab::$module::RecvFuture<'static, Rc<u8>>: Send);
        assert_impl_all!(chanlab::$module::RecvStream<'static, u8>: Send, Unpin);
        assert_not_impl_any!(chanlab::$module::RecvStream<'static, Rc<u8>>: Send);
    )*};
}
recv_side!(mutex, lockfree, ring);

macro_rules! send_side {
    ($($module:ident),*) => {$(
        assert_impl_all!(chanlab::$module::SendFuture<'static, u8>: Send, Unpin);
        assert_impl_all!(chanlab::$module::SendFuture<'static, PhantomPinned>: Send, Unpin);
        assert_not_impl_any!(chanlab::$module::SendFuture<'static, Rc<u8>>: Send);
    )*};
}
send_side!(mutex, ring);

/// A future that borrows a `!Sync` receiver through `&mut` is `Send`; the
/// shared-borrow alternative would not be, which is why `recv_async`
/// takes `&mut self`.
#[test]
fn a_shared_receiver_borrow_would_not_be_send() {
    assert_not_impl_any!(&'static chanlab::ring::Receiver<u8>: Send);
    assert_impl_all!(&'static mut chanlab::ring::Receiver<u8>: Send);
}
