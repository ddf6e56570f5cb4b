//! The emitter's output is a `static` initializer: a fixture written in exactly the emitted form
//! is compiled here as a `static`, and the emitter must reproduce its text byte for byte.
//! After an intended change of the emitted form, rerun with `EVENTS_RULES_BLESS=1` to rewrite
//! the fixture, and review its diff.

use events_rules::compile::{compile, Documents, Draft};
use events_rules::Program;
use serde_json::{json, Value};

/// The fixture, compiled by rustc as generated code would be.
static FIXTURE: Program = include!("fixtures/program.rs");

const FIXTURE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/program.rs");

fn schema() -> Value {
    json!({
        "$defs": {
            "node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}, "unevaluatedProperties": {"type": "integer"}}
        },
        "type": ["object", "null"],
        "properties": {
            "kind": {"enum": ["a", 1, -2, 18446744073709551615u64, 0.5, null, true, [1, {"x": "y"}], {"b": [], "a": {}}]},
            "amount": {"type": "number", "multipleOf": 0.01, "exclusiveMinimum": 0, "maximum": 1e12},
            "code": {"type": "string", "pattern": "^\\d{3}\\s\"q\"$", "minLength": 1, "maxLength": 5, "format": "uuid"},
            "tags": {"type": "array", "prefixItems": [{"const": "first"}], "items": {"type": "string"}, "uniqueItems": true,
                     "contains": {"const": "x"}, "minContains": 1, "maxContains": 2, "minItems": 1, "maxItems": 9},
            "tree": {"$ref": "#/$defs/node"},
            "score": {"minimum": 1, "exclusiveMaximum": 10}
        },
        "patternProperties": {"^x-": true, "^y-": {"type": "integer"}},
        "additionalProperties": false,
        "required": ["kind"],
        "dependentRequired": {"amount": ["code"], "score": ["kind", "tags"]},
        "dependentSchemas": {"tags": {"minProperties": 2, "maxProperties": 10}},
        "propertyNames": {"maxLength": 20},
        "allOf": [true],
        "anyOf": [{"required": ["kind"]}, false],
        "oneOf": [{"required": ["kind"]}, {"required": ["never"]}],
        "not": {"required": ["forbidden"]},
        "if": {"required": ["amount"]},
        "then": {"required": ["code"]},
        "else": {"not": {"required": ["code"]}}
    })
}

fn compiled() -> Program {
    let mut docs = Documents::new();
    docs.add("https://example.test/fixture.json", schema());
    compile(&docs, "https://example.test/fixture.json", "", Draft::Draft202012).expect("the fixture schema compiles")
}

#[test]
fn the_emitter_reproduces_the_fixture() {
    let text = compiled().to_rust("::events_rules");
    if std::env::var_os("EVENTS_RULES_BLESS").is_some() {
        std::fs::write(FIXTURE_PATH, format!("{text}\n")).expect("write the fixture");
    }
    let fixture = std::fs::read_to_string(FIXTURE_PATH).expect("read the fixture");
    assert_eq!(fixture.trim_end(), text, "the emitted form changed: rerun with EVENTS_RULES_BLESS=1 and review the fixture's diff");
    assert_eq!(compiled().to_rust("::events_rules"), text, "emission is deterministic");
}

#[test]
fn the_static_equals_the_compiled_program_and_validates_alike() {
    let p = compiled();
    assert_eq!(FIXTURE, p);
    let samples = [
        json!(null),
        json!(5),
        json!({"kind": "a"}),
        json!({"kind": 1.0}),
        json!({"kind": [1, {"x": "y"}]}),
        json!({"kind": {"a": {}, "b": []}}),
        json!({"kind": "zzz"}),
        json!({"kind": "a", "amount": 12.34, "code": "123 \"q\""}),
        json!({"kind": "a", "amount": 12.345, "code": "123 \"q\""}),
        json!({"kind": "a", "amount": 12.34}),
        json!({"kind": "a", "code": "123 \"q\""}),
        json!({"kind": "a", "tags": ["first", "x"], "x-extra": 1}),
        json!({"kind": "a", "tags": ["first", "x", "x"], "x-extra": 1}),
        json!({"kind": "a", "tags": ["first", "y", "x"], "x-extra": 1}),
        json!({"kind": "a", "tree": {"next": {"n": 1}, "m": 2}}),
        json!({"kind": "a", "tree": {"next": {"n": "1"}}}),
        json!({"kind": "a", "other": 1}),
        json!({"kind": "a", "forbidden": 1}),
        json!({"kind": "a", "tags": ["first", "x"], "score": 1, "y-n": 2}),
        json!({"kind": "a", "tags": ["first", "x"], "score": 10}),
        json!({"kind": "a", "tags": ["first", "x"], "score": 0.5}),
        json!({"kind": "a", "score": 9.5}),
        json!({"kind": "a", "y-n": "2"}),
    ];
    let mut valid = 0;
    for s in &samples {
        assert_eq!(FIXTURE.is_valid(s), p.is_valid(s), "{s}");
        assert_eq!(FIXTURE.validate(s), p.validate(s), "{s}");
        valid += usize::from(p.is_valid(s));
    }
    // The samples exercise both outcomes.
    assert!(valid >= 5 && valid <= samples.len() - 5, "{valid} of {} valid", samples.len());
}

#[test]
fn emitted_text_parses_as_an_expression() {
    let text = compiled().to_rust("::events::__private::rules");
    syn::parse_str::<syn::Expr>(&text).expect("a Rust expression");
    assert!(text.contains("use ::events::__private::rules::ir::"));
}
