#!/usr/bin/env python3
"""Performance ablation: what each optimisation buys, measured.

Every optimisation in chanlab's channels has a knob in `src/tune.rs`, on by
default. This script builds the `ratio` bench once with every knob on
("full") and once per knob with that one knob off (`CHANLAB_PERF_OFF=<knob>`,
mapped to `--cfg chanlab_off="<knob>"` by `build.rs`; only chanlab and the
bench rebuild), then runs the binaries in interleaved rounds: each round
runs every variant once, in a rotating order, on the shapes that knob can
affect, for the channels it applies to. Per round it divides the
knob-off variant's ns/msg by the full channel's in the same round; the
table shows the median ratio over rounds and its range.

    benches/perf_ablate.py [--rounds R] [--quick] [--knobs a,b] [--shapes s,t] [--load 0,2]
                           [--no-write] [--reuse]
    benches/perf_ablate.py --check
    benches/perf_ablate.py --render

Writes `book/src/generated/perf-ablation.md` (the Measuring chapter includes
it; `perf-ablation-<channel>.md` hold each channel's rows, for its chapter) and `benches/results/perf-ablation-<cpu>.json`, named after this
machine's CPU as the ratio results are, with the date, the command and the
load. `--check` only checks that the table names every knob of `src/tune.rs`
(CI runs it; it measures nothing). `--render` measures nothing either: it
rewrites the tables from the committed `perf-ablation-<cpu>.json`, naming
the knobs that file has no rows for. Where the harness recorded CPU time
per message, a column gives knob off ÷ full in CPU time too. Needs a quiet machine: others' CPU share
is recorded per round (the most any of its runs saw, as the ratio harness
measures it) and printed with the table.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "book/src/generated/perf-ablation.md"
RESULTS = ROOT / "benches/results"
BINS = ROOT / "target/perf-ablate"

# knob -> (channels it applies to, shapes that show its effect)
KNOBS = {
    "block_ready": (["lockfree"], ["spsc-unbounded", "mpsc2-unbounded", "mpsc4-unbounded",
                                   "mpsc8-unbounded", "pingpong"]),
    "xadd": (["lockfree"], ["spsc-unbounded", "mpsc4-unbounded"]),
    "rx_cache": (["lockfree"], ["spsc-unbounded", "mpsc4-unbounded"]),
    "claim_backoff": (["lockfree"], ["spsc-unbounded", "mpsc2-unbounded", "mpsc4-unbounded",
                                     "mpsc8-unbounded"]),
    "padding": (["lockfree", "ring"], ["spsc-unbounded", "spsc-bounded-1024", "mpsc4-bounded-1024"]),
    "spin": (["lockfree", "ring"], ["spsc-unbounded", "spsc-bounded-1024", "pingpong"]),
    "batch_wait": (["lockfree", "ring"], ["spsc-unbounded", "mpsc2-unbounded", "spsc-bounded-1024", "mpsc4-bounded-1024", "pingpong"]),
    "yield": (["lockfree", "ring", "mutex"], ["spsc-unbounded", "spsc-bounded-1024", "handoff-bounded-1", "pingpong"]),
    "crowded": (["lockfree", "ring", "mutex"], ["spsc-unbounded", "spsc-bounded-1024", "handoff-bounded-1", "pingpong"]),
    "batch": (["mutex"], ["spsc-unbounded", "mpsc4-unbounded"]),
    "wait_count": (["mutex"], ["spsc-unbounded", "mpsc4-bounded-1024"]),
}
# Knobs measured in the loaded mode too (`--load` of the ratio harness): the
# rows of each load level, 0 being quiet.
LOADS = {"crowded": "0,2", "claim_backoff": "0,2"}
LATENCY = {"handoff-bounded-1", "rendezvous", "pingpong"}


def tune_knobs():
    """The knob names `build.rs` accepts (the list `src/tune.rs` documents)."""
    text = (ROOT / "build.rs").read_text()
    block = re.search(r"const KNOBS: &\[&str\] = &\[(.*?)\];", text, re.S).group(1)
    return re.findall(r'"(\w+)"', block)


def build(knob, reuse=False):
    """Builds the ratio bench with `knob` off (None: full); returns its copy.
    With `reuse`, a copy left by an earlier run of this script is used as is."""
    if reuse and (BINS / f"ratio-{knob or 'full'}").exists():
        return BINS / f"ratio-{knob or 'full'}"
    env = dict(os.environ, CHANLAB_PERF_OFF=knob or "")
    cmd = ["cargo", "bench", "--no-run", "--bench", "ratio", "--message-format=json"]
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"perf-ablate: build with {knob or 'every knob on'} failed:\n{out.stderr}")
    exe = [json.loads(line).get("executable") for line in out.stdout.splitlines()
           if line.startswith("{") and '"executable"' in line]
    exe = [e for e in exe if e]
    BINS.mkdir(parents=True, exist_ok=True)
    dest = BINS / f"ratio-{knob or 'full'}"
    shutil.copy2(exe[-1], dest)
    return dest


def run_once(binary, shapes, channels, n, latency_n, load="0"):
    """One round of `binary` on `shapes` at each busy-thread count of `load`:
    ({(row, channel): ns/msg}, the run's metadata, others' CPU share during
    it, and the results file name the harness gives this machine,
    `ratio-<cpu>.json`). A row is the shape's name, `+N busy` added in the
    loaded mode."""
    out_dir = BINS / "round"
    shutil.rmtree(out_dir, ignore_errors=True)
    cmd = [str(binary), "--bench", "--rounds", "1", "--shapes", ",".join(shapes),
           "--contenders", ",".join(channels), "--n", str(n),
           "--latency-n", str(latency_n), "--load", load, "--out-dir", str(out_dir)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    (out_file,) = out_dir.glob("ratio-*.json")
    data = json.loads(out_file.read_text())
    found = {}
    for shape in data["shapes"]:
        row = shape["name"] + (f" +{shape['busy']} busy" if shape.get("busy") else "")
        for series in shape["series"]:
            cpu = series.get("cpu_ns") or [None]
            found[(row, series["contender"])] = (series["ns"][0], cpu[0])
    load = max(x for shape in data["shapes"] for x in shape["others_cpu"])
    return found, data["meta"], load, out_file.name


def measure(knobs, rounds, n, latency_n, shapes=None, load=None, reuse=False):
    """Interleaved rounds of every knob's pair (full, knob off); `shapes`
    and `load`, when given, replace each knob's own shapes and load
    levels."""
    binaries = {None: build(None, reuse)}
    for knob in knobs:
        binaries[knob] = build(knob, reuse)
        print(f"perf-ablate: built without {knob}", file=sys.stderr)
    ratios = {}  # (knob, channel, shape) -> [off / full per round]
    absolute = {}  # (knob, channel, shape) -> [(full, off)]
    cpu = {}  # (knob, channel, shape) -> [off / full CPU time per round]
    loads, meta, name = [], None, None
    for r in range(rounds):
        round_load = 0.0
        for knob in knobs[r % len(knobs):] + knobs[:r % len(knobs)]:
            channels, knob_shapes = KNOBS[knob]
            pair = [None, knob] if r % 2 == 0 else [knob, None]
            got = {}
            for variant in pair:
                got[variant], meta, seen, name = run_once(
                    binaries[variant], shapes or knob_shapes, channels, n, latency_n,
                    load or LOADS.get(knob, "0"))
                round_load = max(round_load, seen)
            for (shape, channel), (full, full_cpu) in got[None].items():
                off, off_cpu = got[knob].get((shape, channel), (None, None))
                if off is None:
                    continue
                ratios.setdefault((knob, channel, shape), []).append(off / full)
                absolute.setdefault((knob, channel, shape), []).append((full, off))
                if full_cpu and off_cpu:
                    cpu.setdefault((knob, channel, shape), []).append(off_cpu / full_cpu)
        loads.append(round_load)
        print(f"perf-ablate: round {r + 1}/{rounds} done (others' CPU {loads[-1]:.0%})",
              file=sys.stderr)
    return ratios, absolute, cpu, loads, meta, name


def fmt(x):
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


def table(ratios, absolute, cpu, loads, meta, command, only=None):
    """The markdown table, of every row or of channel `only`'s."""
    cpu_col = bool(cpu)
    lines = [
        "<!-- generated by benches/perf_ablate.py; do not edit -->",
        "",
        f"Machine: {meta['cpu']}, {meta['nproc']} vCPUs, {meta['rustc']}; measured "
        f"{meta['date'][:10]}; others' CPU share per round: median "
        f"{statistics.median(loads):.0%}, max {max(loads):.0%}. Command: `{command}`.",
        "",
        "| knob off | channel | shape | full ns/msg | knob off ns/msg | off ÷ full (min–max) |"
        + (" CPU off ÷ full |" if cpu_col else ""),
        "|---|---|---|---:|---:|---:|" + ("---:|" if cpu_col else ""),
    ]
    for (knob, channel, shape), vals in sorted(ratios.items()):
        if only and channel != only:
            continue
        ab = absolute[(knob, channel, shape)]
        full = statistics.median(a for a, _ in ab)
        off = statistics.median(b for _, b in ab)
        row = (f"| `{knob}` | {channel} | {shape} | {fmt(full)} | {fmt(off)} | "
               f"**{statistics.median(vals):.2f}** ({min(vals):.2f}–{max(vals):.2f}) |")
        if cpu_col:
            c = cpu.get((knob, channel, shape))
            row += f" {statistics.median(c):.2f} |" if c else " – |"
        lines.append(row)
    lines += ["", "Above 1: the knob pays for itself on that row (switching it off "
              "is slower); below 1: it costs there. Ratios within one round, "
              "medians over rounds."]
    missing = [k for k in KNOBS if not any(key[0] == k for key in ratios)]
    if missing and not only:
        lines += ["", "Not measured in this run: " + ", ".join(f"`{k}`" for k in missing)
                  + " (knobs added since, or left out with `--knobs`)."]
    return "\n".join(lines) + "\n"


