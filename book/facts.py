"""Facts quoted in the book's prose, checked against their sources.

`book/check.py` runs these checks, after the self-tests at the end of this
file (`python3 book/facts.py` runs the self-tests alone). Each applies
where the prose follows a convention:

* **A ratio from a generated table**, quoted as "`SHAPE`, CHANNEL ÷ PEER:
  MEDIAN (MIN–MAX)" must match that row and column of
  `generated/bench-table.md`, and one quoted as "`KNOB` off, CHANNEL
  `SHAPE`: MEDIAN (MIN–MAX)" its row of `generated/perf-ablation*.md`; the
  range is optional, and a quote may break across lines; a loaded-mode
  row is named with its suffix ("`spsc-unbounded +2 busy`"). A ratio written
  with `×` in a sentence that names a shape of those tables in backticks
  must be one of the values that sentence quotes, rounded to the places it
  shows ("1.7×" for a quoted 1.70); any other is reported as uncited.
* **A constant's value**: a constant of `src/` quoted as "`NAME` (VALUE)"
  or "`NAME` = VALUE" must have that value in the default build (std
  primitives, every performance knob on, 64-bit `usize`). A name defined in
  several files is looked up first in the `src/` files the chapter includes.
"""

import functools
import pathlib
import re

NUM = r"(\d+(?:\.\d+)?)"
RANGE = rf"(?: \({NUM}–{NUM}\))?"
CHANNELS = "mutex|lockfree|ring"
PEERS = "std|crossbeam|flume|kanal|best peer"
ROW = r"([a-z0-9-]+(?: \+\d+ busy)?)"  # a shape, and `+N busy` for a loaded-mode row
BENCH_QUOTE = re.compile(rf"`{ROW}`, ({CHANNELS}) ÷ ({PEERS}): {NUM}{RANGE}")
ABLATION_QUOTE = re.compile(rf"`([a-z_]+)` off, ({CHANNELS}) `{ROW}`: {NUM}{RANGE}")
RATIO = re.compile(r"\d+(?:\.\d+)?(?:–\d+(?:\.\d+)?)?×")
CELL = re.compile(rf"^\**{NUM}\**{RANGE}$")
CONST_QUOTE = re.compile(r"`([A-Z][A-Z0-9_]{2,})` (?:\((\d[\d_,]*)\)|= (\d[\d_,]*))")


def cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def bench_rows(text: str) -> dict[tuple, list[tuple]]:
    """{(shape, channel, peer): [(median, min, max), one per machine]}."""
    rows, header = {}, None
    for line in text.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        c = cells(line)
        m = re.match(r"^(\w+) ns/msg$", c[1]) if len(c) > 1 else None
        if c[0] == "shape" and m:
            header = (m.group(1), [h.removeprefix("÷ ") for h in c])
            continue
        if header and not set(c[0]) <= set("-: "):
            channel, names = header
            for name, cell in zip(names[2:], c[2:]):
                v = CELL.match(cell)
                if v:
                    rows.setdefault((c[0], channel, name), []).append(v.groups())
    return rows


def ablation_rows(texts: list[str]) -> dict[tuple, list[tuple]]:
    """{(knob, channel, shape): [(median, min, max), ...]}."""
    rows = {}
    for text in texts:
        for line in text.splitlines():
            c = cells(line)
            if len(c) in (6, 7) and c[0].startswith("`"):
                v = CELL.match(c[5])
                if v and v.groups() not in rows.setdefault((c[0].strip("`"), c[1], c[2]), []):
                    rows[(c[0].strip("`"), c[1], c[2])].append(v.groups())
    return rows


def flatten(text: str) -> tuple[str, list[int]]:
    """The text with every run of whitespace made one space, and the line
    of the original that each character of the result comes from."""
    out, lines, line, space = [], [], 1, False
    for ch in text:
        if ch.isspace():
            space = True
        else:
            if space and out:
                out.append(" ")
                lines.append(line)
            out.append(ch)
            lines.append(line)
            space = False
        if ch == "\n":
            line += 1
    return "".join(out), lines


def same(quoted: tuple, table: tuple) -> bool:
    """A quote (median, min, max; range optional) against a table cell."""
    return all(q is None or float(q) == float(t) for q, t in zip(quoted, table))


