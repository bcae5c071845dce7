//! The suites `cargo verify` knows, one entry each: what the suite checks,
//! what it explores, the channels it covers, its typical time, and how to
//! build its steps. Adding a suite is adding one entry to [`SUITES`].

use crate::cli::Mode;
use crate::miri;
use crate::miri_async;
use crate::plan::{self, Channel};
use crate::proof;
use crate::step::Step;

/// A typical duration on a two-core machine, in seconds, and whether it was
/// measured or estimated from other steps' timings.
#[derive(Clone, Copy, Debug)]
pub struct Time {
    /// Seconds, for every channel the suite covers together.
    pub secs: u32,
    /// `true`: measured; `false`: estimated.
    pub measured: bool,
}

/// Measured.
const fn m(secs: u32) -> Time {
    Time {
        secs,
        measured: true,
    }
}

/// Estimated.
const fn e(secs: u32) -> Time {
    Time {
        secs,
        measured: false,
    }
}

/// What the steps of a suite are built from.
pub struct Ctx<'a> {
    /// How deep the run goes.
    pub mode: Mode,
    /// The channels selected (`--channel`), in table order.
    pub channels: &'a [&'static Channel],
    /// Whether every channel is selected (suites that run once, for all
    /// channels together, run only then).
    pub all_channels: bool,
}

/// One verification suite.
pub struct Suite {
    /// The name `--only` takes.
    pub name: &'static str,
    /// What a pass means, in one line.
    pub checks: &'static str,
    /// What it explores, in one line.
    pub explores: &'static str,
    /// The channels it has steps for (`all`: one step for every channel).
    pub channels: &'static str,
    /// Typical time in the quick, full and `--all` runs.
    pub time: [Time; 3],
    /// Builds its steps.
    pub steps: fn(&Ctx) -> Vec<Step>,
}

impl Suite {
    /// The typical time in `mode`.
    pub fn time(&self, mode: Mode) -> Time {
        self.time[mode as usize]
    }
}

