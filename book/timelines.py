#!/usr/bin/env python3
"""Draws the book's interleaving timelines as SVG from the steps a model
checker recorded in the run that finds each bug.

    python3 book/timelines.py OUT_DIR [NAME ...]            capture, then draw
    python3 book/timelines.py OUT_DIR --from DIR [NAME ...]  draw from DIR's traces

A timeline is one execution of a model: for a seeded bug, the execution
in which the checker fails; for the token, which is not a bug, the first
execution that passes through its steps in order. Capturing builds the
crate with the step recorder (`--cfg chanlab_trace`, src/sync/trace.rs)
on a scratch copy with the seeded bug applied (`verification/mutants/
run.py --prepare`), runs the one model with `CHANLAB_TRACE_OUT`, and
writes what the recorder wrote to `OUT_DIR/trace-<name>.txt`: one line per
step, `<thread> <file>:<line> <op> <value>`, and the checker's message.

Drawing reads that file. Each step of a timeline below names a thread,
a fragment of a line of code and what the figure says of it; the fragment
is found in the (mutated) source, exactly once, and the step is matched to
the next recorded step by that thread at that line. The box shows the
recorded step's number, line, operation and value, so the figure's order,
threads and values are the run's. If the code, the seeded bug or the run
changes so that a step no longer matches, drawing fails: re-capture and
re-read the trace (book/generate.sh does both, and `--check` compares the
traces and figures with the committed ones).
"""

import html
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "book" / "src" / "generated"
MUTANTS = ROOT / "verification" / "mutants"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()

LOOM = {"RUSTFLAGS": "--cfg chanlab_loom --cfg chanlab_trace", "LOOM_LOCATION": "1",
        "CHANLAB_LOOM_BOUND": "3"}
SHUTTLE = {"RUSTFLAGS": "--cfg chanlab_trace"}
CHECKERS = {
    "loom": (LOOM, ["--test", "loom"], "trace-loom"),
    "shuttle": (SHUTTLE, ["--features", "shuttle", "--test", "shuttle"], "trace-shuttle"),
}

