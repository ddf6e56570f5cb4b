//! What each part of the JSON Schema vocabulary becomes (DESIGN.md §1): a Rust type where
//! one exists, a checked value (typed core + the schema's validation program) where not,
//! and an error only for what cannot be honoured (dynamic references, unknown keywords and
//! formats, unsatisfiable contracts), with a suggestion. Whether the generated code then
//! accepts exactly what the schema accepts is the official suite's job
//! (`tests/json_schema_suite.rs`); these tests pin the shape chosen.

mod support;

use events_codegen::{Config, Problem};
use serde_json::{json, Value};

/// Generates a set with one event whose payload property `x` has the schema `property`
/// (and a recursive `$defs/node`); `config` adjusts the generator. Problems as (pointer, problem).
fn generate(property: Value, config: impl FnOnce(&mut Config)) -> Result<String, Vec<(String, Problem)>> {
    let payload = json!({
        "type": "object", "additionalProperties": false, "required": ["x"],
        "$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}},
        "properties": {"x": property}
    });
    support::Set::new()
        .event("probe.checked", "probe", payload)
        .generate_with(config)
        .map_err(|problems| problems.into_iter().map(|(_, pointer, problem)| (pointer, problem)).collect())
}

fn source(property: Value) -> String {
    generate(property.clone(), |_| {}).unwrap_or_else(|e| panic!("{property} did not generate: {e:?}"))
}

