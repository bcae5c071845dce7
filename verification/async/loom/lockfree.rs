//! loom models of `chanlab::lockfree`'s async API (the receive side: its
//! `send` never waits).

use crate::loom::models::{name, recv_models};
use crate::loom::{Kind, Outcomes, block_on, check, poll_noop};
use chanlab::lockfree::{RecvError, channel};
use loom::thread;
use std::pin::pin;
use std::task::Poll;

// At most 4 preemptions: the full state space is out of reach (a receiver
// refused by a sender still holding WAKING yields and tries again, and
// `recv_dropped_mid_wait` ran for minutes without ending).
recv_models!(Kind::AtMost(4), channel::<u32>());
