//! Turns one payload schema into a [`TypeSpace`]. Every keyword is either enforced by
//! the resulting types, a pure annotation, or a diagnostic: nothing is dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::all_of;
use super::keywords::{self, ANNOTATIONS, ARRAY as ARRAY_KW, INVARIANT, NUMBER as NUMBER_KW, OBJECT as OBJECT_KW, REFUSED, STRING as STRING_KW};
use super::names::{pascal, singular, snake, Scope};
use super::recursion::RefGraph;
use super::rules::RuleCompiler;
use super::types::{
    AliasDef, CheckedDef, EnumDef, Field, Format, NewtypeDef, NumberDef, Rest, Shape, Slot, StructDef, TypeDef, TypeId, TypeKind, TypeSpace, UnionDef,
    UntaggedDef,
};
use crate::diagnostics::{child, json_type, Problem, Sink};
use crate::load::Draft;

/// The most decimal places a number's `multipleOf` may have (see [`decimal_places`]).
const MAX_MULTIPLE_OF_DECIMALS: i32 = 15;

/// Decimal places of the shortest decimal that prints `value` (`0.25` → 2, `1e-300` → 300, `5e3` → 0).
fn decimal_places(value: f64) -> i32 {
    let text = format!("{value:e}");
    let (digits, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let fraction = digits.split_once('.').map_or(0, |(_, f)| i32::try_from(f.len()).unwrap_or(i32::MAX));
    (fraction - exponent.parse::<i32>().unwrap_or(0)).max(0)
}

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
    refs: BTreeMap<String, RefState>,
    /// Types reserved for recursive `$ref` targets that a reference back has named.
    used: std::collections::BTreeSet<TypeId>,
}

/// Names the generated code uses unqualified, which no generated type may shadow: prelude
/// names, the generic parameters of emitted impls (`A: MapAccess`, `D: Deserializer`,
/// `S: Serializer`), and the sunset guard's items in the `wire` module.
const PRELUDE: &[&str] =
    &["Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Self", "A", "D", "S", "E", "T", "P", "Q", "Sunset", "Cutover", "Produce"];

impl Default for DocState {
    fn default() -> Self {
        Self { space: TypeSpace::default(), scope: Scope::with_reserved(PRELUDE), refs: BTreeMap::new(), used: std::collections::BTreeSet::new() }
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
    /// Keywords the contract set declares as annotations of its own (vendor keywords).
    pub annotations: std::collections::BTreeSet<String>,
    /// Formats the contract set declares as annotations (not checked).
    pub annotation_formats: std::collections::BTreeSet<String>,
    /// Custom formats mapped to a user's checked type (format → Rust path).
    pub format_types: BTreeMap<String, String>,
    /// Whether an unknown keyword is an error or a warning.
    pub unknown_keywords: crate::UnknownKeywords,
    /// Whether formats are asserted or annotations.
    pub formats: crate::Formats,
    /// Compiles the validation programs of checked values.
    pub rules: RuleCompiler,
    /// Module names under `shared`, one per document.
    modules: Scope,
    /// The payload schema being translated (as shown).
    pub payload: PathBuf,
    /// Schemas of shared files that failed, as (file shown, pointer), with the payload
    /// schemas that reach them: their problems list those payloads.
    pub reached_failures: BTreeMap<(PathBuf, String), std::collections::BTreeSet<PathBuf>>,
    /// The files read to find recursion across files.
    graph: RefGraph,
    /// Types reserved for recursive `$ref` targets of shared documents being translated,
    /// by (file, pointer): (module, name, whether a reference back has named it). A `$ref`
    /// back to one from another file is a `Box` of that type.
    reserved_across: BTreeMap<(PathBuf, String), (String, String, bool)>,
    /// Schemas of shared documents already translated, by (file, pointer), as seen from
    /// another space (`None`: failed): every later `$ref` to one is this slot, also one back
    /// into a document whose types are being made (see [`Translator::make_returns_first`]).
    translated_across: BTreeMap<(PathBuf, String), Option<Slot>>,
}

impl Shared {
    /// Records that the payload being translated reaches the failed schema at `pointer` of
    /// the shared file `shown`: the failure's problem lists it.
    fn reached_failure(&mut self, shown: PathBuf, pointer: &str) {
        self.reached_failures.entry((shown, pointer.to_owned())).or_default().insert(self.payload.clone());
    }

    /// Shared state for a contract set rooted at `contracts_root` (canonical).
    pub fn new(contracts_root: PathBuf, consumer_tolerance: bool) -> Self {
        Self {
            contracts_root,
            docs: BTreeMap::new(),
            id_uses: Vec::new(),
            consumer_tolerance,
            annotations: std::collections::BTreeSet::new(),
            annotation_formats: std::collections::BTreeSet::new(),
            format_types: BTreeMap::new(),
            unknown_keywords: crate::UnknownKeywords::Error,
            formats: crate::Formats::Assert,
            rules: RuleCompiler::default(),
            modules: Scope::default(),
            payload: PathBuf::new(),
            reached_failures: BTreeMap::new(),
            graph: RefGraph::default(),
            reserved_across: BTreeMap::new(),
            translated_across: BTreeMap::new(),
        }
    }
}

/// A slot of a shared document's space, as seen from another space: every named type in
/// it (at any depth: array items, map values) becomes a reference to the shared module.
fn externalize(slot: Slot, module: &str, space: &TypeSpace) -> Slot {
    let shape = match slot.shape {
        Shape::Named(id) => Shape::External { module: module.to_owned(), name: space.defs[id].name.clone() },
        Shape::Array { items, min, max, unique } => Shape::Array { items: Box::new(externalize(*items, module, space)), min, max, unique },
        Shape::Map(values) => Shape::Map(Box::new(externalize(*values, module, space))),
        Shape::Boxed(inner) => Shape::Boxed(Box::new(externalize(Slot { shape: *inner, nullable: false }, module, space).shape)),
        Shape::Tuple(elements) => Shape::Tuple(elements.into_iter().map(|e| externalize(e, module, space)).collect()),
        shape => shape,
    };
    Slot { shape, nullable: slot.nullable }
}

/// The pointer to a definition of `doc` (under `$defs` or `definitions`) nearest to
/// `pointer` by edit distance, when it is close enough to be a misspelling of it.
fn near_pointer(doc: &Value, pointer: &str) -> Option<String> {
    ["$defs", "definitions"]
        .iter()
        .filter_map(|defs| Some((*defs, doc.get(*defs)?.as_object()?)))
        .flat_map(|(defs, members)| members.keys().map(move |k| child(&child("", defs), k)))
        .map(|candidate| {
            // Near by the whole pointer, or by the definition's name (`mony` for `money`
            // under either `$defs` or `definitions`).
            let name = |p: &str| p.rsplit('/').next().unwrap_or_default().to_owned();
            let distance = strsim::damerau_levenshtein(&candidate, pointer).min(strsim::damerau_levenshtein(&name(&candidate), &name(pointer)).max(1));
            (distance, candidate)
        })
        .filter(|(distance, candidate)| *distance > 0 && *distance <= (candidate.rsplit('/').next().unwrap_or_default().len() / 4).max(2))
        .min()
        .map(|(_, candidate)| candidate)
}

/// What translating a `$ref` target has come to so far.
#[derive(Debug, Clone)]
enum RefState {
    /// Being translated: a reference to it now is a recursion, typed as the boxed type
    /// reserved for it (see [`Translator::reserve_recursive`]), or without a Rust type (a
    /// checked value) when none was reserved.
    InProgress(Option<TypeId>),
    /// Translated.
    Done(Slot),
    /// Failed; the failure was reported where it happened.
    Failed,
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
    /// Set by a translation step that finds no Rust type for its node (and reports
    /// nothing): the node then becomes a checked value with a looser typed core.
    no_rust_type: Option<String>,
    /// How many enclosing checked values validate everything below with the original
    /// schema: a schema derived below them then needs no program of its own.
    covered: usize,
    /// Schemas entered and not yet left, across documents (see [`MAX_SCHEMA_DEPTH`]).
    depth: usize,
    /// A struct reserved for a recursive `$ref` target: (pointer, id). [`Self::object`] at
    /// that pointer fills it in instead of adding a new type.
    reserved: Option<(String, TypeId)>,
    /// The shared module this document's types go to; `None` for a payload document.
    module: Option<String>,
}

impl<'a> Translator<'a> {
    /// A translator for the payload document `root`, read from `path` (shown as `file`).
    pub fn new(file: &'a Path, path: &'a Path, root: &'a Value, draft: Draft, sink: &'a mut Sink, shared: &'a mut Shared) -> Self {
        Self { file, path, root, draft, sink, state: DocState::default(), shared, no_rust_type: None, covered: 0, depth: 0, reserved: None, module: None }
    }

    /// Keeps `name` from every type this translator names: items emitted beside its types.
    pub fn reserve(&mut self, name: &str) {
        self.state.scope.reserve(name);
    }

