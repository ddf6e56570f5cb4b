//! The tricky semantics, on compiled schemas: exact numbers, `unevaluated*`, messages, limits,
//! and what the compiler refuses or reports.

use events_rules::compile::{compile, compile_detailed, compile_with, CompileError, Documents, Draft, Options};
use events_rules::{Check, Format};
use events_rules::{Program, MAX_DEPTH};
use serde_json::{json, Value};

const ROOT: &str = "https://example.test/schema.json";

fn program(schema: Value) -> Program {
    try_program(schema).unwrap_or_else(|e| panic!("compile failed: {e:?}"))
}

fn try_program(schema: Value) -> Result<Program, Vec<CompileError>> {
    let mut docs = Documents::new();
    docs.add(ROOT, schema);
    compile(&docs, ROOT, "", Draft::Draft202012)
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("test JSON")
}

#[test]
fn multiple_of_is_exact_in_decimal() {
    let p = program(json!({"multipleOf": 0.0001}));
    assert!(p.is_valid(&parse("0.0075")));
    assert!(p.is_valid(&parse("19.9999")));
    assert!(!p.is_valid(&parse("0.00751")));
    let cents = program(json!({"multipleOf": 0.01}));
    assert!(cents.is_valid(&parse("1.1")), "1.1 / 0.01 = 110.00000000000001 in floats");
    assert!(cents.is_valid(&parse("4.35")));
    assert!(!cents.is_valid(&parse("4.355")));
    let ints = program(json!({"multipleOf": 3}));
    assert!(ints.is_valid(&parse("18446744073709551615")), "u64::MAX = 3 · 6148914691236517205");
    assert!(!ints.is_valid(&parse("9223372036854775807")));
    assert!(ints.is_valid(&parse("-9223372036854775806")));
    assert!(ints.is_valid(&parse("6.0")));
    assert!(!ints.is_valid(&parse("6.5")));
}

#[test]
fn bounds_compare_exactly_across_i64_u64_f64() {
    let max_u = program(json!({"maximum": 18446744073709551615u64}));
    assert!(max_u.is_valid(&parse("18446744073709551615")));
    assert!(!max_u.is_valid(&parse("18446744073709551616")), "2^64 parses as a float above u64::MAX");
    let below = program(json!({"exclusiveMaximum": 9223372036854775807i64}));
    assert!(below.is_valid(&parse("9223372036854775806")));
    assert!(!below.is_valid(&parse("9223372036854775807")));
    assert!(!below.is_valid(&parse("9223372036854775808")));
    assert!(!below.is_valid(&parse("9.3e18")));
    let min_f = program(json!({"minimum": -9223372036854775808i64}));
    assert!(min_f.is_valid(&parse("-9223372036854775808")));
    assert!(!min_f.is_valid(&parse("-9223372036854777856.0")), "the next float below -2^63");
    let half = program(json!({"exclusiveMinimum": 2.5, "maximum": 3}));
    assert!(half.is_valid(&parse("3")));
    assert!(half.is_valid(&parse("3.0")));
    assert!(!half.is_valid(&parse("2.5")));
    assert!(!half.is_valid(&parse("3.0000000000000004")));
    let int = program(json!({"type": "integer"}));
    assert!(int.is_valid(&parse("1.0")));
    assert!(int.is_valid(&parse("1e300")));
    assert!(!int.is_valid(&parse("1.5")));
}

