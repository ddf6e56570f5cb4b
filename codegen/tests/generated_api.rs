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
    // The docs are written on the field; the derive `Object` puts them on its getter.
    let code = block(&source, "/// ISO code", "code: Code");
    assert!(code.contains("/// ISO code \\<ISO 4217\\>, see \\[list\\]."), "description escaped:\n{code}");
    assert!(code.contains("/// Property `code` (required). Pattern: `^[A-Z]{3}$`"), "pattern in words:\n{code}");
    let count = block(&source, "/// Property `count`", "count: Option<");
    assert!(count.contains("(optional; `None` when absent). Integer from 1 to 9."), "{count}");
    let kind = block(&source, "/// Property `kind`", "kind: Option<");
    assert!(kind.contains("One of `\"a\"`, `\"b\"`."), "{kind}");
    let tags = block(&source, "/// Property `tags`", "tags: Option<");
    assert!(tags.contains("An array of at most 3 items, no two items equal; each item: length: at most 5 characters."), "{tags}");
    let at = block(&source, "/// Property `at`", "at: Option<");
    assert!(at.contains("Format: `date-time`"), "{at}");
    // The checked string's own docs show its pattern.
    let code_type = block(&source, "checked_string!", "Code(");
    assert!(code_type.contains("Pattern: `^[A-Z]{3}$`"), "{code_type}");
}

#[test]
fn comparison_derives_follow_every_field() {
    let set = Set::new()
        .event("a.b", "a", support::object(json!({"n": {"type": "integer"}, "s": {"type": "string"}, "e": {"type": "string", "enum": ["x"]}})))
        .event("c.d", "c", support::object(json!({"n": {"type": "integer"}, "f": {"type": "number", "maximum": 1.5}})))
        .event("e.f", "e", support::object(json!({"m": {"type": "object", "additionalProperties": {"type": "integer"}}})))
        .event("g.h", "g", support::object(json!({"inner": {"type": "object", "properties": {"any": {}}}})));
    let source = set.generate().unwrap();
    // The comparison derives: the first `#[derive(…)]` of the attributes before the struct.
    fn derives(source: &str, ty: &str) -> String {
        let before = &source[..source.find(&format!("pub struct {ty} {{")).unwrap_or_else(|| panic!("{ty} missing"))];
        let attrs = &before[before.rfind("///").unwrap()..];
        attrs[attrs.find("#[derive(").unwrap()..].split(")]").next().unwrap().split_whitespace().collect::<String>().trim_end_matches(',').to_owned()
    }
    let derive_of = |ty: &str| derives(&source, ty);
    assert_eq!(derive_of("ABV1"), "#[derive(Debug,Clone,PartialEq,Eq,::events_runtime::__private::Object", "Hash and Ord only when asked for");
    assert_eq!(derive_of("CDV1"), "#[derive(Debug,Clone,PartialEq,::events_runtime::__private::Object", "a bounded number: no Eq");
    assert_eq!(derive_of("EFV1"), "#[derive(Debug,Clone,PartialEq,Eq,::events_runtime::__private::Object", "a map: Eq only");
    assert_eq!(derive_of("GHV1"), "#[derive(Debug,Clone,PartialEq,::events_runtime::__private::Object", "transitively: a nested any value");
    // With `Config::hash_and_ord`, every trait the fields allow.
    let source = set.generate_with(|c| {
        c.hash_and_ord(true);
    });
    let source = source.unwrap();
    let derive_of = |ty: &str| derives(&source, ty);
    assert_eq!(derive_of("ABV1"), "#[derive(Debug,Clone,PartialEq,Eq,Hash,PartialOrd,Ord,::events_runtime::__private::Object");
    assert_eq!(derive_of("CDV1"), "#[derive(Debug,Clone,PartialEq,::events_runtime::__private::Object", "a bounded number: no Eq");
    assert_eq!(derive_of("EFV1"), "#[derive(Debug,Clone,PartialEq,Eq,::events_runtime::__private::Object", "a map: Eq only");
    assert_eq!(derive_of("GHV1"), "#[derive(Debug,Clone,PartialEq,::events_runtime::__private::Object", "transitively: a nested any value");
}

