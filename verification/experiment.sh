#!/usr/bin/env bash
# The README's two "do it yourself" paths, each from an empty directory, with
# the code copied out of README.md so that the two cannot drift:
#
# 1. "Use it in your own experiment": `cargo new`, chanlab added by path,
#    the README's program as src/main.rs, then `cargo run --release`.
#    Checks that it prints one row per channel with a time for each
#    constructor that channel has, and that the suites' test hooks cannot be
#    called from it. Prints the program's output.
# 2. "Check a channel of your own": `cargo new --lib`, chanlab added with
#    feature `kit`, the README's channel as src/lib.rs and its lines as
#    tests/kit.rs; then the three builds (`cargo test`, under loom, under
#    shuttle) must pass without a warning, and two seeded bugs must fail
#    with messages that name the property and say how to replay it.
#
# Prints one `experiment step=... time=...` line per step and the total.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s)
status=0

# The Nth (default: first) ```rust block after the heading `## $1`.
extract() {
    awk -v heading="## $1" -v want="${2:-1}" '
         $0 == heading { in_section = 1; next }
         in_section && /^## / { exit }
         in_section && !in_code && /^```rust/ { in_code = 1; n++; next }
         in_code && /^```/ { in_code = 0; if (n == want) exit; next }
         in_code && n == want { print }' "$root/README.md"
}

# step NAME COMMAND...: runs the command and prints its time on the
# script's own output (fd 3), whatever the command's output is redirected to.
exec 3>&1
step() {
    local name=$1 t0 rc=0
    shift
    t0=$(date +%s)
    "$@" || rc=$?
    echo "experiment step=$name time=$(( $(date +%s) - t0 ))s" >&3
    return "$rc"
}

cd "$work"
cargo new --quiet --vcs none chan-experiment
cd chan-experiment
cargo add --quiet chanlab --path "$root"
extract "Use it in your own experiment" > src/main.rs
if [ ! -s src/main.rs ]; then
    echo "FAIL no rust block under README's experiment section" >&2
    exit 1
fi
step flavors cargo run --quiet --release > out.txt
cat out.txt

# channel, expected unbounded cell, expected bounded cell (num or -)
while read -r name unbounded bounded; do
    row=$(awk -v n="$name" '$1 == n' out.txt)
    if [ -z "$row" ]; then
        echo "FAIL no row for $name" >&2
        status=1
        continue
    fi
    for pair in "2 $unbounded" "3 $bounded"; do
        set -- $pair
        cell=$(echo "$row" | awk -v c="$1" '{ print $c }')
        case "$2:$cell" in
            num:-|num:) echo "FAIL $name: no time in column $1" >&2; status=1 ;;
            -:-) ;;
            -:*) echo "FAIL $name: column $1 should be '-', is $cell" >&2; status=1 ;;
            num:*) awk -v x="$cell" 'BEGIN { exit !(x + 0 > 0) }' ||
                { echo "FAIL $name: '$cell' is not a positive time" >&2; status=1; } ;;
        esac
    done
done <<'ROWS'
std num num
mutex num num
lockfree num -
ring - num
ROWS
# The suites' test hooks are not part of a dependent's build: a program
# that calls one must not compile (feature `test-hooks` is chanlab's own).
mkdir -p src/bin
cat > src/bin/hooks.rs <<'RUST'
fn main() {
    let (tx, _rx) = chanlab::ring::sync_channel::<u8>(1);
    let _ = tx.stall_send(1);
    let (tx, _rx) = chanlab::lockfree::channel::<u8>();
    let _ = tx.stall_send(1);
}
RUST
if cargo build --quiet --bin hooks 2> hooks.txt; then
    echo "FAIL a dependent can call stall_send: test hooks leak into the default build" >&2
    status=1
elif [ "$(grep -c 'no method named `stall_send`' hooks.txt)" != 2 ]; then
    echo "FAIL the hooks program failed for another reason:" >&2
    cat hooks.txt >&2
    status=1
fi
rm src/bin/hooks.rs
[ "$status" = 0 ] && echo "experiment ok: every flavor and std ran from a fresh crate; stall_send is not reachable"

