//! Recursive schemas become typed Rust types (issue #10, "recursive types (boxed)"): a
//! `$ref` cycle through a union (`oneOf`, `anyOf`, a `type` array, a discriminated `oneOf`),
//! through an `allOf`-composed object, through a nullable or an array target, or back into
//! another file, types as the named type of its target, with a `Box` only where nothing else
//! gives the value a finite size (a `Vec` or a map already does). What stays a checked JSON
//! value: a target that comes back to itself in place (through `$ref`, `allOf`, `anyOf`,
//! `oneOf` alone), whose type would hold itself with nothing in between.
//!
//! Every case compiles, in one scratch crate whose unit tests decode and re-encode values;
//! a property test compiles random recursive schemas of any nesting. The runtime behaviour
//! against the `jsonschema` oracle is `tests/payload_shapes.rs`'s.
#![allow(clippy::unwrap_used)]

mod support;

use serde_json::{json, Value};

/// A payload `{"x": <$ref to #/$defs/node>}` with `defs` as its definitions.
fn with_defs(defs: &Value) -> support::Set {
    let payload = json!({"type": "object", "additionalProperties": false, "required": ["x"], "properties": {"x": {"$ref": "#/$defs/node"}}, "$defs": defs});
    support::Set::new().event("probe.checked", "probe", payload)
}

/// `code` without any white space and the trailing commas prettyplease places by line
/// length, so that needles do not depend on line breaks; and without doc comments and the
/// derive's field markers (`#[object(…)]`), so that needles state the types alone.
fn squeezed(code: &str) -> String {
    code.lines()
        .filter(|l| !(l.trim_start().starts_with("///") || l.trim_start().starts_with("#[object(")))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(",>", ">")
}

/// The payload module of `code`, cut short, for failure messages.
fn excerpt(code: &str) -> &str {
    let start = code.find("pub mod probe_checked_v1").unwrap_or(0);
    &code[start..code.len().min(start + 4000)]
}

/// One case: its name, its definitions, the needles its code must hold (without white
/// space), and a payload that is valid, decoded and re-encoded by the compiled code.
struct Case {
    name: &'static str,
    defs: Value,
    needles: &'static [&'static str],
    valid: Value,
}