#[test]
fn required_properties_go_by_name_and_companion_names_never_clash() {
    // A nested object named after the payload's companion struct gets another name.
    let source =
        one_event(json!({"a_b_v1_required": {"type": "object", "properties": {"x": {"type": "string"}}}, "y": {"type": "string"}}), &["y"]).generate().unwrap();
    // The payload's companions are named in its derive's markers; the nested type yields the name.
    assert_eq!(source.matches("#[object(required = ABV1Required, parts = ABV1Parts)]").count(), 1, "{source}");
    assert!(source.contains("pub struct ABV1Required2 {"), "the nested type yields the name");
    assert!(!source.contains("pub struct ABV1Required {"), "the derive writes the companion:\n{source}");
    // A property cannot take the name of a method.
    let source = one_event(json!({"into_parts": {"type": "string"}}), &[]).generate().unwrap();
    assert!(source.contains("into_parts2: Option<::events_runtime::__private::CompactString>"), "{source}");
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
    let payload = squash(block(&source, "#[doc(alias", "impl "));
    assert!(
        payload.contains(&squash(
            "#[derive(Debug, Clone, PartialEq, Eq, ::events_runtime::__private::Object)] #[object(required = ABV1Required, parts = ABV1Parts)] #[allow(clippy::all)] pub struct ABV1 {"
        )),
        "after the derives and their markers:\n{payload}"
    );
    assert!(payload.contains(&squash("#[allow(unused)] #[object(text)] x: ::events_runtime::__private::CompactString,")), "{payload}");
    assert!(payload.contains(&squash("#[allow(dead_code)] #[object(opt, copy)] k: Option<K>,")), "{payload}");
    let k = squash(block(&source, "string_enum!", "P = \"p\""));
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
/// from a malformed event. The generated file is compiled with feature `a` off (the scratch
/// crate has no features) and decoded through.
#[test]
fn events_of_a_domain_left_out_decode_to_not_compiled_in_naming_its_feature() {
    let set = Set::new().event("a.b", "a", json!({"type": "object", "additionalProperties": false, "properties": {}}));
    let source = set
        .generate_with(|c| {
            c.contract_features(true);
        })
        .unwrap();
    let checks = r#"
    #[cfg(test)]
    mod left_out {
        use ::events_runtime::DecodeError;

        #[test]
        fn registered_versions_say_their_feature() {
            let error = super::any::AnyPayload::from_json("a.b", 1, b"{}").unwrap_err();
            assert!(matches!(&error, DecodeError::NotCompiledIn { event_type, version: 1, feature: "a" } if event_type == "a.b"), "{error:?}");
            let error = super::any::AnyPayload::from_json("a.b", 2, b"{}").unwrap_err();
            assert!(matches!(&error, DecodeError::UnknownVersion { event_type, version: 2, .. } if event_type == "a.b"), "{error:?}");
            let error = super::any::AnyPayload::from_json("c.d", 1, b"{}").unwrap_err();
            assert!(matches!(&error, DecodeError::UnknownEventType { event_type } if event_type == "c.d"), "{error:?}");
        }
    }
"#;
    let mut scratch = support::Scratch::new();
    scratch.add("case", &source, checks);
    let out = scratch.test().unwrap_or_else(|e| panic!("the left-out domain does not compile or decode as expected:\n{e}"));
    assert!(out.contains("1 passed"), "{out}");
    let without = Set::new().event("a.b", "a", json!({"type": "object", "properties": {}})).generate().unwrap();
    assert!(!without.contains("NotCompiledIn"), "without features every registered version is compiled in");
}

/// Contract features over several envelope versions (`AnyEvent::from_json` routed by event
/// type and version to the envelope): the table's rows carry both the envelope and the
/// feature, and with the feature off a registered version is `NotCompiledIn`, an unknown one
/// is not.
#[test]
fn routed_decoding_says_which_feature_a_left_out_version_needs() {
    let root = support::root().join("tests/fixtures/contracts-envelopes/contracts");
    let source = support::generate(&root, |c| {
        c.contract_features(true);
    })
    .unwrap();
    assert!(source.contains(r#"OrderShippedV1("order.shipped", 1, WireV2, feature = "shop"),"#), "{}", block(&source, "each_version! {", "}"));
    let checks = r##"
    #[cfg(test)]
    mod left_out {
        use ::events_runtime::DecodeError;

        #[test]
        fn routed_versions_say_their_feature() {
            let error = super::any::AnyEvent::from_json(br#"{"event_type": "order.shipped", "schema_version": 1}"#).unwrap_err();
            assert!(matches!(&error, DecodeError::NotCompiledIn { event_type, version: 1, feature: "shop" } if event_type == "order.shipped"), "{error:?}");
            let error = super::any::AnyEvent::from_json(br#"{"event_type": "order.shipped", "schema_version": 7}"#).unwrap_err();
            assert!(matches!(&error, DecodeError::UnknownVersion { version: 7, .. }), "{error:?}");
        }
    }
"##;
    let mut scratch = support::Scratch::new();
    scratch.add("case", &source, checks);
    let out = scratch.test().unwrap_or_else(|e| panic!("the routed set with contract features does not compile or decode as expected:\n{e}"));
    assert!(out.contains("1 passed"), "{out}");
}

/// Issue #12: per version, the `any` module holds its two enum variants and one row of the
/// `each_version!` table, whatever the options; every match over the variants is in the
/// macro, written once. Compiling and decoding through that module is what the tests of
/// the contract sets check; this checks where the text per version goes.
#[test]
fn the_any_module_names_each_version_in_its_variants_and_one_row() {
    let object = json!({"type": "object", "additionalProperties": false, "properties": {}});
    let set = Set::new().event("a.b", "a", object.clone()).event("c.d", "c", object);
    for features in [false, true] {
        let source = set
            .generate_with(|c| {
                c.contract_features(features);
            })
            .unwrap();
        let any = block(&source, "pub mod any {", "\n}\n");
        assert!(!any.contains("__each_version_arm_"), "a placeholder arm is left:\n{any}");
        for (variant, row) in [("ABV1(", r#"ABV1("a.b", 1"#), ("CDV1(", r#"CDV1("c.d", 1"#)] {
            assert_eq!(any.matches(variant).count(), 3, "{variant}: its two variants and its row, no match arm:\n{any}");
            assert_eq!(any.matches(row).count(), 1, "{row}:\n{any}");
        }
        let rows = block(any, "each_version! {", "}");
        assert_eq!(rows.lines().skip(1).filter(|l| !l.trim().is_empty()).count(), 2, "the table has a line a version:\n{rows}");
        assert_eq!(rows.contains(r#"feature = "a""#), features, "{rows}");
    }
}

const ORDER_ID: &str = "^ord_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

/// Event `a.b` in directory `a` with one version per payload schema, and `c.d` in
/// directory `c` whose payload is the first of them; a shared file
/// `<dir>/schema/common/money.json` for `$ref`s.
fn versions(payloads: &[serde_json::Value]) -> Set {
    let mut set = Set::new().event("c.d", "c", payloads[0].clone());
    set.events.push(("a.b".into(), "shop".into(), payloads.iter().map(|p| support::Version::new("a", p.clone())).collect()));
    let money = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["label"], "properties": {"label": {"type": "string"}}});
    set.file("a/schema/common/money.json", money.clone()).file("c/schema/common/money.json", money)
}

/// A payload schema (every property required): an enum `Kind`, a checked string `Code`, a
/// struct `Owner` of an id, a shared file's type and the `Kind`, a struct `Place` of the
/// given properties, and a struct `Holder` of a `Place` (the same text in every version,
/// but its field's type may differ).
fn payload(place: serde_json::Value) -> serde_json::Value {
    json!({
        "type": "object", "additionalProperties": false,
        "required": ["kind", "code", "owner", "place", "holder"],
        "$defs": {
            "kind": {"type": "string", "enum": ["x", "y"], "description": "The kind."},
            "place": {"type": "object", "additionalProperties": false, "properties": place}
        },
        "properties": {
            "kind": {"$ref": "#/$defs/kind"},
            "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "owner": {"type": "object", "additionalProperties": false, "required": ["order_id", "kind", "money"], "properties": {
                "order_id": {"type": "string", "pattern": ORDER_ID},
                "kind": {"$ref": "#/$defs/kind"},
                "money": {"$ref": "../common/money.json"}
            }},
            "place": {"$ref": "#/$defs/place"},
            "holder": {"type": "object", "additionalProperties": false, "properties": {"place": {"$ref": "#/$defs/place"}}}
        }
    })
}

/// The text of module `name` (`pub mod <name> {` at the given indentation) to its closing brace.
fn module<'a>(source: &'a str, indent: &str, name: &str) -> &'a str {
    let start = format!("\n{indent}pub mod {name} {{\n");
    let from = source.find(&start).unwrap_or_else(|| panic!("no module {name}:\n{source}"));
    let close = format!("\n{indent}}}\n");
    let end = source[from + 1..].find(&close).unwrap_or_else(|| panic!("module {name} not closed"));
    &source[from..from + 1 + end + close.len()]
}

/// The names a version module re-exports from its directory's `common` module.
fn reexports(version: &str) -> Vec<String> {
    let Some(start) = version.find("pub use super::common::") else { return Vec::new() };
    let list = &version[start + "pub use super::common::".len()..];
    let list = &list[..list.find(';').expect("a use statement ends")];
    list.trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace()).split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect()
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn identical_types_of_a_directorys_versions_are_defined_once() {
    let one = payload(json!({"zip": {"type": "string"}}));
    let two = payload(json!({"zip": {"type": "string"}, "city": {"type": "string"}}));
    let set = versions(&[one, two]);
    let source = set.generate().unwrap();
    assert_eq!(source, set.generate().unwrap(), "the same contracts give the same bytes");
    let a = module(&source, "", "a");
    let common = folded(module(a, "    ", "common"));
    // The enum, the checked string and the struct of ids and shared types: once, in `a::common`.
    for item in ["pub enum Kind {", "pub struct Code(", "pub struct Owner {", "#[object(required = OwnerRequired)]"] {
        assert_eq!(common.matches(item).count(), 1, "{item} in common:\n{common}");
        assert_eq!(folded(a).matches(item).count(), 1, "{item} defined once in a:\n{a}");
    }
    // Paths are written from the new module as from a version's: `ids` and `shared` are two levels up.
    assert!(common.contains("order_id: super::super::ids::OrderId,"), "{common}");
    assert!(common.contains("money: super::super::shared::a_schema_common_money::Money,"), "{common}");
    for version in ["a_b_v1", "a_b_v2"] {
        let v = folded(module(a, "    ", version));
        assert_eq!(reexports(&v), ["Kind", "Code", "Owner", "OwnerRequired"], "{version} re-exports them:\n{v}");
        // The struct whose field differs, and the one holding it, stay in each version.
        assert!(v.contains("pub struct Place {") && v.contains("pub struct Holder {"), "{version}:\n{v}");
    }
    assert!(!common.contains("Place") && !common.contains("Holder"), "{common}");
    // Another directory's identical types are its own.
    let c = folded(module(&source, "", "c"));
    assert!(c.contains("pub enum Kind {") && !c.contains("pub mod common"), "{c}");
    // Versions whose types are all equal but for the root: every nested type is shared.
    let same = payload(json!({"zip": {"type": "string"}}));
    let source = versions(&[same.clone(), same]).generate().unwrap();
    let common = folded(module(module(&source, "", "a"), "    ", "common"));
    assert!(common.contains("pub struct Place {") && common.contains("pub struct Holder {"), "{common}");
}

/// A change to a payload's `$defs`.
type Change = fn(&mut serde_json::Value);

#[test]
fn types_that_differ_in_what_shows_are_not_shared() {
    let base = payload(json!({}));
    let with = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut two = base.clone();
        change(&mut two["$defs"]);
        let source = versions(&[base.clone(), two]).generate().unwrap();
        let a = module(&source, "", "a").to_owned();
        (folded(&a).matches("pub enum Kind {").count(), a)
    };
    let (count, a) = with(&|_| {});
    assert_eq!(count, 1, "identical:\n{a}");
    let changes: [(&str, Change); 4] = [
        ("a doc", |p| p["kind"]["description"] = json!("Another kind.")),
        ("a value", |p| p["kind"]["enum"] = json!(["x", "z"])),
        ("a value's order", |p| p["kind"]["enum"] = json!(["y", "x"])),
        ("consumer tolerance", |p| p["kind"]["description"] = json!("The kind. Consumers SHALL treat unknown values as safe-to-ignore.")),
    ];
    for (what, change) in changes {
        let (count, a) = with(&change);
        assert_eq!(count, 2, "{what}: each version's own `Kind`:\n{a}");
        // `Owner` holds a `Kind` (the same text in both): it follows the version's `Kind`.
        assert_eq!(folded(&a).matches("pub struct Owner {").count(), 2, "{what}:\n{a}");
    }
    // Two different `Kind`s, each in two versions: the first met is shared, the other (and
    // the `Owner` holding it) stays in its versions.
    let mut other = base.clone();
    other["$defs"]["kind"]["enum"] = json!(["z"]);
    let source = versions(&[base.clone(), base.clone(), other.clone(), other]).generate().unwrap();
    let a = module(&source, "", "a");
    let common = folded(module(a, "    ", "common"));
    assert!(common.contains("pub enum Kind { X = \"x\", Y = \"y\", }"), "{common}");
    for (version, kind) in [("a_b_v3", 0), ("a_b_v4", 0), ("a_b_v1", 1), ("a_b_v2", 1)] {
        let v = folded(module(a, "    ", version));
        assert_eq!(reexports(&v).contains(&"Kind".to_owned()), kind == 1, "{version}: {v}");
        assert_eq!(v.matches("pub enum Kind { Z = \"z\", }").count(), 1 - kind, "{version}: {v}");
        assert_eq!(v.matches("pub struct Owner {").count(), 1 - kind, "{version}: {v}");
    }
    // A checked string differing in its pattern.
    let mut two = base.clone();
    two["properties"]["code"]["pattern"] = json!("^[A-Z]{2}$");
    let source = versions(&[base.clone(), two]).generate().unwrap();
    assert_eq!(folded(module(&source, "", "a")).matches("pub struct Code(").count(), 2);
}

#[test]
fn attribute_rules_decide_sharing_as_they_decide_the_text() {
    let p = payload(json!({}));
    let set = versions(&[p.clone(), p]);
    let generate = |rule: &dyn Fn(&mut events_codegen::Config)| module(&set.generate_with(rule).unwrap(), "", "a").to_owned();
    // A rule for one version's type: that type (and what holds it) stays in each version.
    let a = folded(&generate(&|c| {
        c.type_attribute("a::a_b_v1::Kind", "#[allow(unused)]");
    }));
    assert_eq!(a.matches("pub enum Kind {").count(), 2, "{a}");
    assert_eq!(a.matches("#[allow(unused)] pub enum Kind {").count(), 1, "{a}");
    assert_eq!(a.matches("pub struct Owner {").count(), 2, "{a}");
    // A rule for every version's: shared, with the attribute.
    let a = generate(&|c| {
        c.type_attribute("a::Kind", "#[allow(unused)]");
    });
    assert_eq!(folded(&a).matches("pub enum Kind {").count(), 1, "{a}");
    assert!(folded(module(&a, "    ", "common")).contains("#[allow(unused)] pub enum Kind {"), "{a}");
    // A field rule matching one version's struct keeps the structs apart.
    let a = folded(&generate(&|c| {
        c.field_attribute("a::a_b_v2::Owner::kind", "#[allow(unused)]");
    }));
    assert_eq!(a.matches("pub struct Owner {").count(), 2, "{a}");
    assert_eq!(a.matches("pub enum Kind {").count(), 1, "the enum is still shared: {a}");
}

/// A value of one version's shared type is a value of the other version's: it goes into
/// the other version's constructor, and ids and shared-file types resolve from the new module.
#[test]
fn a_shared_type_passes_from_one_version_to_another() {
    let one = payload(json!({"zip": {"type": "string"}}));
    let two = payload(json!({"zip": {"type": "string"}, "city": {"type": "string"}}));
    let source = versions(&[one, two]).generate().unwrap();
    let mut scratch = support::Scratch::new();
    let test = r#"
    #[test]
    fn shared() {
        let v1 = a::ABV1::new(a::a_b_v1::ABV1Required {
            kind: a::a_b_v1::Kind::X,
            code: a::a_b_v1::Code::new("ABC").unwrap(),
            owner: a::a_b_v1::Owner::new(a::a_b_v1::OwnerRequired {
                order_id: "ord_01890a5d-ac96-774b-bcce-b302099a8057".parse().unwrap(),
                kind: a::a_b_v1::Kind::Y,
                money: shared::a_schema_common_money::Money::new(shared::a_schema_common_money::MoneyRequired { label: "five".into() }),
            }),
            place: a::a_b_v1::Place::new(),
            holder: a::a_b_v1::Holder::new(),
        });
        let parts = v1.into_parts();
        let v2 = a::ABV2::new(a::a_b_v2::ABV2Required {
            kind: parts.kind,
            code: parts.code,
            owner: parts.owner,
            place: a::a_b_v2::Place::new(),
            holder: a::a_b_v2::Holder::new(),
        });
        assert_eq!(v2.kind(), a::common::Kind::X);
        let same: fn(a::a_b_v2::Code) -> a::a_b_v1::Code = |code| code;
        assert_eq!(same(v2.code().clone()).as_str(), "ABC");
    }
"#;
    scratch.add("m", &source, test);
    scratch.test().unwrap_or_else(|e| panic!("{e}"));
}

/// One property of every kind a getter lends differently (issue 12).
fn views_set() -> Set {
    let id = |prefix: &str| json!({"type": "string", "pattern": format!("^{prefix}_[0-9a-f]{{8}}-[0-9a-f]{{4}}-7[0-9a-f]{{3}}-[89ab][0-9a-f]{{3}}-[0-9a-f]{{12}}$")});
    let strings = json!({"type": "array", "items": {"type": "string"}});
    let schema = json!({
        "type": "object",
        "required": ["name", "nick", "tags", "top", "slots", "lead_id", "count", "flag", "at", "kind", "mood", "fixed", "code", "short", "labels", "pair"],
        "additionalProperties": {"type": "integer"},
        "properties": {
            "name": {"type": "string"},
            "note": {"type": "string"},
            "nick": {"type": ["string", "null"]},
            "memo": {"type": ["string", "null"]},
            "tags": strings,
            "more_tags": strings,
            "maybe_counts": {"type": ["array", "null"], "items": {"type": "integer"}},
            "top": {"type": "array", "items": {"type": "string"}, "maxItems": 3},
            "slots": {"type": "array", "items": {"type": ["string", "null"]}},
            "lead_id": id("lea"),
            "other_lead_id": id("lea"),
            "count": {"type": "integer", "minimum": 1, "maximum": 9},
            "total": {"type": "integer"},
            "flag": {"type": "boolean"},
            "at": {"type": "string", "format": "date-time"},
            "day": {"type": "string", "format": "date"},
            "kind": {"type": "string", "enum": ["big", "small"]},
            "maybe_kind": {"type": ["string", "null"], "enum": ["big", "small", null]},
            "mood": {"type": "string", "enum": ["calm"], "description": "Consumers SHALL tolerate unknown values."},
            "fixed": {"const": "x"},
            "code": {"type": "string", "pattern": "^[A-Z]{3}$"},
            "short": {"type": "string", "maxLength": 5},
            "money": {"type": "object", "required": ["cents"], "additionalProperties": false, "properties": {"cents": {"type": "integer"}}},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "blob": {},
            "ratio": {"type": "number"},
            "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "boolean"}], "minItems": 2, "items": false},
            "tree": {"$ref": "#/$defs/node"}
        },
        "$defs": {"node": {"type": "object", "additionalProperties": false, "properties": {"label": {"type": "string"}, "child": {"$ref": "#/$defs/node"}}}}
    });
    Set::new().event("a.b", "a", schema)
}

/// A payload of [`views_set`]'s event: every property set but the ones left absent on purpose.
const VIEWS_JSON: &str = r#"{"name": "Ann", "nick": null, "memo": null, "tags": ["a", "b"], "maybe_counts": [1, 2], "top": ["x"],
    "slots": ["s", null], "lead_id": "lea_0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d", "count": 3, "flag": true, "at": "2026-03-01T10:00:00+01:00",
    "day": "2026-03-02", "kind": "big", "maybe_kind": null, "mood": "stormy", "fixed": "x", "code": "EUR", "short": "ab", "money": {"cents": 5},
    "labels": {"k": "v"}, "blob": [1, {"b": 2}], "ratio": 0.50, "pair": ["p", false], "tree": {"label": "root", "child": {"label": "leaf"}}, "more": 7}"#;

