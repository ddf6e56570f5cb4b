//! What the compiler decides beyond validity: its size and depth limits, the locations it
//! names, custom metaschemas' vocabularies, and `$id`s found in documents nothing refers to.
//! (Written from the mutants the suite and `semantics` let through; see TESTING.md.)

use events_rules::compile::{compile, compile_detailed, compile_with, CompileError, Documents, Draft, Options, MAX_NODES};
use events_rules::Program;
use serde_json::{json, Map, Value};

const ROOT: &str = "https://example.test/schema.json";
const META: &str = "https://example.test/meta.json";
const DRAFT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";

fn try_program(schema: Value) -> Result<Program, Vec<CompileError>> {
    let mut docs = Documents::new();
    docs.add(ROOT, schema);
    compile(&docs, ROOT, "", Draft::Draft202012)
}

fn messages(errors: &[CompileError]) -> String {
    errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn documents_list_their_uris_normalized_and_in_order() {
    let mut docs = Documents::new();
    docs.add("HTTPS://Example.TEST/b.json#/ignored", json!(true));
    docs.add("https://example.test/a.json", json!(true));
    // RFC 3986 §6.2.2.1: scheme and host are case-insensitive, normalized to lower case; the
    // fragment is not part of a document's URI.
    assert_eq!(docs.keys().collect::<Vec<_>>(), ["https://example.test/a.json", "https://example.test/b.json"]);
    assert_eq!(Documents::new().keys().count(), 0);
}

#[test]
fn locations_are_relative_only_for_documents_under_the_root_directory() {
    let root = "https://example.test/dir/root.json";
    let mut docs = Documents::new();
    docs.add("https://example.test/dir/", json!({"$defs": {"x": {"type": "integer"}}}));
    docs.add("https://example.test/dir/sub/y.json", json!({"type": "string"}));
    docs.add("https://other.test/z.json", json!({"type": "boolean"}));
    docs.add(root, json!({"properties": {"a": {"$ref": "./#/$defs/x"}, "b": {"$ref": "sub/y.json"}, "c": {"$ref": "https://other.test/z.json"}}}));
    let p = compile(&docs, root, "", Draft::Draft202012).expect("compiles");
    let locations: Vec<&str> = p.nodes().iter().map(|n| n.location.as_ref()).collect();
    // The root document is the empty URI; a document below its directory is named from there;
    // the directory itself (whose relative name would be empty, the root's) and a document
    // elsewhere keep their whole URI.
    for expected in ["#", "#/properties/a", "https://example.test/dir/#/$defs/x", "sub/y.json#", "https://other.test/z.json#"] {
        assert!(locations.contains(&expected), "no node at {expected:?}: {locations:?}");
    }
    assert!(!p.is_valid(&json!({"a": "1"})) && !p.is_valid(&json!({"b": 1})) && !p.is_valid(&json!({"c": 1})));
}

/// `n` nested `not`s around `{"type": "string"}`: the innermost schema is `n` keywords deep.
fn nested_nots(n: usize) -> Value {
    let mut schema = json!({"type": "string"});
    for _ in 0..n {
        schema = json!({ "not": schema });
    }
    schema
}

#[test]
fn schemas_nest_up_to_256_keywords() {
    let p = try_program(nested_nots(256)).expect("256 levels compile");
    assert_eq!(p.nodes().len(), 257);
    let errors = try_program(nested_nots(257)).expect_err("257 levels are refused");
    assert!(messages(&errors).contains("the schema nests deeper than 256 keywords"), "{}", messages(&errors));
}

#[test]
fn a_program_has_at_most_max_nodes_subschemas() {
    // The root and one node per `allOf` entry.
    let all_of = |n: usize| json!({ "allOf": vec![json!(true); n] });
    let p = try_program(all_of(MAX_NODES - 1)).expect("exactly MAX_NODES nodes compile");
    assert_eq!(p.nodes().len(), MAX_NODES);
    let errors = try_program(all_of(MAX_NODES)).expect_err("one more is refused");
    assert_eq!(errors.len(), 1, "reported once");
    assert!(errors[0].message.contains(&format!("more than {MAX_NODES} subschemas")), "{}", errors[0]);
}

#[test]
fn a_program_has_at_most_64_mib_of_locations() {
    // Each node counts its document's URI and its JSON pointer: the root `ROOT` + "" (32 bytes),
    // each property `ROOT` + "/properties/<name>" (32 + 12 + the name). Two properties whose
    // names make exactly 64 MiB (the documented limit, 64 << 20 bytes) compile; a byte more is refused.
    const LIMIT: usize = 64 << 20;
    let fixed = ROOT.len() + 2 * (ROOT.len() + "/properties/".len());
    let schema = |names: usize| {
        let mut properties = Map::new();
        properties.insert("a".repeat(names / 2), json!(true));
        properties.insert("b".repeat(names - names / 2), json!(false));
        json!({ "properties": properties })
    };
    assert_eq!(fixed, 120);
    let p = try_program(schema(LIMIT - fixed)).expect("exactly the limit compiles");
    assert_eq!(p.nodes().len(), 3);
    let errors = try_program(schema(LIMIT - fixed + 1)).expect_err("a byte more is refused");
    assert!(messages(&errors).contains(&format!("{LIMIT} bytes of locations")), "{}", messages(&errors));
}

/// A custom metaschema over draft 2020-12 with these vocabularies (`true`: required).
fn with_metaschema(vocabularies: &[(&str, bool)], schema: Value, options: &Options) -> Result<Program, Vec<CompileError>> {
    let vocabulary: Map<String, Value> = vocabularies.iter().map(|(v, required)| ((*v).to_owned(), json!(required))).collect();
    let mut docs = Documents::new();
    docs.add(META, json!({"$schema": DRAFT_2020_12, "$id": META, "$vocabulary": vocabulary}));
    let mut schema = schema;
    schema["$schema"] = json!(META);
    docs.add(ROOT, schema);
    compile_with(&docs, ROOT, "", options).map(|c| c.program)
}

fn vocab(name: &str) -> String {
    format!("https://json-schema.org/draft/2020-12/vocab/{name}")
}

#[test]
fn a_custom_metaschema_decides_which_vocabularies_take_effect() {
    // JSON Schema 2020-12 core §8.1.2: the keywords of a vocabulary the metaschema does not list
    // are unknown keywords, with no effect.
    let default = Options::new(Draft::Draft202012);
    let (core, applicator, validation, unevaluated) = (vocab("core"), vocab("applicator"), vocab("validation"), vocab("unevaluated"));
    let schema = json!({"type": "object", "properties": {"a": {"type": "integer"}}, "unevaluatedProperties": false, "format": "uuid"});

    let no_applicator = with_metaschema(&[(&core, true), (&validation, true)], schema.clone(), &default).expect("compiles");
    assert!(no_applicator.is_valid(&json!({"a": "x"})), "`properties` has no effect");
    assert!(!no_applicator.is_valid(&json!("s")), "`type` has");

    let no_unevaluated = with_metaschema(&[(&core, true), (&applicator, true), (&validation, true)], schema.clone(), &default).expect("compiles");
    assert!(no_unevaluated.is_valid(&json!({"other": 1})), "`unevaluatedProperties` has no effect");
    assert!(!no_unevaluated.is_valid(&json!({"a": "x"})), "`properties` has");

    let all = with_metaschema(&[(&core, true), (&applicator, true), (&validation, true), (&unevaluated, true)], schema, &default).expect("compiles");
    assert!(!all.is_valid(&json!({"other": 1})), "`unevaluatedProperties` has effect");
    assert!(all.is_valid(&json!({"a": 1})));
}

#[test]
fn format_takes_effect_only_under_a_format_vocabulary() {
    let asserted = Options::new(Draft::Draft202012);
    let annotated = Options { default_draft: Draft::Draft202012, assert_formats: false };
    let base = [(vocab("core"), true), (vocab("validation"), true)];
    let check = |extra: Option<(&str, bool)>, options: &Options| {
        let mut vocabularies: Vec<(&str, bool)> = base.iter().map(|(v, r)| (v.as_str(), *r)).collect();
        vocabularies.extend(extra);
        let p = with_metaschema(&vocabularies, json!({"format": "uuid"}), options).unwrap_or_else(|e| panic!("{}", messages(&e)));
        assert!(p.is_valid(&json!("019374f8-7a4c-7f7e-8b55-2a6a4e0b3c9d")));
        !p.is_valid(&json!("not a uuid"))
    };
    let (annotation, assertion) = (vocab("format-annotation"), vocab("format-assertion"));
    assert!(!check(None, &asserted), "no format vocabulary: `format` has no effect, even asserted");
    assert!(check(Some((&annotation, true)), &asserted), "format-annotation, formats asserted (the project's policy)");
    assert!(!check(Some((&annotation, true)), &annotated), "format-annotation, formats as annotations");
    assert!(check(Some((&assertion, false)), &annotated), "format-assertion asserts whatever the option");
    assert!(check(Some((&assertion, true)), &asserted));
}

#[test]
fn an_unknown_vocabulary_is_refused_only_when_required() {
    let default = Options::new(Draft::Draft202012);
    let core = vocab("core");
    let custom = "https://example.test/vocab/custom";
    let errors = with_metaschema(&[(&core, true), (custom, true)], json!({}), &default).expect_err("a required vocabulary it does not know");
    assert!(messages(&errors).contains("requires the vocabulary \"https://example.test/vocab/custom\""), "{}", messages(&errors));
    assert!(with_metaschema(&[(&core, true), (custom, false)], json!({}), &default).is_ok(), "an optional one is skipped");
}

#[test]
fn a_ref_finds_an_id_in_a_document_nothing_else_refers_to() {
    let mut docs = Documents::new();
    docs.add("https://example.test/types.json", json!({"$defs": {"n": {"$id": "https://example.test/elsewhere/n.json", "type": "integer"}}}));
    docs.add(ROOT, json!({"$ref": "https://example.test/elsewhere/n.json"}));
    let p = compile(&docs, ROOT, "", Draft::Draft202012).unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(p.is_valid(&json!(1)) && !p.is_valid(&json!("1")));
}

#[test]
fn id_fragments_follow_the_draft() {
    // 2020-12 core §8.2.1: `$id` MUST NOT contain a non-empty fragment (an empty one is allowed).
    let empty = try_program(json!({"$defs": {"n": {"$id": "https://example.test/n.json#", "type": "integer"}}, "$ref": "n.json"}));
    let p = empty.unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(p.is_valid(&json!(1)) && !p.is_valid(&json!("1")));
    // (Reported when the location is compiled: referred to here.)
    let errors =
        try_program(json!({"$defs": {"n": {"$id": "https://example.test/n.json#n", "type": "integer"}}, "$ref": "#/$defs/n"})).expect_err("a fragment");
    assert!(messages(&errors).contains("has a fragment: in draft 2020-12 name the location with `$anchor` instead"), "{}", messages(&errors));
    // Draft-07 §8.2.3: an `$id` with a plain-name fragment names that location.
    let mut docs = Documents::new();
    docs.add(
        ROOT,
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"n": {"$id": "https://example.test/n.json#num", "type": "integer"}},
            "properties": {"a": {"$ref": "n.json#num"}}
        }),
    );
    let c = compile_detailed(&docs, ROOT, "", Draft::Draft202012).unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(c.program.is_valid(&json!({"a": 1})) && !c.program.is_valid(&json!({"a": "1"})));
}

