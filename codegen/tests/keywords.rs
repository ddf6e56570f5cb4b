//! Every keyword of the README's table: the supported ones generate, the refused ones fail
//! generation with file, pointer and the documented reason. One contract set per case.

use std::path::Path;

use events_codegen::{Config, Problem};
use serde_json::{json, Value};

const ENVELOPE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/contracts-mini/contracts/event-envelope/schema/envelope-v1.json");

/// A contract set with one event, `probe.checked` v1, whose payload has property `x` = `property`.
fn generate_with(property: Value) -> Result<String, Vec<(String, String, Problem)>> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("contracts");
    std::fs::create_dir_all(root.join("event-envelope/schema")).unwrap();
    std::fs::create_dir_all(root.join("probe/schema/payloads")).unwrap();
    std::fs::copy(ENVELOPE, root.join("event-envelope/schema/envelope-v1.json")).unwrap();
    let registry = json!({"event_types": {"probe.checked": {"producer": "shop", "consumers": [], "owning_contract": null,
        "schema_versions": [{"version": 1, "payload_schema": "contracts/probe/schema/payloads/probe.checked-v1.json", "status": "active", "registered_at": "2026-01-01"}]}}});
    std::fs::write(root.join("event-types-registry.json"), registry.to_string()).unwrap();
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://x/probe/schema/payloads/probe.checked-v1.json",
        "title": "probe.checked payload v1",
        "type": "object", "additionalProperties": false, "required": ["x"],
        "$defs": {"thing": {"type": "object", "properties": {"a": {"type": "string"}}}},
        "properties": {"x": property}
    });
    std::fs::write(root.join("probe/schema/payloads/probe.checked-v1.json"), schema.to_string()).unwrap();
    write_shared(&root);
    Config::new(&root).generate().map(|g| g.source).map_err(|d| d.0.into_iter().map(|d| (d.file.display().to_string(), d.pointer, d.problem)).collect())
}

fn write_shared(root: &Path) {
    std::fs::create_dir_all(root.join("probe/schema/common")).unwrap();
    std::fs::write(root.join("probe/schema/common/shared.json"), json!({"$defs": {"code": {"type": "string", "pattern": "^[A-Z]+$"}}}).to_string()).unwrap();
}

/// `source` without any whitespace, so that needles do not depend on line breaks.
/// `source` without whitespace and doc comments (a struct's fields carry their getters' docs).
fn squeezed(source: &str) -> String {
    source.lines().filter(|l| !l.trim_start().starts_with("///")).flat_map(str::chars).filter(|c| !c.is_whitespace()).collect()
}

