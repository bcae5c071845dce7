#!/usr/bin/env python3
"""Draws the book's interleaving timelines as SVG, checked against the code
and against the checker runs that find them.

    python3 book/timelines.py OUT_DIR

Each timeline is the interleaving of one bug: one swimlane per thread, time
going down, one box per step. A step names the line of code it executes as
`file:line`, and that line is found here, not typed: the step carries a
fragment of the line, and the fragment must occur exactly once in the file,
in the source *with the timeline's seeded bug applied* (the patch from
verification/mutants/, applied to a scratch copy). A step on a line the
patch added is drawn in red.

Each timeline also names its evidence, which must hold or nothing is
written:
  * `kill`: the mutant's row in the kill table (book/src/generated/mutants.md,
    written by verification/mutants/run.py from real runs) says it is killed
    by this suite, and its failing tests include this one;
  * `loom_report`: a captured loom report in book/src/generated/ names the
    same file:line for the accesses the timeline labels (for example the
    read and the write of a causality violation).
A timeline with neither (the token, drawn on the correct code, and the
recycling hazard, which no seeded bug is caught for yet) is still checked
against the code. So a change to the code that moves a line, a patch that stops applying, or a
kill table that no longer says what the caption says fails the generator
(book/generate.sh runs it, and `--check` compares its output).
"""

import html
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "book" / "src" / "generated"
MUTANTS = ROOT / "verification" / "mutants"

