//! One schema object → its keyword checks.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::index::{Info, Loc, Vocab};
use super::uri::escape_token;
use super::{Compiler, Draft};
use crate::ir::{Check, Lit, NodeId, Num, Types};
use crate::Format;

/// Literals nested deeper than this are refused (messages and comparisons stay bounded).
pub(crate) const MAX_LITERAL_DEPTH: usize = 128;

/// Keywords of both drafts that hold no check of their own (identifiers, annotations,
/// containers) or that are read together with another keyword.
const PASSIVE_BOTH: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "definitions",
    "contentEncoding",
    "contentMediaType",
    "then",
    "else",
];
const PASSIVE_2020: &[&str] = &["$defs", "$anchor", "$dynamicAnchor", "$vocabulary", "deprecated", "contentSchema", "minContains", "maxContains"];
const ACTIVE_BOTH: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "format",
    "maxItems",
    "minItems",
    "uniqueItems",
    "items",
    "contains",
    "maxProperties",
    "minProperties",
    "required",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
];
const ACTIVE_2020: &[&str] = &["prefixItems", "dependentRequired", "dependentSchemas", "dependencies", "unevaluatedItems", "unevaluatedProperties"];
const ACTIVE_7: &[&str] = &["additionalItems", "dependencies"];
const DYNAMIC: &[&str] = &["$dynamicRef", "$recursiveRef"];

fn known(draft: Draft, kw: &str) -> bool {
    let lists: [&[&str]; 4] = match draft {
        Draft::Draft202012 => [PASSIVE_BOTH, ACTIVE_BOTH, PASSIVE_2020, ACTIVE_2020],
        Draft::Draft7 => [PASSIVE_BOTH, ACTIVE_BOTH, ACTIVE_7, &[]],
    };
    DYNAMIC.contains(&kw) || lists.iter().any(|l| l.contains(&kw))
}

/// A schema number.
fn num(v: &Value) -> Option<Num> {
    let n = v.as_number()?;
    if let Some(i) = n.as_i64() {
        Some(Num::Int(i))
    } else if let Some(u) = n.as_u64() {
        Some(Num::UInt(u))
    } else {
        n.as_f64().filter(|f| f.is_finite()).map(Num::Float)
    }
}

/// A non-negative integer (`2.0` counts, as the drafts allow). One at or past 2^64 (a float: JSON
/// numbers that large reach here only as one) saturates to `u64::MAX`, which checks alike: no
/// string, array or object has that many members.
fn count(v: &Value) -> Option<u64> {
    let n = v.as_number()?;
    // `as` saturates; `fract` is NaN for an infinity, which JSON cannot carry anyway.
    n.as_u64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64))
}

/// A JSON value as a literal; object members sorted by name.
pub(crate) fn lit(v: &Value, depth: usize) -> Result<Lit, String> {
    if depth > MAX_LITERAL_DEPTH {
        return Err(format!("the literal nests deeper than {MAX_LITERAL_DEPTH} levels: flatten it"));
    }
    Ok(match v {
        Value::Null => Lit::Null,
        Value::Bool(b) => Lit::Bool(*b),
        Value::Number(_) => match num(v) {
            Some(Num::Int(i)) => Lit::Int(i),
            Some(Num::UInt(u)) => Lit::UInt(u),
            Some(Num::Float(f)) => Lit::Float(f),
            None => return Err("the number is not finite".to_owned()),
        },
        Value::String(s) => Lit::Str(Cow::Owned(s.clone())),
        Value::Array(a) => Lit::Arr(a.iter().map(|x| lit(x, depth + 1)).collect::<Result<Vec<_>, _>>()?.into()),
        Value::Object(o) => {
            let mut members: Vec<(Cow<'static, str>, Lit)> =
                o.iter().map(|(k, x)| Ok((Cow::Owned(k.clone()), lit(x, depth + 1)?))).collect::<Result<_, String>>()?;
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Lit::Obj(members.into())
        }
    })
}

/// A schema object seen through its vocabularies: keywords of vocabularies not in effect are absent.
#[derive(Clone, Copy)]
pub(super) struct Obj<'a> {
    map: &'a Map<String, Value>,
    vocab: Vocab,
}

