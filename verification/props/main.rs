//! Property tests: random operation sequences checked step by step against a
//! `VecDeque` model, and a multi-threaded delivery property, for every
//! flavor and several bounds.
//!
//! ```text
//! cargo test --test props              # PROPTEST_CASES=N to change the case count
//! ```

#[path = "../make.rs"]
mod make;

use chanlab::flavor::{Rx, Tx};
use make::{Bnd, Make, Unb};
use proptest::prelude::*;
use std::collections::VecDeque;
use std::sync::mpsc::{RecvTimeoutError, SendError, TryRecvError, TrySendError};
use std::time::Duration;

/// One step of a single-threaded session.
#[derive(Clone, Debug)]
enum Op {
    Send(u8),
    TrySend(u8),
    Recv,
    TryRecv,
    RecvZeroTimeout,
    CloneSender,
    DropSender,
    DropReceiver,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => any::<u8>().prop_map(Op::Send),
        3 => any::<u8>().prop_map(Op::TrySend),
        3 => Just(Op::Recv),
        3 => Just(Op::TryRecv),
        2 => Just(Op::RecvZeroTimeout),
        1 => Just(Op::CloneSender),
        1 => Just(Op::DropSender),
        1 => Just(Op::DropReceiver),
    ]
}

/// The reference model: what std's semantics say each operation returns.
struct Model {
    queue: VecDeque<u8>,
    senders: usize,
    receiver: bool,
    bound: Option<usize>,
}

impl Model {
    /// Whether a message can be queued without a receiver taking it.
    fn has_room(&self) -> bool {
        self.bound.is_none_or(|b| self.queue.len() < b)
    }
    fn expect_try_recv(&mut self) -> Result<u8, TryRecvError> {
        match self.queue.pop_front() {
            Some(m) => Ok(m),
            None if self.senders == 0 => Err(TryRecvError::Disconnected),
            None => Err(TryRecvError::Empty),
        }
    }
}

/// Runs `ops` on a real channel and on the model, comparing every result.
fn run<M: Make>(ops: &[Op]) -> Result<(), TestCaseError> {
    let (tx, rx) = M::make::<u8>();
    let (mut txs, mut rx) = (vec![tx], Some(rx));
    let mut m = Model {
        queue: VecDeque::new(),
        senders: 1,
        receiver: true,
        bound: M::BOUND,
    };
    for op in ops {
        match *op {
            // A blocking send is only issued when it cannot block.
            Op::Send(v) if !txs.is_empty() && (!m.receiver || m.has_room()) => {
                let want = if m.receiver {
                    m.queue.push_back(v);
                    Ok(())
                } else {
                    Err(SendError(v))
                };
                prop_assert_eq!(txs[0].send(v), want);
            }
            Op::TrySend(v) if !txs.is_empty() => {
                let want = match (m.receiver, m.has_room()) {
                    (false, _) => Err(TrySendError::Disconnected(v)),
                    (true, true) => {
                        m.queue.push_back(v);
                        Ok(())
                    }
                    (true, false) => Err(TrySendError::Full(v)),
                };
                prop_assert_eq!(M::try_send(&txs[txs.len() - 1], v), want);
            }
            // A blocking recv is only issued when it cannot block.
            Op::Recv if rx.is_some() && (!m.queue.is_empty() || m.senders == 0) => {
                let got = rx.as_ref().unwrap().recv().ok();
                prop_assert_eq!(got, m.expect_try_recv().ok());
            }
            Op::TryRecv if rx.is_some() => {
                prop_assert_eq!(rx.as_ref().unwrap().try_recv(), m.expect_try_recv());
            }
            Op::RecvZeroTimeout if rx.is_some() => {
                let want = m.expect_try_recv().map_err(|e| match e {
                    TryRecvError::Empty => RecvTimeoutError::Timeout,
                    TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
                });
                prop_assert_eq!(rx.as_ref().unwrap().recv_timeout(Duration::ZERO), want);
            }
            Op::CloneSender if !txs.is_empty() => {
                txs.push(txs[0].clone());
                m.senders += 1;
            }
            Op::DropSender if !txs.is_empty() => {
                txs.pop();
                m.senders -= 1;
            }
            Op::DropReceiver if rx.is_some() => {
                rx = None;
                m.receiver = false;
                m.queue.clear();
            }
            _ => {} // not applicable in this state
        }
    }
    Ok(())
}

/// Producers each send `0..per` tagged with their index; the receiver must
/// see every message once, each producer's in order.
fn deliver<M: Make>(producers: usize, per: usize) -> Result<(), TestCaseError> {
    let (tx, rx) = M::make::<(usize, usize)>();
    let handles: Vec<_> = (0..producers)
        .map(|p| {
            let tx = tx.clone();
            std::thread::spawn(move || (0..per).for_each(|s| tx.send((p, s)).unwrap()))
        })
        .collect();
    drop(tx);
    let mut next = vec![0; producers];
    while let Ok((p, s)) = rx.recv() {
        prop_assert_eq!(s, next[p], "producer {} out of order", p);
        next[p] += 1;
    }
    handles.into_iter().for_each(|h| h.join().unwrap());
    prop_assert!(next.iter().all(|&n| n == per), "lost messages: {:?}", next);
    Ok(())
}

/// One proptest module per channel under test.
macro_rules! props {
    ($($name:ident: $make:ty),* $(,)?) => {$(
        mod $name {
            use super::*;
            #[allow(unused_imports)]
            use chanlab::flavor::*;
            proptest! {
                #![proptest_config(ProptestConfig {
                    // PROPTEST_CASES (read by `default()`) sets the count; 256 if unset.
                    cases: if cfg!(miri) { 4 } else { ProptestConfig::default().cases },
                    ..ProptestConfig::default()
                })]
                #[test]
                fn matches_model(ops in proptest::collection::vec(op(), 0..64)) {
                    run::<$make>(&ops)?;
                }

                #[test]
                fn delivers_exactly_once_in_order(producers in 1usize..5, per in 0usize..200) {
                    deliver::<$make>(producers, per)?;
                }
            }
        }
    )*};
}

props! {
    std_unbounded: Unb<Std>,
    std_bounded0: Bnd<Std, 0>,
    std_bounded1: Bnd<Std, 1>,
    std_bounded3: Bnd<Std, 3>,
    mutex_unbounded: Unb<Mutex>,
    mutex_bounded0: Bnd<Mutex, 0>,
    mutex_bounded1: Bnd<Mutex, 1>,
    mutex_bounded2: Bnd<Mutex, 2>,
    mutex_bounded3: Bnd<Mutex, 3>,
    mutex_bounded16: Bnd<Mutex, 16>,
    lockfree_unbounded: Unb<Lockfree>,
    ring_bounded1: Bnd<Ring, 1>,
    ring_bounded2: Bnd<Ring, 2>,
    ring_bounded3: Bnd<Ring, 3>,
    ring_bounded64: Bnd<Ring, 64>,
}