    /// Translates the document's root, which must be an object or a union of objects
    /// (discriminated or not), into a type named `name`. Returns the space and the root's id.
    pub fn translate_root(mut self, name: &str) -> (TypeSpace, Option<TypeId>) {
        let root = self.root;
        // The root is named exactly `name` (already a decided type name: `pascal` is not
        // idempotent, `TEV1` would become `Tev1`); no other type of the space may take it.
        self.state.scope.reserve(name);
        for suffix in super::names::STRUCT_COMPANIONS {
            self.state.scope.reserve(&format!("{name}{suffix}"));
        }
        let reserved = self.reserve_recursive(root, "", Some(name), name);
        self.prime_shared_copy(reserved, "");
        self.state.refs.insert(String::new(), RefState::InProgress(reserved));
        let slot = self.slot(root, "", name, true);
        let slot = self.settle_reserved(reserved, slot, "", root);
        self.state.refs.insert(String::new(), slot.clone().map_or(RefState::Failed, RefState::Done));
        let root_id = match slot {
            Some(Slot { shape: Shape::Named(id), nullable: false }) if matches!(self.state.space.defs[id].kind, TypeKind::Struct(_) | TypeKind::Union(_)) => {
                name.clone_into(&mut self.state.space.defs[id].name);
                Some(id)
            }
            Some(Slot { shape: Shape::Named(id), nullable: false }) if matches!(self.state.space.defs[id].kind, TypeKind::Untagged(_)) => {
                match self.non_object_branch(id) {
                    Some((pointer, what)) => {
                        let problem = format!(
                            "a payload is a JSON object, but this branch of the root's union accepts {what}; write every branch as an object schema (or move the value into a property of an object)"
                        );
                        self.problem(&pointer, Problem::Unsupported(problem));
                        None
                    }
                    None => {
                        name.clone_into(&mut self.state.space.defs[id].name);
                        Some(id)
                    }
                }
            }
            Some(slot) => {
                let why = match &slot.shape {
                    Shape::Named(id) if !slot.nullable => match &self.state.space.defs[*id].kind {
                        TypeKind::Checked(c) => format!(" (it has rules no Rust type says: {})", c.reason),
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                let problem = format!(
                    "a payload schema's root must be an object, a oneOf of objects (told apart by a `const` property or not) or an anyOf of objects, and not nullable{why}; write the root as such a schema, with any other rule inside its branches"
                );
                self.problem("", Problem::Unsupported(problem));
                None
            }
            None => None,
        };
        (self.state.space, root_id)
    }

    /// The first branch of the root union `id` that accepts something other than a JSON
    /// object, as (its pointer, what it accepts in words); `None` when every branch is an
    /// object type (a struct, a map, a union of those, here or in a shared file).
    fn non_object_branch(&self, id: TypeId) -> Option<(String, String)> {
        let TypeKind::Untagged(u) = &self.state.space.defs[id].kind else { return None };
        let keyword = ["oneOf", "anyOf"].into_iter().find(|k| self.root.get(*k).is_some());
        u.variants.iter().enumerate().find(|(_, (_, slot))| !self.object_only(&self.state.space, slot, 0)).map(|(i, (variant, slot))| {
            let pointer = keyword.map_or_else(|| "/type".to_owned(), |k| format!("/{k}/{i}"));
            let what = if slot.nullable { "`null`".to_owned() } else { format!("a value that is not an object (the `{variant}` branch)") };
            (pointer, what)
        })
    }

    /// True when every value `slot` accepts is a JSON object.
    fn object_only(&self, space: &TypeSpace, slot: &Slot, depth: usize) -> bool {
        if slot.nullable || depth > MAX_TYPE_NESTING {
            return false;
        }
        match &slot.shape {
            Shape::AnyObject | Shape::Map(_) => true,
            Shape::Boxed(inner) => self.object_only(space, &Slot { shape: (**inner).clone(), nullable: false }, depth + 1),
            Shape::Named(id) => self.object_kind(space, &space.defs[*id].kind, depth),
            Shape::External { module, name } => self
                .shared
                .docs
                .values()
                .filter(|d| &d.module == module)
                .filter_map(|d| d.state.as_ref())
                .any(|state| state.space.defs.iter().any(|def| &def.name == name && self.object_kind(&state.space, &def.kind, depth))),
            _ => false,
        }
    }

    /// True when every value of a named type of `space` is a JSON object.
    fn object_kind(&self, space: &TypeSpace, kind: &TypeKind, depth: usize) -> bool {
        match kind {
            TypeKind::Struct(_) | TypeKind::Union(_) => true,
            TypeKind::Untagged(u) => u.variants.iter().all(|(_, slot)| self.object_only(space, slot, depth + 1)),
            TypeKind::Checked(c) => self.object_only(space, &c.core, depth + 1),
            TypeKind::Alias(a) => self.object_only(space, &a.target, depth + 1),
            _ => false,
        }
    }

    /// Resolves `relative#pointer` from this document to a slot of a shared document.
    fn external(&mut self, relative: &str, pointer: &str, at: &str) -> Option<Slot> {
        let base = self.path.parent().unwrap_or(Path::new(""));
        let root = self.shared.contracts_root.clone();
        // `Profile::Loose`: a document with a relative `$id` names files from its id root.
        let by_id = || self.shared.rules.relative_id_dir(&root, self.file, self.root).and_then(|dir| root.join(dir).join(relative).canonicalize().ok());
        let Some(path) = base.join(relative).canonicalize().ok().or_else(by_id) else {
            // Not a file next to this one: it may name the `$id` of a schema in the set
            // (relative to a base URI); the validation program's compiler resolves that,
            // or reports it.
            return self.no_type(format!("a $ref by URI ({relative})"));
        };
        if !path.starts_with(&self.shared.contracts_root) {
            self.problem(at, Problem::Unsupported(format!("$ref {relative:?} leads outside the contract root")));
            return None;
        }
        if path == self.path {
            return self.local(pointer, at);
        }
        self.shared_slot(path, relative, pointer, at)
    }

    /// The slot of `pointer` in the file `path` (canonical; `relative` as written), as a type
    /// of that file's shared module, translated once.
    fn shared_slot(&mut self, path: PathBuf, relative: &str, pointer: &str, at: &str) -> Option<Slot> {
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
        // A pointer that does not resolve is the referring file's mistake: reported there.
        if self.shared.docs[&path].value.pointer(pointer).is_none() {
            let near = near_pointer(&self.shared.docs[&path].value, pointer).map(|p| format!("{relative}#{p}"));
            self.problem(at, Problem::UnresolvedRef { target: format!("{relative}#{pointer}"), near });
            return None;
        }
        // Made already: its slot, whether or not the document's types are being made now.
        if let Some(made) = self.shared.translated_across.get(&(path.clone(), pointer.to_owned())).cloned() {
            if made.is_none() {
                let shown = self.shared.docs[&path].shown.clone();
                self.shared.reached_failure(shown, pointer);
            }
            return made;
        }
        let doc = self.shared.docs.get_mut(&path).expect("inserted above");
        let Some(state) = doc.state.take() else {
            // Back into a document being translated: a type reserved there is boxed.
            if let Some((module, name, used)) = self.shared.reserved_across.get_mut(&(path.clone(), pointer.to_owned())) {
                *used = true;
                let shape = Shape::External { module: module.clone(), name: name.clone() };
                return Some(Slot { shape: Shape::Boxed(Box::new(shape)), nullable: false });
            }
            return self.no_type(format!("a $ref cycle through {relative:?}"));
        };
        let (value, shown, draft, module) = (doc.value.clone(), doc.shown.clone(), doc.draft, doc.module.clone());
        let mut sub = Translator {
            file: &shown,
            path: &path,
            root: &value,
            draft,
            sink: &mut *self.sink,
            state,
            shared: &mut *self.shared,
            no_rust_type: None,
            covered: self.covered,
            depth: self.depth,
            reserved: None,
            module: Some(module.clone()),
        };
        let slot = sub.local(pointer, at);
        let no_type = sub.no_rust_type.take();
        let state = sub.state;
        if slot.is_none() && no_type.is_none() {
            self.shared.reached_failure(shown.clone(), pointer);
        }
        self.shared.docs.get_mut(&path).expect("still there").state = Some(state);
        if let Some(reason) = no_type {
            return self.no_type(reason);
        }
        let slot = slot?;
        let space = &self.shared.docs[&path].state.as_ref().expect("put back").space;
        Some(externalize(slot, &module, space))
    }

    fn problem(&mut self, pointer: &str, problem: Problem) {
        self.sink.push(self.file, pointer, problem);
    }

    fn add(&mut self, wanted: &str, doc: Option<String>, kind: TypeKind) -> TypeId {
        // Every generated public item carries docs, even when the schema has no description.
        let doc = doc.or_else(|| Some(format!("A value of `{wanted}`, as the contract constrains it.")));
        // A struct's companions (`…Required`, `…Parts`) are claimed with it.
        let suffixes = if matches!(kind, TypeKind::Struct(_)) { super::names::STRUCT_COMPANIONS } else { &[] };
        let name = self.state.scope.claim_affixed(&pascal(wanted), &[], suffixes);
        self.state.space.defs.push(TypeDef { name, doc, kind });
        self.state.space.defs.len() - 1
    }

    /// Checks keywords of `obj`: unknown and refused ones are reported. Returns false on any.
    fn check_keywords(&mut self, obj: &Map<String, Value>, ptr: &str) -> bool {
        let mut ok = true;
        for key in obj.keys() {
            let at = child(ptr, key);
            if key.starts_with("x-") || self.shared.annotations.contains(key) {
                continue;
            }
            if let Some((_, reason)) = REFUSED.iter().find(|(k, _)| k == key) {
                self.problem(&at, Problem::UnsupportedKeyword { keyword: key.clone(), reason: (*reason).to_owned() });
                ok = false;
            } else if key == "format" {
                if let Some(f) = obj.get("format").and_then(Value::as_str) {
                    let declared = self.shared.annotation_formats.contains(f) || self.shared.format_types.contains_key(f);
                    // Formats as annotations (`Formats::Annotate`): unknown ones are annotations too.
                    if Format::from_name(f).is_none() && !declared && self.shared.formats == crate::Formats::Assert {
                        let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                        let near = known.iter().find(|k| strsim::damerau_levenshtein(k, f) <= 2).map(|k| format!("did you mean {k:?}? "));
                        self.problem(
                            &at,
                            Problem::Unsupported(format!(
                                "unknown format {f:?}: {}the formats enforced are {}; declare a format of your own as an annotation with Config::annotation_format, or map it to a checked type with Config::format_type",
                                near.unwrap_or_default(),
                                known.join(", ")
                            )),
                        );
                        ok = false;
                    }
                }
            } else if !keywords::is_known(key) {
                let warn = self.shared.unknown_keywords == crate::UnknownKeywords::Warn;
                let advice = match keywords::suggestion(key) {
                    Some(known) => {
                        format!("did you mean `{known}`? (an annotation of your own must start with `x-`, or be declared with Config::annotation_keyword)")
                    }
                    None if warn => "declare it with Config::annotation_keyword (CLI --annotation-keyword) to silence this".to_owned(),
                    None => "an annotation of your own must start with `x-`, or be declared with Config::annotation_keyword".to_owned(),
                };
                if warn {
                    self.sink.warn(self.file, &at, Problem::UnknownKeyword { keyword: key.clone(), advice });
                } else {
                    self.problem(&at, Problem::UnsupportedKeyword { keyword: key.clone(), reason: format!("unknown keyword; {advice}") });
                    ok = false;
                }
            }
        }
        ok
    }

    /// Records that the current node has no Rust type of its own (nothing is reported):
    /// [`Self::slot`] then makes it a checked value.
    fn no_type<T>(&mut self, reason: impl Into<String>) -> Option<T> {
        self.no_rust_type = Some(reason.into());
        None
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

    /// [`Self::slot`] within the depth bound: a node whose rules go beyond what its Rust
    /// type can say becomes a checked value (DESIGN.md §1).
    fn slot_at_depth(&mut self, schema: &Value, ptr: &str, hint: &str, is_root: bool) -> Option<Slot> {
        let outer = self.no_rust_type.take();
        let typed = self.typed(schema, ptr, hint, is_root);
        let reason = std::mem::replace(&mut self.no_rust_type, outer);
        match (typed, reason) {
            (Some(slot), _) => Some(slot),
            (None, Some(reason)) => self.checked(schema, None, ptr, hint, reason),
            (None, None) => None,
        }
    }

    /// A checked value for the schema at `ptr`: `core` (or any JSON value) checked by the
    /// program of the node's whole schema.
    fn checked(&mut self, schema: &Value, core: Option<Slot>, ptr: &str, hint: &str, reason: String) -> Option<Slot> {
        let core = core.unwrap_or(Slot { shape: Shape::Any, nullable: false });
        if self.covered > 0 && self.root.pointer(ptr) != Some(schema) {
            // A derived schema under a node whose own program checks it exactly.
            return Some(core);
        }
        let root = self.shared.contracts_root.clone();
        let program = match self.shared.rules.program(&root, self.file, ptr, schema, self.draft) {
            Ok(program) => program,
            Err(errors) => {
                for e in errors {
                    match &e.file {
                        Some(file) => self.sink.push(file, &e.pointer, Problem::Rules(e.message)),
                        None => self.problem(ptr, Problem::Rules(e.message)),
                    }
                }
                return None;
            }
        };
        let doc = schema.get("description").and_then(Value::as_str).map(str::to_owned);
        let id = self.add(hint, doc, TypeKind::Checked(CheckedDef { core, program, reason }));
        Some(Slot { shape: Shape::Named(id), nullable: false })
    }

    /// A checked value for `schema` around the typed core that `core` translates: any JSON
    /// value when the core has no Rust type, nothing when a problem was reported. With
    /// `covered`, the core is translated under this node's program, so schemas derived
    /// inside it need none of their own.
    fn checked_around(
        &mut self,
        schema: &Value,
        ptr: &str,
        hint: &str,
        reason: String,
        covered: bool,
        core: impl FnOnce(&mut Self) -> Option<Slot>,
    ) -> Option<Slot> {
        self.covered += usize::from(covered);
        let outer = self.no_rust_type.take();
        let core = core(self);
        let no_core = std::mem::replace(&mut self.no_rust_type, outer).is_some();
        self.covered -= usize::from(covered);
        match core {
            Some(core) => self.checked(schema, Some(core), ptr, hint, reason),
            None if no_core => self.checked(schema, None, ptr, hint, reason),
            None => None,
        }
    }

    /// Why `obj` needs a validation program beyond its typed core, if it does.
    fn invariant_reason(obj: &Map<String, Value>) -> Option<String> {
        if let Some(k) = obj.keys().find(|k| INVARIANT.contains(&k.as_str())) {
            return Some(format!("`{k}` has no Rust type"));
        }
        if matches!(obj.get("items"), Some(Value::Array(_) | Value::Bool(false))) {
            return Some("`items` as a tuple or `false`".to_owned());
        }
        let types: Vec<&str> = match obj.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        let applies = |k: &str| match () {
            () if STRING_KW.contains(&k) => types.contains(&"string"),
            () if NUMBER_KW.contains(&k) => types.contains(&"number") || types.contains(&"integer"),
            () if ARRAY_KW.contains(&k) => types.contains(&"array"),
            () if OBJECT_KW.contains(&k) => types.contains(&"object"),
            () => true,
        };
        let composite = ["enum", "const", "oneOf", "anyOf", "allOf", "$ref"].iter().any(|k| obj.contains_key(*k));
        if !composite {
            if let Some(k) = obj.keys().find(|k| keywords::is_type_specific(k) && !applies(k)) {
                return Some(if types.is_empty() {
                    format!("`{k}` without `type` applies only to some JSON types")
                } else {
                    format!("`{k}` has no effect on this type")
                });
            }
        }
        None
    }

    /// `obj` without the keywords its program alone enforces.
    fn typed_view(obj: &Map<String, Value>) -> Map<String, Value> {
        let mut view = obj.clone();
        for k in INVARIANT {
            view.remove(*k);
        }
        if matches!(view.get("items"), Some(Value::Array(_) | Value::Bool(false))) {
            view.remove("items");
        }
        if let Some(Value::Object(patterns)) = obj.get("patternProperties") {
            // Members matching a pattern are valid under its schema (and
            // `additionalProperties` covers the others): the other members' values take the
            // one schema they all share, or any JSON value.
            let mut schemas: Vec<&Value> = patterns.values().collect();
            match obj.get("additionalProperties") {
                Some(Value::Bool(false)) => {}
                Some(other) => schemas.push(other),
                None => schemas.push(&Value::Bool(true)),
            }
            if let Some(first) = schemas.first() {
                let shared = if schemas.iter().all(|s| s == first) { (*first).clone() } else { Value::Bool(true) };
                view.insert("additionalProperties".into(), shared);
            }
        }
        let composite = ["enum", "const", "oneOf", "anyOf", "allOf", "$ref"].iter().any(|k| view.contains_key(*k));
        if !composite {
            let types: Vec<String> = match view.get("type") {
                Some(Value::String(t)) => vec![t.clone()],
                Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                _ => Vec::new(),
            };
            let has = |t: &str| types.iter().any(|x| x == t);
            view.retain(|k, _| {
                !keywords::is_type_specific(k)
                    || (STRING_KW.contains(&k.as_str()) && has("string"))
                    || (NUMBER_KW.contains(&k.as_str()) && (has("number") || has("integer")))
                    || (ARRAY_KW.contains(&k.as_str()) && has("array"))
                    || (OBJECT_KW.contains(&k.as_str()) && has("object"))
            });
        }
        view
    }

    /// The typed translation of one schema; `None` with [`Self::no_type`] set when the node
    /// has no Rust type, `None` alone when a problem was reported.
    fn typed(&mut self, schema: &Value, ptr: &str, hint: &str, is_root: bool) -> Option<Slot> {
        let obj = match schema {
            Value::Bool(true) => return Some(Slot { shape: Shape::Any, nullable: false }),
            Value::Bool(false) => return self.no_type("the `false` schema accepts nothing"),
            Value::Object(obj) => obj,
            other => {
                self.problem(ptr, Problem::Unsupported(format!("a schema must be an object or `true`, found {}", json_type(other))));
                return None;
            }
        };
        if !self.check_keywords(obj, ptr) {
            return None;
        }
        for defs in ["$defs", "definitions"] {
            if let Some(d) = obj.get(defs) {
                if !d.is_object() {
                    self.problem(&child(ptr, defs), Problem::WrongType { expected: "object", found: json_type(d) });
                }
            }
        }
        if let (false, true, false) = (is_root, obj.contains_key("$id"), obj.contains_key("$schema")) {
            // An embedded resource: `$ref`s inside it resolve against its own `$id`. The
            // typed core is kept when nothing inside refers by pointer; the program, which
            // resolves every reference per the specification, holds the rules either way.
            let reason = "an embedded schema resource with its own `$id`".to_owned();
            if Self::has_pointer_ref(schema, 0) {
                return self.checked(schema, None, ptr, hint, reason);
            }
            let mut view = obj.clone();
            view.remove("$id");
            return self.checked_around(schema, ptr, hint, reason, true, |t| t.typed(&Value::Object(view), ptr, hint, false));
        }
        if let (false, Some(dialect)) = (is_root, obj.get("$schema")) {
            // An embedded resource with a dialect of its own: the program reads it in that
            // dialect; the typed core is kept only when the dialect is the document's.
            let same = matches!(
                (dialect.as_str(), self.draft),
                (Some("https://json-schema.org/draft/2020-12/schema"), Draft::Draft202012)
                    | (Some("http://json-schema.org/draft-07/schema#" | "http://json-schema.org/draft-07/schema"), Draft::Draft7)
            );
            let reason = "an embedded schema resource with its own `$schema`".to_owned();
            if !same {
                return self.checked(schema, None, ptr, hint, reason);
            }
            let mut view = obj.clone();
            view.remove("$schema");
            return self.checked_around(schema, ptr, hint, reason, false, |t| t.typed(&Value::Object(view), ptr, hint, false));
        }
        if obj.contains_key("allOf") {
            return self.all_of(obj, ptr, hint, is_root);
        }
        if let Some(reference) = obj.get("$ref") {
            return self.reference(obj, reference, ptr, hint);
        }
        if let Some(elements) = self.closed_tuple(obj) {
            return self.tuple(elements, ptr, hint);
        }
        if let Some(reason) = Self::invariant_reason(obj) {
            let view = Value::Object(Self::typed_view(obj));
            return self.checked_around(schema, ptr, hint, reason, false, |t| t.typed(&view, ptr, hint, is_root));
        }
        if let Some(any_of) = obj.get("anyOf") {
            if Self::is_nullable_idiom(any_of) {
                return self.nullable_branch(obj, "anyOf", any_of, ptr, hint);
            }
            let view = self.without_redundant_type(obj, any_of);
            return self.untagged(&view, "anyOf", any_of, ptr, hint);
        }
        let (types, type_nullable) = self.types(obj, ptr)?;
        if let Some(one_of) = obj.get("oneOf") {
            if Self::is_nullable_idiom(one_of) {
                return self.nullable_branch(obj, "oneOf", one_of, ptr, hint);
            }
            if types.iter().any(|t| t != "object") || type_nullable {
                return self.untagged(obj, "oneOf", one_of, ptr, hint);
            }
            let outer = self.no_rust_type.take();
            let union = self.union(obj, one_of, ptr, hint);
            let not_tagged = std::mem::replace(&mut self.no_rust_type, outer).is_some();
            return match union {
                Some(id) => Some(Slot { shape: Shape::Named(id), nullable: false }),
                None if not_tagged => {
                    let view = self.without_redundant_type(obj, one_of);
                    self.untagged(&view, "oneOf", one_of, ptr, hint)
                }
                None => None,
            };
        }
        if let Some(values) = obj.get("enum") {
            return self.enumeration(obj, values, &types, type_nullable, ptr, hint);
        }
        if let Some(value) = obj.get("const") {
            return self.constant(obj, value, &types, type_nullable, ptr, hint);
        }
        let base = match types.as_slice() {
            [] if type_nullable => return Some(Slot { shape: Shape::Null, nullable: false }),
            [] => return Some(Slot { shape: Shape::Any, nullable: false }),
            [one] => one.clone(),
            several => return self.type_union(obj, several, type_nullable, ptr, hint),
        };
        let shape = match base.as_str() {
            "string" => self.string(obj, ptr, hint)?,
            "integer" => self.integer(obj, ptr, hint)?,
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

    /// True for `[X, {"type": "null"}]` (either order): the idiom for an optional value.
    fn is_nullable_idiom(branches: &Value) -> bool {
        let branches = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        branches.len() == 2 && branches.iter().filter(|b| Self::is_null_schema(b)).count() == 1
    }

    /// `{"type": "null"}`, annotations aside.
    fn is_null_schema(v: &Value) -> bool {
        v.get("type").and_then(Value::as_str) == Some("null")
            && v.as_object().is_some_and(|o| o.keys().all(|k| k == "type" || ANNOTATIONS.contains(&k.as_str())))
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
                    let squash = |t: &str| t.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
                    let advice = match name.as_str() {
                        // A format written as a type: `"type": "datetime"`.
                        Some(t) => match Format::ALL.iter().find(|f| squash(f.name()) == squash(t)) {
                            Some(f) => format!("; write \"type\": \"string\", \"format\": \"{}\"", f.name()),
                            None => match KNOWN.iter().find(|k| strsim::damerau_levenshtein(k, &t.to_ascii_lowercase()) <= 2) {
                                Some(k) => format!("; did you mean {k:?}?"),
                                None => format!("; the types are {}", KNOWN.join(", ")),
                            },
                        },
                        None => String::new(),
                    };
                    self.problem(&child(ptr, "type"), Problem::Unsupported(format!("unknown type {name}{advice}")));
                    return None;
                }
            }
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
                ok &= self.check_keywords(part, &child(&at, &i.to_string()));
            }
        }
        if !ok {
            return None;
        }
        let merged = match all_of::flatten(self.root, obj, self.draft == Draft::Draft202012) {
            Ok(merged) => merged,
            Err(reason) => return self.no_type(format!("an allOf that does not merge into one schema ({reason})")),
        };
        if !self.merge_changes_meaning(obj, 0) {
            return self.slot(&merged, ptr, hint, is_root);
        }
        // Merging keywords whose meaning depends on their neighbours (`unevaluated*`,
        // `if`/`then`/`else`, `additionalProperties` with a schema, …) across parts would
        // change what they accept: the merged schema gives only the typed core, and the
        // program is the original node's, which holds every rule exactly.
        let reason = "an allOf whose parts' rules depend on each other".to_owned();
        self.checked_around(&Value::Object(obj.clone()), ptr, hint, reason, true, |t| t.slot(&merged, ptr, hint, is_root))
    }

    /// True when a `$ref` by JSON pointer (`#/…`) occurs anywhere in `schema`.
    fn has_pointer_ref(schema: &Value, depth: usize) -> bool {
        match schema {
            _ if depth > 64 => true,
            Value::Object(o) => o.iter().any(|(k, v)| (k == "$ref" && v.as_str().is_some_and(|r| r.starts_with("#/"))) || Self::has_pointer_ref(v, depth + 1)),
            Value::Array(a) => a.iter().any(|v| Self::has_pointer_ref(v, depth + 1)),
            _ => false,
        }
    }

    /// True when `obj`, an `allOf` node, or any of its parts (through local `$ref`s) has a
    /// keyword whose meaning merging would change.
    fn merge_changes_meaning(&self, obj: &Map<String, Value>, depth: usize) -> bool {
        if depth > 32 {
            return true;
        }
        let sensitive =
            |(k, v): (&String, &Value)| INVARIANT.contains(&k.as_str()) || (k == "additionalProperties" && v.is_object()) || (k == "items" && v.is_array());
        if obj.iter().any(sensitive) {
            return true;
        }
        let parts = obj.get("allOf").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
        let target = obj.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')).and_then(|p| self.root.pointer(p));
        parts.iter().chain(target).filter_map(Value::as_object).any(|part| self.merge_changes_meaning(part, depth + 1))
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
                return self.no_type("constraints beside a $ref to another file");
            }
            return self.all_of(obj, ptr, hint, false);
        }
        if target.contains(':') || target.starts_with("//") {
            // An absolute URI: the `$id` of a schema in the contract set, resolved (never
            // fetched) by the validation program's compiler, which reports it if it is not.
            return self.no_type(format!("a $ref by URI ({target})"));
        }
        if target.split_once('#').is_some_and(|(_, fragment)| !fragment.is_empty() && !fragment.starts_with('/')) {
            return self.no_type(format!("a $ref to an anchor ({target})"));
        }
        // A URI reference: both the path and the fragment are percent-encoded.
        let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
        let (Some(file), Some(pointer)) = (crate::load::percent_decode(file), crate::load::fragment_pointer(fragment)) else {
            self.problem(&at, Problem::UnresolvedRef { target: target.to_owned(), near: None });
            return None;
        };
        if file.is_empty() {
            self.local(&pointer, &at)
        } else {
            self.external(&file, &pointer, &at)
        }
    }

