//! The fixed `SimpleChannel` of `examples/simple_channel.rs` on loom's
//! primitives, plus std's rule that the receiver's drop drops the queued
//! messages (without it a message accepted before the drop would stay queued
//! until the last sender leaves).

use loom::sync::{Arc, Condvar, Mutex};
use std::collections::VecDeque;

struct State<T> {
    queue: VecDeque<T>,
    senders: usize,
    receiver_alive: bool,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    not_empty: Condvar,
}

pub struct SimpleSender<T>(Arc<Shared<T>>);
pub struct SimpleReceiver<T>(Arc<Shared<T>>);

pub fn simple_channel<T>() -> (SimpleSender<T>, SimpleReceiver<T>) {
    let state = State {
        queue: VecDeque::new(),
        senders: 1,
        receiver_alive: true,
    };
    let shared = Arc::new(Shared {
        state: Mutex::new(state),
        not_empty: Condvar::new(),
    });
    (SimpleSender(shared.clone()), SimpleReceiver(shared))
}

impl<T> SimpleSender<T> {
    pub fn send(&self, item: T) -> Result<(), T> {
        let mut s = self.0.state.lock().unwrap();
        if !s.receiver_alive {
            return Err(item);
        }
        s.queue.push_back(item);
        drop(s);
        self.0.not_empty.notify_one();
        Ok(())
    }
}

impl<T> SimpleReceiver<T> {
    pub fn recv(&self) -> Result<T, ()> {
        let mut s = self.0.state.lock().unwrap();
        loop {
            if let Some(item) = s.queue.pop_front() {
                return Ok(item);
            }
            if s.senders == 0 {
                return Err(());
            }
            s = self.0.not_empty.wait(s).unwrap();
        }
    }
}

impl<T> Drop for SimpleSender<T> {
    fn drop(&mut self) {
        let last = {
            let mut s = self.0.state.lock().unwrap();
            s.senders -= 1;
            s.senders == 0
        };
        if last {
            self.0.not_empty.notify_all();
        }
    }
}

impl<T> Drop for SimpleReceiver<T> {
    fn drop(&mut self) {
        let queued = {
            let mut s = self.0.state.lock().unwrap();
            s.receiver_alive = false;
            std::mem::take(&mut s.queue)
        };
        drop(queued); // outside the lock
    }
}
