#!/usr/bin/env bash
# Regenerates every tool output that the book shows, into book/src/generated/.
#
#   book/generate.sh           regenerate and overwrite the committed files
#   book/generate.sh --check   regenerate into a temporary directory and fail
#                              if any committed file differs (stale output)
#   book/generate.sh --only NAME[,NAME...]   run only these generators
#                              (build-one, slow, runs only when named so)
#   CHANLAB_VERIFY_SUMMARY=FILE book/generate.sh ...   reuse the summary of a
#                              `cargo verify --quick --summary FILE` just run
#
# Every generator runs a real command (compiler, checker, test suite) and
# normalises what varies between runs: timings, absolute paths, the std
# source hash, thread ids and addresses. Generators whose sources do not
# exist yet are skipped with a message, and their files are not checked.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

mode=write
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --check) mode=check ;;
        --only) only=",$2,"; shift ;;
        *) echo "usage: book/generate.sh [--check] [--only NAME,...]" >&2; exit 2 ;;
    esac
    shift
done

committed=book/src/generated
tmp=$(mktemp -d)
log=$tmp/stderr.log # the current generator's stderr, shown if it fails
current=""
finish() {
    local status=$?
    if [ "$status" -ne 0 ] && [ -n "$current" ]; then
        echo "book/generate.sh: generator '$current' failed; the end of its stderr:" >&2
        tail -n 40 "$log" >&2
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap finish EXIT
if [ "$mode" = check ]; then
    out=$tmp/out
else
    out=$committed
fi
mkdir -p "$out"
target=${CARGO_TARGET_DIR:-target}
export CARGO_TERM_COLOR=never RUST_BACKTRACE=0

# Normalise one stream: relative paths, no timings, no machine specifics.
normalize() {
    sed -E \
        -e "s#${root}/##g" \
        -e "s#${HOME}/\.cargo/registry/src/[^/]+/#CARGO_REGISTRY/#g" \
        -e "s#${HOME}/\.rustup/toolchains/[^/]+/lib/rustlib/src/rust/#RUST_SRC/#g" \
        -e 's#/rustc/[0-9a-f]{40}/#RUST_SRC/#g' \
        -e 's/finished in [0-9.]+s/finished in (time removed)/g' \
        -e 's/0x[0-9a-f]{6,}/0x(address)/g' \
        -e 's/ThreadId\([0-9]+\)/ThreadId(n)/g'
}

generated=()
# Slow generators run only when --only names them (a plain run and --check
# leave their committed files as they are, and say so).
slow=",build-one,"
want() {
    if [ -n "$only" ]; then
        [[ "$only" == *",$1,"* ]]
    elif [[ "$slow" == *",$1,"* ]]; then
        note "$1" "skipped: slow, run it with --only $1"
        return 1
    fi
}
note() { printf '%-22s %s\n' "$1" "$2" >&2; }

# rc-not-send.txt: the compiler's error for sending an Rc to another thread.
gen_rc_not_send() {
    cargo build --quiet --lib 2>>"$log"
    local status=0 err=$tmp/rustc.err
    rustc --edition 2024 --crate-type bin --emit=metadata -o "$tmp/rc_not_send" \
        --color never --extern chanlab="$target/debug/libchanlab.rlib" \
        -L "dependency=$target/debug/deps" \
        book/listings/rc_not_send.rs >"$err" 2>&1 || status=$?
    if [ "$status" -eq 0 ] || ! grep -q 'E0277' "$err"; then
        cat "$err" >>"$log"
        echo "rc_not_send.rs must fail to compile with E0277" >>"$log"
        exit 1
    fi
    normalize <"$err" >"$out/rc-not-send.txt"
}

# libtest's "test NAME ... ok" lines, sorted (parallel tests finish in any
# order), and the summary line.
test_lines() {
    grep -E '^test .* \.\.\. |^test result:' | normalize | sort
}

# What a `cargo test --quiet -- --nocapture` run printed itself: libtest's
# progress dots (printed after each test, so at the start of the next line),
# "running N tests" and the result line removed.
own_lines() {
    sed -E 's/^\.+//' | grep -vE '^(running [0-9]+ tests?|test result: .*)?$' | normalize
}

# conformance.txt: the contract suite, std's rows and chanlab::mutex's rows.
gen_conformance() {
    cargo test --quiet --test conformance --no-run 2>>"$log"
    cargo test --test conformance -- --test-threads=2 2>>"$log" | test_lines | awk '
        / \.\.\. / { split($2, p, "::"); g = p[1] "::" p[2]; n[g]++; if ($NF == "ok") ok[g]++ }
        /^test result:/ { result = $0 }
        END { printf "%-30s %s\n", "group (flavor::bound)", "tests passed"
              for (g in n) printf "%-30s %d/%d\n", g, ok[g], n[g] | "sort"
              close("sort"); print ""; print result }' >"$out/conformance.txt"
}

# toy-proptest.txt: proptest shrinking the masked-ring bug.
gen_toy_proptest() {
    cargo test --quiet --test toys proptest_reports -- --nocapture 2>>"$log" \
        | own_lines >"$out/toy-proptest.txt"
}

# positions CAPTURE NAME FILE ANCHOR: every `NAME:LINE:COL` that CAPTURE
# names (NAME is how the report spells FILE), with the line of the listing
# (FILE's ANCHOR, as the book includes it) that the position falls on, and
# that line's text: a checker's report mapped onto the listing the reader
# sees, from the run itself.
positions() {
    local capture=$1 name=$2 file=$3 anchor=$4 first
    first=$(grep -n "ANCHOR: $anchor\$" "$file" | cut -d: -f1)
    printf '%-44s %s\n' "position in the report" "listing line: text"
    grep -oE "$name:[0-9]+:[0-9]+" "$capture" | awk '!seen[$0]++' \
        | while IFS=: read -r f line col; do
            printf '%-44s %3d: %s\n' "$f:$line:$col" "$((line - first))" \
                "$(sed -n "${line}p" "$file" | sed -E 's/^ +//')"
        done
}

# toy-shuttle.txt: shuttle finding the check-before-lock bug, and passing the fix.
# toy-shuttle-replay.txt: the failing schedule it printed, replayed.
gen_toy_shuttle() {
    local f=$out/toy-shuttle.txt schedule
    local run=(cargo test --quiet --release --features shuttle --test toys)
    "${run[@]}" shuttle_reports -- --nocapture 2>>"$log" | own_lines >"$f"
    # shuttle's replay instructions, from stderr (its backtrace is left out).
    grep -A3 -E '^failing (schedule|seed):' "$log" | grep -v '^--$' | sed 's/^/    /' \
        | normalize >>"$f"
    echo >>"$f"
    schedule=$(grep -A2 '^failing schedule:' "$log" | sed -n 3p)
    [ -n "$schedule" ] || { echo "shuttle printed no failing schedule" >>"$log"; exit 1; }
    { echo "\$ CHANLAB_SHUTTLE_REPLAY=$schedule cargo test --release --features shuttle \\"
      echo "      --test toys shuttle_replays -- --nocapture"
      CHANLAB_SHUTTLE_REPLAY=$schedule "${run[@]}" shuttle_replays -- --nocapture 2>>"$log" \
          | own_lines; } >"$out/toy-shuttle-replay.txt"
    "${run[@]}" shuttle_accepts -- --nocapture 2>>"$log" | own_lines >>"$f"
    "${run[@]}" shuttle_misses -- --nocapture 2>>"$log" | own_lines >"$out/toy-shuttle-misses.txt"
}

# toy-loom.txt, toy-ordering.md: loom on the relaxed publish toy;
# toy-loom-deadlock.txt: loom on the article's receiver that waits forever.
gen_toy_loom() {
    local run=(cargo test --quiet --release --target-dir "$target/loom" --test toys)
    export RUSTFLAGS="--cfg chanlab_loom" LOOM_LOCATION=1
    "${run[@]}" loom_reports_relaxed -- --nocapture 2>>"$log" | own_lines >"$out/toy-loom.txt"
    "${run[@]}" loom_accepts -- --nocapture 2>>"$log" | own_lines >>"$out/toy-loom.txt"
    "${run[@]}" loom_reports_receiver -- --nocapture 2>>"$log" | own_lines \
        >"$out/toy-loom-deadlock.txt"
    "${run[@]}" loom_ordering_table -- --nocapture 2>>"$log" | own_lines \
        | grep '^|' >"$out/toy-ordering.md"
    "${run[@]}" loom_two_flags_table -- --nocapture 2>>"$log" | own_lines \
        | grep '^|' >"$out/toy-two-flags-loom.md"
    "${run[@]}" loom_release_sequence_table -- --nocapture 2>>"$log" | own_lines \
        | grep '^|' >"$out/toy-release-sequence.md"
    unset RUSTFLAGS LOOM_LOCATION
    positions "$out/toy-loom.txt" verification/toys/loom_toy.rs verification/toys/loom_toy.rs toy \
        >"$out/toy-loom-positions.txt"
}

# toy-two-flags-miri.txt: Miri on the two-flag toy, 64 seeds per flavor.
# Each seed is one deterministic run, so the set of failing seeds is stable.
gen_toy_two_flags_miri() {
    local flavor status err=$tmp/two-flags.err f=$out/toy-two-flags-miri.txt
    local flags="-Zmiri-many-seeds=0..64 -Zmiri-many-seeds-keep-going"
    : >"$f"
    for flavor in release-acquire seqcst relaxed-fence; do
        status=0
        MIRIFLAGS=$flags cargo +nightly miri run --quiet \
            --manifest-path book/listings/miri-two-flags/Cargo.toml \
            --target-dir "$target/miri-two-flags" -- "$flavor" >/dev/null 2>"$err" || status=$?
        { echo "\$ MIRIFLAGS=\"$flags\" cargo +nightly miri run -- $flavor"
          if grep -q 'SEEDS FAILED' "$err"; then
              grep 'SEEDS FAILED' "$err" | tr A-Z a-z
              echo "failing seeds: $(grep -o 'FAILING SEED: [0-9]*' "$err" | grep -o '[0-9]*$' \
                  | sort -n | tr '\n' ' ' | sed 's/ $//')"
              echo "what each failing seed printed:"
              grep -m1 -A1 '^thread .* panicked at' "$err" \
                  | sed -E -e 's#src/(\.\./)+##' -e "s/^thread '([^']+)' \([0-9]+\)/thread '\1'/" \
                  | sed 's/^/  /'
          else
              echo "exit status $status: no seed failed"
          fi
          echo; } >>"$f"
        case "$flavor:$status" in
            release-acquire:0 | seqcst:[1-9]* | relaxed-fence:[1-9]*)
                cat "$err" >>"$log"
                echo "Miri must fail release-acquire on some seed and pass the others" >>"$log"
                exit 1 ;;
        esac
    done
    sed -i '$d' "$f"
}