    /// Resolves a JSON pointer inside this document, translating its target once. A
    /// failed target was reported where it failed and is not reported again.
    fn local(&mut self, pointer: &str, at: &str) -> Option<Slot> {
        match self.state.refs.get(pointer) {
            Some(RefState::Done(slot)) => return Some(slot.clone()),
            Some(RefState::Failed) => return None,
            Some(RefState::InProgress(Some(id))) => {
                let id = *id;
                self.state.used.insert(id);
                return Some(Slot { shape: Shape::Boxed(Box::new(Shape::Named(id))), nullable: false });
            }
            Some(RefState::InProgress(None)) => return self.no_type(format!("a recursive $ref (\"#{pointer}\")")),
            None => {}
        }
        let Some(resolved) = self.root.pointer(pointer) else {
            let near = near_pointer(self.root, pointer).map(|p| format!("#{p}"));
            self.problem(at, Problem::UnresolvedRef { target: format!("#{pointer}"), near });
            return None;
        };
        let hint = match pointer.rsplit('/').next() {
            Some(last) if !last.is_empty() => last.to_owned(),
            _ => self.file.file_stem().map_or_else(|| "Definition".to_owned(), |s| s.to_string_lossy().into_owned()),
        };
        let reserved = self.reserve_recursive(resolved, pointer, None, &hint);
        self.prime_shared_copy(reserved, pointer);
        self.state.refs.insert(pointer.to_owned(), RefState::InProgress(reserved));
        let across = reserved.and_then(|id| {
            // Other files reach it while this document's state is out: they need its name.
            let module = self.module.clone()?;
            let key = (self.path.to_path_buf(), pointer.to_owned());
            self.shared.reserved_across.insert(key.clone(), (module, self.state.space.defs[id].name.clone(), false));
            Some((key, id))
        });
        self.make_returns_first(pointer);
        let slot = self.slot(resolved, pointer, &hint, pointer.is_empty());
        if let Some((key, id)) = across {
            if let Some((_, _, true)) = self.shared.reserved_across.remove(&key) {
                self.state.used.insert(id);
            }
        }
        let slot = self.settle_reserved(reserved, slot, pointer, resolved);
        let state = slot.clone().map_or(RefState::Failed, RefState::Done);
        self.state.refs.insert(pointer.to_owned(), state);
        if let Some(module) = &self.module {
            let made = slot.clone().map(|slot| externalize(slot, module, &self.state.space));
            self.shared.translated_across.insert((self.path.to_path_buf(), pointer.to_owned()), made);
        }
        slot
    }

