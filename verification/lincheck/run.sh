#!/usr/bin/env bash
# Runs the lincheck suite under loom and under shuttle (quick by default,
# `--full` for the larger size) and prints one line per checker and channel:
#   lincheck checker=<loom|shuttle> channel=<name> scenarios=<n> interleavings=<m> status=<pass|fail> time=<s>
# then `lincheck-summary status=<pass|fail> time=<s>`. Exit status 0 when
# every channel passes. Full logs: <target>/lincheck-<checker>.log, where
# <target> is cargo's target directory ($CARGO_TARGET_DIR, else target/).
set -u
# Read before moving to the root, as cargo reads it: against the caller's
# directory.
target=$(realpath -m "${CARGO_TARGET_DIR:-$(dirname "$0")/../../target}")
export CARGO_TARGET_DIR=$target
cd "$(dirname "$0")/../.."
size=quick
[ "${1:-}" = "--full" ] && size=full
export CHANLAB_LINCHECK=$size
start=$(date +%s)
status=pass

run() { # <checker> <cargo args...>
    local checker=$1 log=$target/lincheck-$1.log
    shift
    mkdir -p "$target"
    "$@" --test lincheck -- --nocapture >"$log" 2>&1 || status=fail
    grep -E '^lincheck[ -]' "$log" | sort
    grep -qE '^lincheck .*status=pass' "$log" || status=fail
}

RUSTFLAGS="--cfg chanlab_loom" run loom cargo test --release --target-dir "$target/loom"
RUSTFLAGS="" run shuttle cargo test --release --features shuttle
echo "lincheck-summary size=$size status=$status time=$(( $(date +%s) - start ))"
[ "$status" = pass ]
