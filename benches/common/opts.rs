//! The command line of the interleaved harnesses (`ratio`, `tasks`): the
//! flags they share, their defaults, and the lines of `--help` that
//! describe them. Each harness names its own shapes and contenders.

use super::data::LOADED;

/// A row a harness can measure, known on the command line by its name.
pub trait Named: Clone {
    /// The stable name (command line, result files).
    fn name(&self) -> &'static str;
}

impl Named for super::shapes::Shape {
    fn name(&self) -> &'static str {
        self.name
    }
}

/// What a harness offers: every shape, in report order, and every
/// contender's name.
pub struct Menu<S> {
    /// Every shape; the default selection.
    pub shapes: Vec<S>,
    /// Every contender's name.
    pub contenders: Vec<&'static str>,
}

/// The parsed flags.
pub struct Opts<S> {
    /// Rounds per shape.
    pub rounds: usize,
    /// Messages per run for throughput shapes (2^19: 15 rounds of them take
    /// about as long as the 7 rounds of 2^20 used before; see the README's
    /// "Holding still").
    pub n: usize,
    /// Messages (round trips) per run for latency-bound shapes (2^15).
    pub latency_n: usize,
    /// The shapes to run, in report order.
    pub shapes: Vec<S>,
    /// Contenders to run (names as in the tables); all when empty.
    pub contenders: Vec<String>,
    /// Busy threads through every round, one pass over the shapes each.
    pub load: Vec<usize>,
    /// `--out FILE`.
    pub out: Option<String>,
    /// Directory for `<harness>-<cpu>.json`, named after this machine's CPU.
    pub out_dir: Option<String>,
    /// Run by `cargo bench` (a `--bench` argument), not as a smoke test.
    pub bench: bool,
}

/// Parses `args` against `menu`. Without `--bench` (under `cargo test`)
/// the defaults are those of `--quick`.
pub fn parse<S: Named>(args: &[String], menu: &Menu<S>) -> Result<Opts<S>, String> {
    let bench = args.iter().any(|a| a == "--bench");
    let quick = args.iter().any(|a| a == "--quick") || !bench;
    let mut o = Opts {
        rounds: if quick { 3 } else { 15 },
        n: if quick { 1 << 10 } else { 1 << 19 },
        latency_n: if quick { 1 << 8 } else { 1 << 15 },
        shapes: menu.shapes.clone(),
        contenders: Vec::new(),
        load: vec![0],
        out: None,
        out_dir: None,
        bench,
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let number = |v: &String| v.parse::<usize>().map_err(|e| format!("{flag} {v}: {e}"));
        match flag.as_str() {
            "--quick" | "--bench" => {}
            "--rounds" => o.rounds = number(value()?)?.max(1),
            "--n" => o.n = number(value()?)?.max(1),
            "--latency-n" => o.latency_n = number(value()?)?.max(1),
            "--out" => o.out = Some(value()?.clone()),
            "--out-dir" => o.out_dir = Some(value()?.clone()),
            "--shapes" => o.shapes = pick(value()?, &menu.shapes)?,
            "--contenders" => o.contenders = pick_contenders(value()?, &menu.contenders)?,
            "--load" => o.load = loads(value()?)?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn pick<S: Named>(list: &str, all: &[S]) -> Result<Vec<S>, String> {
    let find = |name: &str| all.iter().find(|s| s.name() == name).cloned();
    let names: Vec<&str> = all.iter().map(Named::name).collect();
    (list.split(',').map(str::trim).filter(|n| !n.is_empty()))
        .map(|n| find(n).ok_or(format!("unknown shape {n}; shapes: {}", names.join(","))))
        .collect()
}

fn loads(list: &str) -> Result<Vec<usize>, String> {
    let numbers = list.split(',').map(str::trim).filter(|n| !n.is_empty());
    let loads: Vec<usize> = numbers
        .map(|n| n.parse().map_err(|e| format!("--load {n}: {e}")))
        .collect::<Result<_, _>>()?;
    match loads.is_empty() {
        true => Err("--load needs a number of busy threads".into()),
        false => Ok(loads),
    }
}

fn pick_contenders(list: &str, names: &[&str]) -> Result<Vec<String>, String> {
    (list.split(',').map(str::trim).filter(|n| !n.is_empty()))
        .map(|n| match names.contains(&n) {
            true => Ok(n.to_string()),
            false => Err(format!(
                "unknown contender {n}; contenders: {}",
                names.join(",")
            )),
        })
        .collect()
}

/// The lines of `--help` for the shared flags; `harness` names the result
/// file (`ratio`, `tasks`).
pub fn flags_usage<S: Named>(menu: &Menu<S>, harness: &str) -> String {
    let shapes: Vec<&str> = menu.shapes.iter().map(Named::name).collect();
    format!(
        "  --rounds R          rounds per shape (default 15; 3 with --quick)
  --n N               messages per run of a throughput shape (default 2^19)
  --latency-n N       messages or round trips per run of a handoff, rendezvous
                      or pingpong shape (default 2^15)
  --quick             a smoke run: n = 2^10, latency n = 2^8, 3 rounds
  --shapes a,b,...    only these shapes (default: all of them):
{}
  --contenders a,...  only these contenders (default: all of them):
{}
  --load N[,M...]     the loaded mode: measure every shape with N threads of
                      another process spinning on the CPU through every round
                      (its rows are named `<shape> +N busy`); a list measures
                      each shape at each load, 0 meaning quiet (default 0)
  --out FILE.json     write the result file to FILE.json
  --out-dir DIR       write it to DIR/{harness}-<cpu>.json, named after this CPU
                      model; `--out-dir benches/results` replaces the
                      committed result for this CPU (a measurement to commit)
  -h, --help          print this and exit

Without --out and --out-dir the result goes to bench-results/{harness}-<cpu>.json
in cargo's target directory (CARGO_TARGET_DIR if set), and its path is
printed. A round in which other processes used more than {:.0}% of the
machine's CPU time marks the run as not to be quoted (a warning in the table,
and `load_warning` in the file). Under `cargo test` (no --bench argument) it
runs the --quick version and writes no file unless asked to.",
        wrapped(&shapes),
        wrapped(&menu.contenders),
        100.0 * LOADED
    )
}

/// `names`, comma-separated, in lines of the usage's second column.
fn wrapped(names: &[&str]) -> String {
    let mut lines = vec![String::new()];
    for name in names {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.len() + name.len() + 1 > 56 {
            lines.push(String::new());
        }
        let line = lines.last_mut().expect("one line");
        *line += name;
        *line += ",";
    }
    let text: Vec<String> = lines.iter().map(|l| format!("{:22}{l}", "")).collect();
    text.join("\n").trim_end_matches(',').to_string()
}

/// The start of a harness's `main`: in the loaded mode's child
/// (`--burn N`) it spins and never returns; with `--help` it prints
/// `usage` and returns `None`; otherwise it returns the arguments and
/// their parse, or exits with status 2 and the error.
pub fn start<O>(
    harness: &str,
    usage: impl Fn() -> String,
    parse: impl Fn(&[String]) -> Result<O, String>,
) -> Option<(Vec<String>, O)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, threads] = args.as_slice()
        && flag == "--burn"
    {
        super::usage::burn(threads.parse().expect("--burn N"));
    }
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", usage());
        return None;
    }
    let opts = parse(&args).unwrap_or_else(|e| {
        eprintln!("{e}\n(cargo bench --bench {harness} -- --help lists every flag)");
        std::process::exit(2)
    });
    Some((args, opts))
}