/// What each getter returns (issue 12): the annotated `let`s are the assertion that the
/// generated code compiles with exactly these types (`&str`, `&[T]`, `Copy` values by
/// value, `Option` of a view, `&T` for the rest); the `assert`s check the values.
#[test]
fn getters_lend_borrowed_views() {
    let source = views_set().generate().unwrap();
    let checks = format!(
        r##"
    #[cfg(test)]
    mod views {{
        use super::a::a_b_v1::{{Code, Fixed, Kind, MaybeKind, Money, Mood, Node}};
        use super::a::ABV1;
        use super::envelope::{{Actor, Envelope, Producer}};
        use super::ids::{{EventId, LeadId}};
        use ::events_runtime::{{Array, BoundedString, Date, EntityId, Int, Integer, Json, Map, NonEmptyString, Number, Timestamp}};

        const JSON: &str = r#"{VIEWS_JSON}"#;

        fn decode(json: &str) -> ABV1 {{
            match super::any::AnyPayload::from_json("a.b", 1, json.as_bytes()).unwrap() {{
                super::any::AnyPayload::ABV1(p) => p,
                other => panic!("{{other:?}}"),
            }}
        }}

        #[test]
        fn payload_getters() {{
            let p = decode(JSON);
            let name: &str = p.name();
            assert_eq!(name, "Ann");
            let note: Option<&str> = p.note();
            assert_eq!(note, None);
            let nick: Option<&str> = p.nick();
            assert_eq!(nick, None);
            let memo: Option<Option<&str>> = p.memo();
            assert_eq!(memo, Some(None));
            let tags: &[String] = p.tags();
            assert_eq!(tags, ["a", "b"]);
            let more_tags: Option<&[String]> = p.more_tags();
            assert_eq!(more_tags, None);
            let counts: Option<Option<&[Integer]>> = p.maybe_counts();
            assert_eq!(counts.flatten().map(|c| c.iter().map(|n| n.get()).collect::<Vec<_>>()), Some(vec![1, 2]));
            let top: &Array<String, 0, 3, false> = p.top();
            assert_eq!(top.as_slice(), ["x"]);
            let slots: &[Option<String>] = p.slots();
            assert_eq!(slots, [Some("s".to_owned()), None]);
            let lead: LeadId = p.lead_id();
            assert_eq!(lead.to_string(), "lea_0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d");
            let other_lead: Option<LeadId> = p.other_lead_id();
            assert_eq!(other_lead, None);
            let count: Int<1, 9> = p.count();
            assert_eq!(count.get(), 3);
            let total: Option<Integer> = p.total();
            assert_eq!(total, None);
            let flag: bool = p.flag();
            assert!(flag);
            let at: Timestamp = p.at();
            assert_eq!(at.to_string(), "2026-03-01T10:00:00+01:00");
            let day: Option<Date> = p.day();
            assert_eq!(day.map(|d| d.to_string()).as_deref(), Some("2026-03-02"));
            let kind: Kind = p.kind();
            assert_eq!(kind, Kind::Big);
            let maybe_kind: Option<Option<MaybeKind>> = p.maybe_kind();
            assert_eq!(maybe_kind, Some(None));
            let mood: &Mood = p.mood();
            assert_eq!(mood.as_str(), "stormy");
            let fixed: Fixed = p.fixed();
            assert_eq!(fixed, Fixed);
            let code: &Code = p.code();
            assert_eq!(code.as_str(), "EUR");
            let short: &BoundedString<0, 5> = p.short();
            assert_eq!(short.as_str(), "ab");
            let money: Option<&Money> = p.money();
            assert_eq!(money.map(|m| m.cents().get()), Some(5));
            let labels: &Map<String> = p.labels();
            assert_eq!(labels.get("k").map(String::as_str), Some("v"));
            let blob: Option<&Json> = p.blob();
            assert_eq!(blob.map(Json::json), Some(r#"[1, {{"b": 2}}]"#));
            let ratio: Option<&Number> = p.ratio();
            assert_eq!(ratio.map(|r| r.to_string()).as_deref(), Some("0.50"));
            let pair: &(String, bool) = p.pair();
            assert_eq!(pair, &("p".to_owned(), false));
            // A recursive reference is stored boxed and lent as the struct.
            let tree: Option<&Node> = p.tree();
            let child: Option<&Node> = tree.and_then(Node::child);
            assert_eq!(child.and_then(Node::label), Some("leaf"));
            assert_eq!(child.and_then(Node::child), None);
            let extra: &Map<Integer> = p.extra();
            assert_eq!(extra.get("more").map(|n| n.get()), Some(7));
            // `into_parts` still gives owned values.
            let parts = p.clone().into_parts();
            let (name, memo, tags, tree): (String, Option<Option<String>>, Vec<String>, Option<Node>) = (parts.name, parts.memo, parts.tags, parts.tree);
            assert_eq!((name.as_str(), memo, tags.len(), tree.is_some()), ("Ann", Some(None), 2, true));
            // Plain strings cross the setters and `into_parts` as `String`, short or long.
            let long = "x".repeat(40);
            let set = p.clone().with_note(long.clone()).with_memo(Some("m".to_owned()));
            assert_eq!((set.note(), set.memo()), (Some(long.as_str()), Some(Some("m"))));
            let parts = set.into_parts();
            assert_eq!((parts.note, parts.memo), (Some(long), Some(Some("m".to_owned()))));
            assert_eq!(p.clone().with_memo(None).memo(), Some(None));
        }}

        #[test]
        fn envelope_and_any_event_getters() {{
            let e = Envelope::builder(NonEmptyString::new("t1").unwrap(), decode(JSON)).build();
            let id: EventId = e.event_id();
            let at: Timestamp = e.occurred_at();
            let producer: Producer = e.producer();
            let tenant: &NonEmptyString = e.tenant_id();
            let subject: Option<&EntityId> = e.subject();
            let actor: Option<Actor> = e.actor();
            let correlation: Option<EventId> = e.correlation_id();
            assert_eq!((producer, tenant.as_str(), subject, correlation), (Producer::Shop, "t1", None, None));
            assert_eq!(actor.map(|a| a.to_string()).as_deref(), Some("system:shop"));
            let any = super::any::AnyEvent::from_json(e.to_json().as_bytes()).unwrap();
            let (any_id, any_at): (EventId, Timestamp) = (any.event_id(), any.occurred_at());
            let any_subject: Option<&EntityId> = any.subject();
            let any_actor: Option<Actor> = any.actor();
            assert_eq!((any_id, any_at, any_subject, any_actor), (id, at, None, actor));
        }}
    }}
"##
    );
    let mut scratch = support::Scratch::new();
    scratch.add("case", &source, &checks);
    let out = scratch.test().unwrap_or_else(|e| panic!("the views do not compile or hold:\n{e}"));
    assert!(out.contains("2 passed"), "{out}");
}
