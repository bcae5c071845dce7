//! Where and how a result was measured, and how busy the machine was.
//!
//! Load comes from Linux's `/proc/stat` (all CPUs) minus `/proc/self/stat`
//! (this process, all its threads, live or joined): what is left is the CPU
//! time other processes took while a round ran. On a VM, `steal` is time the
//! hypervisor gave to other guests. Elsewhere the figures read as zero.

use super::data::Meta;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Describes this machine and run; `command` is how to reproduce it.
pub fn meta(command: String) -> Meta {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = (cpuinfo.lines())
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')))
        .map_or("unknown".into(), |(_, model)| model.trim().to_string());
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    let rustc = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .arg("--version")
        .output()
        .map_or("unknown".into(), |o| {
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        });
    Meta {
        cpu,
        nproc,
        date: utc_now(),
        rustc,
        command,
    }
}

/// The result file of harness `harness` (`ratio`, `tasks`) for a CPU model:
/// `<harness>-<slug>.json`, where the slug is the model name in lower case,
/// without trademarks, "CPU", "Processor" and the clock frequency, every run
/// of other characters a `-` (`Intel(R) Xeon(R) Platinum 8488C` ->
/// `ratio-intel-xeon-platinum-8488c.json`).
pub fn named_file(harness: &str, cpu: &str) -> String {
    let model = cpu.split('@').next().unwrap_or(cpu).to_lowercase();
    let model = ["(r)", "(tm)", " cpu", " processor"]
        .iter()
        .fold(model, |m, noise| m.replace(noise, " "));
    let words: Vec<&str> = model
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let slug = if words.is_empty() {
        "unknown".into()
    } else {
        words.join("-")
    };
    format!("{harness}-{slug}.json")
}

/// Where a result goes when no path is given: `bench-results/` in cargo's
/// target directory, never the committed `benches/results/`. The target
/// directory is the one this binary was built in (`<target>/<profile>/deps/`,
/// which follows `CARGO_TARGET_DIR` and `--target-dir`), else
/// `CARGO_TARGET_DIR`, else `target/` in the package.
pub fn default_results_dir() -> PathBuf {
    let exe = std::env::current_exe().ok();
    let built = (exe.as_deref().and_then(Path::parent))
        .filter(|deps| deps.file_name().is_some_and(|n| n == "deps"))
        .and_then(|deps| deps.parent()?.parent())
        .map(Path::to_path_buf);
    let target = built.unwrap_or_else(|| match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
    });
    target.join("bench-results")
}

/// `path` as printed: relative to the current directory when inside it.
pub fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd.and_then(|c| path.strip_prefix(c).ok().map(Path::to_path_buf));
    relative
        .unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}

/// `YYYY-MM-DDTHH:MM:SSZ` (days-to-civil after Howard Hinnant's algorithm).
fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (rem / 3600, rem / 60 % 60, rem % 60);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
}

/// CPU-time counters at one instant, in clock ticks.
#[derive(Clone, Copy)]
pub struct Load {
    at: Instant,
    busy: u64,
    steal: u64,
    ours: u64,
}

/// What happened between two [`Load`] samples, as fractions of the whole
/// machine (1.0 = every CPU busy for the whole interval).
#[derive(Clone, Copy, Debug)]
pub struct LoadDelta {
    /// CPU time of other processes.
    pub others: f64,
    /// Time stolen by the hypervisor.
    pub steal: f64,
}

impl Load {
    /// Reads the counters now. The CPU time of `burners` (the loaded mode's
    /// busy threads, a child process) counts as ours, not as others'.
    pub fn sample(burners: Option<u32>) -> Load {
        let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
        let cpu: Vec<u64> = (stat.lines().next().unwrap_or(""))
            .split_whitespace()
            .skip(1)
            .map(|f| f.parse().unwrap_or(0))
            .collect();
        let field = |i: usize| cpu.get(i).copied().unwrap_or(0);
        // user nice system idle iowait irq softirq steal
        let busy = field(0) + field(1) + field(2) + field(5) + field(6);
        let burned = burners.map_or(0, |pid| process_ticks(&format!("/proc/{pid}/stat")));
        Load {
            at: Instant::now(),
            busy,
            steal: field(7),
            ours: process_ticks("/proc/self/stat") + burned,
        }
    }

    /// The load since `self`, as fractions of `nproc` CPUs.
    pub fn since(&self, ticks_per_sec: f64, nproc: usize, burners: Option<u32>) -> LoadDelta {
        let now = Load::sample(burners);
        let capacity = now.at.duration_since(self.at).as_secs_f64() * ticks_per_sec * nproc as f64;
        let ours = now.ours.saturating_sub(self.ours);
        let others = now.busy.saturating_sub(self.busy).saturating_sub(ours);
        let frac = |t: u64| {
            if capacity > 0.0 {
                (t as f64 / capacity).min(1.0)
            } else {
                0.0
            }
        };
        LoadDelta {
            others: frac(others),
            steal: frac(now.steal.saturating_sub(self.steal)),
        }
    }
}

/// A process's user plus system time in clock ticks, from its
/// `/proc/<pid>/stat` (every thread, live or joined); 0 if unreadable.
fn process_ticks(path: &str) -> u64 {
    let own = std::fs::read_to_string(path).unwrap_or_default();
    // Fields after the parenthesised command name; utime, stime are 14, 15.
    let after = own.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0)
}

/// The kernel's clock tick rate for `/proc` counters (`getconf CLK_TCK`,
/// 100 on every common Linux configuration).
pub fn ticks_per_sec() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}
