//! Turns benchmark results into tables and plots: by default the committed
//! data into the book's generated pages, or a user's own run into a
//! directory of their choice.
//!
//! By default it reads every `benches/results/ratio-<cpu>.json` (one per CPU
//! model the data covers) and `benches/results/memory.json`, and writes
//! `book/src/generated/bench-table.md` (one section per machine) and one SVG
//! per chanlab channel, `book/src/generated/ratio-<name>.svg` (one band per
//! machine). `--input` names other ratio files (or directories of them),
//! `--memory` a memory result, `--out` the directory to write to.
//!
//! A machine whose file is older than the last commit that touched `src/`
//! (`git log -1 -- src/`) is marked "measured before the current code".
//! Without git, or outside a repository, no such mark is made. A run with
//! rounds in which other processes took more than a quarter of the machine
//! is marked not to be quoted.
//!
//! ```text
//! cargo run --example bench_report            # regenerate the book's pages
//! cargo run --example bench_report -- --check # fail if any of them is stale
//! cargo run --example bench_report -- --input target/bench-results/ratio-amd-epyc.json --out plots
//! cargo run --example bench_report -- --help  # every flag
//! ```
//!
//! The SVGs are written by hand (`bench_report/svg.rs`), so the output is
//! byte-for-byte reproducible and needs no plotting or font library.

// The report reads counts; only the harness records them.
#[allow(dead_code)]
#[path = "../benches/common/cost.rs"]
mod cost;
#[path = "../benches/common/data.rs"]
mod data;
#[path = "bench_report/machine.rs"]
mod machine;
#[path = "../benches/common/report.rs"]
mod report;
#[path = "bench_report/svg.rs"]
mod svg;
#[path = "bench_report/tasks.rs"]
mod tasks;
#[path = "../benches/common/tasks_report.rs"]
mod tasks_report;

use data::{MemoryRun, RatioRow, RatioRun};
use machine::{Machine, machine_markdown};
use report::memory_markdown;
use std::path::{Path, PathBuf};
use std::process::Command;
use svg::svg;

const USAGE: &str = "usage: cargo run --example bench_report -- [FLAG ...]

  --input PATH   a ratio result file (`cargo bench --bench ratio` writes one
                 and prints its path), or a directory whose ratio-*.json are
                 read; repeatable (default: benches/results/)
  --memory FILE  a memory result (`cargo bench --bench memory -- --out FILE`);
                 default: benches/results/memory.json without --input, none
                 with it
  --out DIR      where bench-table.md and ratio-<channel>.svg go
                 (default: book/src/generated/, the book's pages)
  --check        write nothing; fail if a file in the output directory differs
  --tasks [PATH] a task run instead (`cargo bench --bench tasks`), or a
                 directory of tasks-*.json (default: benches/results/), into
                 bench-tasks.md in --out (default: book/src/generated/)
  -h, --help     print this and exit";

/// What to read and where to write.
struct Opts {
    inputs: Vec<PathBuf>,
    memory: Option<PathBuf>,
    out: PathBuf,
    check: bool,
    /// The defaults: the committed results into the book.
    book: bool,
}

fn parse(args: &[String], root: &Path) -> Result<Opts, String> {
    let (mut inputs, mut memory, mut out, mut check) = (Vec::new(), None, None, false);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .map(PathBuf::from)
                .ok_or(format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--input" => inputs.push(value()?),
            "--memory" => memory = Some(value()?),
            "--out" => out = Some(value()?),
            "--check" => check = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let results = root.join("benches/results");
    let book = inputs.is_empty() && memory.is_none() && out.is_none();
    if inputs.is_empty() {
        memory = memory.or(Some(results.join("memory.json")));
        inputs.push(results);
    }
    let out = out.unwrap_or(root.join("book/src/generated"));
    Ok(Opts {
        inputs,
        memory,
        out,
        check,
        book,
    })
}

fn read<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!(
            "{}: {e}\nproduce it with `cargo bench --bench ratio` (or `--bench memory -- --out FILE`)",
            path.display()
        );
        std::process::exit(2)
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The result files an input names: itself, or every `<harness>-*.json`
/// in it (`harness`: `ratio`, `tasks`).
fn result_files(input: &Path, harness: &str) -> Vec<PathBuf> {
    if !input.is_dir() {
        return vec![input.to_path_buf()];
    }
    let dir = input;
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = (entries.filter_map(Result::ok))
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(&format!("{harness}-")) && name.ends_with(".json")
        })
        .collect();
    files.sort();
    files
}

