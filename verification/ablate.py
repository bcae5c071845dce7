#!/usr/bin/env python3
"""Ordering ablation: is every ordering stronger than `Relaxed` needed, and
would the loom models notice if it were weakened?

For every atomic operation in `src/` whose ordering is stronger than
`Relaxed`, and every `fence`, this script builds a variant of the crate with
that one ordering weakened by one step, in a copy of the tree (the orderings
stay written inline in `src/`), and runs the loom models of the channel the
file belongs to (plus, with `--miri`, the conformance suite under Miri):

| operation                        | weakened to                               |
|----------------------------------|-------------------------------------------|
| `load`                           | SeqCst -> Acquire, Acquire -> Relaxed     |
| `store`                          | SeqCst -> Release, Release -> Relaxed     |
| read-modify-write (`fetch_*`, `swap`) | SeqCst -> AcqRel, AcqRel -> Acquire and -> Release (two rows), Acquire/Release -> Relaxed |
| `compare_exchange[_weak]`        | success weakened as an RMW, failure kept; separately, failure weakened as a load |
| `fence(_)`                       | removed                                   |

(`AcqRel` has two one-step weakenings, one per half, so each half of it
is shown to be needed on its own; `--join-acqrel` weakens it to `Relaxed`
instead, one row.)

A row is *caught* when a loom model (or Miri) fails, aborts or hangs on the
variant. A row that is not caught must be justified: either the weaker
ordering is correct (then weaken the code, with an `// ORDERING:` comment
saying why) or the checker cannot see the difference (loom treats SeqCst
loads and stores as AcqRel, for example); the latter is recorded with a
comment `// ABLATION: <reason>` in the comment block above the statement
(the reason may run over several `//` lines), which this script reports as
`justified`.

Usage:
    verification/ablate.py [--quick] [--miri] [--join-acqrel] [--list]
                           [--timeout S] [--root DIR] [--no-write] [FILTER ...]

FILTER keeps the operations whose `file:line` contains it (`lockfree`,
`src/ring/queue.rs:88`). Prints one line per row,
    ablation site=<file:line> op=<op> from=<o> to=<w> result=<caught:model|not-caught|justified|build-error>
then the markdown table, also written to `book/src/generated/ablation.md`
(not with a FILTER, `--list` or `--no-write`), and a summary line. Exit
status 0 when every row is caught or justified.
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import proofkit as kit  # noqa: E402

STRONG = ("SeqCst", "AcqRel", "Acquire", "Release")
RMW = ("swap", "fetch_add", "fetch_sub", "fetch_and", "fetch_or", "fetch_xor",
       "fetch_nand", "fetch_max", "fetch_min", "fetch_update", "fetch_ptr_add",
       "fetch_ptr_sub", "fetch_byte_add", "fetch_byte_sub")
CAS = ("compare_exchange", "compare_exchange_weak")
CALL = re.compile(r"(?:\.(load|store|" + "|".join(RMW + CAS) + r")|(?<![\w.])(fence))\s*\(")
ORD = re.compile(r"Ordering::(\w+)")


def weaker(kind, order, split):
    """The one-step-weaker orderings for an operation of `kind` (`split`:
    both halves of an `AcqRel`, one at a time)."""
    if order == "SeqCst":
        return {"load": ["Acquire"], "store": ["Release"]}.get(kind, ["AcqRel"])
    if order == "AcqRel" and split:
        return ["Release", "Acquire"]
    return ["Relaxed"] if order in STRONG else []


def close_paren(text, i):
    """Index of the `)` matching the `(` at `text[i]`."""
    depth = 0
    for j in range(i, len(text)):
        depth += {"(": 1, ")": -1}.get(text[j], 0)
        if depth == 0:
            return j
    raise ValueError("unbalanced call")


def in_comment(text, pos):
    line_start = text.rfind("\n", 0, pos) + 1
    return "//" in text[line_start:pos]


def sites(root, split):
    """Yields (file, line, op, [(start, end, old)], [(label, [new...])])."""
    for path in sorted((root / "src").rglob("*.rs")):
        text = path.read_text()
        rel = path.relative_to(root).as_posix()
        for m in CALL.finditer(text):
            if in_comment(text, m.start()):
                continue
            op = m.group(1) or "fence"
            open_at = m.end() - 1
            args_end = close_paren(text, open_at)
            ords = [(o.start(1) + open_at, o.end(1) + open_at, o.group(1))
                    for o in ORD.finditer(text[open_at:args_end])]
            if not ords or all(o[2] == "Relaxed" for o in ords):
                continue
            line = text.count("\n", 0, m.start()) + 1
            yield rel, line, op, text, (m.start(), args_end + 1), ords, variants(op, ords, split)


def unparsed(root):
    """`file:line` of strong orderings outside any operation the script
    understands (an ordering passed through a variable or a helper): these
    are reported so that nothing escapes the ablation unseen."""
    out = []
    for path in sorted((root / "src").rglob("*.rs")):
        text = path.read_text()
        spans = []
        for m in CALL.finditer(text):
            spans.append((m.start(), close_paren(text, m.end() - 1)))
        for o in re.finditer(r"Ordering::(SeqCst|AcqRel|Acquire|Release)\b", text):
            if in_comment(text, o.start()) or any(a <= o.start() <= b for a, b in spans):
                continue
            out.append(f"{path.relative_to(root).as_posix()}:{text.count(chr(10), 0, o.start()) + 1}")
    return out


def variants(op, ords, split):
    """[(description, [(start, end, replacement)])] for one operation."""
    if op == "fence":
        return [(f"{ords[0][2]} -> removed", "fence")]
    kind = "load" if op == "load" else "store" if op == "store" else "rmw"
    if op not in CAS or len(ords) < 2:
        s, e, o = ords[0] if op not in CAS else ords[0]
        return [(f"{o} -> {w}", [(s, e, w)]) for w in weaker(kind, o, split)]
    (s1, e1, succ), (s2, e2, fail) = ords[0], ords[1]
    out = []
    # Since Rust 1.64 the failure ordering may be stronger than the success
    # ordering, so each is weakened on its own: two rows.
    for w in weaker("rmw", succ, split):
        out.append((f"{succ}/{fail} -> {w}/{fail}", [(s1, e1, w)]))
    for w in weaker("load", fail, split):
        out.append((f"{succ}/{fail} -> {succ}/{w} (failure)", [(s2, e2, w)]))
    return out


def justified(text, start):
    """The `// ABLATION:` reason in the comment block above the statement
    that contains `start`, if any (the reason may span several `//` lines)."""
    lines = text[:text.rfind("\n", 0, start) + 1].splitlines()
    block = []
    for line in reversed(lines):
        code = line.strip()
        if not code or (not code.startswith("//") and code.endswith((";", "{", "}"))):
            break  # a blank line or the end of the previous statement
        block.append(code)
    block.reverse()
    for i, code in enumerate(block):
        if code.startswith("// ABLATION:"):
            words = [code.split("// ABLATION:", 1)[1].strip()]
            for more in block[i + 1:]:
                if not more.startswith("//") or more.startswith("// ORDERING:"):
                    break
                words.append(more[2:].strip())
            return " ".join(w for w in words if w)
    return None


def channel_of(rel):
    """The loom test-name filter for a source file: `src/ring/x.rs` -> `ring::`."""
    parts = Path(rel).with_suffix("").parts
    return f"{parts[1]}::" if len(parts) > 1 and parts[1] != "sync" else ""


SNAPSHOT = None  # the repo as it was when the run started


def run_variant(rel, text, edits, args):
    tree = kit.copy_tree(kit.WORK / "ablate" / "tree", SNAPSHOT)
    new = text
    for s, e, w in sorted(edits, reverse=True):
        new = new[:s] + w + new[e:]
    (tree / rel).write_text(new)
    log = kit.WORK / "ablate" / "ablate.log"
    work = kit.WORK / "ablate"
    filt = channel_of(rel)
    results = []
    for suite in ["loom"] + (["miri"] if args.miri else []):
        start = log.stat().st_size if log.exists() else 0
        status, _ = kit.run_suite(suite, tree, work, args.quick, args.timeout, log,
                                  test_args=[filt, "--", "--test-threads=1"] if filt else ["--", "--test-threads=1"])
        if status.startswith("build"):
            return "build-error"
        if status == "timeout":
            return f"timeout:{suite}"
        if status == "fail":
            names = kit.failed_tests(log, start) or ["(unknown test)"]
            return f"caught:{suite}:" + "+".join(names)
    return "not-caught"


def render_result(result):
    """A row's result for the table: the first models that caught it, the
    justification, or the failure."""
    if result.startswith("caught:"):
        _, suite, names = result.split(":", 2)
        names = names.split("+")
        shown = ", ".join(f"`{n.removesuffix(' (abort)')}`" + (" (aborted)" if n.endswith("(abort)") else "")
                          for n in names[:2])
        more = f" and {len(names) - 2} more" if len(names) > 2 else ""
        return f"caught by {suite}: {shown}{more}"
    return result.replace("|", "/")


def print_row(site, op, desc, result):
    """The one-line record of a row, as it is decided (the progress output)."""
    frm, to = desc.split(" -> ", 1)
    print(f"ablation site={site} op={op} from={frm} to={to.replace(' ', '_')} result={result}",
          flush=True)


def identity(rows):
    """(file, op, ordering, n) per row: what a row is, whatever its line
    number; n tells apart equal operations in one file."""
    seen, out = {}, []
    for site, op, desc, *_ in rows:
        key = (site.rsplit(":", 1)[0], op, desc)
        seen[key] = seen.get(key, 0) + 1
        out.append(key + (seen[key],))
    return out


# The table is one Markdown table per source file, each after a line naming
# the file, so that it fits the book's column: a row's cells are the line,
# the operation with its weakening, and the result.
FILE_LINE = re.compile(r"^\*\*`(?P<file>[^`]+)`\*\*$")
WEAKENED = re.compile(r"^`(?P<op>[^`]+)` (?P<desc>.*)$")


def read_table(path):
    """Rows (site, op, ordering, result) of a committed ablation table."""
    rows, file = [], None
    for line in Path(path).read_text().splitlines():
        if m := FILE_LINE.match(line.strip()):
            file = m["file"]
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if file and len(cells) == 3 and (m := WEAKENED.match(cells[1])):
            rows.append((f"{file}:{cells[0]}", m["op"], m["desc"].replace("→", "->"), cells[2]))
    return rows


def write_table(rows, args):
    ok = sum(1 for r in rows if r[3].startswith(("caught", "justified")))
    md, file = [], None
    for s, o, d, r in rows:
        f, line = s.rsplit(":", 1)
        if f != file:
            if md:
                md.append("")
            md += [f"**`{f}`**", "", "| line | weakened | result |", "|---:|---|---|"]
            file = f
        md.append(f"| {line} | `{o}` {d.replace('->', '→')} | {r} |")
    bound = "loom preemption bound 2" if args.quick else "loom preemption bound 3"
    summary = f"ablation: {ok} of {len(rows)} weakenings caught or justified ({bound})"
    text = "\n".join(md) + "\n\n" + summary + ".\n"
    print(text)
    if not (args.no_write or args.list or (args.filters and not args.merge)):
        head = ("<!-- generated by verification/ablate.py" + (" --quick" if args.quick else "")
                + "; do not edit -->\n\n")
        print(f"wrote {kit.write_generated('ablation.md', head + text)}", file=sys.stderr)
    print(summary)
    return ok == len(rows)


def listing(args):
    """Every row of the current source, as (site, op, desc, text, edits, reason)."""
    out = []
    for rel, line, op, text, (cs, ce), ords, vs in sites(kit.ROOT, not args.join_acqrel):
        for desc, edits in vs:
            if edits == "fence":  # remove the call, with its path (`sync::fence(..)`)
                while cs > 0 and (text[cs - 1].isalnum() or text[cs - 1] in "_:"):
                    cs -= 1
                edits = [(cs, ce, "()")]
            out.append((f"{rel}:{line}", op, desc, text, edits, justified(text, cs)))
    return out


def check(args, rows):
    """`--check`: the committed table has exactly the rows of the source
    (line numbers aside), each caught or justified, with the same
    justifications; `--sample K` re-runs K of its caught rows."""
    committed = read_table(kit.ROOT / "book" / "src" / "generated" / "ablation.md")
    now = [(s, o, d, f"justified: {r}" if r else "?") for s, o, d, _, _, r in rows]
    problems = []
    if identity(committed) != identity(now):
        gone = set(identity(committed)) - set(identity(now))
        new = set(identity(now)) - set(identity(committed))
        problems.append(f"rows differ: {len(new)} new in the source {sorted(new)[:3]}, "
                        f"{len(gone)} only in the table {sorted(gone)[:3]}")
    same = not problems
    for (s, o, d, r), (_, _, _, jr) in zip(committed, now):
        if not r.startswith(("caught", "justified")):
            problems.append(f"{s} {d}: {r}")
        if same and jr.startswith("justified") != r.startswith("justified"):
            problems.append(f"{s} {d}: justification changed in the source")
    moved = sum(1 for a, b in zip(committed, now) if a[0] != b[0])
    caught = [i for i, r in enumerate(committed) if r[3].startswith("caught")]
    step = max(1, len(caught) // max(1, args.sample)) if args.sample else 0
    picks = caught[::step][:args.sample] if args.sample and not problems else []
    for i in picks:
        site, op, desc, text, edits, _ = rows[i]
        result = run_variant(site.rsplit(":", 1)[0], text, edits, args)
        print_row(site, op, desc, result)
        if not result.startswith("caught"):
            problems.append(f"{site} {desc}: committed as caught, now {result}")
    for p in problems:
        print(f"ablation-check problem: {p}")
    note = f"; {moved} rows moved, run `verification/ablate.py --merge` to renumber" if moved else ""
    print(f"ablation-check rows={len(committed)} sampled={len(picks)} "
          f"status={'fail' if problems else 'pass'}{note}")
    return not problems


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("filters", nargs="*")
    p.add_argument("--quick", action="store_true", help="loom preemption bound 2")
    p.add_argument("--miri", action="store_true", help="also run the conformance suite under Miri")
    p.add_argument("--join-acqrel", action="store_true",
                   help="weaken AcqRel to Relaxed (one row), not to each half")
    p.add_argument("--list", action="store_true", help="list the rows, run nothing")
    p.add_argument("--check", action="store_true",
                   help="compare the committed table with the source; run nothing else")
    p.add_argument("--sample", type=int, default=0, help="with --check: re-run this many caught rows")
    p.add_argument("--merge", action="store_true",
                   help="run the FILTERed rows, keep the committed results of the others")
    p.add_argument("--timeout", type=int, default=900)
    p.add_argument("--root", type=Path, default=kit.ROOT, help="the crate to ablate")
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args()
    kit.ROOT = args.root.resolve()
    global SNAPSHOT
    if not args.list and (args.sample or not args.check):
        SNAPSHOT = kit.copy_tree(kit.WORK / "ablate" / "source")
    rows = listing(args)
    if args.check:
        sys.exit(0 if check(args, rows) else 1)
    committed = {}
    if args.merge:
        old = read_table(kit.ROOT / "book" / "src" / "generated" / "ablation.md")
        committed = dict(zip(identity(old), (r[3] for r in old)))
    out = []
    for key, (site, op, desc, text, edits, reason) in zip(identity(rows), rows):
        run = not args.filters or any(f in site for f in args.filters)
        if not run and not args.merge:
            continue
        if reason:
            result = "justified"
        elif args.list:
            result = "listed"
        elif not run:
            out.append((site, op, desc, render_result(committed.get(key, "not run"))))
            continue
        else:
            result = run_variant(site.rsplit(":", 1)[0], text, edits, args)
        print_row(site, op, desc, result)
        shown = f"justified: {reason}" if reason else render_result(result)
        out.append((site, op, desc, shown))
    for site in unparsed(kit.ROOT):
        print(f"ablation-warning unparsed={site}")
        out.append((site, "?", "not understood by the script", "unparsed"))
    sys.exit(0 if write_table(out, args) else 1)


if __name__ == "__main__":
    main()
