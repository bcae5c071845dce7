#!/usr/bin/env python3
"""Checks the book's sources and its built HTML.

    mdbook build book && python3 book/check.py book/book [--browser]
    python3 book/check.py --selftest   # only the self-tests of facts.py

Fails (exit status 1, one line per problem) on:
  * an include directive whose file does not exist, or whose anchor has no
    `ANCHOR:` / `ANCHOR_END:` pair in that file (mdBook renders a missing
    anchor as an empty block and leaves a missing file's directive in place,
    exiting 0 in both cases);
  * a test the book names that does not exist: every backticked
    `module::name` whose first segment is a test module of a suite under
    verification/ (`ring::capacity_one_lap_wrap`, the path `cargo test`
    takes), and every `loom-model name=` / `shuttle-model name=` in the
    generated output, must name a test function (or, ending in `::`, a
    module) of that suite, found by reading the suite's sources;
  * an unprocessed directive (`{{#`) left in the HTML;
  * an empty <code> element;
  * an image without alt text, or without a "Figure:" text description
    right after it (every figure is described in words next to it);
  * an internal link to a missing file, or to a #fragment with no element of
    that id in the target page;
  * a checker lab whose claim the kill table contradicts: every line
    "Kill table: `MUTANT` killed by `SUITE`[, failing test `TEST`]" in
    exercises.md must match MUTANT's row in generated/mutants.md, and every
    `cargo verify --mutant NAME` in the book must name a seeded bug;
  * an exercises section with fewer than three exercises, or a chapter
    that does not end by pointing to its section of the exercises;
  * a quoted fact that its source contradicts (`book/facts.py`): a ratio
    quoted as "`SHAPE`, CHANNEL ÷ PEER: R (MIN–MAX)" or "`KNOB` off,
    CHANNEL `SHAPE`: R (MIN–MAX)" that differs from its row of the
    generated bench or ablation table, a `×` ratio in a sentence about a
    shape of those tables that none of its quotes gives, and a constant of
    src/ quoted as "`NAME` (VALUE)" whose value in the default build
    differs. Every run first runs facts.py's self-tests, which plant wrong
    numbers in real text and must see them reported.
With --browser, it also opens every page in headless Chromium (Debian's
/usr/bin/chromium driven by the `playwright` package; no browser download)
and fails on console errors, failed requests, empty code blocks,
unrendered mermaid diagrams, any table, `pre` block or listing wider than
the content column by more than OVERFLOW_SLACK_PX at the default 1280 px
wide window (naming the page and the element), and figure text (SVG
`<text>` in an image, at its displayed scale) smaller than MIN_FIGURE_TEXT_PX;
and it types a query into the search box to check that results appear.

Only the standard library is needed without --browser.
"""

import argparse
import functools
import html.parser
import http.server
import pathlib
import re
import sys
import threading
import urllib.parse

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import facts  # noqa: E402

DIRECTIVE = re.compile(r"(\\?)\{\{#(include|rustdoc_include)\s+([^}\s]+)\s*\}\}")
LINE_RANGE = re.compile(r"^\d*(:\d*)?$")