#[test]
fn unevaluated_properties_see_through_in_place_applicators_only() {
    let p = program(json!({
        "properties": {"kind": {"type": "string"}},
        "allOf": [{"properties": {"a": true}}],
        "anyOf": [{"properties": {"b": true}, "required": ["b"]}, {"properties": {"c": true}, "required": ["c"]}],
        "if": {"properties": {"kind": {"const": "x"}}},
        "then": {"properties": {"x": true}},
        "else": {"properties": {"y": true}},
        "dependentSchemas": {"d": {"properties": {"e": true}}},
        "not": {"properties": {"n": true}, "required": ["n", "never"]},
        "unevaluatedProperties": false
    }));
    assert!(p.is_valid(&json!({"kind": "x", "a": 1, "b": 1, "c": 1, "x": 1})), "both anyOf branches match: both annotate");
    assert!(!p.is_valid(&json!({"kind": "x", "b": 1, "y": 1})), "y is evaluated only in else");
    assert!(p.is_valid(&json!({"kind": "z", "b": 1, "y": 1})));
    assert!(!p.is_valid(&json!({"kind": "x", "b": 1, "e": 1})), "e is evaluated only when d is present");
    assert!(!p.is_valid(&json!({"kind": "x", "b": 1, "d": 1, "e": 1})), "d itself is not evaluated");
    assert!(!p.is_valid(&json!({"kind": "x", "b": 1, "n": 1})), "annotations under not are dropped");
    // A nested unevaluatedProperties sees only its own subschema's annotations.
    let nested = program(json!({"properties": {"a": true}, "allOf": [{"unevaluatedProperties": false}]}));
    assert!(!nested.is_valid(&json!({"a": 1})));
    assert!(nested.is_valid(&json!({})));
    // Through $ref, and across a recursive schema.
    let via_ref = program(json!({
        "$defs": {"base": {"properties": {"id": true, "child": {"$ref": "#"}}}},
        "$ref": "#/$defs/base",
        "unevaluatedProperties": false
    }));
    assert!(via_ref.is_valid(&json!({"id": 1, "child": {"id": 2, "child": {}}})));
    let err = via_ref.validate(&json!({"id": 1, "child": {"id": 2, "extra": true}})).expect_err("extra is unevaluated");
    assert_eq!(err.instance_path, "/child");
    assert!(err.message.contains("\"extra\""), "{err}");
}

#[test]
fn unevaluated_items_count_prefix_items_and_contains() {
    let p = program(json!({
        "prefixItems": [{"type": "string"}],
        "contains": {"type": "number"},
        "unevaluatedItems": false
    }));
    assert!(p.is_valid(&json!(["a", 1, 2])));
    assert!(!p.is_valid(&json!(["a", 1, true])));
    let with_items = program(json!({"allOf": [{"prefixItems": [{"type": "string"}]}, {"items": true}], "unevaluatedItems": false}));
    assert!(with_items.is_valid(&json!(["a", 1, 2])));
    let prefix_only = program(json!({"allOf": [{"prefixItems": [true]}], "unevaluatedItems": false}));
    assert!(prefix_only.is_valid(&json!(["a"])));
    assert!(!prefix_only.is_valid(&json!(["a", 1])));
    let only_if = program(json!({"if": {"prefixItems": [{"const": 1}]}, "unevaluatedItems": false}));
    assert!(only_if.is_valid(&json!([1])), "if's annotations count when it holds");
    assert!(!only_if.is_valid(&json!([2])));
}

#[test]
fn messages_quote_a_bounded_prefix() {
    let p = program(json!({"properties": {"list": {"items": {"type": "string"}}}}));
    let big: Vec<Value> = (0..10_000).map(|i| json!({"field": i, "text": "x".repeat(100)})).collect();
    let err = p.validate(&json!({"list": ["ok", big]})).expect_err("an array is not a string");
    assert_eq!(err.instance_path, "/list/1");
    assert_eq!(err.schema_path, "#/properties/list/items/type");
    assert!(err.message.len() < 400, "message of {} bytes: {}", err.message.len(), err.message);
    assert!(err.message.contains('…'));
    let long = program(json!({"maxLength": 3}));
    let err = long.validate(&json!("y".repeat(1_000_000))).expect_err("too long");
    assert!(err.message.len() < 400, "{}", err.message);
    let shown = err.to_string();
    assert!(shown.starts_with("the value: "), "{shown}");
    let enum_p = program(json!({"enum": ["a".repeat(500), "b", "c", "d", "e", "f", "g"]}));
    let err = enum_p.validate(&json!("z")).expect_err("not in the enum");
    assert!(err.message.len() < 800, "{}", err.message);
    // JSON-pointer escapes in the instance path.
    let keyed = program(json!({"additionalProperties": {"type": "string"}}));
    let err = keyed.validate(&json!({"a/b~c": 1})).expect_err("not a string");
    assert_eq!(err.instance_path, "/a~1b~0c");
}