fn cases() -> Vec<Case> {
    let titled = json!({"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}});
    vec![
        Case {
            name: "one_of",
            defs: json!({"node": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/node"}}]}}),
            needles: &["pubenumNode{", "Text(String),", "Array(Vec<Node>),"],
            valid: json!({"x": ["a", ["b", []], [[["c"]]]]}),
        },
        Case {
            // A branch that holds the type itself, in a required property: boxed there.
            name: "any_of",
            defs: json!({"node": {"anyOf": [{"type": "integer"}, {"type": "object", "additionalProperties": false, "required": ["inner"], "properties": {"inner": {"$ref": "#/$defs/node"}}}]}}),
            needles: &["pubenumNode{", "inner:Box<Node>,"],
            valid: json!({"x": {"inner": {"inner": 3}}}),
        },
        Case {
            name: "type_array",
            defs: json!({"node": {"type": ["string", "object"], "additionalProperties": {"$ref": "#/$defs/node"}}}),
            needles: &["pubenumNode{", "Object(::events_runtime::Map<Node>),"],
            valid: json!({"x": {"a": "b", "c": {"d": {}}}}),
        },
        Case {
            name: "discriminated",
            defs: json!({"node": {"oneOf": [
                {"type": "object", "additionalProperties": false, "required": ["kind", "value"], "properties": {"kind": {"const": "leaf"}, "value": {"type": "integer"}}},
                {"type": "object", "additionalProperties": false, "required": ["kind", "kids"], "properties": {"kind": {"const": "branch"}, "kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}
            ]}}),
            needles: &["tag=\"kind\")]", "pubenumNode{", "kids:Vec<Node>,"],
            valid: json!({"x": {"kind": "branch", "kids": [{"kind": "leaf", "value": 1}, {"kind": "branch", "kids": []}]}}),
        },
        Case {
            // The reference back is nullable at its site: `Option<Box<…>>` of the struct.
            name: "nullable_reference",
            defs: json!({"node": {"type": "object", "additionalProperties": false, "properties": {"next": {"anyOf": [{"$ref": "#/$defs/node"}, {"type": "null"}]}}}}),
            needles: &["pubstructNode{next:Option<Option<Box<Node>>>,"],
            valid: json!({"x": {"next": {"next": null}}}),
        },
        Case {
            // The target itself is nullable: a type alias of `Option<…>` names it.
            name: "nullable_target",
            defs: json!({"node": {"type": ["object", "null"], "additionalProperties": false, "properties": {"next": {"$ref": "#/$defs/node"}}}}),
            needles: &["pubtypeNode=Option<NodeValue>;", "pubstructNodeValue{next:Option<Box<Node>>,"],
            valid: json!({"x": {"next": {"next": null}}}),
        },
        Case {
            // An array of itself: an alias cannot say it, a newtype does.
            name: "array_target",
            defs: json!({"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}}),
            needles: &["pubstructNode(pubVec<Node>);"],
            valid: json!({"x": [[], [[[]]]]}),
        },
        Case {
            name: "map_target",
            defs: json!({"node": {"type": "object", "additionalProperties": {"$ref": "#/$defs/node"}}}),
            needles: &["pubstructNode(pub::events_runtime::Map<Node>);"],
            valid: json!({"x": {"a": {}, "b": {"c": {}}}}),
        },
        Case {
            // Through another definition: `node` is `list`, whose items are `node` again.
            name: "through_a_definition",
            defs: json!({"node": {"$ref": "#/$defs/list"}, "list": {"type": "array", "maxItems": 2, "items": {"$ref": "#/$defs/node"}}}),
            needles: &["pubstructNode(pub::events_runtime::Array<Node,0,2,false>);"],
            valid: json!({"x": [[], [[]]]}),
        },
        Case {
            name: "all_of",
            defs: json!({"node": {"allOf": [{"$ref": "#/$defs/titled"}, {"properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}]}, "titled": titled}),
            needles: &["pubstructNode{name:::events_runtime::__private::CompactString,kids:Option<Vec<Node>>,"],
            valid: json!({"x": {"name": "a", "kids": [{"name": "b", "kids": []}, {"name": "c", "more": 1}]}}),
        },
        Case {
            // A rule no Rust type says: the recursive type is a checked value.
            name: "checked",
            defs: json!({"node": {"type": "object", "minProperties": 1, "properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}),
            needles: &["pubstructNode(Node2)=", "kids:Option<Vec<Node>>,"],
            valid: json!({"x": {"kids": [{"kids": []}]}}),
        },
        Case {
            // A tuple holding itself, optional at the end: boxed (a tuple is inline).
            name: "tuple",
            defs: json!({"node": {"anyOf": [{"type": "null"}, {"type": "array", "prefixItems": [{"type": "integer"}, {"$ref": "#/$defs/node"}], "items": false, "minItems": 2}]}}),
            needles: &["pubstructNode(pubOption<(::events_runtime::Integer,Box<Node>)>);"],
            valid: json!({"x": [1, [2, null]]}),
        },
    ]
}

#[test]
fn every_kind_of_recursion_is_a_typed_named_type() {
    for case in cases() {
        let code = with_defs(&case.defs).generate().unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        let flat = squeezed(&code);
        for needle in case.needles {
            assert!(flat.contains(&squeezed(needle)), "{}: no {needle} in\n{}", case.name, excerpt(&code));
        }
        assert!(!flat.contains("Vec<Box<"), "{}: a vector needs no box:\n{}", case.name, excerpt(&code));
        if case.name != "checked" {
            assert!(!flat.contains("checked_value!"), "{}: nothing is left to a validation program:\n{}", case.name, excerpt(&code));
        }
    }
}

#[test]
fn a_target_that_comes_back_to_itself_in_place_stays_a_checked_value() {
    // `anyOf: [string, node]` adds nothing to `string`; a type for it would hold itself
    // directly (`enum Node { Text(String), Node(Box<Node>) }`), and decoding a number would
    // try the second branch forever. The reference back is a checked JSON value, as before.
    for defs in [
        json!({"node": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/node"}]}}),
        json!({"node": {"anyOf": [{"$ref": "#/$defs/node"}, {"type": "null"}]}}),
        json!({"node": {"allOf": [{"$ref": "#/$defs/other"}]}, "other": {"oneOf": [{"type": "integer"}, {"$ref": "#/$defs/node"}]}}),
    ] {
        let code = with_defs(&defs).generate().unwrap_or_else(|e| panic!("{defs}: {e:?}"));
        let flat = squeezed(&code);
        assert!(flat.contains("checked_value!"), "{defs}: a checked value:\n{}", excerpt(&code));
        assert!(code.contains("a recursive $ref"), "{defs}: its reason says so:\n{}", excerpt(&code));
    }
}

/// A set whose payload refers to `common/<first file>` and whose common files recurse
/// across each other.
fn across_files(files: &[(&str, Value)]) -> support::Set {
    let payload =
        json!({"type": "object", "additionalProperties": false, "required": ["x"], "properties": {"x": {"$ref": format!("../common/{}", files[0].0)}}});
    let mut set = support::Set::new().event("probe.checked", "probe", payload);
    for (name, doc) in files {
        let mut doc = doc.clone();
        doc["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
        set = set.file(&format!("probe/schema/common/{name}"), doc);
    }
    set
}

fn cross_file_sets() -> Vec<(&'static str, support::Set, &'static [&'static str], Value)> {
    vec![
        (
            "union",
            across_files(&[
                ("expr.json", json!({"oneOf": [{"type": "integer"}, {"$ref": "sum.json"}]})),
                (
                    "sum.json",
                    json!({"type": "object", "additionalProperties": false, "required": ["terms"], "properties": {"terms": {"type": "array", "items": {"$ref": "expr.json"}}}}),
                ),
            ]),
            &["pubenumExpr{", "Sum(super::super::shared::probe_schema_common_sum::Sum),", "terms:Vec<super::super::shared::probe_schema_common_expr::Expr>,"],
            json!({"x": {"terms": [1, {"terms": [2, 3]}]}}),
        ),
        (
            "all_of",
            across_files(&[
                (
                    "section.json",
                    json!({"allOf": [{"$ref": "#/$defs/titled"}, {"properties": {"sections": {"$ref": "sections.json"}}}],
                        "$defs": {"titled": {"type": "object", "required": ["title"], "properties": {"title": {"type": "string"}}}}}),
                ),
                ("sections.json", json!({"type": "array", "items": {"$ref": "section.json"}})),
            ]),
            &["pubstructSection{title:::events_runtime::__private::CompactString,sections:Option<Vec<super::super::shared::probe_schema_common_section::Section>,>,"],
            json!({"x": {"title": "a", "sections": [{"title": "b", "sections": []}]}}),
        ),
        (
            // Back into the first file at a nullable target.
            "nullable",
            across_files(&[
                ("link.json", json!({"type": ["object", "null"], "additionalProperties": false, "properties": {"rest": {"$ref": "rest.json"}}})),
                ("rest.json", json!({"type": "object", "additionalProperties": false, "required": ["next"], "properties": {"next": {"$ref": "link.json"}}})),
            ]),
            &["pubtypeLink=Option<LinkValue>;", "next:Box<super::super::shared::probe_schema_common_link::Link>,"],
            json!({"x": {"rest": {"next": {"rest": {"next": null}}}}}),
        ),
        (
            // A file that refers to itself by its own name, not by `#`.
            "by_its_own_name",
            across_files(&[(
                "tree.json",
                json!({"type": "object", "additionalProperties": false, "properties": {"kids": {"type": "array", "items": {"$ref": "tree.json"}}}}),
            )]),
            &["pubstructTree{kids:Option<Vec<Tree>>,"],
            json!({"x": {"kids": [{"kids": []}, {}]}}),
        ),
    ]
}

#[test]
fn recursion_back_into_another_file_through_a_union_or_an_all_of_is_typed() {
    for (name, set, needles, _) in cross_file_sets().into_iter().chain(back_at_another_schema_sets()) {
        let code = set.generate().unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let flat = squeezed(&code);
        let shared = &code[code.find("pub mod shared").unwrap_or(0)..];
        for needle in needles {
            assert!(flat.contains(&squeezed(needle)), "{name}: no {needle} in\n{}", &shared[..shared.len().min(4000)]);
        }
        assert!(!flat.contains("checked_value!") && !code.contains("a $ref cycle through"), "{name}: nothing is left to a validation program");
        assert!(!flat.contains("Vec<Box<"), "{name}: a vector needs no box");
    }
}

/// `a.json#/$defs/x` refers to `b.json`, which refers back into `a.json` at another
/// schema, `y`, while `a.json`'s types are being made: `y` is made first, so the reference
/// back is its type. In the second set `y` holds `x` again (a cycle through another
/// definition): `x` is reserved and boxed where nothing else gives it a size.
fn back_at_another_schema(y: Value) -> support::Set {
    support::Set::new()
        .event(
            "probe.checked",
            "probe",
            json!({"type": "object", "additionalProperties": false, "required": ["x"], "properties": {"x": {"$ref": "../common/a.json#/$defs/x"}}}),
        )
        .file(
            "probe/schema/common/a.json",
            json!({"$defs": {"x": {"type": "object", "additionalProperties": false, "properties": {"b": {"$ref": "b.json"}}}, "y": y}}),
        )
        .file(
            "probe/schema/common/b.json",
            json!({"type": "object", "additionalProperties": false, "required": ["y"], "properties": {"y": {"$ref": "a.json#/$defs/y"}}}),
        )
}

fn back_at_another_schema_sets() -> Vec<(&'static str, support::Set, &'static [&'static str], Value)> {
    vec![
        (
            "back_at_a_string",
            back_at_another_schema(json!({"type": "string", "minLength": 2})),
            &["pubstructB{y:::events_runtime::BoundedString<2,{usize::MAX}>,", "pubstructX{b:Option<super::super::shared::probe_schema_common_b::B>,"],
            json!({"x": {"b": {"y": "ab"}}}),
        ),
        (
            "back_at_a_cycle",
            back_at_another_schema(json!({"type": "array", "items": {"$ref": "#/$defs/x"}})),
            &["pubstructB{y:Vec<super::super::shared::probe_schema_common_a::X>,", "pubstructX{b:Option<super::super::shared::probe_schema_common_b::B>,"],
            json!({"x": {"b": {"y": [{"b": {"y": []}}, {}]}}}),
        ),
    ]
}

/// `diff` walks recursive types (the model keeps the box of every reference back, where
/// the walk stops): identical sets have no change, and a change inside a recursive alias or
/// newtype is found where it is, not as a change of the whole type.
#[test]
fn diff_compares_recursive_types() {
    let fixture = support::root().join("tests/fixtures/contracts-coverage/contracts");
    let same = events_codegen::diff::diff_dirs(&fixture, &fixture).unwrap();
    assert!(same.changes.is_empty(), "{same}");
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("contracts");
    support::copy_dir(&fixture, &edited);
    let file = edited.join("shop/schema/payloads/outline.drafted-v1.json");
    let mut schema: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    schema["$defs"]["nested"]["maxItems"] = json!(3);
    schema["$defs"]["chain"]["properties"]["n"] = json!({"type": "integer", "minimum": 0});
    std::fs::write(&file, schema.to_string()).unwrap();
    let report = events_codegen::diff::diff_dirs(&fixture, &edited).unwrap();
    let rows: Vec<String> = report.changes.iter().map(|c| format!("{} {}: {}", c.event_type, c.path, c.what)).collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r.starts_with("outline.drafted ") && !r.contains("recursive type")), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("/nested") && r.contains('3')), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("/chain/n") && r.contains('0')), "{rows:?}");
}

/// A unit test inside a case's module: `valid` decodes as the payload and re-encodes to
/// the same JSON value.
fn round_trip_test(valid: &Value) -> String {
    format!(
        r##"
    #[test]
    fn round_trip() {{
        use ::events_runtime::__private::serde_json;
        let json: serde_json::Value = serde_json::from_str(r#"{valid}"#).unwrap();
        let payload: probe::ProbeCheckedV1 = serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{{e}}"));
        assert_eq!(serde_json::to_value(&payload).unwrap(), json);
    }}
"##
    )
}

#[test]
fn recursive_types_compile_and_round_trip() {
    let mut scratch = support::Scratch::new();
    for case in cases() {
        let code = with_defs(&case.defs).generate().unwrap_or_else(|e| panic!("{}: {e:?}", case.name));
        scratch.add(case.name, &code, &round_trip_test(&case.valid));
    }
    for (name, set, _, valid) in cross_file_sets().into_iter().chain(back_at_another_schema_sets()) {
        let code = set.generate().unwrap_or_else(|e| panic!("{name}: {e:?}"));
        scratch.add(&format!("across_{name}"), &code, &round_trip_test(&valid));
    }
    // A payload root that recurses: a union whose branch holds the payload again, and an
    // allOf-composed object whose items are the payload again.
    let roots = [
        (
            "union_root",
            json!({"oneOf": [
                {"title": "Leaf", "type": "object", "additionalProperties": false, "required": ["v"], "properties": {"v": {"type": "integer"}}},
                {"title": "Branch", "type": "object", "additionalProperties": false, "required": ["kids"], "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}}
            ]}),
            "kids:Vec<ProbeCheckedV1>,",
            json!({"kids": [{"v": 1}, {"kids": [{"v": 2}, {"kids": []}]}]}),
        ),
        (
            "all_of_root",
            json!({"allOf": [{"$ref": "#/$defs/titled"}, {"properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}}],
                "$defs": {"titled": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}}),
            "pubstructProbeCheckedV1{name:::events_runtime::__private::CompactString,kids:Option<Vec<ProbeCheckedV1>>,",
            json!({"name": "a", "kids": [{"name": "b", "kids": [{"name": "c"}]}]}),
        ),
    ];
    for (name, root, needle, valid) in roots {
        let code = support::Set::new().event("probe.checked", "probe", root).generate().unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(squeezed(&code).contains(&squeezed(needle)), "{name}: no {needle} in\n{}", excerpt(&code));
        assert!(!code.contains("checked_value!"), "{name}: nothing is left to a validation program:\n{}", excerpt(&code));
        scratch.add(name, &code, &round_trip_test(&valid));
    }
    // Two versions defining the same recursive types share them (`<dir>::common`), each
    // version re-exporting them: the shared definitions refer to themselves there.
    let defs = json!({"node": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/chain"}}]},
        "chain": {"type": ["object", "null"], "additionalProperties": false, "properties": {"next": {"$ref": "#/$defs/node"}}}});
    let mut set = with_defs(&defs);
    let again = set.events[0].2[0].clone();
    set.events[0].2.push(again);
    let code = set.generate().unwrap_or_else(|e| panic!("two versions: {e:?}"));
    assert!(squeezed(&code).contains("pubusesuper::common::{"), "the recursive types are shared:\n{}", excerpt(&code));
    scratch.add(
        "two_versions",
        &code,
        &round_trip_test(&json!({"x": [{"next": "a"}, null, {"next": [{}]}]})).replace("probe::ProbeCheckedV1", "probe::ProbeCheckedV2"),
    );
    // The coverage fixture (every kind at once, in one file and across files) with `Hash`,
    // `PartialOrd` and `Ord` on structs and unions too, and with producer-only construction.
    let fixture = support::root().join("tests/fixtures/contracts-coverage/contracts");
    let code = support::generate(&fixture, |c| {
        c.hash_and_ord(true).producer_features(true);
    })
    .unwrap_or_else(|e| panic!("the coverage fixture: {e:?}"));
    assert!(code.contains("Hash, PartialOrd, Ord"), "hash_and_ord derives them");
    scratch.add("coverage_hash_and_ord", &code, "");
    let out = scratch.test().unwrap_or_else(|e| panic!("the generated code must compile and round-trip:\n{e}"));
    let passed = cases().len() + cross_file_sets().len() + back_at_another_schema_sets().len() + 3;
    assert!(out.contains(&format!("test result: ok. {passed} passed")), "{out}");
}

/// JSON values each random case decodes (as its `x`): whatever it accepts must re-encode
/// to the same value, and nothing may panic or overflow the stack (the last is nested 100
/// deep).
const PROBES: &[&str] = &[
    "1",
    "\"a\"",
    "null",
    "[]",
    "{}",
    "[1, \"a\"]",
    "{\"a\": 1}",
    "{\"a\": \"s\", \"b\": [1]}",
    "[[1, [2]], \"x\"]",
    "{\"next\": {\"next\": null}}",
    "{\"a\": {\"a\": {\"a\": 1}}}",
    "[1, [2, [3, null]]]",
    "{\"p\": \"s\", \"q\": {\"p\": \"t\", \"q\": null}}",
    "{\"k\": [{\"k\": []}]}",
];

/// Where the random definitions live: all three in the payload's file, or `node` and `d1`
/// in `common/a.json` and `d2` in `common/b.json` (so cycles cross files).
#[derive(Debug, Clone, Copy)]
enum Layout {
    OneFile,
    TwoFiles,
}

impl Layout {
    /// The `$ref`s to `node`, `d1` and `d2` from inside a definition.
    fn refs(self) -> [&'static str; 3] {
        match self {
            Layout::OneFile => ["#/$defs/node", "#/$defs/d1", "#/$defs/d2"],
            Layout::TwoFiles => ["a.json#/$defs/node", "a.json#/$defs/d1", "b.json#/$defs/d2"],
        }
    }

    /// The documents: (path under the contract root, `$id`, document), the payload's first.
    fn documents(self, defs: &Value) -> Vec<(String, String, Value)> {
        let base = "https://contracts.example/probe/schema/";
        let draft = "https://json-schema.org/draft/2020-12/schema";
        let payload = |x: &str, defs: Value| {
            json!({"$schema": draft, "$id": format!("{base}payloads/probe.checked-v1.json"), "type": "object", "additionalProperties": false,
                "required": ["x"], "properties": {"x": {"$ref": x}}, "$defs": defs})
        };
        match self {
            Layout::OneFile => vec![(
                "probe/schema/payloads/probe.checked-v1.json".into(),
                format!("{base}payloads/probe.checked-v1.json"),
                payload("#/$defs/node", defs.clone()),
            )],
            Layout::TwoFiles => {
                let file = |name: &str, defs: Value| {
                    (
                        format!("probe/schema/common/{name}"),
                        format!("{base}common/{name}"),
                        json!({"$schema": draft, "$id": format!("{base}common/{name}"), "$defs": defs}),
                    )
                };
                vec![
                    (
                        "probe/schema/payloads/probe.checked-v1.json".into(),
                        format!("{base}payloads/probe.checked-v1.json"),
                        payload("../common/a.json#/$defs/node", json!({})),
                    ),
                    file("a.json", json!({"node": defs["node"], "d1": defs["d1"]})),
                    file("b.json", json!({"d2": defs["d2"]})),
                ]
            }
        }
    }

    /// The contract set of `defs`.
    fn set(self, defs: &Value) -> support::Set {
        let mut documents = self.documents(defs).into_iter();
        let (_, _, mut payload) = documents.next().expect("the payload comes first");
        for key in ["$schema", "$id"] {
            payload.as_object_mut().expect("an object").remove(key);
        }
        documents.fold(support::Set::new().event("probe.checked", "probe", payload), |set, (path, _, doc)| set.file(&path, doc))
    }
}

/// Random definitions `node` (the payload's `x`), `d1` and `d2` that refer to each other
/// (by `refs`) through every construct the translator types (arrays, objects, maps, unions,
/// nullable idioms and targets, tuples, `allOf`, `type` arrays, checked rules), nested up to
/// four levels.
fn recursive_defs(refs: [&'static str; 3]) -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let reference = prop_oneof![Just(json!({"$ref": refs[0]})), Just(json!({"$ref": refs[1]})), Just(json!({"$ref": refs[2]}))];
    let leaf = prop_oneof![Just(json!({"type": "string"})), Just(json!({"type": "integer"})), reference.clone(), reference];
    let schema = leaf.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            inner.clone().prop_map(|c| json!({"type": "array", "items": c})),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| json!({"type": "object", "additionalProperties": false, "required": ["a"], "properties": {"a": a, "b": b}})),
            inner.clone().prop_map(|c| json!({"type": "object", "additionalProperties": c})),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| json!({"oneOf": [a, b]})),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| json!({"anyOf": [a, b]})),
            inner.clone().prop_map(|c| json!({"anyOf": [c, {"type": "null"}]})),
            inner.clone().prop_map(|c| json!({"type": ["object", "null"], "properties": {"next": c}})),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| json!({"type": "array", "prefixItems": [a, b], "items": false, "minItems": 2})),
            inner.clone().prop_map(|c| json!({"allOf": [{"type": "object", "properties": {"p": {"type": "string"}}}, {"properties": {"q": c}}]})),
            inner.clone().prop_map(|c| json!({"type": ["string", "array"], "items": c})),
            inner.prop_map(|c| json!({"type": "object", "properties": {"k": c}, "minProperties": 1})),
        ]
    });
    (schema.clone(), schema.clone(), schema).prop_map(|(a, b, c)| json!({"node": a, "d1": b, "d2": c}))
}

/// Which payloads `{"x": <probe>}` the validation program of `defs`' payload schema accepts
/// (`events-rules`, which checks the JSON-Schema-Test-Suite on its own): the verdicts the
/// typed decode must reach. `None` where the program gives up at its depth bound (a value
/// nested deeper than it follows, or a schema that comes back to itself in place, whose
/// verdict rests on an endless regress): no verdict to compare with.
fn verdicts(layout: Layout, defs: &Value, probes: &[String]) -> Vec<Option<bool>> {
    use events_rules::compile::{compile, Documents, Draft};
    let documents = layout.documents(defs);
    let uri = documents[0].1.clone();
    let mut docs = Documents::new();
    for (_, id, doc) in documents {
        docs.add(&id, doc);
    }
    let program = compile(&docs, &uri, "", Draft::Draft202012).unwrap_or_else(|e| panic!("{defs}: the program does not compile: {e:?}"));
    probes
        .iter()
        .map(|p| match program.validate(&serde_json::from_str(&format!("{{\"x\": {p}}}")).unwrap()) {
            Ok(()) => Some(true),
            Err(v) if v.message.contains("nests deeper than") => None,
            Err(_) => Some(false),
        })
        .collect()
}

/// Random recursive definitions, in one file and across two, generate without a panic, and
/// whatever generates compiles,
/// in one scratch crate whose unit tests decode [`PROBES`] through each case: the decode
/// accepts exactly what the schema's validation program accepts, and what decodes re-encodes
/// to the same JSON value. A fresh seed per run, printed; `EVENTS_PROPTEST_SEED=<n>` replays
/// one.
#[test]
fn random_recursive_schemas_compile_and_decode_without_end() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};

    const CASES: usize = 30;
    let seed: u64 = match std::env::var("EVENTS_PROPTEST_SEED") {
        Ok(text) => text.trim().parse().expect("EVENTS_PROPTEST_SEED is a u64"),
        Err(_) => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64) ^ u64::from(std::process::id()),
    };
    println!("property test seed: EVENTS_PROPTEST_SEED={seed}");
    let bytes: Vec<u8> = (0..4u64).flat_map(|k| (seed ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(k as u32 * 16).to_le_bytes()).collect();
    let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let probes: Vec<String> = PROBES.iter().map(|p| (*p).to_owned()).chain([format!("{}{}", "[".repeat(100), "]".repeat(100))]).collect();
    let test = |verdicts: &[Option<bool>]| {
        format!(
            r##"
    #[test]
    fn probes() {{
        use ::events_runtime::__private::serde_json;
        for (input, valid) in {probes:?}.into_iter().zip({verdicts:?}) {{
            let text = format!("{{{{\"x\": {{input}}}}}}");
            match serde_json::from_str::<probe::ProbeCheckedV1>(&text) {{
                Ok(payload) => {{
                    assert!(valid != Some(false), "decoded, but the schema refuses it: {{text}}");
                    let want: serde_json::Value = serde_json::from_str(&text).unwrap();
                    assert_eq!(serde_json::to_value(&payload).unwrap(), want, "{{text}}");
                }}
                Err(e) => assert!(valid != Some(true), "refused, but the schema accepts it: {{text}}: {{e}}"),
            }}
        }}
    }}
"##
        )
    };
    let mut scratch = support::Scratch::new();
    let (mut generated, mut typed) = (0, 0);
    let mut schemas = Vec::new();
    for layout in [Layout::OneFile, Layout::TwoFiles] {
        let strategy = recursive_defs(layout.refs());
        for i in 0..CASES {
            let defs = strategy.new_tree(&mut runner).unwrap().current();
            let outcome = std::panic::catch_unwind(|| layout.set(&defs).generate());
            let Ok(result) = outcome else { panic!("EVENTS_PROPTEST_SEED={seed}: generation panicked on {layout:?} {defs}") };
            if let Ok(code) = result {
                generated += 1;
                // A cycle typed all through: no reference back was left to a program.
                typed += usize::from(!code.contains("a recursive $ref") && !code.contains("a $ref cycle through"));
                let name = format!("case_{layout:?}_{i}").to_lowercase();
                scratch.add(&name, &code, &test(&verdicts(layout, &defs, &probes)));
                schemas.push(format!("{name}: {defs}"));
            }
        }
    }
    println!("{generated} of {} generated, {typed} without a checked reference back", 2 * CASES);
    let out =
        scratch.test().unwrap_or_else(|e| panic!("EVENTS_PROPTEST_SEED={seed}: the generated code must compile and decode:\n{e}\n{}", schemas.join("\n")));
    assert!(out.contains(&format!("test result: ok. {generated} passed")), "{out}");
}

/// The catalog describes recursive aliases and newtypes by what they hold at the top,
/// without following them into themselves.
#[test]
fn the_catalog_shows_recursive_types() {
    let fixture = support::root().join("tests/fixtures/contracts-coverage/contracts");
    let out = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_events-codegen")).arg("catalog").arg(&fixture).arg("--out").arg(out.path()).output().unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let page = std::fs::read_to_string(out.path().join("events/outline.drafted-v1.html")).unwrap();
    for needle in [
        "<code>Chain</code> <span class=\"meta\">recursive type</span>",
        "<p>the recursive type Option&lt;ChainValue&gt;</p>",
        "<tr data-field=\"chain\"><td><code>chain</code></td><td><a href=\"#type-Chain\"><code>Option&lt;Chain&gt;</code></a></td><td>object | null</td>",
        "<tr data-field=\"nested\"><td><code>nested</code></td><td><a href=\"#type-Nested\"><code>Option&lt;Nested&gt;</code></a></td><td>array</td>",
    ] {
        assert!(page.contains(needle), "no {needle}");
    }
}
