"""What orders the steps of one recorded execution: the happens-before
relation behind the arrows of the book's timelines.

A recorded step names its thread, its line, its operation and the value
it read or wrote, but not the object it touched nor the memory ordering
it used. Both come from the source line the step names: the field the
operation is called on (`self.state.load(Ordering::Acquire)` touches
`state`, with Acquire), the mutex a `lock` or `wait` takes, and the
operand of a read-modify-write. From those and the recorded values:

* reads-from: a read-modify-write (or CAS) reads the write just before it
  to the same field, if that write can have left the value it read; a
  load reads the latest earlier write of the value it read, or the
  initial value if none wrote it. Two writes of the same value are told
  apart by the checker's verdict: a read reported as racing with a write
  cannot happen before it.
* synchronises-with: a Release (or stronger) write, or any write of the
  read-modify-writes that continue its release sequence, read by an
  Acquire (or stronger) read in another thread; the previous holder of a
  mutex with the next thread to take it (unlocks are not recorded: the
  edge leaves from the holder's `lock` or `wait`, its release comes after
  it); an `unpark` with the next return from `park` of another thread.
* happens-before: program order and synchronises-with, transitively
  (vector clocks over the whole execution).

Fields are named, not addressed: the same field of two objects (two
blocks' `ready` words) is one name here. A read-modify-write that reads a
value the previous write of its field cannot have left is therefore on
another object, and is given no source; spawning and joining threads are
not recorded, and the figures draw no step before a spawn.
"""

import re
from pathlib import Path

ACQUIRE = {"Acquire", "AcqRel", "SeqCst"}
RELEASE = {"Release", "AcqRel", "SeqCst"}
RMW = {"swap", "fetch_add", "fetch_sub", "fetch_or", "fetch_and"}
MASK = (1 << 64) - 1


class Access:
    """What a step does, from its line: kind, field, orderings, operand."""

    def __init__(self, step, kind, key=None, orders=(), operands=()):
        self.n, self.thread, self.where, self.op, self.value = step
        self.kind, self.key, self.orders, self.operands = kind, key, orders, operands
        self.read = self.written = None
        self.acq = self.rel = False
        self.order = orders[0] if orders else "Relaxed"


def call(text, start, name):
    """The receiver's last field before `.name(` at `start`, and the
    call's top-level arguments."""
    head = text[:start].rstrip()
    field = re.search(r"(\w+)\s*(\([^()]*\))?\s*$", head)
    depth, i, args, arg = 0, start + len(name) + 2, [], ""
    while i < len(text):
        c = text[i]
        if c == ")" and depth == 0:
            break
        depth += (c in "([{") - (c in ")]}")
        if c == "," and depth == 0:
            args.append(arg.strip())
            arg = ""
        else:
            arg += c
        i += 1
    args.append(arg.strip())
    return (field.group(1) if field else None), [a for a in args if a]


def lock_field(text, line_text):
    """The mutex a `lock`, `wait` or `woke` line takes: `&self.X` in
    `sync::lock(&..X)` or `sync::wait(cv, &..X, guard)`, or, for a call
    of the file's own `lock()` method, the mutex that method locks."""
    m = re.search(r"sync::(?:lock|wait\w*)\(([^;]*)", line_text)
    if m:
        return re.findall(r"&[\w.]*?(\w+)\s*[,)]", m.group(1))[0]
    own = re.search(r"fn lock\(&self\)[^{]*\{\s*sync::lock\(&[\w.]*?(\w+)\)", text)
    return own.group(1) if own else "lock"


def sibling_lock(tree, path):
    """The mutex of a `self.lock()` method defined in another file of the
    same module (the mutex channel's futures call `Channel::lock`, which
    `state.rs` defines), or "lock" if no file there defines one."""
    for f in sorted((tree / path).parent.glob("*.rs")):
        field = lock_field(f.read_text(), "")
        if field != "lock":
            return field
    return "lock"


