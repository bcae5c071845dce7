//! `UnsafeCell` with loom's closure-based API, for the std and shuttle arms.
//!
//! loom tracks every access to its `UnsafeCell` and reports two unordered
//! ones as a data race; it can do so because every access goes through
//! `with` (shared) or `with_mut` (unique). This cell has the same two
//! methods over `core::cell::UnsafeCell`, so channel code is written once,
//! and after inlining it costs nothing.

/// A `core::cell::UnsafeCell` whose accesses go through closures, as in
/// loom: [`with`](Self::with) for a shared raw pointer, [`with_mut`](Self::with_mut)
/// for a unique one. Under loom the facade's `UnsafeCell` is loom's own.
#[derive(Debug)]
pub struct UnsafeCell<T>(core::cell::UnsafeCell<T>);

impl<T> UnsafeCell<T> {
    /// Wraps `value`.
    ///
    /// ```
    /// let cell = chanlab::sync::UnsafeCell::new(5);
    /// // SAFETY: no other access to `cell` exists.
    /// assert_eq!(cell.with(|p| unsafe { *p }), 5);
    /// ```
    pub const fn new(value: T) -> Self {
        Self(core::cell::UnsafeCell::new(value))
    }

    /// Calls `f` with a shared raw pointer to the contents and returns what
    /// it returns. Reading through the pointer is sound only while no
    /// `with_mut` access runs concurrently: the caller's protocol (a lock, a
    /// published flag) must order them, and loom checks that it does.
    ///
    /// ```
    /// let cell = chanlab::sync::UnsafeCell::new(String::from("abc"));
    /// // SAFETY: no write to `cell` can run during this read.
    /// let len = cell.with(|p| unsafe { (&*p).len() });
    /// assert_eq!(len, 3);
    /// ```
    #[inline(always)]
    pub fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
        f(self.0.get())
    }

    /// Calls `f` with a unique raw pointer to the contents and returns what
    /// it returns. Writing through the pointer is sound only while no other
    /// access runs concurrently (see [`with`](Self::with)).
    ///
    /// ```
    /// let cell = chanlab::sync::UnsafeCell::new(1);
    /// // SAFETY: no other access to `cell` can run during this write.
    /// cell.with_mut(|p| unsafe { *p += 1 });
    /// // SAFETY: the write above has returned.
    /// assert_eq!(cell.with(|p| unsafe { *p }), 2);
    /// ```
    #[inline(always)]
    pub fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        f(self.0.get())
    }
}
