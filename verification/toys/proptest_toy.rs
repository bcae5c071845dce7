//! proptest's toy: a ring buffer that wraps its index with a bit mask.
//!
//! `index & (cap - 1)` equals `index % cap` only when `cap` is a power of
//! two; a ring that masks without requiring that overwrites live slots. The
//! property compares the ring with a `VecDeque` after every operation, and
//! proptest shrinks the first failure it finds to a minimal case.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestError, TestRng, TestRunner};
use std::collections::VecDeque;

// ANCHOR: toy
/// A fixed-capacity FIFO of bytes.
struct ToyRing {
    slots: Vec<u8>,
    head: usize,
    len: usize,
}

impl ToyRing {
    fn new(cap: usize) -> Self {
        ToyRing {
            slots: vec![0; cap],
            head: 0,
            len: 0,
        }
    }

    fn slot(&self, i: usize) -> usize {
        i & (self.slots.len() - 1) // BUG: needs a power-of-two capacity
    }

    fn push(&mut self, v: u8) -> Result<(), u8> {
        if self.len == self.slots.len() {
            return Err(v);
        }
        let i = self.slot(self.head + self.len);
        self.slots[i] = v;
        self.len += 1;
        Ok(())
    }

    fn pop(&mut self) -> Option<u8> {
        if self.len == 0 {
            return None;
        }
        let v = self.slots[self.head];
        self.head = self.slot(self.head + 1);
        self.len -= 1;
        Some(v)
    }
}

#[derive(Clone, Debug)]
enum Op {
    Push(u8),
    Pop,
}

fn ops() -> impl Strategy<Value = (usize, Vec<Op>)> {
    let op = prop_oneof![any::<u8>().prop_map(Op::Push), Just(Op::Pop)];
    (1usize..8, proptest::collection::vec(op, 0..32))
}

/// The property: the ring behaves like a `VecDeque` capped at `cap`.
fn behaves_like_vecdeque(cap: usize, ops: &[Op]) -> Result<(), TestCaseError> {
    let (mut ring, mut model) = (ToyRing::new(cap), VecDeque::new());
    for op in ops {
        match *op {
            Op::Push(v) => {
                let want = if model.len() < cap {
                    model.push_back(v);
                    Ok(())
                } else {
                    Err(v)
                };
                prop_assert_eq!(ring.push(v), want);
            }
            Op::Pop => prop_assert_eq!(ring.pop(), model.pop_front()),
        }
    }
    Ok(())
}
// ANCHOR_END: toy

#[test]
fn proptest_reports_masked_ring() {
    // A fixed seed and no failure file: the same minimal case every run.
    let config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    match runner.run(&ops(), |(cap, ops)| behaves_like_vecdeque(cap, &ops)) {
        Err(TestError::Fail(reason, (cap, ops))) => {
            println!("proptest reported: {reason}");
            println!("minimal failing input: cap = {cap}, ops = {ops:?}");
            assert!(!cap.is_power_of_two(), "only non-powers of two can fail");
        }
        other => panic!("proptest did not report the bug: {other:?}"),
    }
}

#[test]
fn proptest_accepts_powers_of_two() {
    let strategy = (
        0u32..3,
        proptest::collection::vec(
            prop_oneof![any::<u8>().prop_map(Op::Push), Just(Op::Pop)],
            0..32,
        ),
    );
    let mut runner = TestRunner::new_with_rng(
        Config {
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    runner
        .run(&strategy, |(exp, ops)| {
            behaves_like_vecdeque(1 << exp, &ops)
        })
        .unwrap();
}
