//! Reading the tools' output: what a step explored, counted.

/// What a step's output says it explored.
#[derive(Clone, Copy, Debug)]
pub enum Parse {
    /// libtest's `test result:` lines: tests passed.
    Tests,
    /// Tests, reported as properties of this many proptest cases each.
    Properties(u32),
    /// `loom-model name=.. iterations=N bound=B` lines.
    Loom,
    /// `shuttle-model name=.. scheduler=S schedules=N` lines.
    Shuttle,
    /// `run_all.sh`'s `ok` lines.
    Runs,
    /// libtest's `test result:` lines, one set per Miri seed.
    Seeds(u32),
    /// `verification/ablate.py`: `ablation site=..` rows, or the
    /// `ablation-check` line of `--check`.
    Ablation,
    /// `verification/mutants/run.py`: `mutant name=.. killed_by=..` lines.
    Mutants,
    /// `verification/sanitize.sh`: `sanitizer name=.. status=.. tests=N`.
    Sanitizer,
    /// `lincheck checker=.. channel=.. scenarios=N interleavings=M` lines.
    Lincheck,
}

/// Reads what a step explored from its output: a description and a count
/// (zero means nothing ran, which is a failure).
pub fn explored(parse: Parse, text: &str) -> (String, u64) {
    match parse {
        Parse::Tests | Parse::Properties(_) => {
            let passed: u64 = summaries(text).sum();
            match parse {
                Parse::Properties(cases) => {
                    (format!("{passed} properties × {cases} cases"), passed)
                }
                _ => (format!("{passed} tests"), passed),
            }
        }
        Parse::Loom => {
            let (models, iters, bounds) = models(text, "loom-model ", "iterations", "bound");
            let bounds = match bounds.is_empty() {
                true => String::new(),
                false => format!(" ({bounds})"),
            };
            let what = format!(
                "{}, {} iterations{bounds}",
                crate::count(models as usize, "model"),
                thousands(iters)
            );
            (what, models)
        }
        Parse::Shuttle => {
            let (models, runs, _) = models(text, "shuttle-model ", "schedules", "scheduler");
            let what = crate::count(models as usize, "model");
            (format!("{what}, {} schedules", thousands(runs)), models)
        }
        Parse::Runs => {
            let n = text.lines().filter(|l| l.starts_with("ok ")).count() as u64;
            (format!("{n} example runs"), n)
        }
        Parse::Seeds(seeds) => {
            // Miri runs the seeds in parallel and prints libtest's summary
            // once per seed; every seed runs the same tests.
            let per_seed = summaries(text).max().unwrap_or(0);
            (
                format!("{per_seed} tests × {seeds} seeds"),
                per_seed * u64::from(seeds),
            )
        }
        Parse::Ablation => ablation(text),
        Parse::Mutants => {
            if let Some(check) = text.lines().find(|l| l.starts_with("mutants-check ")) {
                let rows = field(check, "rows").unwrap_or("0");
                let n = rows.parse().unwrap_or(0);
                return (format!("{rows} committed kills match the patches"), n);
            }
            let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("mutant ")).collect();
            let killed = rows
                .iter()
                .filter(|l| field(l, "killed_by").is_some_and(|k| !NOT_KILLED.contains(&k)))
                .count();
            let n = rows.len() as u64;
            (format!("{n} seeded bugs, {killed} killed"), n)
        }
        Parse::Lincheck => {
            let lines = text.lines().filter(|l| l.starts_with("lincheck checker="));
            let (mut scenarios, mut runs) = (0, 0);
            let mut bounds = std::collections::BTreeMap::<u64, u64>::new();
            for l in lines {
                scenarios += field(l, "scenarios")
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(0);
                runs += field(l, "interleavings")
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(0);
                // loom: `bounds=2:7,0:1`, scenarios per exhaustive bound.
                let pairs = field(l, "bounds").unwrap_or_default();
                for (b, n) in pairs.split(',').filter_map(|p| p.split_once(':')) {
                    let (Ok(b), Ok(n)) = (b.parse(), n.parse::<u64>()) else {
                        continue;
                    };
                    *bounds.entry(b).or_default() += n;
                }
            }
            let mut what = format!("{scenarios} scenarios, {} executions", thousands(runs));
            if !bounds.is_empty() {
                let per: Vec<String> = bounds
                    .iter()
                    .rev()
                    .map(|(b, n)| format!("{n} at bound {b}"))
                    .collect();
                what += &format!(" ({})", per.join(", "));
            }
            (what, scenarios)
        }
        Parse::Sanitizer => {
            let lines = text.lines().filter(|l| l.starts_with("sanitizer "));
            let tests: u64 = lines
                .filter_map(|l| field(l, "tests")?.parse::<u64>().ok())
                .sum();
            (format!("{tests} tests (conformance, drop-in)"), tests)
        }
    }
}

