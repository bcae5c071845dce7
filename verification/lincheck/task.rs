//! How lincheck runs an async operation in each build: awaited to
//! completion by a `block_on` that parks the calling thread between polls
//! (loom's and shuttle's own under those checkers, so that the park and the
//! wake-up are the checker's scheduling points; a small one on std's
//! threads natively), or polled once with a waker that does nothing and
//! dropped, which cancels it.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Polls `fut` until it is ready, parking the thread in between.
#[cfg(chanlab_loom)]
pub fn block_on<F: Future>(fut: F) -> F::Output {
    loom::future::block_on(fut)
}

/// Polls `fut` until it is ready, parking the thread in between.
#[cfg(all(feature = "shuttle", not(chanlab_loom)))]
pub fn block_on<F: Future>(fut: F) -> F::Output {
    shuttle::future::block_on(fut)
}

/// Polls `fut` until it is ready, parking the thread in between (its
/// waker unparks the thread; a stray unpark costs one more poll).
#[cfg(not(any(chanlab_loom, feature = "shuttle")))]
pub fn block_on<F: Future>(fut: F) -> F::Output {
    use std::sync::Arc;
    use std::task::Wake;
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let mut fut = pin!(fut);
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::park();
    }
}

/// Polls `fut` once with a waker that does nothing, then drops it (a
/// cancelled wait when it was pending).
pub fn poll_once<F: Future>(fut: F) -> Poll<F::Output> {
    let mut fut = pin!(fut);
    fut.as_mut().poll(&mut Context::from_waker(Waker::noop()))
}
