//! Helpers shared by the conformance tests (also useful to a channel's own
//! tests: counted drops, per-producer FIFO).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

/// Scales a message count down under Miri, which runs ~1000× slower.
pub const fn scaled(n: usize) -> usize {
    if cfg!(miri) {
        if n > 40 { 40 } else { n }
    } else {
        n
    }
}

/// A pause long enough that the other thread has very likely blocked. Tests
/// pass whichever thread runs first; the pause only makes the blocking path
/// the likely one, so that it is exercised.
pub fn let_other_thread_block() {
    thread::sleep(Duration::from_millis(if cfg!(miri) { 1 } else { 20 }));
}

/// Counts the drops of `Tracked` values.
#[derive(Clone, Default)]
pub struct Drops(Arc<AtomicUsize>);

impl Drops {
    /// A new tracked message.
    ///
    /// ```
    /// use chanlab::kit::conformance::Drops;
    /// let drops = Drops::default();
    /// drop(drops.track(7));
    /// assert_eq!(drops.count(), 1);
    /// ```
    pub fn track(&self, id: usize) -> Tracked {
        Tracked {
            id,
            drops: self.0.clone(),
        }
    }

    /// Drops so far.
    ///
    /// ```
    /// use chanlab::kit::conformance::Drops;
    /// let drops = Drops::default();
    /// let kept = drops.track(1);
    /// assert_eq!((kept.id, drops.count()), (1, 0));
    /// ```
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// A message whose drop is counted.
#[derive(Debug)]
pub struct Tracked {
    /// Its number.
    pub id: usize,
    drops: Arc<AtomicUsize>,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

/// Checks that `got` holds exactly `0..per_producer` from each of
/// `producers` producers (messages are `(producer, seq)`), each producer's in
/// order.
pub fn assert_per_producer_fifo(got: &[(usize, usize)], producers: usize, per_producer: usize) {
    let mut next = vec![0; producers];
    for &(p, seq) in got {
        assert_eq!(seq, next[p], "producer {p}: out of order or duplicated");
        next[p] += 1;
    }
    assert!(
        next.iter().all(|&n| n == per_producer),
        "lost messages: {next:?}"
    );
}
