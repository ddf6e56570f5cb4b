//! Turns one payload schema into a [`TypeSpace`]. Every keyword is either enforced by
//! the resulting types, a pure annotation, or a diagnostic: nothing is dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::all_of;
use super::names::{pascal, singular, snake, Scope};
use super::types::{EnumDef, Field, Format, NewtypeDef, NumberDef, Shape, Slot, StructDef, TypeDef, TypeId, TypeKind, TypeSpace, UnionDef};
use crate::diagnostics::{child, json_type, Problem, Sink};
use crate::load::Draft;

/// Keywords that never constrain a value.
const ANNOTATIONS: &[&str] = &["title", "description", "examples", "$comment", "default", "deprecated", "readOnly", "writeOnly"];

/// Keywords we know and refuse, with what to do instead.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("not", "negation has no Rust type; state the allowed values instead"),
    ("if", "conditional schemas have no Rust type; use a discriminated oneOf"),
    ("then", "conditional schemas have no Rust type; use a discriminated oneOf"),
    ("else", "conditional schemas have no Rust type; use a discriminated oneOf"),
    ("patternProperties", "maps keyed by pattern are not generated yet"),
    ("propertyNames", "maps keyed by pattern are not generated yet"),
    ("dependentRequired", "cross-field requirements are not generated yet"),
    ("dependentSchemas", "cross-field requirements are not generated yet"),
    ("dependencies", "cross-field requirements are not generated yet"),
    ("contains", "item-existence constraints are not generated yet"),
    ("minContains", "item-existence constraints are not generated yet"),
    ("maxContains", "item-existence constraints are not generated yet"),
    ("prefixItems", "tuples are not generated yet"),
    ("additionalItems", "tuples are not generated yet"),
    ("unevaluatedProperties", "use additionalProperties: false on a single object schema"),
    ("unevaluatedItems", "use items"),
    ("minProperties", "property-count bounds are not generated yet"),
    ("maxProperties", "property-count bounds are not generated yet"),
    ("$dynamicRef", "dynamic references are not supported"),
    ("$dynamicAnchor", "dynamic references are not supported"),
    ("$recursiveRef", "dynamic references are not supported"),
    ("$anchor", "reference definitions by JSON pointer (#/$defs/name)"),
    ("contentEncoding", "content checks are not generated"),
    ("contentMediaType", "content checks are not generated"),
    ("contentSchema", "content checks are not generated"),
];

/// The most decimal places a number's `multipleOf` may have (see [`decimal_places`]).
const MAX_MULTIPLE_OF_DECIMALS: i32 = 15;

/// Decimal places of the shortest decimal that prints `value` (`0.25` → 2, `1e-300` → 300, `5e3` → 0).
fn decimal_places(value: f64) -> i32 {
    let text = format!("{value:e}");
    let (digits, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let fraction = digits.split_once('.').map_or(0, |(_, f)| i32::try_from(f.len()).unwrap_or(i32::MAX));
    (fraction - exponent.parse::<i32>().unwrap_or(0)).max(0)
}

const STRING_KW: &[&str] = &["minLength", "maxLength", "pattern", "format"];
const NUMBER_KW: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const ARRAY_KW: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];
const OBJECT_KW: &[&str] = &["properties", "required", "additionalProperties"];
const STRUCTURE_KW: &[&str] = &["type", "enum", "const", "$ref", "$defs", "definitions", "allOf", "anyOf", "oneOf", "$schema", "$id"];

/// How deep schemas may nest, counting every property, item, branch and `$ref` hop on
/// the way: an explicit bound, so a chain of 12,000 `$ref`s is an error, not a stack overflow.
pub const MAX_SCHEMA_DEPTH: usize = 128;

/// How deep one type expression may nest (arrays of arrays, each nullable level counting
/// again): rendering and compiling `Vec<Vec<…>>` recurse once per level.
pub const MAX_TYPE_NESTING: usize = 32;

/// The body of a canonical UUIDv7 id pattern after `^<prefix>_`.
pub const UUID_V7_PATTERN_BODY: &str = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";

/// The prefix of a `^<prefix>_<uuidv7>$` pattern, if it is one.
pub fn id_prefix(pattern: &str) -> Option<&str> {
    let rest = pattern.strip_prefix('^')?;
    let (prefix, body) = rest.split_once('_')?;
    let prefix_ok = prefix.starts_with(|c: char| c.is_ascii_lowercase()) && prefix.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (prefix_ok && body == UUID_V7_PATTERN_BODY).then_some(prefix)
}

/// True when a description tells consumers to tolerate values the enum does not list
/// ("consumers SHALL treat unknown values as safe-to-ignore", "SHALL tolerate unknown …").
pub fn asks_consumer_tolerance(description: &str) -> bool {
    let text = description.to_ascii_lowercase().replace(['-', '_'], " ");
    text.contains("shall treat unknown values as safe to ignore") || text.contains("shall tolerate unknown")
}

/// A property that carries a prefixed id, for naming the id types.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IdUse {
    /// The id prefix.
    pub prefix: String,
    /// The property (or singular array property) name.
    pub property: String,
}

/// The per-document translation state: its types, their names, its resolved `$ref`s.
#[derive(Debug)]
pub struct DocState {
    /// The document's named types.
    pub space: TypeSpace,
    scope: Scope,
    refs: BTreeMap<String, Option<Slot>>,
}

/// Names the generated code uses unqualified, which no generated type may shadow: prelude
/// names, the generic parameters of emitted impls (`A: MapAccess`, `D: Deserializer`,
/// `S: Serializer`), and the sunset guard's items in the `wire` module.
const PRELUDE: &[&str] =
    &["Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Self", "A", "D", "S", "E", "T", "P", "Q", "Sunset", "Cutover", "Produce"];

