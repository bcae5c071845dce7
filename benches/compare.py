#!/usr/bin/env python3
"""Do two ratio runs of the same commit agree? The repeatability check.

Reads two result files of `cargo bench --bench ratio` (same machine, same
commit, measured one after the other) and prints, for every row of each of
our channels, ours ÷ the fastest peer under several statistics, in both
runs, with how far apart the runs are (the larger ÷ the smaller, minus 1):

* `median`: the median over rounds of the per-round ratio (what the tables
  report as "÷ best peer");
* `trimmed`: the mean of the per-round ratios without the highest and the
  lowest quarter;
* `min`: ours' fastest round ÷ the fastest round of the best peer;
* `cpu`: the median over rounds of the per-round ratio of CPU time per
  message (files with `cpu_ns` only).

    benches/compare.py A.json B.json [--stat median] [--limit 0.15] [--rows a,b]

Exit status 1 when some row's `--stat` figures differ by more than
`--limit` (default 15%) between the runs: the method did not hold still on
that row. `--rows` keeps the rows whose name contains one of the strings.
"""

import argparse
import json
import statistics
import sys

STATS = ("median", "trimmed", "min", "cpu")


def label(shape):
    return shape["name"] + (f" +{shape['busy']} busy" if shape.get("busy") else "")


def trimmed(xs):
    xs = sorted(xs)
    cut = len(xs) // 4
    return statistics.mean(xs[cut:len(xs) - cut] or xs)


def figures(ours, peers, key="ns"):
    """Per-round ratios of ours ÷ the fastest peer of that round."""
    rounds = len(ours[key])
    return [ours[key][r] / min(p[key][r] for p in peers) for r in range(rounds)]


def rows(path):
    """{(row, channel): {stat: value}} for every row of each of our channels."""
    run = json.load(open(path))
    roles = {c["name"]: c["role"] for c in run["contenders"]}
    out = {}
    for shape in run["shapes"]:
        series = {s["contender"]: s for s in shape["series"]}
        peers = [s for name, s in series.items() if roles.get(name) == "peer"]
        if not peers:
            continue
        for name, s in series.items():
            if roles.get(name) != "ours":
                continue
            ratios = figures(s, peers)
            got = {
                "median": statistics.median(ratios),
                "trimmed": trimmed(ratios),
                "min": min(s["ns"]) / min(min(p["ns"]) for p in peers),
            }
            if s.get("cpu_ns") and all(p.get("cpu_ns") for p in peers):
                got["cpu"] = statistics.median(figures(s, peers, "cpu_ns"))
            out[(label(shape), name)] = got
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--stat", choices=STATS, default="median")
    ap.add_argument("--limit", type=float, default=0.15)
    ap.add_argument("--rows", default="")
    args = ap.parse_args()
    a, b = rows(args.a), rows(args.b)
    wanted = [w for w in args.rows.split(",") if w]
    print("| row | channel | " + " | ".join(f"{s} A | {s} B | apart" for s in STATS) + " |")
    print("|---|---|" + "---:|" * (3 * len(STATS)))
    worst = 0.0
    for key in sorted(set(a) & set(b)):
        if wanted and not any(w in key[0] for w in wanted):
            continue
        cells = []
        for s in STATS:
            x, y = a[key].get(s), b[key].get(s)
            if x is None or y is None:
                cells.append("– | – | –")
                continue
            apart = max(x, y) / min(x, y) - 1
            if s == args.stat:
                worst = max(worst, apart)
            cells.append(f"{x:.2f} | {y:.2f} | {apart:.0%}")
        print(f"| {key[0]} | {key[1]} | " + " | ".join(cells) + " |")
    verdict = "hold" if worst <= args.limit else "do not hold"
    print(f"\ncompare stat={args.stat} worst_apart={worst:.1%} limit={args.limit:.0%}: "
          f"the runs {verdict} still")
    return 0 if worst <= args.limit else 1


if __name__ == "__main__":
    sys.exit(main())
