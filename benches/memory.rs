//! Heap cost of queued messages: a counting global allocator, one thread
//! filling each contender's channel with 100 000 `u64`s. Not a timing bench
//! (the counting allocator would skew timings, hence a separate binary).
//!
//! ```text
//! cargo bench --bench memory                                     # print
//! cargo bench --bench memory -- --out benches/results/memory.json
//! ```

mod common;

use common::adapters::Cap;
use common::data::{MemRow, MemoryRun};
use common::report::memory_markdown;
use common::{contenders, machine};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

const N: usize = 100_000;

/// `System`, counting live bytes, their peak, and allocation calls.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static CALLS: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
    CALLS.fetch_add(1, Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments, so
// `System`'s guarantees carry over; the counters never touch the memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: forwarded with the caller's layout (the caller upholds
        // `GlobalAlloc::alloc`'s contract).
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` came from `alloc`/`realloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Count the peak as if old and new blocks coexisted (a moving realloc).
        grew(new_size);
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: `ptr` came from this allocator with `layout`; the caller
        // upholds `GlobalAlloc::realloc`'s contract for `new_size`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Fills one channel and reads the counters while it is full.
fn measure(hold: fn(Cap, usize, &mut dyn FnMut()) -> bool, cap: Cap) -> Option<(f64, f64, usize)> {
    let (live0, calls0) = (LIVE.load(Relaxed), CALLS.load(Relaxed));
    PEAK.store(live0, Relaxed);
    let mut seen = (0.0, 0.0, 0);
    let per_msg = |x: usize| (x as f64 / N as f64 * 1e4).round() / 1e4;
    let offered = hold(cap, N, &mut || {
        let live = LIVE.load(Relaxed).saturating_sub(live0);
        let peak = PEAK.load(Relaxed).saturating_sub(live0);
        seen = (per_msg(live), per_msg(peak), CALLS.load(Relaxed) - calls0);
    });
    offered.then_some(seen)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1));
    let mut rows = Vec::new();
    for c in contenders() {
        for (cap, label) in [
            (Cap::Unbounded, "unbounded".to_string()),
            (Cap::Bounded(N), format!("bounded({N})")),
        ] {
            if let Some((bytes, peak, allocations)) = measure(c.hold, cap) {
                let contender = c.name.to_string();
                let (capacity, bytes_per_msg, peak_bytes_per_msg) = (label, bytes, peak);
                rows.push(MemRow {
                    contender,
                    capacity,
                    bytes_per_msg,
                    peak_bytes_per_msg,
                    allocations,
                });
            }
        }
    }
    let mut command = String::from("cargo bench --bench memory");
    if let Some(path) = out {
        command += &format!(" -- --out {path}");
    }
    let run = MemoryRun {
        meta: machine::meta(command),
        n: N,
        rows,
    };
    println!("{}", memory_markdown(&run));
    if let Some(path) = out {
        let json = serde_json::to_string_pretty(&run).expect("serialisable");
        std::fs::write(path, json + "\n").unwrap_or_else(|e| panic!("writing {path}: {e}"));
    }
}
