//! loom models of `chanlab::mutex`'s async API: unbounded, bounded and
//! rendezvous.

mod unbounded {
    use crate::loom::models::{name, recv_models};
    use crate::loom::{Kind, Outcomes, block_on, check, poll_noop};
    use chanlab::mutex::{RecvError, channel};
    use loom::thread;
    use std::pin::pin;
    use std::task::Poll;

    recv_models!(Kind::Exhaustive, channel::<u32>());
}

mod bounded {
    use crate::loom::models::{name, recv_models, send_models};
    use crate::loom::{Counted, Kind, Outcomes, block_on, check, poll_noop};
    use chanlab::mutex::{Receiver, RecvError, SyncSender, sync_channel};
    use loom::thread;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Poll;

    type Tx = SyncSender<Counted>;
    type Rx = Receiver<Counted>;

    recv_models!(Kind::Exhaustive, sync_channel::<u32>(1));
    send_models!(
        Kind::Bounded,
        Kind::AtMost(2),
        sync_channel::<Counted>(1),
        1
    );
}

mod rendezvous {
    use crate::loom::models::{name, recv_models, send_models};
    use crate::loom::{Counted, Kind, Outcomes, block_on, check, poll_noop};
    use chanlab::mutex::{Receiver, RecvError, SyncSender, sync_channel};
    use loom::thread;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::Poll;

    type Tx = SyncSender<Counted>;
    type Rx = Receiver<Counted>;

    recv_models!(Kind::Exhaustive, sync_channel::<u32>(0));
    send_models!(
        Kind::Bounded,
        Kind::AtMost(2),
        sync_channel::<Counted>(0),
        0
    );
}