def access(tree, step, cache):
    """The Access of one recorded step, read off its source line."""
    path, line = step[2].rsplit(":", 1)
    if path not in cache:
        file = tree / path
        cache[path] = file.read_text() if file.exists() else ""
    text = cache[path]
    lines = text.split("\n")
    at = sum(len(x) + 1 for x in lines[:int(line) - 1])
    here = lines[int(line) - 1] if int(line) <= len(lines) else ""
    op = step[3]
    if op in ("lock", "wait", "woke") and "park" not in here:
        field = lock_field(text, here)
        if field == "lock" and "self.lock()" in here:
            field = sibling_lock(tree, path)
        return Access(step, "mutex", field)
    if op in ("park", "woke", "unpark"):
        return Access(step, op if op != "woke" else "unparked")
    names = {"cas": r"compare_exchange(?:_weak)?"}.get(op, re.escape(op))
    m = re.compile(r"\.(" + names + r")\s*\(").search(text, at, at + len(here) + 1)
    if op not in RMW | {"load", "store", "cas"} or not m:
        return Access(step, "other")
    field, args = call(text, m.start(), m.group(1))
    orders = tuple(re.findall(r"Ordering::(\w+)", " ".join(args)))
    operands = tuple(a for a in args if "Ordering::" not in a)
    kind = "rmw" if op in RMW else op
    return Access(step, kind, f"{Path(path).parent.name}/{field}", orders, operands)


def number(word):
    """A recorded word: an int, or a pointer's name (`null`, `block#k`)."""
    return int(word, 16) if word.startswith("0x") else word


def evaluate(expr, consts):
    """An expression's value if it is made of literals and constants (as
    on a 64-bit target), else None."""
    if expr in ("ptr::null_mut()", "std::ptr::null_mut()"):
        return "null"
    py = expr.replace("usize::", "usize_").replace(" as usize", "").replace("/", "//")
    py = re.sub(r"!(?!=)", "~", py)
    try:
        return eval(py, {"__builtins__": {}}, dict(consts)) & MASK
    except Exception:
        return None


def constants(tree, dirs):
    """Every `const NAME: usize = EXPR;` (or `u32`) in the channel's files,
    evaluated for a model checker's build (where a constant has two
    definitions, the one for the checkers)."""
    exprs = {}
    for d in sorted(dirs):
        for f in sorted((tree / d).glob("*.rs")):
            lines = f.read_text().split("\n")
            for i, line in enumerate(lines):
                m = re.match(r"\s*(?:pub(?:\([\w:]+\))?\s+)?const (\w+): (?:usize|u32) = (.*);$", line)
                if m and not (i and "not(any(chanlab_loom" in lines[i - 1]):
                    exprs[m.group(1)] = m.group(2)
    consts = {"usize_BITS": 64, "usize_MAX": MASK}
    for _ in range(len(exprs)):
        for name, expr in list(exprs.items()):
            value = evaluate(expr, consts)
            if isinstance(value, int):
                consts[name] = value
                del exprs[name]
    return consts


def values(a, consts):
    """Fills in what `a` read and wrote, and whether it acquires/releases."""
    order = a.order
    if a.kind == "load":
        a.read, a.acq = number(a.value), order in ACQUIRE
    elif a.kind == "store":
        a.written, a.rel = number(a.value), order in RELEASE
    elif a.kind == "rmw":
        a.read = old = number(a.value)
        a.acq, a.rel = order in ACQUIRE, order in RELEASE
        v = evaluate(a.operands[0], consts) if a.operands else None
        if isinstance(old, int) and isinstance(v, int) and a.op != "swap":
            a.written = {"fetch_add": old + v, "fetch_sub": old - v,
                         "fetch_or": old | v, "fetch_and": old & v}[a.op] & MASK
        elif a.op == "swap":
            a.written = v
    elif a.kind == "cas":
        outcome, word = a.value.split(" ", 1)
        a.read = number(word)
        ok = outcome == "ok"
        a.order = order = a.orders[0 if ok else 1] if len(a.orders) > 1 else order
        a.acq = order in ACQUIRE
        if ok:
            a.rel = order in RELEASE
            a.written = evaluate(a.operands[1], consts) if len(a.operands) > 1 else None



