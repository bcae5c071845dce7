//! Criterion matrix: every shape of `common::shapes::all()` against every
//! contender of `common::contenders()` that offers it.
//!
//! ```text
//! cargo bench --bench channels                      # everything (long)
//! cargo bench --bench channels -- spsc-unbounded/   # one row
//! cargo bench --bench channels -- --test            # each once, small n
//! ```
//!
//! Each sample spawns its threads, releases them through a barrier and times
//! from the release to the last receive (see `common/shapes.rs`). Criterion
//! runs one contender's samples back to back, so for ratios between
//! contenders on a shared machine prefer the interleaved `ratio` bench.

mod common;

use common::contenders;
use common::shapes::{self, Shape};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use std::time::Duration;

/// Under `cargo test --benches` (no `--bench` argument) or with `--test`,
/// criterion runs each benchmark once: keep n tiny there.
fn test_mode() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--test") || !args.iter().any(|a| a == "--bench")
}

fn messages(shape: &Shape) -> usize {
    if test_mode() { 256 } else { shape.default_n() }
}

fn bench_shape(c: &mut Criterion, shape: &Shape) {
    let n = messages(shape);
    let mut group = c.benchmark_group(shape.name);
    group.throughput(Throughput::Elements(n as u64));
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(if shape.latency { 10 } else { 3 }));
    for contender in contenders() {
        if (contender.run)(shape, 16).is_none() {
            continue;
        }
        group.bench_function(BenchmarkId::from_parameter(contender.name), |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| (contender.run)(shape, n).expect("offered"))
                    .sum()
            });
        });
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    for shape in shapes::all() {
        bench_shape(&mut c, &shape);
    }
    c.final_summary();
}
