#!/usr/bin/env bash
# Miri (Stacked and Tree Borrows, many seeds) and ThreadSanitizer over the
# conformance suite (every chanlab flavor; the std_mpsc rows, which test the
# oracle rather than chanlab, are skipped) and the drop-in program test.
#
#   verification/sanitize.sh [--quick] [miri|miri-tree|tsan|all] [TEST_FILTER]
#
#   miri       cargo +nightly miri test, Stacked Borrows, seeds 0..8 (--quick: 0..2)
#   miri-tree  the same with -Zmiri-tree-borrows
#   tsan       RUSTFLAGS=-Zsanitizer=thread, -Zbuild-std, x86_64-unknown-linux-gnu
#              (needs the nightly rust-src component; first build ~70 s)
#   all        the three, in that order (default)
#
# TEST_FILTER (e.g. `lockfree`) narrows the libtest filter. Prints one line per
# run, `sanitizer name=<n> status=<pass|fail> time=<s> tests=<passed>`, and
# exits non-zero if any failed (printing the end of the failing log).
# Logs: <target>/proof/sanitize/<name>.log, where <target> is cargo's target
# directory ($CARGO_TARGET_DIR, else target/); the builds go to <target>/miri
# and <target>/tsan.
set -u
# Read before moving to the root, as cargo reads it: against the caller's
# directory.
target=$(realpath -m "${CARGO_TARGET_DIR:-$(dirname "$0")/../target}")
cd "$(dirname "$0")/.."

quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
what=${1:-all}
filter=${2:-}
seeds=$([ $quick = 1 ] && echo 0..2 || echo 0..8)
logs=$target/proof/sanitize
mkdir -p "$logs"
failed=0

# run NAME COMMAND...: runs it, logs it, prints the summary line with the
# number of tests that passed (summed over libtest's summaries: Miri prints
# one per seed, and its parallel seeds can put one after another's
# half-printed line, so a summary need not start a line). cargo's
# `Compiling` and `Running` lines are also printed as they come, as
# progress (the first tsan build rebuilds std and takes minutes).
run() {
    local name=$1; shift
    local start=$SECONDS
    "$@" 2>&1 | tee "$logs/$name.log" | grep --line-buffered -E '^ *(Compiling|Running) '
    if [ "${PIPESTATUS[0]}" = 0 ]; then status=pass; else status=fail; failed=1; fi
    local tests
    tests=$(grep -oE "test result: [a-zA-Z]+\. [0-9]+ passed" "$logs/$name.log" |
        awk '{ n += $4 } END { print n + 0 }')
    echo "sanitizer name=$name status=$status time=$((SECONDS - start)) tests=$tests"
    if [ $status = fail ]; then tail -n 30 "$logs/$name.log" >&2; fi
}

miri() {
    local name=$1 flags=$2
    # The Miri target dir keeps its own build of std with Miri's flags.
    run "$name" env MIRIFLAGS="-Zmiri-many-seeds=$seeds $flags" \
        cargo +nightly miri test --target-dir "$target/miri" \
        --test conformance --test dropin -- --skip std_mpsc $filter
}

tsan() {
    run tsan env RUSTFLAGS="-Zsanitizer=thread" RUSTDOCFLAGS="-Zsanitizer=thread" \
        TSAN_OPTIONS="halt_on_error=1" \
        cargo +nightly test -Zbuild-std --target x86_64-unknown-linux-gnu \
        --target-dir "$target/tsan" --test conformance --test dropin -- --skip std_mpsc $filter
}

case $what in
    miri) miri miri "" ;;
    miri-tree) miri miri-tree "-Zmiri-tree-borrows" ;;
    tsan) tsan ;;
    all) miri miri ""; miri miri-tree "-Zmiri-tree-borrows"; tsan ;;
    *) echo "usage: $0 [--quick] [miri|miri-tree|tsan|all] [TEST_FILTER]" >&2; exit 2 ;;
esac
exit $failed
