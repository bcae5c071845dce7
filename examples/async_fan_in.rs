//! Fan-in with threads and tasks on one channel: producer tasks and
//! producer threads send into one unbounded channel, and one consumer task
//! awaits every message with `while let Some(msg) = recv.await`.
//!
//! The sync and async handles of a chanlab channel interoperate: a thread's
//! plain `send` wakes a task waiting in `recv_async` just as it unparks a
//! thread blocked in `recv`. The consumer's loop ends when the last sender
//! is dropped, thread or task. Each producer's messages arrive in the order
//! it sent them (the channel is FIFO per sender), which the example checks,
//! along with the count from each producer.
//!
//! `cargo run --example async_fan_in -- --channel lockfree`

mod async_common;

use async_common::{Unbounded, UnboundedExample, check_eq};

const TASKS: usize = 4;
const THREADS: usize = 2;
const EACH: usize = 500;

struct Example;

impl UnboundedExample for Example {
    async fn run<F: Unbounded>() {
        let (tx, mut rx) = F::channel::<(usize, usize)>();
        let mut tasks = Vec::new();
        for p in 0..TASKS {
            let tx = tx.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..EACH {
                    assert!(F::send(&tx, (p, i)).is_ok(), "the consumer left");
                    if i % 64 == 0 {
                        tokio::task::yield_now().await; // let the others in
                    }
                }
            }));
        }
        let threads: Vec<_> = (TASKS..TASKS + THREADS)
            .map(|p| {
                let tx = tx.clone();
                std::thread::spawn(move || {
                    for i in 0..EACH {
                        assert!(F::send(&tx, (p, i)).is_ok(), "the consumer left");
                    }
                })
            })
            .collect();
        drop(tx); // the producers hold the only senders now

        let mut next = [0; TASKS + THREADS];
        while let Some((p, i)) = F::recv(&mut rx).await {
            check_eq(i, next[p], format_args!("producer {p}'s next message"));
            next[p] += 1;
        }
        for t in tasks {
            t.await.expect("a producer task panicked");
        }
        for t in threads {
            t.join().expect("a producer thread panicked");
        }
        check_eq(next, [EACH; TASKS + THREADS], "messages from each producer");
        println!("{TASKS} tasks and {THREADS} threads sent {EACH} each, all received in order");
    }
}

fn main() {
    async_common::main_unbounded::<Example>();
}