# ---- 2. The kit on a channel of one's own.
cd "$work"
cargo new --quiet --lib --vcs none my-chan
cd my-chan
cargo add --quiet chanlab --path "$root" --features kit
extract "Check a channel of your own" 1 > src/lib.rs
mkdir -p tests
extract "Check a channel of your own" 2 > tests/kit.rs
if [ ! -s src/lib.rs ] || [ ! -s tests/kit.rs ]; then
    echo "FAIL the README's kit section has no channel or no test lines" >&2
    exit 1
fi
cp src/lib.rs lib.rs.orig

# cargo test ARGS... > log: must pass, print no warning; prints its summary.
passes() {
    local log=$1
    shift
    if ! "$@" > "$log" 2>&1; then
        echo "FAIL $* on the README's channel:" >&2
        tail -n 40 "$log" >&2
        status=1
        return
    fi
    if grep -q '^warning' "$log"; then
        echo "FAIL $* warned:" >&2
        grep -A6 '^warning' "$log" >&2
        status=1
    fi
    # The summary of tests/kit.rs (not of the doctests that follow it).
    echo "tests/kit.rs: $(sed -n '/Running tests\/kit.rs/,/^test result/p' "$log" | grep '^test result')"
}

# The three builds, each running the suites that apply to it.
step kit-std passes std.log cargo test
step kit-loom passes loom.log env RUSTFLAGS="--cfg chanlab_loom" cargo test --release
step kit-shuttle passes shuttle.log cargo test --release --features chanlab/shuttle
# log test...: each test ran in that build and passed.
ran() {
    local log=$1 test
    shift
    for test in "$@"; do
        grep -qF "test $test ... ok" "$log" || { echo "FAIL $test did not pass in $log" >&2; status=1; }
    done
}
ran std.log conformance::fifo_one_producer props::matches_model lincheck
ran loom.log loom_models::handoff loom_models::len_is_zero_after_a_send_saw_the_receiver_gone lincheck
ran shuttle.log shuttle_models::three_senders_pct shuttle_models::one_sender_polled_dfs lincheck
if grep -q 'test conformance::' loom.log shuttle.log; then
    echo "FAIL the conformance suite ran under a checker" >&2
    status=1
fi

# fails LOG WHAT PATTERN...: the seeded bug's run failed, and its output
# holds every pattern (fixed strings).
fails() {
    local log=$1 what=$2
    shift 2
    for pattern in "$@"; do
        if ! grep -qF -- "$pattern" "$log"; then
            echo "FAIL seeded bug ($what): no \"$pattern\" in its output:" >&2
            tail -n 30 "$log" >&2
            status=1
        fi
    done
}

# Seeded bug 1: the receiver takes the newest message (`pop_back`).
sed -i 's/pop_front()/pop_back()/g' src/lib.rs
if step bug-lifo cargo test --test kit -- conformance:: props:: > lifo.log 2>&1; then
    echo "FAIL the LIFO bug passed the conformance suite and the properties" >&2
    status=1
fi
fails lifo.log "pop_back" "test conformance::fifo_one_producer ... FAILED" \
    "in order, once" "property \`matches_model\` failed" \
    "minimal failing input: ops = " "proptest saved this case's seed"
cp lib.rs.orig src/lib.rs

# Seeded bug 2: a send that wakes nobody (its `notify_one` deleted).
sed -i '/^        self.0.ready.notify_one();$/d' src/lib.rs
if cmp -s src/lib.rs lib.rs.orig; then
    echo "FAIL the lost wake-up bug was not planted (the README's send changed?)" >&2
    status=1
fi
# (Only a receiver that holds a sender itself waits for ever: otherwise the
# last sender's drop wakes it.)
model=loom_models::send_wakes_parking_receiver
if step bug-lost-wakeup env RUSTFLAGS="--cfg chanlab_loom" \
    cargo test --release --test kit -- --exact "$model" > wakeup.log 2>&1; then
    echo "FAIL the lost wake-up passed loom" >&2
    status=1
fi
fails wakeup.log "lost wake-up" "deadlock" "loom model \`$model\` failed" \
    "LOOM_CHECKPOINT_FILE="
cp lib.rs.orig src/lib.rs
[ "$status" = 0 ] &&
    echo "experiment ok: the kit's suites pass on the README's channel and catch both seeded bugs"
echo "experiment total time=$(( $(date +%s) - start ))s status=$([ "$status" = 0 ] && echo pass || echo fail)"
exit "$status"
