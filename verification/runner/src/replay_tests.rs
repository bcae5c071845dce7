//! Replay commands, built from the steps `cargo verify` runs.

use super::render;
use crate::failures::{self, Failure};
use crate::paths;
use crate::plan;
use crate::step::Step;

fn step_of(suite: &str, channel: &str) -> Step {
    let opts =
        crate::cli::parse(["--only", suite, "--channel", channel].map(String::from)).unwrap();
    plan::steps(&opts).unwrap().remove(0)
}

#[test]
fn shuttle_replay_runs_one_test_on_its_schedule() {
    let step = step_of("shuttle", "mutex");
    let text = "test mutex::x ... FAILED\nTask failed, serializing schedule\nfailing schedule:\n\"\nab12\ncd\n\"\n\
                thread 'mutex::x' (1) panicked at a.rs:1:1:\n";
    let found = failures::parse(text);
    assert_eq!(found.len(), 1);
    let c = super::one(&step, &found[0]);
    let line = c.lines().nth(1).unwrap();
    assert!(line.starts_with("CHANLAB_SHUTTLE_REPLAY=ab12cd "), "{line}");
    assert!(
        line.ends_with("--test shuttle -- --nocapture --exact mutex::x"),
        "{line}"
    );
}

#[test]
fn loom_replay_records_then_replays_at_the_same_bound() {
    let step = step_of("loom", "ring");
    let f = Failure {
        test: Some("ring::capacity_one_lap_wrap".into()),
        ..Failure::default()
    };
    let c = super::one(&step, &f);
    let line = c.lines().nth(1).unwrap();
    // In the target directory, as typed from the root (`target/...`
    // unless CARGO_TARGET_DIR moves it elsewhere).
    let file =
        paths::shown(&paths::target_dir().join("loom-replay-ring__capacity_one_lap_wrap.json"));
    assert!(line.starts_with(&format!("rm -f {file}; ")), "{line}");
    assert!(line.contains("LOOM_CHECKPOINT_INTERVAL=1"), "{line}");
    assert!(line.contains("LOOM_LOCATION=1 LOOM_LOG=trace"), "{line}");
    assert_eq!(line.matches("CHANLAB_LOOM_BOUND=3").count(), 2, "{line}");
    assert_eq!(
        line.matches("--exact ring::capacity_one_lap_wrap").count(),
        2
    );
}

#[test]
fn miri_replay_uses_the_failing_seed_only() {
    let step = step_of("miri-tree", "ring");
    let f = Failure {
        test: Some("ring::a".into()),
        seed: Some(3),
        ..Failure::default()
    };
    let line = render(
        &step,
        &f,
        Some("MIRIFLAGS=\"-Zmiri-tree-borrows -Zmiri-seed=3\""),
    );
    assert!(!line.contains("many-seeds"), "{line}");
    let c = super::one(&step, &f);
    assert!(
        c.contains("MIRIFLAGS=\"-Zmiri-tree-borrows -Zmiri-seed=3\" cargo +nightly miri test"),
        "{c}"
    );
}

#[test]
fn an_unnamed_failure_reruns_the_step_on_one_thread() {
    let step = step_of("loom", "lockfree");
    let line = render(&step, &Failure::default(), None);
    assert!(
        line.ends_with("-- --nocapture lockfree:: --test-threads 1"),
        "{line}"
    );
    let loom = paths::shown(&paths::target_dir().join("loom"));
    assert!(
        line.starts_with(&format!("CARGO_TARGET_DIR={loom} ")),
        "{line}"
    );
}

#[test]
fn a_labs_proptest_replay_names_the_labs_seed_file() {
    let only = ["props".to_string()];
    let lab = crate::labs::steps("condvar", crate::cli::Mode::Quick, &only).unwrap();
    let ours = step_of("props", "ring");
    let f = Failure {
        test: Some("condvar::props::matches_model".into()),
        minimal: Some("[Send(0)]".into()),
        ..Failure::default()
    };
    let c = super::one(&lab[0], &f);
    assert!(c.contains(crate::labs::REGRESSIONS), "{c}");
    assert!(!c.contains(super::REGRESSIONS), "{c}");
    assert!(c.contains("-p chanlab-labs --test labs"), "{c}");
    let c = super::one(&ours, &f);
    assert!(c.contains(super::REGRESSIONS), "{c}");
    assert!(!c.contains(crate::labs::REGRESSIONS), "{c}");
}