/// When `src/` last changed, as `YYYY-MM-DDTHH:MM:SS` in UTC (the prefix of
/// a result's `meta.date`), or `None` without git or outside a repository.
fn src_changed(root: &Path) -> Option<String> {
    let out = Command::new("git")
        .args([
            "log",
            "-1",
            "--format=%cd",
            "--date=iso-strict-local",
            "--",
            "src/",
        ])
        .env("TZ", "UTC")
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let date = String::from_utf8_lossy(&out.stdout).trim().to_string();
    date.get(..19).map(str::to_string)
}

/// Every generated file and its content; `header` opens the table.
fn render(machines: &[Machine], memory: Option<&MemoryRun>, header: &str) -> Vec<(String, String)> {
    let mut md = format!("<!-- {header} Do not edit. -->\n\n");
    machines.iter().for_each(|m| md += &machine_markdown(m));
    md += &memory.map_or(String::new(), memory_markdown);
    let mut files = vec![("bench-table.md".to_string(), md)];
    let mut ours: Vec<&str> = Vec::new();
    for name in machines.iter().flat_map(|m| m.run.names("ours")) {
        if !ours.contains(&name) {
            ours.push(name);
        }
    }
    for name in ours {
        let sections: Vec<(String, Vec<RatioRow>)> = (machines.iter())
            .map(|m| (m.label(), m.run.rows(name)))
            .filter(|(_, rows)| !rows.is_empty())
            .collect();
        files.push((format!("ratio-{name}.svg"), svg(name, &sections)));
    }
    files
}

/// Every machine of the inputs, each marked stale if it predates `src/`.
fn machines(inputs: &[PathBuf], root: &Path) -> Vec<Machine> {
    let changed = src_changed(root);
    let files: Vec<PathBuf> = inputs
        .iter()
        .flat_map(|i| result_files(i, "ratio"))
        .collect();
    if files.is_empty() {
        eprintln!(
            "no ratio-*.json in {}; produce one with `cargo bench --bench ratio`",
            inputs
                .iter()
                .map(|i| i.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        std::process::exit(2);
    }
    (files.iter())
        .map(|path| {
            let run: RatioRun = read(path);
            let measured = run.meta.date.get(..19).unwrap_or("");
            let stale = changed.as_deref().is_some_and(|c| measured < c);
            Machine { run, stale }
        })
        .collect()
}

/// Writes the files that differ (or, with `--check`, names them); returns
/// the stale ones.
fn emit(files: Vec<(String, String)>, opts: &Opts) -> Vec<String> {
    let mut stale = Vec::new();
    for (name, content) in files {
        let path = opts.out.join(&name);
        if std::fs::read(&path).ok().as_deref() == Some(content.as_bytes()) {
            continue;
        }
        if opts.check {
            stale.push(name);
            continue;
        }
        std::fs::create_dir_all(&opts.out)
            .unwrap_or_else(|e| panic!("creating {}: {e}", opts.out.display()));
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        println!("wrote {}", path.display());
    }
    stale
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return;
    }
    if args.iter().any(|a| a == "--tasks") {
        return tasks::main(&args, &root);
    }
    let opts = parse(&args, &root).unwrap_or_else(|e| {
        eprintln!("{e}\n{USAGE}");
        std::process::exit(2)
    });
    let machines = machines(&opts.inputs, &root);
    let memory: Option<MemoryRun> = opts.memory.as_deref().map(read);
    let header = if opts.book {
        "Generated by `cargo run --example bench_report` from benches/results/.".to_string()
    } else {
        let shown: Vec<String> = opts
            .inputs
            .iter()
            .map(|i| i.display().to_string())
            .collect();
        format!(
            "Generated by `cargo run --example bench_report` from {}.",
            shown.join(", ")
        )
    };
    let stale = emit(render(&machines, memory.as_ref(), &header), &opts);
    if !stale.is_empty() {
        eprintln!(
            "stale generated files (run `cargo run --example bench_report`): {}",
            stale.join(", ")
        );
        std::process::exit(1);
    }
}
