#!/usr/bin/env python3
"""Mutation testing of the verification suites: does each suite catch a bug?

Each `verification/mutants/<name>.patch` seeds one real bug class into a
channel (its first line says which). For every mutant this script copies the
crate to `<target>/proof/mutants/tree`, applies the patch, and runs the suites
cheapest first (conformance, props, shuttle, loom, loom in spurious mode,
Miri) until one fails: the mutant is then *killed* by that suite. The
lincheck suites (`--suites ...,lincheck,lincheck-shuttle`: generated
scenarios judged against the sequential spec) run on every mutant even
after a kill, and fill the table's lincheck column. A suite
that fails to *build* the mutant does not kill it (the patch is broken, not
caught), and a patch that no longer applies is reported as `stale`.

Why patch files and not `cfg` switches in the channel code: the channel
sources are quoted whole in the book, and eight `cfg!(chanlab_mutant = ..)`
branches would be quoted with them. A patch states the bug in a
three-line diff, and a patch that stops applying is reported, never silently
skipped.

Usage:
    verification/mutants/run.py [--quick] [--matrix] [--suites a,b] [--baseline]
                                [--timeout S] [--no-write] [--merge] [NAME ...]
    verification/mutants/run.py --check
    verification/mutants/run.py --prepare NAME

Prints one line per mutant,
    mutant name=<n> killed_by=<suite|none|build-error|stale|absent> time=<s>
(`--matrix` runs every suite on every mutant and adds `caught=<a,b>`), then
a markdown kill table, also written to `book/src/generated/mutants.md`
(unless `--no-write` or a NAME filter is given). Exit status: 0 when every
mutant is killed, 1 otherwise. Logs: `<target>/proof/mutants/logs/`, where
`<target>` is cargo's target directory (`$CARGO_TARGET_DIR`, else `target/`).

`--check` runs no suite: it compares the committed kill table with the
patches (every patch applies to the current source and is killed in the
table, every row has its patch) and prints
    mutants-check rows=<n> patches=<m> status=<pass|fail>
`--prepare NAME` writes a scratch copy with one seeded bug to
`<target>/proof/mutant/tree` and prints its path (`cargo verify --mutant`).
"""

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import proofkit as kit  # noqa: E402

HERE = Path(__file__).resolve().parent
WORK = kit.WORK / "mutants"


def describe(patch):
    """The bug class: the patch's first line, minus `Mutant: `."""
    first = patch.read_text().splitlines()[0]
    return first.removeprefix("Mutant: ").rstrip(".")


def targets(patch):
    """The files a patch changes."""
    return [line[6:].strip() for line in patch.read_text().splitlines()
            if line.startswith("+++ b/")]


def apply(patch, tree):
    """Applies `patch` to `tree`; False when it does not apply cleanly."""
    for extra in (["--dry-run"], []):
        r = subprocess.run(
            ["patch", "-p1", "--forward", "--batch", "--silent", "-i", str(patch)]
            + extra, cwd=tree, capture_output=True)
        if r.returncode != 0:
            return False
    return True


SNAPSHOT = None  # the repo as it was when the run started


def run_mutant(patch, args, suites):
    """Returns (killed_by, caught, seconds, detail per suite)."""
    name = patch.stem
    log = WORK / "logs" / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("")
    tree = kit.copy_tree(WORK / "tree", SNAPSHOT)
    if patch.name != "baseline":
        if not all((tree / t).exists() for t in targets(patch)):
            return "absent", [], 0.0, {}  # that channel is not in this tree
        if not apply(patch, tree):
            return "stale", [], 0.0, {}
    start = time.monotonic()
    killed_by, caught, detail = "none", [], {}
    for suite in suites:
        if killed_by != "none" and not args.matrix and suite not in kit.ALWAYS_RUN:
            continue
        offset = log.stat().st_size
        status, secs = kit.run_suite(suite, tree, WORK, args.quick, args.timeout, log)
        detail[suite] = f"{status} {secs:.0f}s"
        print(f"  {name}: {suite} {status} ({secs:.0f} s)", file=sys.stderr, flush=True)
        if status.startswith("build"):
            killed_by = "build-error"
            break
        if status == "timeout":
            caught.append(f"({suite} timed out)")
        if status in ("fail", "hang"):
            tests = kit.failed_tests(log, offset) if status == "fail" else []
            caught.append(f"{suite} ({', '.join(tests)})" if tests else
                          suite if status == "fail" else f"{suite} (hang)")
            if killed_by == "none":
                killed_by = suite if status == "fail" else f"{suite}(hang)"
    return killed_by, caught, time.monotonic() - start, detail


