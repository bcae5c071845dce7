"""Draws one timeline as SVG: a lane per thread, each drawn step as low as
what orders it requires and no lower, and the links between steps of
different threads.

A step sits below the steps of its own thread before it and below the
step it is linked from (a write it read, a release it acquired), and
nowhere else: steps side by side are unordered. Consecutive steps of a
lane share a box unless a link pushes one down (a step the seeded bug
changed gets a box of its own, in red). A link leaves its source at the
source's first row and ends at the line of the destination that says
what it is, through the gutter beside the destination's lane.
"""

import html
import textwrap

LANE_W, LEFT, GUTTER, PAD, LINE, GAP = 240, 8, 26, 5, 14, 8
TOP = 62
FONT = "font-family=\"'Open Sans', 'Helvetica Neue', Arial, sans-serif\""
MONO = "font-family=\"'Source Code Pro', Consolas, monospace\""
INK, MUTED = "#1f2933", "#52606d"
STYLE = {  # link kind: colour, width, dashes, arrowhead
    "sync": ("#1c64b5", 1.8, "", True),
    "rf": ("#7b8794", 1.2, "3 3", True),
    "race": ("#c81e1e", 1.6, "6 4", False),
    "stale": ("#7b8794", 0, "", False),  # a note only: what a load did not read
}
# Characters of a label line and of a monospace line, at 12 px in the
# widest of the fonts named (DejaVu Sans, 6.9 px a character on average).
TEXT_W, CODE_W = (LANE_W - GUTTER - 34) * 10 // 69, (LANE_W - GUTTER - 34) * 10 // 73


def box_x(lane):
    return LEFT + lane * LANE_W + GUTTER // 2


BOX_W = LANE_W - GUTTER


def lines_of(s):
    """A step's lines: (text, colour or None for the label, 'code')."""
    out = [(t, None) for t in s["lines"]] + [(t, "code") for t in s["code"]]
    for link in s["notes"]:
        link["row"] = len(out)
        out += [(t, STYLE[link["kind"]][0]) for t in textwrap.wrap(link["text"], TEXT_W)]
    return out


def place(steps, links):
    """Each step's row and its box: as high as its lane and its incoming
    links allow. Returns the boxes and the bottom."""
    into = {}
    for link in links:
        if link["kind"] in ("sync", "rf"):
            into.setdefault(link["dst"], []).append(link["src"])
    by_n, lane_end, open_box, boxes = {}, {}, {}, []
    for s in steps:
        by_n[s["n"]] = s
        need = max((by_n[src]["top"] + LINE for src in into.get(s["n"], [])), default=TOP)
        end = lane_end.get(s["lane"], TOP - GAP)
        box = open_box.get(s["lane"])
        if box and not s["red"] and not box["red"] and need <= end + GAP:
            s["top"] = end + GAP
            box["steps"].append(s)
        else:
            top = max(end + GAP, need - PAD)
            box = {"lane": s["lane"], "red": s["red"], "steps": [s], "top": top}
            boxes.append(box)
            open_box[s["lane"]] = box
            s["top"] = top + PAD
        s["rows"] = lines_of(s)
        lane_end[s["lane"]] = s["top"] + LINE * len(s["rows"])
        box["bottom"] = lane_end[s["lane"]] + PAD
        lane_end[s["lane"]] = box["bottom"]
    return boxes, max((b["bottom"] for b in boxes), default=TOP)