def check_ratios(name: str, text: str, bench: dict, ablation: dict) -> list[str]:
    """The ratios quoted in one chapter against the generated tables."""
    flat, lines = flatten(text)
    problems, quoted_spans = [], []
    for regex, table, what in ((BENCH_QUOTE, bench, "bench-table.md"),
                               (ABLATION_QUOTE, ablation, "perf-ablation.md")):
        for m in regex.finditer(flat):
            quoted_spans.append(m.span())
            key, quoted = m.groups()[:3], m.groups()[3:]
            where = f"{name}:{lines[m.start()]}"
            found = table.get(key)
            if not found:
                problems.append(f"{where}: '{m.group(0)}' names no row of {what}")
            elif not any(same(quoted, row) for row in found):
                want = " or ".join(f"{r[0]} ({r[1]}–{r[2]})" for r in found)
                problems.append(f"{where}: '{m.group(0)}' but {what} says {want}")
    shapes = {k[0] for k in bench} | {k[2] for k in ablation}
    for sentence in re.finditer(r"[^.!?]+(?:\.(?=\d)[^.!?]*)*", flat):
        s = sentence.group(0)
        named = set(re.findall(r"`([a-z0-9-]+)`", s)) & shapes
        if not named:
            continue
        cited = {float(n) for regex in (BENCH_QUOTE, ABLATION_QUOTE)
                 for m in regex.finditer(s) for n in m.groups()[3:] if n}
        for r in RATIO.finditer(s):
            at = sentence.start() + r.start()
            if any(a <= at < b for a, b in quoted_spans) or all(
                    rounds_to(n, cited) for n in re.findall(NUM, r.group(0))):
                continue
            problems.append(f"{name}:{lines[at]}: ratio '{r.group(0)}' in a sentence about "
                            f"`{sorted(named)[0]}` is none of the quoted table values "
                            "(quote its row: `SHAPE`, CHANNEL ÷ PEER: RATIO)")
    return problems


def rounds_to(number: str, values: set[float]) -> bool:
    """Whether `number` is one of `values` rounded to its printed places."""
    places = len(number.partition(".")[2])
    return any(round(v, places) == float(number) for v in values)


CFG_ATOM = re.compile(r'(\w+)\s*=\s*"([^"]*)"|\b(all|any|not)\(|\b(\w+)\b')


def cfg_holds(pred: str) -> bool:
    """A `cfg(...)` predicate in the default build: no checker, no feature,
    no `chanlab_*` cfg, 64-bit."""
    def atom(m):
        if m.group(1):
            return str(m.group(1) == "target_pointer_width" and m.group(2) == "64")
        if m.group(3):
            return f"_{m.group(3)}("
        return "False"
    expr = CFG_ATOM.sub(atom, pred)
    env = {"_all": lambda *a: all(a), "_any": lambda *a: any(a), "_not": lambda a: not a}
    return bool(eval(expr, {"__builtins__": {}}, env))


CONST_DEF = re.compile(
    r"^(?P<attrs>(?:[ \t]*(?:#\[[^\n]*\]|///[^\n]*)\n)*)[ \t]*(?:pub(?:\([^)]*\))? )?"
    r"const (?P<name>[A-Z][A-Z0-9_]*): [^=]+= (?P<expr>[^;]+);", re.M)


def constants(root: pathlib.Path) -> dict[str, list[tuple[str, str]]]:
    """{NAME: [(file, expression), ...]} of the default build's consts."""
    defs = {}
    for f in sorted((root / "src").rglob("*.rs")):
        for m in CONST_DEF.finditer(f.read_text(encoding="utf-8")):
            cfgs = re.findall(r"#\[cfg\((.*)\)\]", m.group("attrs"))
            if all(cfg_holds(c) for c in cfgs):
                rel = f.relative_to(root).as_posix()
                defs.setdefault(m.group("name"), []).append((rel, " ".join(m.group("expr").split())))
    return defs