/// The generated code with runs of white space folded to one space (prettyplease wraps
/// long expressions), so assertions do not depend on line breaks.
fn folded(code: &str) -> String {
    code.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `code` from the payload module on, cut short, for failure messages.
fn excerpt(code: &str) -> &str {
    let start = code.find("pub mod probe {").unwrap_or(0);
    &code[start..code.len().min(start + 3000)]
}

/// The declared type of the payload's `x` field.
fn field_type(code: &str) -> String {
    let start = code.find("pub struct ProbeCheckedV1").expect("payload struct");
    let field = code[start..].find(" x: ").expect("field x") + start + 4;
    code[field..code[field..].find(",\n").unwrap() + field].to_owned()
}

#[test]
fn maps_nulls_and_required_schemaless_properties_are_types() {
    let map = source(json!({"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}));
    assert!(field_type(&map).starts_with("::events_runtime::Map<"), "{}", field_type(&map));
    assert_eq!(field_type(&source(json!({"type": "null"}))), "::events_runtime::Null");
    let schemaless = source(json!({"type": "object", "properties": {}, "required": ["anything"]}));
    assert!(schemaless.contains("anything: Option<::events_runtime::Json>"), "required property with no schema is any JSON value");
}

#[test]
fn unions_without_a_discriminator_are_enums_of_their_branches() {
    let any_of = folded(&source(json!({"anyOf": [{"type": "integer"}, {"type": "string", "format": "date-time"}]})));
    assert!(any_of.contains("pub enum X {"), "{}", excerpt(&any_of));
    assert!(any_of.contains("Integer(::events_runtime::Integer)") && any_of.contains("Timestamp(::events_runtime::Timestamp)"), "{}", excerpt(&any_of));
    assert!(any_of.contains("untagged( d, false"), "anyOf keeps the first branch that matches: {}", excerpt(&any_of));
    let one_of = folded(&source(json!({"oneOf": [{"type": "integer"}, {"type": "number"}]})));
    assert!(one_of.contains("untagged( d, true"), "oneOf demands exactly one branch: {}", excerpt(&one_of));
    let types = source(json!({"type": ["string", "integer", "null"], "minLength": 2}));
    assert!(field_type(&types).starts_with("Option<"), "null in a type array is Option: {}", field_type(&types));
    assert!(types.contains("BoundedString<2"), "the string branch keeps minLength");
}

#[test]
fn the_nullable_idiom_is_option_with_one_of_too() {
    let code = source(json!({"oneOf": [{"type": "string", "minLength": 1}, {"type": "null"}]}));
    assert_eq!(field_type(&code), "Option<::events_runtime::NonEmptyString>");
}

#[test]
fn rules_without_a_rust_type_become_checked_values_around_a_typed_core() {
    for (schema, core) in [
        (json!({"type": "string", "not": {"pattern": "^a"}}), "(String)"),
        (json!({"type": "array", "items": {"type": "integer"}, "contains": {"const": 3}}), "(Vec<::events_runtime::Integer>)"),
        (json!({"type": "object", "properties": {"a": {"type": "string"}}, "propertyNames": {"maxLength": 3}}), "(X)"),
        (json!({"type": "integer", "multipleOf": 0.5}), "(::events_runtime::Integer)"),
        (json!({"const": 42}), "(::events_runtime::Json)"),
        (json!(false), "(::events_runtime::Json)"),
    ] {
        let code = folded(&source(schema.clone()));
        assert!(code.contains("::events_runtime::checked_value!"), "{schema}: {}", excerpt(&code));
        let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        let core: String = core.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(compact.contains(&format!("{core}={{")), "{schema} has the typed core {core}: {}", excerpt(&code));
        assert!(code.contains("use ::events_runtime::rules::ir::"), "{schema} embeds its program: {}", excerpt(&code));
    }
}

#[test]
fn a_recursive_reference_is_a_boxed_struct() {
    let code = folded(&source(json!({"$ref": "#/$defs/node"})));
    assert_eq!(field_type(&source(json!({"$ref": "#/$defs/node"}))), "Node");
    assert!(code.contains("next: Option<Box<Node>>"), "the struct contains itself through a Box: {}", excerpt(&code));
    assert!(!code.contains("checked_value!"), "no program: the types say it all: {}", excerpt(&code));
}

#[test]
fn other_members_of_an_object_are_kept_in_a_typed_map() {
    let open = folded(&source(json!({"type": "object", "properties": {"a": {"type": "string"}}})));
    assert!(open.contains("extra: ::events_runtime::Map<::events_runtime::Json>"), "absent additionalProperties keeps any member: {}", excerpt(&open));
    assert!(open.contains("#[object(rest)] extra: ::events_runtime::Map<"), "{}", excerpt(&open));
    let typed = folded(&source(json!({"type": "object", "properties": {"extra": {"type": "string"}}, "additionalProperties": {"type": "boolean"}})));
    assert!(typed.contains("extra2: ::events_runtime::Map<bool>"), "typed by additionalProperties, named apart from the property: {}", excerpt(&typed));
    assert!(!typed.contains("checked_value!"), "no program needed: {}", excerpt(&typed));
    let closed = folded(&source(json!({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false})));
    assert!(
        closed.contains(
            "pub struct X { /// Property `a` (optional; `None` when absent). #[object(opt, text)] a: Option<::events_runtime::__private::CompactString>, }"
        ),
        "no other members kept: {}",
        excerpt(&closed)
    );
}

#[test]
fn pattern_properties_type_the_members_they_cover() {
    let code = folded(&source(json!({"type": "object", "patternProperties": {"^[a-z]+$": {"type": "integer"}}, "additionalProperties": false})));
    assert!(code.contains("checked_value!"), "the key pattern is the program's: {}", excerpt(&code));
    let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(compact.contains("(::events_runtime::Map<::events_runtime::Integer>)"), "values are typed by the pattern's schema: {}", excerpt(&code));
    let two = folded(&source(json!({"type": "object", "patternProperties": {"^a": {"type": "integer"}, "^b": {"type": "string"}}})));
    assert!(two.replace(' ', "").contains("(::events_runtime::OpaqueObject)"), "members under different schemas stay any JSON: {}", excerpt(&two));
}

#[test]
fn closed_tuples_are_rust_tuples() {
    let code = source(json!({"type": "array", "prefixItems": [{"type": "number"}, {"type": "string", "format": "date"}], "items": false, "minItems": 2}));
    assert_eq!(field_type(&code), "(::events_runtime::Number, ::events_runtime::Date)");
    let open = folded(&source(json!({"type": "array", "prefixItems": [{"type": "number"}], "items": {"type": "string"}})));
    assert!(open.contains("checked_value!"), "a tuple with more items after it is a checked array: {}", excerpt(&open));
}

#[test]
fn every_format_of_the_vocabulary_generates_and_unknown_ones_are_errors_with_a_suggestion() {
    for format in events_rules::Format::ALL {
        let code = source(json!({"type": "string", "format": format.name()}));
        assert!(code.contains(format.variant_name()) || matches!(format.name(), "date-time" | "date"), "{}", format.name());
    }
    let errors = generate(json!({"type": "string", "format": "ipv5"}), |_| {}).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, "/properties/x/format");
    let message = errors[0].1.to_string();
    assert!(message.contains("did you mean \"ipv4\"") && message.contains("Config::annotation_format"), "{message}");
    assert!(generate(json!({"type": "string", "format": "ipv5"}), |c| {
        c.annotation_format("ipv5");
    })
    .is_ok());
}

#[test]
fn unknown_keywords_are_errors_with_a_suggestion_unless_declared() {
    let errors = generate(json!({"type": "string", "maxLenght": 3}), |_| {}).unwrap_err();
    assert_eq!(errors[0].0, "/properties/x/maxLenght");
    assert!(errors[0].1.to_string().contains("did you mean `maxLength`?"), "{}", errors[0].1);
    assert!(generate(json!({"type": "string", "tsType": "Foo"}), |c| {
        c.annotation_keyword("tsType");
    })
    .is_ok());
    assert!(generate(json!({"type": "string", "x-vendor": 1}), |_| {}).is_ok(), "x- keywords are annotations");
}

#[test]
fn format_beside_const_is_checked_once_at_generation() {
    assert!(source(json!({"const": "https://example.com/a", "format": "uri"})).contains("pub const VALUE: &'static str = \"https://example.com/a\""));
    let errors = generate(json!({"const": "not a uri", "format": "uri"}), |_| {}).map(|code| excerpt(&code).to_owned()).unwrap_err();
    assert_eq!(errors[0].0, "/properties/x/format");
    assert!(errors[0].1.to_string().contains("no value validates"), "{}", errors[0].1);
}

#[test]
fn dynamic_references_are_refused_with_what_to_write() {
    let errors = generate(json!({"$dynamicRef": "#node"}), |_| {}).unwrap_err();
    assert_eq!(errors[0].0, "/properties/x/$dynamicRef");
    assert!(errors[0].1.to_string().contains("use $ref"), "{}", errors[0].1);
}

/// Two closed object branches without a discriminator.
fn untagged_root() -> Value {
    json!({"oneOf": [
        {"title": "Left", "type": "object", "additionalProperties": false, "required": ["l"], "properties": {"l": {"type": "string"}}},
        {"title": "Right", "type": "object", "additionalProperties": false, "required": ["r"], "properties": {"r": {"type": "integer"}}}
    ]})
}

#[test]
fn a_union_of_objects_without_a_discriminator_is_a_payload_root() {
    for (keyword, exactly_one) in [("oneOf", "true"), ("anyOf", "false")] {
        let mut root = untagged_root();
        root[keyword] = root["oneOf"].take();
        if keyword != "oneOf" {
            root.as_object_mut().unwrap().remove("oneOf");
        }
        // `"type": "object"` beside branches that all state it is no rule of its own.
        root["type"] = json!("object");
        let code = folded(&support::Set::new().event("probe.checked", "probe", root).generate().unwrap_or_else(|e| panic!("{keyword}: {e:?}")));
        assert!(code.contains("pub enum ProbeCheckedV1 {"), "{keyword}: {}", excerpt(&code));
        assert!(code.contains("ProbeCheckedV1Left(ProbeCheckedV1Left)") && code.contains("ProbeCheckedV1Right(ProbeCheckedV1Right)"), "{}", excerpt(&code));
        assert!(code.contains(&format!("untagged( d, {exactly_one}")), "{keyword}: {}", excerpt(&code));
        assert!(code.contains("impl super::super::envelope::EventPayload for ProbeCheckedV1 {"), "{}", excerpt(&code));
        assert!(code.contains("ProbeCheckedV1(super::probe::ProbeCheckedV1)"), "AnyPayload routes it: {}", excerpt(&code));
    }
}

#[test]
fn a_root_union_with_a_branch_that_is_not_an_object_is_refused_at_that_branch() {
    let mut root = untagged_root();
    root["oneOf"][1] = json!({"type": "string"});
    let problems = support::Set::new().event("probe.checked", "probe", root).generate().unwrap_err();
    assert!(
        problems.iter().any(|(_, pointer, p)| pointer == "/oneOf/1"
            && p.message().contains("a payload is a JSON object")
            && p.help().is_some_and(|h| h.contains("write every branch as an object schema"))),
        "{problems:?}"
    );
    // A root with rules beside its union says so, and what to write.
    let mut root = untagged_root();
    root["minProperties"] = json!(1);
    let problems = support::Set::new().event("probe.checked", "probe", root).generate().unwrap_err();
    assert!(problems.iter().any(|(_, pointer, p)| pointer.is_empty() && p.message().contains("rules no Rust type says")), "{problems:?}");
}

#[test]
fn recursion_across_files_is_a_box_of_the_shared_struct() {
    let node = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "required": ["name"],
        "properties": {"name": {"type": "string"}, "children": {"$ref": "children.json"}}});
    let children = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "items": {"$ref": "node.json"}});
    let payload = json!({"type": "object", "required": ["root"], "properties": {"root": {"$ref": "../common/node.json"}}});
    let code = folded(
        &support::Set::new()
            .event("probe.checked", "probe", payload)
            .file("probe/schema/common/node.json", node)
            .file("probe/schema/common/children.json", children)
            .generate()
            .unwrap_or_else(|e| panic!("{e:?}")),
    );
    // The vector holds its items on the heap: no `Box` inside it.
    let children = code.find("children: Option<").map(|at| &code[at..code.len().min(at + 120)]);
    assert!(code.contains("children: Option<Vec<super::super::shared::probe_schema_common_node::Node>>"), "{children:?}");
    assert!(!code.contains("checked_value!"), "nothing is left to a validation program: {}", excerpt(&code));
    // Through the payload's own file (a definition of it whose children are in another file):
    // the payload's shared copy holds the boxes, and the payload's own struct uses them.
    let kids =
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "items": {"$ref": "../payloads/probe.checked-v1.json#/$defs/node"}});
    let payload = json!({"type": "object", "required": ["top"], "properties": {"top": {"$ref": "#/$defs/node"}},
        "$defs": {"node": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "kids": {"$ref": "../common/kids.json"}}}}});
    let code = folded(
        &support::Set::new()
            .event("probe.checked", "probe", payload)
            .file("probe/schema/common/kids.json", kids)
            .generate()
            .unwrap_or_else(|e| panic!("{e:?}")),
    );
    // Without white space and trailing commas, which prettyplease places by nesting depth.
    let compact = code.replace([' ', '\n'], "").replace(",>", ">");
    let boxed =
        "pubstructNode{///Property`name`(required).#[object(text)]name:::events_runtime::__private::CompactString,///Property`kids`(optional;`None`whenabsent).Anarray.#[object(opt,slice)]kids:Option<Vec<super::super::shared::probe_schema_payloads_probe_checked_v1::Node>>,";
    assert_eq!(compact.matches(boxed).count(), 2, "the payload's node and its shared copy: {}", excerpt(&code));
    assert!(code.contains("pub mod probe_schema_payloads_probe_checked_v1 {"), "{}", excerpt(&code));
    assert!(!code.contains("checked_value!"), "nothing is left to a validation program: {}", excerpt(&code));
}

