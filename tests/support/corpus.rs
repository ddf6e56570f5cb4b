//! Derives the invalid half of the conformance corpus from a schema and its valid
//! examples: for every constraint keyword at every location an example reaches, one
//! payload that breaks that constraint and nothing else — plus one payload per class of
//! violation that a decoder may get wrong on its own (`<location>--<keyword>~<class>`):
//! a calendar-invalid date (`month13`, `feb30`), an id in upper case (`uppercase`) or with
//! another UUID variant nibble (`variant`; the first breaker of an id pattern is already the
//! version nibble), and `null` at every property and item whose schema does not allow it
//! (`<location>--null`, absent optional properties included).
//!
//! Candidates are proposed per keyword and the `jsonschema` oracle picks: a candidate is
//! kept only when the oracle reports exactly one error, of the targeted keyword (or of the
//! `oneOf`/`anyOf` that encloses the location, which is how a validator reports a broken
//! branch). A constraint for which no candidate qualifies is reported, never skipped.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

/// One derived invalid payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    /// `<instance path, dot-separated>--<keyword>`, the corpus file stem.
    pub name: String,
    /// The payload.
    pub value: Value,
}

/// What the walk is inside: the location and keyword a validator reports for a broken branch.
#[derive(Clone)]
struct Enclosing {
    keyword: &'static str,
    path: Vec<String>,
}

struct Deriver<'a> {
    root: &'a Value,
    oracle: &'a jsonschema::Validator,
    base: &'a Value,
    /// Derived payloads, and whether the constraint sits inside a oneOf/anyOf branch.
    out: Vec<(Invalid, bool)>,
    /// (corpus name the constraint would have, what went wrong).
    problems: Vec<(String, String)>,
    /// Places this example reaches (`reach:<path>`): a property present, an array with an
    /// item, a oneOf/anyOf branch taken. Another example's problem of not reaching one
    /// is settled when some example reaches it.
    reached: Vec<String>,
}

/// Derives the invalid payloads for `schema` from `examples` (file stem, payload), in a
/// stable order; `Err` lists the constraints no single-error payload could be found for.
pub fn derive(schema: &Value, oracle: &jsonschema::Validator, examples: &[(String, Value)]) -> Result<Vec<Invalid>, Vec<String>> {
    let mut by_name: BTreeMap<String, Value> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut reached = std::collections::BTreeSet::new();
    for (stem, example) in examples {
        let mut d = Deriver { root: schema, oracle, base: example, out: Vec::new(), problems: Vec::new(), reached: Vec::new() };
        d.walk(schema, example, &mut Vec::new(), None);
        problems.extend(d.problems.into_iter().map(|(name, p)| (name, format!("{stem}: {p}"))));
        reached.extend(d.reached);
        for (invalid, in_branch) in d.out {
            match by_name.get(&invalid.name) {
                None => {
                    by_name.insert(invalid.name, invalid.value);
                }
                // Inside a oneOf/anyOf, the same path in another example may run through
                // another branch (another generated struct): keep both, told apart by the
                // example's name. Elsewhere one payload per constraint is enough.
                Some(existing) if in_branch && *existing != invalid.value => {
                    by_name.entry(format!("{}~{stem}", invalid.name)).or_insert(invalid.value);
                }
                Some(_) => {}
            }
        }
    }
    // A constraint one example cannot reach alone (an empty array has nothing to
    // duplicate) is fine when another example broke it.
    let mut problems: Vec<String> = problems.into_iter().filter(|(name, _)| !by_name.contains_key(name) && !reached.contains(name)).map(|(_, p)| p).collect();
    problems.sort();
    problems.dedup();
    if problems.is_empty() {
        Ok(by_name.into_iter().map(|(name, value)| Invalid { name, value }).collect())
    } else {
        Err(problems)
    }
}

