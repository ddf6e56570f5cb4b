//! The shape of the generated API (issue 15): getter docs with the schema's description and
//! constraints, escaped for rustdoc; comparison derives decided from the fields; required
//! properties by name; the index; `type_attribute`/`field_attribute`.

mod support;

use events_codegen::Problem;
use serde_json::json;
use support::Set;

fn one_event(properties: serde_json::Value, required: &[&str]) -> Set {
    Set::new().event("a.b", "a", json!({"type": "object", "additionalProperties": false, "required": required, "properties": properties}))
}

/// The lines of `source` from the first containing `start` up to the next containing `end`.
fn block<'a>(source: &'a str, start: &str, end: &str) -> &'a str {
    let from = source.find(start).unwrap_or_else(|| panic!("{start:?} not in:\n{source}"));
    let len = source[from..].find(end).unwrap_or_else(|| panic!("{end:?} not after {start:?}"));
    &source[from..from + len]
}

#[test]
fn getters_carry_description_and_constraints() {
    let source = one_event(
        json!({
            "code": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO code <ISO 4217>, see [list]."},
            "count": {"type": "integer", "minimum": 1, "maximum": 9},
            "kind": {"type": "string", "enum": ["a", "b"]},
            "tags": {"type": "array", "items": {"type": "string", "maxLength": 5}, "maxItems": 3, "uniqueItems": true},
            "at": {"type": "string", "format": "date-time"}
        }),
        &["code"],
    )
    .generate()
    .unwrap();
    let code = block(&source, "/// ISO code", "pub fn code(");
    assert!(code.contains("/// ISO code \\<ISO 4217\\>, see \\[list\\]."), "description escaped:\n{code}");
    assert!(code.contains("/// Property `code` (required). Pattern: `^[A-Z]{3}$`"), "pattern in words:\n{code}");
    let count = block(&source, "/// Property `count`", "pub fn count(");
    assert!(count.contains("(optional; `None` when absent). Integer from 1 to 9."), "{count}");
    let kind = block(&source, "/// Property `kind`", "pub fn kind(");
    assert!(kind.contains("One of `\"a\"`, `\"b\"`."), "{kind}");
    let tags = block(&source, "/// Property `tags`", "pub fn tags(");
    assert!(tags.contains("An array of at most 3 items, no two items equal; each item: length: at most 5 characters."), "{tags}");
    let at = block(&source, "/// Property `at`", "pub fn at(");
    assert!(at.contains("Format: `date-time`"), "{at}");
    // The checked string's own docs show its pattern.
    let code_type = block(&source, "checked_string!", "Code(");
    assert!(code_type.contains("Pattern: `^[A-Z]{3}$`"), "{code_type}");
}

#[test]
fn comparison_derives_follow_every_field() {
    let source = Set::new()
        .event("a.b", "a", support::object(json!({"n": {"type": "integer"}, "s": {"type": "string"}, "e": {"type": "string", "enum": ["x"]}})))
        .event("c.d", "c", support::object(json!({"n": {"type": "integer"}, "f": {"type": "number", "maximum": 1.5}})))
        .event("e.f", "e", support::object(json!({"m": {"type": "object", "additionalProperties": {"type": "integer"}}})))
        .event("g.h", "g", support::object(json!({"inner": {"type": "object", "properties": {"any": {}}}})))
        .generate()
        .unwrap();
    // The comparison derives: the first `#[derive(…)]` of the attributes before the struct.
    let derive_of = |ty: &str| {
        let before = &source[..source.find(&format!("pub struct {ty} {{")).unwrap_or_else(|| panic!("{ty} missing"))];
        let attrs = &before[before.rfind("///").unwrap()..];
        attrs[attrs.find("#[derive(").unwrap()..].split(")]").next().unwrap().split_whitespace().collect::<String>().trim_end_matches(',').to_owned()
    };
    assert_eq!(derive_of("ABV1"), "#[derive(Debug,Clone,PartialEq,Eq,Hash,PartialOrd,Ord");
    assert_eq!(derive_of("CDV1"), "#[derive(Debug,Clone,PartialEq", "a bounded number: no Eq");
    assert_eq!(derive_of("EFV1"), "#[derive(Debug,Clone,PartialEq,Eq", "a map: Eq only");
    assert_eq!(derive_of("GHV1"), "#[derive(Debug,Clone,PartialEq", "transitively: a nested any value");
}