def evaluate(name: str, defs: dict, files=None, seen=frozenset()):
    """The value of const `name` in the default build (None if it cannot
    be worked out here), looked up first in `files`."""
    if name == "CHECKER":
        return False  # the default build runs no checker
    found = defs.get(name, [])
    if files:
        found = [d for d in found if d[0] in files] or found
    values = {v for v in (value(expr, defs, seen | {name}) for _, expr in found) if v is not None}
    return values.pop() if len(values) == 1 else ("ambiguous" if values else None)


def value(expr: str, defs: dict, seen: frozenset):
    if re.search(r"\w\(", expr.replace("cfg!(", "")):
        return None  # a function call
    e = re.sub(r"\b[ui](?:8|16|32|64|size)::BITS\b", "64", expr)
    e = re.sub(r"\bu32::BITS\b", "32", e)
    e = re.sub(r" as [ui](?:8|16|32|64|size)\b", "", e)
    e = re.sub(r"(\d)_?[ui](?:8|16|32|64|size)\b", r"\1", e)
    e = re.sub(r"cfg!\(([^()]*(?:\([^()]*\))?[^()]*)\)", lambda m: str(cfg_holds(m.group(1))), e)
    m = re.fullmatch(r"if (.+?) \{ (.+?) \} else \{ (.+?) \}", e)
    if m:
        e = f"({m.group(2)}) if ({m.group(1)}) else ({m.group(3)})"
    e = e.replace("||", " or ").replace("&&", " and ")
    e = re.sub(r"!(?!=)", " not ", e).replace("true", "True").replace("false", "False")
    e = e.replace("/", "//")  # Rust's integer division
    for ref in set(re.findall(r"\b(?:\w+::)*([A-Z][A-Z0-9_]+)\b", e)):
        if ref in seen:
            return None
        v = evaluate(ref, defs, None, seen)
        if v is None or v == "ambiguous":
            return None
        e = re.sub(rf"\b(?:\w+::)*{ref}\b", repr(v), e)
    try:
        return eval(e, {"__builtins__": {}}, {})
    except Exception:
        return None


def check_constants(name: str, text: str, defs: dict) -> list[str]:
    """Every `NAME` (VALUE) of the chapter against src/."""
    included = set()
    for inc in re.findall(r"\{\{#(?:include|rustdoc_include) ((?:\.\./)+src/[^:}\s]+)", text):
        included.add("src/" + inc.split("src/", 1)[1])
    flat, lines = flatten(text)
    problems = []
    for m in CONST_QUOTE.finditer(flat):
        const, stated = m.group(1), int((m.group(2) or m.group(3)).replace(",", "").replace("_", ""))
        if const not in defs:
            continue  # not a constant of src/ (a flag's name, an env var, ...)
        got = evaluate(const, defs, included)
        where = f"{name}:{lines[m.start()]}"
        if got is None:
            problems.append(f"{where}: `{const}` ({stated}): its value in src/ cannot be "
                            "worked out by book/facts.py; do not quote it with a value")
        elif got == "ambiguous":
            problems.append(f"{where}: `{const}` has different values in "
                            f"{', '.join(f for f, _ in defs[const])}; quote it in the chapter "
                            "that includes its file")
        elif got != stated:
            problems.append(f"{where}: `{const}` ({stated}), but src/ says {got}")
    return problems


def load(src: pathlib.Path) -> tuple[dict, dict, dict]:
    """The bench table's rows, the ablation tables' rows, src/'s consts."""
    gen = src / "generated"
    bench = bench_rows((gen / "bench-table.md").read_text(encoding="utf-8"))
    ablation = ablation_rows([f.read_text(encoding="utf-8")
                              for f in sorted(gen.glob("perf-ablation*.md"))])
    return bench, ablation, constants(src.parent.parent)


def check_facts(src: pathlib.Path) -> list[str]:
    """The quoted ratios and constants of every chapter."""
    bench, ablation, defs = load(src)
    problems = []
    for md in sorted(src.glob("*.md")):
        text = md.read_text(encoding="utf-8")
        problems += check_ratios(md.name, text, bench, ablation)
        problems += check_constants(md.name, text, defs)
    return problems