#[test]
fn depth_is_bounded_by_an_error_not_the_stack() {
    // Within 1 MiB of stack, even unoptimized (tokio's worker threads have 2 MiB).
    std::thread::Builder::new().stack_size(1 << 20).spawn(depth_checks).expect("thread").join().expect("no stack overflow");
}

fn depth_checks() {
    // A schema that recurses without consuming the instance.
    let spin = program(json!({"$ref": "#"}));
    let err = spin.validate(&json!(1)).expect_err("depth limit");
    assert!(err.message.contains(&MAX_DEPTH.to_string()), "{err}");
    // The limit passes through `not` instead of being inverted into a success.
    let negated = program(json!({"$defs": {"loop": {"$ref": "#/$defs/loop"}}, "not": {"$ref": "#/$defs/loop"}}));
    assert!(!negated.is_valid(&json!(1)));
    // Deep instances under a recursive schema: deeper than the limit is an error.
    let tree = program(json!({"type": "array", "items": {"$ref": "#"}}));
    let mut deep = json!([]);
    for _ in 0..MAX_DEPTH * 2 {
        deep = Value::Array(vec![deep]);
    }
    assert!(!tree.is_valid(&deep));
    let mut shallow = json!([]);
    for _ in 0..MAX_DEPTH / 4 {
        shallow = Value::Array(vec![shallow]);
    }
    assert!(tree.is_valid(&shallow));
}

#[test]
fn patterns_follow_ecma_262_classes() {
    let p = program(json!({"pattern": "^\\d{4}$", "patternProperties": {"^\\w+$": {"type": "integer"}}}));
    assert!(p.is_valid(&json!("2024")));
    assert!(!p.is_valid(&json!("٢٠٢٤")), "Arabic-Indic digits are not ECMA \\d");
    let props = program(json!({"patternProperties": {"^\\w+$": {"type": "integer"}}, "additionalProperties": false}));
    assert!(props.is_valid(&json!({"abc_1": 1})));
    assert!(!props.is_valid(&json!({"é": 1})));
    assert!(program(json!({"pattern": "b"})).is_valid(&json!("abc")), "pattern is an unanchored search");
}

#[test]
fn recursive_schemas_are_cycles_not_expansions() {
    let p = program(json!({
        "$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}, "value": {"type": "integer"}}}},
        "$ref": "#/$defs/node"
    }));
    assert_eq!(p.nodes().len(), 4, "root, node, next, value: {:#?}", p.nodes());
    assert!(p.is_valid(&json!({"value": 1, "next": {"value": 2, "next": {}}})));
    assert!(!p.is_valid(&json!({"value": 1, "next": {"value": "2"}})));
}

