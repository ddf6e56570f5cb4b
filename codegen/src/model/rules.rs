//! Validation programs for checked invariants: a node's whole schema compiled by
//! `events-rules` into the Rust source of a `static` program (DESIGN.md §1–2).

use std::path::{Path, PathBuf};

use events_rules::compile::{compile_with, Documents, Draft as RulesDraft, Options};

use super::types::CompiledProgram;
use crate::load::Draft;

/// The member of a document that holds the schemas the translator derived from it.
const DERIVED: &str = "$events-derived";

/// Most JSON files of a contract set the compiler is given to resolve `$ref`s.
const MAX_FILES: usize = 20_000;

/// Compiles the programs of one contract set; every schema file under the contract root
/// is a document `$ref`s may reach (read once, on the first program).
#[derive(Default)]
pub struct RuleCompiler {
    docs: Option<Documents>,
    /// Formats declared as annotations, and formats mapped to a user's type (whose typed
    /// core checks them): removed from the documents before compiling.
    pub annotation_formats: std::collections::BTreeSet<String>,
    /// Formats mapped to a user's type: a program cannot run the user's check, so one under
    /// a keyword with no typed core (`not`, `if`, `contains`, …) is refused.
    pub custom_formats: std::collections::BTreeSet<String>,
    /// `Formats::Annotate`: programs check no format.
    pub annotate_formats: bool,
    /// `Profile::Loose`: relative root `$id`s name documents from an id root (see
    /// [`RuleCompiler::relative_id_dir`]).
    pub relative_ids: bool,
    /// The id roots found (paths under the contract root, `""` or ending in `/`).
    id_roots: Vec<String>,
}

/// A root `$id` that is a relative path (`common/user.schema.json`, `push$event`).
fn relative_id(doc: &serde_json::Value) -> Option<&str> {
    let id = doc.get("$id")?.as_str()?;
    (!id.is_empty() && !id.contains(':') && !id.starts_with(['#', '/'])).then_some(id)
}

/// Id roots: for each document whose relative `$id` is the end of its path under the
/// contract root (`common/user.schema.json` at `github/common/user.schema.json`), the rest
/// of the path (`github/`). Sets published for loaders that key documents by `$id` (ajv)
/// lay them out this way.
fn id_roots<'a>(files: impl Iterator<Item = (&'a Path, &'a serde_json::Value)>) -> Vec<String> {
    let mut roots = std::collections::BTreeSet::new();
    for (shown, value) in files {
        let Some(id) = relative_id(value) else { continue };
        let path = slashed(shown);
        if let Some(base) = path.strip_suffix(id).filter(|b| b.is_empty() || b.ends_with('/')) {
            roots.insert(base.to_owned());
        }
    }
    // Longest first: the nearest root of a file is the first that is a prefix of its path.
    let mut roots: Vec<String> = roots.into_iter().collect();
    roots.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    roots
}

/// The id root of the file at `shown`: the nearest one that holds it.
fn id_root_of<'a>(roots: &'a [String], shown: &Path) -> Option<&'a str> {
    let path = slashed(shown);
    roots.iter().find(|r| path.starts_with(r.as_str())).map(String::as_str)
}

/// `doc` with a relative root `$id` made absolute against its id root
/// (`file:///<root><id>`), so that the compiler resolves the document's `$ref`s as a
/// loader keying documents by `$id` does.
fn absolutize_id(doc: &mut serde_json::Value, shown: &Path, roots: &[String]) {
    let Some(root) = id_root_of(roots, shown) else { return };
    let Some(id) = relative_id(doc) else { return };
    let absolute = format!("file:///{root}{id}");
    doc["$id"] = serde_json::Value::String(absolute);
}

/// Keywords whose subschemas have no typed core of their own: only the program checks
/// them, so a custom format there would go unchecked.
const PROGRAM_ONLY: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "oneOf",
    "contains",
    "propertyNames",
    "patternProperties",
    "dependentSchemas",
    "dependencies",
    "prefixItems",
    "additionalItems",
    "unevaluatedItems",
    "unevaluatedProperties",
];