# (lane, what the thread does, (file, fragment of the line) or None, label)
# `label` names the step for a `loom_report` check.
TIMELINES = {
    "timeline-mutex-lost-wakeup": {
        "title": "Lost wake-up: the receiver unlocks between its check and its wait",
        "mutant": "mutex_lost_wakeup",
        "kill": ("mutex_lost_wakeup", "conformance(hang)", "conformance (hang)"),
        "lanes": ["receiver (recv)", "sender (send)"],
        "steps": [
            (0, "locks; the queue is empty",
             ("src/mutex.rs", "if let Some(msg) = s.queue.pop_front() {")),
            (0, "unlocks before waiting (the seeded bug)", ("src/mutex.rs", "        drop(s);\n        s = self.lock();", 0)),
            (1, "locks; pushes the message",
             ("src/mutex.rs", "self.push(&mut s, msg);\n        let wake")),
            (1, "receiver_waiting is 0: no notify; unlocks",
             ("src/mutex.rs", "let wake = s.receiver_waiting > 0 || !tune::WAIT_COUNT;\n        drop(s);\n        if wake {\n            self.recv_ready")),
            (0, "locks again; does not look at the queue; counts itself as waiting",
             ("src/mutex.rs", "*waiters(&mut s) += 1;")),
            (0, "Condvar::wait: sleeps with a message queued; nobody will notify",
             ("src/mutex.rs", "Wait::Forever => (sync::wait(cv, &self.state, s), false),")),
        ],
    },
    "timeline-lockfree-lost-wakeup": {
        "title": "Lost wake-up: the receiver parks without re-checking",
        "mutant": "lockfree_lost_wakeup",
        "kill": ("lockfree_lost_wakeup", "loom", "lockfree::send_wakes_parking_receiver"),
        "lanes": ["receiver (recv)", "sender (send)"],
        "steps": [
            (0, "pop: the queue is empty",
             ("src/lockfree/chan.rs", "match unsafe { self.list.pop() } {")),
            (1, "publishes its message: fetch_add of its bit in ready",
             ("src/lockfree/list.rs", "block.ready.fetch_add(written_bit(index), Ordering::AcqRel)")),
            (1, "notify: a Relaxed load sees EMPTY, so no unpark",
             ("src/lockfree/park.rs", "if self.state.load(Ordering::Relaxed) == PARKED {")),
            (0, "register: stores PARKED",
             ("src/lockfree/chan.rs", "if !unsafe { self.parker.register() } {")),
            (0, "park_on_head's RMW finds the message's bit ...",
             ("src/lockfree/chan.rs", "let message = unsafe { self.list.park_on_head() };")),
            (0, "... but the seeded bug ignores it",
             ("src/lockfree/chan.rs", "_ if (message && false) || !alive => false,")),
            (0, "parks: no token, no later unpark; sleeps for good",
             ("src/lockfree/chan.rs", "sync::park();\n                false")),
        ],
    },
    "timeline-lockfree-token": {
        "title": "The unpark that comes before the park",
        "mutant": None,
        "kill": None,
        "lanes": ["receiver (recv)", "sender (send)"],
        "steps": [
            (0, "pop: the queue is empty",
             ("src/lockfree/chan.rs", "match unsafe { self.list.pop() } {")),
            (0, "register: stores PARKED",
             ("src/lockfree/chan.rs", "if !unsafe { self.parker.register() } {")),
            (0, "park_on_head: RMW on ready, no bit yet",
             ("src/lockfree/chan.rs", "let message = unsafe { self.list.park_on_head() };")),
            (1, "publishes: its fetch_add is ordered after the receiver's RMW",
             ("src/lockfree/list.rs", "block.ready.fetch_add(written_bit(index), Ordering::AcqRel)")),
            (1, "notify: sees PARKED, CAS to WAKING",
             ("src/lockfree/park.rs", ".compare_exchange(PARKED, WAKING, Ordering::Acquire, Ordering::Relaxed)")),
            (1, "unpark: the thread is not parked yet, so its token is set",
             ("src/lockfree/park.rs", "thread.expect(\"PARKED implies a handle\").unpark();")),
            (0, "park: consumes the token and returns at once",
             ("src/lockfree/chan.rs", "sync::park();\n                false")),
            (0, "pop again: the message is there",
             ("src/lockfree/chan.rs", "match unsafe { self.list.pop() } {")),
        ],
    },
    "timeline-ring-aba": {
        "title": "ABA on a stamp: capacity 1 with stamp = position",
        "mutant": None,  # the loom model's own naive layout (`naive_sync_channel`)
        "kill": ("ring_naive_stamp", "loom", "ring::capacity_one_lap_wrap"),
        "loom_report": ("loom-ring-naive.txt", {"read": "read:", "write": "write:"}),
        "lanes": ["sender", "receiver"],
        "steps": [
            (0, "claims position 0 (stamp 0 = position: empty)",
             ("src/ring/queue.rs", "if stamp == pos {")),
            (0, "writes the message; stamp := 0 + 1 (full)",
             ("src/ring/queue.rs", "slot.stamp.store(pos + 1, Ordering::Release);")),
            (1, "sees stamp 1 = head + 1: full; starts reading the message",
             ("src/ring/slots.rs", "self.msg.with(|p| unsafe { p.read().assume_init() })"), "read"),
            (0, "next send: position 1 (one lap on); stamp 1 = position: 'empty, yours'",
             ("src/ring/queue.rs", "if stamp == pos {")),
            (0, "CAS on tail 1 -> 2 succeeds",
             ("src/ring/queue.rs", "match self.tail.compare_exchange_weak(")),
            (0, "writes the slot while the receiver still reads it",
             ("src/ring/slots.rs", ".with_mut(|p| unsafe { p.write(MaybeUninit::new(msg)) });"), "write"),
        ],
    },
    "timeline-lockfree-recycle": {
        # No seeded bug: a patch that skips the check survives the loom
        # models (their recycling model has one sender). Drawn on the
        # correct code, with the check that the hazard needs skipped named.
        "title": "Recycling a block that a late sender can still reach",
        "mutant": None,
        "kill": None,
        "lanes": ["sender A", "sender B", "receiver"],
        "steps": [
            (0, "claims an index in the block after b",
             ("src/lockfree/list.rs", "let claim = self.tail.fetch_add(ONE_CLAIM, Ordering::Acquire);")),
            (0, "loads block_tail: still b",
             ("src/lockfree/list.rs", "let mut block = self.block_tail.load(Ordering::Acquire);")),
            (1, "walking past b, moves block_tail on",
             ("src/lockfree/list.rs", "self.block_tail\n                .compare_exchange(current, next")),
            (1, "records observed_tail (above A's claim), sets RELEASED",
             ("src/lockfree/list.rs", "b.ready.fetch_or(RELEASED, Ordering::Release);")),
            (2, "has consumed b; sees RELEASED",
             ("src/lockfree/recycle.rs", "if b.ready.load(Ordering::Acquire) & RELEASED == 0 {")),
            (2, "the hazard: were this check skipped, A's unconsumed claim would not stop it",
             ("src/lockfree/recycle.rs", "if index_distance(b.start(), rx.index) < index_distance(b.start(), observed) {"), None, True),
            (2, "resets b and links it at the end",
             ("src/lockfree/recycle.rs", "unsafe { (*spare).reset(start, last) };")),
            (0, "still standing on b: reads its start and next, now rewritten",
             ("src/lockfree/list.rs", "let ahead = index_distance(b.start(), start);")),
        ],
    },
    "timeline-lockfree-drop-race": {
        "title": "The receiver's drop against a publishing sender: a double drop",
        "mutant": "lockfree_double_drop",
        "kill": ("lockfree_double_drop", "shuttle", "lockfree::receiver_drop_dfs"),
        "lanes": ["sender", "receiver (drop)"],
        "steps": [
            (0, "claims index i; writes the message into its slot",
             ("src/lockfree/list.rs", "unsafe { block.write(index, value) };")),
            (1, "sets CLOSED in the claim counter: end = i + 1",
             ("src/lockfree/close.rs", "let end = claimed_index(self.tail.fetch_or(CLOSED, Ordering::Relaxed));")),
            (0, "publishes: fetch_add of its bit; RX_GONE not yet set",
             ("src/lockfree/list.rs", "block.ready.fetch_add(written_bit(index), Ordering::AcqRel)")),
            (0, "sees CLOSED and takes the message back (the seeded bug)",
             ("src/lockfree/list.rs", "if prev & RX_GONE != 0 || self.tail.load(Ordering::Relaxed) & CLOSED != 0 {")),
            (1, "fetch_or(RX_GONE) returns i's bit: the message is the drop's",
             ("src/lockfree/close.rs", ".insert(block.ready.fetch_or(RX_GONE, Ordering::Acquire)),")),
            (0, "SendError(msg): the caller drops the message",
             ("src/lockfree/list.rs", "return Err(unsafe { block.read(index) });")),
            (1, "drops the same message again: double drop",
             ("src/lockfree/close.rs", "drop(unsafe { block.read(index) });")),
        ],
    },
}


