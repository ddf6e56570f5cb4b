//! `allOf` flattened into one schema that accepts exactly the same instances, so the
//! translator sees a single object, string or number schema. What cannot be flattened
//! exactly (two different patterns, a cross-file `$ref`, an `anyOf` part, …) is refused
//! with the reason; nothing is approximated.

use serde_json::{Map, Value};

/// Keywords that never constrain a value: the first part that has one keeps it.
const ANNOTATIONS: &[&str] = &["title", "description", "examples", "$comment", "default", "deprecated", "readOnly", "writeOnly", "$schema", "$id"];

/// Flattens `schema` (an object schema with `allOf`) of the document `root`.
///
/// `refs_beside_siblings` is true for draft 2020-12, where keywords beside `$ref` apply
/// too; in draft-07 they are ignored.
pub fn flatten(root: &Value, schema: &Map<String, Value>, refs_beside_siblings: bool) -> Result<Value, String> {
    let mut parts = Vec::new();
    collect(root, schema, refs_beside_siblings, &mut parts, 0)?;
    let mut merged = Map::new();
    for part in &parts {
        merge_into(&mut merged, part)?;
    }
    restrict_properties(&mut merged, &parts)?;
    distribute_one_of(root, merged, refs_beside_siblings)
}

/// `allOf: [A, {oneOf: [X, Y]}]` is `oneOf: [allOf [A, X], allOf [A, Y]]` (exactly one of
/// A∧X, A∧Y holds iff A holds and exactly one of X, Y does): the common constraints move
/// into every branch, so each branch is one object schema with its discriminator.
fn distribute_one_of(root: &Value, mut merged: Map<String, Value>, siblings: bool) -> Result<Value, String> {
    const COMMON: &[&str] = &["properties", "required", "additionalProperties"];
    if !merged.contains_key("oneOf") || !COMMON.iter().any(|k| merged.contains_key(*k)) {
        return Ok(Value::Object(merged));
    }
    let branches = merged.remove("oneOf").and_then(|b| b.as_array().cloned()).ok_or("oneOf must be an array")?;
    let mut common = Map::new();
    for key in COMMON {
        if let Some(v) = merged.remove(*key) {
            common.insert((*key).to_owned(), v);
        }
    }
    if let Some(t) = merged.get("type") {
        common.insert("type".into(), t.clone());
    }
    let mut distributed = Vec::new();
    for branch in branches {
        let mut pair = Map::new();
        pair.insert("allOf".into(), Value::Array(vec![Value::Object(common.clone()), branch]));
        distributed.push(flatten(root, &pair, siblings)?);
    }
    merged.insert("oneOf".into(), Value::Array(distributed));
    Ok(Value::Object(merged))
}

/// The conjuncts of `schema`: itself without `allOf`/`$ref`, each `allOf` part, each `$ref`
/// target, recursively.
fn collect(root: &Value, schema: &Map<String, Value>, siblings: bool, out: &mut Vec<Map<String, Value>>, depth: usize) -> Result<(), String> {
    if depth > 32 {
        return Err("allOf/$ref nesting deeper than 32 levels (a reference cycle?)".into());
    }
    let mut own = schema.clone();
    let reference = own.remove("$ref");
    let all_of = own.remove("allOf");
    if let Some(reference) = &reference {
        let target = local_target(root, reference)?;
        collect(root, target, siblings, out, depth + 1)?;
        if !siblings {
            return Ok(());
        }
    }
    own.remove("$defs");
    own.remove("definitions");
    out.push(own);
    if let Some(all_of) = all_of {
        let Some(parts) = all_of.as_array().filter(|p| !p.is_empty()) else {
            return Err("allOf must be a non-empty array of schemas".into());
        };
        for part in parts {
            match part {
                Value::Object(part) => collect(root, part, siblings, out, depth + 1)?,
                Value::Bool(true) => {}
                _ => return Err("an allOf part must be an object schema".into()),
            }
        }
    }
    Ok(())
}

fn local_target<'v>(root: &'v Value, reference: &Value) -> Result<&'v Map<String, Value>, String> {
    let text = reference.as_str().ok_or("$ref must be a string")?;
    let pointer = text.strip_prefix('#').ok_or_else(|| format!("$ref {text:?} inside allOf: only references within the same file (#/…) can be merged"))?;
    crate::load::fragment_pointer(pointer)
        .and_then(|p| root.pointer(&p))
        .and_then(Value::as_object)
        .ok_or_else(|| format!("$ref {text:?} does not resolve to an object schema"))
}