/// Where a custom format sits where no typed core checks it, in `schema`: under a keyword of
/// [`PROGRAM_ONLY`] (or an `additionalProperties` schema beside `properties`, or tuple
/// `items`), or in a schema without `"type": "string"` (whose typed core is any JSON value).
/// Returns its pointer (relative to `schema`) and the format.
fn custom_format_without_core(schema: &serde_json::Value, formats: &std::collections::BTreeSet<String>) -> Option<(String, String)> {
    use serde_json::Value;
    // (value, pointer, under a program-only keyword)
    let mut stack: Vec<(&Value, String, bool)> = vec![(schema, String::new(), false)];
    while let Some((v, at, only_program)) = stack.pop() {
        match v {
            Value::Object(o) => {
                let string_typed = match o.get("type") {
                    Some(Value::String(t)) => t == "string",
                    Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                    _ => false,
                };
                if only_program || !string_typed {
                    if let Some(f) = o.get("format").and_then(Value::as_str).filter(|f| formats.contains(*f)) {
                        return Some((format!("{at}/format"), f.to_owned()));
                    }
                }
                for (k, child) in o {
                    let below = only_program
                        || PROGRAM_ONLY.contains(&k.as_str())
                        || (k == "additionalProperties" && o.contains_key("properties"))
                        || (k == "items" && child.is_array());
                    stack.push((child, crate::diagnostics::child(&at, k), below));
                }
            }
            Value::Array(a) => stack.extend(a.iter().enumerate().map(|(i, child)| (child, format!("{at}/{i}"), only_program))),
            _ => {}
        }
    }
    None
}

impl std::fmt::Debug for RuleCompiler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleCompiler").field("loaded", &self.docs.is_some()).finish()
    }
}

/// What keeps a program from compiling, where.
#[derive(Debug)]
pub struct RuleProblem {
    /// The contract file (relative to the root) that holds the problem, when it is one.
    pub file: Option<PathBuf>,
    /// JSON pointer inside it.
    pub pointer: String,
    /// What is wrong, and what to write instead.
    pub message: String,
}

/// A path under the contract root with `/` separators: `lead-lifecycle/schema/x.json`.
fn slashed(shown: &Path) -> String {
    shown.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// The URI a contract file is known by: `file:///<path under the contract root>`.
pub fn file_uri(shown: &Path) -> String {
    format!("file:///{}", slashed(shown))
}

impl RuleCompiler {
    /// Reads every document under `root` once.
    fn load(&mut self, root: &Path) {
        if self.docs.is_none() {
            let mut files = schema_files(root, &self.annotation_formats);
            if self.relative_ids {
                self.id_roots = id_roots(files.iter().map(|(p, v)| (p.as_path(), v)));
                for (shown, value) in &mut files {
                    absolutize_id(value, shown, &self.id_roots);
                }
            }
            self.docs = Some(documents(files));
        }
    }

    /// With `relative_ids`: the directory (under the contract root) that a relative `$ref`
    /// of the document `doc` at `shown` names files from, when its root `$id` is relative:
    /// its id root joined with the `$id`'s directory. `None` otherwise.
    pub fn relative_id_dir(&mut self, root: &Path, shown: &Path, doc: &serde_json::Value) -> Option<PathBuf> {
        if !self.relative_ids {
            return None;
        }
        self.load(root);
        let id = relative_id(doc)?;
        let id_root = id_root_of(&self.id_roots, shown)?;
        let dir = format!("{id_root}{}", id.rsplit_once('/').map_or("", |(dir, _)| dir));
        Some(PathBuf::from(dir))
    }

    /// The program of `schema`, found at `pointer` in `shown` (a path under `root`), or what
    /// is wrong with it: (file under the root where known, pointer, message). A schema the
    /// translator derived (a merged `allOf`, a branch without its tag) is not at `pointer`
    /// in the file: it is compiled as an extra member of its document, so its `$ref`s
    /// still resolve against that document.
    pub fn program(&mut self, root: &Path, shown: &Path, pointer: &str, schema: &serde_json::Value, draft: Draft) -> Result<CompiledProgram, Vec<RuleProblem>> {
        if let Some((at, format)) = custom_format_without_core(schema, &self.custom_formats).filter(|_| !self.annotate_formats) {
            return Err(vec![RuleProblem {
                file: Some(shown.to_path_buf()),
                pointer: format!("{pointer}{at}"),
                message: format!(
                    "the custom format {format:?} sits where only a validation program checks values (under `not`, `if`, `oneOf`, `contains`, …, or without `\"type\": \"string\"` beside it), and a program cannot run your type's check; state `\"type\": \"string\"` beside it, write a `pattern` instead, or declare the format an annotation"
                ),
            }]);
        }
        self.load(root);
        let mut owned;
        let mut schema = schema;
        if self.relative_ids && pointer.is_empty() && relative_id(schema).is_some() {
            owned = schema.clone();
            absolutize_id(&mut owned, shown, &self.id_roots);
            schema = &owned;
        }
        let formats = &self.annotation_formats;
        let docs = self.docs.get_or_insert_with(Documents::default);
        let uri = file_uri(shown);
        let mut pointer = pointer.to_owned();
        if let Some(doc) = docs.get(&uri) {
            if doc.pointer(&pointer) != Some(schema) {
                let mut doc = doc.clone();
                if let serde_json::Value::Object(members) = &mut doc {
                    let derived = members.entry(DERIVED).or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
                    if let serde_json::Value::Object(derived) = derived {
                        let mut schema = schema.clone();
                        if !formats.is_empty() {
                            strip_formats(&mut schema, formats);
                        }
                        let key = derived.len().to_string();
                        derived.insert(key.clone(), schema);
                        pointer = format!("/{DERIVED}/{key}");
                    }
                }
                docs.add(&uri, doc);
            }
        }
        let draft = match draft {
            Draft::Draft7 => RulesDraft::Draft7,
            Draft::Draft202012 => RulesDraft::Draft202012,
        };
        let options = Options { default_draft: draft, assert_formats: !self.annotate_formats };
        match compile_with(docs, &uri, &pointer, &options) {
            Ok(compiled) => Ok(CompiledProgram(std::sync::Arc::new(compiled.program))),
            Err(errors) => Err(errors
                .into_iter()
                .map(|e| match e.uri.strip_prefix("file:///") {
                    Some(file) => RuleProblem { file: Some(PathBuf::from(file)), pointer: e.pointer, message: e.message },
                    None => RuleProblem { file: None, pointer: e.pointer, message: format!("{} (in {})", e.message, e.uri) },
                })
                .collect()),
        }
    }
}

/// Removes `format` keywords that name an annotation format, everywhere in `value`.
fn strip_formats(value: &mut serde_json::Value, formats: &std::collections::BTreeSet<String>) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(o) => {
                if o.get("format").and_then(serde_json::Value::as_str).is_some_and(|f| formats.contains(f)) {
                    o.remove("format");
                }
                stack.extend(o.values_mut());
            }
            serde_json::Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
}

