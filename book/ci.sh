#!/usr/bin/env bash
# The book's CI: everything that must hold for the book to be published.
#
#   book/ci.sh              generate --check, mdbook build, check.py
#   book/ci.sh --browser    the same, plus headless Chromium over every page
#
# Installs the pinned mdBook if missing; with --browser, installs Debian's
# chromium and the `playwright` Python package (no browser download).
set -euo pipefail
cd "$(dirname "$0")/.."

MDBOOK_VERSION=0.5.4
browser=false
case "${1:-}" in
    "") ;;
    --browser) browser=true ;;
    *) echo "usage: book/ci.sh [--browser]" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*" >&2; }
start=$(date +%s)

if ! mdbook --version 2>/dev/null | grep -q "v$MDBOOK_VERSION"; then
    step "installing mdbook $MDBOOK_VERSION"
    cargo install mdbook --locked --version "$MDBOOK_VERSION"
fi

step "book/generate.sh --check (tool output in the book is up to date)"
book/generate.sh --check

step "mdbook build book"
rm -rf book/book
mdbook build book

if $browser; then
    if [ ! -x /usr/bin/chromium ]; then
        step "installing chromium"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
    fi
    if ! python3 -c 'import playwright' 2>/dev/null; then
        step "installing playwright (Python package only)"
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 python3 -m pip install -q playwright
    fi
    step "python3 book/check.py book/book --browser"
    python3 book/check.py book/book --browser
else
    step "python3 book/check.py book/book"
    python3 book/check.py book/book
fi

printf '\nbook/ci.sh: all checks passed in %ss\n' "$(( $(date +%s) - start ))" >&2
