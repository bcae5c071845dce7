//! The stall models (`verification/loom/stall.rs`) on the ring.

crate::stall::stall_models!(
    ring,
    "ring",
    chanlab::ring::sync_channel(2),
    chanlab::ring::sync_channel(1),
    |s: chanlab::ring::StalledSend<u32>| s.publish()
);