/// Every `.json` file under `root` (regular files inside it, size-capped), by file URI,
/// without the formats declared as annotations.
///
/// Where documents' `$id`s mirror the layout under the root (`https://x/a/b.json` for
/// `a/b.json`), a relative `$ref` between files resolves against the `$id`, so every file
/// without an `$id` of its own is also registered under each such base: the typed
/// translator resolves relative to the file, and both must find the same document.
fn documents(files: Vec<(PathBuf, serde_json::Value)>) -> Documents {
    let mut bases = std::collections::BTreeSet::new();
    for (shown, value) in &files {
        let relative = slashed(shown);
        if let Some(base) = value.get("$id").and_then(serde_json::Value::as_str).and_then(|id| id.strip_suffix(relative.as_str())) {
            if base.ends_with('/') && base.contains(':') {
                bases.insert(base.to_owned());
            }
        }
    }
    let mut docs = Documents::default();
    for (shown, value) in files {
        if value.get("$id").is_none() {
            let relative = slashed(&shown);
            for base in &bases {
                docs.add(&format!("{base}{relative}"), value.clone());
            }
        }
        docs.add(&file_uri(&shown), value);
    }
    docs
}

/// Every `.json` file under `root` that the one reader of contract files accepts, with its
/// path under the root, in a stable order.
fn schema_files(root: &Path, formats: &std::collections::BTreeSet<String>) -> Vec<(PathBuf, serde_json::Value)> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = vec![root.to_path_buf()];
    let mut seen = 0usize;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let Ok(kind) = entry.file_type() else { continue };
            let path = entry.path();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "json") {
                seen += 1;
                if seen > MAX_FILES {
                    return out;
                }
                // Regular files inside the root, size-capped, duplicate keys refused. A file
                // it refuses is left out; a `$ref` to it is then reported as unresolved.
                let Ok((_, mut value)) = crate::load::read_document(root, &path) else { continue };
                if !formats.is_empty() {
                    strip_formats(&mut value, formats);
                }
                out.push((path.strip_prefix(root).unwrap_or(&path).to_path_buf(), value));
            }
        }
    }
    out
}
