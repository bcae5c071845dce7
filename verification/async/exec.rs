//! The small executor the native tests run on, and the wakers they count
//! with.
//!
//! * [`block_on`] drives one future on the calling thread, parking between
//!   polls (its waker unparks the thread).
//! * [`Counting`] is a waker that counts its wakes and knows how many of
//!   its clones are alive: after a poll, the clones still alive are the
//!   ones the channel keeps (its registration), so a test can check that
//!   a dropped future left none behind.
//! * [`on_every_executor`] runs one async scenario on `block_on`, on
//!   tokio's current-thread runtime and on its multi-thread runtime (tokio
//!   is left out under Miri).

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

// ANCHOR: block_on
/// Wakes a thread parked in [`block_on`].
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `fut` on this thread until it is ready, parking in between.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
        thread::park(); // a stray unpark only costs one more poll
    }
}
// ANCHOR_END: block_on

/// The wake count behind a [`Counting`] waker.
#[derive(Default)]
struct Count(AtomicUsize);

impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// A waker that counts its wakes and its live clones.
#[derive(Default)]
pub struct Counting(Arc<Count>);

impl Counting {
    /// A fresh waker (each call one more clone, alive until dropped).
    pub fn waker(&self) -> Waker {
        Waker::from(self.0.clone())
    }

    /// How many times a clone was woken.
    pub fn wakes(&self) -> usize {
        self.0.0.load(Ordering::SeqCst)
    }

    /// How many clones are alive, besides this handle: held by the channel
    /// once the poll that made them has returned.
    pub fn held(&self) -> usize {
        Arc::strong_count(&self.0) - 1
    }

    /// Polls `fut` once with a fresh clone of this waker.
    pub fn poll<F: Future + ?Sized>(&self, fut: Pin<&mut F>) -> Poll<F::Output> {
        let waker = self.waker();
        fut.poll(&mut Context::from_waker(&waker))
    }
}

/// Runs the scenario `make()` builds on every executor: [`block_on`], then
/// (not under Miri) tokio's current-thread runtime and a two-worker
/// multi-thread runtime, spawned there as a task.
pub fn on_every_executor<F, Fut>(make: F)
where
    F: Fn() -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    block_on(make());
    #[cfg(not(miri))]
    {
        let current = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        current.block_on(make());
        let multi = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let task = multi.spawn(make());
        multi.block_on(task).unwrap();
    }
}

/// Yields until `done()` holds: for a test that waits for another thread
/// to reach a point it can observe (a wake-up counted), with no timing.
pub fn wait_until(done: impl Fn() -> bool) {
    while !done() {
        thread::yield_now();
    }
}
