#!/usr/bin/env python3
"""Draws the book's interleaving timelines as SVG from the steps a model
checker recorded in the run that finds each bug.

    python3 book/timelines.py OUT_DIR [NAME ...]            capture, then draw
    python3 book/timelines.py OUT_DIR --from DIR [NAME ...]  draw from DIR's traces

A timeline's model is a test of the checker's own suite (`--test loom`,
`--test shuttle`) unless its spec names another (`"suite": "async"`).

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
recorded step's number, line, operation and value (decoded by the bit
layout of the word it is), so the figure's threads and values are the
run's. If the code, the seeded bug or the run changes so that a step no
longer matches, drawing fails: re-capture and re-read the trace
(book/generate.sh does both, and `--check` compares the traces and
figures with the committed ones).

What orders the steps is derived from the whole recording and the
source lines it names (timeline/order.py): which write each read read,
which pairs synchronise, what happens before what. The figure draws each
step below the steps it must follow and no lower, links the pairs that
synchronise, the reads that do not, and the racing pair the checker
names, and notes the loads that did not read the latest write
(timeline/figure.py, timeline/svg.py). The steps drawn are the figure's
(timeline/specs.py).
"""

import os
import re
import subprocess
import sys
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

sys.dont_write_bytecode = True
from timeline import svg  # noqa: E402
from timeline.figure import links, step_text  # noqa: E402
from timeline.order import Order  # noqa: E402
from timeline.specs import TIMELINES  # noqa: E402


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
    if spec.get("suite"):  # a model of another test target (`--test async`)
        args = args[:-1] + [spec["suite"]]
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


def failure(name, message, drawn):
    """The checker's message in a sentence, and the racing accesses it
    names (thread, line); the threads and lines it names must be drawn
    (the last step of a blocked thread, the racing accesses)."""
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
    races = named if text.startswith("Causality violation") else []
    return sentence, races


def draw(name, spec, tree, trace_dir, out):
    located = [locate(tree, step[1], name) for step in spec["steps"]]
    notes, steps = read_trace(Path(trace_dir) / trace_file(name))
    check_outcome(name, spec, notes)
    hits = match(name, spec, located, steps)
    message = [n[len("# message: "):] for n in notes if n.startswith("# message: ")]
    drawn = {(h[1], h[2]) for h in hits}
    sentence, races = failure(name, message, drawn) if message else ("", [])
    race = [max(s[0] for s in steps if s[1] == t and s[2] == w) for t, w in races]
    order = Order(tree, steps, tuple(race))
    rows = []
    for step, (_, mutated), hit in zip(spec["steps"], located, hits):
        lines, code = step_text(step[2], order.accs[hit[0] - 1], order.consts)
        red = mutated or (len(step) > 4 and step[4])
        rows.append({"n": hit[0], "lane": int(step[0]), "lines": lines, "code": code,
                     "red": bool(red)})
    checker, test = spec["run"]
    ending = f"it fails: {sentence.rstrip('.')}" if message else (
        "the first that passes through these steps in this order")
    footer = (f"Numbered steps of {trace_file(name)} ({len(steps)} recorded): one execution "
              f"of {checker}'s {test}{' with ' + spec['mutant'] if spec['mutant'] else ''}; "
              f"{ending}. {LEGEND}")
    chosen = links(order, hits, races)
    (Path(out) / f"{name}.svg").write_text(svg.draw(spec["title"], spec["lanes"], rows, chosen,
                                                    footer))
    print(f"timeline {name}: {len(rows)} of {len(steps)} steps drawn, {len(chosen)} links",
          file=sys.stderr)


LEGEND = ("A step is drawn below what it must follow: its thread's earlier steps and the "
          "steps linked to it. Blue arrow: synchronises-with; grey dotted: a read without "
          "synchronisation; red dashed: a race. Steps side by side are unordered.")


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