impl<'a> Obj<'a> {
    fn get(&self, keyword: &str) -> Option<&'a Value> {
        if self.vocab.allows(keyword) {
            self.map.get(keyword)
        } else {
            None
        }
    }

    fn contains_key(&self, keyword: &str) -> bool {
        self.get(keyword).is_some()
    }
}

fn strings(v: &Value) -> Option<Vec<Cow<'static, str>>> {
    v.as_array()?.iter().map(|s| s.as_str().map(|s| Cow::Owned(s.to_owned()))).collect()
}

impl Compiler<'_> {
    /// The checks of the schema object at `loc`.
    pub(super) fn compile_object(&mut self, loc: &Loc, o: &Map<String, Value>, info: &Info) -> Vec<Check> {
        let (doc, ptr) = (loc.0.as_str(), loc.1.as_str());
        let draft = info.draft;
        let kp = |kw: &str| format!("{ptr}/{}", escape_token(kw));
        for kw in DYNAMIC {
            if o.contains_key(*kw) {
                self.error(
                    doc,
                    &kp(kw),
                    format!("dynamic references are not supported: `{kw}` picks its target at validation time; write a plain `$ref` to the schema you mean"),
                );
            }
        }
        if draft == Draft::Draft7 {
            if let Some(r) = o.get("$ref") {
                // Draft-07: `$ref` replaces the whole schema object; its siblings take no effect.
                for k in o.keys().filter(|k| !PASSIVE_BOTH.contains(&k.as_str()) && *k != "$ref") {
                    self.ignored.push((doc.to_owned(), kp(k)));
                }
                return self.reference(doc, &kp("$ref"), info, r).into_iter().collect();
            }
        }
        for k in o.keys() {
            if !known(draft, k) || !info.vocab.allows(k) {
                self.ignored.push((doc.to_owned(), kp(k)));
            }
        }
        let o = Obj { map: o, vocab: info.vocab };
        let mut checks = Vec::new();
        let sub = |this: &mut Self, suffix: String| -> NodeId { this.node_for(&(doc.to_owned(), format!("{ptr}{suffix}"))) };

        if let Some(t) = o.get("type") {
            let names: Vec<&Value> = match t {
                Value::Array(a) => a.iter().collect(),
                _ => vec![t],
            };
            let mut bits = 0u8;
            for n in names {
                match n.as_str().and_then(Types::bit) {
                    Some(b) => bits |= b,
                    None => self.error(
                        doc,
                        &kp("type"),
                        format!("unknown type {n}: write null, boolean, object, array, number, string or integer (or an array of them)"),
                    ),
                }
            }
            checks.push(Check::Type(Types(bits)));
        }
        if let Some(c) = o.get("const") {
            match lit(c, 0) {
                Ok(l) => checks.push(Check::Const(l)),
                Err(e) => self.error(doc, &kp("const"), e),
            }
        }
        if let Some(e) = o.get("enum") {
            match e.as_array().map(|a| a.iter().map(|x| lit(x, 0)).collect::<Result<Vec<_>, _>>()) {
                Some(Ok(ls)) => checks.push(Check::Enum(ls.into())),
                Some(Err(m)) => self.error(doc, &kp("enum"), m),
                None => self.error(doc, &kp("enum"), "`enum` must be an array of the allowed values".to_owned()),
            }
        }
        if let Some(m) = o.get("multipleOf") {
            let positive = num(m).filter(|n| match n {
                Num::Int(i) => *i > 0,
                Num::UInt(_) => true,
                Num::Float(f) => *f > 0.0,
            });
            match positive {
                Some(n) => checks.push(Check::MultipleOf(n)),
                None => self.error(doc, &kp("multipleOf"), format!("`multipleOf` must be a number above zero, e.g. 0.01, not {m}")),
            }
        }
        for (kw, make) in [
            ("maximum", Check::Maximum as fn(Num) -> Check),
            ("exclusiveMaximum", Check::ExclusiveMaximum),
            ("minimum", Check::Minimum),
            ("exclusiveMinimum", Check::ExclusiveMinimum),
        ] {
            if let Some(v) = o.get(kw) {
                match num(v) {
                    Some(n) => checks.push(make(n)),
                    None => self.error(doc, &kp(kw), format!("`{kw}` must be a number, not {v}")),
                }
            }
        }
        for (kw, make) in [
            ("maxLength", Check::MaxLength as fn(u64) -> Check),
            ("minLength", Check::MinLength),
            ("maxItems", Check::MaxItems),
            ("minItems", Check::MinItems),
            ("maxProperties", Check::MaxProperties),
            ("minProperties", Check::MinProperties),
        ] {
            if let Some(v) = o.get(kw) {
                match count(v) {
                    Some(n) => checks.push(make(n)),
                    None => self.error(doc, &kp(kw), format!("`{kw}` must be a non-negative integer, not {v}")),
                }
            }
        }
        if let Some(p) = o.get("pattern") {
            match p.as_str() {
                Some(s) => {
                    if let Some(id) = self.pattern(doc, &kp("pattern"), s) {
                        checks.push(Check::Pattern(id));
                    }
                }
                None => self.error(doc, &kp("pattern"), "`pattern` must be a string (a regular expression)".to_owned()),
            }
        }
        let assert_formats = self.assert_formats || info.vocab.0 & Vocab::FORMAT_ASSERTION != 0;
        if let Some(f) = o.get("format").filter(|f| assert_formats || !f.is_string()) {
            match f.as_str().map(|s| (s, Format::from_name(s))) {
                Some((_, Some(fmt))) => checks.push(Check::Format(fmt)),
                Some((name, None)) => {
                    let all: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                    self.error(doc, &kp("format"), format!("unknown format {name:?}: use one of {}, or a `pattern`", all.join(", ")));
                }
                None => self.error(doc, &kp("format"), "`format` must be a string".to_owned()),
            }
        }
        match o.get("uniqueItems") {
            Some(Value::Bool(true)) => checks.push(Check::UniqueItems),
            Some(Value::Bool(false)) | None => {}
            Some(_) => self.error(doc, &kp("uniqueItems"), "`uniqueItems` must be true or false".to_owned()),
        }
        self.items(doc, ptr, o, draft, &mut checks);
        if let Some(c) = o.get("contains") {
            if c.is_object() || c.is_boolean() {
                let node = sub(self, "/contains".to_owned());
                let (mut min, mut max) = (1, None);
                if draft == Draft::Draft202012 {
                    if let Some(v) = o.get("minContains") {
                        match count(v) {
                            Some(n) => min = n,
                            None => self.error(doc, &kp("minContains"), format!("`minContains` must be a non-negative integer, not {v}")),
                        }
                    }
                    if let Some(v) = o.get("maxContains") {
                        match count(v) {
                            Some(n) => max = Some(n),
                            None => self.error(doc, &kp("maxContains"), format!("`maxContains` must be a non-negative integer, not {v}")),
                        }
                    }
                }
                checks.push(Check::Contains { node, min, max });
            } else {
                self.error(doc, &kp("contains"), "`contains` must be a schema".to_owned());
            }
        }
        if let Some(r) = o.get("required") {
            match strings(r) {
                Some(names) => checks.push(Check::Required(names.into())),
                None => self.error(doc, &kp("required"), "`required` must be an array of property names".to_owned()),
            }
        }
        self.dependencies(doc, ptr, o, draft, &mut checks);
        self.properties(doc, ptr, o, &mut checks);
        if o.contains_key("propertyNames") {
            checks.push(Check::PropertyNames(sub(self, "/propertyNames".to_owned())));
        }
        for (kw, make) in [("allOf", Check::AllOf as fn(Cow<'static, [NodeId]>) -> Check), ("anyOf", Check::AnyOf), ("oneOf", Check::OneOf)] {
            if let Some(v) = o.get(kw) {
                match v.as_array() {
                    Some(a) if !a.is_empty() => {
                        let ids: Vec<NodeId> = (0..a.len()).map(|i| sub(self, format!("/{kw}/{i}"))).collect();
                        checks.push(make(ids.into()));
                    }
                    _ => self.error(doc, &kp(kw), format!("`{kw}` must be a non-empty array of schemas")),
                }
            }
        }
        if o.contains_key("not") {
            checks.push(Check::Not(sub(self, "/not".to_owned())));
        }
        if o.contains_key("if") {
            let cond = sub(self, "/if".to_owned());
            let then = o.contains_key("then").then(|| sub(self, "/then".to_owned()));
            let otherwise = o.contains_key("else").then(|| sub(self, "/else".to_owned()));
            checks.push(Check::If { cond, then, otherwise });
        }
        if let Some(r) = o.get("$ref") {
            checks.extend(self.reference(doc, &kp("$ref"), info, r));
        }
        if draft == Draft::Draft202012 {
            if o.contains_key("unevaluatedItems") {
                checks.push(Check::UnevaluatedItems(sub(self, "/unevaluatedItems".to_owned())));
            }
            if o.contains_key("unevaluatedProperties") {
                checks.push(Check::UnevaluatedProperties(sub(self, "/unevaluatedProperties".to_owned())));
            }
        }
        checks
    }

    fn reference(&mut self, doc: &str, pointer: &str, info: &Info, r: &Value) -> Option<Check> {
        let Some(s) = r.as_str() else {
            self.error(doc, pointer, "`$ref` must be a string (a URI reference)".to_owned());
            return None;
        };
        match self.resolve_ref(&info.base, s) {
            Ok(target) => Some(Check::Ref(self.node_for(&target))),
            Err(e) => {
                self.error(doc, pointer, e);
                None
            }
        }
    }

    fn items(&mut self, doc: &str, ptr: &str, o: Obj<'_>, draft: Draft, checks: &mut Vec<Check>) {
        let at = |s: &str| (doc.to_owned(), format!("{ptr}{s}"));
        match draft {
            Draft::Draft202012 => {
                let mut skip = 0u32;
                if let Some(p) = o.get("prefixItems") {
                    match p.as_array() {
                        Some(a) if !a.is_empty() => {
                            let ids: Vec<NodeId> = (0..a.len()).map(|i| self.node_for(&at(&format!("/prefixItems/{i}")))).collect();
                            skip = a.len() as u32;
                            checks.push(Check::PrefixItems(ids.into()));
                        }
                        _ => self.error(doc, &format!("{ptr}/prefixItems"), "`prefixItems` must be a non-empty array of schemas".to_owned()),
                    }
                }
                if let Some(i) = o.get("items") {
                    if i.is_array() {
                        self.error(doc, &format!("{ptr}/items"), "in draft 2020-12 `items` is one schema: write the array as `prefixItems`".to_owned());
                    } else {
                        checks.push(Check::Items { skip, node: self.node_for(&at("/items")) });
                    }
                }
            }
            Draft::Draft7 => match o.get("items") {
                Some(Value::Array(a)) => {
                    let ids: Vec<NodeId> = (0..a.len()).map(|i| self.node_for(&at(&format!("/items/{i}")))).collect();
                    checks.push(Check::PrefixItems(ids.into()));
                    if o.contains_key("additionalItems") {
                        checks.push(Check::Items { skip: a.len() as u32, node: self.node_for(&at("/additionalItems")) });
                    }
                }
                Some(_) => checks.push(Check::Items { skip: 0, node: self.node_for(&at("/items")) }),
                None => {}
            },
        }
    }

    fn dependencies(&mut self, doc: &str, ptr: &str, o: Obj<'_>, draft: Draft, checks: &mut Vec<Check>) {
        let mut required = Vec::new();
        let mut schemas = Vec::new();
        let kws: &[&str] = match draft {
            // `dependencies` in 2020-12: the draft-07 form, kept for compatibility (as the suite's
            // optional/dependencies-compatibility.json describes).
            Draft::Draft202012 => &["dependentRequired", "dependentSchemas", "dependencies"],
            Draft::Draft7 => &["dependencies"],
        };
        for kw in kws {
            let Some(v) = o.get(kw) else { continue };
            let Some(m) = v.as_object() else {
                self.error(doc, &format!("{ptr}/{kw}"), format!("`{kw}` must be an object keyed by property name"));
                continue;
            };
            let mut names: Vec<&String> = m.keys().collect();
            names.sort();
            for name in names {
                let dep = &m[name];
                let here = format!("{ptr}/{kw}/{}", escape_token(name));
                let as_names = *kw != "dependentSchemas" && dep.is_array();
                if as_names {
                    match strings(dep) {
                        Some(list) => required.push((Cow::Owned(name.clone()), Cow::Owned(list))),
                        None => self.error(doc, &here, "the dependency must be an array of property names".to_owned()),
                    }
                } else if *kw == "dependentRequired" {
                    self.error(doc, &here, "`dependentRequired` values are arrays of property names (schemas go in `dependentSchemas`)".to_owned());
                } else {
                    schemas.push((Cow::Owned(name.clone()), self.node_for(&(doc.to_owned(), here))));
                }
            }
        }
        if !required.is_empty() {
            checks.push(Check::DependentRequired(required.into()));
        }
        if !schemas.is_empty() {
            checks.push(Check::DependentSchemas(schemas.into()));
        }
    }

    fn properties(&mut self, doc: &str, ptr: &str, o: Obj<'_>, checks: &mut Vec<Check>) {
        let mut known: Vec<Cow<'static, str>> = Vec::new();
        if let Some(v) = o.get("properties") {
            match v.as_object() {
                Some(m) => {
                    let mut props: Vec<(Cow<'static, str>, NodeId)> = Vec::new();
                    let mut names: Vec<&String> = m.keys().collect();
                    names.sort();
                    for name in names {
                        let id = self.node_for(&(doc.to_owned(), format!("{ptr}/properties/{}", escape_token(name))));
                        props.push((Cow::Owned(name.clone()), id));
                        known.push(Cow::Owned(name.clone()));
                    }
                    checks.push(Check::Properties(props.into()));
                }
                None => self.error(doc, &format!("{ptr}/properties"), "`properties` must be an object of schemas".to_owned()),
            }
        }
        let mut pattern_ids = Vec::new();
        if let Some(v) = o.get("patternProperties") {
            match v.as_object() {
                Some(m) => {
                    let mut pats = Vec::new();
                    let mut names: Vec<&String> = m.keys().collect();
                    names.sort();
                    for p in names {
                        let here = format!("{ptr}/patternProperties/{}", escape_token(p));
                        if let Some(pid) = self.pattern(doc, &here, p) {
                            let id = self.node_for(&(doc.to_owned(), here));
                            pats.push((pid, id));
                            pattern_ids.push(pid);
                        }
                    }
                    checks.push(Check::PatternProperties(pats.into()));
                }
                None => self.error(doc, &format!("{ptr}/patternProperties"), "`patternProperties` must be an object of schemas".to_owned()),
            }
        }
        if o.contains_key("additionalProperties") {
            let node = self.node_for(&(doc.to_owned(), format!("{ptr}/additionalProperties")));
            checks.push(Check::AdditionalProperties { node, known: known.into(), patterns: pattern_ids.into() });
        }
    }
}