#[test]
fn counts_are_non_negative_integers() {
    // "The value of this keyword MUST be a non-negative integer" (maxLength, minItems, …); an
    // integer written as a float counts (a number with a zero fractional part is an integer).
    let p = try_program(json!({"maxLength": 2.0, "minItems": 0.0})).unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(p.is_valid(&json!("ab")) && !p.is_valid(&json!("abc")));
    // Any size: 1.8e19 and 2^64 as floats, 10^30 as an integer literal (serde_json reads it as a
    // float) are non-negative integers. (Before, floats from 1.8e19 up were refused.)
    for huge in ["1.8e19", "18446744073709551616.0", "1000000000000000000000000000000", "1e300"] {
        let huge: Value = serde_json::from_str(huge).expect("JSON");
        let p = try_program(json!({"maxLength": huge, "maxItems": huge})).unwrap_or_else(|e| panic!("{huge}: {}", messages(&e)));
        assert!(p.is_valid(&json!("abc")) && p.is_valid(&json!([1, 2, 3])), "{huge}: a limit no value reaches");
        let p = try_program(json!({"minLength": huge})).unwrap_or_else(|e| panic!("{huge}: {}", messages(&e)));
        assert!(!p.is_valid(&json!("abc")), "{huge}: a length no string has");
    }
    for bad in [json!(2.5), json!(-1.0), json!(-1), json!(-0.5), json!("2")] {
        let errors = try_program(json!({ "maxLength": bad })).expect_err("not a count");
        assert!(messages(&errors).contains("`maxLength` must be a non-negative integer"), "{bad}: {}", messages(&errors));
    }
}

