//! Where an interleaved harness's result goes (`--out`, `--out-dir`, or the
//! default under the target directory) and how to reproduce it.

use super::data::RatioRun;
use super::machine;
use super::opts::Opts;
use std::path::{Path, PathBuf};

/// How to reproduce a run of bench target `bench` with `args` (cargo's own
/// `--bench` argument left out).
pub fn command_line(bench: &str, args: &[String]) -> String {
    let features = if cfg!(feature = "stats") {
        " --features stats"
    } else {
        ""
    };
    let mut command = format!("cargo bench{features} --bench {bench}");
    let shown: Vec<&String> = args.iter().filter(|a| *a != "--bench").collect();
    if !shown.is_empty() {
        command += " --";
        shown.iter().for_each(|a| command += &format!(" {a}"));
    }
    command
}

/// The result files of this run: `--out FILE`, `--out-dir DIR`'s
/// `<harness>-<cpu>.json`, or, with neither, the default file under the
/// target directory when run as a benchmark.
fn destinations<S>(opts: &Opts<S>, harness: &str, cpu: &str) -> Vec<PathBuf> {
    let named = machine::named_file(harness, cpu);
    let mut paths: Vec<PathBuf> = opts.out.iter().map(PathBuf::from).collect();
    paths.extend(opts.out_dir.iter().map(|dir| Path::new(dir).join(&named)));
    if paths.is_empty() && opts.bench {
        paths.push(machine::default_results_dir().join(&named));
    }
    paths
}

/// Writes `run` to each destination and says where; a file written into
/// the committed `benches/results/` is said out loud. `hint` says how to
/// render a file written elsewhere, `FILE` standing for its path.
pub fn write_results<S>(run: &RatioRun, opts: &Opts<S>, harness: &str, hint: &str) {
    let json = serde_json::to_string_pretty(run).expect("serialisable") + "\n";
    for path in destinations(opts, harness, &run.meta.cpu) {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        }
        let existed = path.exists();
        std::fs::write(&path, &json).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        let shown = machine::shown(&path);
        eprintln!("wrote {shown}");
        match (committed(&path), existed) {
            (true, true) => eprintln!(
                "note: this replaced a committed result (`git diff {shown}` shows the \
                 change, `git checkout {shown}` undoes it)"
            ),
            (true, false) => eprintln!(
                "note: a new result in benches/results/: commit it with the code it measured, \
                 or delete it"
            ),
            (false, _) => eprintln!("{}", hint.replace("FILE", &shown)),
        }
    }
}

/// Whether `path` lies in the committed results directory.
fn committed(path: &Path) -> bool {
    let results = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/results");
    let parent = path.parent().and_then(|d| d.canonicalize().ok());
    parent.is_some_and(|d| results.canonicalize().is_ok_and(|c| c == d))
}