/// Adds the constraints of `part` to `merged`.
fn merge_into(merged: &mut Map<String, Value>, part: &Map<String, Value>) -> Result<(), String> {
    for (key, value) in part {
        let key = key.as_str();
        if ANNOTATIONS.contains(&key) || key.starts_with("x-") {
            merged.entry(key).or_insert_with(|| value.clone());
            continue;
        }
        let Some(existing) = merged.get(key).cloned() else {
            merged.insert(key.to_owned(), value.clone());
            continue;
        };
        if existing == *value {
            continue;
        }
        let combined = match key {
            "type" => intersect_types(&existing, value)?,
            "enum" => {
                let other = value.as_array().ok_or("enum must be an array")?;
                Value::Array(existing.as_array().ok_or("enum must be an array")?.iter().filter(|v| other.contains(v)).cloned().collect())
            }
            "required" => {
                let mut names = existing.as_array().cloned().unwrap_or_default();
                for name in value.as_array().into_iter().flatten() {
                    if !names.contains(name) {
                        names.push(name.clone());
                    }
                }
                Value::Array(names)
            }
            "properties" => {
                let mut props = existing.as_object().cloned().ok_or("properties must be an object")?;
                for (name, schema) in value.as_object().ok_or("properties must be an object")? {
                    let entry = props.entry(name.clone()).or_insert_with(|| schema.clone());
                    if entry != schema {
                        *entry = both(entry, schema);
                    }
                }
                Value::Object(props)
            }
            "items" => both(&existing, value),
            "additionalProperties" => match (&existing, value) {
                (Value::Bool(a), Value::Bool(b)) => Value::Bool(*a && *b),
                _ => return Err("additionalProperties with a schema cannot be merged".into()),
            },
            "uniqueItems" => Value::Bool(existing == Value::Bool(true) || *value == Value::Bool(true)),
            "minLength" | "minItems" | "minimum" | "exclusiveMinimum" => pick(&existing, value, f64::max)?,
            "maxLength" | "maxItems" | "maximum" | "exclusiveMaximum" => pick(&existing, value, f64::min)?,
            "multipleOf" => integer_lcm(&existing, value)?,
            "const" => return Err(format!("two different const values ({existing} and {value}): no value satisfies both")),
            "pattern" => return Err(format!("two patterns ({existing} and {value}) on one value: combine them into one pattern")),
            "format" => return Err(format!("two formats ({existing} and {value}) on one value")),
            "oneOf" => return Err("two oneOf parts under one allOf: state the combined branches in one oneOf".into()),
            other => return Err(format!("`{other}` appears in two allOf parts with different values and cannot be merged")),
        };
        merged.insert(key.to_owned(), combined);
    }
    Ok(())
}

/// `allOf` of two subschemas, for the translator to flatten in turn.
fn both(a: &Value, b: &Value) -> Value {
    let mut out = Map::new();
    out.insert("allOf".into(), Value::Array(vec![a.clone(), b.clone()]));
    Value::Object(out)
}

fn pick(a: &Value, b: &Value, choose: fn(f64, f64) -> f64) -> Result<Value, String> {
    let (x, y) = (a.as_f64().ok_or("a bound must be a number")?, b.as_f64().ok_or("a bound must be a number")?);
    Ok(if choose(x, y) == x { a.clone() } else { b.clone() })
}

fn integer_lcm(a: &Value, b: &Value) -> Result<Value, String> {
    let (Some(x), Some(y)) = (a.as_u64().filter(|x| *x > 0), b.as_u64().filter(|y| *y > 0)) else {
        return Err(format!("multipleOf {a} and {b} in two allOf parts: only positive integer divisors are merged"));
    };
    let gcd = |mut m: u64, mut n: u64| {
        while n != 0 {
            (m, n) = (n, m % n);
        }
        m
    };
    x.checked_mul(y / gcd(x, y)).map(Value::from).ok_or_else(|| "multipleOf overflows".into())
}

fn intersect_types(a: &Value, b: &Value) -> Result<Value, String> {
    let list = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        }
    };
    let (a, b) = (list(a), list(b));
    let admits = |set: &[String], t: &str| set.iter().any(|s| s == t || (s == "number" && t == "integer"));
    let mut out: Vec<String> = a.iter().filter(|t| admits(&b, t)).cloned().collect();
    out.extend(b.iter().filter(|t| *t == "integer" && a.iter().any(|s| s == "number")).cloned());
    let mut seen = Vec::new();
    out.retain(|t| {
        if seen.contains(t) {
            false
        } else {
            seen.push(t.clone());
            true
        }
    });
    match out.as_slice() {
        [] => Err(format!("the allOf parts admit no common type ({a:?} and {b:?})")),
        [one] => Ok(Value::from(one.clone())),
        _ => Ok(Value::Array(out.into_iter().map(Value::from).collect())),
    }
}