    /// In a shared document, translates first the schemas of this document that the one at
    /// `pointer` comes back to through other files ([`RefGraph::returns_into`]). Those
    /// references back are met while this document's types are out (with the translator of
    /// the other file): made first, they find their types in
    /// [`Shared::translated_across`] instead of staying checked values. A schema already
    /// made, or being made (a recursion: reserved and boxed, or a checked value), is left as
    /// it is; so is one that does not resolve (the referring file reports it). Each level
    /// counts towards [`MAX_SCHEMA_DEPTH`], past which the references back stay checked values.
    fn make_returns_first(&mut self, pointer: &str) {
        if self.module.is_none() || self.depth >= MAX_SCHEMA_DEPTH {
            return;
        }
        let root = self.shared.contracts_root.clone();
        let returns = self.shared.graph.returns_into(&root, self.path, pointer);
        let outer = self.no_rust_type.take();
        self.depth += 1;
        for target in returns {
            if !self.state.refs.contains_key(&target) && self.root.pointer(&target).is_some() {
                let _ = self.local(&target, &target);
                self.no_rust_type = None;
            }
        }
        self.depth -= 1;
        self.no_rust_type = outer;
    }

    /// Reserves a named type for the `$ref` target `schema` at `pointer` when it reaches
    /// itself through `$ref`s (in this file or through others): references to it from inside
    /// its own translation then type as `Box<Self>` ([`Shape::Boxed`]), and
    /// [`Self::settle_reserved`] makes the reserved type the target's once translated. A
    /// plain object schema is filled in by [`Self::object`] directly. Not reserved: a target
    /// that comes back to itself in place (through `$ref`, `allOf`, `anyOf`, `oneOf` alone,
    /// see [`RefGraph::reaches_in_place`]), whose type would hold itself with nothing in
    /// between, so that decoding would not end; a reference back to it stays a checked JSON
    /// value. `name` is the decided name of a payload root; any other target claims one from
    /// `hint`.
    fn reserve_recursive(&mut self, schema: &Value, pointer: &str, name: Option<&str>, hint: &str) -> Option<TypeId> {
        let obj = schema.as_object()?;
        if !(self.reaches(schema, pointer, &mut std::collections::BTreeSet::new(), 0) || self.reaches_across(pointer)) {
            return None;
        }
        let root = self.shared.contracts_root.clone();
        if self.shared.graph.reaches_in_place(&root, self.path, pointer) {
            return None;
        }
        let plain = obj.get("type").and_then(Value::as_str) == Some("object")
            && obj.contains_key("properties")
            && !["allOf", "anyOf", "oneOf", "$ref", "enum", "const"].iter().any(|k| obj.contains_key(*k))
            // A document's own `$id` and `$schema` (at its root) make no embedded resource.
            && (pointer.is_empty() || !["$id", "$schema"].iter().any(|k| obj.contains_key(*k)))
            && Self::invariant_reason(obj).is_none();
        // The companions are claimed too: the reserved type may turn out a struct.
        let name = name.map_or_else(|| self.state.scope.claim_affixed(&pascal(hint), &[], super::names::STRUCT_COMPANIONS), str::to_owned);
        let placeholder = TypeKind::Struct(StructDef { fields: Vec::new(), rest: None });
        self.state.space.defs.push(TypeDef { name, doc: None, kind: placeholder });
        let id = self.state.space.defs.len() - 1;
        if plain {
            self.reserved = Some((pointer.to_owned(), id));
        }
        Some(id)
    }