def draw_box(out, box):
    stroke, fill = ("#c81e1e", "#fde8e8") if box["red"] else ("#3e4c59", "#f0f4f8")
    x, top = box_x(box["lane"]), box["top"]
    out.append(f'<rect x="{x}" y="{top}" width="{BOX_W}" height="{box["bottom"] - top}" '
               f'rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{2 if box["red"] else 1.2}"/>')
    for k, s in enumerate(box["steps"]):
        if k:
            out.append(f'<line x1="{x + 6}" y1="{s["top"] - GAP // 2}" x2="{x + BOX_W - 6}" '
                       f'y2="{s["top"] - GAP // 2}" stroke="#cbd2d9" stroke-width="1"/>')
        base = s["top"] + 11
        out.append(f'<text x="{x + 5}" y="{base}" font-size="12" font-weight="bold" '
                   f'fill="{stroke}" {FONT}>{s["n"]}</text>')
        for i, (text, colour) in enumerate(s["rows"]):
            face, fill = (MONO, MUTED) if colour == "code" else (FONT, colour or INK)
            out.append(f'<text x="{x + 28}" y="{base + LINE * i}" font-size="12" '
                       f'fill="{fill}" {face}>{html.escape(text)}</text>')


def ends(src, dst, link):
    """Where a link leaves its source and enters its destination: the
    source's first row, the destination's line about the link."""
    return src["top"] + 7, dst["top"] + 7 + LINE * link["row"]


def draw_link(out, link, src, dst, track):
    """One link, through the gutter on the source's side of the
    destination's lane."""
    y1, y2 = ends(src, dst, link)
    right = dst["lane"] > src["lane"]
    x0 = box_x(src["lane"]) + (BOX_W if right else 0)
    tip = box_x(dst["lane"]) + (0 if right else BOX_W)
    xg = tip + (-1 if right else 1) * (5 + 5 * track)
    colour, width, dash, head = STYLE[link["kind"]]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    out.append(f'<path d="M{x0} {y1} H{xg} V{y2} H{tip}" fill="none" stroke="{colour}" '
               f'stroke-width="{width}"{dashes}/>')
    if head:
        d = 1 if right else -1
        out.append(f'<path d="M{tip + d} {y2} L{tip - 7 * d} {y2 - 4} L{tip - 7 * d} {y2 + 4} Z" '
                   f'fill="{colour}"/>')


def draw(title, lanes, steps, links, footer):
    """The whole figure. `steps`: dicts with n, lane, lines, code, red;
    `links`: dicts with src, dst, kind, text (shown in dst)."""
    by_n = {s["n"]: s for s in steps}
    for s in steps:
        s["notes"] = [link for link in links if link["dst"] == s["n"]]
    boxes, bottom = place(steps, links)
    width = LEFT + LANE_W * len(lanes) + LEFT
    foot = textwrap.wrap(footer, (width - 16) * 10 // 69)
    height = bottom + 14 + 15 * len(foot)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img">',
           f"<title>{html.escape(title)}</title>",
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{LEFT}" y="17" font-size="14" font-weight="bold" fill="{INK}" {FONT}>'
           f"{html.escape(title)}</text>"]
    if len(title) * 85 > (width - 2 * LEFT) * 10:
        raise ValueError(f"title too long for a {len(lanes)}-lane figure: {title!r}")
    for i, lane in enumerate(lanes):
        x = LEFT + i * LANE_W + LANE_W // 2
        out.append(f'<line x1="{x}" y1="{TOP - 4}" x2="{x}" y2="{bottom}" stroke="#9aa5b1" '
                   'stroke-width="2" stroke-dasharray="4 4"/>')
        out.append(f'<text x="{x}" y="{TOP - 10}" text-anchor="middle" font-size="13" '
                   f'fill="{INK}" {FONT}><tspan font-weight="bold">{html.escape(lane)}</tspan> '
                   f'<tspan fill="{MUTED}" font-size="12">· thread {i}</tspan></text>')
    tracks = {}
    for link in (k for k in links if STYLE[k["kind"]][1]):
        src, dst = by_n[link["src"]], by_n[link["dst"]]
        side = (dst["lane"], dst["lane"] > src["lane"])
        tracks[side] = tracks.get(side, -1) + 1
        draw_link(out, link, src, dst, tracks[side] % 4)
    for box in boxes:  # over the links: a link that crosses a lane passes behind
        draw_box(out, box)
    for k, line in enumerate(foot):
        out.append(f'<text x="{LEFT}" y="{bottom + 14 + 15 * k}" font-size="12" '
                   f'fill="{MUTED}" {FONT}>{html.escape(line)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
