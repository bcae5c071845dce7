//! The worker pool with tasks: jobs go through one channel to a fixed set
//! of worker tasks, and results come back through another.
//!
//! An MPSC receiver cannot be cloned, so the workers share it, as the
//! thread pool does, but behind an async mutex (`tokio::sync::Mutex`): a
//! worker locks it, awaits `recv_async` while holding the lock, then
//! releases it before doing the job. Holding a lock across an `await` is
//! what an async mutex is for: the workers queued on it wait as tasks, not
//! as blocked threads, and whichever holds it is woken by the next job.
//! Closing the job channel (dropping its sender) ends every worker: each
//! in turn finds it empty and closed. The results channel closes when the
//! last worker is gone, which ends the collecting loop; the example then
//! checks that every job ran exactly once, with the right result.
//!
//! `cargo run --example async_worker_pool -- --channel mutex`

mod async_common;

use async_common::{Unbounded, UnboundedExample, check_eq};
use std::sync::Arc;

const WORKERS: usize = 4;
const JOBS: u64 = 256;

/// One worker: takes jobs until the job channel is closed and empty.
async fn worker<F: Unbounded>(
    jobs: Arc<tokio::sync::Mutex<F::Receiver<u64>>>,
    results: F::Sender<(usize, u64, u64)>,
    id: usize,
) {
    loop {
        let job = F::recv(&mut *jobs.lock().await).await; // lock released here
        let Some(n) = job else { break };
        let answer = (1..=n).sum::<u64>(); // the job itself
        assert!(F::send(&results, (id, n, answer)).is_ok(), "the pool left");
        tokio::task::yield_now().await; // give the other workers a turn
    }
}

struct Example;

impl UnboundedExample for Example {
    async fn run<F: Unbounded>() {
        let (jobs_tx, jobs_rx) = F::channel::<u64>();
        let (results_tx, mut results) = F::channel();
        let jobs_rx = Arc::new(tokio::sync::Mutex::new(jobs_rx));
        let workers: Vec<_> = (0..WORKERS)
            .map(|id| tokio::spawn(worker::<F>(jobs_rx.clone(), results_tx.clone(), id)))
            .collect();
        drop(results_tx); // the workers hold the only result senders

        for n in 0..JOBS {
            assert!(F::send(&jobs_tx, n).is_ok(), "every worker left");
        }
        drop(jobs_tx); // no more jobs: the workers stop once it is empty

        let mut done = vec![0; JOBS as usize];
        let mut by_worker = [0; WORKERS];
        while let Some((id, n, answer)) = F::recv(&mut results).await {
            check_eq(answer, n * (n + 1) / 2, format_args!("job {n}'s result"));
            done[n as usize] += 1;
            by_worker[id] += 1;
        }
        for w in workers {
            w.await.expect("a worker panicked");
        }
        check_eq(done, vec![1; JOBS as usize], "runs of each job");
        println!("{JOBS} jobs on {WORKERS} worker tasks, each once: {by_worker:?} per worker");
    }
}

fn main() {
    async_common::main_unbounded::<Example>();
}
