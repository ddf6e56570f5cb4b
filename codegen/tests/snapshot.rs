//! The generated code of the fixture contract set is checked in (`tests/snapshots/`), so a
//! change in generated code shows up as a reviewable diff. This test fails on any drift.

use events_codegen::Config;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

#[test]
fn fixture_snapshot_is_up_to_date() {
    assert_snapshot(Config::new(format!("{ROOT}/tests/fixtures/contracts-mini/contracts")), "contracts_mini.rs");
}

/// The same fixture with `Hash`, `PartialOrd` and `Ord` on its structs and unions too.
#[test]
fn hash_and_ord_fixture_snapshot_is_up_to_date() {
    assert_snapshot(Config::new(format!("{ROOT}/tests/fixtures/contracts-mini/contracts")).hash_and_ord(true).clone(), "contracts_mini_hash_and_ord.rs");
}

/// The same fixture with producer sunset enforced as of a date after order.placed v1's cutover.
#[test]
fn sunset_fixture_snapshot_is_up_to_date() {
    assert_snapshot(
        Config::new(format!("{ROOT}/tests/fixtures/contracts-mini/contracts")).enforce_sunset_as_of("2026-03-01").clone(),
        "contracts_mini_sunset.rs",
    );
}

/// Two envelope versions side by side (`envelope-v2` adds an optional `trace_parent`), with
/// `schemars` impls for both (`tests/envelope_versions.rs` checks them under the feature).
#[test]
fn envelopes_snapshot_is_up_to_date() {
    assert_snapshot(Config::new(format!("{ROOT}/tests/fixtures/contracts-envelopes/contracts")).schemars(true).clone(), "contracts_envelopes.rs");
}

/// An envelope that is CloudEvents 1.0 structured-mode JSON, roles by `x-event-role`, with
/// `schemars` impls (`tests/cloudevents.rs` checks them under the feature).
#[test]
fn cloudevents_snapshot_is_up_to_date() {
    assert_snapshot(Config::new(format!("{ROOT}/tests/fixtures/contracts-cloudevents/contracts")).schemars(true).clone(), "contracts_cloudevents.rs");
}

/// The same fixture with producer-only construction: the `produce` module and the bounds
/// on constructors and `Envelope::builder` (tests/compile-fail/other_domains_event.rs uses it).
#[test]
fn producers_fixture_snapshot_is_up_to_date() {
    assert_snapshot(Config::new(format!("{ROOT}/tests/fixtures/contracts-mini/contracts")).producer_features(true).clone(), "contracts_mini_producers.rs");
}

/// The same fixture with `schemars` impls: the bundled schemas, among them one reaching a
/// draft-07 file across files (tests/schemars.rs checks them).
#[test]
fn schemars_fixture_snapshot_is_up_to_date() {
    assert_snapshot(Config::new(format!("{ROOT}/tests/fixtures/contracts-mini/contracts")).schemars(true).clone(), "contracts_mini_schemars.rs");
}

fn assert_snapshot(config: Config, name: &str) {
    let generated = config.generate().unwrap();
    let path = format!("{ROOT}/tests/snapshots/{name}");
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

/// What a build script watches (`cargo:rerun-if-changed`): the registry, the envelope
/// directory (so that adding `envelope-v2.json` regenerates) and its envelopes,
/// every payload schema and every file reached by a cross-file `$ref` — and nothing else,
/// so editing an example or a README does not regenerate.
#[test]
fn inputs_are_exactly_the_contract_files_read() {
    let root = std::path::Path::new(ROOT).join("tests/fixtures/contracts-mini/contracts").canonicalize().unwrap();
    let generated = Config::new(&root).generate().unwrap();
    let inputs: Vec<String> = generated.inputs.iter().map(|p| p.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/")).collect();
    assert_eq!(
        inputs,
        [
            "event-envelope/schema",
            "event-envelope/schema/envelope-v1.json",
            "event-types-registry.json",
            "shop/schema/common/money.json",
            "shop/schema/payloads/order.decided-v1.json",
            "shop/schema/payloads/order.placed-v2.json",
            "shop/schema/payloads/order.rated-v1.json",
        ]
    );
}
