#!/usr/bin/env python3
"""Checks the book's sources and its built HTML.

    mdbook build book && python3 book/check.py book/book [--browser]

Fails (exit status 1, one line per problem) on:
  * an include directive whose file does not exist, or whose anchor has no
    `ANCHOR:` / `ANCHOR_END:` pair in that file (mdBook renders a missing
    anchor as an empty block and leaves a missing file's directive in place,
    exiting 0 in both cases);
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
    that does not end by pointing to its section of the exercises.
With --browser, it also opens every page in headless Chromium (Debian's
/usr/bin/chromium driven by the `playwright` package; no browser download)
and fails on console errors, failed requests, empty code blocks and
unrendered mermaid diagrams, and types a query into the search box to check
that results appear.

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


LAB_CLAIM = re.compile(
    r"^Kill table: `(\w+)` killed by `([^`]+)`(?:, failing test `([^`]+)`)?\.$", re.M)


def kill_table(src: pathlib.Path) -> dict[str, list[str]]:
    """generated/mutants.md: {mutant: its row's cells}."""
    rows = {}
    for line in (src / "generated" / "mutants.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 6 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells
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


def check_page(browser, base: str, rel: str) -> list[str]:
    page = browser.new_page()
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
    ap.add_argument("out", type=pathlib.Path, help="the built book (book/book)")
    ap.add_argument("--src", type=pathlib.Path, help="Markdown sources (default: OUT/../src)")
    ap.add_argument("--browser", action="store_true", help="also check pages in headless Chromium")
    a = ap.parse_args()
    src = a.src or a.out.parent / "src"
    if not (a.out / "index.html").is_file():
        print(f"{a.out}: no index.html; run `mdbook build book` first", file=sys.stderr)
        return 1
    problems = check_sources(src) + check_labs(src) + check_html(a.out)
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
