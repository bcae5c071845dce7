//! A quick side-by-side of `chanlab::lockfree` against `std::sync::mpsc` and
//! crossbeam-channel (unbounded): spsc and mpsc with 2 and 4 producers, each
//! run moving 2^20 `u64`s. Rounds are interleaved (every contender once per
//! round, the order rotating), so drift of the machine hits every contender
//! alike; each shape reports the median ns per message.
//!
//! ```text
//! cargo bench --bench lockfree_quick            # 7 rounds
//! CHANLAB_QUICK_ROUNDS=15 cargo bench --bench lockfree_quick
//! ```

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

const N: u64 = 1 << 20;

/// One run: `producers` threads send `N / producers` messages each; the
/// calling thread receives them all. Returns the wall time.
macro_rules! contender {
    ($name:ident, $channel:expr) => {
        fn $name(producers: u64) -> Duration {
            let (tx, rx) = $channel;
            let per = N / producers;
            let start = Instant::now();
            let handles: Vec<_> = (0..producers)
                .map(|_| {
                    let tx = tx.clone();
                    thread::spawn(move || (0..per).for_each(|i| tx.send(i).unwrap()))
                })
                .collect();
            drop(tx);
            let (mut count, mut sum) = (0u64, 0u64);
            for v in rx.iter() {
                count += 1;
                sum = sum.wrapping_add(v);
            }
            let elapsed = start.elapsed();
            handles.into_iter().for_each(|h| h.join().unwrap());
            assert_eq!(count, per * producers);
            black_box(sum);
            elapsed
        }
    };
}

contender!(lockfree, chanlab::lockfree::channel::<u64>());
contender!(std_mpsc, std::sync::mpsc::channel::<u64>());
contender!(crossbeam, crossbeam_channel::unbounded::<u64>());

type Run = fn(u64) -> Duration;
const CONTENDERS: [(&str, Run); 3] = [
    ("lockfree", lockfree),
    ("std", std_mpsc),
    ("crossbeam", crossbeam),
];

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let rounds: usize = std::env::var("CHANLAB_QUICK_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    for (shape, producers) in [("spsc", 1), ("mpsc x2", 2), ("mpsc x4", 4)] {
        let mut ns: Vec<Vec<f64>> = vec![Vec::new(); CONTENDERS.len()];
        CONTENDERS.iter().for_each(|(_, run)| {
            run(producers); // warm-up
        });
        for round in 0..rounds {
            for k in 0..CONTENDERS.len() {
                let c = (round + k) % CONTENDERS.len();
                let t = CONTENDERS[c].1(producers);
                ns[c].push(t.as_nanos() as f64 / N as f64);
            }
        }
        let med: Vec<f64> = ns.into_iter().map(median).collect();
        let best_peer = med[1].min(med[2]);
        let cells: Vec<String> = CONTENDERS
            .iter()
            .zip(&med)
            .map(|((name, _), m)| format!("{name} {m:.1}"))
            .collect();
        println!(
            "{shape:8} ns/msg (median of {rounds}): {}  ratio ours/best = {:.2}",
            cells.join(", "),
            med[0] / best_peer
        );
    }
}
