//! JSON Schema (draft 2020-12, draft-07) → [`Program`].
//!
//! Every distinct schema location becomes one node, so recursion through `$ref` is a cycle in
//! the node table. `$ref` is resolved across the [`Documents`] given (by JSON pointer, `$id`,
//! `$anchor`, draft-07 plain-name `$id`); nothing is fetched. All problems of a run are
//! collected; nothing here panics or recurses without bound on hostile input.

mod index;
mod keywords;
mod uri;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::fmt;

use serde_json::Value;

use crate::ir::{Check, Node, NodeId, Program};
use index::{Index, Info, Loc};

/// The most nodes one program may have.
pub const MAX_NODES: usize = 100_000;

/// The most bytes of schema locations (JSON pointers) one program may have.
const MAX_LOCATION_BYTES: usize = 64 << 20;

/// A JSON Schema draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Draft {
    /// Draft-07 (`http://json-schema.org/draft-07/schema#`).
    Draft7,
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`).
    Draft202012,
}

/// The schema documents a compilation may use, keyed by absolute URI (without fragment).
#[derive(Debug, Clone, Default)]
pub struct Documents {
    docs: BTreeMap<String, Value>,
}

impl Documents {
    /// No documents.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the document at `uri` (normalized; a fragment is dropped).
    pub fn add(&mut self, uri: &str, doc: Value) {
        self.docs.insert(uri::document_key(uri), doc);
    }

    /// The document at `uri`, if given.
    pub fn get(&self, uri: &str) -> Option<&Value> {
        self.docs.get(uri).or_else(|| self.docs.get(&uri::document_key(uri)))
    }

    /// The URIs of the documents, normalized, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.docs.keys().map(String::as_str)
    }
}

/// A problem in a schema: where it is and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The document's URI.
    pub uri: String,
    /// The JSON pointer of the schema or keyword in that document.
    pub pointer: String,
    /// What is wrong and what to write instead.
    pub message: String,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}: {}", self.uri, self.pointer, self.message)
    }
}

impl std::error::Error for CompileError {}

/// A compiled program and what the compiler passed over.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The program.
    pub program: Program,
    /// Keywords that take no effect, as `(document URI, JSON pointer)`, in node order: unknown
    /// keywords, keywords of vocabularies a custom metaschema leaves out, and (draft-07) the
    /// non-annotation siblings of `$ref`. The caller decides whether that is acceptable.
    pub ignored_keywords: Vec<(String, String)>,
}

/// How to compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The draft of documents that name none in `$schema`.
    pub default_draft: Draft,
    /// `format` is an assertion (the project's policy, and the default here) rather than an
    /// annotation (the 2020-12 default). With `false`, `format` is checked only under a
    /// metaschema that lists the format-assertion vocabulary; unknown formats are then ignored.
    pub assert_formats: bool,
}

impl Options {
    /// Formats asserted, documents without `$schema` read as `default_draft`.
    pub fn new(default_draft: Draft) -> Self {
        Self { default_draft, assert_formats: true }
    }
}

/// Compiles the subschema at `uri#pointer` (`pointer` is a plain JSON pointer, `""` for the
/// root), with formats asserted.
pub fn compile(docs: &Documents, uri: &str, pointer: &str, default_draft: Draft) -> Result<Program, Vec<CompileError>> {
    compile_with(docs, uri, pointer, &Options::new(default_draft)).map(|c| c.program)
}

/// Like [`compile`], also listing the keywords that took no effect.
pub fn compile_detailed(docs: &Documents, uri: &str, pointer: &str, default_draft: Draft) -> Result<Compiled, Vec<CompileError>> {
    compile_with(docs, uri, pointer, &Options::new(default_draft))
}