def prepare(name):
    """`--prepare NAME`: a scratch copy of the repo with one seeded bug, at
    `<target>/proof/mutant/tree` (its `target/` kept between calls, so only
    chanlab is rebuilt). Prints the copy's path; exits 1 if the patch does
    not apply."""
    patch = HERE / f"{name}.patch"
    tree = kit.copy_tree(kit.WORK / "mutant" / "tree", keep=("target",))
    if not apply(patch, tree):
        sys.exit(f"{patch.name} does not apply to the current source (stale)")
    print(tree)


# A kill-table row: `| `name`: bug seeded | killed by | lincheck | time (s) | failing tests |`
# (the mutant and its bug share a cell, so that the table fits the book's
# column). Rows written before that had the bug in a cell of its own.
ROW_NAME = re.compile(r"^`(?P<name>[^`]+)`(?:: (?P<bug>.*))?$")


def row_cells(line):
    """(name, cells) of a kill-table row in the current layout, or None."""
    if not line.startswith("| `"):
        return None
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    m = ROW_NAME.match(cells[0])
    if not m:
        return None
    if m["bug"] is None and len(cells) == 6:  # the bug in a cell of its own
        cells = [f"{cells[0]}: {cells[1]}"] + cells[2:]
    return m["name"], cells


def committed_kills():
    """The kill table's rows: {mutant: killed_by}."""
    page = (kit.ROOT / "book" / "src" / "generated" / "mutants.md").read_text()
    rows = {}
    for line in page.splitlines():
        if (row := row_cells(line)) and len(row[1]) == 5:
            rows[row[0]] = row[1][1]
    return rows


def check():
    """`--check`: the committed kill table still describes the patches:
    every patch applies to the current source and has a row that kills it,
    and every row has its patch. Runs no suite."""
    rows = committed_kills()
    patches = {p.stem: p for p in sorted(HERE.glob("*.patch"))}
    problems = [f"{n}: in the table, no patch" for n in rows if n not in patches]
    for name, patch in patches.items():
        killed = rows.get(name)
        if killed is None:
            problems.append(f"{name}: no row in the kill table")
        elif killed.split("(")[0] in ("none", "build-error", "stale", "absent"):
            problems.append(f"{name}: the table says {killed}")
        r = subprocess.run(["patch", "-p1", "--dry-run", "--forward", "--batch", "--silent",
                            "-i", str(patch)], cwd=kit.ROOT, capture_output=True)
        if r.returncode != 0:
            problems.append(f"{name}: does not apply to the current source (stale)")
    for p in problems:
        print(f"mutants-check problem: {p}")
    print(f"mutants-check rows={len(rows)} patches={len(patches)} "
          f"status={'fail' if problems else 'pass'}")
    return not problems


TEST_PATH = re.compile(r"^(?P<path>\w+(?:::\w+)+)(?P<note> \(abort\))?$")


def failing_cell(text):
    """A failing-tests cell with each test path in backticks, as the book
    cites tests (`suite (a, b)` -> ``suite (`a`, `b`)``); other notes, and
    paths already quoted, are kept as they are."""
    m = re.fullmatch(r"(?P<suite>[\w-]+) \((?P<items>.*)\)", text)
    if not m:
        return text
    items = []
    for item in m["items"].split(", "):
        t = TEST_PATH.match(item)
        items.append(f"`{t['path']}`{t['note'] or ''}" if t else item)
    return f"{m['suite']} ({', '.join(items)})"


def lincheck_cell(detail):
    """The lincheck column: which lincheck suites killed the mutant."""
    ran = [s for s in detail if s in kit.ALWAYS_RUN]
    if not ran:
        return "not run"
    killed = [s for s in ran if detail[s].split()[0] in ("fail", "hang")]
    return ", ".join(killed) if killed else "missed"


