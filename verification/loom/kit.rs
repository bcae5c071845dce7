//! loom, as part of the kit (`--cfg chanlab_loom` only): the harness every
//! model runs in, and the models that fit any channel ([`models`]).
//!
//! Each model is run by [`check`], which prints one line per model with the
//! number of executions loom explored, so that a run reports how much was
//! checked, not only that it passed. A model is either [`Kind::Exhaustive`]
//! (every interleaving and every permitted value of every load),
//! [`Kind::Bounded`] (the same, with at most `CHANLAB_LOOM_BOUND`
//! preemptions per execution, 3 unless set), or [`Kind::AtMost`] (a fixed
//! bound, for a model whose bug needs few preemptions but whose state space
//! explodes with more).
//!
//! When a model fails, [`check`] prints how to replay the failing
//! interleaving with loom's checkpoint file (`LOOM_CHECKPOINT_FILE`), and
//! `LOOM_LOG=trace` prints loom's own trace of every step.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::Mutex as StdMutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[path = "models.rs"]
pub mod models;

/// How much of a model's state space loom explores.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Every execution.
    Exhaustive,
    /// Executions with at most `CHANLAB_LOOM_BOUND` (default 3) preemptions.
    Bounded,
    /// Executions with at most this many preemptions, whatever
    /// `CHANLAB_LOOM_BOUND` says: for models whose bug needs few
    /// preemptions but whose state space explodes with more.
    AtMost(usize),
}

/// The preemption bound used by [`Kind::Bounded`] models:
/// `CHANLAB_LOOM_BOUND`, 3 unless set.
pub fn bound() -> usize {
    std::env::var("CHANLAB_LOOM_BOUND")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
}

/// Panics unless `name` is the path of the test that is running (libtest
/// names each test's thread after it), so that the name a model prints is
/// the one a reader passes to `cargo test`.
pub fn assert_test_path(name: &str) {
    if let Some(test) = std::thread::current().name().filter(|n| *n != "main") {
        assert_eq!(name, test, "a model's name must be its test's path");
    }
}

std::thread_local! {
    /// The model running on this thread, and whether its replay hint was
    /// printed (once per model).
    static RUNNING: RefCell<Option<(String, String, bool)>> = const { RefCell::new(None) };
}

/// Makes the first panic of a failing model print how to replay it.
fn install_replay_hint() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            previous(info);
            let _ = RUNNING.try_with(|r| r.try_borrow_mut().map(|mut r| print_hint(&mut r)));
        }));
    });
}

/// Prints the replay commands of the running model, once.
fn print_hint(running: &mut Option<(String, String, bool)>) {
    let Some((name, bound, printed)) = running else {
        return;
    };
    if std::mem::replace(printed, true) {
        return;
    }
    let file = format!("target/loom-{}.json", name.replace("::", "-"));
    let run = format!("RUSTFLAGS=\"--cfg chanlab_loom\" cargo test --release -- --exact {name}");
    eprintln!(
        "loom model `{name}` failed (bound: {bound}). Replay its failing interleaving:\n  \
         LOOM_CHECKPOINT_FILE={file} LOOM_CHECKPOINT_INTERVAL=1 {run}\n  \
         LOOM_CHECKPOINT_FILE={file} LOOM_LOCATION=1 {run}\n\
         (the first run writes the interleaving before each execution, the second starts \
         from the failing one; add LOOM_LOG=trace for every step)"
    );
}

/// Runs `f` under loom and prints
/// `loom-model name=<name> iterations=<n> bound=<exhaustive|k>`, where
/// `name` is the test's path (checked by [`assert_test_path`]).
pub fn check<F>(name: &str, kind: Kind, f: F)
where
    F: Fn() + Sync + Send + 'static,
{
    assert_test_path(name);
    let iterations = Arc::new(AtomicUsize::new(0));
    let counter = iterations.clone();
    let mut builder = loom::model::Builder::new();
    let bound = match kind {
        Kind::Exhaustive => "exhaustive".to_string(),
        Kind::Bounded => {
            builder.preemption_bound = Some(bound());
            bound().to_string()
        }
        Kind::AtMost(n) => {
            builder.preemption_bound = Some(n);
            n.to_string()
        }
    };
    // What `loom::model` installs: with `LOOM_LOG=trace`, every scheduling
    // decision and atomic access of the failing execution is printed.
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("LOOM_LOG"))
        .with_test_writer()
        .without_time()
        .finish();
    // The step recorder (`--cfg chanlab_trace`, see `src/sync/trace.rs`).
    #[cfg(chanlab_trace)]
    crate::sync::trace::install_panic_hook();
    install_replay_hint();
    RUNNING.with(|r| *r.borrow_mut() = Some((name.to_string(), bound.clone(), false)));
    tracing::subscriber::with_default(subscriber, || {
        builder.check(move || {
            counter.fetch_add(1, Ordering::Relaxed);
            #[cfg(chanlab_trace)]
            crate::sync::trace::execution_starts();
            f();
            #[cfg(chanlab_trace)]
            crate::sync::trace::execution_passed();
        })
    });
    RUNNING.with(|r| *r.borrow_mut() = None);
    let n = iterations.load(Ordering::Relaxed);
    println!("loom-model name={name} iterations={n} bound={bound}");
}

