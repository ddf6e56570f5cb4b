//! `codegen/schema/event-types-registry.schema.json` documents the registry format for
//! editors and users; the generator's registry reader enforces it. They must agree: every
//! registry of the repository passes both, and each single mistake below fails both.

use std::path::Path;

use events_codegen::diagnostics::Sink;
use events_codegen::load::registry::parse_registry;
use serde_json::{json, Value};

fn schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("codegen/schema/event-types-registry.schema.json")).unwrap();
    jsonschema::options().should_validate_formats(true).build(&serde_json::from_str(&text).unwrap()).unwrap()
}

fn parser_accepts(registry: &Value) -> bool {
    let mut sink = Sink::default();
    parse_registry(registry, Path::new("event-types-registry.json"), &mut sink);
    sink.is_empty()
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn every_registry_of_the_repository_is_valid_under_the_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut registries = vec![root.join("contracts/event-types-registry.json")];
    for fixture in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
        let path = fixture.unwrap().path().join("contracts/event-types-registry.json");
        if path.exists() {
            registries.push(path);
        }
    }
    assert!(registries.len() >= 5, "{registries:?}");
    let schema = schema();
    for path in registries {
        let registry = read(&path);
        let errors: Vec<String> = schema.iter_errors(&registry).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        assert!(parser_accepts(&registry), "{}", path.display());
    }
}

#[test]
fn the_schema_and_the_reader_refuse_the_same_mistakes() {
    let base = json!({
        "registry_version": "1.0.0",
        "event_types": {"lead.created": {
            "producer": "sales", "consumers": ["growth"], "owning_contract": "contracts/lead/README.md",
            "schema_versions": [{"version": 1, "payload_schema": "contracts/lead/schema/payloads/lead.created-v1.json", "status": "active", "registered_at": "2026-05-01"}]
        }}
    });
    let schema = schema();
    assert!(schema.is_valid(&base) && parser_accepts(&base));
    let entry = "/event_types/lead.created";
    let version = "/event_types/lead.created/schema_versions/0";
    type Change = Box<dyn Fn(&mut Value)>;
    let set = |pointer: String, value: Value| -> Change { Box::new(move |doc: &mut Value| *doc.pointer_mut(&pointer).unwrap() = value.clone()) };
    let remove = |pointer: &str, key: &'static str| -> Change {
        let pointer = pointer.to_owned();
        Box::new(move |doc: &mut Value| {
            doc.pointer_mut(&pointer).unwrap().as_object_mut().unwrap().remove(key);
        })
    };
    let add = |pointer: &str, key: &'static str, value: Value| -> Change {
        let pointer = pointer.to_owned();
        Box::new(move |doc: &mut Value| {
            doc.pointer_mut(&pointer).unwrap().as_object_mut().unwrap().insert(key.into(), value.clone());
        })
    };
    let rename = |from: &'static str, to: &'static str| -> Change {
        Box::new(move |doc: &mut Value| {
            let types = doc["event_types"].as_object_mut().unwrap();
            let entry = types.remove(from).unwrap();
            types.insert(to.into(), entry);
        })
    };
    let mistakes: Vec<(&str, Change)> = vec![
        ("status not lowercase", set(format!("{version}/status"), json!("Active"))),
        ("unknown status", set(format!("{version}/status"), json!("live"))),
        ("date without zero padding", set(format!("{version}/registered_at"), json!("2026-5-1"))),
        ("date that does not exist", set(format!("{version}/registered_at"), json!("2026-02-30"))),
        (
            "deprecated_at not a date",
            set(
                version.to_owned(),
                json!({"version": 1, "payload_schema": null, "status": "deprecated", "registered_at": "2026-05-01", "deprecated_at": "soon"}),
            ),
        ),
        ("version 0", set(format!("{version}/version"), json!(0))),
        ("version as text", set(format!("{version}/version"), json!("1"))),
        ("version with a fraction", set(format!("{version}/version"), json!(1.5))),
        ("version beyond u32", set(format!("{version}/version"), json!(4_294_967_296_u64))),
        ("payload_schema not a path", set(format!("{version}/payload_schema"), json!(5))),
        ("payload_schema missing", remove(version, "payload_schema")),
        ("registered_at missing", remove(version, "registered_at")),
        ("unknown version field", add(version, "colour", json!("red"))),
        ("notes not text", add(version, "notes", json!(3))),
        ("envelope 0", add(version, "envelope", json!(0))),
        ("consumer not text", set(format!("{entry}/consumers"), json!(["growth", 3]))),
        ("producer not text", set(format!("{entry}/producer"), json!(7))),
        ("producer missing", remove(entry, "producer")),
        ("owning_contract missing", remove(entry, "owning_contract")),
        ("schema_versions not a list", set(format!("{entry}/schema_versions"), json!({}))),
        ("unknown event type field", add(entry, "owner", json!("x"))),
        ("envelope as text", add(entry, "envelope", json!("2"))),
        ("unknown root field", add("", "colour", json!("red"))),
        ("event_types missing", remove("", "event_types")),
        ("event type name with capitals", rename("lead.created", "Lead.created")),
        ("event type name of one segment", rename("lead.created", "lead")),
        ("event type segment starting with a digit", rename("lead.created", "lead.1st")),
    ];
    for (what, change) in &mistakes {
        let mut doc = base.clone();
        change(&mut doc);
        assert!(!schema.is_valid(&doc), "the schema accepts: {what}");
        assert!(!parser_accepts(&doc), "the reader accepts: {what}");
    }
    // Optional fields, each well-formed: both accept.
    let fine: Vec<(&str, Change)> = vec![
        ("a root envelope", add("", "envelope", json!(2))),
        ("no owning contract", set(format!("{entry}/owning_contract"), json!(null))),
        ("an unpublished payload", set(format!("{version}/payload_schema"), json!(null))),
        ("comments", add(entry, "$comment", json!("why"))),
        ("a $schema for editors", add("", "$schema", json!("../codegen/schema/event-types-registry.schema.json"))),
        ("event type names with digits, _ and -", rename("lead.created", "lead-2.created_v")),
    ];
    for (what, change) in &fine {
        let mut doc = base.clone();
        change(&mut doc);
        assert!(schema.is_valid(&doc), "the schema refuses: {what}");
        assert!(parser_accepts(&doc), "the reader refuses: {what}");
    }
}

/// The one rule a JSON Schema cannot state: a version number appears once per event type.
#[test]
fn a_repeated_version_is_the_readers_alone() {
    let doc = json!({"event_types": {"a.b": {"producer": "p", "consumers": [], "owning_contract": null, "schema_versions": [
        {"version": 1, "payload_schema": null, "status": "active", "registered_at": "2026-05-01"},
        {"version": 1, "payload_schema": null, "status": "active", "registered_at": "2026-05-02"}
    ]}}});
    assert!(schema().is_valid(&doc));
    assert!(!parser_accepts(&doc));
}