# Each step: (thread, (file, fragment[, which match]), what the figure says
# [, the recorded operation and value it must have, or their first words
# [, True: drawn red, as the step the seeded bug changes]]).
# Threads are the checker's: 0 is the model's own thread, then in order of
# spawning. A step's line is the fragment's last line.
TIMELINES = {
    "timeline-mutex-lost-wakeup": {
        "title": "Lost wake-up: the receiver unlocks between its check and its wait",
        "mutant": "mutex_lost_wakeup",
        "run": ("loom", "mutex::clone_drop_race"),
        "lanes": ["receiver (recv)", "sender thread"],
        "steps": [
            (1, ("src/mutex.rs", "Result<(), SendTimeoutError<T>> {\n        let mut s = self.lock();"),
             "send: locks, pushes 5"),
            (1, ("src/mutex.rs", "self.recv_ready.notify_one();", 0),
             "the receiver is counted as waiting: notify", "notify_one"),
            (0, ("src/mutex.rs", "Wait::Forever => (sync::wait(cv, &self.state, s), false),"),
             "woken: the first recv returns 5", "woke"),
            (0, ("src/mutex.rs", "Result<T, RecvTimeoutError> {\n        let mut s = self.lock();"),
             "second recv: locks; queue empty, one sender left: block"),
            (1, ("src/mutex.rs", "sender_lifecycle!(Sender, SyncSender);"),
             "in the seeded gap the last sender's drop locks: senders = 0, nobody counted as waiting, no notify"),
            (0, ("src/mutex.rs", "        drop(s);\n        s = self.lock();"),
             "relocks (the seeded bug) and counts itself as waiting without looking again"),
            (0, ("src/mutex.rs", "Wait::Forever => (sync::wait(cv, &self.state, s), false),"),
             "Condvar::wait: the sender is gone, nobody will notify", "wait"),
        ],
    },
    "timeline-lockfree-lost-wakeup": {
        "title": "Lost wake-up: the receiver parks without re-checking",
        "mutant": "lockfree_lost_wakeup",
        "run": ("loom", "lockfree::send_wakes_parking_receiver"),
        "lanes": ["receiver (recv)", "sender thread"],
        "steps": [
            (0, ("src/lockfree/park.rs", "self.state.store(PARKED, Ordering::Release);"),
             "register: stores PARKED (Release)"),
            (1, ("src/lockfree/list.rs", "block.ready.fetch_add(written_bit(index), Ordering::AcqRel)"),
             "publishes its message: fetch_add of its bit, reads ready = 0"),
            (1, ("src/lockfree/park.rs", "if self.state.load(Ordering::Relaxed) == PARKED {"),
             "notify: the Relaxed load reads EMPTY, an older value than PARKED: no unpark"),
            (0, ("src/lockfree/list.rs", "let ready = block.ready.fetch_or(0, Ordering::Release);"),
             "park_on_head's RMW reads the message's bit ..."),
            (0, ("src/lockfree/chan.rs", "sync::park();"),
             "... but the seeded bug ignores it and parks: nobody will unpark", "park"),
        ],
    },
    "timeline-lockfree-token": {
        "title": "The unpark that comes before the park",
        "mutant": None,
        "want": True,
        "run": ("loom", "lockfree::send_wakes_parking_receiver"),
        "lanes": ["receiver (recv)", "sender thread"],
        "steps": [
            (0, ("src/lockfree/park.rs", "self.state.store(PARKED, Ordering::Release);"),
             "register: stores PARKED (Release)"),
            (0, ("src/lockfree/list.rs", "let ready = block.ready.fetch_or(0, Ordering::Release);"),
             "park_on_head's RMW: no bit yet, so it will park"),
            (1, ("src/lockfree/list.rs", "block.ready.fetch_add(written_bit(index), Ordering::AcqRel)"),
             "publishes: its RMW is ordered after the receiver's and acquires it"),
            (1, ("src/lockfree/park.rs", "if self.state.load(Ordering::Relaxed) == PARKED {"),
             "notify: the load now sees PARKED"),
            (1, ("src/lockfree/park.rs", ".compare_exchange(PARKED, WAKING, Ordering::Acquire, Ordering::Relaxed)"),
             "CAS PARKED to WAKING"),
            (1, ("src/lockfree/park.rs", "thread.expect(\"PARKED implies a handle\").unpark();"),
             "unpark: the receiver is not parked yet, so its token is set"),
            (0, ("src/lockfree/chan.rs", "sync::park();"),
             "park: the token is there ...", "park"),
            (0, ("src/lockfree/chan.rs", "sync::park();"),
             "... so it returns at once", "woke"),
            (0, ("src/lockfree/list.rs", "rx.ready = block.ready.load(Ordering::Acquire);"),
             "pop: the message's bit is set; it is received"),
        ],
    },
    "timeline-ring-aba": {
        "title": "ABA on a stamp: capacity 1 with stamp = position",
        "mutant": None,
        "run": ("loom", "ring::naive_capacity_1_loses_messages"),
        "lanes": ["receiver", "sender thread"],
        "steps": [
            (1, ("src/ring/queue.rs", "slot.stamp.store(pos + 1, Ordering::Release);"),
             "second send: publishes at position 1, stamp := 1 + 1 = 2, 'full'", "store 0x2"),
            (0, ("src/ring/slots.rs", "self.msg.with(|p| unsafe { p.read().assume_init() })"),
             "reads message 2 out of the slot"),
            (0, ("src/ring/queue.rs", "slot.stamp.store(next_lap, Ordering::Release);"),
             "frees the slot for the next lap: stamp := 1 + one_lap = 2, the same value", "store 0x2"),
            (1, ("src/ring/queue.rs", "let stamp = self.slot(pos).stamp.load(Ordering::Acquire);"),
             "third send, position 2: stamp 2 = position, 'empty, yours'; the 2 read is its own store",
             "load 0x2"),
            (1, ("src/ring/queue.rs", "match self.tail.compare_exchange_weak("),
             "claims position 2: the tail CAS succeeds", "cas ok"),
            (1, ("src/ring/slots.rs", ".with_mut(|p| unsafe { p.write(MaybeUninit::new(msg)) });"),
             "writes the slot: nothing orders this after the receiver's read"),
        ],
    },
    "timeline-lockfree-recycle": {
        "title": "Recycling a block that a late sender can still reach",
        "mutant": "lockfree_recycle_early",
        "run": ("loom", "lockfree::blocks::late_sender_keeps_its_block_from_recycling"),
        "lanes": ["receiver", "sender A", "sender B"],
        "steps": [
            (0, ("src/lockfree/block.rs", ".compare_exchange(ptr::null_mut(), new, Ordering::Release, Ordering::Acquire)"),
             "waiting for index 2: installs block 1 (block 0 is not released yet)", "cas ok"),
            (1, ("src/lockfree/list.rs", "let claim = self.tail.fetch_add(ONE_CLAIM, Ordering::Acquire);"),
             "claims index 2 (counter 0x4)", "fetch_add 0x4"),
            (1, ("src/lockfree/list.rs", "let mut block = self.block_tail.load(Ordering::Acquire);"),
             "loads block_tail: block 0"),
            (1, ("src/lockfree/block.rs", "self.start.with(|p| unsafe { *p })"),
             "reads block 0's start: index 2 is further on"),
            (1, ("src/lockfree/block.rs", ".compare_exchange(ptr::null_mut(), new, Ordering::Release, Ordering::Acquire)"),
             "finds block 1 installed; preempted before it moves block_tail", "cas fail"),
            (2, ("src/lockfree/list.rs", "let claim = self.tail.fetch_add(ONE_CLAIM, Ordering::Acquire);"),
             "claims index 3"),
            (2, ("src/lockfree/list.rs", ".compare_exchange(current, next, Ordering::Release, Ordering::Relaxed);"),
             "moves block_tail from block 0 to block 1", "cas ok"),
            (2, ("src/lockfree/list.rs", "let observed = claimed_index(self.tail.fetch_add(0, Ordering::Release));"),
             "reads the claim counter: observed_tail = 4 (A's 2 is below it)"),
            (2, ("src/lockfree/list.rs", "b.ready.fetch_or(RELEASED, Ordering::Release);"),
             "sets RELEASED on block 0"),
            (2, ("src/lockfree/park.rs", "thread.expect(\"PARKED implies a handle\").unpark();"),
             "publishes index 3 and wakes the receiver"),
            (0, ("src/lockfree/recycle.rs", "if b.ready.load(Ordering::Acquire) & RELEASED == 0 {"),
             "reclaim: block 0 is RELEASED"),
            (0, ("src/lockfree/block.rs", "self.observed_tail.with(|p| unsafe { *p })"),
             "observed_tail 4 > index 2: A may still stand on block 0; the seeded bug recycles anyway",
             "read", True),
            (0, ("src/lockfree/block.rs", "self.start.with_mut(|p| unsafe { *p = start });"),
             "reset rewrites block 0's start, unordered with A's read"),
        ],
    },
    "timeline-lockfree-drop-race": {
        "title": "The receiver's drop against a publishing sender: a double drop",
        "mutant": "lockfree_double_drop",
        "run": ("shuttle", "lockfree::receiver_drop_dfs"),
        "lanes": ["receiver (drop)", "sender thread"],
        "steps": [
            (1, ("src/lockfree/list.rs", "let claim = self.tail.fetch_add(ONE_CLAIM, Ordering::Acquire);"),
             "claims index 0"),
            (0, ("src/lockfree/close.rs", "let end = claimed_index(self.tail.fetch_or(CLOSED, Ordering::Relaxed));"),
             "the drop sets CLOSED; one claim was made: end = 1"),
            (1, ("src/lockfree/block.rs", "slot.with_mut(|p| unsafe { (*p).write(value) });"),
             "writes its message into slot 0"),
            (1, ("src/lockfree/list.rs", "block.ready.fetch_add(written_bit(index), Ordering::AcqRel)"),
             "publishes: RX_GONE is not set (0x0), so the message is handed over"),
            (0, ("src/lockfree/close.rs", ".insert(block.ready.fetch_or(RX_GONE, Ordering::Acquire)),"),
             "fetch_or(RX_GONE) reads the message's bit: the drop owns it"),
            (0, ("src/lockfree/block.rs", "slot.with(|p| unsafe { (*p).assume_init_read() })"),
             "reads the message out and drops it"),
            (1, ("src/lockfree/list.rs", "if prev & RX_GONE != 0 || self.tail.load(Ordering::Relaxed) & CLOSED != 0 {"),
             "the seeded bug: CLOSED is set, so it takes the message back too"),
            (1, ("src/lockfree/block.rs", "slot.with(|p| unsafe { (*p).assume_init_read() })"),
             "reads the same message: SendError(msg), and the caller drops it again"),
        ],
    },
}