#[test]
fn refs_resolve_across_documents_ids_and_anchors() {
    let mut docs = Documents::new();
    docs.add("https://example.test/types.json", json!({"$defs": {"id": {"$anchor": "id", "type": "string", "minLength": 1}}}));
    docs.add(
        ROOT,
        json!({
            "properties": {
                "a": {"$ref": "types.json#id"},
                "b": {"$ref": "types.json#/$defs/id"},
                "c": {"$ref": "nested/item.json"},
                "d": {"$ref": "#/$defs/with%20space"}
            },
            "$defs": {
                "item": {"$id": "nested/item.json", "type": "integer"},
                "with space": {"const": 1}
            }
        }),
    );
    let p = compile(&docs, ROOT, "", Draft::Draft202012).expect("compiles");
    assert!(p.is_valid(&json!({"a": "x", "b": "y", "c": 3, "d": 1})));
    assert!(!p.is_valid(&json!({"a": ""})));
    assert!(!p.is_valid(&json!({"b": ""})));
    assert!(!p.is_valid(&json!({"c": "3"})));
    assert!(!p.is_valid(&json!({"d": 2})));
    let types_node = p.nodes().iter().find(|n| n.location.contains("$defs/id")).expect("a node from types.json");
    assert_eq!(types_node.location, "types.json#/$defs/id", "locations are relative to the root document");
    // A subschema by pointer.
    let sub = compile(&docs, ROOT, "/$defs/item", Draft::Draft202012).expect("compiles");
    assert!(sub.is_valid(&json!(1)) && !sub.is_valid(&json!("1")));
}

#[test]
fn draft_07_refs_ignore_siblings_and_know_plain_name_ids() {
    let mut docs = Documents::new();
    docs.add(
        ROOT,
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"s": {"$id": "#str", "type": "string"}},
            "properties": {"a": {"$ref": "#str", "maxLength": 1}},
            "items": [{"type": "integer"}],
            "additionalItems": {"type": "string"}
        }),
    );
    let p = compile(&docs, ROOT, "", Draft::Draft202012).expect("compiles");
    assert!(p.is_valid(&json!({"a": "long is fine: maxLength is ignored beside $ref"})));
    assert!(!p.is_valid(&json!({"a": 1})));
    assert!(p.is_valid(&json!([1, "x"])));
    assert!(!p.is_valid(&json!([1, 2])));
}

#[test]
fn compile_errors_are_collected_and_say_what_to_write() {
    let errors = try_program(json!({
        "properties": {
            "a": {"$dynamicRef": "#meta"},
            "b": {"$ref": "https://elsewhere.test/missing.json"},
            "c": {"format": "no-such-format"},
            "d": {"pattern": "(?<=a)b"},
            "e": {"multipleOf": 0},
            "f": {"type": "text"},
            "g": {"items": [true]}
        }
    }))
    .expect_err("refused");
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let all = text.join("\n");
    assert_eq!(errors.len(), 7, "{all}");
    for needle in [
        "dynamic references are not supported",
        "neither a document given to the compiler",
        "unknown format \"no-such-format\"",
        "look-around",
        "above zero",
        "unknown type \"text\"",
        "prefixItems",
    ] {
        assert!(all.contains(needle), "no error mentions {needle:?}:\n{all}");
    }
    assert!(errors.iter().any(|e| e.pointer == "/properties/a/$dynamicRef"), "{all}");
    assert!(try_program(json!({"$recursiveRef": "#"})).is_err());
}

#[test]
fn unknown_keywords_are_listed_not_refused() {
    let mut docs = Documents::new();
    docs.add(ROOT, json!({"x-event-role": "id", "properties": {"a": {"x-note": 1, "type": "string"}}, "$defs": {"unused": {"x-unreached": 1}}}));
    let c = compile_detailed(&docs, ROOT, "", Draft::Draft202012).expect("compiles");
    assert_eq!(c.ignored_keywords, vec![(ROOT.to_owned(), "/x-event-role".to_owned()), (ROOT.to_owned(), "/properties/a/x-note".to_owned())]);
    let mut docs = Documents::new();
    docs.add(ROOT, json!({"$schema": "http://json-schema.org/draft-07/schema#", "definitions": {"s": {"type": "string"}}, "$ref": "#/definitions/s", "maxLength": 3, "title": "t"}));
    let c = compile_detailed(&docs, ROOT, "", Draft::Draft202012).expect("compiles");
    assert_eq!(c.ignored_keywords, vec![(ROOT.to_owned(), "/maxLength".to_owned())], "draft-07: siblings of $ref take no effect");
    assert!(c.program.is_valid(&json!("longer than three")));
}