#[test]
fn only_a_schema_that_reaches_itself_across_files_is_shared_and_boxed() {
    // The payload's file is on a cycle of files (it refers to kids.json, which refers back),
    // and both definitions refer to another file, but only `node` reaches itself: `leaf` is
    // one plain struct, with no shared copy. (Its `examples` are data: a `$ref` member there
    // is no reference.)
    let kids =
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "items": {"$ref": "../payloads/probe.checked-v1.json#/$defs/node"}});
    let tag = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string"});
    let payload = json!({"type": "object", "required": ["top", "other"], "properties": {"top": {"$ref": "#/$defs/node"}, "other": {"$ref": "#/$defs/leaf"}},
    "$defs": {
        "node": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "kids": {"$ref": "../common/kids.json"}}},
        "leaf": {"type": "object", "required": ["tag"], "properties": {"tag": {"$ref": "../common/tag.json"}},
                 "examples": [{"$ref": "#/$defs/leaf"}]}
    }});
    let code = folded(
        &support::Set::new()
            .event("probe.checked", "probe", payload)
            .file("probe/schema/common/kids.json", kids)
            .file("probe/schema/common/tag.json", tag)
            .generate()
            .unwrap_or_else(|e| panic!("{e:?}")),
    );
    let compact = code.replace([' ', '\n'], "");
    assert_eq!(compact.matches("pubstructNode{").count(), 2, "the payload's node and its shared copy: {}", excerpt(&code));
    assert!(compact.contains("kids:Option<Vec<super::super::shared::probe_schema_payloads_probe_checked_v1::Node>"), "{}", excerpt(&code));
    assert_eq!(compact.matches("pubstructLeaf{").count(), 1, "one leaf, not boxed, not shared: {}", excerpt(&code));
    assert!(!compact.contains("Box<super::super::shared::probe_schema_payloads_probe_checked_v1::Leaf"), "{}", excerpt(&code));
}