def reads_from(accs):
    """The write each atomic read read (None: the initial value, or a
    write not to be told), the loads whose value more than one thread
    wrote (the candidates, oldest first), and the last write to each
    load's field before it."""
    last = {}
    for a in accs:  # a write's unknown value is what the next RMW of its field read
        w = last.get(a.key)
        if a.kind in ("rmw", "cas") and w is not None and w.written is None:
            w.written = a.read
        if a.kind in ("store", "rmw") or (a.kind == "cas" and a.value.startswith("ok")):
            last[a.key] = a
    writes, rf, choices, latest = {}, {}, {}, {}
    for a in accs:
        prior = writes.get(a.key, [])
        if a.kind == "load":
            latest[a.n] = prior[-1] if prior else None
        if a.kind in ("rmw", "cas"):
            w = prior[-1] if prior else None
            rf[a.n] = w if w is not None and w.written in (None, a.read) else None
        elif a.kind == "load":
            same = [w for w in prior if w.written == a.read]
            if not same:
                same = [w for w in prior if w.written is None][-1:]
            rf[a.n] = same[-1] if same else None
            if len({w.thread for w in same}) > 1:
                choices[a.n] = same
        if a.kind in ("store", "rmw") or (a.kind == "cas" and a.value.startswith("ok")):
            writes.setdefault(a.key, []).append(a)
    return rf, choices, latest


def synchronises(accs, rf):
    """Every synchronises-with edge: (source, destination, what)."""
    edges, held, unparks, returned = [], {}, [], {}
    for a in accs:
        if a.kind == "mutex":
            prev = held.get(a.key)
            if a.op in ("lock", "woke") and prev is not None and prev.thread != a.thread:
                edges.append((prev, a, f"{a.key} unlock→lock"))
            held[a.key] = a
        elif a.kind == "unpark":
            unparks.append(a)
        elif a.kind == "unparked":
            since = returned.get(a.thread, 0)
            tokens = [u for u in unparks if u.thread != a.thread and u.n > since]
            if tokens:
                edges.append((tokens[-1], a, "unpark→park"))
            returned[a.thread] = a.n
        elif a.acq:
            w = rf.get(a.n)
            while w is not None:
                if w.rel and w.thread != a.thread:
                    field = a.key.split("/")[-1]
                    edges.append((w, a, f"{field} {w.order}→{a.order}"))
                w = rf.get(w.n) if w.kind in ("rmw", "cas") else None
    return edges


def clocks(accs, edges):
    """The vector clock of every step: thread -> steps of it that happen
    before (or are) this one."""
    into, vc, now = {}, {}, {}
    for src, dst, _ in edges:
        into.setdefault(dst.n, []).append(src.n)
    for a in accs:
        c = dict(now.get(a.thread, {}))
        c[a.thread] = c.get(a.thread, 0) + 1
        for s in into.get(a.n, []):
            for t, k in vc[s].items():
                c[t] = max(c.get(t, 0), k)
        now[a.thread] = vc[a.n] = c
    return vc


class Order:
    """The happens-before relation of one execution."""

    def __init__(self, tree, steps, race=()):
        dirs = {str(Path(s[2]).parent) for s in steps if s[2].startswith("src/")}
        self.consts = constants(tree, dirs)
        cache = {}
        self.accs = [access(tree, s, cache) for s in steps]
        for a in self.accs:
            values(a, self.consts)
        self.rf, choices, self.latest = reads_from(self.accs)
        self.edges = synchronises(self.accs, self.rf)
        self.vc = clocks(self.accs, self.edges)
        self.resolved = self.settle(race, choices) if race else []

    def hb(self, a, b):
        """Whether step number `a` happens before step number `b`."""
        x = self.accs[a - 1]
        return a != b and self.vc[b].get(x.thread, 0) >= self.vc[a][x.thread]

    def ordered(self, a, b):
        return self.hb(a, b) or self.hb(b, a)

    def settle(self, race, choices):
        """If the racing steps come out ordered, re-reads the loads whose
        value two threads wrote, one at a time (latest first), until they do
        not: the checker saw them unordered. Returns the loads re-read."""
        if not self.ordered(*race):
            return []
        for n in sorted(choices, reverse=True):
            for w in reversed(choices[n][:-1]):
                rf = {**self.rf, n: w}
                edges = synchronises(self.accs, rf)
                vc, old = clocks(self.accs, edges), self.vc
                self.vc = vc
                if not self.ordered(*race):
                    self.rf, self.edges = rf, edges
                    return [(n, w.n)]
                self.vc = old
        raise ValueError(f"steps {race} come out ordered whichever write each load read")
