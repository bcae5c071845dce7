//! Maps `CHANLAB_PERF_OFF` to `chanlab_off` cfgs, for the performance
//! ablation (`benches/perf_ablate.py`; the knobs are documented in
//! `src/tune.rs`).
//!
//! `CHANLAB_PERF_OFF=xadd,rx_cache cargo bench ...` builds chanlab with those
//! two optimisations switched off. An environment variable rather than
//! `RUSTFLAGS`, so that only chanlab and its benches rebuild, not every
//! dependency. Unset (the normal case), nothing changes.

/// Every knob `src/tune.rs` reads, by name.
const KNOBS: &[&str] = &[
    "block_ready",
    "xadd",
    "rx_cache",
    "claim_backoff",
    "padding",
    "spin",
    "batch_wait",
    "yield",
    "crowded",
    "batch",
    "wait_count",
];

fn main() {
    println!("cargo::rerun-if-env-changed=CHANLAB_PERF_OFF");
    let values: Vec<String> = KNOBS.iter().map(|k| format!("\"{k}\"")).collect();
    println!(
        "cargo::rustc-check-cfg=cfg(chanlab_off, values({}))",
        values.join(", ")
    );
    let off = std::env::var("CHANLAB_PERF_OFF").unwrap_or_default();
    for name in off.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !KNOBS.contains(&name) {
            eprintln!(
                "CHANLAB_PERF_OFF: unknown knob `{name}`; knobs: {}",
                KNOBS.join(", ")
            );
            std::process::exit(1);
        }
        println!("cargo::rustc-cfg=chanlab_off=\"{name}\"");
    }
}