def selftest(src: pathlib.Path) -> list[str]:
    """The checks above fail on planted errors and pass the real text.
    Returns what went wrong (empty: all good)."""
    bench, ablation, defs = load(src)
    failures = []

    def expect(what, problems, n):
        if len(problems) != n:
            failures.append(f"selftest: {what}: {len(problems)} problem(s), expected {n}: {problems}")

    selftest_ratios(src, bench, ablation, expect)
    selftest_constants(defs, expect)
    return failures


def selftest_ratios(src, bench, ablation, expect):
    """Real rows quoted right and wrong; measuring.md as written, and with
    a planted wrong number."""
    ratios = functools.partial(check_ratios, "t.md", bench=bench, ablation=ablation)
    key = next(k for k in bench if k[2] == "crossbeam")
    med, lo, hi = bench[key][0]
    right = f"(`{key[0]}`, {key[1]} ÷\n  crossbeam: {med} ({lo}–{hi}))"  # across a line
    expect("a right bench quote", ratios(right), 0)
    expect("a planted wrong median", ratios(right.replace(f": {med} (", f": {float(med) + 1:.2f} (")), 1)
    expect("a planted wrong range", ratios(right.replace(f"–{hi})", f"–{float(hi) + 1:.2f})")), 1)
    expect("an unknown row", ratios("(`no-such-shape`, ring ÷ std: 1.00)"), 1)
    busy = [k for k in bench if k[0].endswith(" busy") and k[2] in PEERS.split("|")]
    if busy:  # a loaded-mode row, quoted with its suffix, across a line
        med, lo, hi = bench[busy[0]][0]
        quote = f"(`{busy[0][0]}`, {busy[0][1]} ÷\n  {busy[0][2]}: {med} ({lo}–{hi}))"
        expect("a right loaded-row quote", ratios(quote), 0)
        expect("a planted wrong loaded median",
               ratios(quote.replace(f": {med} (", f": {float(med) + 1:.2f} (")), 1)
    knob, channel, shape = next(iter(ablation))
    med = ablation[(knob, channel, shape)][0][0]
    quote = f"(`{knob}` off, {channel} `{shape}`: {med})"
    expect("a right ablation quote", ratios(quote), 0)
    expect("a planted wrong ablation ratio", ratios(quote.replace(f": {med})", ": 99.9)")), 1)
    expect("an uncited ratio", ratios(f"On `{shape}` it was 9.9× faster."), 1)
    expect("a rounded quote", ratios(f"It was {float(med):.1f}× ({quote[1:-1]})."), 0)
    measuring = (src / "measuring.md").read_text(encoding="utf-8")
    expect("measuring.md", check_ratios("measuring.md", measuring, bench, ablation), 0)
    m = BENCH_QUOTE.search(flatten(measuring)[0])
    expect("measuring.md quotes a bench row", [] if m else ["none"], 0)
    if m:
        planted = re.sub(rf"(÷ {m.group(3)}:\s+){re.escape(m.group(4))}\b",
                         lambda x: x.group(1) + "0.01", measuring, count=1)
        expect("measuring.md with a planted number",
               check_ratios("measuring.md", planted, bench, ablation), 1)


def selftest_constants(defs, expect):
    """A value right, one wrong, one through another const, one defined twice."""
    consts = functools.partial(check_constants, "t.md", defs=defs)
    expect("a right constant", consts("`YIELD_STEPS` (64)"), 0)
    expect("a planted wrong constant", consts("`YIELD_STEPS` (63)"), 1)
    expect("a wrong constant, other form", consts("`BATCH_SPINS` = 1"), 1)
    expect("a constant through another", consts("`BLOCK_CAP` (32)"), 0)
    expect("a knob's default", consts("`SPIN_STEPS` (7)"), 0)
    expect("a name defined twice", consts("`YIELD_ROUNDS` (4)"), 1)
    chapter = "{{#include ../../src/lockfree/chan.rs:park}}\n`YIELD_ROUNDS` (4)"
    expect("a name defined twice, in its chapter", consts(chapter), 0)


if __name__ == "__main__":
    import sys
    failed = selftest(pathlib.Path(__file__).resolve().parent / "src")
    print("\n".join(failed) or "facts.py: selftest passed", file=sys.stderr if failed else sys.stdout)
    sys.exit(1 if failed else 0)