def merged(rows, args):
    """The committed kill table with `rows` (just run) in place of their old
    rows; the rows not re-run keep their cells (a row from before the
    lincheck column shows `not run` there). Mutants whose patch is gone are
    dropped."""
    fresh = table(rows, args.matrix).splitlines()
    by_name = {r[0]: fresh[i + 2] for i, r in enumerate(rows)}
    # Only the lincheck suites re-run: refresh that column, keep the rest.
    lincheck_only = set(kit.parse_suites(args.suites)) <= kit.ALWAYS_RUN
    cells_of = {r[0]: lincheck_cell(r[5]) for r in rows}
    page = (kit.ROOT / "book" / "src" / "generated" / "mutants.md").read_text()
    out, names = [], {p.stem for p in HERE.glob("*.patch")}
    for line in page.splitlines():
        row = row_cells(line)
        if row is None or row[0] not in names:
            continue
        name, cells = row
        cells[-1] = failing_cell(cells[-1])
        if lincheck_only and name in by_name:
            cells[2] = cells_of[name]
            by_name[name] = "| " + " | ".join(cells) + " |"
        line = "| " + " | ".join(cells) + " |"
        out.append(by_name.pop(name, line))
    out += by_name.values()
    killed = sum(1 for l in out if row_cells(l)[1][1].split("(")[0]
                 not in ("none", "build-error", "stale"))
    head = ("<!-- generated by verification/mutants/run.py; rows re-run with --merge keep "
            "the others; do not edit -->\n\n")
    return (head + "\n".join(fresh[:2] + out) + f"\n\n{killed} of {len(out)} mutants killed.\n")


def table(rows, matrix):
    out = ["| mutant: bug seeded | killed by | lincheck | time (s) | failing tests |" if not matrix
           else "| mutant: bug seeded | killed by | lincheck | time (s) | caught by (failing tests) |",
           "|---|---|---|---:|---|"]
    for name, desc, killed, caught, secs, detail in rows:
        failing = "; ".join(map(failing_cell, caught)) if matrix else (
            failing_cell(caught[0]) if caught else "")
        out.append(f"| `{name}`: {desc} | {killed} | {lincheck_cell(detail)} | {secs:.0f} | {failing} |")
    killed = sum(1 for r in rows if r[2] not in ("none", "build-error", "stale"))
    out.append("")
    out.append(f"{killed} of {len(rows)} mutants killed.")
    return "\n".join(out) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("names", nargs="*", help="only these mutants (patch stems)")
    p.add_argument("--quick", action="store_true", help="smaller loom bound, fewer shuttle schedules")
    p.add_argument("--matrix", action="store_true", help="run every suite, not only up to the first kill")
    p.add_argument("--suites", default=",".join(kit.DEFAULT_ORDER), help="comma-separated, in order")
    p.add_argument("--baseline", action="store_true", help="first check the unmutated crate passes")
    p.add_argument("--timeout", type=int, default=600,
                   help="seconds per checker suite run (inconclusive when exceeded)")
    p.add_argument("--no-write", action="store_true", help="do not write book/src/generated/mutants.md")
    p.add_argument("--merge", action="store_true",
                   help="rewrite only the rows of the mutants run, keep the others (with "
                        "--suites lincheck,lincheck-shuttle: only their lincheck cells)")
    p.add_argument("--check", action="store_true",
                   help="compare the committed kill table with the patches; run no suite")
    p.add_argument("--prepare", metavar="NAME",
                   help="make a scratch copy with one seeded bug and print its path")
    args = p.parse_args()
    if args.check:
        sys.exit(0 if check() else 1)
    if args.prepare:
        prepare(args.prepare)
        return
    suites = kit.parse_suites(args.suites)
    global SNAPSHOT
    SNAPSHOT = kit.copy_tree(WORK / "source")
    patches = sorted(HERE.glob("*.patch"))
    if args.names:
        patches = [q for q in patches if q.stem in args.names]
    if args.baseline:
        killed, _, secs, detail = run_mutant(Path("baseline"), args, suites)
        print(f"baseline status={'fail' if killed != 'none' else 'pass'} time={secs:.0f} {detail}")
        if killed != "none":
            sys.exit("the unmutated crate fails a suite: fix that first")
    rows = []
    for patch in patches:
        killed, caught, secs, detail = run_mutant(patch, args, suites)
        extra = f" caught={'|'.join(c.replace(' ', '') for c in caught) or 'none'}" if args.matrix else ""
        print(f"mutant name={patch.stem} killed_by={killed} time={secs:.0f}{extra}", flush=True)
        if killed == "absent":
            continue
        rows.append((patch.stem, describe(patch), killed, caught, secs, detail))
    text = table(rows, args.matrix)
    print(text)
    if args.merge and not args.no_write:
        print(f"wrote {kit.write_generated('mutants.md', merged(rows, args))}", file=sys.stderr)
    elif not args.no_write and not args.names:
        head = ("<!-- generated by verification/mutants/run.py"
                + (" --quick" if args.quick else "") + (" --matrix" if args.matrix else "")
                + "; do not edit -->\n\n")
        print(f"wrote {kit.write_generated('mutants.md', head + text)}", file=sys.stderr)
    sys.exit(0 if all(r[2] not in ("none", "build-error", "stale") for r in rows) else 1)


if __name__ == "__main__":
    main()