# toy-two-flags-native.md: the two-flag toy on this machine's CPU, many
# trials per flavor (verification/toys/store_buffering.rs). A row says
# whether the outcome showed, never how often (that varies run to run);
# the test asserts that the two forbidden rows never show it.
gen_toy_two_flags_native() {
    cargo test --quiet --release --test toys store_buffering -- --nocapture 2>>"$log" \
        | own_lines | grep '^|' >"$out/toy-two-flags-native.md"
}

# sync-facade.txt: the three arms of src/sync.rs, as the crate has them,
# and the per-build exports after them, through the step recorder's (the
# one declaration longer than the book's column is wrapped after its `=`,
# as rustfmt would wrap it outside a macro).
gen_sync_facade() {
    grep -Eq '^pub (\(crate\) )?use trace::' src/sync.rs || {
        echo "src/sync.rs: no step recorder exports (pub use trace::...)" >>"$log"
        exit 1
    }
    awk '/^\/\/ -+ loom arm$/ { on = 1 } on { print } on && /^pub (\(crate\) )?use trace::/ { exit }' \
        src/sync.rs |
        sed -E 's/^( *)(pub\(crate\) static NEXT_SPURIOUS: [^=]*=) (.*)$/\1\2\n\1    \3/' \
        >"$out/sync-facade.txt"
}