impl Deriver<'_> {
    fn walk(&mut self, node: &Value, instance: &Value, path: &mut Vec<String>, enclosing: Option<&Enclosing>) {
        let Some(map) = node.as_object() else { return };
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            match reference.strip_prefix('#').and_then(|p| self.root.pointer(p)) {
                Some(target) => self.walk(target, instance, path, enclosing),
                None => self.problems.push((String::new(), format!("{}: cannot follow $ref {reference:?}", show(path)))),
            }
        }
        for (keyword, value) in map {
            match keyword.as_str() {
                "type" if !map.contains_key("enum") && !map.contains_key("const") => self.try_type(value, path, enclosing),
                "enum" => {
                    self.try_candidates("enum", path, enclosing, not_in(value));
                }
                "const" => {
                    self.try_candidates("const", path, enclosing, vec![json!("not_the_constant"), json!(987_654)]);
                }
                "pattern" => match instance.as_str() {
                    Some(text) => {
                        let first = self.try_candidates("pattern", path, enclosing, pattern_breakers(text));
                        self.try_classes("pattern", path, enclosing, first, pattern_classes(text));
                    }
                    None => self.not_reached(keyword, path, "a string"),
                },
                "format" => match instance.is_string() {
                    true => {
                        let format = value.as_str().unwrap_or_default();
                        let first = self.try_candidates("format", path, enclosing, format_breakers(format));
                        self.try_classes("format", path, enclosing, first, format_classes(format));
                    }
                    false => self.not_reached(keyword, path, "a string"),
                },
                "minLength" | "maxLength" => match (instance.as_str(), value.as_u64()) {
                    (Some(text), Some(limit)) => {
                        self.try_candidates(kw(keyword), path, enclosing, length_breakers(keyword, text, limit));
                    }
                    _ => self.not_reached(keyword, path, "a string"),
                },
                "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => match (instance.as_f64(), value.as_f64()) {
                    (Some(n), Some(limit)) => {
                        let step = map.get("multipleOf").and_then(Value::as_f64).unwrap_or(1.0);
                        self.try_candidates(kw(keyword), path, enclosing, number_breakers(keyword, n, limit, step));
                    }
                    _ => self.not_reached(keyword, path, "a number"),
                },
                "minItems" | "maxItems" | "uniqueItems" => {
                    if !instance.is_array() {
                        self.not_reached(keyword, path, "an array");
                    }
                    if let Some(items) = instance.as_array() {
                        let item_enum = map.get("items").map(|i| self.deref(i)).and_then(|i| i.get("enum")).and_then(Value::as_array);
                        let unique = map.get("uniqueItems") == Some(&Value::Bool(true));
                        if keyword == "maxItems" && unique && item_enum.zip(value.as_u64()).is_some_and(|(e, max)| e.len() as u64 <= max) {
                            // Implied: `uniqueItems` over an enum of at most `maxItems` values
                            // can never hold more items. Nothing breaks it alone.
                            continue;
                        }
                        let candidates = self.array_breakers(keyword, items, value, item_enum, path);
                        self.try_candidates(kw(keyword), path, enclosing, candidates);
                    }
                }
                "required" => {
                    if let (Some(object), Some(names)) = (instance.as_object(), value.as_array()) {
                        for name in names.iter().filter_map(Value::as_str).filter(|n| object.contains_key(*n)) {
                            let mut smaller = object.clone();
                            smaller.remove(name);
                            path.push(name.to_owned());
                            self.try_at("required", path, enclosing, Value::Object(smaller), path.len() - 1);
                            path.pop();
                        }
                    }
                }
                "additionalProperties" if *value == Value::Bool(false) => {
                    if let Some(object) = instance.as_object() {
                        let mut bigger = object.clone();
                        bigger.insert("unexpected_property".into(), json!("x"));
                        self.try_candidates("additionalProperties", path, enclosing, vec![Value::Object(bigger)]);
                    }
                }
                "properties" => {
                    if let (Some(props), Some(object)) = (value.as_object(), instance.as_object()) {
                        for (name, sub) in props {
                            path.push(name.clone());
                            self.try_null(path, enclosing);
                            match object.get(name) {
                                Some(v) => {
                                    self.reached.push(reach(path));
                                    self.walk(sub, v, path, enclosing);
                                }
                                None => {
                                    self.problems.push((reach(path), format!("{}: absent, so its constraints are not broken from this example", show(path))))
                                }
                            }
                            path.pop();
                        }
                    }
                }
                "items" => {
                    if let Some(items) = instance.as_array() {
                        path.push("0".into());
                        if items.is_empty() {
                            self.problems.push((reach(path), format!("{}: no item, so item constraints are not broken from this example", show(path))));
                        } else {
                            self.reached.push(reach(path));
                        }
                        path.pop();
                        for (i, item) in items.iter().enumerate() {
                            path.push(i.to_string());
                            if i == 0 {
                                self.try_null(path, enclosing);
                            }
                            self.walk(value, item, path, enclosing);
                            path.pop();
                        }
                    }
                }
                "oneOf" | "anyOf" => self.branches(kw(keyword), value, instance, path, enclosing),
                "allOf" => {
                    for part in value.as_array().into_iter().flatten() {
                        self.walk(part, instance, path, enclosing);
                    }
                }
                _ => {}
            }
        }
    }

    /// Breaks the combinator as a whole, then walks the branch the instance takes.
    fn branches(&mut self, keyword: &'static str, branches: &Value, instance: &Value, path: &mut Vec<String>, enclosing: Option<&Enclosing>) {
        let Some(branches) = branches.as_array() else { return };
        if !instance.is_null() {
            let mut candidates = vec![json!({}), json!([]), json!(-1), json!("x")];
            // A value no branch claims: its discriminator (any member) set to a foreign tag.
            if let Some(object) = instance.as_object() {
                candidates.extend(object.keys().map(|k| {
                    let mut other = object.clone();
                    other.insert(k.clone(), json!("no_such_branch"));
                    Value::Object(other)
                }));
            }
            self.try_candidates(keyword, path, enclosing, candidates);
        }
        let inner = enclosing.cloned().unwrap_or(Enclosing { keyword, path: path.clone() });
        for (i, branch) in branches.iter().enumerate() {
            let at = format!("{}#{keyword}/{i}", reach(path));
            if branch.get("type") == Some(&json!("null")) {
                continue;
            }
            if self.branch_accepts(branch, instance) {
                self.reached.push(at);
                self.walk(branch, instance, path, Some(&inner));
            } else {
                self.problems.push((at, format!("{}: {keyword} branch {i} is not taken, so its constraints are not broken from this example", show(path))));
            }
        }
    }

    /// A constraint whose value is absent here (null, or another type in a union): some
    /// other example must hold one, or the corpus misses it.
    fn not_reached(&mut self, keyword: &str, path: &[String], wanted: &str) {
        self.problems.push((format!("{}--{keyword}", show(path)), format!("{}: `{keyword}` needs {wanted} here, the example holds none", show(path))));
    }

    fn branch_accepts(&self, branch: &Value, instance: &Value) -> bool {
        let mut standalone = branch.as_object().cloned().unwrap_or_default();
        for defs in ["$defs", "definitions"] {
            if let Some(d) = self.root.get(defs) {
                standalone.insert(defs.into(), d.clone());
            }
        }
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&Value::Object(standalone))
            .is_ok_and(|v| v.is_valid(instance))
    }

    fn try_type(&mut self, types: &Value, path: &[String], enclosing: Option<&Enclosing>) {
        let allowed: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return,
        };
        let candidates = [json!(12345), json!("text"), json!(true), json!([]), json!({}), json!(1.5), Value::Null]
            .into_iter()
            .filter(|c| !allowed.iter().any(|t| type_matches(t, c)))
            .collect();
        self.try_candidates("type", path, enclosing, candidates);
    }

    /// The schema a local `$ref` points at, or the schema itself.
    fn deref<'v>(&'v self, schema: &'v Value) -> &'v Value {
        schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')).and_then(|p| self.root.pointer(p)).unwrap_or(schema)
    }

    fn array_breakers(&self, keyword: &str, items: &[Value], limit: &Value, item_enum: Option<&Vec<Value>>, path: &[String]) -> Vec<Value> {
        match keyword {
            "minItems" => match limit.as_u64() {
                Some(min) if min >= 1 => vec![Value::Array(items[..(min as usize - 1).min(items.len())].to_vec())],
                _ => Vec::new(),
            },
            "maxItems" => {
                let Some(max) = limit.as_u64() else { return Vec::new() };
                let Some(first) = items.first() else { return Vec::new() };
                // New items: the enum's other values, else variants of the first item that
                // are valid items themselves (checked in place of the first one).
                let valid_item = |item: &Value| {
                    let mut doc = self.base.clone();
                    let mut at = path.to_vec();
                    at.push("0".into());
                    set(&mut doc, &at, item.clone()) && self.oracle.is_valid(&doc)
                };
                let leaves = leaf_count(first).max(1);
                let mut fresh = item_enum.cloned().unwrap_or_default().into_iter().chain((0..leaves * 64).map(|k| vary(first, k % leaves, k / leaves + 1)));
                let mut longer = items.to_vec();
                while longer.len() <= max as usize {
                    let Some(variant) = fresh.next() else { break };
                    if !longer.contains(&variant) && valid_item(&variant) {
                        longer.push(variant);
                    }
                }
                vec![Value::Array(longer)]
            }
            "uniqueItems" if *limit == Value::Bool(true) => {
                let Some(first) = items.first() else { return Vec::new() };
                let mut replaced = items.to_vec();
                let mut appended = items.to_vec();
                appended.push(first.clone());
                let mut out = vec![Value::Array(appended)];
                if replaced.len() >= 2 {
                    replaced[1] = first.clone();
                    out.insert(0, Value::Array(replaced));
                }
                out
            }
            _ => Vec::new(),
        }
    }

    /// Keeps the first candidate that breaks only `keyword` at `path`, and returns it.
    fn try_candidates(&mut self, keyword: &'static str, path: &[String], enclosing: Option<&Enclosing>, candidates: Vec<Value>) -> Option<Value> {
        for candidate in &candidates {
            let mut doc = self.base.clone();
            if set(&mut doc, path, candidate.clone()) && self.accept(keyword, path, enclosing, &doc) {
                self.out.push((Invalid { name: format!("{}--{keyword}", show(path)), value: doc }, enclosing.is_some()));
                return Some(candidate.clone());
            }
        }
        self.problems.push((
            format!("{}--{keyword}", show(path)),
            format!("{}: no payload breaks only `{keyword}` (tried {} candidates)", show(path), candidates.len()),
        ));
        None
    }

    /// Keeps one payload per class of violation of `keyword` at `path` (named
    /// `<path>--<keyword>~<class>`), unless the class's value is the breaker already kept.
    /// Each class applies wherever it is proposed, so a class the oracle does not accept as
    /// breaking only `keyword` is a problem, not a skip.
    fn try_classes(
        &mut self,
        keyword: &'static str,
        path: &[String],
        enclosing: Option<&Enclosing>,
        first: Option<Value>,
        classes: Vec<(&'static str, Value)>,
    ) {
        for (class, candidate) in classes {
            if first.as_ref() == Some(&candidate) {
                continue;
            }
            let name = format!("{}--{keyword}~{class}", show(path));
            let mut doc = self.base.clone();
            if set(&mut doc, path, candidate.clone()) && self.accept(keyword, path, enclosing, &doc) {
                self.out.push((Invalid { name, value: doc }, enclosing.is_some()));
            } else {
                self.problems.push((name, format!("{}: {candidate} (class {class}) does not break only `{keyword}`", show(path))));
            }
        }
    }

    /// `null` at `path` (a property, present or not, or the first item of an array): kept
    /// as `<path>--null` when the schema does not allow it there and the oracle reports
    /// errors only at that place (whatever the keyword: `type`, `enum`, `const`, …) or at a
    /// `oneOf`/`anyOf` enclosing it. Nothing is kept where `null` is valid.
    fn try_null(&mut self, path: &[String], enclosing: Option<&Enclosing>) {
        let Some((name, parent)) = path.split_last() else { return };
        let mut doc = self.base.clone();
        let placed = match pointer_mut(&mut doc, parent) {
            Some(Value::Object(map)) => {
                map.insert(name.clone(), Value::Null);
                true
            }
            Some(Value::Array(items)) => name.parse::<usize>().ok().and_then(|i| items.get_mut(i)).map(|slot| *slot = Value::Null).is_some(),
            _ => false,
        };
        if !placed || self.oracle.is_valid(&doc) {
            return;
        }
        let target = pointer(path);
        let errors: Vec<_> = self.oracle.iter_errors(&doc).collect();
        // As in `accept`: a `oneOf`/`anyOf` at or above the place (or the enclosing one) may
        // fail because of the same value.
        let outer_at = enclosing.map_or_else(|| target.clone(), |outer| pointer(&outer.path));
        let ok = errors.iter().all(|e| {
            let at = e.instance_path().as_str();
            let consequence = matches!(e.kind().keyword(), "oneOf" | "anyOf") && (outer_at == at || outer_at.starts_with(&format!("{at}/")));
            consequence || (enclosing.is_none() && at == target)
        });
        let file = format!("{}--null", show(path));
        if ok {
            self.out.push((Invalid { name: file, value: doc }, enclosing.is_some()));
        } else {
            self.problems.push((file, format!("{}: null there breaks more than that place", show(path))));
        }
    }

    /// Replaces the object at `path[..object_len]` by `object`; names the file after `path`.
    fn try_at(&mut self, keyword: &'static str, path: &[String], enclosing: Option<&Enclosing>, object: Value, object_len: usize) {
        let mut doc = self.base.clone();
        let at = &path[..object_len];
        if set(&mut doc, at, object) && self.accept(keyword, at, enclosing, &doc) {
            self.out.push((Invalid { name: format!("{}--{keyword}", show(path)), value: doc }, enclosing.is_some()));
        } else {
            self.problems.push((format!("{}--{keyword}", show(path)), format!("{}: no payload breaks only `{keyword}`", show(path))));
        }
    }

    /// The oracle rejects the payload for this keyword at this location (or for the
    /// enclosing combinator), and for nothing else: other errors may only be the same
    /// keyword there again (each `allOf` part that states it) or a `oneOf`/`anyOf` at this
    /// location or above it that fails because of the same value.
    fn accept(&self, keyword: &str, path: &[String], enclosing: Option<&Enclosing>, doc: &Value) -> bool {
        let errors: Vec<_> = self.oracle.iter_errors(doc).collect();
        let (want_keyword, want_path) = match enclosing {
            Some(e) => (e.keyword, e.path.as_slice()),
            None => (keyword, path),
        };
        let target = pointer(want_path);
        let is_target = |e: &jsonschema::ValidationError<'_>| e.kind().keyword() == want_keyword && e.instance_path().as_str() == target;
        let is_consequence = |e: &jsonschema::ValidationError<'_>| {
            let at = e.instance_path().as_str();
            matches!(e.kind().keyword(), "oneOf" | "anyOf") && (target == at || target.starts_with(&format!("{at}/")))
        };
        errors.iter().any(is_target) && errors.iter().all(|e| is_target(e) || is_consequence(e))
    }
}