    /// The slot of a `$ref` target `schema` at `pointer` that had the type `reserved` for it:
    /// that type, now defined as the target's. A type the target's translation made for
    /// itself (a union, a checked value, a struct of an `allOf`) moves into the reserved
    /// place; anything else (a nullable object, an array, a type another target made) is
    /// named by it as an [`AliasDef`].
    fn settle_reserved(&mut self, reserved: Option<TypeId>, slot: Option<Slot>, pointer: &str, schema: &Value) -> Option<Slot> {
        let (Some(id), Some(slot)) = (reserved, slot.clone()) else { return slot };
        let own = Slot { shape: Shape::Named(id), nullable: false };
        if slot == own {
            return Some(own);
        }
        let made = self.made_for_itself(&slot, id);
        if !self.state.used.contains(&id) {
            // Nothing referred back while it was translated (its cycle came back through
            // another target, reserved first): the target's type is what it translated to,
            // under the reserved name when it made one of its own.
            let mut slot = slot;
            if let Some(made) = made {
                self.state.space.defs[made].name = std::mem::take(&mut self.state.space.defs[id].name);
            }
            self.state.space.remove(id);
            slot.shape.shift_after(id);
            for state in self.state.refs.values_mut() {
                match state {
                    RefState::Done(done) => done.shape.shift_after(id),
                    RefState::InProgress(Some(other)) if *other > id => *other -= 1,
                    RefState::InProgress(_) | RefState::Failed => {}
                }
            }
            self.state.used = std::mem::take(&mut self.state.used).into_iter().map(|u| if u > id { u - 1 } else { u }).collect();
            if let Some((_, pending)) = self.reserved.as_mut().filter(|(_, pending)| *pending > id) {
                *pending -= 1;
            }
            return Some(slot);
        }
        match made {
            // The target's own type moves into the reserved place.
            Some(_) if !slot.nullable => {
                let def = self.state.space.defs.pop()?;
                let place = &mut self.state.space.defs[id];
                (place.kind, place.doc) = (def.kind, def.doc);
            }
            _ => {
                if let Some(made) = made {
                    // The target's own type, nullable: named after the alias that holds it.
                    let suffixes = if matches!(self.state.space.defs[made].kind, TypeKind::Struct(_)) { super::names::STRUCT_COMPANIONS } else { &[] };
                    let wanted = format!("{}Value", self.state.space.defs[id].name);
                    self.state.space.defs[made].name = self.state.scope.claim_affixed(&wanted, &[], suffixes);
                }
                let newtype = self.holds(&slot.shape, id, &mut std::collections::BTreeSet::new(), 0);
                let doc = schema.get("description").or_else(|| schema.get("title")).and_then(Value::as_str).map(str::to_owned);
                let place = &mut self.state.space.defs[id];
                place.doc = Some(doc.unwrap_or_else(|| format!("The recursive type of `#{pointer}`.")));
                place.kind = TypeKind::Alias(AliasDef { target: slot, newtype });
            }
        }
        Some(own)
    }

