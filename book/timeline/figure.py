"""What a timeline shows of one execution: each drawn step's text, with
its recorded value decoded, and the links between drawn steps, taken
from the happens-before relation of the whole execution (order.py)."""

import textwrap
from pathlib import Path

from timeline import svg


def decode(key, word, c):
    """A recorded word as the bit layout of its field reads it
    (src/lockfree/block.rs, src/lockfree/park.rs, src/ring/slots.rs; the
    constants are the source's): `pos 2 | RX_PARKED` for 0x4000…0002 in the
    ring's `tail`. Pointers and plain counts are shown as they are."""
    if not isinstance(word, int):
        return word
    flags = lambda *names: [n for n in names if n in c and word & c[n]]  # noqa: E731
    if key == "lockfree/tail":
        parts = [f"index {word >> 1}"] + flags("CLOSED")
    elif key == "lockfree/ready":
        slots = [str(i) for i in range(c["BLOCK_CAP"]) if word >> i & 1]
        parts = [f"slot{'s' * (len(slots) > 1)} {','.join(slots)}" if slots else "no slot"]
        parts += flags("RELEASED", "RX_GONE")
    elif key == "lockfree/state":
        parts = [n for n in ("EMPTY", "PARKED", "WAKING", "NOTIFIED") if c.get(n) == word]
    elif key in ("ring/tail", "ring/head"):
        parts = [f"pos {word & c['POS_MASK']}"]
        parts += flags("RECEIVER_GONE", "RX_PARKED", "SENDERS_GONE") if key == "ring/tail" \
            else flags("TX_PARKED")
    else:
        parts = [str(word) if word < 1 << 20 else hex(word)]
    return " | ".join(parts or [hex(word)])


def step_text(label, access, consts):
    """A step's label lines and its monospace lines: the recorded line,
    operation and value, the value decoded by its field's bit layout."""
    op, value = access.op, access.value
    if access.key and value:
        word = access.read if access.read is not None else access.written
        if op == "cas":
            op, value = f"cas {value.split()[0]}", value.split(" ", 1)[1]
        value = decode(access.key, word, consts)
    code = [Path(access.where).name, f"{op} {value}".strip()]
    if len(" ".join(code)) <= svg.CODE_W:
        code = [" ".join(code)]
    return textwrap.wrap(label, svg.TEXT_W), code


def links(order, hits, races):
    """The links between drawn steps: each synchronises-with edge, from the
    last drawn step of its thread at or before its release to the first
    drawn step at or after its acquire (one through steps not drawn only if
    program order and the other arrows do not already imply it); a read of
    another thread's drawn write that does not synchronise; the racing
    pair the checker names."""
    mine = {}
    for s in hits:
        mine.setdefault(s[1], []).append(s[0])
    drawn = {s[0] for s in hits}
    exact, via, syncs = [], [], set()
    for src, dst, what in order.edges:
        a = max((n for n in mine.get(src.thread, []) if n <= src.n), default=None)
        b = min((n for n in mine.get(dst.thread, []) if n >= dst.n), default=None)
        if a is None or b is None or (a, b) in syncs:
            continue
        if (a, b) == (src.n, dst.n):
            syncs.add((a, b))
            exact.append({"src": a, "dst": b, "kind": "sync", "text": f"← {a}: {what}"})
        else:
            via.append({"src": a, "dst": b, "kind": "sync",
                        "text": f"← {a}: {what} (read at {dst.n})"})
    chosen = []
    for link in exact + via:
        if link in exact or not reaches(link["src"], link["dst"], chosen, mine):
            chosen.append(link)
    for n in sorted(drawn):
        w = order.rf.get(n)
        if w is not None and w.n in drawn and w.thread != order.accs[n - 1].thread \
                and (w.n, n) not in syncs:
            chosen.append({"src": w.n, "dst": n, "kind": "rf",
                           "text": f"← {w.n}: read, no sync"})
    chosen += stale(order, drawn)
    if races:
        a, b = sorted(max(s[0] for s in hits if (s[1], s[2]) == r) for r in races)
        chosen.append({"src": a, "dst": b, "kind": "race", "text": f"✕ {a}: unordered (race)"})
    return chosen


def stale(order, drawn):
    """Notes on the drawn loads that did not read the last drawn write to
    their field before them: what they read instead."""
    notes = []
    for n in sorted(drawn):
        load, last, w = order.accs[n - 1], order.latest.get(n), order.rf.get(n)
        if last is None or last is w or last.n not in drawn:
            continue
        show = lambda a, word: decode(a.key, word, order.consts)  # noqa: E731
        seen = f"{w.n}'s {show(w, w.written)}" if w else f"the initial {show(load, load.read)}"
        notes.append({"src": last.n, "dst": n, "kind": "stale",
                      "text": f"reads {seen}, not {last.n}'s {show(last, last.written)}"})
    return notes


def reaches(a, b, chosen, mine):
    """Whether drawn step `b` is reachable from `a` by program order and
    the links chosen so far."""
    nxt = {}
    for ns in mine.values():
        for x, y in zip(ns, ns[1:]):
            nxt.setdefault(x, []).append(y)
    for link in chosen:
        nxt.setdefault(link["src"], []).append(link["dst"])
    seen, todo = set(), [a]
    while todo:
        x = todo.pop()
        if x == b:
            return True
        if x not in seen:
            seen.add(x)
            todo += nxt.get(x, [])
    return False