# toy-miri.txt: Miri's data-race report for the same toy on std atomics.
gen_toy_miri() {
    local status=0 err=$tmp/miri.err
    cargo +nightly miri run --quiet --manifest-path book/listings/miri-toy/Cargo.toml \
        --target-dir "$target/miri-toy" >/dev/null 2>"$err" || status=$?
    if [ "$status" -eq 0 ] || ! grep -q 'Data race' "$err"; then
        cat "$err" >>"$log"
        echo "Miri must report a data race in the toy" >>"$log"
        exit 1
    fi
    normalize <"$err" >"$out/toy-miri.txt"
    positions "$out/toy-miri.txt" src/main.rs book/listings/miri-toy/src/main.rs toy \
        >"$out/toy-miri-positions.txt"
}

# loom_models CHANNEL: the loom models of chanlab::CHANNEL (bound 2), one
# `loom-model ...` line each with its execution count, into loom-CHANNEL.txt.
loom_models() {
    RUSTFLAGS="--cfg chanlab_loom" CHANLAB_LOOM_BOUND=2 cargo test --release \
        --target-dir "$target/loom" --test loom "$1::" -- --nocapture --test-threads=1 \
        2>>"$log" | grep -o 'loom-model .*' | sort >"$out/loom-$1.txt"
}