    /// The type a `$ref` target's translation made for itself, when `slot` names it: the
    /// last type made (after everything inside it), after the type `reserved` for the
    /// target, and not one another `$ref` target translated to.
    fn made_for_itself(&self, slot: &Slot, reserved: TypeId) -> Option<TypeId> {
        let Shape::Named(made) = slot.shape else { return None };
        (made + 1 == self.state.space.defs.len() && made > reserved && !self.translated_to(made)).then_some(made)
    }

    /// True when a translated `$ref` target's slot names the type `id`.
    fn translated_to(&self, id: TypeId) -> bool {
        self.state.refs.values().any(|state| match state {
            RefState::Done(slot) => {
                let mut ids = Vec::new();
                slot.shape.named_ids(&mut ids);
                ids.contains(&id)
            }
            RefState::InProgress(reserved) => *reserved == Some(id),
            RefState::Failed => false,
        })
    }

    /// True when the type expression of `shape` holds the type `id` of this space itself,
    /// outside any struct, enum or newtype (through arrays, maps, tuples, boxes and type
    /// aliases): a type alias to it would be a cycle of aliases, which Rust refuses. A type
    /// of another module that may be an alias counts as holding it (a newtype is always
    /// allowed).
    fn holds(&self, shape: &Shape, id: TypeId, seen: &mut std::collections::BTreeSet<TypeId>, depth: usize) -> bool {
        if depth > MAX_TYPE_NESTING {
            return true;
        }
        match shape {
            Shape::Named(other) if *other == id => true,
            Shape::Named(other) => match &self.state.space.defs[*other].kind {
                TypeKind::Alias(a) if !a.newtype && seen.insert(*other) => self.holds(&a.target.shape, id, seen, depth + 1),
                _ => false,
            },
            Shape::External { module, name } => {
                if self.module.as_deref() == Some(module.as_str()) {
                    return *name == self.state.space.defs[id].name;
                }
                let def =
                    self.shared.docs.values().filter(|d| &d.module == module).find_map(|d| d.state.as_ref()?.space.defs.iter().find(|def| &def.name == name));
                def.is_none_or(|def| matches!(def.kind, TypeKind::Alias(_)))
            }
            Shape::Boxed(inner) => self.holds(inner, id, seen, depth + 1),
            Shape::Map(values) | Shape::Array { items: values, .. } => self.holds(&values.shape, id, seen, depth + 1),
            Shape::Tuple(elements) => elements.iter().any(|e| self.holds(&e.shape, id, seen, depth + 1)),
            _ => false,
        }
    }

    /// For a struct `reserved` at `pointer` of a payload document that recurses through
    /// other files: those files refer back to this one, and can name its types only in a
    /// shared module. The schema's shared copy is translated first, so the other files'
    /// types hold that copy (boxed), and this document's struct then uses them.
    fn prime_shared_copy(&mut self, reserved: Option<TypeId>, pointer: &str) {
        if reserved.is_none() || self.module.is_some() || !self.reaches_across(pointer) {
            return;
        }
        let file = self.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = self.shared_slot(self.path.to_path_buf(), &file, pointer, "");
    }

    /// True when the schema at `pointer` of this document reaches itself through `$ref`s
    /// into other files of the contract set (see [`RefGraph::reaches_across`]).
    fn reaches_across(&mut self, pointer: &str) -> bool {
        let root = self.shared.contracts_root.clone();
        self.shared.graph.reaches_across(&root, self.path, pointer)
    }

    /// The pointer a `$ref` names in this document: `#…`, or this file by its name
    /// (`node.json#/items` inside `node.json`); `None` for another file, a URI or an anchor.
    fn same_file_pointer(&self, reference: &str) -> Option<String> {
        match reference.strip_prefix('#') {
            Some(fragment) => crate::load::fragment_pointer(fragment),
            None => super::recursion::resolve(reference, self.path).filter(|(file, _)| file == self.path).map(|(_, pointer)| pointer),
        }
    }

    /// True when `schema` holds a `$ref` into this document that leads, directly or through other local
    /// `$ref` targets, to `pointer`.
    fn reaches(&self, schema: &Value, pointer: &str, seen: &mut std::collections::BTreeSet<String>, depth: usize) -> bool {
        if depth > MAX_SCHEMA_DEPTH {
            return false;
        }
        match schema {
            Value::Object(o) => o.iter().any(|(k, v)| match k.as_str() {
                "$ref" => {
                    let Some(target) = v.as_str().and_then(|r| self.same_file_pointer(r)) else {
                        return false;
                    };
                    target == pointer
                        || (seen.insert(target.clone()) && self.root.pointer(&target).is_some_and(|next| self.reaches(next, pointer, seen, depth + 1)))
                }
                "const" | "enum" | "examples" | "default" => false,
                _ => self.reaches(v, pointer, seen, depth + 1),
            }),
            Value::Array(a) => a.iter().any(|v| self.reaches(v, pointer, seen, depth + 1)),
            _ => false,
        }
    }

