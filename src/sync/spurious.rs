//! Spurious mode (`--cfg chanlab_spurious`): the choices of which waits,
//! parks and weak CASes return spuriously, and the wrappers that make them
//! (see the facade's [spurious mode](super#spurious-mode)).

use super::{Ordering, imp, yield_now};

pub(super) const WAIT: usize = 0;
pub(super) const PARK: usize = 1;
pub(super) const CAS: usize = 2;

/// Whether the current call of kind `kind` returns spuriously.
pub(super) fn now(kind: usize) -> bool {
    imp::NEXT_SPURIOUS.with(|next| {
        let mut flags = next.get();
        let spurious = flags[kind];
        flags[kind] = !spurious;
        next.set(flags);
        spurious
    })
}

/// Parks the current thread until unparked, or returns spuriously (every
/// other call of each thread).
///
/// ```
/// // A park that an unpark already ended returns at once, spurious or not.
/// chanlab::sync::current().unpark();
/// chanlab::sync::park();
/// ```
pub fn park() {
    if now(PARK) {
        yield_now();
        return;
    }
    imp::park();
}

/// The backend's `AtomicUsize` whose `compare_exchange_weak` may fail
/// spuriously; every other method is the backend's, through `Deref`.
#[derive(Debug)]
pub struct AtomicUsize(imp::AtomicUsize);

impl AtomicUsize {
    /// Wraps the backend's `AtomicUsize::new(value)`.
    ///
    /// ```
    /// use chanlab::sync::{AtomicUsize, Ordering};
    /// assert_eq!(AtomicUsize::new(3).load(Ordering::Relaxed), 3);
    /// ```
    pub fn new(value: usize) -> Self {
        Self(imp::AtomicUsize::new(value))
    }

    /// `compare_exchange_weak` that may fail without a conflicting store:
    /// it then only loads, with the `failure` ordering, as a failed CAS does.
    ///
    /// ```
    /// use chanlab::sync::{AtomicUsize, Ordering::Relaxed};
    /// let a = AtomicUsize::new(0);
    /// while a.compare_exchange_weak(0, 1, Relaxed, Relaxed).is_err() {}
    /// assert_eq!(a.load(Relaxed), 1);
    /// ```
    pub fn compare_exchange_weak(
        &self,
        current: usize,
        new: usize,
        success: Ordering,
        failure: Ordering,
    ) -> Result<usize, usize> {
        if now(CAS) {
            return Err(self.0.load(failure));
        }
        self.0.compare_exchange_weak(current, new, success, failure)
    }
}

impl std::ops::Deref for AtomicUsize {
    type Target = imp::AtomicUsize;
    fn deref(&self) -> &imp::AtomicUsize {
        &self.0
    }
}