fn kw(keyword: &str) -> &'static str {
    const KNOWN: &[&str] = &[
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "minItems",
        "maxItems",
        "uniqueItems",
        "oneOf",
        "anyOf",
    ];
    KNOWN.iter().find(|k| **k == keyword).copied().unwrap_or("unknown")
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        _ => false,
    }
}

fn not_in(options: &Value) -> Vec<Value> {
    let options = options.as_array().cloned().unwrap_or_default();
    [json!("not_a_listed_value"), json!("ZZZ"), json!(987_654), json!(false)].into_iter().filter(|c| !options.contains(c)).collect()
}

fn pattern_breakers(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    // A prefixed UUIDv7 with another version nibble: right shape, wrong version.
    if let Some((prefix, uuid)) = text.split_once('_') {
        if uuid.len() == 36 && uuid.as_bytes().get(14) == Some(&b'7') {
            let mut v4 = uuid.to_owned();
            v4.replace_range(14..15, "4");
            out.push(format!("{prefix}_{v4}"));
            out.push(format!("{prefix}_{}", uuid.to_uppercase()));
            out.push(format!("x{prefix}_{uuid}"));
        }
    }
    out.extend([text.to_uppercase(), text.to_lowercase(), format!("{text}!"), format!("!{text}"), text.chars().skip(1).collect(), "invalid value".into()]);
    if text.chars().any(|c| c.is_ascii_digit()) {
        out.push(text.replace(|c: char| c.is_ascii_digit(), "x"));
    }
    out.retain(|c| c != text);
    out.into_iter().map(Value::from).collect()
}