/// Compiles the subschema at `uri#pointer` under `options`.
pub fn compile_with(docs: &Documents, uri: &str, pointer: &str, options: &Options) -> Result<Compiled, Vec<CompileError>> {
    let default_draft = options.default_draft;
    let key = uri::document_key(uri);
    let mut c = Compiler {
        docs,
        default: default_draft,
        assert_formats: options.assert_formats,
        index: Index::default(),
        root_doc: key.clone(),
        nodes: Vec::new(),
        locs: Vec::new(),
        ids: HashMap::new(),
        queue: VecDeque::new(),
        patterns: Vec::new(),
        pattern_ids: HashMap::new(),
        errors: Vec::new(),
        ignored: Vec::new(),
        too_many: false,
        too_deep: false,
        location_bytes: 0,
    };
    if docs.get(&key).is_none() {
        c.error(&key, "", format!("no document {uri:?} was given to the compiler: add it to `Documents` first"));
        return Err(c.errors);
    }
    c.node_for(&(key, pointer.to_owned()));
    while let Some(id) = c.queue.pop_front() {
        let loc = c.locs[id as usize].clone();
        let checks = c.compile_location(&loc);
        c.nodes[id as usize].checks = checks.into();
    }
    if !c.errors.is_empty() {
        return Err(c.errors);
    }
    Ok(Compiled { program: Program::new(c.nodes, c.patterns), ignored_keywords: c.ignored })
}

/// `doc` as written from `root`'s directory when it lies under it (`""` for `root` itself), so
/// that locations in emitted code do not depend on where the documents were on disk.
fn relative_to<'a>(root: &str, doc: &'a str) -> &'a str {
    if root == doc {
        return "";
    }
    let dir = root.rfind('/').map_or("", |cut| &root[..=cut]);
    match doc.strip_prefix(dir) {
        Some(rest) if !dir.is_empty() && !rest.is_empty() => rest,
        _ => doc,
    }
}

struct Compiler<'d> {
    docs: &'d Documents,
    default: Draft,
    assert_formats: bool,
    index: Index,
    root_doc: String,
    nodes: Vec<Node>,
    locs: Vec<Loc>,
    ids: HashMap<Loc, NodeId>,
    queue: VecDeque<NodeId>,
    patterns: Vec<String>,
    pattern_ids: HashMap<String, u32>,
    errors: Vec<CompileError>,
    ignored: Vec<(String, String)>,
    too_many: bool,
    too_deep: bool,
    location_bytes: usize,
}

