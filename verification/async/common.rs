//! Helpers shared by the native tests: counted messages and a pause.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Counts the drops of [`Tracked`] messages.
#[derive(Clone, Default)]
pub struct Drops(Arc<AtomicUsize>);

impl Drops {
    /// A new message with id `id`.
    pub fn track(&self, id: usize) -> Tracked {
        Tracked {
            id,
            drops: self.0.clone(),
        }
    }

    /// Drops so far.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// A message whose drop is counted.
#[derive(Debug)]
pub struct Tracked {
    pub id: usize,
    drops: Arc<AtomicUsize>,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

/// A pause after which the other thread has very likely blocked. Tests
/// pass whichever thread runs first; the pause only makes the blocking
/// path the likely one.
pub fn let_other_thread_block() {
    std::thread::sleep(Duration::from_millis(if cfg!(miri) { 1 } else { 20 }));
}
