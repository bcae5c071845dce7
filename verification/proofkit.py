"""Shared helpers for the tools that check the checkers.

`verification/mutants/run.py` (seeded bugs) and `verification/ablate.py`
(weakened orderings) both build a *variant* of the crate: a copy of the
source tree, rewritten, in `<target>/proof/<tool>/tree`, and run the
verification suites against it. The copy always lives at the same path and
each suite keeps its own target directory next to it, so a variant
recompiles only chanlab itself, never loom, shuttle or proptest (after the
first variant). Every file is copied with a fresh modification time, so a file that
a previous variant changed is always recompiled. `<target>` is cargo's target
directory: `$CARGO_TARGET_DIR`, else `target/` in the repository;
`$CHANLAB_PROOF_DIR` moves the work directory itself.

Standard library only (python3 >= 3.8).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target").resolve()
WORK = Path(os.environ.get("CHANLAB_PROOF_DIR") or TARGET / "proof").resolve()

# Each suite: the cargo command, its target directory (below the tool's work
# directory, never the repo's own: cargo hashes a path package by its path
# relative to the workspace, so the copy's artifacts would get the same names
# as the repo's and a later plain `cargo test` could run a variant's binary),
# the cfg flags it needs and its environment. Order = cheap first.
SUITES = {
    "conformance": (["cargo", "test", "--test", "conformance"], "", "", {}),
    "props": (["cargo", "test", "--test", "props"], "", "", {}),
    # The async API (verification/async/): its native tests.
    "async": (["cargo", "test", "--test", "async"], "", "", {}),
    "shuttle": (
        ["cargo", "test", "--release", "--features", "shuttle", "--test", "shuttle"],
        "",
        "",
        {},
    ),
    "loom": (
        ["cargo", "test", "--release", "--test", "loom"],
        "loom",
        "--cfg chanlab_loom",
        {},
    ),
    "loom-spurious": (
        ["cargo", "test", "--release", "--test", "loom"],
        "loom-sp",
        "--cfg chanlab_loom --cfg chanlab_spurious",
        {},
    ),
    "shuttle-spurious": (
        ["cargo", "test", "--release", "--features", "shuttle", "--test", "shuttle"],
        "shuttle-sp",
        "--cfg chanlab_spurious",
        {},
    ),
    # Generated scenarios judged against the sequential spec
    # (verification/lincheck/); they share the loom and shuttle suites'
    # target directories, so their dependencies are built once.
    "lincheck": (
        ["cargo", "test", "--release", "--test", "lincheck"],
        "loom",
        "--cfg chanlab_loom",
        {},
    ),
    "lincheck-shuttle": (
        ["cargo", "test", "--release", "--features", "shuttle", "--test", "lincheck"],
        "",
        "",
        {},
    ),
    "miri": (
        ["cargo", "+nightly", "miri", "test", "--test", "conformance"],
        "miri",
        "",
        {"MIRIFLAGS": "-Zmiri-many-seeds=0..2"},
    ),
}
DEFAULT_ORDER = ["conformance", "props", "async", "shuttle", "loom", "lincheck", "lincheck-shuttle",
                 "loom-spurious", "miri"]
# Suites run on every mutant even after an earlier suite killed it, so that
# the kill table's lincheck column is filled in without `--matrix`.
ALWAYS_RUN = {"lincheck", "lincheck-shuttle"}

# A run longer than this is a hang (a lost wakeup in native code never ends).
# The checker suites take the caller's timeout instead.
NATIVE_TIMEOUT = {"conformance": 90, "props": 240, "async": 120}


def failed_tests(log, start):
    """Names of the failed tests in `log` from byte `start`: libtest's
    `test X ... FAILED` lines, or, when the process aborted (loom aborts
    after some deadlock reports), the test that was running."""
    text = Path(log).read_text(errors="replace")[start:]
    failed = re.findall(r"^test (\S+) \.\.\. FAILED", text, re.M)
    if not failed:
        panicked = re.findall(r"^thread '([^']+)'(?: \(\d+\))? panicked", text, re.M)
        failed = [f"{panicked[0]} (abort)"] if panicked and panicked[0] != "main" else []
    return sorted(set(failed))


def quick_env(quick):
    """Smaller checker budgets for `--quick` runs."""
    if quick:
        return {"CHANLAB_LOOM_BOUND": "2", "CHANLAB_SHUTTLE_ITERS": "1000"}
    return {"CHANLAB_SHUTTLE_ITERS": "10000", "CHANLAB_LINCHECK": "full"}


def copy_tree(dst, source=None, keep=()):
    """Copies the tracked and untracked-but-not-ignored files of the repo
    (or every file under `source`, a tree made by an earlier call) to `dst`,
    replacing it, and returns `dst`. A tool that runs many variants copies
    the repo once into a snapshot and each variant from the snapshot, so
    that edits made to the repo while it runs do not leak into variants.
    Top-level entries of `dst` named in `keep` (a build directory) survive."""
    if source is None:
        files = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"],
            cwd=ROOT, check=True, capture_output=True,
        ).stdout.decode().split("\0")
        base = ROOT
    else:
        base = Path(source)
        files = [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]
    if dst.exists():
        for entry in dst.iterdir():
            if entry.name in keep:
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    for rel in filter(None, files):
        src = base / rel
        if not src.is_file():
            continue  # deleted in the working tree, or a submodule
        out = dst / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, out)
        shutil.copymode(src, out)
    manifest = dst / "Cargo.toml"
    text = manifest.read_text()
    if "[workspace]" not in text:  # never adopted by an enclosing workspace
        manifest.write_text(text + "\n[workspace]\n")
    return dst


def _run(cmd, cwd, env, timeout, log):
    """Runs `cmd` in its own process group; returns (exit code or None on
    timeout, seconds). Output is appended to `log`."""
    start = time.monotonic()
    with open(log, "ab") as out:
        out.write(("$ " + " ".join(cmd) + "\n").encode())
        out.flush()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=out,
                                start_new_session=True)
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            rc = None
        except KeyboardInterrupt:  # Ctrl-C: its own session did not get it
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    return rc, time.monotonic() - start


# The labs (`labs/`): a lab is a `lab!(NAME: ...)` line of this file, and
# its tests are `NAME::conformance::...`, `NAME::props::...`,
# `NAME::loom_models::...`, `NAME::shuttle_models::...` and `NAME::lincheck`
# of the `labs` test target of package `chanlab-labs`.
LAB_LIST = Path("labs") / "tests" / "labs.rs"
LAB_MODULE = {
    "conformance": "conformance::", "props": "props::", "shuttle": "shuttle_models::",
    "loom": "loom_models::", "loom-spurious": "loom_models::",
    "shuttle-spurious": "shuttle_models::", "lincheck": "lincheck",
    "lincheck-shuttle": "lincheck", "miri": "conformance::",
}


def lab_names(root=ROOT):
    """The labs named in `labs/tests/labs.rs` under `root`."""
    path = Path(root) / LAB_LIST
    text = path.read_text() if path.exists() else ""
    return re.findall(r"^\s*lab!\((\w+):", text, re.M)


def lab_suite(name, lab):
    """Suite `name` on lab `lab`: the suite's command on the labs' test
    target, and the filter that selects the lab's tests (the arguments
    for `run_suite`'s `spec` and `test_args`)."""
    cmd, target, cfg, env = SUITES[name]
    at = cmd.index("--test")
    cmd = cmd[:at] + ["-p", "chanlab-labs", "--test", "labs"]
    return (cmd, target, cfg, env), ["--", f"{lab}::{LAB_MODULE[name]}"]


