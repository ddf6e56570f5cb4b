//! The generator's switches of issue #14: `Config::schemars` and `Config::producer_features`.
//! Both are off by default and emit nothing then; what they emit is pinned by the fixture
//! snapshots (`tests/snapshots/contracts_mini_{schemars,producers}.rs`) and exercised by the
//! root crate's tests (tests/schemars.rs, tests/compile_fail.rs, tests/domain_crate.rs).

mod support;

use events_codegen::{Config, Problem};
use serde_json::json;
use support::{object, Set};

fn anchored() -> Set {
    Set::new().event(
        "a.b",
        "a",
        json!({
            "type": "object",
            "additionalProperties": false,
            "properties": {"code": {"$ref": "#code"}},
            "$defs": {"code": {"$anchor": "code", "type": "string", "pattern": "^[a-z]+$"}}
        }),
    )
}

#[test]
fn both_switches_are_off_by_default_and_emit_nothing() {
    let source = Set::new().event("a.b", "a", object(json!({"x": {"type": "string"}}))).generate().unwrap();
    for absent in ["mod json_schema", "schemars", "mod produce", "Produce<", "'produce"] {
        assert!(!source.contains(absent), "default output contains {absent:?}");
    }
}

#[test]
fn producer_features_name_every_producer_of_a_registered_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut set = Set::new();
    set.producers.push("billing".into());
    let set = set.event("a.b", "a", object(json!({}))).event("a.c", "a", object(json!({})));
    let root = set.write(dir.path());
    let generated = Config::new(&root).producer_features(true).generate().unwrap();
    assert_eq!(generated.producer_features, ["produce-shop"], "billing produces nothing, so it has no feature");
    assert!(generated.source.contains("#[cfg(feature = \"produce-shop\")]"));
    assert!(Config::new(&root).generate().unwrap().producer_features.is_empty());
}

/// A `$ref` to an anchor generates (the validation program resolves it), but the schemars
/// bundle cannot express it: with `schemars` on, that is an error at the `$ref`, not a
/// schema that quietly differs from the contract.
#[test]
fn schemas_that_cannot_be_bundled_are_errors_only_with_schemars() {
    assert!(anchored().generate().is_ok(), "an anchor ref generates without schemars");
    let problems = anchored().generate_with(|c| {
        c.schemars(true);
    });
    let problems = problems.expect_err("an anchor ref cannot be bundled");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (file, pointer, problem) = &problems[0];
    assert!(file.ends_with("a.b-v1.json"), "{file}");
    assert_eq!(pointer, "/properties/code/$ref");
    assert!(matches!(problem, Problem::Unsupported(m) if m.contains("schemars") && m.contains("anchor")), "{problem:?}");
}

#[test]
fn schemars_embeds_one_bundle_per_payload_behind_the_feature() {
    let set = Set::new().event("a.b", "a", object(json!({"x": {"type": "string", "format": "email"}})));
    let source = set
        .generate_with(|c| {
            c.schemars(true);
        })
        .unwrap();
    assert!(source.contains("#[cfg(feature = \"schemars\")]"));
    assert_eq!(source.matches("contract_json_schema!(").count(), 1, "one impl per payload type");
    assert!(source.contains(r#""format":"email""#), "the contract's keywords are in the bundle as written");
}