def write_tables(ratios, absolute, cpu, loads, meta, command):
    out = table(ratios, absolute, cpu, loads, meta, command)
    TABLE.write_text(out)
    for channel in ("mutex", "lockfree", "ring"):
        part = table(ratios, absolute, cpu, loads, meta, command, channel)
        TABLE.with_name(f"perf-ablation-{channel}.md").write_text(part)
    return out


def render():
    """Rewrites the tables from the committed result files, measuring nothing."""
    for path in sorted(RESULTS.glob("perf-ablation-*.json")):
        doc = json.loads(path.read_text())
        ratios, absolute, cpu = {}, {}, {}
        for row in doc["rows"]:
            key = (row["knob"], row["channel"], row["shape"])
            ratios[key] = row["off_over_full"]
            absolute[key] = [tuple(x) for x in row["full_and_off_ns"]]
            if row.get("cpu_off_over_full"):
                cpu[key] = row["cpu_off_over_full"]
        write_tables(ratios, absolute, cpu, doc["others_cpu"], doc["meta"], doc["command"])
        print(f"perf-ablate: rendered {TABLE.relative_to(ROOT)} from {path.relative_to(ROOT)}")
    return 0


def check():
    text = TABLE.read_text() if TABLE.exists() else ""
    missing = [k for k in tune_knobs() if f"`{k}`" not in text]
    unknown = sorted(set(KNOBS) ^ set(tune_knobs()))
    if missing or unknown:
        print(f"perf-ablate-check: knobs missing from the table: {missing}; "
              f"knobs not in both build.rs and this script: {unknown}")
        return 1
    print(f"perf-ablate-check knobs={len(tune_knobs())} status=pass")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="n = 2^14, 2^9 for latency rows, 2 rounds")
    ap.add_argument("--knobs", default=",".join(KNOBS))
    ap.add_argument("--shapes", help="measure these shapes for every knob, not each knob's own")
    ap.add_argument("--load", help="busy-thread counts for every knob (e.g. 0,2), not each knob's own")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the binaries an earlier run left in target/perf-ablate (same source)")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--render", action="store_true",
                    help="rewrite the tables from the committed results; measure nothing")
    a = ap.parse_args()
    if a.check:
        return check()
    if a.render:
        return render()
    knobs = [k.strip() for k in a.knobs.split(",") if k.strip()]
    bad = [k for k in knobs if k not in KNOBS]
    if bad:
        sys.exit(f"perf-ablate: unknown knobs {bad}; knobs: {', '.join(KNOBS)}")
    n, latency_n, rounds = (1 << 14, 1 << 9, 2) if a.quick else (1 << 19, 1 << 13, a.rounds)
    command = "benches/perf_ablate.py " + " ".join(sys.argv[1:])
    shapes = a.shapes.split(",") if a.shapes else None
    ratios, absolute, cpu, loads, meta, result_name = measure(
        knobs, rounds, n, latency_n, shapes, a.load, a.reuse)
    print(table(ratios, absolute, cpu, loads, meta, command.strip()))
    if not a.no_write:
        write_tables(ratios, absolute, cpu, loads, meta, command.strip())
        RESULTS.mkdir(exist_ok=True)
        rows = [{"knob": k, "channel": c, "shape": s, "off_over_full": v,
                 "full_and_off_ns": absolute[(k, c, s)]}
                | ({"cpu_off_over_full": cpu[(k, c, s)]} if (k, c, s) in cpu else {})
                for (k, c, s), v in sorted(ratios.items())]
        # The harness records its own command line, with the absolute path
        # of its scratch output directory: keep it relative to the repository.
        meta = dict(meta, command=meta.get("command", "").replace(f"{ROOT}/", ""))
        doc = {"meta": meta, "command": command.strip(), "others_cpu": loads,
               "n": n, "latency_n": latency_n, "rows": rows}
        (RESULTS / result_name.replace("ratio-", "perf-ablation-", 1)).write_text(
            json.dumps(doc, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