impl Default for DocState {
    fn default() -> Self {
        Self { space: TypeSpace::default(), scope: Scope::with_reserved(PRELUDE), refs: BTreeMap::new() }
    }
}

/// A schema file reached through a cross-file `$ref`; its types are generated once, in
/// their own module, and shared by every payload that refers to them.
#[derive(Debug)]
pub struct SharedDoc {
    /// Module name under `shared`.
    pub module: String,
    /// Path relative to the contract root.
    pub shown: PathBuf,
    value: Value,
    draft: Draft,
    /// Its types; `None` while the document is being translated (a reference cycle).
    pub state: Option<DocState>,
}

/// State shared by the translation of every document of a contract set.
#[derive(Debug)]
pub struct Shared {
    contracts_root: PathBuf,
    /// Referenced schema files by canonical path.
    pub docs: BTreeMap<PathBuf, SharedDoc>,
    /// Every id use met, for naming id types across the contract set.
    pub id_uses: Vec<IdUse>,
    consumer_tolerance: bool,
    /// Module names under `shared`, one per document.
    modules: Scope,
}

impl Shared {
    /// Shared state for a contract set rooted at `contracts_root` (canonical).
    pub fn new(contracts_root: PathBuf, consumer_tolerance: bool) -> Self {
        Self { contracts_root, docs: BTreeMap::new(), id_uses: Vec::new(), consumer_tolerance, modules: Scope::default() }
    }
}

/// Translates the schemas of one document into its type space.
pub struct Translator<'a> {
    file: &'a Path,
    path: &'a Path,
    root: &'a Value,
    draft: Draft,
    sink: &'a mut Sink,
    state: DocState,
    shared: &'a mut Shared,
    /// Schemas entered and not yet left, across documents (see [`MAX_SCHEMA_DEPTH`]).
    depth: usize,
}

impl<'a> Translator<'a> {
    /// A translator for the payload document `root`, read from `path` (shown as `file`).
    pub fn new(file: &'a Path, path: &'a Path, root: &'a Value, draft: Draft, sink: &'a mut Sink, shared: &'a mut Shared) -> Self {
        Self { file, path, root, draft, sink, state: DocState::default(), shared, depth: 0 }
    }

    /// Translates the document's root, which must be an object or a discriminated union,
    /// into a type named `name`. Returns the space and the root's id.
    pub fn translate_root(mut self, name: &str) -> (TypeSpace, Option<TypeId>) {
        let root = self.root;
        // The root is named exactly `name` (already a decided type name: `pascal` is not
        // idempotent, `TEV1` would become `Tev1`); no other type of the space may take it.
        self.state.scope.reserve(name);
        let slot = self.slot(root, "", name, true);
        let root_id = match slot {
            Some(Slot { shape: Shape::Named(id), nullable: false }) if matches!(self.state.space.defs[id].kind, TypeKind::Struct(_) | TypeKind::Union(_)) => {
                name.clone_into(&mut self.state.space.defs[id].name);
                Some(id)
            }
            Some(_) => {
                self.problem(
                    "",
                    Problem::Unsupported("a payload schema's root must be an object (or a discriminated oneOf of objects) and not nullable".into()),
                );
                None
            }
            None => None,
        };
        (self.state.space, root_id)
    }

    /// Resolves `relative#pointer` from this document to a slot of a shared document.
    fn external(&mut self, relative: &str, pointer: &str, at: &str) -> Option<Slot> {
        let base = self.path.parent().unwrap_or(Path::new(""));
        let Ok(path) = base.join(relative).canonicalize() else {
            self.problem(at, Problem::UnresolvedRef(format!("{relative}#{pointer}")));
            return None;
        };
        if !path.starts_with(&self.shared.contracts_root) {
            self.problem(at, Problem::Unsupported(format!("$ref {relative:?} leads outside the contract root")));
            return None;
        }
        if path == self.path {
            return self.local(pointer, at);
        }
        if !self.shared.docs.contains_key(&path) {
            let shown = path.strip_prefix(&self.shared.contracts_root).unwrap_or(&path).to_path_buf();
            let value = match crate::load::read_document(&self.shared.contracts_root, &path) {
                Ok((_, value)) => value,
                Err(e) if !e.pointer.is_empty() => {
                    self.sink.push(&shown, &e.pointer, e.problem);
                    return None;
                }
                Err(e) => {
                    self.problem(at, Problem::Unsupported(format!("$ref target {} cannot be read: {}", shown.display(), e.problem)));
                    return None;
                }
            };
            let draft = match value.get("$schema").and_then(Value::as_str) {
                Some("http://json-schema.org/draft-07/schema#" | "http://json-schema.org/draft-07/schema") => Draft::Draft7,
                _ => self.draft,
            };
            let module = self.shared.modules.claim(&snake(&shown.with_extension("").to_string_lossy()));
            self.shared.docs.insert(path.clone(), SharedDoc { module, shown, value, draft, state: Some(DocState::default()) });
        }
        let doc = self.shared.docs.get_mut(&path).expect("inserted above");
        let Some(state) = doc.state.take() else {
            self.problem(at, Problem::Unsupported(format!("$ref cycle through {relative:?}")));
            return None;
        };
        let (value, shown, draft, module) = (doc.value.clone(), doc.shown.clone(), doc.draft, doc.module.clone());
        let mut sub = Translator { file: &shown, path: &path, root: &value, draft, sink: &mut *self.sink, state, shared: &mut *self.shared, depth: self.depth };
        let slot = sub.local(pointer, at);
        let state = sub.state;
        self.shared.docs.get_mut(&path).expect("still there").state = Some(state);
        let slot = slot?;
        let states = &self.shared.docs[&path];
        Some(match slot.shape {
            Shape::Named(id) => {
                let name = states.state.as_ref().expect("put back").space.defs[id].name.clone();
                Slot { shape: Shape::External { module, name }, nullable: slot.nullable }
            }
            shape => Slot { shape, nullable: slot.nullable },
        })
    }