#[test]
fn a_reference_to_a_file_that_is_no_schema_is_reported_not_a_panic() {
    // The cross-file recursion walk reads every file the payload refers to; `list.json` is a
    // JSON array, no schema: generation reports it, in that file.
    let payload = json!({"type": "object", "required": ["top"], "properties": {"top": {"$ref": "#/$defs/node"}, "bad": {"$ref": "../common/list.json"}},
        "$defs": {"node": {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}}});
    let problems =
        support::Set::new().event("probe.checked", "probe", payload).file("probe/schema/common/list.json", json!([[1], [2]])).generate().unwrap_err();
    assert!(
        problems.iter().any(|(file, pointer, p)| file.ends_with("common/list.json") && pointer.is_empty() && p.message().contains("must be an object")),
        "{problems:?}"
    );
}

/// A sunset v1 and a v2 of `event` in directory `dir`, both with the payload `root`, with
/// producer-only construction.
fn sunset_union_root(event: &str, dir: &str, root: &Value) -> String {
    let mut set = support::Set::new().event(event, dir, root.clone());
    set.events[0].2[0].status = "deprecated";
    set.events[0].2[0].deprecated_at = Some("2026-01-01");
    set.events[0].2.push(support::Version::new(dir, root.clone()));
    set.generate_with(|c| {
        c.enforce_sunset_as_of("2026-06-01").producer_features(true);
    })
    .unwrap_or_else(|e| panic!("{e:?}"))
}