#[test]
fn applicator_arrays_must_not_be_empty() {
    // 2020-12: the value of `allOf`, `anyOf`, `oneOf` and `prefixItems` "MUST be a non-empty array".
    for kw in ["allOf", "anyOf", "oneOf", "prefixItems"] {
        let errors = try_program(json!({ kw: [] })).expect_err("an empty array");
        assert!(messages(&errors).contains(&format!("`{kw}` must be a non-empty array of schemas")), "{kw}: {}", messages(&errors));
        assert!(try_program(json!({ kw: [true] })).is_ok(), "{kw} with one schema");
    }
}

#[test]
fn literals_nest_at_most_128_levels_through_objects_too() {
    // `{"a": {"a": … 1}}`, `levels` objects deep: the innermost value is at depth `levels`.
    let nested = |levels: usize| (0..levels).fold(json!(1), |v, _| json!({ "a": v }));
    assert!(try_program(json!({"const": nested(128)})).is_ok());
    for levels in [129, 1_000] {
        let errors = try_program(json!({"enum": [nested(levels)]})).expect_err("too deep");
        assert!(messages(&errors).contains("the literal nests deeper than 128 levels"), "{levels}: {}", messages(&errors));
    }
}

#[test]
fn multiple_of_is_above_zero_however_written() {
    // "The value of "multipleOf" MUST be a number, strictly greater than 0."
    for zero in ["0", "0.0", "-0.0", "-1", "-0.5"] {
        let zero: Value = serde_json::from_str(zero).expect("JSON");
        let errors = try_program(json!({ "multipleOf": zero })).expect_err("not above zero");
        assert!(messages(&errors).contains("`multipleOf` must be a number above zero"), "{zero}: {}", messages(&errors));
    }
    assert!(try_program(json!({"multipleOf": 1e-300})).is_ok());
}

#[test]
fn a_document_without_an_absolute_uri_can_refer_within_itself_only() {
    let mut docs = Documents::new();
    docs.add("schema.json", json!({"$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/$defs/n"}}}));
    let p = compile(&docs, "schema.json", "", Draft::Draft202012).unwrap_or_else(|e| panic!("{}", messages(&e)));
    assert!(p.is_valid(&json!({"a": 1})) && !p.is_valid(&json!({"a": "1"})));
    docs.add("other.json", json!({"$ref": "schema.json#/$defs/n"}));
    let errors = compile(&docs, "other.json", "", Draft::Draft202012).expect_err("no base to resolve against");
    assert!(messages(&errors).contains("is not an absolute URI"), "{}", messages(&errors));
}