def fail(msg):
    sys.exit(f"book/timelines.py: {msg}")


def source_tree(mutant, files, tmp):
    """A scratch copy of `files` with the mutant's patch applied."""
    tree = Path(tmp) / "tree"
    if tree.exists():
        shutil.rmtree(tree)
    for f in files:
        (tree / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / f, tree / f)
    if mutant:
        patch = MUTANTS / f"{mutant}.patch"
        for f in re.findall(r"^\+\+\+ b/(\S+)", patch.read_text(), re.M):
            (tree / f).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / f, tree / f)
        r = subprocess.run(["patch", "-p1", "--forward", "--batch", "--silent", "-i", str(patch)],
                           cwd=tree, capture_output=True, text=True)
        if r.returncode != 0:
            fail(f"{patch.name} does not apply: {r.stdout}{r.stderr}")
    return tree


def locate(tree, ref, name):
    """`file:line` of the fragment's first line (which must be unique,
    unless an index picks one); whether the patch added that line."""
    path, fragment = ref[0], ref[1]
    text = (tree / path).read_text()
    hits = [m.start() for m in re.finditer(re.escape(fragment), text)]
    if len(ref) > 2:
        hits = hits[ref[2]:ref[2] + 1]
    if len(hits) != 1:
        fail(f"{name}: {path}: fragment {fragment!r} found {len(hits)} times (need 1)")
    line = text.count("\n", 0, hits[0]) + 1
    lines = text.splitlines()
    mutated = "MUTANT" in lines[line - 1] or "MUTANT" in lines[line - 2]
    return f"{path.removeprefix('src/')}:{line}", f"{path}:{line}", mutated


def kill_rows():
    rows = {}
    for line in (GENERATED / "mutants.md").read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = re.match(r"^`(\w+)`: (.*)$", cells[0])
        if len(cells) == 5 and m:  # `name`: bug | killed by | lincheck | time | failing
            rows[m.group(1)] = [m.group(1), m.group(2)] + cells[1:]
    return rows


