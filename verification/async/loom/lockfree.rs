//! loom models of `chanlab::lockfree`'s async API (the receive side: its
//! `send` never waits).

use crate::loom::models::{name, recv_models};
use crate::loom::{Kind, Outcomes, check, poll_noop};
use chanlab::lockfree::{RecvError, channel};
use loom::future::block_on;
use loom::thread;
use std::pin::pin;
use std::task::Poll;

recv_models!(Kind::Exhaustive, channel::<u32>());
