#!/usr/bin/env bash
# Builds every example once, then runs each with every channel flavor it
# supports (as reported by `EXAMPLE --supported`), one line per run.
# The async examples (`async_*`) list chanlab's channels that have the
# constructor they need and `tokio` (tokio's mpsc, for comparison).
# Stops at the first failure. Also checks that an unknown flavor is
# rejected with exit status 2.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --quiet --release --examples
run() { cargo run --quiet --release --example "$@"; }

runs=0
for file in examples/*.rs; do
    example=$(basename "$file" .rs)
    # The benchmark report generator is a tool, not a channel pattern.
    [ "$example" = bench_report ] && continue
    flavors=$(run "$example" -- --supported)
    if [ -z "$flavors" ]; then
        echo "FAIL $example supports no flavor"
        exit 1
    fi
    for flavor in $flavors; do
        start=$(date +%s%N)
        if ! out=$(run "$example" -- --channel "$flavor" 2>&1); then
            printf '%s\n' "$out"
            echo "FAIL $example --channel $flavor"
            exit 1
        fi
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        printf 'ok   %-22s %-9s %6d ms\n' "$example" "$flavor" "$ms"
        runs=$((runs + 1))
    done
done

status=0
run worker_pool -- --channel no-such-flavor >/dev/null 2>&1 || status=$?
if [ "$status" -ne 2 ]; then
    echo "FAIL unknown flavor: exit status $status, want 2"
    exit 1
fi
echo "ok   unknown flavor rejected with exit status 2"
echo "all $runs example runs passed"