#[test]
fn required_properties_go_by_name_and_companion_names_never_clash() {
    // A nested object named after the payload's companion struct gets another name.
    let source =
        one_event(json!({"a_b_v1_required": {"type": "object", "properties": {"x": {"type": "string"}}}, "y": {"type": "string"}}), &["y"]).generate().unwrap();
    assert_eq!(source.matches("pub struct ABV1Required {").count(), 1, "{source}");
    assert!(source.contains("pub fn new(required: ABV1Required) -> Self"));
    assert!(source.contains("pub fn into_parts(self) -> ABV1Parts"));
    assert!(source.contains("pub struct ABV1Required2 {"), "the nested type yields the name");
    // A property cannot take the name of a method.
    let source = one_event(json!({"into_parts": {"type": "string"}}), &[]).generate().unwrap();
    assert!(source.contains("into_parts2: Option<String>"), "{source}");
}

#[test]
fn the_index_maps_event_types_to_rust_types() {
    let dir = tempfile::tempdir().unwrap();
    let root = one_event(json!({"x": {"type": "string"}}), &[]).write(dir.path());
    let generated = events_codegen::Config::new(&root).generate().unwrap();
    assert!(generated.index.contains("| Event type | Version | Rust type | Producer | Consumers | Status |"), "{}", generated.index);
    assert!(generated.index.contains("| `a.b` | 1 | [`ABV1`](a::ABV1) |"), "{}", generated.index);
    assert!(generated.source.contains("#[doc(alias = \"a.b\")]"), "searching the event type finds its type");
}

#[test]
fn type_and_field_attributes_land_where_their_paths_say() {
    let set = one_event(json!({"x": {"type": "string"}, "k": {"type": "string", "enum": ["p"]}}), &["x"]);
    let source = set
        .generate_with(|c| {
            c.type_attribute("a.b", "#[allow(clippy::all)]")
                .type_attribute("a::K", "#[allow(unused)] #[allow(dead_code)]")
                .field_attribute("a.b@1::x", "#[allow(unused)]")
                .field_attribute("k", "#[allow(dead_code)]");
        })
        .unwrap();
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    let payload = squash(block(&source, "#[doc(alias", "object_codec!"));
    assert!(
        payload.contains(&squash("#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)] #[allow(clippy::all)] pub struct ABV1 {")),
        "after the derives:\n{payload}"
    );
    assert!(payload.contains(&squash("#[allow(unused)] x: String,")), "{payload}");
    assert!(payload.contains(&squash("#[allow(dead_code)] k: Option<K>,")), "{payload}");
    let k = squash(block(&source, "#[derive(", "impl K {"));
    assert!(k.contains(&squash("#[allow(unused)] #[allow(dead_code)] pub enum K {")), "both attributes of the text: {k}");
    assert!(!k.contains("clippy"), "an event path names the payload type only");
}

#[test]
fn bad_attribute_rules_are_reported_not_panicked() {
    let set = one_event(json!({"x": {"type": "string"}}), &[]);
    let problems = set
        .generate_with(|c| {
            c.type_attribute("a.b", "derive(Hash)").type_attribute("no.such", "#[allow(unused)]").field_attribute("ABV1::nope", "#[allow(unused)]");
        })
        .unwrap_err();
    let messages: Vec<String> = problems
        .iter()
        .map(|(_, _, p)| match p {
            Problem::BadConfig(m) => m.clone(),
            other => panic!("unexpected problem {other:?}"),
        })
        .collect();
    assert_eq!(messages.len(), 1, "bad text is found before the contract set is read: {messages:?}");
    assert!(messages[0].contains("type_attribute(\"a.b\", \"derive(Hash)\"): not an outer attribute"), "{messages:?}");

    let problems = set
        .generate_with(|c| {
            c.type_attribute("no.such", "#[allow(unused)]").field_attribute("ABV1::nope", "#[allow(unused)]");
        })
        .unwrap_err();
    let messages: Vec<String> = problems.iter().map(|(_, _, p)| p.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("type_attribute(\"no.such\"") && m.contains("matches no generated type")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("field_attribute(\"ABV1::nope\"") && m.contains("matches no field")), "{messages:?}");
}

/// With contract features, a consumer that left a domain out gets `NotCompiledIn` (naming
/// the feature) for that domain's events, not an "unknown version" it cannot tell apart
/// from a malformed event.
#[test]
fn events_of_a_domain_left_out_decode_to_not_compiled_in_naming_its_feature() {
    let set = Set::new().event("a.b", "a", json!({"type": "object", "additionalProperties": false, "properties": {}}));
    let source = set.generate_with(|c| {
        c.contract_features(true);
    });
    let source: String = source.unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let arm = r#"#[cfg(not(feature = "a"))] ("a.b", 1u64) => { return ::events_runtime::DecodeError::NotCompiledIn { event_type: event_type.to_owned(), version, feature: "a", }; }"#;
    assert!(source.contains(arm), "{}", block(&source, "fn unknown", "REGISTERED"));
    let without = Set::new().event("a.b", "a", json!({"type": "object", "properties": {}})).generate().unwrap();
    assert!(!without.contains("NotCompiledIn"), "without features every registered version is compiled in");
}
