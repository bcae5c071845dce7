//! The stall models (`verification/loom/stall.rs`) on the lock-free channel.

crate::stall::stall_models!(
    lockfree,
    "lockfree",
    chanlab::lockfree::channel(),
    chanlab::lockfree::channel(),
    |s: chanlab::lockfree::StalledSend<u32>| s.publish().unwrap()
);