def run_suite(name, tree, work, quick, timeout, log, extra_env=None, test_args=(), spec=None):
    """Builds, then runs suite `name` against `tree` (with `spec`, a
    `SUITES` entry of its own, such as `lab_suite` makes, instead of the
    suite's).

    Returns (status, seconds) where status is one of `pass`, `fail` (a test
    failed, or the process aborted, as loom does after a deadlock report),
    `hang` (a native suite exceeded its `NATIVE_TIMEOUT`), `timeout` (a
    checker suite exceeded `timeout`: inconclusive), `build-error` (the variant does not
    compile: never counts as a detection) or `build-timeout`."""
    cmd, target, cfg, env_extra = spec or SUITES[name]
    env = dict(os.environ)
    env.pop("RUSTFLAGS", None)
    env.update(quick_env(quick))
    env.update(env_extra)
    env.update(extra_env or {})
    env["CARGO_TARGET_DIR"] = str(work / "target" / (target or "std"))
    env["RUSTFLAGS"] = cfg
    env["CARGO_TERM_COLOR"] = "never"
    # Progress on stderr (the build and run go to the log): `cargo verify`
    # shows these as its building and running phases.
    print(f"proof-build suite={name} tree={tree.parent.name}", file=sys.stderr, flush=True)
    rc, built = _run(cmd + ["--no-run"], tree, env, 1200, log)
    if rc is None:
        return "build-timeout", built
    if rc != 0:
        return "build-error", built
    native = name in NATIVE_TIMEOUT
    print(f"proof-run suite={name} tree={tree.parent.name}", file=sys.stderr, flush=True)
    rc, ran = _run(cmd + list(test_args), tree, env, NATIVE_TIMEOUT.get(name, timeout), log)
    # A native test that never ends is a detected hang; a checker that runs
    # out of time is inconclusive (loom, shuttle and Miri report deadlocks).
    status = ("hang" if native else "timeout") if rc is None else ("pass" if rc == 0 else "fail")
    return status, built + ran


def parse_suites(arg):
    """`a,b,c` -> list of known suite names (exits on an unknown one)."""
    names = [s for s in arg.split(",") if s]
    for s in names:
        if s not in SUITES:
            sys.exit(f"unknown suite {s!r}; known: {', '.join(SUITES)}")
    return names


def write_generated(name, text):
    """Writes `book/src/generated/<name>` and returns its path."""
    path = ROOT / "book" / "src" / "generated" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path
