//! The step recorder (`--cfg chanlab_trace`, on the loom or shuttle arm):
//! the facade's primitives wrapped so that each use is written down with
//! the thread that made it and the line of channel code it came from.
//!
//! One line per step, `<thread> <file>:<line> <op> <value>`:
//!
//! | op | value |
//! |----|-------|
//! | `load`, `store`, `swap`, `fetch_add`, ... | the word read (the old one for a read-modify-write) or stored; a pointer as `null` or `block#k`, numbered in order of first sight |
//! | `cas` | `ok` or `fail`, then the word read |
//! | `read`, `write` | an `UnsafeCell` access, recorded *before* it (the access loom rejects is the last line) |
//! | `lock` (once held), `wait`, `notify_one`, `notify_all`, `park`, `unpark` | none; `woke` is recorded when a `wait` or `park` returns |
//! | `wait_until`, `park_until` | none: a checker's timed wait, which expires after one scheduling point |
//! | `block_on`, `ready` | none: a model harness's task waiting in the checker's `block_on`, and its future resolving (the async suite's loom models, through [`step`]) |
//!
//! A model harness calls [`install_panic_hook`] once, then
//! [`execution_starts`] at the start of every execution and
//! [`execution_passed`] when one ends normally; the hook calls
//! [`model_failed`] with the checker's message at the first panic. With
//! `CHANLAB_TRACE_OUT=FILE` set, the steps of the failing execution are
//! written to `FILE`. With `CHANLAB_TRACE_WANT=file:line,...` as well, the
//! first execution that ends normally after passing through those lines
//! in that order is written instead (a failure before it still wins: one
//! file, one execution). Without `CHANLAB_TRACE_OUT` nothing is recorded. The book's timelines are drawn from these files
//! (`book/timelines.py`), so a figure shows what the checker ran.

use super::imp;
use std::fmt::Display;
use std::panic::Location;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::Ordering;

/// The steps of the execution running now, and the pointers seen in it.
struct Recording {
    steps: Vec<String>,
    pointers: Vec<usize>,
    written: bool,
}

static RECORDING: StdMutex<Recording> = StdMutex::new(Recording {
    steps: Vec::new(),
    pointers: Vec::new(),
    written: false,
});

fn recording() -> std::sync::MutexGuard<'static, Recording> {
    RECORDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn out() -> Option<String> {
    std::env::var("CHANLAB_TRACE_OUT").ok()
}

/// The number in the checker's `ThreadId` of the current thread.
fn thread() -> String {
    let id = format!("{:?}", imp::current().id());
    id.chars().filter(char::is_ascii_digit).collect()
}

#[track_caller]
fn record(op: &str, value: impl Display) {
    // Nothing while unwinding from the failure: the drops that run then
    // are not part of the failing interleaving.
    if out().is_none() || std::thread::panicking() {
        return;
    }
    let at = Location::caller();
    let step = format!("{} {}:{} {op} {value}", thread(), at.file(), at.line());
    recording().steps.push(step.trim_end().to_string());
}

/// A pointer's name in this execution: `null` or `block#k`.
fn pointer<T>(p: *mut T) -> String {
    if p.is_null() {
        return "null".into();
    }
    let mut r = recording();
    let k = match r.pointers.iter().position(|&q| q == p as usize) {
        Some(k) => k,
        None => {
            r.pointers.push(p as usize);
            r.pointers.len() - 1
        }
    };
    format!("block#{k}")
}

/// Forgets the steps recorded so far: a new execution begins.
pub fn execution_starts() {
    let mut r = recording();
    r.steps.clear();
    r.pointers.clear();
}

/// An execution ended without failing: written if it is the first to pass
/// through the lines of `CHANLAB_TRACE_WANT`, in that order.
pub fn execution_passed() {
    let Ok(want) = std::env::var("CHANLAB_TRACE_WANT") else {
        return;
    };
    let mut want = want.split(',').map(str::trim).peekable();
    let r = recording();
    for step in &r.steps {
        let at = step.split(' ').nth(1).unwrap_or_default();
        if want.peek() == Some(&at) {
            want.next();
        }
    }
    if want.peek().is_none() {
        write(r, "passed through the wanted lines");
    }
}

/// Makes the first panic write the execution it ends ([`model_failed`]),
/// then runs the hook that was installed before. A hook, and not a
/// `catch_unwind` around the model, because a checker may abort while
/// unwinding (loom does after a deadlock) before any caller gets control.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            model_failed(info.payload_as_str().unwrap_or("panic"));
            previous(info);
        }));
    });
}

/// The model failed with `message`: its last execution is written, with
/// the message.
pub fn model_failed(message: &str) {
    let lines: Vec<_> = message.lines().filter(|l| !l.trim().is_empty()).collect();
    write(
        recording(),
        &format!("failed\n# message: {}", lines.join("\n# message: ")),
    );
}

fn write(mut r: std::sync::MutexGuard<'_, Recording>, outcome: &str) {
    let Some(path) = out() else { return };
    if r.written {
        return;
    }
    r.written = true;
    let text = format!("# outcome: {outcome}\n{}\n", r.steps.join("\n"));
    if let Err(e) = std::fs::write(&path, text) {
        eprintln!("chanlab trace: cannot write {path}: {e}");
    }
}