    fn problem(&mut self, pointer: &str, problem: Problem) {
        self.sink.push(self.file, pointer, problem);
    }

    fn add(&mut self, wanted: &str, doc: Option<String>, kind: TypeKind) -> TypeId {
        // Every generated public item carries docs, even when the schema has no description.
        let doc = doc.or_else(|| Some(format!("A value of `{wanted}`, as the contract constrains it.")));
        let name = self.state.scope.claim(&pascal(wanted));
        self.state.space.defs.push(TypeDef { name, doc, kind });
        self.state.space.defs.len() - 1
    }

    /// Checks keywords of `obj`: unknown and refused ones are reported. Returns false on any.
    fn check_keywords(&mut self, obj: &Map<String, Value>, ptr: &str, is_root: bool) -> bool {
        let mut ok = true;
        for key in obj.keys() {
            let at = child(ptr, key);
            if ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-") {
                continue;
            }
            if let Some((_, reason)) = UNSUPPORTED.iter().find(|(k, _)| k == key) {
                self.problem(&at, Problem::UnsupportedKeyword { keyword: key.clone(), reason });
                ok = false;
            } else if (key == "$schema" || key == "$id") && !is_root {
                self.problem(&at, Problem::UnsupportedKeyword { keyword: key.clone(), reason: "only the document root may set $schema or $id" });
                ok = false;
            } else if ![STRING_KW, NUMBER_KW, ARRAY_KW, OBJECT_KW, STRUCTURE_KW].iter().any(|set| set.contains(&key.as_str())) {
                self.problem(
                    &at,
                    Problem::UnsupportedKeyword { keyword: key.clone(), reason: "unknown keyword; an annotation of your own must start with `x-`" },
                );
                ok = false;
            }
        }
        ok
    }

    /// Translates one schema at `ptr`; `hint` names any type it needs. Every nested schema
    /// comes through here, so this is where nesting depth is bounded.
    fn slot(&mut self, schema: &Value, ptr: &str, hint: &str, is_root: bool) -> Option<Slot> {
        if self.depth >= MAX_SCHEMA_DEPTH {
            self.problem(ptr, Problem::TooDeep(MAX_SCHEMA_DEPTH));
            return None;
        }
        self.depth += 1;
        let slot = self.slot_at_depth(schema, ptr, hint, is_root);
        self.depth -= 1;
        slot
    }

    fn slot_at_depth(&mut self, schema: &Value, ptr: &str, hint: &str, is_root: bool) -> Option<Slot> {
        let obj = match schema {
            Value::Bool(true) => return Some(Slot { shape: Shape::Any, nullable: false }),
            Value::Object(obj) => obj,
            other => {
                self.problem(ptr, Problem::Unsupported(format!("a schema must be an object or `true`, found {}", json_type(other))));
                return None;
            }
        };
        if !self.check_keywords(obj, ptr, is_root) {
            return None;
        }
        for defs in ["$defs", "definitions"] {
            if let Some(d) = obj.get(defs) {
                if !d.is_object() {
                    self.problem(&child(ptr, defs), Problem::WrongType { expected: "object", found: json_type(d) });
                }
            }
        }
        if obj.contains_key("allOf") {
            return self.all_of(obj, ptr, hint, is_root);
        }
        if let Some(reference) = obj.get("$ref") {
            return self.reference(obj, reference, ptr, hint);
        }
        if let Some(any_of) = obj.get("anyOf") {
            return self.nullable_any_of(obj, any_of, ptr, hint);
        }
        let (types, type_nullable) = self.types(obj, ptr)?;
        if let Some(one_of) = obj.get("oneOf") {
            if types.iter().any(|t| t != "object") || type_nullable {
                self.problem(&child(ptr, "oneOf"), Problem::Unsupported("oneOf is supported on object schemas only".into()));
                return None;
            }
            return self.union(obj, one_of, ptr, hint).map(|id| Slot { shape: Shape::Named(id), nullable: false });
        }
        if let Some(values) = obj.get("enum") {
            return self.enumeration(obj, values, &types, type_nullable, ptr, hint);
        }
        if let Some(value) = obj.get("const") {
            return self.constant(obj, value, &types, ptr, hint);
        }
        let base = match types.as_slice() {
            [] => {
                let constrained: Vec<&String> =
                    obj.keys().filter(|k| STRING_KW.iter().chain(NUMBER_KW).chain(ARRAY_KW).chain(OBJECT_KW).any(|c| c == k)).collect();
                if let Some(k) = constrained.first() {
                    self.problem(&child(ptr, k), Problem::Unsupported(format!("`{k}` without `type`: state the type the constraint applies to")));
                    return None;
                }
                return Some(Slot { shape: Shape::Any, nullable: type_nullable });
            }
            [one] => one.clone(),
            _ => {
                self.problem(
                    &child(ptr, "type"),
                    Problem::Unsupported("a union of several non-null types has no Rust type; use one type, optionally with null".into()),
                );
                return None;
            }
        };
        let allowed: &[&str] = match base.as_str() {
            "string" => STRING_KW,
            "integer" | "number" => NUMBER_KW,
            "array" => ARRAY_KW,
            "object" => OBJECT_KW,
            _ => &[],
        };
        let mut stray = false;
        for key in obj.keys() {
            let constraint = STRING_KW.iter().chain(NUMBER_KW).chain(ARRAY_KW).chain(OBJECT_KW).any(|c| c == key);
            if constraint && !allowed.contains(&key.as_str()) {
                self.problem(&child(ptr, key), Problem::Unsupported(format!("`{key}` has no effect on type {base}")));
                stray = true;
            }
        }
        if stray {
            return None;
        }
        let shape = match base.as_str() {
            "string" => self.string(obj, ptr, hint)?,
            "integer" => self.integer(obj, ptr)?,
            "number" => self.number(obj, ptr, hint)?,
            "boolean" => Shape::Bool,
            "array" => self.array(obj, ptr, hint)?,
            "object" => self.object(obj, ptr, hint)?,
            other => {
                self.problem(&child(ptr, "type"), Problem::Unsupported(format!("type {other:?} alone has no Rust type")));
                return None;
            }
        };
        Some(Slot { shape, nullable: type_nullable })
    }

    /// The `type` keyword: non-null types and whether `null` is allowed.
    fn types(&mut self, obj: &Map<String, Value>, ptr: &str) -> Option<(Vec<String>, bool)> {
        const KNOWN: &[&str] = &["string", "integer", "number", "boolean", "array", "object", "null"];
        let names: Vec<&Value> = match obj.get("type") {
            None => return Some((Vec::new(), false)),
            Some(Value::Array(items)) => items.iter().collect(),
            Some(one) => vec![one],
        };
        let mut types = Vec::new();
        let mut nullable = false;
        for name in names {
            match name.as_str() {
                Some("null") => nullable = true,
                Some(t) if KNOWN.contains(&t) => types.push(t.to_owned()),
                _ => {
                    self.problem(&child(ptr, "type"), Problem::Unsupported(format!("unknown type {name}")));
                    return None;
                }
            }
        }
        if types.is_empty() && nullable {
            self.problem(&child(ptr, "type"), Problem::Unsupported("a value that can only be null has no use in a payload".into()));
            return None;
        }
        Some((types, nullable))
    }

    /// `allOf`, and in 2020-12 constraints beside a `$ref`: flattened into one equivalent
    /// schema (see [`all_of`]) and translated as that.
    fn all_of(&mut self, obj: &Map<String, Value>, ptr: &str, hint: &str, is_root: bool) -> Option<Slot> {
        let at = child(ptr, "allOf");
        let mut ok = true;
        for (i, part) in obj.get("allOf").and_then(Value::as_array).into_iter().flatten().enumerate() {
            if let Value::Object(part) = part {
                ok &= self.check_keywords(part, &child(&at, &i.to_string()), false);
            }
        }
        if !ok {
            return None;
        }
        match all_of::flatten(self.root, obj, self.draft == Draft::Draft202012) {
            Ok(merged) => self.slot(&merged, ptr, hint, is_root),
            Err(reason) => {
                self.problem(&at, Problem::Unsupported(reason));
                None
            }
        }
    }

    fn reference(&mut self, obj: &Map<String, Value>, reference: &Value, ptr: &str, hint: &str) -> Option<Slot> {
        let at = child(ptr, "$ref");
        let Some(target) = reference.as_str() else {
            self.problem(&at, Problem::WrongType { expected: "string", found: json_type(reference) });
            return None;
        };
        // In 2020-12 keywords beside $ref apply too: the pair is an allOf of the target and
        // the siblings. A bare $ref (annotations aside) keeps the target's shared type.
        let constrained = obj.keys().any(|k| !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-") && *k != "$ref");
        if self.draft == Draft::Draft202012 && constrained {
            if !target.starts_with('#') {
                self.problem(&at, Problem::Unsupported("constraints beside a $ref to another file: move them into the referenced schema".into()));
                return None;
            }
            return self.all_of(obj, ptr, hint, false);
        }
        if target.contains("://") || target.starts_with("//") {
            self.problem(&at, Problem::RemoteRef(target.to_owned()));
            return None;
        }
        // A URI reference: both the path and the fragment are percent-encoded.
        let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
        let (Some(file), Some(pointer)) = (crate::load::percent_decode(file), crate::load::fragment_pointer(fragment)) else {
            self.problem(&at, Problem::UnresolvedRef(target.to_owned()));
            return None;
        };
        if file.is_empty() {
            self.local(&pointer, &at)
        } else {
            self.external(&file, &pointer, &at)
        }
    }

    /// Resolves a JSON pointer inside this document, translating its target once.
    fn local(&mut self, pointer: &str, at: &str) -> Option<Slot> {
        if let Some(done) = self.state.refs.get(pointer) {
            return match done {
                Some(slot) => Some(slot.clone()),
                None => {
                    self.problem(at, Problem::Unsupported(format!("recursive $ref \"#{pointer}\"")));
                    None
                }
            };
        }
        let Some(resolved) = self.root.pointer(pointer) else {
            self.problem(at, Problem::UnresolvedRef(format!("#{pointer}")));
            return None;
        };
        self.state.refs.insert(pointer.to_owned(), None);
        let hint = match pointer.rsplit('/').next() {
            Some(last) if !last.is_empty() => last.to_owned(),
            _ => self.file.file_stem().map_or_else(|| "Definition".to_owned(), |s| s.to_string_lossy().into_owned()),
        };
        let slot = self.slot(resolved, pointer, &hint, pointer.is_empty());
        if let Some(slot) = &slot {
            self.state.refs.insert(pointer.to_owned(), Some(slot.clone()));
        }
        slot
    }

    /// `anyOf: [X, {"type": "null"}]`, the one anyOf form with a Rust type: `Option<X>`.
    fn nullable_any_of(&mut self, obj: &Map<String, Value>, any_of: &Value, ptr: &str, hint: &str) -> Option<Slot> {
        let at = child(ptr, "anyOf");
        let is_null = |v: &Value| {
            v.get("type").and_then(Value::as_str) == Some("null")
                && v.as_object().is_some_and(|o| o.keys().all(|k| k == "type" || ANNOTATIONS.contains(&k.as_str())))
        };
        let branches = any_of.as_array().map(Vec::as_slice).unwrap_or_default();
        let others: Vec<(usize, &Value)> = branches.iter().enumerate().filter(|(_, b)| !is_null(b)).collect();
        if branches.len() != 2 || others.len() != 1 {
            self.problem(&at, Problem::Unsupported("anyOf is supported only as [<schema>, {\"type\": \"null\"}]".into()));
            return None;
        }
        if let Some(k) = obj.keys().find(|k| !ANNOTATIONS.contains(&k.as_str()) && *k != "anyOf") {
            self.problem(&child(ptr, k), Problem::Unsupported(format!("`{k}` beside anyOf: move it into the non-null branch")));
            return None;
        }
        let (i, branch) = others[0];
        let slot = self.slot(branch, &child(&at, &i.to_string()), hint, false)?;
        Some(Slot { shape: slot.shape, nullable: true })
    }

    fn enumeration(&mut self, obj: &Map<String, Value>, values: &Value, types: &[String], type_nullable: bool, ptr: &str, hint: &str) -> Option<Slot> {
        let at = child(ptr, "enum");
        let Some(values) = values.as_array().filter(|v| !v.is_empty()) else {
            self.problem(&at, Problem::Unsupported("enum must be a non-empty array".into()));
            return None;
        };
        if types.iter().any(|t| t != "string") {
            self.problem(&at, Problem::Unsupported("enum values must be strings (and null)".into()));
            return None;
        }
        if let Some(k) = obj.keys().find(|k| {
            STRING_KW.contains(&k.as_str())
                || NUMBER_KW.contains(&k.as_str())
                || ARRAY_KW.contains(&k.as_str())
                || OBJECT_KW.contains(&k.as_str())
                || *k == "const"
        }) {
            self.problem(&child(ptr, k), Problem::Unsupported(format!("`{k}` beside enum: list only the values that satisfy it")));
            return None;
        }
        let mut strings = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut has_null = false;
        for (i, v) in values.iter().enumerate() {
            match v {
                Value::String(s) if seen.insert(s.as_str()) => strings.push(s.clone()),
                Value::String(_) => {}
                Value::Null => has_null = true,
                other => {
                    self.problem(&child(&at, &i.to_string()), Problem::Unsupported(format!("enum value of type {} has no Rust variant", json_type(other))));
                    return None;
                }
            }
        }
        // `null` passes only if both `type` (when present) and `enum` admit it.
        let nullable = has_null && (types.is_empty() || type_nullable);
        if strings.is_empty() || (types.is_empty() && obj.contains_key("type")) {
            self.problem(&at, Problem::Unsupported("an enum with no string value has no use in a payload".into()));
            return None;
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        let tolerant = self.shared.consumer_tolerance && doc.as_deref().is_some_and(asks_consumer_tolerance);
        // A tolerant enum has an `Unknown` variant of its own.
        let mut variants_scope = Scope::variants(if tolerant { &["Unknown"] } else { &[] });
        let variants = strings.iter().map(|s| (s.clone(), variants_scope.claim(&pascal(s)))).collect();
        let id = self.add(hint, doc, TypeKind::Enum(EnumDef { variants, tolerant }));
        Some(Slot { shape: Shape::Named(id), nullable })
    }

    fn constant(&mut self, obj: &Map<String, Value>, value: &Value, types: &[String], ptr: &str, hint: &str) -> Option<Slot> {
        let Value::String(s) = value else {
            self.problem(&child(ptr, "const"), Problem::Unsupported("only string constants are generated".into()));
            return None;
        };
        if types.iter().any(|t| t != "string") {
            self.problem(&child(ptr, "const"), Problem::Unsupported("a string const under a non-string type can never validate".into()));
            return None;
        }
        if let Some(k) = obj.keys().find(|k| STRING_KW.contains(&k.as_str())) {
            self.problem(&child(ptr, k), Problem::Unsupported(format!("`{k}` beside const: the constant alone decides")));
            return None;
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        let id = self.add(hint, doc, TypeKind::Const(s.clone()));
        Some(Slot { shape: Shape::Named(id), nullable: false })
    }

    fn uint(&mut self, obj: &Map<String, Value>, key: &str, ptr: &str) -> Option<Option<u64>> {
        match obj.get(key) {
            None => Some(None),
            Some(v) => match v.as_u64().or_else(|| v.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64)) {
                Some(n) => Some(Some(n)),
                None => {
                    self.problem(&child(ptr, key), Problem::WrongType { expected: "non-negative integer", found: json_type(v) });
                    None
                }
            },
        }
    }

    fn string(&mut self, obj: &Map<String, Value>, ptr: &str, hint: &str) -> Option<Shape> {
        let min = self.uint(obj, "minLength", ptr)?;
        let max = self.uint(obj, "maxLength", ptr)?;
        let pattern = match obj.get("pattern") {
            None => None,
            Some(Value::String(p)) => Some(p.clone()),
            Some(other) => {
                self.problem(&child(ptr, "pattern"), Problem::WrongType { expected: "string", found: json_type(other) });
                return None;
            }
        };
        let format = match obj.get("format") {
            None => None,
            Some(Value::String(f)) => Some(f.clone()),
            Some(other) => {
                self.problem(&child(ptr, "format"), Problem::WrongType { expected: "string", found: json_type(other) });
                return None;
            }
        };
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                self.problem(&child(ptr, "minLength"), Problem::Unsupported(format!("minLength {min} > maxLength {max}: no string validates")));
                return None;
            }
        }
        let lengths = min.is_some() || max.is_some();
        let format = match format.as_deref() {
            None => None,
            Some(f @ ("date-time" | "date")) => {
                if lengths || pattern.is_some() {
                    self.problem(&child(ptr, "format"), Problem::Unsupported(format!("format {f} combined with length or pattern")));
                    return None;
                }
                return Some(if f == "date" { Shape::Date } else { Shape::DateTime });
            }
            Some("email") => Some(Format::Email),
            Some("uri") => Some(Format::Uri),
            Some("uuid") => Some(Format::Uuid),
            Some(other) => {
                self.problem(
                    &child(ptr, "format"),
                    Problem::Unsupported(format!("format {other:?} is not enforced by the generator (supported: date-time, date, email, uri, uuid)")),
                );
                return None;
            }
        };
        if let Some(p) = &pattern {
            if let Some(prefix) = id_prefix(p) {
                if !lengths && format.is_none() {
                    self.shared.id_uses.push(IdUse { prefix: prefix.to_owned(), property: hint.to_owned() });
                    return Some(Shape::Id(prefix.to_owned()));
                }
            }
            if let Err(e) = regex::Regex::new(p) {
                self.problem(&child(ptr, "pattern"), Problem::BadPattern { pattern: p.clone(), error: e.to_string() });
                return None;
            }
        }
        if pattern.is_none() && format.is_none() {
            return Some(if lengths { Shape::BoundedText { min: min.unwrap_or(0), max } } else { Shape::Text });
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        let id = self.add(hint, doc, TypeKind::Newtype(NewtypeDef { min_len: min, max_len: max, pattern, format }));
        Some(Shape::Named(id))
    }

    fn number_value(&mut self, obj: &Map<String, Value>, key: &str, ptr: &str) -> Option<Option<f64>> {
        match obj.get(key) {
            None => Some(None),
            Some(v) => match v.as_f64() {
                Some(n) => Some(Some(n)),
                None => {
                    self.problem(&child(ptr, key), Problem::WrongType { expected: "number", found: json_type(v) });
                    None
                }
            },
        }
    }

    /// Integer bounds, exact: a bound written as an integer is read as `i64`/`u64`, never
    /// through `f64` (`9007199254740993` must not become `…992`). A bound written as a
    /// fraction or in exponent form arrives as an `f64`; below 2^53 its ceiling/floor is
    /// exact, at 2^64 and beyond it lies outside `i64` whatever its rounding, and between
    /// the two it is refused, since the integers it admits depend on digits already lost.
    fn integer(&mut self, obj: &Map<String, Value>, ptr: &str) -> Option<Shape> {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        const OUTSIDE: f64 = 18_446_744_073_709_551_616.0; // 2^64
        let mut min = i128::from(i64::MIN);
        let mut max = i128::from(i64::MAX);
        for (key, lower, exclusive) in
            [("minimum", true, false), ("exclusiveMinimum", true, true), ("maximum", false, false), ("exclusiveMaximum", false, true)]
        {
            let Some(v) = obj.get(key) else { continue };
            let Value::Number(n) = v else {
                self.problem(&child(ptr, key), Problem::WrongType { expected: "number", found: json_type(v) });
                return None;
            };
            let exact = n.as_i64().map(i128::from).or_else(|| n.as_u64().map(i128::from));
            let f = n.as_f64().unwrap_or(f64::NAN);
            // An exclusive bound that is a whole number moves one integer inwards.
            let inwards = |whole: i128, touches: bool| match (touches && exclusive, lower) {
                (false, _) => whole,
                (true, true) => whole + 1,
                (true, false) => whole - 1,
            };
            #[allow(clippy::cast_possible_truncation)]
            let bound = if let Some(whole) = exact {
                inwards(whole, true)
            } else if f.abs() < EXACT {
                let whole = if lower { f.ceil() } else { f.floor() };
                inwards(whole as i128, whole == f)
            } else if f.abs() >= OUTSIDE {
                // `as` saturates: far outside i64 either way.
                f as i128
            } else {
                self.problem(
                    &child(ptr, key),
                    Problem::Unsupported(format!("integer bound {n} is too large to read exactly in this form; write it as a plain integer")),
                );
                return None;
            };
            if lower {
                min = min.max(bound);
            } else {
                max = max.min(bound);
            }
        }
        if min > max {
            self.problem(ptr, Problem::Unsupported(format!("no integer (of the 64-bit range generated code holds) lies in {min}..={max}")));
            return None;
        }
        let (Ok(min), Ok(max)) = (i64::try_from(min), i64::try_from(max)) else {
            self.problem(ptr, Problem::Unsupported("integer bounds outside the 64-bit range".into()));
            return None;
        };
        let multiple_of = match obj.get("multipleOf") {
            None => 1,
            Some(Value::Number(n)) => {
                match n.as_u64().filter(|m| *m >= 1).or_else(|| n.as_f64().filter(|m| *m >= 1.0 && m.fract() == 0.0 && *m < EXACT).map(|m| m as u64)) {
                    Some(m) => m,
                    None => {
                        self.problem(
                            &child(ptr, "multipleOf"),
                            Problem::Unsupported(format!("multipleOf {n} on an integer: only positive integer divisors are generated")),
                        );
                        return None;
                    }
                }
            }
            Some(other) => {
                self.problem(&child(ptr, "multipleOf"), Problem::WrongType { expected: "number", found: json_type(other) });
                return None;
            }
        };
        Some(Shape::Integer { min, max, multiple_of })
    }

    fn number(&mut self, obj: &Map<String, Value>, ptr: &str, hint: &str) -> Option<Shape> {
        let def = NumberDef {
            minimum: self.number_value(obj, "minimum", ptr)?,
            exclusive_minimum: self.number_value(obj, "exclusiveMinimum", ptr)?,
            maximum: self.number_value(obj, "maximum", ptr)?,
            exclusive_maximum: self.number_value(obj, "exclusiveMaximum", ptr)?,
            multiple_of: self.number_value(obj, "multipleOf", ptr)?,
        };
        if def == NumberDef::default() {
            return Some(Shape::Number);
        }
        if def.multiple_of.is_some_and(|m| m <= 0.0) {
            self.problem(&child(ptr, "multipleOf"), Problem::Unsupported("multipleOf must be greater than 0".into()));
            return None;
        }
        // The run-time check reads both numbers as decimals and divides exactly in 128 bits;
        // a divisor with more decimals than that allows would be checked on binary values
        // and reject numbers the schema accepts (0.5 for multipleOf 1e-300).
        if let Some(places) = def.multiple_of.map(decimal_places).filter(|p| *p > MAX_MULTIPLE_OF_DECIMALS) {
            self.problem(
                &child(ptr, "multipleOf"),
                Problem::Unsupported(format!(
                    "multipleOf {} has {places} decimal places; the generated check is exact up to {MAX_MULTIPLE_OF_DECIMALS}",
                    def.multiple_of.unwrap_or_default()
                )),
            );
            return None;
        }
        // Bounds that no number satisfies are a contract bug, not a type that accepts nothing.
        let lower = [(def.minimum, false, "minimum"), (def.exclusive_minimum, true, "exclusiveMinimum")]
            .into_iter()
            .filter_map(|(v, ex, key)| Some((v?, ex, key)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let upper = [(def.maximum, false, "maximum"), (def.exclusive_maximum, true, "exclusiveMaximum")]
            .into_iter()
            .filter_map(|(v, ex, key)| Some((v?, ex, key)))
            .min_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let (Some((lo, lo_ex, lo_key)), Some((hi, hi_ex, hi_key))) = (lower, upper) {
            if lo > hi || (lo == hi && (lo_ex || hi_ex)) {
                self.problem(&child(ptr, lo_key), Problem::Unsupported(format!("{lo_key} {lo} and {hi_key} {hi}: no number validates")));
                return None;
            }
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        Some(Shape::Named(self.add(hint, doc, TypeKind::Number(def))))
    }

    fn array(&mut self, obj: &Map<String, Value>, ptr: &str, hint: &str) -> Option<Shape> {
        let min = self.uint(obj, "minItems", ptr)?.unwrap_or(0);
        let max = self.uint(obj, "maxItems", ptr)?;
        if let Some(max) = max.filter(|max| min > *max) {
            self.problem(&child(ptr, "minItems"), Problem::Unsupported(format!("minItems {min} > maxItems {max}: no array validates")));
            return None;
        }
        let unique = match obj.get("uniqueItems") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                self.problem(&child(ptr, "uniqueItems"), Problem::WrongType { expected: "boolean", found: json_type(other) });
                return None;
            }
        };
        let items = match obj.get("items") {
            None => Slot { shape: Shape::Any, nullable: false },
            Some(Value::Array(_)) => {
                self.problem(&child(ptr, "items"), Problem::Unsupported("tuple-form items are not generated yet".into()));
                return None;
            }
            Some(schema) => self.slot(schema, &child(ptr, "items"), &singular(hint), false)?,
        };
        // Arrays of arrays nest as one type expression (`Vec<Option<Vec<…>>>`), which the
        // emitter and the compiler walk recursively: bound it explicitly.
        let nesting = std::iter::successors(Some(&items), |s| match &s.shape {
            Shape::Array { items, .. } => Some(items),
            _ => None,
        })
        .map(|s| 1 + usize::from(s.nullable))
        .sum::<usize>();
        if nesting >= MAX_TYPE_NESTING {
            self.problem(ptr, Problem::Unsupported(format!("arrays nest deeper than {MAX_TYPE_NESTING} levels (counting nullable ones twice)")));
            return None;
        }
        Some(Shape::Array { items: Box::new(items), min, max, unique })
    }

    fn object(&mut self, obj: &Map<String, Value>, ptr: &str, hint: &str) -> Option<Shape> {
        let deny_unknown = match obj.get("additionalProperties") {
            None | Some(Value::Bool(true)) => false,
            Some(Value::Bool(false)) => true,
            Some(_) => {
                self.problem(
                    &child(ptr, "additionalProperties"),
                    Problem::Unsupported("additionalProperties with a schema (a map) is not generated yet; use false".into()),
                );
                return None;
            }
        };
        let empty = Map::new();
        let properties = match obj.get("properties") {
            None => {
                if !deny_unknown && !obj.contains_key("required") {
                    return Some(Shape::AnyObject);
                }
                &empty
            }
            Some(Value::Object(p)) => p,
            Some(other) => {
                self.problem(&child(ptr, "properties"), Problem::WrongType { expected: "object", found: json_type(other) });
                return None;
            }
        };
        let mut required = Vec::new();
        if let Some(list) = obj.get("required") {
            let Some(list) = list.as_array() else {
                self.problem(&child(ptr, "required"), Problem::WrongType { expected: "array", found: json_type(list) });
                return None;
            };
            for (i, name) in list.iter().enumerate() {
                match name.as_str() {
                    Some(n) if properties.contains_key(n) => required.push(n.to_owned()),
                    Some(n) => {
                        self.problem(
                            &child(&child(ptr, "required"), &i.to_string()),
                            Problem::Unsupported(format!("required property {n:?} has no schema under properties")),
                        );
                        return None;
                    }
                    None => {
                        self.problem(&child(&child(ptr, "required"), &i.to_string()), Problem::WrongType { expected: "string", found: json_type(name) });
                        return None;
                    }
                }
            }
        }
        let mut idents = Scope::with_reserved(&["new"]);
        let mut fields = Vec::new();
        let mut failed = false;
        for (json, schema) in properties {
            let at = child(&child(ptr, "properties"), json);
            match self.slot(schema, &at, json, false) {
                Some(slot) => fields.push(Field {
                    json: json.clone(),
                    // The setter `with_<ident>` is claimed with it: properties `a` and
                    // `with_a` must not both give a method `with_a`.
                    ident: idents.claim_with(&snake(json), &["with_"]),
                    slot,
                    required: required.contains(json),
                    doc: schema.get("description").and_then(Value::as_str).map(str::to_owned),
                }),
                None => failed = true,
            }
        }
        if failed {
            return None;
        }
        let doc = obj.get("description").or_else(|| obj.get("title")).and_then(Value::as_str).map_or_else(|| format!("The `{hint}` object."), str::to_owned);
        let id = self.add(hint, Some(doc), TypeKind::Struct(StructDef { fields, deny_unknown }));
        Some(Shape::Named(id))
    }

    /// `oneOf` of object schemas, each with a required `const` string property of the same name.
    fn union(&mut self, obj: &Map<String, Value>, one_of: &Value, ptr: &str, hint: &str) -> Option<TypeId> {
        let at = child(ptr, "oneOf");
        if let Some(k) = obj.keys().find(|k| OBJECT_KW.contains(&k.as_str())) {
            self.problem(&child(ptr, k), Problem::Unsupported(format!("`{k}` beside oneOf: put every property into the branches")));
            return None;
        }
        let Some(branches) = one_of.as_array().filter(|b| b.len() >= 2) else {
            self.problem(&at, Problem::Unsupported("oneOf needs at least two branches".into()));
            return None;
        };
        let resolved: Vec<(String, &Value)> = branches
            .iter()
            .enumerate()
            .map(|(i, b)| match b.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')).and_then(crate::load::fragment_pointer) {
                Some(p) => (p.clone(), self.root.pointer(&p).unwrap_or(b)),
                None => (child(&at, &i.to_string()), b),
            })
            .collect();
        let tag_of = |b: &Value| -> Vec<(String, String)> {
            let props = b.get("properties").and_then(Value::as_object);
            let req: Vec<&str> = b.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            props
                .map(|p| {
                    p.iter().filter_map(|(k, v)| Some((k.clone(), v.get("const")?.as_str()?.to_owned()))).filter(|(k, _)| req.contains(&k.as_str())).collect()
                })
                .unwrap_or_default()
        };
        let first = tag_of(resolved[0].1);
        let tag = first.iter().map(|(k, _)| k.clone()).find(|k| {
            let values: Vec<Option<String>> = resolved.iter().map(|(_, b)| tag_of(b).into_iter().find(|(t, _)| t == k).map(|(_, v)| v)).collect();
            values.iter().all(Option::is_some) && {
                let mut v: Vec<&String> = values.iter().flatten().collect();
                v.sort();
                v.dedup();
                v.len() == values.len()
            }
        });
        let Some(tag) = tag else {
            self.problem(
                &at,
                Problem::Unsupported("oneOf branches need a common required property with a distinct string const in each (the discriminator)".into()),
            );
            return None;
        };
        let mut variants = Vec::new();
        let mut variant_scope = Scope::variants(&[]);
        for (branch_ptr, branch) in resolved {
            let Some(bobj) = branch.as_object() else {
                self.problem(&branch_ptr, Problem::Unsupported("a oneOf branch must be an object schema".into()));
                return None;
            };
            let mut without_tag = bobj.clone();
            let value = tag_of(branch).into_iter().find(|(t, _)| *t == tag).map(|(_, v)| v).unwrap_or_default();
            if let Some(Value::Object(props)) = without_tag.get_mut("properties") {
                props.shift_remove(&tag);
            }
            if let Some(Value::Array(req)) = without_tag.get_mut("required") {
                req.retain(|r| r.as_str() != Some(tag.as_str()));
            }
            if bobj.get("type").and_then(Value::as_str) != Some("object") {
                self.problem(&branch_ptr, Problem::Unsupported("a oneOf branch must say type: object".into()));
                return None;
            }
            let branch_name = pascal(&value);
            let slot = self.slot(&Value::Object(without_tag), &branch_ptr, &branch_name, false)?;
            let Shape::Named(id) = slot.shape else { return None };
            variants.push((value.clone(), variant_scope.claim(&branch_name), id));
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        Some(self.add(hint, doc, TypeKind::Union(UnionDef { tag, variants })))
    }
}
