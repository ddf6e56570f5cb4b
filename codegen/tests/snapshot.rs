//! The generated code of the fixture contract set is checked in (`tests/snapshots/`), so a
//! change in generated code shows up as a reviewable diff. This test fails on any drift.

use events_codegen::Config;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn fixture_snapshot_is_up_to_date() {
    let generated = Config::new(format!("{ROOT}/tests/fixtures/contracts-mini/contracts")).generate().unwrap();
    let path = format!("{ROOT}/tests/snapshots/contracts_mini.rs");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &generated.source).unwrap();
        return;
    }
    assert!(
        committed == generated.source,
        "{path} is stale; regenerate with\n  UPDATE_SNAPSHOTS=1 cargo test -p events-codegen --test snapshot\nand review the diff"
    );
}