    /// The element schemas and their keyword (`prefixItems`, or draft-07's array `items`)
    /// of an array schema that is exactly a tuple: every element required (`minItems`), none
    /// after them (`items`/`additionalItems` `false`, or `maxItems`), 1 to 12 of them (the
    /// tuples std and serde implement their traits for), and no other array rule.
    fn closed_tuple<'v>(&self, obj: &'v Map<String, Value>) -> Option<(&'static str, &'v [Value])> {
        if obj.get("type").and_then(Value::as_str) != Some("array") {
            return None;
        }
        let (keyword, after) = match self.draft {
            Draft::Draft202012 => ("prefixItems", "items"),
            Draft::Draft7 => ("items", "additionalItems"),
        };
        let elements = obj.get(keyword)?.as_array().filter(|e| (1..=12).contains(&e.len()))?;
        let len = elements.len() as u64;
        let min = obj.get("minItems").map_or(Some(0), Value::as_u64)?;
        let max = obj.get("maxItems").map_or(Some(u64::MAX), Value::as_u64)?;
        let closed = obj.get(after) == Some(&Value::Bool(false)) || max == len;
        let others = obj.keys().any(|k| {
            !ANNOTATIONS.contains(&k.as_str())
                && !k.starts_with("x-")
                && ![keyword, after, "type", "minItems", "maxItems", "$defs", "definitions"].contains(&k.as_str())
        });
        (closed && min >= len && max >= len && !others).then_some((keyword, elements.as_slice()))
    }

    /// A closed tuple (see [`Self::closed_tuple`]): `(A, B, …)`.
    fn tuple(&mut self, (keyword, elements): (&str, &[Value]), ptr: &str, hint: &str) -> Option<Slot> {
        let at = child(ptr, keyword);
        let mut slots = Vec::with_capacity(elements.len());
        for (i, element) in elements.iter().enumerate() {
            slots.push(self.slot(element, &child(&at, &i.to_string()), &format!("{hint} {i}"), false)?);
        }
        Some(Slot { shape: Shape::Tuple(slots), nullable: false })
    }

    /// `anyOf`/`oneOf` of `[X, {"type": "null"}]`: `Option<X>`. Any other `anyOf`, and a
    /// `oneOf` whose `X` also accepts `null` (then `null` matches both), has no Rust type.
    fn nullable_branch(&mut self, obj: &Map<String, Value>, keyword: &str, branches: &Value, ptr: &str, hint: &str) -> Option<Slot> {
        if !Self::is_nullable_idiom(branches) {
            return self.no_type(format!("an {keyword} other than [<schema>, {{\"type\": \"null\"}}]"));
        }
        if let Some(k) =
            obj.keys().find(|k| !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-") && *k != keyword && *k != "$defs" && *k != "definitions")
        {
            return self.no_type(format!("`{k}` beside {keyword}"));
        }
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        let Some((i, branch)) = list.iter().enumerate().find(|(_, b)| !Self::is_null_schema(b)) else {
            return self.no_type("no non-null branch");
        };
        let slot = self.slot(branch, &child(&child(ptr, keyword), &i.to_string()), hint, false)?;
        if keyword == "oneOf" && (slot.nullable || matches!(slot.shape, Shape::Any | Shape::Null)) {
            return self.no_type("a oneOf whose branches both accept null");
        }
        Some(Slot { shape: slot.shape, nullable: true })
    }

    /// `anyOf`/`oneOf` without a discriminator: an enum of the branches. Keywords beside
    /// them would apply to every branch, so they make the node a checked value instead.
    fn untagged(&mut self, obj: &Map<String, Value>, keyword: &str, branches: &Value, ptr: &str, hint: &str) -> Option<Slot> {
        let Some(list) = branches.as_array().filter(|b| !b.is_empty()) else {
            return self.no_type(format!("an empty or malformed {keyword}"));
        };
        if let Some(k) = obj.keys().find(|k| {
            !ANNOTATIONS.contains(&k.as_str())
                && !k.starts_with("x-")
                && *k != keyword
                && *k != "$defs"
                && *k != "definitions"
                && *k != "$schema"
                && *k != "$id"
        }) {
            return self.no_type(format!("`{k}` beside {keyword}"));
        }
        let at = child(ptr, keyword);
        let mut variants = Vec::new();
        let mut scope = Scope::variants(&[]);
        for (i, branch) in list.iter().enumerate() {
            let branch_hint = format!("{hint} {}", branch.get("title").and_then(Value::as_str).unwrap_or("variant"));
            let slot = self.slot(branch, &child(&at, &i.to_string()), &branch_hint, false)?;
            let name = scope.claim(&self.variant_name(&slot, i));
            variants.push((name, slot));
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        // Under a node whose program checks everything, branch types may be looser than
        // their schemas, so "exactly one" is that program's to decide.
        let exactly_one = keyword == "oneOf" && self.covered == 0;
        let id = self.add(hint, doc, TypeKind::Untagged(UntaggedDef { variants, exactly_one }));
        Some(Slot { shape: Shape::Named(id), nullable: false })
    }

    /// `obj` without its `"type": "object"` when every branch of its union states
    /// `"type": "object"` itself (after local `$ref`s): the type then restates what the
    /// branches say, and the union is an enum of them. Otherwise `obj` as it is.
    fn without_redundant_type(&mut self, obj: &Map<String, Value>, branches: &Value) -> Map<String, Value> {
        let mut view = obj.clone();
        if obj.get("type").and_then(Value::as_str) != Some("object") {
            return view;
        }
        let root = self.shared.contracts_root.clone();
        let list = branches.as_array().map(Vec::as_slice).unwrap_or_default();
        let redundant = !list.is_empty()
            && list.iter().all(|b| {
                let target = b.get("$ref").and_then(Value::as_str).and_then(|r| self.shared.graph.target(&root, self.path, r));
                target.as_ref().unwrap_or(b).get("type").and_then(Value::as_str) == Some("object")
            });
        if redundant {
            view.shift_remove("type");
        }
        view
    }

    /// `type: [a, b, …]`: an enum with one variant per type, each branch keeping the
    /// keywords that apply to its type (the others cannot affect its values).
    fn type_union(&mut self, obj: &Map<String, Value>, types: &[String], nullable: bool, ptr: &str, hint: &str) -> Option<Slot> {
        let mut variants = Vec::new();
        let mut scope = Scope::variants(&[]);
        for (i, t) in types.iter().enumerate() {
            let mut branch = Map::new();
            for (k, v) in obj {
                let applies = match t.as_str() {
                    "string" => STRING_KW.contains(&k.as_str()),
                    "integer" | "number" => NUMBER_KW.contains(&k.as_str()),
                    "array" => ARRAY_KW.contains(&k.as_str()),
                    "object" => OBJECT_KW.contains(&k.as_str()),
                    _ => false,
                };
                if applies {
                    branch.insert(k.clone(), v.clone());
                }
            }
            branch.insert("type".into(), Value::String(t.clone()));
            // `integer` is part of `number`: a number branch would also take integers.
            let slot = self.slot(&Value::Object(branch), ptr, &format!("{hint} {t}"), false)?;
            variants.push((scope.claim(&self.variant_name(&slot, i)), slot));
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        let id = self.add(hint, doc, TypeKind::Untagged(UntaggedDef { variants, exactly_one: false }));
        Some(Slot { shape: Shape::Named(id), nullable })
    }

    /// A variant name for a branch, from what it holds.
    fn variant_name(&self, slot: &Slot, index: usize) -> String {
        let base = match &slot.shape {
            Shape::Named(id) => return self.state.space.defs[*id].name.clone(),
            Shape::External { name, .. } => return name.clone(),
            Shape::Any => "Any",
            Shape::AnyObject | Shape::Map(_) => "Object",
            Shape::Null => "Null",
            Shape::Bool => "Bool",
            Shape::Number => "Number",
            Shape::Integer { .. } => "Integer",
            Shape::Text | Shape::BoundedText { .. } => "Text",
            Shape::Id(_) => "Id",
            Shape::DateTime => "Timestamp",
            Shape::Date => "Date",
            Shape::Custom { .. } => "Formatted",
            Shape::Array { .. } | Shape::Tuple(_) => "Array",
            Shape::Boxed(inner) => return self.variant_name(&Slot { shape: (**inner).clone(), nullable: false }, index),
        };
        if slot.nullable {
            format!("{base}OrNull{index}")
        } else {
            base.to_owned()
        }
    }

    fn enumeration(&mut self, obj: &Map<String, Value>, values: &Value, types: &[String], type_nullable: bool, ptr: &str, hint: &str) -> Option<Slot> {
        let at = child(ptr, "enum");
        let Some(values) = values.as_array() else {
            self.problem(&at, Problem::WrongType { expected: "array", found: json_type(values) });
            return None;
        };
        if values.is_empty() {
            return self.no_type("an empty enum accepts nothing");
        }
        if types.iter().any(|t| t != "string") {
            return self.no_type("an enum of non-string values");
        }
        if let Some(k) = obj.keys().find(|k| {
            STRING_KW.contains(&k.as_str())
                || NUMBER_KW.contains(&k.as_str())
                || ARRAY_KW.contains(&k.as_str())
                || OBJECT_KW.contains(&k.as_str())
                || *k == "const"
        }) {
            return self.no_type(format!("`{k}` beside enum"));
        }
        let mut strings = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut has_null = false;
        for v in values {
            match v {
                Value::String(s) if seen.insert(s.as_str()) => strings.push(s.clone()),
                Value::String(_) => {}
                Value::Null => has_null = true,
                other => return self.no_type(format!("an enum value of type {}", json_type(other))),
            }
        }
        // `null` passes only if both `type` (when present) and `enum` admit it.
        let nullable = has_null && (types.is_empty() || type_nullable);
        if strings.is_empty() || (types.is_empty() && obj.contains_key("type")) {
            return self.no_type("an enum with no string value");
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        let tolerant = self.shared.consumer_tolerance && doc.as_deref().is_some_and(asks_consumer_tolerance);
        // A tolerant enum has an `Unknown` variant of its own; every enum has the associated
        // consts `ALL` and `JSON`, which share the variants' namespace.
        let mut variants_scope = Scope::variants(if tolerant { &["Unknown", "ALL", "JSON"] } else { &["ALL", "JSON"] });
        let variants = strings.iter().map(|s| (s.clone(), variants_scope.claim(&pascal(s)))).collect();
        let id = self.add(hint, doc, TypeKind::Enum(EnumDef { variants, tolerant }));
        Some(Slot { shape: Shape::Named(id), nullable })
    }

    /// `const`: a string constant is a unit type; its other string keywords (`format`,
    /// `pattern`, lengths) are checked here, once. Any other constant is a checked value.
    fn constant(&mut self, obj: &Map<String, Value>, value: &Value, types: &[String], type_nullable: bool, ptr: &str, hint: &str) -> Option<Slot> {
        let Value::String(s) = value else {
            return self.no_type("a constant that is not a string");
        };
        if types.iter().any(|t| t != "string") || (types.is_empty() && type_nullable) {
            self.problem(
                &child(ptr, "const"),
                Problem::Unsupported("a string const under a non-string type: no value validates; fix the type or the constant".into()),
            );
            return None;
        }
        let chars = s.chars().count() as u64;
        let mut broken = None;
        if let Some(format) = obj.get("format").and_then(Value::as_str).filter(|_| self.shared.formats == crate::Formats::Assert) {
            if self.shared.format_types.contains_key(format) {
                self.problem(
                    &child(ptr, "format"),
                    Problem::Unsupported(format!(
                        "the custom format {format:?} beside `const` cannot be checked at generation time (its check is your code); drop `format` (the constant says it all)"
                    )),
                );
                return None;
            }
            match Format::from_name(format) {
                Some(f) if !f.is_valid(s) => broken = Some(("format", format!("is not a valid {format}"))),
                _ => {}
            }
        }
        if let Some(pattern) = obj.get("pattern").and_then(Value::as_str) {
            match regex::Regex::new(pattern) {
                Ok(re) if !re.is_match(s) => broken = Some(("pattern", format!("does not match {pattern:?}"))),
                Ok(_) => {}
                Err(e) => broken = Some(("pattern", format!("has a pattern that does not compile ({e})"))),
            }
        }
        if obj.get("minLength").and_then(Value::as_u64).is_some_and(|m| chars < m) {
            broken = Some(("minLength", "is shorter than minLength".into()));
        }
        if obj.get("maxLength").and_then(Value::as_u64).is_some_and(|m| chars > m) {
            broken = Some(("maxLength", "is longer than maxLength".into()));
        }
        if let Some((keyword, why)) = broken {
            self.problem(
                &child(ptr, keyword),
                Problem::Unsupported(format!("the constant {s:?} {why}: no value validates; fix the constant or drop `{keyword}`")),
            );
            return None;
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        let id = self.add(hint, doc, TypeKind::Const(s.clone()));
        Some(Slot { shape: Shape::Named(id), nullable: type_nullable && types.is_empty() })
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
            // `Formats::Annotate`: every format is an annotation.
            Some(_) if self.shared.formats == crate::Formats::Annotate => None,
            Some(f) if self.shared.format_types.contains_key(f) => {
                let shape = Shape::Custom { format: f.to_owned(), path: self.shared.format_types[f].clone() };
                if !lengths && pattern.is_none() {
                    return Some(shape);
                }
                // Lengths or a pattern beside it: the program checks them (the custom format
                // is stripped from programs: the typed core checks it).
                let schema = Value::Object(obj.clone());
                return self
                    .checked(&schema, Some(Slot { shape, nullable: false }), ptr, hint, format!("`format: {f}` beside lengths or a pattern"))
                    .map(|s| s.shape);
            }
            Some(f @ ("date-time" | "date")) if !lengths && pattern.is_none() => return Some(if f == "date" { Shape::Date } else { Shape::DateTime }),
            Some(f) if self.shared.annotation_formats.contains(f) => None,
            // Unknown formats were reported by `check_keywords`.
            Some(f) => Some(Format::from_name(f)?),
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
    fn integer(&mut self, obj: &Map<String, Value>, ptr: &str, hint: &str) -> Option<Shape> {
        const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
        const OUTSIDE: f64 = 18_446_744_073_709_551_616.0; // 2^64
        let mut min = i128::MIN;
        let mut max = i128::MAX;
        // A bound outside `i64` asks for integers `i64` cannot hold.
        let mut beyond_64_bits = false;
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
            beyond_64_bits |= i64::try_from(bound).is_err();
            if lower {
                min = min.max(bound);
            } else {
                max = max.min(bound);
            }
        }
        if min > max {
            self.problem(ptr, Problem::Unsupported(format!("no integer lies in {min}..={max}: fix the bounds")));
            return None;
        }
        if beyond_64_bits {
            // The number as written (any size, every digit) checked by the program: bounds
            // beyond 64 bits are kept, never clamped to what `i64` holds.
            let core = Slot { shape: Shape::Number, nullable: false };
            let schema = Value::Object(obj.clone());
            return self.checked(&schema, Some(core), ptr, hint, "integer bounds beyond 64 bits".into()).map(|slot| slot.shape);
        }
        let (min, max) = (min.max(i128::from(i64::MIN)), max.min(i128::from(i64::MAX)));
        let (Ok(min), Ok(max)) = (i64::try_from(min), i64::try_from(max)) else {
            self.problem(ptr, Problem::Unsupported("integer bounds outside the 64-bit range".into()));
            return None;
        };
        let multiple_of = match obj.get("multipleOf") {
            None => 1,
            Some(Value::Number(n)) => {
                match n.as_u64().filter(|m| *m >= 1).or_else(|| n.as_f64().filter(|m| *m >= 1.0 && m.fract() == 0.0 && *m < EXACT).map(|m| m as u64)) {
                    Some(m) => m,
                    None if n.as_f64().is_some_and(|m| m > 0.0) => {
                        // A decimal divisor: the integer type keeps the bounds, the program the divisor.
                        let core = Slot { shape: Shape::Integer { min, max, multiple_of: 1 }, nullable: false };
                        let schema = Value::Object(obj.clone());
                        return self.checked(&schema, Some(core), ptr, hint, format!("`multipleOf: {n}` on an integer")).map(|slot| slot.shape);
                    }
                    None => {
                        self.problem(&child(ptr, "multipleOf"), Problem::Unsupported(format!("multipleOf must be greater than 0, found {n}")));
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
            Some(Value::Array(_)) => return self.no_type("tuple-form items"),
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

    /// An object: a struct of its properties plus, unless `additionalProperties` is
    /// `false`, a typed map of its other members; without properties or `required`, a map
    /// (`additionalProperties` with a schema) or any object.
    fn object(&mut self, obj: &Map<String, Value>, ptr: &str, hint: &str) -> Option<Shape> {
        let reserved = self.reserved.take_if(|(p, _)| p == ptr).map(|(_, id)| id);
        let rest_at = child(ptr, "additionalProperties");
        let named = obj.contains_key("properties") || obj.contains_key("required") || reserved.is_some();
        let rest = match obj.get("additionalProperties") {
            None | Some(Value::Bool(true)) if !named => return Some(Shape::AnyObject),
            None | Some(Value::Bool(true)) => Some(Slot { shape: Shape::Any, nullable: false }),
            Some(Value::Bool(false)) => None,
            Some(values @ Value::Object(_)) => {
                let values = self.slot(values, &rest_at, &singular(hint), false)?;
                if !named {
                    return Some(Shape::Map(Box::new(values)));
                }
                Some(values)
            }
            Some(other) => {
                self.problem(&rest_at, Problem::WrongType { expected: "object or boolean", found: json_type(other) });
                return None;
            }
        };
        let deny_unknown = rest.is_none();
        let empty = Map::new();
        let properties = match obj.get("properties") {
            None => &empty,
            Some(Value::Object(p)) => p,
            Some(other) => {
                self.problem(&child(ptr, "properties"), Problem::WrongType { expected: "object", found: json_type(other) });
                return None;
            }
        };
        let mut required = Vec::new();
        let mut schemaless = Vec::new();
        if let Some(list) = obj.get("required") {
            let Some(list) = list.as_array() else {
                self.problem(&child(ptr, "required"), Problem::WrongType { expected: "array", found: json_type(list) });
                return None;
            };
            for (i, name) in list.iter().enumerate() {
                match name.as_str() {
                    Some(n) if properties.contains_key(n) => required.push(n.to_owned()),
                    Some(n) if deny_unknown => {
                        self.problem(
                            &child(&child(ptr, "required"), &i.to_string()),
                            Problem::Unsupported(format!(
                                "required property {n:?} is not under properties and additionalProperties is false: no value validates; add it to properties"
                            )),
                        );
                        return None;
                    }
                    Some(n) => {
                        // Required, with no schema: any JSON value.
                        if !schemaless.iter().any(|s: &String| s == n) {
                            schemaless.push(n.to_owned());
                            required.push(n.to_owned());
                        }
                    }
                    None => {
                        self.problem(&child(&child(ptr, "required"), &i.to_string()), Problem::WrongType { expected: "string", found: json_type(name) });
                        return None;
                    }
                }
            }
        }
        let mut idents = Scope::with_reserved(super::names::STRUCT_METHODS);
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
        for json in schemaless {
            // A required member with no property schema takes `additionalProperties`' schema.
            let slot = match &rest {
                Some(rest) if rest.shape != Shape::Any => rest.clone(),
                _ => Slot { shape: Shape::Any, nullable: true },
            };
            fields.push(Field { ident: idents.claim(&snake(&json)), json, slot, required: true, doc: None });
        }
        let rest = rest.map(|slot| Rest { ident: idents.claim_with("extra", &["with_"]), slot });
        let doc = obj.get("description").or_else(|| obj.get("title")).and_then(Value::as_str).map_or_else(|| format!("The `{hint}` object."), str::to_owned);
        let kind = TypeKind::Struct(StructDef { fields, rest });
        let id = match reserved {
            Some(id) => {
                let def = &mut self.state.space.defs[id];
                def.doc = Some(doc);
                def.kind = kind;
                id
            }
            None => self.add(hint, Some(doc), kind),
        };
        Some(Shape::Named(id))
    }

    /// `oneOf` of object schemas, each with a required `const` string property of the same name.
    fn union(&mut self, obj: &Map<String, Value>, one_of: &Value, ptr: &str, hint: &str) -> Option<TypeId> {
        let at = child(ptr, "oneOf");
        if let Some(k) = obj.keys().find(|k| OBJECT_KW.contains(&k.as_str())) {
            return self.no_type(format!("`{k}` beside oneOf"));
        }
        let Some(branches) = one_of.as_array().filter(|b| b.len() >= 2) else {
            return self.no_type("a oneOf of fewer than two branches");
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
            return self.no_type("a oneOf of objects without a discriminator (a common required property with a distinct string const in each)");
        };
        if resolved
            .iter()
            .any(|(_, b)| b.get("type").and_then(Value::as_str) != Some("object") || b.as_object().is_some_and(|o| Self::invariant_reason(o).is_some()))
        {
            return self.no_type("a oneOf branch that is not a plain object schema");
        }
        let mut variants = Vec::new();
        let mut variant_scope = Scope::variants(&[]);
        for (branch_ptr, branch) in resolved {
            let Some(bobj) = branch.as_object() else {
                return self.no_type("a oneOf branch that is not an object schema");
            };
            let mut without_tag = bobj.clone();
            let value = tag_of(branch).into_iter().find(|(t, _)| *t == tag).map(|(_, v)| v).unwrap_or_default();
            if let Some(Value::Object(props)) = without_tag.get_mut("properties") {
                props.shift_remove(&tag);
            }
            if let Some(Value::Array(req)) = without_tag.get_mut("required") {
                req.retain(|r| r.as_str() != Some(tag.as_str()));
            }
            let branch_name = pascal(&value);
            let slot = self.slot(&Value::Object(without_tag), &branch_ptr, &branch_name, false)?;
            let id = match slot.shape {
                Shape::Named(id) if matches!(self.state.space.defs[id].kind, TypeKind::Struct(_)) => id,
                _ => return self.no_type("a oneOf branch that does not become a struct"),
            };
            variants.push((value.clone(), variant_scope.claim(&branch_name), id));
        }
        let doc = obj.get("description").and_then(Value::as_str).map(str::to_owned);
        Some(self.add(hint, doc, TypeKind::Union(UnionDef { tag, variants })))
    }
}
