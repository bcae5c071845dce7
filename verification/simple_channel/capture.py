#!/usr/bin/env python3
"""Runs each loom model of `verification/simple_channel/main.rs` in its own
process and writes what loom reports to
`book/src/generated/simple-channel-<model>.txt`.

    verification/simple_channel/capture.py

The output is made deterministic: loom explores executions in a fixed order,
so the counterexample and the iteration counts are stable; timings, paths,
thread ids and the backtrace hint are stripped. Exit status 0 when every
`article_*`/`drained_*` model fails and every `fixed_*` model passes.
Prints `simple-channel model=<m> status=<pass|fail> expected=<pass|fail> time=<s>`.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import proofkit as kit  # noqa: E402

MODELS = [
    "article_hangs_after_senders_leave",
    "fixed_reports_disconnect",
    "article_keeps_messages_after_receiver_drop",
    "drained_send_checks_closed_outside_the_lock",
    "fixed_send_races_receiver_drop",
]


def cargo(extra, env):
    cmd = ["cargo", "test", "--release", "--target-dir", "target/loom",
           "--test", "simple_channel"] + extra
    return subprocess.run(cmd, cwd=kit.ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=900)


def clean(text):
    """Keeps the test verdict and the first panic (loom's report), without
    backtraces, follow-on panics of the unwinding, or anything that varies."""
    keep, skipping, panics = [], False, 0
    for line in text.splitlines():
        line = re.sub(r"thread '[^']*'( \(\d+\))?", "thread '<t>'", line)
        line = re.sub(r"(/[\w.-]+)+/(verification|src)/", r"\2/", line)
        line = re.sub(r"finished in [\d.]+s", "finished", line)
        if line.startswith("thread '<t>' panicked"):
            panics += 1
            skipping = panics > 1
        elif line.startswith(("stack backtrace:", "note: ")):
            skipping = True
        elif skipping and not line.startswith((" ", "thread caused", "called `")):
            skipping = line.startswith("panic in a destructor")
        if skipping and not line.startswith("thread caused non-unwinding panic"):
            continue
        if line.strip().startswith(("Finished", "Running", "error: test failed", "Caused by:",
                                    "process didn't exit", "Blocking waiting for")):
            continue
        if line.strip() or (keep and keep[-1]):
            keep.append(line.rstrip())
    return "\n".join(keep).strip() + "\n"


def main():
    env = dict(os.environ, RUSTFLAGS="--cfg chanlab_loom", CARGO_TERM_COLOR="never",
               RUST_BACKTRACE="0")
    build = cargo(["--no-run"], env)
    if build.returncode != 0:
        sys.exit(build.stdout)
    ok = True
    for model in MODELS:
        start = time.monotonic()
        r = cargo(["--", "--include-ignored", "--exact", model, "--nocapture",
                   "--test-threads=1"], env)
        secs = time.monotonic() - start
        status = "pass" if r.returncode == 0 else "fail"
        expected = "pass" if model.startswith("fixed") else "fail"
        ok &= status == expected
        print(f"simple-channel model={model} status={status} expected={expected} time={secs:.0f}")
        head = (f"$ RUSTFLAGS=\"--cfg chanlab_loom\" cargo test --release --test simple_channel"
                f" -- --include-ignored --exact {model}\n# exit status: {'0' if r.returncode == 0 else 'non-zero'}\n\n")
        name = "simple-channel-" + model.replace("_", "-") + ".txt"
        kit.write_generated(name, head + clean(r.stdout))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
