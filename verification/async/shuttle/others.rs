//! shuttle schedules of `chanlab::lockfree`'s and `chanlab::ring`'s async
//! API (random and PCT).

mod lockfree {
    use crate::shuttle::models::{name, recv_scenarios};
    use crate::shuttle::{pct, poll_noop, random};
    use chanlab::lockfree::channel;
    use shuttle::future::block_on;
    use shuttle::thread;
    use std::pin::pin;
    use std::task::Poll;

    recv_scenarios!(channel::<(usize, usize)>());
}

mod ring {
    use crate::shuttle::models::{name, recv_scenarios, send_scenarios};
    use crate::shuttle::{Counted, pct, poll_noop, random};
    use chanlab::ring::sync_channel;
    use shuttle::future::{block_on, spawn};
    use shuttle::thread;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Poll;

    const RENDEZVOUS: bool = false;

    recv_scenarios!(sync_channel::<(usize, usize)>(1));
    send_scenarios!(sync_channel::<Counted>(1));
}