/// The outcomes a racy model reached, across all of its executions.
///
/// A model that can pass without exploring both sides of a race proves
/// little; `expect` turns "the race was explored" into an assertion.
#[derive(Clone, Debug, Default)]
pub struct Outcomes(Arc<StdMutex<BTreeSet<&'static str>>>);

impl Outcomes {
    /// Records that one execution ended in `outcome`.
    pub fn saw(&self, outcome: &'static str) {
        self.0.lock().unwrap().insert(outcome);
    }

    /// Asserts that every outcome in `expected` occurred in some execution
    /// and that nothing else did.
    ///
    /// In spurious mode (`--cfg chanlab_spurious`) only the second half is
    /// checked: a spurious return yields, and loom then runs the other
    /// threads first, so some outcomes of a race become unreachable there
    /// (the plain run is the one that shows every outcome is explored).
    pub fn expect(&self, expected: &[&'static str]) {
        let seen = self.0.lock().unwrap().clone();
        let want: BTreeSet<_> = expected.iter().copied().collect();
        if cfg!(chanlab_spurious) {
            assert!(seen.is_subset(&want), "unexpected outcomes {seen:?}");
        } else {
            assert_eq!(seen, want, "outcomes explored by the model");
        }
    }
}

/// A message that counts its drops in a std (not loom) counter, for models
/// that check every message is dropped exactly once.
#[derive(Debug)]
pub struct Counted(pub usize, pub Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.1.fetch_add(1, Ordering::Relaxed);
    }
}

/// A plain (non-atomic) value that one thread writes and another reads:
/// loom reports the read as a `Causality violation` unless the write
/// happens-before it. Models use it to check the happens-before edges a
/// channel promises, such as "what a sender did before its drop is visible
/// once the receiver sees the disconnection".
#[derive(Debug)]
pub struct Note(loom::cell::UnsafeCell<usize>);

// SAFETY: every access goes through loom's `UnsafeCell`, which checks each
// one against the others; an unordered pair fails the model.
unsafe impl Sync for Note {}

impl Note {
    /// A note holding 0.
    pub fn new() -> Arc<Note> {
        Arc::new(Note(loom::cell::UnsafeCell::new(0)))
    }

    /// Writes `value`.
    pub fn write(&self, value: usize) {
        // SAFETY: loom checks that no other access is concurrent with this.
        self.0.with_mut(|p| unsafe { *p = value });
    }

    /// Reads the value.
    pub fn read(&self) -> usize {
        // SAFETY: loom checks that the last write happens-before this.
        self.0.with(|p| unsafe { *p })
    }
}

/// The model behind each channel's `disconnection_publishes_the_senders_writes`:
/// a spawned thread writes a [`Note`] and drops `tx`, the model thread drops
/// a clone, and once `recv_fails` (a receive on the channel) reports the
/// disconnection the write must be visible, whichever drop came last.
pub fn disconnection_publishes<S: Clone + Send + 'static>(
    tx: S,
    recv_fails: impl FnOnce() -> bool,
) {
    let note = Note::new();
    let tx2 = tx.clone();
    let n = note.clone();
    let t = loom::thread::spawn(move || {
        n.write(1);
        drop(tx);
    });
    drop(tx2);
    assert!(recv_fails(), "disconnected once both senders are gone");
    assert_eq!(note.read(), 1, "the sender's write is visible");
    t.join().unwrap();
}

/// The model behind each channel's last-sender-drop test: two spawned
/// threads drop the only two senders while the model thread blocks in
/// `recv_fails` (a receive), which must report the disconnection whichever
/// drop comes last: a lost wake-up on the disconnection path is a deadlock.
pub fn last_senders_leave<S: Clone + Send + 'static>(tx: S, recv_fails: impl FnOnce() -> bool) {
    let tx2 = tx.clone();
    let a = loom::thread::spawn(move || drop(tx));
    let b = loom::thread::spawn(move || drop(tx2));
    assert!(recv_fails(), "disconnected once both senders are gone");
    a.join().unwrap();
    b.join().unwrap();
}

/// The model behind each channel's `len_is_zero_after_a_send_saw_the_receiver_gone`:
/// the model thread drops the receiver (`drop_rx`) while a spawned thread
/// sends one message with `send`; if that send reports the disconnection,
/// the same thread's `len` must then be 0, as documented: nothing can be
/// received any more. Both outcomes must be explored.
pub fn len_after_disconnection<S: Send + 'static>(
    name: &str,
    channel: impl Fn() -> (S, Box<dyn FnOnce()>) + Sync + Send + 'static,
    send: fn(&S) -> bool,
    len: fn(&S) -> usize,
) {
    len_after_disconnection_at(name, Kind::Exhaustive, channel, send, len);
}

/// [`len_after_disconnection`], explored as `kind` says.
pub fn len_after_disconnection_at<S: Send + 'static>(
    name: &str,
    kind: Kind,
    channel: impl Fn() -> (S, Box<dyn FnOnce()>) + Sync + Send + 'static,
    send: fn(&S) -> bool,
    len: fn(&S) -> usize,
) {
    let outcomes = Outcomes::default();
    let seen = outcomes.clone();
    check(name, kind, move || {
        let (tx, drop_rx) = channel();
        let t = loom::thread::spawn(move || {
            if send(&tx) {
                return "sent";
            }
            assert_eq!(len(&tx), 0, "len() after a send saw the receiver gone");
            "disconnected"
        });
        drop_rx();
        seen.saw(t.join().unwrap());
    });
    outcomes.expect(&["disconnected", "sent"]);
}