/// The passed count of every libtest summary (`test result: ok. N passed;
/// M failed; ...`) in the output, read from its `. N passed; ` part alone.
/// libtest writes a summary in three pieces (`test result: `, the verdict,
/// then `. N passed; ...`), and Miri's parallel seeds share one stdout, so
/// the pieces of two seeds' summaries can interleave with each other and
/// with half-printed `test name ... ` lines; the counts piece stays whole.
fn summaries(text: &str) -> impl Iterator<Item = u64> + '_ {
    text.match_indices(" passed; ").filter_map(|(at, _)| {
        let before = text[..at].rsplit_once(". ")?.1;
        before.parse::<u64>().ok()
    })
}

/// `killed_by` values that are not a kill.
const NOT_KILLED: &[&str] = &["none", "build-error", "stale", "absent"];

/// The value of `key=` in a `prefix key=value ...` line.
pub fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    line.split_whitespace()
        .find_map(|f| f.strip_prefix(key)?.strip_prefix('='))
}

/// What an ablation step explored: its check line (`--check`), or its rows.
fn ablation(text: &str) -> (String, u64) {
    if let Some(check) = text.lines().find(|l| l.starts_with("ablation-check ")) {
        let rows = field(check, "rows").unwrap_or("0");
        let sampled = field(check, "sampled").unwrap_or("0");
        let n = rows.parse().unwrap_or(0);
        let rerun = match sampled {
            "0" => String::new(),
            k => format!("; {k} re-run under loom"),
        };
        return (format!("{rows} committed rows match the source{rerun}"), n);
    }
    let results: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("ablation site="))
        .filter_map(|l| field(l, "result"))
        .collect();
    let count = |p: &str| results.iter().filter(|r| r.starts_with(p)).count();
    let n = results.len() as u64;
    (
        format!(
            "{n} weakenings: {} caught by loom, {} justified (bound 2)",
            count("caught"),
            count("justified")
        ),
        n,
    )
}

/// Counts `prefix key=value ...` lines: (lines, sum of `count_key`, the
/// distinct values of `tag_key` joined).
fn models(text: &str, prefix: &str, count_key: &str, tag_key: &str) -> (u64, u64, String) {
    let (mut n, mut sum, mut tags) = (0, 0, Vec::<String>::new());
    for line in text
        .lines()
        .filter_map(|l| l.find(prefix).map(|i| &l[i + prefix.len()..]))
    {
        n += 1;
        for field in line.split_whitespace() {
            match field.split_once('=') {
                Some((k, v)) if k == count_key => sum += v.parse::<u64>().unwrap_or(0),
                Some((k, v)) if k == tag_key && !tags.iter().any(|t| t == v) => tags.push(v.into()),
                _ => {}
            }
        }
    }
    tags.sort(); // tests finish in any order; the summary must not depend on it
    let tags = tags
        .iter()
        .map(|t| {
            if t.parse::<u32>().is_ok() {
                format!("{tag_key} {t}")
            } else {
                t.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    (n, sum, tags)
}

pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
#[path = "step_tests.rs"]
mod tests;