def fail(msg):
    sys.exit(f"book/timelines.py: {msg}")


def mutated_tree(name, spec):
    """The source the timeline shows: the repository itself, or the scratch
    copy with its seeded bug applied that `cargo verify --mutant` also uses
    (`run.py --prepare`). Its lines are located and its model is run."""
    if not spec["mutant"]:
        return ROOT
    r = subprocess.run([sys.executable, str(MUTANTS / "run.py"), "--prepare", spec["mutant"]],
                       capture_output=True, text=True)
    if r.returncode != 0:
        fail(f"{name}: cannot prepare {spec['mutant']}: {r.stdout}{r.stderr}")
    return Path(r.stdout.strip().splitlines()[-1])


def locate(tree, ref, name):
    """`path:line` of the fragment's last line; the fragment must occur
    exactly once (unless an index picks one). Also whether the seeded bug
    added that line (a `MUTANT` comment on it or just above)."""
    path, fragment = ref[0], ref[1]
    text = (tree / path).read_text()
    hits = [m.end() for m in re.finditer(re.escape(fragment), text)]
    if len(ref) > 2:
        hits = hits[ref[2]:ref[2] + 1]
    if len(hits) != 1:
        fail(f"{name}: {path}: fragment {fragment!r} found {len(hits)} times (need 1)")
    line = text.count("\n", 0, hits[0]) + 1
    lines = text.splitlines()
    mutated = any("MUTANT" in lines[k] for k in range(max(0, line - 3), line))
    return f"{path}:{line}", mutated