/// The first lines of the compiler's errors (`error[E…]: …`).
fn error_lines(output: &str) -> Vec<&str> {
    output.lines().filter(|l| l.starts_with("error[")).collect()
}

#[test]
fn the_branches_of_a_union_root_carry_its_sunset_guard_and_producer_bound() {
    let untagged = sunset_union_root("a.b", "a", &untagged_root());
    let branch = |tag: &str, property: &str, ty: &str| {
        json!({"type": "object", "additionalProperties": false, "required": ["kind", property],
            "properties": {"kind": {"const": tag}, property: {"type": ty}}})
    };
    let tagged = sunset_union_root("c.d", "c", &json!({"oneOf": [branch("left", "l", "string"), branch("right", "r", "integer")]}));
    // Producing the sunset v1 through a branch fails with the sunset message, for a union
    // without a discriminator and for a discriminated one.
    let mut v1 = support::Scratch::new();
    v1.add("m", &untagged, "    pub fn produce() { let _ = a::ABV1::Abv1Left(a::a_b_v1::Abv1Left::new(a::a_b_v1::Abv1LeftRequired { l: String::new() })); }");
    v1.add("t", &tagged, "    pub fn produce() { let _ = c::CDV1::from(c::c_d_v1::Left::new(c::c_d_v1::LeftRequired { l: String::new() })); }");
    let e = v1.build().expect_err("producing a sunset version must not compile");
    let errors = error_lines(&e);
    assert!(errors.iter().any(|l| l.contains("a.b v1 is sunset")) && errors.iter().any(|l| l.contains("c.d v1 is sunset")), "{e}");
    assert!(errors.iter().all(|l| l.contains("is sunset") || l.contains("produce-shop")), "no other error: {e}");
    // v2 is not sunset, but only its producer (feature `produce-shop`) constructs it.
    let mut v2 = support::Scratch::new();
    let one = "::events_runtime::Int::lit::<1>()";
    v2.add(
        "m",
        &untagged,
        &format!("    pub fn produce() {{ let _ = a::ABV2::Abv2Right(a::a_b_v2::Abv2Right::new(a::a_b_v2::Abv2RightRequired {{ r: {one} }})); }}"),
    );
    v2.add("t", &tagged, &format!("    pub fn produce() {{ let _ = c::CDV2::from(c::c_d_v2::Right::new(c::c_d_v2::RightRequired {{ r: {one} }})); }}"));
    let e = v2.build().expect_err("without the producer's feature, its event must not be constructible");
    let errors = error_lines(&e);
    assert!(errors.len() == 2 && errors.iter().all(|l| l.contains("enable the cargo feature `produce-shop`")), "{e}");
}
