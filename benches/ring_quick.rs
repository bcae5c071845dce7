//! A quick side-by-side of `chanlab::ring` against `std::sync::mpsc`,
//! crossbeam-channel and kanal (bounded): capacities 1 and 1024, spsc and
//! mpsc with 2 producers. Rounds are interleaved (every contender once per
//! round, the order rotating), so drift of the machine hits every contender
//! alike; each shape reports the median ns per message and the ratio of
//! ours to the best of std and crossbeam (and to kanal).
//!
//! ```text
//! cargo bench --bench ring_quick            # 7 rounds
//! CHANLAB_QUICK_ROUNDS=15 cargo bench --bench ring_quick
//! ```

use std::hint::black_box;
use std::thread;
use std::time::{Duration, Instant};

/// Messages per run at capacity 1024; capacity 1 moves fewer (each is a
/// handoff between threads).
fn messages(cap: usize) -> u64 {
    if cap == 1 { 1 << 16 } else { 1 << 20 }
}

/// One run: `producers` threads send `n / producers` messages each into a
/// channel of `cap`; the calling thread receives them all.
macro_rules! contender {
    ($name:ident, $make:expr) => {
        fn $name(cap: usize, producers: u64) -> Duration {
            let (tx, rx) = $make(cap);
            let per = messages(cap) / producers;
            let start = Instant::now();
            let handles: Vec<_> = (0..producers)
                .map(|_| {
                    let tx = tx.clone();
                    thread::spawn(move || (0..per).for_each(|i| tx.send(i).unwrap()))
                })
                .collect();
            drop(tx);
            let (mut count, mut sum) = (0u64, 0u64);
            while let Ok(v) = rx.recv() {
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

contender!(ring, chanlab::ring::sync_channel::<u64>);
contender!(std_mpsc, std::sync::mpsc::sync_channel::<u64>);
contender!(crossbeam, crossbeam_channel::bounded::<u64>);
contender!(kanal, kanal::bounded::<u64>);

type Run = fn(usize, u64) -> Duration;
const CONTENDERS: [(&str, Run); 4] = [
    ("ring", ring),
    ("std", std_mpsc),
    ("crossbeam", crossbeam),
    ("kanal", kanal),
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
    for (shape, cap, producers) in [
        ("spsc  cap 1", 1, 1),
        ("mpsc2 cap 1", 1, 2),
        ("spsc  cap 1024", 1024, 1),
        ("mpsc2 cap 1024", 1024, 2),
    ] {
        let mut ns: Vec<Vec<f64>> = vec![Vec::new(); CONTENDERS.len()];
        CONTENDERS.iter().for_each(|(_, run)| {
            black_box(run(cap, producers)); // warm-up
        });
        for round in 0..rounds {
            for k in 0..CONTENDERS.len() {
                let c = (round + k) % CONTENDERS.len();
                let t = CONTENDERS[c].1(cap, producers);
                ns[c].push(t.as_nanos() as f64 / messages(cap) as f64);
            }
        }
        let med: Vec<f64> = ns.into_iter().map(median).collect();
        let cells: Vec<String> = CONTENDERS
            .iter()
            .zip(&med)
            .map(|((name, _), m)| format!("{name} {m:.1}"))
            .collect();
        println!(
            "{shape:14} ns/msg (median of {rounds}): {}  ours/best(std,crossbeam) = {:.2}  ours/kanal = {:.2}",
            cells.join(", "),
            med[0] / med[1].min(med[2]),
            med[0] / med[3],
        );
    }
}