impl Compiler<'_> {
    fn error(&mut self, doc: &str, pointer: &str, message: String) {
        self.errors.push(CompileError { uri: doc.to_owned(), pointer: pointer.to_owned(), message });
    }

    /// The node of a schema location, queued for compilation on first sight.
    fn node_for(&mut self, loc: &Loc) -> NodeId {
        if let Some(&id) = self.ids.get(loc) {
            return id;
        }
        let depth = loc.1.matches('/').count();
        if depth > index::MAX_SCHEMA_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.error(&loc.0, "", format!("the schema nests deeper than {} keywords: flatten it with `$defs` and `$ref`", index::MAX_SCHEMA_DEPTH));
            }
            return 0;
        }
        self.location_bytes += loc.0.len() + loc.1.len();
        if self.nodes.len() >= MAX_NODES || self.location_bytes > MAX_LOCATION_BYTES {
            if !self.too_many {
                self.too_many = true;
                self.error(
                    &loc.0,
                    &loc.1,
                    format!("the schema is too large (more than {MAX_NODES} subschemas or {MAX_LOCATION_BYTES} bytes of locations): split it"),
                );
            }
            return 0;
        }
        let id = self.nodes.len() as NodeId;
        let location = format!("{}#{}", relative_to(&self.root_doc, &loc.0), loc.1);
        self.nodes.push(Node { location: location.into(), checks: Vec::new().into() });
        self.locs.push(loc.clone());
        self.ids.insert(loc.clone(), id);
        self.queue.push_back(id);
        id
    }

    /// The base URI and draft at a location, indexing what is needed.
    fn info(&mut self, loc: &Loc, value: &Value) -> Info {
        self.index.ensure(self.docs, &loc.0, self.default);
        if let Some(i) = self.index.info.get(loc) {
            return i.clone();
        }
        // Not a subschema position the index walked (e.g. under an unknown keyword): inherit from
        // the nearest indexed ancestor and index from here.
        let mut ptr = loc.1.as_str();
        let inherited = loop {
            match ptr.rfind('/') {
                Some(cut) => {
                    ptr = &ptr[..cut];
                    if let Some(i) = self.index.info.get(&(loc.0.clone(), ptr.to_owned())) {
                        break i.clone();
                    }
                }
                None => break Info { base: loc.0.clone(), draft: self.default, vocab: index::Vocab::ALL, problem: None },
            }
        };
        self.index.walk(self.docs, &loc.0, &loc.1, value, inherited.base.clone(), inherited.draft, inherited.vocab);
        self.index.info.get(loc).cloned().unwrap_or(inherited)
    }

    fn compile_location(&mut self, loc: &Loc) -> Vec<Check> {
        let docs = self.docs;
        let Some(value) = docs.get(&loc.0).and_then(|d| d.pointer(&loc.1)) else {
            self.error(&loc.0, &loc.1, "nothing is at this JSON pointer: fix the `$ref` that leads here".to_owned());
            return vec![Check::False];
        };
        let info = self.info(loc, value);
        if let Some(p) = &info.problem {
            let p = p.clone();
            self.error(&loc.0, &loc.1, p);
        }
        match value {
            Value::Bool(true) => Vec::new(),
            Value::Bool(false) => vec![Check::False],
            Value::Object(o) => self.compile_object(loc, o, &info),
            _ => {
                self.error(&loc.0, &loc.1, format!("a schema must be an object or a boolean, not {}", crate::validate::quote(value)));
                vec![Check::False]
            }
        }
    }

    /// Resolves a `$ref` written where the base URI is `base` to the location it names.
    fn resolve_ref(&mut self, base: &str, reference: &str) -> Result<Loc, String> {
        let target = uri::resolve(base, reference)?;
        let resource = match self.index.resources.get(&target.resource) {
            Some(r) => r.clone(),
            None => {
                if self.docs.get(&target.resource).is_some() {
                    self.index.ensure(self.docs, &target.resource, self.default);
                } else {
                    self.index.ensure_all(self.docs, self.default);
                }
                self.index.resources.get(&target.resource).cloned().ok_or_else(|| {
                    format!(
                        "`$ref` {reference:?} names {:?}, which is neither a document given to the compiler nor an `$id` in one: \
                         add that document (nothing is fetched)",
                        target.resource
                    )
                })?
            }
        };
        match target.fragment.as_deref() {
            None | Some("") => Ok(resource),
            Some(f) => {
                let decoded = uri::decode_fragment(f)?;
                if decoded.starts_with('/') {
                    Ok((resource.0, format!("{}{decoded}", resource.1)))
                } else {
                    // Make sure the resource's document is indexed, then look the anchor up.
                    self.index.ensure(self.docs, &resource.0, self.default);
                    self.index.anchors.get(&(target.resource.clone(), decoded.clone())).cloned().ok_or_else(|| {
                        format!("`$ref` {reference:?}: no `$anchor` (or draft-07 `$id: \"#{decoded}\"`) named {decoded:?} in {:?}", target.resource)
                    })
                }
            }
        }
    }

    /// The index of a pattern (ECMA-262, as the schema wrote it) in the program, checked to
    /// compile the way the runtime will compile it.
    fn pattern(&mut self, doc: &str, pointer: &str, ecma: &str) -> Option<u32> {
        let pattern = ecma;
        if let Some(&id) = self.pattern_ids.get(pattern) {
            return Some(id);
        }
        if let Err(e) = crate::pattern::compile(pattern) {
            self.error(
                doc,
                pointer,
                format!(
                    "{ecma:?} is not a regular expression the `regex` crate accepts ({}): rewrite it without look-around or back-references",
                    e.to_string().lines().last().unwrap_or("invalid")
                ),
            );
            return None;
        }
        let id = self.patterns.len() as u32;
        self.patterns.push(pattern.to_owned());
        self.pattern_ids.insert(pattern.to_owned(), id);
        Some(id)
    }
}
