//! Where the run writes: cargo's target directory (wherever
//! `CARGO_TARGET_DIR` or `build.target-dir` put it), the step logs and the
//! summary inside it, and how a path is shown to the reader.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static TARGET: OnceLock<PathBuf> = OnceLock::new();

/// Finds the target directory; called once, before the runner moves to the
/// repository root, so that a relative `CARGO_TARGET_DIR` is read against
/// the directory `cargo verify` was typed in, as cargo reads it.
pub fn init() {
    TARGET.get_or_init(find_target);
}

/// cargo's target directory, absolute. `cargo verify` runs this binary
/// from `<target>/<profile>/`, so the directory two levels up from it is
/// the one cargo used, however it was chosen; `CARGO_TARGET_DIR`, then
/// `target/` in the repository, for a binary run from elsewhere.
pub fn target_dir() -> &'static Path {
    TARGET.get_or_init(find_target)
}

fn find_target() -> PathBuf {
    let exe = std::env::current_exe().ok();
    let from_exe = exe.as_deref().and_then(|e| e.parent()?.parent());
    if let Some(dir) = from_exe.filter(|d| d.join("CACHEDIR.TAG").exists()) {
        return dir.to_path_buf();
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => cwd.join(dir),
        _ => repo_root().join("target"),
    }
}

/// The repository root (this crate is `verification/runner/`).
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map_or_else(|| manifest.join("../.."), Path::to_path_buf)
}

/// `path` as the reader should type it from `base`: relative when it lies
/// below `base`, else absolute.
pub fn shown_from(path: &Path, base: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}

/// `path` as typed from the repository root.
pub fn shown(path: &Path) -> String {
    shown_from(path, &repo_root())
}

/// Where a step's whole output is kept: `<target>/verify-logs/NAME.log`.
pub fn step_log(suite: &str, channel: &str) -> PathBuf {
    let name: String = format!("{suite}-{channel}")
        .chars()
        .filter(|c| !"()".contains(*c))
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    target_dir().join("verify-logs").join(format!("{name}.log"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_below_the_base_are_shown_relative() {
        let base = Path::new("/repo");
        assert_eq!(
            shown_from(Path::new("/repo/target/loom"), base),
            "target/loom"
        );
        assert_eq!(shown_from(Path::new("/elsewhere/t"), base), "/elsewhere/t");
        assert_eq!(shown_from(base, base), "/repo");
    }

    #[test]
    fn step_logs_have_plain_names() {
        let log = step_log("miri (tree)", "ring");
        assert!(log.ends_with("verify-logs/miri-tree-ring.log"), "{log:?}");
    }
}
