//! Every performance knob, in one place.
//!
//! Each constant below switches one optimisation on (the default). The
//! performance ablation (`benches/perf_ablate.py`) builds chanlab with one
//! of them off at a time, through `CHANLAB_PERF_OFF=<name>` (mapped to
//! `--cfg chanlab_off="<name>"` by `build.rs`), and measures what each buys
//! against the full channel in the same run. None of them changes what a
//! channel does, only how fast: every suite passes with any of them off.
//!
//! | knob | channel | what it does when on |
//! |---|---|---|
//! | `block_ready` | lockfree | senders publish with a bit in their block's one `ready` word; off: each slot has its own state word beside its message, as in crossbeam-channel (see `lockfree/block/written.rs`) |
//! | `xadd` | lockfree | publish with `fetch_add` of the slot's bit (one `lock xadd` on x86) instead of `fetch_or` (a CAS loop when its result is used) |
//! | `claim_backoff` | lockfree | a sender claims its index by compare-exchange and, when another sender wins the race, spins (1, 2, 4 ... 64 hints) before trying again; off: one `fetch_add`, on which every producer queues for every message |
//! | `rx_cache` | lockfree | the receiver keeps the last `ready` word it loaded and consumes every slot it shows before loading again |
//! | `padding` | lockfree, ring | hot words on their own cache lines |
//! | `spin` | lockfree, ring | spin rounds before yielding |
//! | `batch_wait` | lockfree, ring | a waiting receiver (lockfree: 64 hints, while messages stream) or full-ring sender (ring, 64 slots or more: 16 hints) spins before its first look, not 1 hint, so that several messages (or free slots) gather per cache-line transfer |
//! | `yield` | lockfree, ring, mutex | `yield_now` rounds before parking (mutex: before sleeping on a condition variable) |
//! | `crowded` | lockfree, ring, mutex | a `yield_now` that lasted a time slice (another thread had the CPU) and after which the waiter still finds nothing ends the yielding: the waiter parks (mutex: sleeps on its condition variable) instead of feeding the other threads |
//! | `batch` | mutex | the receiver takes the whole queue in one lock and drains it without the lock |
//! | `wait_count` | mutex | notify only when a waiter is counted (rule 3), instead of on every operation |
//!
//! Under a model checker spins and yields are compiled out regardless
//! (`sync::CHECKER`): they only add schedules to explore.

/// `fetch_add` publishes a lock-free slot (see `Block::publish_slot`).
/// Read only with knob `block_ready` on.
#[cfg_attr(chanlab_off = "block_ready", allow(dead_code))]
pub(crate) const XADD: bool = !cfg!(chanlab_off = "xadd");
/// The lock-free receiver caches its last `ready` load (see
/// `Block::poll_slot`). Read only with knob `block_ready` on.
#[cfg_attr(chanlab_off = "block_ready", allow(dead_code))]
pub(crate) const RX_CACHE: bool = !cfg!(chanlab_off = "rx_cache");
/// The lock-free claim backs off after a lost race (see
/// `List::claim_backoff`).
pub(crate) const CLAIM_BACKOFF: bool = !cfg!(chanlab_off = "claim_backoff");
/// Spin rounds before yielding (lock-free, ring).
pub(crate) const SPIN: bool = !cfg!(chanlab_off = "spin");
/// A longer first spin before looking again, to gather a batch.
pub(crate) const BATCH_WAIT: bool = !cfg!(chanlab_off = "batch_wait");
/// Yield rounds before parking (lock-free, ring) or sleeping (mutex).
pub(crate) const YIELD: bool = !cfg!(chanlab_off = "yield");
/// A yield that lasted a time slice, followed by a failed look, ends the
/// yielding (lock-free receiver, ring, mutex).
pub(crate) const CROWDED: bool = !cfg!(chanlab_off = "crowded");
/// A `yield_now` longer than this gave the CPU to another thread for a
/// time slice: more threads want the CPUs than there are. On an idle CPU a
/// yield returns in about a microsecond; a slice lasts a millisecond or so.
const CROWDED_AFTER: std::time::Duration = std::time::Duration::from_micros(50);

/// Yields once; returns whether the CPUs were crowded: knob `crowded` is on
/// and the yield lasted longer than `CROWDED_AFTER`. A waiter whose next
/// look then still fails learns that the thread that ran meanwhile was not
/// the one it waits for, and further yields would only feed the others
/// (crossbeam's `Backoff::is_completed` ends a fixed budget; this one ends
/// early when the budget stops paying).
pub(crate) fn crowded_yield() -> bool {
    let start = std::time::Instant::now();
    crate::sync::yield_now();
    CROWDED && start.elapsed() > CROWDED_AFTER
}
/// The mutex receiver drains a batch outside the lock.
pub(crate) const BATCH: bool = !cfg!(chanlab_off = "batch");
/// The mutex channel notifies only counted waiters.
pub(crate) const WAIT_COUNT: bool = !cfg!(chanlab_off = "wait_count");
// `block_ready` changes a type's layout (a state word per slot when off),
// so it is read with `#[cfg]` in `lockfree/block.rs` and `block/written.rs`.
// `padding` is read where the padded types are declared
// (`#[cfg_attr(not(chanlab_off = "padding"), repr(align(..)))]`), since an
// alignment cannot come from a constant.