/// `additionalProperties: false` in a part admits only that part's own properties: a
/// property another part declares is then forbidden, and fails if it is required.
fn restrict_properties(merged: &mut Map<String, Value>, parts: &[Map<String, Value>]) -> Result<(), String> {
    let closed: Vec<Vec<&String>> = parts
        .iter()
        .filter(|p| p.get("additionalProperties") == Some(&Value::Bool(false)))
        .map(|p| p.get("properties").and_then(Value::as_object).map(|o| o.keys().collect()).unwrap_or_default())
        .collect();
    if closed.is_empty() {
        return Ok(());
    }
    let allowed = |name: &String| closed.iter().all(|keys| keys.contains(&name));
    let required: Vec<String> =
        merged.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default();
    if let Some(name) = required.iter().find(|n| !allowed(n)) {
        return Err(format!("property {name:?} is required, but an allOf part with additionalProperties: false does not declare it, so no object validates"));
    }
    if let Some(Value::Object(props)) = merged.get_mut("properties") {
        props.retain(|name, _| closed.iter().all(|keys| keys.contains(&name)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(root: Value) -> Result<Value, String> {
        let schema = root.as_object().unwrap().clone();
        flatten(&root, &schema, true)
    }

    #[test]
    fn a_base_object_and_an_extension_merge_into_one_object() {
        let merged = run(json!({
            "$defs": {"base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}},
            "description": "Both.",
            "allOf": [{"$ref": "#/$defs/base"}, {"required": ["n"], "properties": {"n": {"type": "integer", "minimum": 1}}}]
        }))
        .unwrap();
        assert_eq!(
            merged,
            json!({
                "description": "Both.",
                "type": "object",
                "required": ["id", "n"],
                "properties": {"id": {"type": "string"}, "n": {"type": "integer", "minimum": 1}}
            })
        );
    }

    #[test]
    fn bounds_tighten_and_shared_properties_nest() {
        let merged = run(json!({"allOf": [
            {"type": "number", "minimum": 0, "maximum": 10, "multipleOf": 2},
            {"type": "integer", "minimum": 3, "multipleOf": 3},
        ]}))
        .unwrap();
        assert_eq!(merged, json!({"type": "integer", "minimum": 3, "maximum": 10, "multipleOf": 6}));
        let nested = run(json!({"allOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"a": {"maxLength": 3}}}]})).unwrap();
        assert_eq!(nested["properties"]["a"], json!({"allOf": [{"type": "string"}, {"maxLength": 3}]}));
    }

    #[test]
    fn a_closed_part_forbids_what_only_another_part_declares() {
        let dropped = run(json!({"allOf": [
            {"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}},
            {"properties": {"b": {"type": "string"}}},
        ]}))
        .unwrap();
        assert_eq!(dropped["properties"], json!({"a": {"type": "string"}}));
        assert_eq!(dropped["additionalProperties"], json!(false));
        let impossible = run(json!({"allOf": [
            {"type": "object", "additionalProperties": false, "properties": {"a": {"type": "string"}}},
            {"required": ["b"], "properties": {"b": {"type": "string"}}},
        ]}));
        assert!(impossible.unwrap_err().contains("\"b\" is required"));
    }

    #[test]
    fn common_properties_move_into_every_one_of_branch() {
        let merged = run(json!({"allOf": [
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            {"oneOf": [
                {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "a"}}},
                {"type": "object", "required": ["kind", "n"], "properties": {"kind": {"const": "b"}, "n": {"type": "integer"}}},
            ]},
        ]}))
        .unwrap();
        assert_eq!(
            merged,
            json!({"type": "object", "oneOf": [
                {"type": "object", "required": ["id", "kind"], "properties": {"id": {"type": "string"}, "kind": {"const": "a"}}},
                {"type": "object", "required": ["id", "kind", "n"], "properties": {"id": {"type": "string"}, "kind": {"const": "b"}, "n": {"type": "integer"}}},
            ]})
        );
    }

    #[test]
    fn what_cannot_be_merged_exactly_is_refused() {
        assert!(run(json!({"allOf": [{"type": "string", "pattern": "^a"}, {"pattern": "b$"}]})).unwrap_err().contains("two patterns"));
        assert!(run(json!({"allOf": [{"type": "string"}, {"type": "integer"}]})).unwrap_err().contains("no common type"));
        assert!(run(json!({"allOf": [{"$ref": "other.json#/x"}]})).unwrap_err().contains("same file"));
        assert!(run(json!({"allOf": [{"multipleOf": 0.5}, {"multipleOf": 2}]})).unwrap_err().contains("multipleOf"));
        assert!(run(json!({"allOf": [{"multipleOf": 0}, {"multipleOf": 2}]})).unwrap_err().contains("only positive integer divisors"));
        assert!(run(json!({"allOf": [{"multipleOf": 2}, {"multipleOf": 0}]})).unwrap_err().contains("only positive integer divisors"));
        assert!(run(json!({"allOf": [false]})).unwrap_err().contains("must be an object schema"));
    }

    #[test]
    fn annotations_and_vendor_keywords_keep_the_first_value() {
        let merged = run(json!({"allOf": [
            {"type": "string", "description": "first", "x-owner": "a"},
            {"description": "second", "title": "t", "x-owner": "b"},
        ]}))
        .unwrap();
        assert_eq!(merged, json!({"type": "string", "description": "first", "x-owner": "a", "title": "t"}));
    }

    #[test]
    fn type_lists_intersect_and_multiples_take_their_least_common_multiple() {
        assert_eq!(run(json!({"allOf": [{"type": ["string", "null"]}, {"type": ["null", "integer"]}]})).unwrap(), json!({"type": "null"}));
        assert_eq!(run(json!({"allOf": [{"type": ["number", "string"]}, {"type": "integer"}]})).unwrap(), json!({"type": "integer"}));
        let both = run(json!({"allOf": [{"type": ["object", "string", "null"]}, {"type": ["null", "object"]}]})).unwrap();
        assert_eq!(both, json!({"type": ["object", "null"]}));
        assert_eq!(run(json!({"allOf": [{"multipleOf": 4}, {"multipleOf": 6}]})).unwrap(), json!({"multipleOf": 12}));
        assert_eq!(run(json!({"allOf": [{"type": "integer"}, {"type": "number"}]})).unwrap(), json!({"type": "integer"}));
        assert!(run(json!({"allOf": [{"type": "string"}, {"type": "number"}]})).unwrap_err().contains("no common type"));
    }

    #[test]
    fn a_true_part_adds_nothing() {
        assert_eq!(run(json!({"allOf": [true, {"type": "string"}, true]})).unwrap(), json!({"type": "string"}));
    }

    #[test]
    fn closed_wins_over_open_and_unique_over_not_unique_in_either_order() {
        for (a, b) in [(true, false), (false, true)] {
            let merged = run(json!({"allOf": [
                {"type": "array", "uniqueItems": a, "additionalProperties": a},
                {"uniqueItems": b, "additionalProperties": b},
            ]}))
            .unwrap();
            assert_eq!(merged["uniqueItems"], json!(true), "{a} {b}");
            assert_eq!(merged["additionalProperties"], json!(false), "{a} {b}");
        }
        let open = run(json!({"allOf": [{"additionalProperties": true, "uniqueItems": false}, {"additionalProperties": true, "uniqueItems": false}]})).unwrap();
        assert_eq!(open, json!({"additionalProperties": true, "uniqueItems": false}));
    }

    /// A chain of `n` `$ref`s, each to the next definition, ending in an object schema.
    fn ref_chain(n: usize) -> Value {
        let mut defs = Map::new();
        for i in 0..n {
            defs.insert(format!("d{i}"), json!({"$ref": format!("#/$defs/d{}", i + 1)}));
        }
        defs.insert(format!("d{n}"), json!({"type": "object"}));
        json!({"$defs": defs, "allOf": [{"$ref": "#/$defs/d0"}]})
    }

    #[test]
    fn nesting_is_bounded_at_32_levels_and_a_cycle_is_refused() {
        // The root, its `allOf` part, then one level per `$ref`: 30 `$ref`s reach level 32.
        assert_eq!(run(ref_chain(30)).unwrap(), json!({"type": "object"}));
        assert!(run(ref_chain(31)).unwrap_err().contains("deeper than 32"));
        let cycle = run(json!({"$defs": {"a": {"allOf": [{"$ref": "#/$defs/a"}]}}, "allOf": [{"$ref": "#/$defs/a"}]}));
        assert!(cycle.unwrap_err().contains("a reference cycle?"));
    }
}