def check_sources(src: pathlib.Path) -> list[str]:
    """Every include in every Markdown source names an existing file and anchor."""
    problems = []
    for md in sorted(src.rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        for m in DIRECTIVE.finditer(text):
            if m.group(1):  # an escaped directive is rendered literally
                continue
            spec = m.group(3)
            path, _, anchor = spec.partition(":")
            where = f"{md.relative_to(src.parent)}: {{{{#{m.group(2)} {spec}}}}}"
            target = (md.parent / path).resolve()
            if not target.is_file():
                problems.append(f"{where}: file {path} does not exist")
                continue
            if anchor and not LINE_RANGE.match(anchor):
                body = target.read_text(encoding="utf-8")
                start = re.search(rf"ANCHOR:\s*{re.escape(anchor)}\b", body)
                end = re.search(rf"ANCHOR_END:\s*{re.escape(anchor)}\b", body)
                if not start or not end:
                    problems.append(f"{where}: no ANCHOR/ANCHOR_END '{anchor}' in {path}")
    return problems


TEST_NAME = re.compile(r"`([a-z_][a-z0-9_]*(?:::[A-Za-z0-9_]+)+(?:::)?)`")
MODEL_LINE = re.compile(r"(?:loom|shuttle)-model name=(\S+)")
RUST_NOISE = re.compile(r'//[^\n]*|"(?:\\.|[^"\\])*"')


class Suites:
    """The test suites under verification/ (a directory with a main.rs),
    read once: their module files and their code without comments and
    string literals, so that a name only inside a string does not count."""

    def __init__(self, root: pathlib.Path):
        self.suites = {}
        for main in sorted((root / "verification").glob("*/main.rs")):
            d = main.parent
            self.suites[d] = {f.relative_to(d): RUST_NOISE.sub("", f.read_text(encoding="utf-8"))
                              for f in sorted(d.rglob("*.rs"))}

    def modules(self) -> set[str]:
        """First segments that name a test module of some suite."""
        out = set()
        for files in self.suites.values():
            for rel, code in files.items():
                if rel.parts[0] != "main.rs":
                    out.add(rel.parts[0].removesuffix(".rs"))
                out.update(re.findall(r"\bmod\s+(\w+)", code))
        return out

    def resolves(self, name: str) -> bool:
        segs = name.removesuffix("::").split("::")
        is_module = name.endswith("::")
        for files in self.suites.values():
            # The module path is the file path (`lockfree::blocks::x` is
            # `fn x` in lockfree/blocks.rs, or lockfree/blocks/mod.rs).
            mods = segs if is_module else segs[:-1]
            paths = [pathlib.Path(*mods[:-1], mods[-1] + ".rs"), pathlib.Path(*mods, "mod.rs")]
            for rel in paths:
                code = files.get(rel)
                if code is not None and (is_module or re.search(rf"\bfn\s+{segs[-1]}\b", code)):
                    return True
            # Tests written by macros (`shared_suite!(bounded1, ...)` makes
            # `mutex::bounded1::fifo_one_producer`): every segment must be
            # an identifier of the suite, and the last a function or a
            # macro argument.
            code = "\n".join(files.values())
            if not is_module and all(re.search(rf"\b{s}\b", code) for s in segs) and (
                    re.search(rf"\bfn\s+{segs[-1]}\b|[(,;]\s*{segs[-1]}\b", code)):
                return True
        return False


# Paths into the checkers' own crates (`loom::cell::UnsafeCell`): a test
# module of the same name (the async target's `loom::`) does not make them
# test names.
CRATE_ITEMS = {"loom": {"cell", "sync", "thread", "model", "hint", "future", "lazy_static"},
               "shuttle": {"sync", "thread", "future", "hint", "rand", "scheduler"}}


def crate_item(name: str) -> bool:
    segs = name.split("::")
    return len(segs) > 1 and segs[1] in CRATE_ITEMS.get(segs[0], ())


def check_test_names(src: pathlib.Path) -> list[str]:
    """Every test the book names exists under verification/."""
    suites = Suites(src.parent.parent)
    modules = suites.modules()
    problems = []
    for f in sorted(src.rglob("*")):
        if f.suffix not in (".md", ".txt"):
            continue
        text = f.read_text(encoding="utf-8")
        names = {m.group(1) for m in TEST_NAME.finditer(text)
                 if m.group(1).split("::")[0] in modules and not crate_item(m.group(1))}
        names |= {m.group(1) for m in MODEL_LINE.finditer(text)}
        for name in sorted(names):
            if not suites.resolves(name):
                problems.append(f"{f.relative_to(src.parent)}: `{name}` names no test "
                                "under verification/ (cite a test by its path)")
    return problems


LAB_CLAIM = re.compile(
    r"^Kill table: `(\w+)` killed by `([^`]+)`(?:, failing test `([^`]+)`)?\.$", re.M)


def kill_table(src: pathlib.Path) -> dict[str, list[str]]:
    """generated/mutants.md: {mutant: its row's cells}."""
    rows = {}
    for line in (src / "generated" / "mutants.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        m = re.match(r"^`(\w+)`: (.*)$", cells[0])
        if len(cells) == 5 and m:  # `name`: bug | killed by | lincheck | time | failing
            rows[m.group(1)] = [m.group(1), m.group(2)] + cells[1:]
    return rows


def check_labs(src: pathlib.Path) -> list[str]:
    """The exercises' kill-table claims and mutant names hold; every
    chapter has at least three exercises and points to them."""
    problems = []
    rows = kill_table(src)
    patches = src.parent.parent / "verification" / "mutants"
    exercises = (src / "exercises.md").read_text(encoding="utf-8")
    claims = LAB_CLAIM.findall(exercises)
    if not claims:
        problems.append("exercises.md: no 'Kill table:' line (the checker labs are unchecked)")
    for mutant, suite, test in claims:
        row = rows.get(mutant)
        if row is None:
            problems.append(f"exercises.md: {mutant}: no row in the kill table")
        elif row[2] != suite or (test and test not in row[5]):
            problems.append(f"exercises.md: {mutant} is killed by {row[2]} ({row[5]}), "
                            f"not {suite}" + (f" ({test})" if test else ""))
    for md in sorted(src.glob("*.md")):
        for name in re.findall(r"cargo verify --mutant (\w+)", md.read_text(encoding="utf-8")):
            if name != "NAME" and not (patches / f"{name}.patch").is_file():
                problems.append(f"{md.name}: `cargo verify --mutant {name}`: no such seeded bug")
    sections = re.split(r"^## ", exercises, flags=re.M)[1:]
    titles = {}
    for sec in sections:
        title = sec.splitlines()[0].strip()
        n = len(re.findall(r"^### ", sec, re.M))
        titles[title] = n
        if n < 3:
            problems.append(f"exercises.md: section '{title}' has {n} exercise(s), fewer than 3")
    summary = (src / "SUMMARY.md").read_text(encoding="utf-8")
    for title, file in re.findall(r"^- \[([^\]]+)\]\(([^)]+)\)", summary, re.M):
        if title not in titles:
            problems.append(f"exercises.md: no section '## {title}' for {file}")
        last = (src / file).read_text(encoding="utf-8").rstrip().splitlines()[-1]
        if "exercises.md#" not in last:
            problems.append(f"{file}: the last line does not point to its exercises")
    return problems


class Page(html.parser.HTMLParser):
    """Collects ids, hrefs and <code> contents of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.code_depth = 0
        self.code_text: list[str] = []
        self.empty_code = 0
        self.missing_alt = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.ids.add(a[key])
        if tag == "a" and a.get("href") is not None:
            self.hrefs.append(a["href"])
        if tag == "img" and a.get("src") is not None:
            self.hrefs.append(a["src"])
            if not (a.get("alt") or "").strip():
                self.missing_alt += 1
        if tag == "code":
            if self.code_depth == 0:
                self.code_text = []
            self.code_depth += 1

    def handle_endtag(self, tag):
        if tag == "code" and self.code_depth:
            self.code_depth -= 1
            if self.code_depth == 0 and not "".join(self.code_text).strip():
                self.empty_code += 1

    def handle_data(self, data):
        if self.code_depth:
            self.code_text.append(data)


def parse(path: pathlib.Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def check_html(out: pathlib.Path) -> list[str]:
    problems = []
    pages = {p.resolve(): parse(p) for p in sorted(out.rglob("*.html"))}
    for path, page in pages.items():
        rel = path.relative_to(out.resolve())
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<img\b", text):
            if "Figure:" not in text[m.end():m.end() + 2000]:
                problems.append(f"{rel}: image at offset {m.start()} has no 'Figure:' description after it")
        if "{{#" in text:
            problems.append(f"{rel}: unprocessed '{{{{#' directive in the HTML")
        if page.missing_alt:
            problems.append(f"{rel}: {page.missing_alt} image(s) without alt text")
        if page.empty_code:
            problems.append(f"{rel}: {page.empty_code} empty <code> element(s)")
        for href in page.hrefs:
            problems += check_link(out.resolve(), path, href, pages)
    return problems


def check_link(root, page_path, href, pages) -> list[str]:
    parsed = urllib.parse.urlsplit(href)
    if parsed.scheme or parsed.netloc or href.startswith("//"):
        return []  # external: not checked offline
    rel = page_path.relative_to(root)
    target = page_path
    if parsed.path:
        target = (page_path.parent / urllib.parse.unquote(parsed.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if root not in target.parents and target != root:
            return [f"{rel}: link '{href}' leaves the book"]
        if not target.exists():
            return [f"{rel}: broken link '{href}'"]
    fragment = urllib.parse.unquote(parsed.fragment)
    if fragment and target.suffix == ".html":
        page = pages.get(target) or parse(target)
        if fragment not in page.ids:
            return [f"{rel}: link '{href}': no id '{fragment}' in {target.relative_to(root)}"]
    return []


def check_browser(out: pathlib.Path) -> list[str]:
    """Opens every page in headless Chromium, served over local HTTP."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    problems = []
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
            for path in sorted(out.rglob("*.html")):
                rel = path.relative_to(out).as_posix()
                problems += check_page(browser, base, rel)
            problems += check_search(browser, base)
            browser.close()
    finally:
        server.shutdown()
    return problems


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# A block may stick out of the content column by a few characters at most.
OVERFLOW_SLACK_PX = 24
# The smallest figure text, in CSS pixels as displayed.
MIN_FIGURE_TEXT_PX = 12
VIEWPORT = {"width": 1280, "height": 800}

# Every table and `pre` block (listings and captured output are `pre`)
# inside the content column, with how far its content sticks out of it.
OVERFLOW_JS = """(slack) => {
    const main = document.querySelector('#mdbook-content main, .content main, main');
    if (!main) return [];
    const cs = getComputedStyle(main);
    const column = main.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const out = [];
    const blocks = [...main.querySelectorAll('table, pre')];
    blocks.forEach((el, i) => {
        // A listing scrolls inside its <code> (mdBook makes that the
        // scrolling box), so the widest of the block and its code counts.
        const inner = [...el.querySelectorAll(':scope > code')].map(c => c.scrollWidth);
        const width = Math.max(el.scrollWidth, el.getBoundingClientRect().width, ...inner);
        const over = Math.round(width - column);
        if (over > slack) {
            const kind = el.tagName.toLowerCase();
            const n = [...main.querySelectorAll(kind)].indexOf(el) + 1;
            const heading = (() => {
                let h = null;
                for (const c of main.querySelectorAll('h1, h2, h3, h4')) {
                    if (c.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) h = c;
                }
                return h ? h.textContent.trim() : '';
            })();
            const text = el.textContent.trim().replace(/\s+/g, ' ').slice(0, 60);
            out.push({kind, n, over, column: Math.round(column), heading, text});
        }
    });
    return out;
}"""

# The rendered size of every <text> of every SVG image on the page: the SVG
# is fetched, laid out inline at the image's displayed size, measured, and
# removed again.
FIGURE_TEXT_JS = """async (minPx) => {
    const out = [];
    for (const img of [...document.querySelectorAll('main img')]) {
        const src = img.getAttribute('src') || '';
        if (!src.toLowerCase().endsWith('.svg')) continue;
        const shown = img.getBoundingClientRect();
        const body = await (await fetch(img.src)).text();
        const box = document.createElement('div');
        box.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden;';
        box.innerHTML = body;
        const svg = box.querySelector('svg');
        if (!svg) continue;
        svg.setAttribute('width', shown.width);
        svg.setAttribute('height', shown.height);
        if (!svg.getAttribute('viewBox') && img.naturalWidth) {
            svg.setAttribute('viewBox', `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
        }
        document.body.appendChild(box);
        let smallest = null;
        for (const t of svg.querySelectorAll('text')) {
            if (!t.textContent.trim()) continue;
            const m = t.getScreenCTM();
            const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
            if (smallest === null || px < smallest.px) smallest = {px, text: t.textContent.trim()};
        }
        box.remove();
        if (smallest && smallest.px < minPx - 0.05) {
            out.push({src, px: Math.round(smallest.px * 10) / 10, text: smallest.text.slice(0, 40),
                      shown: Math.round(shown.width)});
        }
    }
    return out;
}"""


def check_layout(page, rel: str) -> list[str]:
    """Blocks wider than the content column, and figure text too small."""
    problems = []
    for b in page.evaluate(OVERFLOW_JS, OVERFLOW_SLACK_PX):
        where = f" under '{b['heading']}'" if b["heading"] else ""
        problems.append(
            f"{rel}: {b['kind']} #{b['n']}{where} is {b['over']} px wider than the "
            f"{b['column']} px content column: {b['text']!r}")
    for f in page.evaluate(FIGURE_TEXT_JS, MIN_FIGURE_TEXT_PX):
        problems.append(
            f"{rel}: figure {f['src']} shown {f['shown']} px wide has text of "
            f"{f['px']} px (< {MIN_FIGURE_TEXT_PX}): {f['text']!r}")
    return problems


def check_page(browser, base: str, rel: str) -> list[str]:
    page = browser.new_page(viewport=VIEWPORT)
    problems = []
    def console(msg):
        # A page without <link rel=icon> (toc.html, the no-JavaScript sidebar)
        # makes Chromium request /favicon.ico by itself; that is not the book's.
        if msg.type == "error" and not msg.location.get("url", "").endswith("/favicon.ico"):
            problems.append(f"{rel}: console error: {msg.text} ({msg.location.get('url')})")

    page.on("console", console)
    page.on("pageerror", lambda e: problems.append(f"{rel}: page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"{rel}: request failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(
        f"{rel}: HTTP {r.status} for {r.url}"))
    # 404.html is meant to be served for missing pages; it loads fine as a page.
    page.goto(base + rel, wait_until="load")
    page.wait_for_timeout(100)
    empty = page.evaluate("""() => [...document.querySelectorAll('pre code')]
        .filter(c => c.textContent.trim() === '').length""")
    if empty:
        problems.append(f"{rel}: {empty} empty code block(s) after rendering")
    unrendered = page.evaluate("""() => [...document.querySelectorAll(
        'pre.mermaid, code.language-mermaid')].filter(d => !d.querySelector('svg')).length""")
    if unrendered:
        problems.append(f"{rel}: {unrendered} unrendered diagram(s)")
    if rel not in ("print.html", "toc.html"):  # print.html repeats every page
        problems += check_layout(page, rel)
    page.close()
    return problems


def check_search(browser, base: str) -> list[str]:
    page = browser.new_page()
    page.goto(base + "index.html", wait_until="load")
    toggle = page.locator("#mdbook-search-toggle, #search-toggle").first
    toggle.click()
    bar = page.locator("#mdbook-searchbar, #searchbar").first
    bar.click()
    page.keyboard.type("condvar", delay=50)  # typing fires the search; fill() does not
    results = page.locator("#mdbook-searchresults li, #searchresults li")
    try:
        results.first.wait_for(state="visible", timeout=10_000)
    except Exception:
        page.close()
        return ["search: typing 'condvar' into the search box showed no results"]
    n = results.count()
    page.close()
    print(f"search: 'condvar' -> {n} results")
    return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=pathlib.Path, nargs="?", help="the built book (book/book)")
    ap.add_argument("--src", type=pathlib.Path, help="Markdown sources (default: OUT/../src)")
    ap.add_argument("--browser", action="store_true", help="also check pages in headless Chromium")
    ap.add_argument("--selftest", action="store_true",
                    help="only run the self-tests of the quoted-fact checks (book/facts.py)")
    a = ap.parse_args()
    if a.selftest:
        failed = facts.selftest(a.src or pathlib.Path(__file__).resolve().parent / "src")
        print("\n".join(failed) or "check.py --selftest: passed")
        return 1 if failed else 0
    if a.out is None:
        ap.error("the built book's directory is required")
    src = a.src or a.out.parent / "src"
    if not (a.out / "index.html").is_file():
        print(f"{a.out}: no index.html; run `mdbook build book` first", file=sys.stderr)
        return 1
    problems = facts.selftest(src) + check_sources(src) + check_test_names(src)
    problems += check_labs(src) + facts.check_facts(src) + check_html(a.out)
    if a.browser:
        problems += check_browser(a.out)
    for p in problems:
        print(p, file=sys.stderr)
    pages = len(list(a.out.rglob("*.html")))
    if problems:
        print(f"check.py: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"check.py: {pages} pages, sources and links OK" + (", browser OK" if a.browser else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
