//! loom models of `chanlab::ring`'s async API, at capacity 1 (every send
//! after the first waits for a receive).

use crate::loom::models::{name, recv_models, send_models};
use crate::loom::{Counted, Kind, Outcomes, block_on, check, poll_noop};
use chanlab::ring::{Receiver, RecvError, SyncSender, sync_channel};
use loom::thread;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::Poll;

type Tx = SyncSender<Counted>;
type Rx = Receiver<Counted>;

// At most 4 preemptions: the receive models' full state space is out of
// reach (`receiver_thread_task_thread` ran for minutes without ending).
recv_models!(Kind::AtMost(4), sync_channel::<u32>(1));
send_models!(
    Kind::Bounded,
    Kind::AtMost(1),
    sync_channel::<Counted>(1),
    1
);