#[test]
fn hostile_schemas_are_refused_without_panicking() {
    // Deeper than serde_json would parse (built by hand): refused by the depth limit, with no
    // stack overflow and no quadratic pile of pointers.
    let mut deep = json!({"type": "string"});
    for _ in 0..2_000 {
        let mut m = serde_json::Map::new();
        m.insert("not".to_owned(), deep);
        deep = Value::Object(m);
    }
    let errors = try_program(deep).expect_err("too deep");
    assert!(errors.iter().any(|e| e.message.contains("nests deeper than")), "{errors:?}");
    let mut deep_lit = json!(1);
    for _ in 0..1_000 {
        deep_lit = Value::Array(vec![deep_lit]);
    }
    let errors = try_program(json!({"const": deep_lit})).expect_err("literal too deep");
    assert!(errors[0].message.contains("deeper than"), "{errors:?}");
    assert!(try_program(json!({"$ref": "#/nowhere"})).is_err());
    assert!(try_program(json!({"properties": 5})).is_err());
    assert!(try_program(json!({"allOf": [5]})).is_err());
}

#[test]
fn formats_assert_by_default_and_annotate_on_request() {
    let schema = json!({"properties": {"id": {"format": "uuid"}, "x": {"format": "x-custom"}}});
    let mut docs = Documents::new();
    docs.add(ROOT, schema);
    let errors = compile(&docs, ROOT, "", Draft::Draft202012).expect_err("unknown format under assertion");
    assert!(errors.iter().all(|e| e.pointer == "/properties/x/format"), "{errors:?}");
    let annotate = Options { default_draft: Draft::Draft202012, assert_formats: false };
    let c = compile_with(&docs, ROOT, "", &annotate).expect("formats are annotations");
    assert!(c.program.nodes().iter().all(|n| !n.checks.iter().any(|c| matches!(c, Check::Format(_)))));
    let mut docs = Documents::new();
    docs.add(ROOT, json!({"format": "uuid"}));
    let p = compile(&docs, ROOT, "", Draft::Draft202012).expect("compiles");
    assert_eq!(p.nodes()[0].checks.as_ref(), &[Check::Format(Format::Uuid)]);
}

/// The largest `n` for which `nest(n)` is valid, where `nest(n + 1)` is refused by the depth
/// limit (and so is every deeper value up to 400).
fn deepest_valid(p: &Program, nest: &dyn Fn(usize) -> Value) -> usize {
    let refused = |n: usize| p.validate(&nest(n)).is_err_and(|e| e.message.contains(&format!("nests deeper than {MAX_DEPTH}")));
    let n = (0..400).take_while(|&n| p.is_valid(&nest(n))).last().expect("the shallowest value is valid");
    assert!((n + 1..400).all(refused), "every value deeper than {n} is refused by the depth limit");
    n
}

/// `n` levels of `wrap` around `null`.
fn wrapped(n: usize, wrap: fn(Value) -> Value) -> Value {
    (0..n).fold(Value::Null, |v, _| wrap(v))
}

fn in_array(v: Value) -> Value {
    Value::Array(vec![v])
}

fn under_a(v: Value) -> Value {
    Value::Object(serde_json::Map::from_iter([("a".to_owned(), v)]))
}

