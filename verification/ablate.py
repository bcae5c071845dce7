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
| read-modify-write (`fetch_*`, `swap`) | SeqCst -> AcqRel, AcqRel/Acquire/Release -> Relaxed |
| `compare_exchange[_weak]`        | success weakened as an RMW (the failure ordering lowered with it when it would be stronger than the new success's load half); separately, failure weakened as a load |
| `fence(_)`                       | removed                                   |

(`--split-acqrel` weakens `AcqRel` to `Acquire` and to `Release`, two rows,
instead of to `Relaxed`, to show which half is needed.)

A row is *caught* when a loom model (or Miri) fails, aborts or hangs on the
variant. A row that is not caught must be justified: either the weaker
ordering is correct (then weaken the code, with an `// ORDERING:` comment
saying why) or the checker cannot see the difference (loom treats SeqCst
loads and stores as AcqRel, for example); the latter is recorded with a
comment `// ABLATION: <reason>` on one of the five lines above the
operation, which this script reports as `justified`.

Usage:
    verification/ablate.py [--quick] [--miri] [--split-acqrel] [--list]
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
    """The one-step-weaker orderings for an operation of `kind`."""
    if order == "SeqCst":
        return {"load": ["Acquire"], "store": ["Release"]}.get(kind, ["AcqRel"])
    if order == "AcqRel" and split:
        return ["Acquire", "Release"]
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
    for w in weaker("rmw", succ, split):
        edits = [(s1, e1, w)]
        load_half = {"AcqRel": "Acquire", "SeqCst": "SeqCst", "Acquire": "Acquire"}.get(w, "Relaxed")
        rank = {"Relaxed": 0, "Acquire": 1, "SeqCst": 2}
        if rank.get(fail, 0) > rank[load_half]:
            edits.append((s2, e2, load_half))
        new_fail = edits[-1][2] if len(edits) > 1 else fail
        out.append((f"{succ}/{fail} -> {w}/{new_fail}", edits))
    for w in weaker("load", fail, split):
        out.append((f"{succ}/{fail} -> {succ}/{w} (failure)", [(s2, e2, w)]))
    return out


def justified(text, start):
    """The `// ABLATION:` reason on the five lines above `start`, if any."""
    line_start = text.rfind("\n", 0, start) + 1
    above = text[:line_start].splitlines()[-5:] + [text[line_start:start]]
    for line in above:
        if "// ABLATION:" in line:
            return line.split("// ABLATION:", 1)[1].strip()
    return None


def channel_of(rel):
    """The loom test-name filter for a source file: `src/ring/x.rs` -> `ring::`."""
    parts = Path(rel).with_suffix("").parts
    return f"{parts[1]}::" if len(parts) > 1 and parts[1] != "sync" else ""


def run_variant(rel, text, edits, args):
    tree = kit.copy_tree(kit.WORK / "ablate" / "tree")
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


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("filters", nargs="*")
    p.add_argument("--quick", action="store_true", help="loom preemption bound 2")
    p.add_argument("--miri", action="store_true", help="also run the conformance suite under Miri")
    p.add_argument("--split-acqrel", action="store_true")
    p.add_argument("--list", action="store_true", help="list the rows, run nothing")
    p.add_argument("--timeout", type=int, default=900)
    p.add_argument("--root", type=Path, default=kit.ROOT, help="the crate to ablate")
    p.add_argument("--no-write", action="store_true")
    args = p.parse_args()
    kit.ROOT = args.root.resolve()
    rows = []
    for rel, line, op, text, (cs, ce), ords, vs in sites(kit.ROOT, args.split_acqrel):
        site = f"{rel}:{line}"
        if args.filters and not any(f in site for f in args.filters):
            continue
        for desc, edits in vs:
            if edits == "fence":  # remove the call, with its path (`sync::fence(..)`)
                while cs > 0 and (text[cs - 1].isalnum() or text[cs - 1] in "_:"):
                    cs -= 1
                edits = [(cs, ce, "()")]
            reason = justified(text, cs)
            if reason:
                result = "justified"
            elif args.list:
                result = "listed"
            else:
                result = run_variant(rel, text, edits, args)
            frm, to = desc.split(" -> ", 1)
            print(f"ablation site={site} op={op} from={frm} to={to.replace(' ', '_')} result={result}", flush=True)
            rows.append((site, op, desc, result if result != "justified" else f"justified: {reason}"))
    for site in unparsed(kit.ROOT):
        print(f"ablation-warning unparsed={site}")
        rows.append((site, "?", "not understood by the script", "unparsed"))
    ok = sum(1 for r in rows if r[3].startswith(("caught", "justified")))
    md = ["| site | operation | ordering | result |", "|---|---|---|---|"]
    md += [f"| `{s}` | `{o}` | {d.replace('->', '→')} | {r.replace('|', '/')} |" for s, o, d, r in rows]
    summary = f"ablation: {ok} of {len(rows)} weakenings caught or justified" + (" (quick)" if args.quick else "")
    text = "\n".join(md) + "\n\n" + summary + ".\n"
    print(text)
    if not (args.no_write or args.list or args.filters):
        head = "<!-- generated by verification/ablate.py" + (" --quick" if args.quick else "") + "; do not edit -->\n\n"
        print(f"wrote {kit.write_generated('ablation.md', head + text)}", file=sys.stderr)
    print(summary)
    sys.exit(0 if ok == len(rows) else 1)


if __name__ == "__main__":
    main()
