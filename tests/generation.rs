//! What the generator promises a build script beyond the generated text: the
//! `cargo:rerun-if-changed` lines it prints, and when a deprecated version's producer
//! cutover falls (so when producing it becomes a compile error).

mod support;

use std::path::{Path, PathBuf};

use events_codegen::model::{build, ModelOptions};

fn mini() -> PathBuf {
    support::root().join("tests/fixtures/contracts-mini/contracts")
}

/// Set in the child process of [`compile_prints_rerun_if_changed_for_every_contract_file_read`]:
/// the directory to compile into.
const CHILD_OUT_DIR: &str = "EVENTS_TEST_COMPILE_OUT_DIR";

/// `Config::compile` prints `cargo:rerun-if-changed` for the registry, the envelope, every
/// payload schema and every file reached by a cross-file `$ref`, and for nothing else
/// (examples and READMEs). What is checked is what the process prints to stdout, as cargo
/// reads it: the test runs itself again as a child that calls `compile`.
#[test]
fn compile_prints_rerun_if_changed_for_every_contract_file_read() {
    if let Some(out) = std::env::var_os(CHILD_OUT_DIR) {
        events_codegen::Config::new(mini()).out_dir(out).compile().unwrap();
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "compile_prints_rerun_if_changed_for_every_contract_file_read", "--nocapture", "--test-threads", "1"])
        .env(CHILD_OUT_DIR, out.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&child.stdout);
    assert!(child.status.success(), "the child failed:\n{stdout}\n{}", String::from_utf8_lossy(&child.stderr));
    assert!(out.path().join("events.rs").is_file(), "compile wrote no events.rs");
    let root = mini();
    let mut watched: Vec<String> = stdout
        .lines()
        // The harness prints the test's name on the same line as the first of them.
        .filter_map(|l| l.split_once("cargo:rerun-if-changed=").map(|(_, path)| path))
        .map(|p| Path::new(p).strip_prefix(&root).unwrap_or_else(|_| panic!("{p} is outside {}", root.display())).to_string_lossy().replace('\\', "/"))
        .collect();
    watched.sort();
    assert_eq!(
        watched,
        [
            "event-envelope/schema",
            "event-envelope/schema/envelope-v1.json",
            "event-types-registry.json",
            "shop/schema/common/money.json",
            "shop/schema/payloads/order.decided-v1.json",
            "shop/schema/payloads/order.placed-v2.json",
            "shop/schema/payloads/order.rated-v1.json",
        ],
        "printed:\n{stdout}"
    );
}

/// `order.placed` v1's producer cutover and whether it is sunset on `today`, for the mini
/// fixture with its registry changed by `edit`.
fn cutover(edit: impl FnOnce(&mut serde_json::Value), grace: i64, today: &str) -> (Option<String>, bool) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("contracts");
    support::copy_dir(&mini(), &root);
    let registry = root.join("event-types-registry.json");
    let mut doc = support::read_json(&registry);
    edit(&mut doc);
    std::fs::write(&registry, doc.to_string()).unwrap();
    let contracts = events_codegen::load::load(&root).unwrap();
    let options = ModelOptions { sunset_on: Some(today.to_owned()), cutover_grace_days: grace, ..ModelOptions::default() };
    let set = build(&contracts, &options).unwrap();
    let v1 = set.events.iter().find(|e| e.name == "order.placed").unwrap().versions.iter().find(|v| v.version == 1).unwrap();
    (v1.producer_cutover.clone(), v1.sunset)
}

/// Without a later version's `active_from`, the cutover is `deprecated_at` plus the grace
/// days (calendar days: across a month end, and with another grace), and the sunset starts
/// on the cutover day itself, not the day after.
#[test]
fn sunset_fallback_cutover_is_deprecated_at_plus_grace_and_starts_that_day() {
    let fallback = |deprecated_at: &'static str| {
        move |r: &mut serde_json::Value| {
            let versions = &mut r["event_types"]["order.placed"]["schema_versions"];
            versions[0]["deprecated_at"] = deprecated_at.into();
            versions[1].as_object_mut().unwrap().remove("active_from");
        }
    };
    assert_eq!(cutover(fallback("2026-02-01"), 14, "2026-02-14"), (Some("2026-02-15".into()), false));
    assert_eq!(cutover(fallback("2026-02-01"), 14, "2026-02-15"), (Some("2026-02-15".into()), true));
    assert_eq!(cutover(fallback("2026-02-20"), 14, "2026-03-05"), (Some("2026-03-06".into()), false));
    assert_eq!(cutover(fallback("2026-02-20"), 14, "2026-03-06"), (Some("2026-03-06".into()), true));
    assert_eq!(cutover(fallback("2026-02-20"), 30, "2026-03-21"), (Some("2026-03-22".into()), false));
    assert_eq!(cutover(fallback("2026-02-20"), 30, "2026-03-22"), (Some("2026-03-22".into()), true));
}

/// With a later version's `active_from`, that date is the cutover whatever the grace, and
/// the sunset starts on it.
#[test]
fn sunset_cutover_is_the_next_versions_active_from() {
    let active_from = |r: &mut serde_json::Value| r["event_types"]["order.placed"]["schema_versions"][1]["active_from"] = "2026-04-30".into();
    assert_eq!(cutover(active_from, 14, "2026-04-29"), (Some("2026-04-30".into()), false));
    assert_eq!(cutover(active_from, 3, "2026-04-30"), (Some("2026-04-30".into()), true));
    // The fixture as it is: cutover on v2's active_from, sunset ever after.
    assert_eq!(cutover(|_| {}, 14, "2099-01-01"), (Some("2026-02-15".into()), true));
}

/// `Config::compile` writes `events.rs` when its bytes change (a stale file is replaced)
/// and leaves it alone, modification time included, when they do not, so that cargo does
/// not rebuild a crate whose bindings did not change.
#[test]
fn compile_rewrites_the_output_only_when_its_bytes_change() {
    let out = tempfile::tempdir().unwrap();
    let path = events_codegen::Config::new(mini()).out_dir(out.path()).compile().unwrap();
    assert_eq!(path, out.path().join("events.rs"));
    let fresh = std::fs::read_to_string(&path).unwrap();
    assert!(fresh.contains("pub mod shop"), "the bindings were written");

    std::fs::write(&path, "// stale").unwrap();
    events_codegen::Config::new(mini()).out_dir(out.path()).compile().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fresh, "a stale file is replaced");

    let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(long_ago).unwrap();
    events_codegen::Config::new(mini()).out_dir(out.path()).compile().unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), long_ago, "unchanged bytes are not rewritten");
}

/// A registry entry whose producer the envelope's `producer` enum does not list is refused,
/// pointing at that entry's `producer`.
#[test]
fn producer_missing_from_the_envelope_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("contracts");
    support::copy_dir(&mini(), &root);
    let registry = root.join("event-types-registry.json");
    let mut doc = support::read_json(&registry);
    doc["event_types"]["order.rated"]["producer"] = "warehouse".into();
    std::fs::write(&registry, doc.to_string()).unwrap();
    let found: Vec<(String, String, String)> = events_codegen::Config::new(&root)
        .generate()
        .unwrap_err()
        .0
        .iter()
        .map(|d| (d.file.display().to_string(), d.pointer.clone(), d.problem.to_string()))
        .collect();
    let expected = (
        "event-types-registry.json".to_owned(),
        "/event_types/order.rated/producer".to_owned(),
        "producer \"warehouse\" is not in the envelope's producer enum".to_owned(),
    );
    assert_eq!(found, [expected]);
}