def kill_rows():
    rows = {}
    for line in (GENERATED / "mutants.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = re.match(r"^`(\w+)`: (.*)$", cells[0])
        if len(cells) == 5 and m:  # `name`: bug | killed by | lincheck | time | failing
            rows[m.group(1)] = cells[1]
    return rows


def command(spec, out):
    """The environment and cargo command of a timeline's capture."""
    checker, test = spec["run"]
    env, args, target = CHECKERS[checker]
    env = dict(env, CHANLAB_TRACE_OUT=str(out))
    # A scratch tree has its own target directory: cargo judges freshness
    # by modification times, and the tree's files are newer than ours.
    target += "-mutant" if spec["mutant"] else ""
    cargo = ["cargo", "test", "--release", "--target-dir", str(TARGET / target)] + args
    return env, cargo + ["--", "--exact", test]


def shown_command(spec):
    env, cargo = command(spec, "FILE")
    words = [f'{k}="{v}"' if " " in v else f"{k}={v}" for k, v in env.items()]
    cargo = [w for w in cargo if not w.startswith(str(TARGET)) and w != "--target-dir"]
    return " ".join(words + cargo)


def capture(name, spec, tree, tree_paths, out_dir):
    """Runs the timeline's model in `tree` and writes OUT_DIR/trace-<name>.txt."""
    raw = Path(out_dir) / f".{name}.raw"
    raw.unlink(missing_ok=True)
    env, cargo = command(spec, raw.resolve())
    if spec.get("want"):
        env["CHANLAB_TRACE_WANT"] = ",".join(tree_paths)
    print(f"timeline {name}: capturing {spec['run'][0]} {spec['run'][1]}", file=sys.stderr)
    r = subprocess.run(cargo, cwd=tree, env=dict(os.environ, **env), capture_output=True, text=True)
    if not raw.exists():
        fail(f"{name}: the run recorded no execution (exit {r.returncode}):\n{r.stderr[-3000:]}")
    steps = raw.read_text()
    raw.unlink()
    header = [f"# timeline: {name}",
              f"# seeded bug: {spec['mutant'] or 'none'}",
              f"# command: {shown_command(spec)}"]
    if spec.get("want"):
        header.append("# with CHANLAB_TRACE_WANT=" + ",".join(tree_paths))
    # Absolute paths of the checker's own sources are the machine's.
    steps = re.sub(r"/\S*/\.cargo/registry/src/[^/]+/", "CARGO_REGISTRY/", steps)
    (Path(out_dir) / trace_file(name)).write_text("\n".join(header) + "\n" + steps)


def trace_file(name):
    return "trace-" + name.removeprefix("timeline-") + ".txt"


def read_trace(path):
    """(outcome lines, steps): each step (number, thread, path:line, op, value)."""
    if not path.exists():
        fail(f"{path.name} is missing: run book/generate.sh --only timelines")
    notes, steps = [], []
    for line in path.read_text().splitlines():
        if line.startswith("#"):
            notes.append(line)
            continue
        thread, where, op, *value = line.split(" ")
        steps.append((len(steps) + 1, thread, where, op, " ".join(value)))
    return notes, steps


def match(name, spec, located, steps):
    """The recorded step for each step of the timeline, in order."""
    matched, after = [], 0
    for (thread, _, label, *op), (where, _) in zip(spec["steps"], located):
        want = op[0].split() if op else []
        hit = next((s for s in steps[after:] if s[1] == str(thread) and s[2] == where
                    and f"{s[3]} {s[4]}".split()[:len(want)] == want), None)
        if hit is None:
            fail(f"{name}: no step by thread {thread} at {where}{' ' + op[0] if op else ''} "
                 f"after step {after} of {trace_file(name)} ({label!r}): the code or the run "
                 "changed; re-capture (book/generate.sh --only timelines) and re-read the trace")
        matched.append(hit)
        after = hit[0]
    return matched


def check_outcome(name, spec, notes):
    outcome = next((n for n in notes if n.startswith("# outcome:")), "")
    if spec.get("want"):
        if "passed" not in outcome:
            fail(f"{name}: expected a passing execution, the trace says {outcome!r}")
    elif "failed" not in outcome:
        fail(f"{name}: the seeded bug's run did not fail: {outcome!r}")
    if spec["mutant"]:
        killer = kill_rows().get(spec["mutant"])
        if killer is None or killer in ("none", "stale", "build-error", "absent"):
            fail(f"{name}: the kill table does not list {spec['mutant']} as killed ({killer})")


LANE_W, LEFT, TOP, PAD = 215, 44, 72, 8
FONT = "font-family=\"'Open Sans', 'Helvetica Neue', Arial, sans-serif\""
MONO = "font-family=\"'Source Code Pro', Consolas, monospace\""


def box_lines(label, step):
    """The box's label lines and its monospace lines (the recorded step)."""
    _, _, where, op, value = step
    value = re.sub(r"^(0x\w{4})\w+(\w{4})$", r"\1…\2", value)
    code = [Path(where).name, f"{op} {value}".strip()]
    if len(" ".join(code)) <= 22:
        code = [" ".join(code)]
    return textwrap.wrap(label, 25), code


def svg(spec, boxes, footer):
    lanes = spec["lanes"]
    width = LEFT + LANE_W * len(lanes) + 12
    rows, y = [], TOP
    for lane, number, lines, code, mutated in boxes:
        h = 18 * (len(lines) + len(code)) + 2 * PAD
        rows.append((lane, number, lines, code, mutated, y, h))
        y += h + 10
    foot = textwrap.wrap(footer, (width - 28) // 7)
    height = y + 10 + 17 * len(foot)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img">',
           f"<title>{html.escape(spec['title'])}</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, lane in enumerate(lanes):
        x = LEFT + i * LANE_W + LANE_W // 2
        out.append(f'<line x1="{x}" y1="{TOP - 6}" x2="{x}" y2="{y}" '
                   'stroke="#9aa5b1" stroke-width="2" stroke-dasharray="4 4"/>')
        out.append(f'<text x="{x}" y="{TOP - 32}" text-anchor="middle" font-size="15" '
                   f'font-weight="bold" fill="#1f2933" {FONT}>{html.escape(lane)}</text>')
        out.append(f'<text x="{x}" y="{TOP - 14}" text-anchor="middle" font-size="12" '
                   f'fill="#52606d" {FONT}>thread {i}</text>')
    out.append(f'<text x="14" y="{TOP + 4}" font-size="13" fill="#52606d" {FONT}>time</text>')
    out.append(f'<line x1="24" y1="{TOP + 14}" x2="24" y2="{y - 12}" stroke="#52606d" '
               'stroke-width="2"/>')
    out.append(f'<path d="M18 {y - 16} L24 {y - 4} L30 {y - 16} Z" fill="#52606d"/>')
    for lane, number, lines, code, mutated, top, h in rows:
        x = LEFT + lane * LANE_W + 6
        stroke, fill = ("#c81e1e", "#fde8e8") if mutated else ("#3e4c59", "#f0f4f8")
        out.append(f'<rect x="{x}" y="{top}" width="{LANE_W - 12}" height="{h}" rx="6" '
                   f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if mutated else 1.2}"/>')
        out.append(f'<text x="{x + 6}" y="{top + PAD + 13}" font-size="12" font-weight="bold" '
                   f'fill="{stroke}" {FONT}>{number}</text>')
        for k, line in enumerate(lines):
            out.append(f'<text x="{x + 30}" y="{top + PAD + 13 + 18 * k}" font-size="13" '
                       f'fill="#1f2933" {FONT}>{html.escape(line)}</text>')
        for k, line in enumerate(code, len(lines)):
            out.append(f'<text x="{x + 30}" y="{top + PAD + 13 + 18 * k}" font-size="12" '
                       f'fill="#52606d" {MONO}>{html.escape(line)}</text>')
    for k, line in enumerate(foot):
        out.append(f'<text x="14" y="{y + 14 + 17 * k}" font-size="12" fill="#52606d" '
                   f'{FONT}>{html.escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def failure(name, message, boxes, located):
    """The checker's message in a sentence; the threads and lines it names
    must be drawn (the last step of a blocked thread, the racing accesses)."""
    drawn = {(str(lane), where) for (lane, *_), (where, _) in zip(boxes, located)}
    text = " ".join(m.strip() for m in message)
    named, words = [], []
    if text.startswith("deadlock"):
        for thread, path, line in re.findall(
                r'Id\((\d+)\), Blocked\(Location\(Some\(Location \{ file: "([^"]+)", line: (\d+)', text):
            named.append((thread, f"{path}:{line}"))
            words.append(f"thread {thread} blocked at {Path(path).name}:{line}")
        words += [f"thread {t} finished" for t in re.findall(r"Id\((\d+)\), Terminated", text)]
        sentence = "loom reports a deadlock (" + ", ".join(words) + ")"
    elif text.startswith("Causality violation"):
        for access, thread, path, line in re.findall(
                r"(read|write): thread #(\d+) @ (\S+?):(\d+):\d+", text):
            named.append((thread, f"{path}:{line}"))
            words.append(f"the {access} by thread {thread} at {Path(path).name}:{line}")
        sentence = message[0].strip() + " Between " + " and ".join(words) + "."
    else:
        sentence = message[0].strip() + " (" + ", ".join(m.strip() for m in message[1:]) + ")"
    for thread, where in named:
        if (thread, where) not in drawn:
            fail(f"{name}: the checker names thread {thread} at {where}, which no step draws")
    return sentence


def draw(name, spec, tree, trace_dir, out):
    located = [locate(tree, step[1], name) for step in spec["steps"]]
    notes, steps = read_trace(Path(trace_dir) / trace_file(name))
    check_outcome(name, spec, notes)
    boxes = []
    for step, (_, mutated), hit in zip(spec["steps"], located, match(name, spec, located, steps)):
        lines, code = box_lines(step[2], hit)
        bug = mutated or (len(step) > 4 and step[4])
        boxes.append((int(step[0]), hit[0], lines, code, bug))
    checker, test = spec["run"]
    message = [n[len("# message: "):] for n in notes if n.startswith("# message: ")]
    ending = f"it fails: {failure(name, message, boxes, located)}" if message else (
        "the first that passes through these steps in this order")
    footer = (f"Numbered steps of {trace_file(name)} ({len(steps)} recorded): one execution "
              f"of {checker}'s {test}{' with ' + spec['mutant'] if spec['mutant'] else ''}; "
              f"{ending}")
    (Path(out) / f"{name}.svg").write_text(svg(spec, boxes, footer))
    print(f"timeline {name}: {len(boxes)} of {len(steps)} steps drawn", file=sys.stderr)


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit("usage: book/timelines.py OUT_DIR [--from DIR] [NAME ...]")
    out, args = Path(args[0]), args[1:]
    out.mkdir(parents=True, exist_ok=True)
    source = None
    if args[:1] == ["--from"]:
        source, args = Path(args[1]), args[2:]
    unknown = [a for a in args if a not in TIMELINES]
    if unknown:
        sys.exit(f"book/timelines.py: unknown timeline(s) {unknown}; known: {list(TIMELINES)}")
    for name in args or TIMELINES:
        spec = TIMELINES[name]
        tree = mutated_tree(name, spec)
        if source is None:
            wanted = [locate(tree, step[1], name)[0] for step in spec["steps"]]
            capture(name, spec, tree, wanted, out)
        draw(name, spec, tree, source or out, out)


if __name__ == "__main__":
    main()