/// Classes of id violation beyond the first pattern breaker (the version nibble): upper
/// case, and a variant nibble outside `89ab`. Only for `<prefix>_<UUIDv7>` values.
fn pattern_classes(text: &str) -> Vec<(&'static str, Value)> {
    let Some((prefix, uuid)) = text.split_once('_') else { return Vec::new() };
    if uuid.len() != 36 || uuid.as_bytes().get(14) != Some(&b'7') || !uuid.is_ascii() {
        return Vec::new();
    }
    let mut variant = uuid.to_owned();
    variant.replace_range(19..20, "c");
    let mut version = uuid.to_owned();
    version.replace_range(14..15, "4");
    vec![
        ("version", Value::from(format!("{prefix}_{version}"))),
        ("uppercase", Value::from(format!("{prefix}_{}", uuid.to_uppercase()))),
        ("variant", Value::from(format!("{prefix}_{variant}"))),
    ]
}

/// Calendar-invalid values of date formats, beyond their first breaker.
fn format_classes(format: &str) -> Vec<(&'static str, Value)> {
    let list: &[(&'static str, &str)] = match format {
        "date-time" => &[("no-offset", "2026-05-20T14:03:11.5"), ("month13", "2026-13-20T14:03:11Z"), ("feb30", "2026-02-30T14:03:11Z")],
        "date" => &[("month13", "2026-13-01"), ("feb30", "2026-02-30")],
        _ => &[],
    };
    list.iter().map(|(class, text)| (*class, Value::from(*text))).collect()
}

fn format_breakers(format: &str) -> Vec<Value> {
    let list: &[&str] = match format {
        "date-time" => &["2026-05-20T14:03:11", "2026-13-20T14:03:11Z", "2026-05-20 14:03:11Z", "not a timestamp"],
        "date" => &["2026-02-30", "20260520", "2026-05-20T00:00:00Z", "not a date"],
        "time" => &["25:00:00Z", "not a time"],
        "email" => &["not-an-email", "a@", "@example.com"],
        "uri" => &["not a uri", "relative/path", "//no-scheme.example"],
        "uuid" => &["not-a-uuid", "0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7", "0190a8c26f3e7b6a9c1d2e3f4a5b6c7dzz"],
        "ipv4" => &["256.1.1.1"],
        "hostname" => &["-bad-.example"],
        _ => &["\u{0}not valid for any format"],
    };
    list.iter().map(|s| Value::from(*s)).collect()
}

fn length_breakers(keyword: &str, text: &str, limit: u64) -> Vec<Value> {
    let limit = limit as usize;
    let mut out = Vec::new();
    if keyword == "minLength" && limit >= 1 {
        out.push(text.chars().take(limit - 1).collect::<String>());
        out.push("x".repeat(limit - 1));
    }
    if keyword == "maxLength" {
        let mut longer = text.to_owned();
        while longer.chars().count() <= limit {
            longer.push('x');
        }
        out.push(longer);
        out.push("x".repeat(limit + 1));
        out.push("é".repeat(limit + 1));
    }
    out.into_iter().map(Value::from).collect()
}

/// `step` is the schema's `multipleOf` (1 when none): a bound is crossed by a whole step
/// so that only the bound breaks. Whole values are written as JSON integers.
fn number_breakers(keyword: &str, n: f64, limit: f64, step: f64) -> Vec<Value> {
    let list = match keyword {
        "minimum" => vec![limit - 1.0, limit - 2.0, limit - step],
        "maximum" => vec![limit + 1.0, limit + 2.0, limit + step],
        "exclusiveMinimum" => vec![limit, limit - 1.0, limit - step],
        "exclusiveMaximum" => vec![limit, limit + 1.0, limit + step],
        "multipleOf" => vec![n + 1.0, n - 1.0, n + limit / 2.0, n + limit / 3.0, limit + 1.0, 2.0 * limit + 1.0, 1.0],
        _ => Vec::new(),
    };
    list.into_iter().map(|x| if x.fract() == 0.0 && x.abs() < 9.0e15 { Value::from(x as i64) } else { json!(x) }).collect()
}

/// Number of string and integer leaves of a value.
fn leaf_count(value: &Value) -> usize {
    match value {
        Value::String(_) => 1,
        Value::Number(n) if n.is_i64() => 1,
        Value::Object(map) => map.values().map(leaf_count).sum(),
        Value::Array(items) => items.iter().map(leaf_count).sum(),
        _ => 0,
    }
}

/// `value` with its `leaf`-th string or integer leaf changed by `step`: the last hex digit
/// of a string (so ids keep their shape) or an appended character, an integer plus `step`.
fn vary(value: &Value, leaf: usize, step: usize) -> Value {
    fn go(value: &Value, seen: &mut usize, leaf: usize, step: usize) -> Value {
        match value {
            Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), go(v, seen, leaf, step))).collect::<Map<_, _>>()),
            Value::Array(items) => Value::Array(items.iter().map(|v| go(v, seen, leaf, step)).collect()),
            Value::String(_) | Value::Number(_) if value.is_string() || value.is_i64() => {
                let this = *seen;
                *seen += 1;
                if this != leaf {
                    return value.clone();
                }
                match value {
                    Value::String(text) => {
                        let mut chars: Vec<char> = text.chars().collect();
                        match chars.iter().rposition(char::is_ascii_hexdigit) {
                            Some(last) if step < 16 => {
                                let digit = chars[last].to_digit(16).unwrap_or(0) as usize;
                                chars[last] = std::char::from_digit(((digit + step) % 16) as u32, 16).unwrap_or('0');
                                Value::String(chars.into_iter().collect())
                            }
                            _ => Value::String(format!("{text}{step}")),
                        }
                    }
                    _ => Value::from(value.as_i64().unwrap_or(0) + step as i64),
                }
            }
            other => other.clone(),
        }
    }
    go(value, &mut 0, leaf, step)
}

/// Sets the value at `path` (member names and array indexes); false when the path is gone.
fn set(doc: &mut Value, path: &[String], value: Value) -> bool {
    let mut at = doc;
    for segment in path {
        at = match at {
            Value::Object(map) => match map.get_mut(segment) {
                Some(v) => v,
                None => return false,
            },
            Value::Array(items) => match segment.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    *at = value;
    true
}

/// The value at `path` (member names and array indexes), if any.
fn pointer_mut<'v>(doc: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    let mut at = doc;
    for segment in path {
        at = match at {
            Value::Object(map) => map.get_mut(segment)?,
            Value::Array(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// The key under which a place counts as reached.
fn reach(path: &[String]) -> String {
    format!("reach:{}", show(path))
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1"))).collect()
}

fn show(path: &[String]) -> String {
    if path.is_empty() {
        "_root".into()
    } else {
        path.join(".")
    }
}