def check_evidence(name, spec, located):
    if spec["kill"]:
        mutant, suite, test = spec["kill"]
        row = kill_rows().get(mutant)
        if row is None:
            fail(f"{name}: {mutant} has no row in the kill table")
        if row[2] != suite or test not in row[5]:
            fail(f"{name}: the kill table says {mutant} is killed by {row[2]} "
                 f"({row[5]}), not {suite} ({test})")
    if "loom_report" in spec:
        capture, labels = spec["loom_report"]
        report = (GENERATED / capture).read_text()
        for label, key in labels.items():
            m = re.search(rf"^\s*{re.escape(key)} thread #\d+ @ (\S+):\d+$", report, re.M)
            want = [full for (lbl, full) in located if lbl == label]
            if not m or want != [m.group(1)]:
                fail(f"{name}: {capture} puts the {label} at "
                     f"{m.group(1) if m else 'nowhere'}, the timeline at {want}")


LANE_W, LEFT, TOP, PAD = 215, 44, 64, 8
FONT = "font-family=\"'Open Sans', 'Helvetica Neue', Arial, sans-serif\""
MONO = "font-family=\"'Source Code Pro', Consolas, monospace\""


def svg(name, spec, steps):
    lanes = spec["lanes"]
    width = LEFT + LANE_W * len(lanes) + 12
    rows, y = [], TOP
    for lane, text, where, mutated in steps:
        lines = textwrap.wrap(text, 25)
        h = 18 * len(lines) + (18 if where else 0) + 2 * PAD
        rows.append((lane, lines, where, mutated, y, h))
        y += h + 10
    height = y + 10
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img">',
           f"<title>{html.escape(spec['title'])}</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, lane in enumerate(lanes):
        x = LEFT + i * LANE_W + LANE_W // 2
        out.append(f'<line x1="{x}" y1="{TOP - 14}" x2="{x}" y2="{height - 8}" '
                   'stroke="#9aa5b1" stroke-width="2" stroke-dasharray="4 4"/>')
        out.append(f'<text x="{x}" y="{TOP - 24}" text-anchor="middle" font-size="15" '
                   f'font-weight="bold" fill="#1f2933" {FONT}>{html.escape(lane)}</text>')
    out.append(f'<text x="14" y="{TOP + 4}" font-size="13" fill="#52606d" {FONT}>time</text>')
    out.append(f'<line x1="24" y1="{TOP + 14}" x2="24" y2="{height - 20}" stroke="#52606d" '
               'stroke-width="2"/>')
    out.append(f'<path d="M18 {height - 24} L24 {height - 12} L30 {height - 24} Z" fill="#52606d"/>')
    for n, (lane, lines, where, mutated, y, h) in enumerate(rows, 1):
        x = LEFT + lane * LANE_W + 6
        stroke, fill = ("#c81e1e", "#fde8e8") if mutated else ("#3e4c59", "#f0f4f8")
        out.append(f'<rect x="{x}" y="{y}" width="{LANE_W - 12}" height="{h}" rx="6" '
                   f'fill="{fill}" stroke="{stroke}" stroke-width="{2 if mutated else 1.2}"/>')
        out.append(f'<text x="{x + 8}" y="{y + PAD + 13}" font-size="13" font-weight="bold" '
                   f'fill="{stroke}" {FONT}>{n}.</text>')
        for k, line in enumerate(lines):
            out.append(f'<text x="{x + 28}" y="{y + PAD + 13 + 18 * k}" font-size="13" '
                       f'fill="#1f2933" {FONT}>{html.escape(line)}</text>')
        if where:
            out.append(f'<text x="{x + 28}" y="{y + PAD + 13 + 18 * len(lines)}" font-size="12" '
                       f'fill="#52606d" {MONO}>{html.escape(where)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: book/timelines.py OUT_DIR")
    out = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        for name, spec in TIMELINES.items():
            files = sorted({s[2][0] for s in spec["steps"] if s[2]})
            tree = source_tree(spec["mutant"], files, tmp)
            steps, located = [], []
            for step in spec["steps"]:
                lane, text, ref = step[:3]
                short, full, mutated = locate(tree, ref, name) if ref else (None, None, False)
                if len(step) > 4 and step[4]:
                    mutated = True  # the step the hazard needs, drawn in red
                steps.append((lane, text, short, mutated))
                if len(step) > 3 and step[3]:
                    located.append((step[3], full))
            check_evidence(name, spec, located)
            (out / f"{name}.svg").write_text(svg(name, spec, steps))
            print(f"timeline {name}: {len(steps)} steps", file=sys.stderr)


if __name__ == "__main__":
    main()