# shuttle_models CHANNEL: the shuttle models of chanlab::CHANNEL (1000
# schedules per random/PCT run), into shuttle-CHANNEL.txt.
shuttle_models() {
    CHANLAB_SHUTTLE_ITERS=1000 cargo test --release --features shuttle --test shuttle \
        "$1::" -- --nocapture --test-threads=1 2>>"$log" \
        | grep -o 'shuttle-model .*' | sort >"$out/shuttle-$1.txt"
}

gen_loom_mutex() { loom_models mutex; }
gen_shuttle_mutex() { shuttle_models mutex; }
gen_models_lockfree() { loom_models lockfree; shuttle_models lockfree; }

# loom-ring.txt, shuttle-ring.txt: the models of chanlab::ring.
# loom-ring-naive.txt: loom on the naive "stamp = position" layout at
# capacity 1 (a should_panic test; loom's report comes from stderr).
gen_models_ring() {
    loom_models ring
    shuttle_models ring
    local err=$tmp/naive.err
    RUSTFLAGS="--cfg chanlab_loom" LOOM_LOCATION=1 cargo test --release \
        --target-dir "$target/loom" --test loom ring::naive_capacity_1_loses_messages \
        -- --nocapture --test-threads=1 2>"$err" | grep '^test ring::' >"$tmp/naive.out"
    if ! grep -q 'Causality violation' "$err"; then
        cat "$err" >>"$log"
        echo "loom must report the naive ring at capacity 1" >>"$log"
        exit 1
    fi
    { sed -n '/^thread /,/^ *write: /p' "$err" \
        | sed -E "s/^thread '([^']+)' \([0-9]+\)/thread '\1' (n)/" | cat -s
      echo; cat "$tmp/naive.out"; } | normalize >"$out/loom-ring-naive.txt"
}