/// Where the times of [`SUITES`] come from, for `--list`.
pub const TIMES_FROM: &str = "\
Times are seconds or minutes on a two-core VM (Intel Xeon) busy with other
builds (load average 8 to 10 during the runs), quick / default run, with the
crate and the checkers' builds already made by an earlier run. `m`: measured
in one run of the mode; `e`: estimated (--all's Miri from earlier runs of
Miri on every conformance test, its ablation from the two rows the quick run
re-runs, its seeded bugs from the kill table's times). A first run on a
fresh machine adds the builds: the examples in release mode and
ThreadSanitizer's std took about 8 minutes each here, and the quick run's
first ablation and seeded-bug re-runs build their scratch copies'
dependencies (about 17 more minutes).
";

/// Every suite, cheapest first: the order the run takes.
pub const SUITES: &[Suite] = &[
    Suite {
        name: "conformance",
        checks: "std::sync::mpsc's documented behaviour, on std itself (the oracle) and each channel",
        explores: "each channel's tests, edge cases included (the table counts them): every method, error, disconnection and drop order",
        channels: "std mutex lockfree ring",
        time: [m(6), m(9), m(9)],
        steps: |c| each(c, plan::conformance),
    },
    Suite {
        name: "props",
        checks: "random operation sequences agree with a VecDeque model",
        explores: "proptest: 64 cases per property (quick), 256 (full)",
        channels: "std mutex lockfree ring",
        time: [m(2), m(11), m(11)],
        steps: |c| each(c, |ch, m| plan::props(ch, m.quick())),
    },
    Suite {
        name: "traits",
        checks: "every auto trait of every handle (Send, Sync, Unpin, UnwindSafe, RefUnwindSafe) matches std's",
        explores: "compile-time assertions",
        channels: "all",
        time: [m(1), m(1), m(1)],
        steps: |c| once(c, || plan::test("traits", "traits", &[])),
    },
    Suite {
        name: "dropin",
        checks: "a std::sync::mpsc program gives the same output on each channel",
        explores: "one program per channel, only its `use` line changed",
        channels: "all",
        time: [m(1), m(1), m(1)],
        steps: |c| once(c, || plan::test("dropin", "dropin", &[])),
    },
    Suite {
        name: "examples",
        checks: "every example checks its own outcome on every channel it supports",
        explores: "about 45 example runs (release build)",
        channels: "all",
        time: [m(12), m(17), m(17)],
        steps: |c| once(c, plan::examples),
    },
    Suite {
        name: "loom",
        checks: "every interleaving and permitted load value of small models: no lost message, wakeup or race",
        explores: "loom models, exhaustive or bounded to 2 (quick) or 3 (full) preemptions",
        channels: "mutex lockfree ring",
        time: [m(273), e(600), e(600)],
        steps: |c| each(c, |ch, m| plan::loom(ch, m.quick())),
    },
    Suite {
        name: "shuttle",
        checks: "larger models under a controlled scheduler: order, no loss, no deadlock",
        explores: "random, PCT and DFS schedules, 1,000 (quick) or 10,000 (full) per model",
        channels: "mutex lockfree ring",
        time: [m(12), m(99), m(99)],
        steps: |c| each(c, |ch, m| plan::shuttle(ch, m.quick())),
    },
    Suite {
        name: "async",
        checks: "recv_async, send_async and stream: std's behaviours, the cancellation contract, threads and tasks on one channel",
        explores: "the async tests on a small executor and on tokio; loom models of tasks and threads waiting together; shuttle random, PCT and DFS schedules",
        channels: "mutex lockfree ring",
        time: [m(110), e(200), e(200)],
        steps: |c| {
            let quick = c.mode.quick();
            let checkers = [None, Some("loom"), Some("shuttle")];
            let each = c.channels.iter().flat_map(|ch| checkers.map(|k| (ch, k)));
            each.filter_map(|(ch, k)| plan::asynchronous(ch, k, quick))
                .collect()
        },
    },
    Suite {
        name: "lincheck",
        checks: "every result of generated scenarios fits some sequential order allowed by the channel spec",
        explores: "generated scenarios per capacity: 3 (quick) or 8 (full) under loom, each at the largest bound up to 2 that fits a budget of executions; 12 (quick) or 40 (full) under shuttle PCT",
        channels: "mutex lockfree ring",
        time: [m(185), e(750), e(750)],
        steps: |c| each_twice(c, plan::lincheck),
    },
    Suite {
        name: "miri",
        checks: "no undefined behaviour under Stacked Borrows, data races included",
        explores: "the conformance tests that reach each channel's unsafe code in distinct ways (miri.rs; --all: every test), 2 (quick) or 4 scheduler seeds",
        channels: "lockfree ring (+ mutex with --all)",
        time: [m(124), m(237), e(2400)],
        steps: |c| each(c, |ch, m| miri::miri(ch, false, m)),
    },
    Suite {
        name: "miri-tree",
        checks: "the same under Tree Borrows",
        explores: "as `miri`, with 2 seeds (4 with --all): the schedules are the Stacked Borrows run's to explore",
        channels: "lockfree ring (+ mutex with --all)",
        time: [m(143), m(216), e(3370)],
        steps: |c| each(c, |ch, m| miri::miri(ch, true, m)),
    },
    Suite {
        name: "miri-async",
        checks: "no undefined behaviour in the async API's futures, wakers and cancellation, data races included",
        explores: "the async tests that reach each channel's unsafe code in distinct ways (miri_async.rs; --all: the channel's whole async module), 2 (quick) or 4 scheduler seeds",
        channels: "lockfree ring (+ mutex with --all)",
        time: [m(8), m(15), m(119)],
        steps: |c| each(c, miri_async::miri_async),
    },
    Suite {
        name: "tsan",
        checks: "ThreadSanitizer finds no data race in native runs",
        explores: "the conformance and drop-in tests, std rebuilt with -Zbuild-std",
        channels: "all",
        time: [m(7), m(20), m(20)],
        steps: |c| once(c, || proof::tsan(miri::miri_missing())),
    },
    Suite {
        name: "ablation",
        checks: "every atomic ordering is needed: weakened, a loom model fails (or a written reason says why none can)",
        explores: "the committed table against the source; quick re-runs 2 rows, --all every row",
        channels: "all",
        time: [m(177), m(1), e(3700)],
        steps: |c| once(c, || proof::ablation(c.mode)),
    },
    Suite {
        name: "mutants",
        checks: "every seeded bug (verification/mutants/) is killed by some suite",
        explores: "the committed kill table against the patches; quick re-runs 5 bugs (one per channel, two of the labs), --all every one",
        channels: "all",
        time: [m(204), m(1), e(1810)],
        steps: |c| once(c, || proof::mutants(c.mode)),
    },
];

/// One step per selected channel that `f` has a step for.
fn each(c: &Ctx, f: fn(&Channel, Mode) -> Option<Step>) -> Vec<Step> {
    c.channels.iter().filter_map(|ch| f(ch, c.mode)).collect()
}

/// Two steps per selected channel that `f` has steps for: loom, then shuttle.
fn each_twice(c: &Ctx, f: fn(&Channel, Mode, bool) -> Option<Step>) -> Vec<Step> {
    let both = c
        .channels
        .iter()
        .flat_map(|ch| [f(ch, c.mode, true), f(ch, c.mode, false)]);
    both.flatten().collect()
}

/// One step for every channel together, run only when no `--channel`
/// narrows the run.
fn once(c: &Ctx, f: impl FnOnce() -> Step) -> Vec<Step> {
    if c.all_channels { vec![f()] } else { vec![] }
}

/// The suite named `name`.
pub fn find(name: &str) -> Option<&'static Suite> {
    SUITES.iter().find(|s| s.name == name)
}

/// Every suite name, for error messages.
pub fn names() -> String {
    SUITES.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
}
