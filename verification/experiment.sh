#!/usr/bin/env bash
# The README's "Use it in your own experiment" path, from an empty
# directory: `cargo new`, chanlab added by path, the README's program
# (copied out of README.md, so the two cannot drift) as src/main.rs, then
# `cargo run --release`. Checks that it prints one row per channel with a
# time for each constructor that channel has, and that the suites' test
# hooks cannot be called from it. Prints the program's output.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The first ```rust block after the section's heading.
extract() {
    awk '/^## Use it in your own experiment/ { in_section = 1; next }
         in_section && /^## / { exit }
         in_section && !in_code && /^```rust/ { in_code = 1; next }
         in_code && /^```/ { exit }
         in_code { print }' "$root/README.md"
}

cd "$work"
cargo new --quiet --vcs none chan-experiment
cd chan-experiment
cargo add --quiet chanlab --path "$root"
extract > src/main.rs
if [ ! -s src/main.rs ]; then
    echo "FAIL no rust block under README's experiment section" >&2
    exit 1
fi
cargo run --quiet --release > out.txt
cat out.txt

# channel, expected unbounded cell, expected bounded cell (num or -)
status=0
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
exit "$status"