/// Defines a traced atomic wrapping the checker's, one method per use.
macro_rules! traced_atomic {
    ($name:ident, $word:ty, $show:expr $(, $generic:ident)?) => {
        /// The checker's atomic, with every access recorded.
        #[derive(Debug)]
        pub struct $name$(<$generic>)?(imp::$name$(<$generic>)?);

        impl$(<$generic>)? $name$(<$generic>)? {
            /// The checker's `new`.
            #[track_caller]
            pub fn new(v: $word) -> Self {
                Self(imp::$name::new(v))
            }
            /// The checker's `load`, recorded with the value read.
            #[track_caller]
            pub fn load(&self, o: Ordering) -> $word {
                let v = self.0.load(o);
                record("load", $show(v));
                v
            }
            /// The checker's `store`, recorded with the value stored.
            #[track_caller]
            pub fn store(&self, v: $word, o: Ordering) {
                record("store", $show(v));
                self.0.store(v, o)
            }
            /// The checker's `swap`, recorded with the value it replaced.
            #[track_caller]
            pub fn swap(&self, v: $word, o: Ordering) -> $word {
                let old = self.0.swap(v, o);
                record("swap", $show(old));
                old
            }
            /// The checker's `compare_exchange`, recorded as `cas ok|fail`.
            #[track_caller]
            pub fn compare_exchange(
                &self, c: $word, n: $word, s: Ordering, f: Ordering,
            ) -> Result<$word, $word> {
                cas(self.0.compare_exchange(c, n, s, f), $show)
            }
            /// The checker's `compare_exchange_weak`, recorded as `cas ok|fail`.
            #[track_caller]
            pub fn compare_exchange_weak(
                &self, c: $word, n: $word, s: Ordering, f: Ordering,
            ) -> Result<$word, $word> {
                cas(self.0.compare_exchange_weak(c, n, s, f), $show)
            }
        }
    };
}

#[track_caller]
fn cas<W: Copy, S: Display>(r: Result<W, W>, show: impl Fn(W) -> S) -> Result<W, W> {
    match r {
        Ok(v) => record("cas", format!("ok {}", show(v))),
        Err(v) => record("cas", format!("fail {}", show(v))),
    }
    r
}

fn hex(v: usize) -> String {
    format!("{v:#x}")
}

traced_atomic!(AtomicUsize, usize, hex);
traced_atomic!(AtomicPtr, *mut T, pointer, T);

macro_rules! traced_rmw {
    ($($op:ident),*) => {
        impl AtomicUsize {
            $(
                #[doc = concat!("The checker's `", stringify!($op), "`, recorded with the old value.")]
                #[track_caller]
                pub fn $op(&self, v: usize, o: Ordering) -> usize {
                    let old = self.0.$op(v, o);
                    record(stringify!($op), hex(old));
                    old
                }
            )*
        }
    };
}

traced_rmw!(fetch_add, fetch_sub, fetch_or, fetch_and);

/// The checker's `UnsafeCell`, with every access recorded.
#[derive(Debug)]
pub struct UnsafeCell<T>(imp::UnsafeCell<T>);

impl<T> UnsafeCell<T> {
    /// The checker's `UnsafeCell::new`.
    #[track_caller]
    pub fn new(value: T) -> Self {
        Self(imp::UnsafeCell::new(value))
    }
    /// The checker's `with`, recorded as a `read` before the access.
    #[track_caller]
    pub fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
        record("read", "");
        self.0.with(f)
    }
    /// The checker's `with_mut`, recorded as a `write` before the access.
    #[track_caller]
    pub fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
        record("write", "");
        self.0.with_mut(f)
    }
}

/// The checker's `Condvar`, with notifications recorded (waits are
/// recorded by the facade's `wait`).
#[derive(Debug, Default)]
pub struct Condvar(imp::Condvar);

impl Condvar {
    /// The checker's `Condvar::new`.
    pub fn new() -> Self {
        Self(imp::Condvar::new())
    }
    /// The checker's `notify_one`, recorded.
    #[track_caller]
    pub fn notify_one(&self) {
        record("notify_one", "");
        self.0.notify_one()
    }
    /// The checker's `notify_all`, recorded.
    #[track_caller]
    pub fn notify_all(&self) {
        record("notify_all", "");
        self.0.notify_all()
    }
}

impl std::ops::Deref for Condvar {
    type Target = imp::Condvar;
    fn deref(&self) -> &imp::Condvar {
        &self.0
    }
}

/// The checker's thread handle, with `unpark` recorded.
#[derive(Clone, Debug)]
pub struct Thread(imp::Thread);

impl Thread {
    /// The checker's `unpark`, recorded.
    #[track_caller]
    pub fn unpark(&self) {
        record("unpark", "");
        self.0.unpark()
    }
}

/// The handle of the current thread.
pub fn current() -> Thread {
    Thread(imp::current())
}

/// Parks the current thread, recording the park and the return.
#[track_caller]
pub fn park() {
    record("park", "");
    imp::park();
    record("woke", "");
}

/// Records a lock, a wait or a wait's return at the caller's line (also
/// for a model harness's own waits: the async suite's `block_on`).
#[track_caller]
pub fn step(op: &str) {
    record(op, "");
}