/// Every supported keyword generates, and the generated code carries what the keyword
/// says: each needle (compared without whitespace) is where the constraint lands in the
/// emitted type — bounds in the type's parameters, patterns and formats in its rules,
/// `required` as a non-`Option` field. Dropping a keyword changes the needle, so the case fails.
#[test]
fn supported_keywords_generate_types_that_carry_them() {
    let cases: Vec<(Value, &[&str])> = vec![
        (json!({"type": "string"}), &["#[object(text)] x: ::events_runtime::__private::CompactString,"]),
        (json!({"type": ["string", "null"]}), &["#[object(null, text)] x: Option<::events_runtime::__private::CompactString>,"]),
        (
            json!({"type": "object", "properties": {"a": {"type": "integer"}}, "required": ["a"], "additionalProperties": false}),
            &["pub struct X { #[object(copy)] a: ::events_runtime::Integer, }", "x: X,"],
        ),
        (json!({"type": "string", "enum": ["a", "b"]}), &["string_enum! {", "pub enum X { A = \"a\", B = \"b\", }"]),
        (json!({"type": ["string", "null"], "enum": ["a", null]}), &["pub enum X { A = \"a\", }", "x: Option<X>,"]),
        (json!({"const": "fixed"}), &["pub const VALUE: &'static str = \"fixed\";", "x: X,"]),
        (
            json!({"type": "string", "pattern": "^per_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"}),
            &["x: super::super::ids::PersonId,"],
        ),
        (json!({"type": "string", "pattern": "^[A-Z]{3}$"}), &["X(::events_runtime::StringRules::ANY.pattern(\"^[A-Z]{3}$\"))", "x: X,"]),
        (json!({"type": "string", "minLength": 1, "maxLength": 3}), &["x: ::events_runtime::BoundedString<1, 3>,"]),
        (json!({"type": "string", "format": "date-time"}), &["x: ::events_runtime::Timestamp,"]),
        (json!({"type": "string", "format": "date"}), &["x: ::events_runtime::Date,"]),
        (json!({"type": "string", "format": "email"}), &["X(::events_runtime::StringRules::ANY.format(::events_runtime::StringFormat::Email))"]),
        (json!({"type": "string", "format": "uri"}), &["X(::events_runtime::StringRules::ANY.format(::events_runtime::StringFormat::Uri))"]),
        (json!({"type": "string", "format": "uuid"}), &["X(::events_runtime::StringRules::ANY.format(::events_runtime::StringFormat::Uuid))"]),
        // exclusiveMinimum 0 and exclusiveMaximum 10 are implied by minimum 1 and maximum 9.
        (
            json!({"type": "integer", "minimum": 1, "maximum": 9, "exclusiveMinimum": 0, "exclusiveMaximum": 10, "multipleOf": 3}),
            &["x: ::events_runtime::Int<1, 9, 3>,"],
        ),
        (json!({"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 10}), &["x: ::events_runtime::Int<1, 9"]),
        (json!({"type": "number"}), &["x: ::events_runtime::Number,"]),
        (
            json!({"type": "number", "minimum": 0, "exclusiveMaximum": 5.5, "multipleOf": 0.25}),
            &["X(::events_runtime::NumberRules::ANY.minimum(0f64).exclusive_maximum(5.5f64).multiple_of(0.25f64))"],
        ),
        (
            json!({"type": "number", "exclusiveMinimum": -1.5, "maximum": 1e6}),
            &["X(::events_runtime::NumberRules::ANY.exclusive_minimum(-1.5f64).maximum(1000000f64))"],
        ),
        (
            json!({"allOf": [{"$ref": "#/$defs/thing"}, {"required": ["a"]}]}),
            &["pub struct X { #[object(text)] a: ::events_runtime::__private::CompactString, #[object(rest)] extra: ::events_runtime::Map<::events_runtime::Json>, }"],
        ),
        (json!({"allOf": [{"type": "string", "minLength": 2}, {"maxLength": 5}]}), &["x: ::events_runtime::BoundedString<2, 5>,"]),
        (
            json!({"$ref": "#/$defs/thing", "required": ["a"]}),
            &["pub struct X { #[object(text)] a: ::events_runtime::__private::CompactString, #[object(rest)] extra: ::events_runtime::Map<::events_runtime::Json>, }"],
        ),
        (
            json!({"allOf": [
                {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
                {"oneOf": [
                    {"type": "object", "required": ["k"], "properties": {"k": {"const": "a"}}},
                    {"type": "object", "required": ["k"], "properties": {"k": {"const": "b"}}}
                ]}
            ]}),
            &[
                // `A` is reserved (the generated impls' type parameter): the struct is `A2`.
                "pub struct A2 { #[object(text)] id: ::events_runtime::__private::CompactString, #[object(rest)] extra: ::events_runtime::Map<::events_runtime::Json>, }",
                "pub struct B { #[object(text)] id: ::events_runtime::__private::CompactString, #[object(rest)] extra: ::events_runtime::Map<::events_runtime::Json>, }",
                "#[serde(rename = \"a\")] A(A2),",
                "#[serde(rename = \"b\")] B(B),",
                "decode_tagged(map, \"k\"",
            ],
        ),
        (json!({"type": "boolean"}), &["x: bool,"]),
        (
            json!({"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3, "uniqueItems": true}),
            &["x: ::events_runtime::Array<String, 1, 3, true>,"],
        ),
        (json!({"type": "array", "items": {"type": "string"}, "minItems": 2}), &["x: ::events_runtime::Array<String, 2,"]),
        (json!({"$ref": "#/$defs/thing"}), &["x: Thing,", "#[object(opt, text)] a: Option<::events_runtime::__private::CompactString>,"]),
        (
            json!({"$ref": "../common/shared.json#/$defs/code"}),
            &["x: super::super::shared::probe_schema_common_shared::Code,", "Code(::events_runtime::StringRules::ANY.pattern(\"^[A-Z]+$\"))"],
        ),
        (json!({"anyOf": [{"$ref": "#/$defs/thing"}, {"type": "null"}]}), &["x: Option<Thing>,"]),
        (
            json!({"type": "object", "oneOf": [
                {"type": "object", "required": ["k"], "properties": {"k": {"const": "a"}}},
                {"type": "object", "required": ["k"], "properties": {"k": {"const": "b"}, "n": {"type": "integer"}}}
            ]}),
            &["#[serde(rename = \"a\")] A(A2),", "#[serde(rename = \"b\")] B(B),", "decode_tagged(map, \"k\"", "n: Option<::events_runtime::Integer>,"],
        ),
        (
            json!({"type": "string", "title": "t", "description": "d", "examples": ["e"], "$comment": "c", "default": "x", "deprecated": false, "readOnly": true, "writeOnly": false, "x-owner": "sales"}),
            &["#[object(text)] x: ::events_runtime::__private::CompactString,"],
        ),
    ];
    let mut problems = Vec::new();
    for (case, needles) in cases {
        match generate_with(case.clone()) {
            Err(found) => problems.push(format!("{case} should generate, got {found:?}")),
            Ok(source) => {
                let source = squeezed(&source);
                problems.extend(needles.iter().filter(|n| !source.contains(&squeezed(n))).map(|n| format!("{case}: the generated code lacks {n:?}")));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn refused_keywords_fail_with_the_documented_reason() {
    let refused = [
        ("$dynamicRef", json!({"$dynamicRef": "#x"}), "dynamic references are not supported"),
        ("$recursiveRef", json!({"$recursiveRef": "#"}), "recursive references (2019-09) are not supported"),
        ("multipleOf 0 on number", json!({"type": "number", "multipleOf": 0}), "multipleOf must be greater than 0"),
        ("unknown keyword", json!({"type": "string", "minlength": 1}), "did you mean `minLength`?"),
        ("remote $ref", json!({"$ref": "https://example.com/s.json"}), "nothing is fetched"),
        ("$ref outside the root", json!({"$ref": "../../../../outside.json"}), "nothing is fetched"),
        ("format unknown", json!({"type": "string", "format": "hostnmae"}), "did you mean \"hostname\"?"),
        ("unsatisfiable lengths", json!({"type": "string", "minLength": 3, "maxLength": 2}), "no string validates"),
        ("const breaking its format", json!({"const": "not an email", "format": "email"}), "no value validates"),
    ];
    for (name, case, reason) in refused {
        let problems = generate_with(case.clone()).err().unwrap_or_else(|| panic!("{name}: {case} must fail generation"));
        let found = problems.iter().any(|(file, pointer, problem)| {
            file == "probe/schema/payloads/probe.checked-v1.json" && pointer.starts_with("/properties/x") && problem.to_string().contains(reason)
        });
        assert!(found, "{name}: expected a diagnostic under /properties/x saying {reason:?}, got {problems:?}");
    }
}

/// What used to be refused for having no Rust type is now a checked value: the typed core
/// plus the program of the property's whole schema (DESIGN.md §1).
#[test]
fn rules_without_a_rust_type_generate_checked_values() {
    let checked = [
        ("allOf with two patterns", json!({"allOf": [{"type": "string", "pattern": "^a"}, {"pattern": "b$"}]})),
        ("allOf with no common type", json!({"allOf": [{"type": "string"}, {"type": "integer"}]})),
        ("allOf across files", json!({"allOf": [{"$ref": "../common/shared.json#/$defs/code"}]})),
        ("allOf with not", json!({"allOf": [{"type": "string"}, {"not": {"const": "a"}}]})),
        ("not", json!({"type": "string", "not": {"const": "a"}})),
        ("if", json!({"type": "object", "if": {}, "then": {}})),
        ("patternProperties", json!({"type": "object", "patternProperties": {"^a": {}}})),
        ("propertyNames", json!({"type": "object", "propertyNames": {"pattern": "^a"}})),
        ("dependentRequired", json!({"type": "object", "dependentRequired": {"a": ["b"]}})),
        ("dependentSchemas", json!({"type": "object", "dependentSchemas": {"a": {}}})),
        ("contains", json!({"type": "array", "contains": {"type": "string"}})),
        ("prefixItems", json!({"type": "array", "prefixItems": [{"type": "string"}]})),
        ("unevaluatedProperties", json!({"type": "object", "unevaluatedProperties": false})),
        ("unevaluatedItems", json!({"type": "array", "unevaluatedItems": false})),
        ("minProperties", json!({"type": "object", "minProperties": 1})),
        ("maxProperties", json!({"type": "object", "maxProperties": 1})),
        ("$ref to an $anchor", json!({"type": "array", "items": {"$anchor": "item", "type": "string"}, "prefixItems": [{"$ref": "#item"}]})),
        ("$ref to an $anchor alone", json!({"anyOf": [{"$anchor": "word", "type": "string"}, {"type": "array", "items": {"$ref": "#word"}}]})),
    ];
    for (name, case) in checked {
        let code = generate_with(case.clone()).unwrap_or_else(|problems| panic!("{name}: {case} must generate, got {problems:?}"));
        assert!(code.contains("checked_value!"), "{name}: {case} must become a checked value");
    }
}

/// Whatever a property's schema is, generation answers with code or with diagnostics; it
/// never panics. Random schemas are built from JSON Schema's own keywords and values.
#[test]
fn arbitrary_schemas_never_panic() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config as RunnerConfig, FileFailurePersistence, RngAlgorithm, TestRng, TestRunner};

    let keyword = prop_oneof![
        Just("type"),
        Just("enum"),
        Just("const"),
        Just("properties"),
        Just("required"),
        Just("additionalProperties"),
        Just("items"),
        Just("minItems"),
        Just("maxItems"),
        Just("uniqueItems"),
        Just("minLength"),
        Just("maxLength"),
        Just("pattern"),
        Just("format"),
        Just("minimum"),
        Just("maximum"),
        Just("exclusiveMinimum"),
        Just("multipleOf"),
        Just("allOf"),
        Just("anyOf"),
        Just("oneOf"),
        Just("$ref"),
        Just("not"),
        Just("description"),
        Just("$defs"),
    ];
    let leaf = prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(Value::from),
        (-3i64..100).prop_map(Value::from),
        Just(json!(0.5)),
        prop_oneof![
            Just("string"),
            Just("integer"),
            Just("number"),
            Just("object"),
            Just("array"),
            Just("null"),
            Just("date-time"),
            Just("#/$defs/thing"),
            Just("#/nowhere"),
            Just("^[a-z]+$"),
            Just("(unclosed"),
            Just("a")
        ]
        .prop_map(Value::from),
    ];
    let schema = leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(keyword.clone(), inner, 0..5).prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    });
    // A fresh seed per run, printed; `EVENTS_PROPTEST_SEED=<n>` replays one. Failures are
    // shrunk and saved in tests/keywords.proptest-regressions (committed), replayed first.
    let seed: u64 = match std::env::var("EVENTS_PROPTEST_SEED") {
        Ok(text) => text.trim().parse().expect("EVENTS_PROPTEST_SEED is a u64"),
        Err(_) => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64) ^ u64::from(std::process::id()),
    };
    println!("property test seed: EVENTS_PROPTEST_SEED={seed}");
    let bytes: Vec<u8> = (0..4u64).flat_map(|k| (seed ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(k as u32 * 16).to_le_bytes()).collect();
    let persistence = FileFailurePersistence::Direct(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/keywords.proptest-regressions"));
    let mut runner = TestRunner::new_with_rng(
        RunnerConfig { cases: 300, failure_persistence: Some(Box::new(persistence)), ..RunnerConfig::default() },
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    runner
        .run(&schema, |property| {
            let outcome = std::panic::catch_unwind(|| generate_with(property.clone()).map(|_| ()));
            prop_assert!(outcome.is_ok(), "generation panicked on {property}");
            Ok(())
        })
        .unwrap_or_else(|e| panic!("EVENTS_PROPTEST_SEED={seed}: {e}"));
}

/// A string keyword without `type` constrains strings only: no Rust type says "a string of
/// three characters or more, or any other JSON value", so the value is any JSON value checked
/// by its program (`12` stays valid). And a `oneOf` whose branches are all objects, one of them
/// through a `$ref`, is an enum of its branches, however its `"type": "object"` restates them.
#[test]
fn type_specific_keywords_and_restated_types_are_read_for_what_they_say() {
    let code = squeezed(&generate_with(json!({"minLength": 3})).expect("generates"));
    assert!(code.contains("pubstructX(::events_runtime::Json)="), "minLength without type: a checked JSON value");
    assert!(code.contains("checks:B(&[C::MinLength(3)])"), "its program checks the length");
    let union =
        json!({"type": "object", "oneOf": [{"$ref": "#/$defs/thing"}, {"type": "object", "properties": {"b": {"type": "integer"}}, "required": ["b"]}]});
    let code = squeezed(&generate_with(union).expect("generates"));
    assert!(code.contains("pubenumX{"), "an enum of the branches");
    assert!(code.contains("Thing(Thing),"), "the referenced branch is its own type");
    assert!(!code.contains("pubstructX(::events_runtime::Json)"), "not a checked JSON value");
}