# lincheck-history.txt: lincheck's report on a seeded bug that crashes
# nothing, `ring_try_send_full_with_room`: a scratch copy with the bug
# applied (verification/mutants/run.py --prepare, as `cargo verify --mutant`
# makes it), and its shuttle lincheck run on the ring of capacity 2. shuttle
# draws its PCT schedules from SHUTTLE_RANDOM_SEED, so the same seed gives
# the same schedules and the same first failing history.
gen_lincheck_history() {
    local tree dir=$target mutant=ring_try_send_full_with_room seed=2
    local err=$tmp/lincheck.err status=0
    case "$dir" in /*) ;; *) dir=$root/$dir ;; esac
    tree=$(python3 verification/mutants/run.py --prepare "$mutant" 2>>"$log" | tail -n 1)
    [ -d "$tree" ] || { echo "run.py --prepare $mutant gave no tree" >>"$log"; exit 1; }
    (cd "$tree" && SHUTTLE_RANDOM_SEED=$seed cargo test --release --features shuttle \
        --target-dir "$dir/lincheck-mutant" --test lincheck -- --exact on_shuttle::ring_2 \
        --nocapture) >/dev/null 2>"$err" || status=$?
    if [ "$status" -eq 0 ] || ! grep -q '^lincheck: history not linearizable' "$err"; then
        cat "$err" >>"$log"
        echo "shuttle's lincheck must reject a history of $mutant (seed $seed)" >>"$log"
        exit 1
    fi
    { echo "\$ python3 verification/mutants/run.py --prepare $mutant"
      echo "\$ cd target/proof/mutant/tree"
      echo "\$ SHUTTLE_RANDOM_SEED=$seed cargo test --release --features shuttle \\"
      echo "      --test lincheck -- --exact on_shuttle::ring_2 --nocapture"
      awk '/^lincheck: history not linearizable/ { on = 1 } /^and no call can go next:/ { last = 1 }
           on && last && /^$/ { exit } on { print }' "$err" | sed -E 's/ +$//'
    } | normalize >"$out/lincheck-history.txt"
}

# alloc.txt: allocations in steady state and bytes per queued u64, counted
# by the allocator of verification/alloc.rs (deterministic: it counts the
# bytes requested, single-threaded).
gen_alloc() {
    cargo test --quiet --release --test alloc -- --nocapture --test-threads=1 2>>"$log" \
        | grep -o 'alloc: .*' | sort >"$out/alloc.txt"
}

# examples.txt: every example against every channel it supports.
gen_examples() {
    examples/run_all.sh 2>&1 | sed -E 's/ +[0-9]+ ms$//' >"$out/examples.txt"
}

# verify-quick.md: the summary table of `cargo verify --quick`, without its
# time column (the table is Markdown; the book shows it as text). A CI job
# that has just run `cargo verify --quick --summary FILE` can pass
# CHANLAB_VERIFY_SUMMARY=FILE to reuse that table instead of a second run.
gen_verify_quick() {
    local summary=${CHANLAB_VERIFY_SUMMARY:-}
    if [ -n "$summary" ]; then
        grep -q '(quick)' "$summary" || { echo "$summary: not a --quick summary" >>"$log"; exit 1; }
    else
        summary=$tmp/verify-summary.md
        cargo verify --quick --summary "$summary" >>"$log" 2>&1
    fi
    awk -F'|' 'NF > 5 { printf "|%s|%s|%s|%s|\n", $2, $3, $4, $6; next }
               { gsub(/, [0-9]+ s in all/, ""); print }' "$summary" | normalize \
        >"$out/verify-quick.md"
}

# trace-*.txt and timeline-*.svg: the interleavings of the hard bugs.
# book/timelines.py runs each bug's failing model (loom or shuttle, with the
# seeded bug applied) with the step recorder built in (--cfg chanlab_trace),
# writes the recorded execution as trace-*.txt, and draws the timeline from
# it, failing if a step the figure names is not in the run. The first run
# builds the recorder's test binaries (a few minutes).
gen_timelines() {
    python3 book/timelines.py "$out" timeline-mutex-lost-wakeup timeline-lockfree-lost-wakeup \
        timeline-lockfree-token timeline-ring-aba timeline-lockfree-recycle \
        timeline-lockfree-drop-race 2>>"$log"
}

# trace-mutex-async-swallowed-wake.txt, timeline-mutex-async-swallowed-wake.svg:
# chapter 12's timeline, a model of the async suite (`--test async`) under
# loom, drawn as above.
gen_timeline_tasks() {
    python3 book/timelines.py "$out" timeline-mutex-async-swallowed-wake 2>>"$log"
}

# build-one-v1-loom.txt, build-one-v2-hang.txt, build-one-v3.md: chapter 9's
# versions of the Vyukov lab. Versions 1 and 2 are the lab's seeded bugs,
# each in the scratch copy that `cargo verify --mutant` runs (run.py
# --prepare makes it; its target/ is kept between calls). Version 1: loom's
# report on the one model the kill table names, with LOOM_LOCATION=1 (one
# model: with the whole suite, whichever failing model aborts the run first
# would be shown). Version 2: the failure block of `cargo verify --mutant
# NAME --only conformance` (a hang: the runner's 120 s limit runs out).
# Version 3: `cargo verify --lab vyukov`'s table, without its time column.
# Slow, so it runs only when named: --only build-one.
gen_build_one_v1() {
    local tree mutant=lab_vyukov_relaxed_link model=vyukov::loom_models::clone_drop_race
    local err=$tmp/v1.err status=0
    tree=$(python3 verification/mutants/run.py --prepare "$mutant" 2>>"$log" | tail -n 1)
    [ -d "$tree" ] || { echo "run.py --prepare $mutant gave no tree" >>"$log"; exit 1; }
    (cd "$tree" && RUSTFLAGS="--cfg chanlab_loom" LOOM_LOCATION=1 cargo test -p chanlab-labs \
        --release --target-dir target/loom --test labs -- --exact "$model" --nocapture) \
        >/dev/null 2>"$err" || status=$?
    if [ "$status" -eq 0 ] || ! grep -q '^Causality violation' "$err"; then
        cat "$err" >>"$log"
        echo "loom must report a causality violation in $model with $mutant" >>"$log"
        exit 1
    fi
    { echo "\$ python3 verification/mutants/run.py --prepare $mutant"
      echo "\$ cd target/proof/mutant/tree"
      echo "\$ RUSTFLAGS=\"--cfg chanlab_loom\" LOOM_LOCATION=1 cargo test -p chanlab-labs \\"
      echo "      --release --target-dir target/loom --test labs -- --exact $model"
      awk -v m="$model" 'index($0, "thread '\''" m "'\''") == 1 { on = 1 }
           on { print } on && /^\(the first run writes/ { exit }' "$err" \
          | sed -E "s/^thread '([^']+)' \([0-9]+\)/thread '\1' (n)/"
    } | normalize >"$out/build-one-v1-loom.txt"
}

gen_build_one() {
    gen_build_one_v1
    local name=lab_vyukov_no_wake_on_last_drop raw=$tmp/mutant.out status=0
    cargo verify --mutant "$name" --only conformance >"$raw" 2>&1 || status=$?
    cat "$raw" >>"$log"
    if [ "$status" -ne 0 ] || ! grep -q "^the seeded bug was caught by conformance" "$raw"; then
        echo "cargo verify --mutant $name --only conformance must catch the bug" >>"$log"
        exit 1
    fi
    { echo "\$ cargo verify --mutant $name --only conformance"
      echo "..."
      awk '/^conformance \(.*\) failed:$/ { on = 1 }
           on && /^  replay:$/ { exit } on { print }' "$raw"
      grep "^the seeded bug was caught by" "$raw"
    } | normalize >"$out/build-one-v2-hang.txt"
    local summary=$tmp/lab-summary.md
    cargo verify --lab vyukov --summary "$summary" >>"$log" 2>&1
    awk -F'|' 'NF > 5 { printf "|%s|%s|%s|%s|\n", $2, $3, $4, $6; next }
               { gsub(/, [0-9]+ s in all/, ""); print }' "$summary" | normalize \
        >"$out/build-one-v3.md"
}

# run NAME FUNCTION FILE...: runs the generator (set -e applies inside it)
# and records the files it owns.
run() {
    local name=$1 fn=$2
    shift 2
    want "$name" || return 0
    note "$name" "running"
    current=$name
    : >"$log"
    "$fn"
    current=""
    generated+=("$@")
}

run rc-not-send gen_rc_not_send rc-not-send.txt
run conformance gen_conformance conformance.txt
run toy-proptest gen_toy_proptest toy-proptest.txt
run toy-shuttle gen_toy_shuttle toy-shuttle.txt toy-shuttle-misses.txt toy-shuttle-replay.txt
run toy-loom gen_toy_loom toy-loom.txt toy-ordering.md toy-loom-deadlock.txt \
    toy-two-flags-loom.md toy-release-sequence.md toy-loom-positions.txt
run toy-miri gen_toy_miri toy-miri.txt toy-miri-positions.txt
run toy-two-flags-miri gen_toy_two_flags_miri toy-two-flags-miri.txt
run toy-two-flags-native gen_toy_two_flags_native toy-two-flags-native.md
run sync-facade gen_sync_facade sync-facade.txt
run loom-mutex gen_loom_mutex loom-mutex.txt
run shuttle-mutex gen_shuttle_mutex shuttle-mutex.txt
run models-lockfree gen_models_lockfree loom-lockfree.txt shuttle-lockfree.txt
run models-ring gen_models_ring loom-ring.txt shuttle-ring.txt loom-ring-naive.txt
run timelines gen_timelines timeline-mutex-lost-wakeup.svg timeline-lockfree-lost-wakeup.svg \
    timeline-lockfree-token.svg timeline-ring-aba.svg timeline-lockfree-recycle.svg \
    timeline-lockfree-drop-race.svg trace-mutex-lost-wakeup.txt trace-lockfree-lost-wakeup.txt \
    trace-lockfree-token.txt trace-ring-aba.txt trace-lockfree-recycle.txt \
    trace-lockfree-drop-race.txt
run timeline-tasks gen_timeline_tasks timeline-mutex-async-swallowed-wake.svg \
    trace-mutex-async-swallowed-wake.txt
run lincheck-history gen_lincheck_history lincheck-history.txt
run alloc gen_alloc alloc.txt
run build-one gen_build_one build-one-v1-loom.txt build-one-v2-hang.txt build-one-v3.md
run examples gen_examples examples.txt
if [ -d verification/runner ]; then
    run verify-quick gen_verify_quick verify-quick.md
else
    note verify-quick "skipped: verification/runner does not exist yet"
fi

if [ -n "$only" ] && [ "${#generated[@]}" -eq 0 ]; then
    echo "book/generate.sh: no generator matched --only ${only:1:-1}" >&2
    exit 2
fi

for f in "${generated[@]}"; do
    if [ ! -s "$out/$f" ]; then
        echo "generator produced an empty $f" >&2
        exit 1
    fi
done

if [ "$mode" = check ]; then
    stale=0
    for f in "${generated[@]}"; do
        if ! diff -u "$committed/$f" "$out/$f" >&2; then
            echo "STALE: $committed/$f (run book/generate.sh)" >&2
            stale=1
        fi
    done
    [ "$stale" -eq 0 ] || exit 1
    echo "book/generate.sh --check: ${#generated[@]} generated files up to date" >&2
else
    echo "book/generate.sh: wrote ${#generated[@]} files to $committed" >&2
fi