/// An applicator, a schema recursing through it, one level of nesting of the value, the
/// subschemas entered a level and those entered on the innermost value.
type DepthCase = (&'static str, Value, fn(Value) -> Value, usize, usize);

#[test]
fn every_applicator_counts_one_level_of_depth() {
    std::thread::Builder::new().stack_size(4 << 20).spawn(applicator_depths).expect("thread").join().expect("no stack overflow");
}

/// A schema that recurses through `$ref: "#"` under an applicator, on a value nested `n`
/// levels around `null`, evaluates a chain of nodes whose last is at depth `c · n + e`: `c`
/// counts the subschemas entered per level (the `$ref`'s own node is one), `e` those entered
/// on the innermost `null` too (the in-place applicators' subschemas: `allOf` applies to any
/// value, `properties` inside it then ignores the `null`). The limit refuses a node at depth
/// `MAX_DEPTH` (256), so the deepest valid value has `⌊(255 − e) / c⌋` levels.
fn applicator_depths() {
    let cases: [DepthCase; 16] = [
        ("prefixItems", json!({"prefixItems": [{"$ref": "#"}]}), in_array, 2, 0),
        ("items", json!({"items": {"$ref": "#"}}), in_array, 2, 0),
        ("contains", json!({"contains": {"$ref": "#"}}), in_array, 2, 0),
        ("unevaluatedItems", json!({"unevaluatedItems": {"$ref": "#"}}), in_array, 2, 0),
        ("properties", json!({"properties": {"a": {"$ref": "#"}}}), under_a, 2, 0),
        ("patternProperties", json!({"patternProperties": {"^a$": {"$ref": "#"}}}), under_a, 2, 0),
        ("additionalProperties", json!({"additionalProperties": {"$ref": "#"}}), under_a, 2, 0),
        ("unevaluatedProperties", json!({"unevaluatedProperties": {"$ref": "#"}}), under_a, 2, 0),
        ("dependentSchemas", json!({"dependentSchemas": {"a": {"properties": {"a": {"$ref": "#"}}}}}), under_a, 3, 0),
        ("allOf", json!({"allOf": [{"properties": {"a": {"$ref": "#"}}}]}), under_a, 3, 1),
        ("anyOf", json!({"anyOf": [{"properties": {"a": {"$ref": "#"}}}]}), under_a, 3, 1),
        ("oneOf", json!({"oneOf": [{"properties": {"a": {"$ref": "#"}}}]}), under_a, 3, 1),
        ("not", json!({"not": {"not": {"properties": {"a": {"$ref": "#"}}}}}), under_a, 4, 2),
        ("if", json!({"if": {"properties": {"a": {"$ref": "#"}}}}), under_a, 3, 1),
        ("then", json!({"if": true, "then": {"properties": {"a": {"$ref": "#"}}}}), under_a, 3, 1),
        ("else", json!({"if": false, "else": {"properties": {"a": {"$ref": "#"}}}}), under_a, 3, 1),
    ];
    for (keyword, schema, wrap, per_level, on_leaf) in cases {
        let p = program(schema);
        assert_eq!(deepest_valid(&p, &|n| wrapped(n, wrap)), (255 - on_leaf) / per_level, "{keyword}");
    }
    // `propertyNames` checks strings, which do not nest: a chain of `k` definitions, each
    // entering the next through `allOf` and `$ref` (two levels a link), below the root and
    // its `propertyNames` subschema, reaches depth 2 + 2k.
    let chain = |k: usize| {
        let mut defs = serde_json::Map::new();
        for i in 0..k {
            defs.insert(format!("d{i}"), json!({"allOf": [{"$ref": format!("#/$defs/d{}", i + 1)}]}));
        }
        defs.insert(format!("d{k}"), json!({"type": "string"}));
        program(json!({"$defs": defs, "propertyNames": {"$ref": "#/$defs/d0"}}))
    };
    assert!(chain(126).is_valid(&json!({"a": 1})), "deepest node at 254");
    let err = chain(127).validate(&json!({"a": 1})).expect_err("a node at depth 256");
    assert!(err.message.contains("nests deeper than"), "{err}");
}

/// The message of the violation `schema` finds in `value`.
fn message(schema: Value, value: Value) -> String {
    program(schema).validate(&value).expect_err("a violation").message
}

#[test]
fn messages_name_the_types_limits_and_literals_involved() {
    // `type`: the allowed names in vocabulary order, then the value's own type; a number with
    // a zero fraction is an integer (2020-12 core §4.2.2).
    assert_eq!(message(json!({"type": "string"}), json!(5)), "expected string, got integer 5");
    assert_eq!(message(json!({"type": "string"}), parse("2.0")), "expected string, got integer 2.0");
    assert_eq!(message(json!({"type": "string"}), json!(1.5)), "expected string, got number 1.5");
    assert_eq!(message(json!({"type": "string"}), json!(true)), "expected string, got boolean true");
    assert_eq!(message(json!({"type": "string"}), json!(null)), "expected string, got null null");
    assert_eq!(message(json!({"type": "string"}), json!([1])), "expected string, got array [1]");
    assert_eq!(message(json!({"type": "string"}), json!({"a": 1})), "expected string, got object {\"a\":1}");
    assert_eq!(message(json!({"type": ["integer", "null"]}), json!("x")), "expected null or integer, got string \"x\"");
    assert_eq!(message(json!({"type": "integer"}), json!(0.5)), "expected integer, got number 0.5");
    // Bounds and multiples quote the schema's number as written: i64, u64 or float.
    assert_eq!(message(json!({"maximum": 3}), json!(4)), "4 is not at most 3");
    assert_eq!(message(json!({"minimum": -2}), json!(-3)), "-3 is not at least -2");
    assert_eq!(message(json!({"exclusiveMinimum": 18446744073709551615u64}), json!(1)), "1 is not above 18446744073709551615");
    assert_eq!(message(json!({"exclusiveMaximum": 2.5}), json!(2.5)), "2.5 is not below 2.5");
    assert_eq!(message(json!({"multipleOf": 0.5}), json!(0.3)), "0.3 is not a multiple of 0.5");
    // `const` and `enum` quote their literals; `enum` at most five, then `…`.
    assert_eq!(message(json!({"const": "a"}), json!("b")), "expected \"a\", got \"b\"");
    assert_eq!(
        message(json!({"enum": [null, true, 2.5, 18446744073709551615u64, -1, "x"]}), json!("z")),
        "\"z\" is not one of null, true, 2.5, 18446744073709551615, -1, …"
    );
    assert_eq!(message(json!({"enum": [1, 2, 3, 4, 5]}), json!(6)), "6 is not one of 1, 2, 3, 4, 5");
    // Literals are shown four levels deep; what is deeper is `…`.
    assert_eq!(message(json!({"const": [[[[[1]]]]]}), json!(1)), "expected [[[[\"…\"]]]], got 1");
    assert_eq!(message(json!({"const": {"a": {"b": {"c": {"d": {"e": 1}}}}}}), json!(1)), "expected {\"a\":{\"b\":{\"c\":{\"d\":\"…\"}}}}, got 1");
    assert_eq!(message(json!({"const": [1, [2]]}), json!(1)), "expected [1,[2]], got 1");
    // `contains`: no match at all, or too few.
    assert_eq!(message(json!({"contains": {"const": 1}}), json!([2])), "no item matches `contains`");
    assert_eq!(message(json!({"contains": {"const": 1}, "minContains": 2}), json!([1, 2])), "1 items match `contains`, expected at least 2");
    assert_eq!(message(json!({"contains": {"const": 1}, "maxContains": 1}), json!([1, 1])), "2 items match `contains`, expected at most 1");
}

#[test]
fn formats_are_asserted_when_validating() {
    let p = program(json!({"format": "uuid"}));
    assert!(p.is_valid(&json!("2eb8aa08-aa98-11ea-b4aa-73b441d16380")));
    assert!(p.is_valid(&json!(5)), "formats apply to strings only");
    let err = p.validate(&json!("2eb8aa08-aa98-11ea-b4aa-73b441d1638")).expect_err("one hex digit short");
    assert_eq!(err.message, "\"2eb8aa08-aa98-11ea-b4aa-73b441d1638\" is not a valid uuid");
    assert_eq!(err.schema_path, "#/format");
}
