//! loom's deadlock toy: the seed article's `SimpleChannel::recv`, which
//! waits for a message or for `closed`, and `closed` is set only by the
//! receiver's own `Drop`.
//!
//! When the only sender is dropped, nothing wakes the receiver and nothing
//! ever will: every thread is blocked. loom notices that no thread can run
//! and reports a deadlock. After such a report loom may abort the whole
//! process instead of unwinding (loom#291), so the test runs the model in a
//! child process (itself, re-run with an environment variable) and checks
//! the child's output.

use loom::sync::atomic::{AtomicBool, Ordering};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use std::collections::VecDeque;

// ANCHOR: toy
struct SimpleChannel {
    queue: Mutex<VecDeque<u32>>,
    not_empty: Condvar,
    closed: AtomicBool, // set only when the receiver is dropped
}

impl SimpleChannel {
    fn send(&self, item: u32) {
        self.queue.lock().unwrap().push_back(item);
        self.not_empty.notify_one();
    }

    fn recv(&self) -> Option<u32> {
        let mut queue = self.queue.lock().unwrap();
        loop {
            if let Some(item) = queue.pop_front() {
                return Some(item);
            }
            // ORDERING: the article's Acquire; nothing ever stores `true` here
            // while a receiver waits, which is the bug.
            if self.closed.load(Ordering::Acquire) {
                return None;
            }
            queue = self.not_empty.wait(queue).unwrap();
        }
    }
}

/// One sender sends one message and leaves; the receiver drains the channel.
fn receive_until_senders_leave() {
    let chan = Arc::new(SimpleChannel {
        queue: Mutex::new(VecDeque::new()),
        not_empty: Condvar::new(),
        closed: AtomicBool::new(false),
    });
    let sender = chan.clone();
    let t = thread::spawn(move || sender.send(1)); // the sender is dropped here
    while let Some(item) = chan.recv() {
        assert_eq!(item, 1);
    }
    t.join().unwrap();
}
// ANCHOR_END: toy

const CHILD: &str = "CHANLAB_TOY_DEADLOCK_CHILD";

#[test]
fn loom_reports_receiver_waiting_forever() {
    if std::env::var_os(CHILD).is_some() {
        loom::model(receive_until_senders_leave);
        return; // not reached: the model deadlocks
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "loom_deadlock::loom_reports_receiver_waiting_forever",
        ])
        .args(["--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the child must fail");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let report: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("deadlock;"))
        .collect();
    assert!(!report.is_empty(), "loom must report a deadlock:\n{stderr}");
    let ended = match out.status.code() {
        Some(code) => format!("exited with status {code}"),
        None => "was killed by a signal (an abort)".to_string(),
    };
    println!("loom, in a child process that then {ended}, reported:");
    report.iter().for_each(|l| println!("{l}"));
}
