//! The stall models (`verification/loom/stall.rs`) on the lock-free channel.
//! (A sender stalled in the middle of waking the receiver is a shuttle model:
//! under loom the receiver waits for it, see `UNPARK_ENDS_ANY_WAIT` in
//! `src/sync.rs`.)

crate::stall::stall_models!(
    lockfree,
    "lockfree",
    chanlab::lockfree::channel(),
    chanlab::lockfree::channel(),
    |s: chanlab::lockfree::StalledSend<u32>| s.publish().unwrap()
);
