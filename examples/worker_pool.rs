//! A worker pool: jobs (`Box<dyn FnOnce() + Send>`) go through one channel
//! to a fixed set of worker threads.
//!
//! An MPSC `Receiver` cannot be cloned, so the workers share it behind an
//! `Arc<Mutex<Receiver>>`, as the article does: a worker locks, receives one
//! job, and releases the lock *before* running it (`let job =
//! rx.lock().unwrap().recv();` drops the guard at the end of the statement;
//! `while let Ok(job) = rx.lock().unwrap().recv() { job() }` would keep it
//! for the whole loop body and run the jobs one at a time).
//!
//! The alternative without a lock, [`PerWorkerPool`], gives each worker its
//! own channel and deals jobs round-robin: no contention on a shared
//! receiver, but a slow job delays the jobs queued behind it on that worker.
//!
//! Bugs in the article's pool, fixed here: it never joins its workers and
//! waits for the jobs with `thread::sleep(3 s)` (jobs still running or
//! queued at that moment are lost when `main` returns); nothing closes the
//! channel, so its workers' "stopping" branch is unreachable. Here `Drop`
//! closes the channel (drops the sender) and joins every worker, so every
//! queued job runs before the pool is gone.
//!
//! `cargo run --example worker_pool -- --channel mutex`

mod common;

use chanlab::flavor::{Rx, Tx, Unbounded};
use common::{UnboundedExample, check_eq};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

type Job = Box<dyn FnOnce() + Send + 'static>;

const WORKERS: usize = 4;
const JOBS: usize = 64;

// ANCHOR: shared
/// Workers share one receiver behind a mutex.
struct SharedPool<F: Unbounded> {
    sender: Option<F::Sender<Job>>, // `None` once the pool is shutting down
    workers: Vec<JoinHandle<()>>,
}

impl<F: Unbounded> SharedPool<F> {
    fn new(size: usize) -> Self {
        let (sender, receiver) = F::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        let workers = (0..size)
            .map(|_| {
                let receiver = Arc::clone(&receiver);
                thread::spawn(move || {
                    loop {
                        let job = receiver.lock().unwrap().recv(); // guard dropped here
                        match job {
                            Ok(job) => job(),
                            Err(_) => break, // channel closed and empty: stop
                        }
                    }
                })
            })
            .collect();
        SharedPool {
            sender: Some(sender),
            workers,
        }
    }

    fn execute(&self, f: impl FnOnce() + Send + 'static) {
        self.sender.as_ref().unwrap().send(Box::new(f)).unwrap();
    }
}

impl<F: Unbounded> Drop for SharedPool<F> {
    fn drop(&mut self) {
        drop(self.sender.take()); // close the channel: workers drain it, then stop
        self.workers.drain(..).for_each(|w| w.join().unwrap());
    }
}
// ANCHOR_END: shared

// ANCHOR: per_worker
/// One channel per worker; `execute` deals jobs round-robin.
struct PerWorkerPool<F: Unbounded> {
    senders: Vec<F::Sender<Job>>,
    next: std::cell::Cell<usize>,
    workers: Vec<JoinHandle<()>>,
}

impl<F: Unbounded> PerWorkerPool<F> {
    fn new(size: usize) -> Self {
        let (senders, workers) = (0..size)
            .map(|_| {
                let (tx, rx) = F::channel::<Job>();
                (
                    tx,
                    thread::spawn(move || common::iter(&rx).for_each(|job| job())),
                )
            })
            .unzip();
        PerWorkerPool {
            senders,
            next: 0.into(),
            workers,
        }
    }

    fn execute(&self, f: impl FnOnce() + Send + 'static) {
        let i = self
            .next
            .replace((self.next.get() + 1) % self.senders.len());
        self.senders[i].send(Box::new(f)).unwrap();
    }
}

impl<F: Unbounded> Drop for PerWorkerPool<F> {
    fn drop(&mut self) {
        self.senders.clear(); // close every channel
        self.workers.drain(..).for_each(|w| w.join().unwrap());
    }
}
// ANCHOR_END: per_worker

/// What both pools offer.
trait Pool {
    fn execute(&self, job: Job);
}

impl<F: Unbounded> Pool for SharedPool<F> {
    fn execute(&self, job: Job) {
        SharedPool::execute(self, job)
    }
}

impl<F: Unbounded> Pool for PerWorkerPool<F> {
    fn execute(&self, job: Job) {
        PerWorkerPool::execute(self, job)
    }
}

/// Runs `JOBS` jobs on `pool`, then drops it; checks every job ran exactly
/// once. Each job reports its id on a results channel.
fn exercise<F: Unbounded>(name: &str, pool: impl Pool) {
    let (done_tx, done_rx) = F::channel::<usize>();
    for id in 0..JOBS {
        let done_tx = done_tx.clone();
        pool.execute(Box::new(move || {
            let _work: u64 = (0..1000u64).map(|x| x * x).sum();
            done_tx.send(id).unwrap();
        }));
    }
    drop(done_tx);
    drop(pool); // joins the workers: every job has finished
    let mut ran: Vec<usize> = std::iter::from_fn(|| done_rx.try_recv().ok()).collect();
    ran.sort_unstable();
    check_eq(ran, (0..JOBS).collect(), &format!("{name}: jobs that ran"));
    println!("{name}: {JOBS} jobs on {WORKERS} workers, each ran once, workers joined");
}

struct Example;

impl UnboundedExample for Example {
    fn run<F: Unbounded>() {
        exercise::<F>("shared receiver", SharedPool::<F>::new(WORKERS));
        exercise::<F>("channel per worker", PerWorkerPool::<F>::new(WORKERS));
    }
}

fn main() {
    common::main_unbounded::<Example>();
}
