//! Recursion across files: whether a schema reaches itself through `$ref`s that leave its
//! file (a tree node in `a.json` whose children are in `b.json`, whose items are `a.json`'s
//! node again). The translator reserves a struct for such a schema before translating it,
//! so the reference back, met while the file is being translated, is a `Box` of that
//! struct (DESIGN.md §1) instead of a value without a Rust type.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use super::translate::MAX_SCHEMA_DEPTH;

/// The files a walk reads, parsed once per contract set (`None`: unreadable), with the
/// files each one refers to.
#[derive(Debug, Default)]
pub struct RefGraph {
    docs: BTreeMap<PathBuf, Option<Arc<Value>>>,
    files: BTreeMap<PathBuf, Arc<BTreeSet<PathBuf>>>,
}

/// One `$ref` target: a canonical file and a JSON pointer in it.
type Target = (PathBuf, String);

impl RefGraph {
    /// The document at `path` (canonical), read under `root`.
    fn doc(&mut self, root: &Path, path: &Path) -> Option<Arc<Value>> {
        self.docs.entry(path.to_path_buf()).or_insert_with(|| crate::load::read_document(root, path).ok().map(|(_, v)| Arc::new(v))).clone()
    }

    /// The files `path` refers to (other than itself).
    fn files_of(&mut self, root: &Path, path: &Path) -> Arc<BTreeSet<PathBuf>> {
        if let Some(files) = self.files.get(path) {
            return files.clone();
        }
        let mut targets = Vec::new();
        if let Some(doc) = self.doc(root, path) {
            refs(&doc, path, &mut targets, 0);
        }
        let files: Arc<BTreeSet<PathBuf>> = Arc::new(targets.into_iter().map(|(file, _)| file).filter(|f| f != path).collect());
        self.files.insert(path.to_path_buf(), files.clone());
        files
    }

    /// The schema the relative `$ref` `reference` of `file` (canonical) names, in this
    /// file or another one; `None` for a URI, an anchor or a target that does not exist.
    pub fn target(&mut self, root: &Path, file: &Path, reference: &str) -> Option<Value> {
        let (path, pointer) = resolve(reference, file)?;
        self.doc(root, &path)?.pointer(&pointer).cloned()
    }

    /// True when `file` is on a cycle of files: one it refers to leads back to it.
    fn on_file_cycle(&mut self, root: &Path, file: &Path) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<PathBuf> = self.files_of(root, file).iter().cloned().collect();
        while let Some(next) = stack.pop() {
            if next == file {
                return true;
            }
            if seen.insert(next.clone()) {
                stack.extend(self.files_of(root, &next).iter().cloned());
            }
        }
        false
    }

    /// True when the schema at `pointer` of `file` (canonical) comes back to itself in
    /// place: through `$ref`s, `allOf`, `anyOf` and `oneOf` alone, in this file or others
    /// (`{"anyOf": [{"type": "string"}, {"$ref": "#"}]}`). A type for it would hold itself
    /// with no JSON array or object in between.
    pub fn reaches_in_place(&mut self, root: &Path, file: &Path, pointer: &str) -> bool {
        self.reaches(root, file, pointer, in_place_refs)
    }

    /// True when the schema at `pointer` of `file` (canonical) reaches itself through
    /// `$ref`s at least one of which leads into another file. References by URI or to an
    /// anchor are not followed.
    pub fn reaches_across(&mut self, root: &Path, file: &Path, pointer: &str) -> bool {
        if !self.on_file_cycle(root, file) {
            return false;
        }
        self.reaches(root, file, pointer, refs)
    }

    /// The schemas of `file` (canonical) that the schema at `pointer` comes back to through
    /// another file: `$ref`s into `file` from a schema of another file that the one at
    /// `pointer` reaches (through [`applied_refs`]). While `file`'s types are being made,
    /// those references back cannot see them; the translator makes them first. In the order
    /// found, without `pointer` itself; empty when `file` is on no cycle of files.
    pub fn returns_into(&mut self, root: &Path, file: &Path, pointer: &str) -> Vec<String> {
        let mut found = Vec::new();
        if !self.on_file_cycle(root, file) {
            return found;
        }
        let _ = self.walk(root, (file.to_path_buf(), pointer.to_owned()), applied_refs, |from, (to, at)| {
            if from != file && to == file && at != pointer && !found.contains(at) {
                found.push(at.clone());
            }
            ControlFlow::Continue(())
        });
        found
    }

    /// True when the schema at `pointer` of `file` leads back to itself along `edges` (the
    /// `$ref` targets a schema stands for, see [`refs`] and [`in_place_refs`]), in any file.
    fn reaches(&mut self, root: &Path, file: &Path, pointer: &str, edges: Edges) -> bool {
        let start: Target = (file.to_path_buf(), pointer.to_owned());
        let back = |_: &Path, target: &Target| if *target == start { ControlFlow::Break(()) } else { ControlFlow::Continue(()) };
        self.walk(root, start.clone(), edges, back).is_break()
    }

    /// Walks the `$ref`s reachable from the schema `start` along `edges`, breadth first,
    /// each schema once: `edge` sees every `$ref` met (the file it is in, its target), and
    /// ends the walk by breaking.
    fn walk(&mut self, root: &Path, start: Target, edges: Edges, mut edge: impl FnMut(&Path, &Target) -> ControlFlow<()>) -> ControlFlow<()> {
        let mut seen: BTreeSet<Target> = BTreeSet::from([start.clone()]);
        let mut queue = VecDeque::from([start]);
        while let Some((path, at)) = queue.pop_front() {
            let Some(doc) = self.doc(root, &path) else { continue };
            let Some(schema) = doc.pointer(&at) else { continue };
            let mut targets = Vec::new();
            edges(schema, &path, &mut targets, 0);
            for target in targets {
                edge(&path, &target)?;
                if seen.insert(target.clone()) {
                    queue.push_back(target);
                }
            }
        }
        ControlFlow::Continue(())
    }
}

/// How a walk finds the `$ref` targets of one schema (of a file): [`refs`],
/// [`applied_refs`] or [`in_place_refs`].
type Edges = fn(&Value, &Path, &mut Vec<Target>, usize);

/// The `$ref` targets `schema` of the file `path` stands for in place: its own `$ref`, and
/// those of its `allOf`, `anyOf` and `oneOf` parts (recursively), which apply to the value
/// itself rather than to a member or an item of it.
fn in_place_refs(schema: &Value, path: &Path, out: &mut Vec<Target>, depth: usize) {
    let Some(obj) = schema.as_object().filter(|_| depth <= MAX_SCHEMA_DEPTH) else { return };
    out.extend(obj.get("$ref").and_then(Value::as_str).and_then(|r| resolve(r, path)));
    for keyword in ["allOf", "anyOf", "oneOf"] {
        for part in obj.get(keyword).and_then(Value::as_array).into_iter().flatten() {
            in_place_refs(part, path, out, depth + 1);
        }
    }
}

/// The `$ref` targets inside `schema` of the file `path`, resolved to (canonical file,
/// pointer); values of `const`, `enum`, `examples` and `default` are data, not schemas.
fn refs(schema: &Value, path: &Path, out: &mut Vec<Target>, depth: usize) {
    refs_outside(schema, path, out, depth, &["const", "enum", "examples", "default"]);
}

/// The `$ref` targets inside `schema` of the file `path` that the translator types as part
/// of it: as [`refs`], but not into definitions (`$defs`, `definitions`: reached only by a
/// `$ref`) or the subschemas that only a validation program applies (`not`, conditionals,
/// `contains`, `propertyNames`, dependent schemas).
fn applied_refs(schema: &Value, path: &Path, out: &mut Vec<Target>, depth: usize) {
    const SKIPPED: &[&str] = &[
        "const",
        "enum",
        "examples",
        "default",
        "$defs",
        "definitions",
        "not",
        "if",
        "then",
        "else",
        "contains",
        "propertyNames",
        "dependentSchemas",
        "dependencies",
    ];
    refs_outside(schema, path, out, depth, SKIPPED);
}

/// The `$ref` targets inside `schema` of the file `path`, not looking under the keywords
/// `skipped`.
fn refs_outside(schema: &Value, path: &Path, out: &mut Vec<Target>, depth: usize, skipped: &[&str]) {
    if depth > MAX_SCHEMA_DEPTH {
        return;
    }
    match schema {
        Value::Object(o) => {
            for (k, v) in o {
                if k == "$ref" {
                    out.extend(v.as_str().and_then(|r| resolve(r, path)));
                } else if !skipped.contains(&k.as_str()) {
                    refs_outside(v, path, out, depth + 1, skipped);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| refs_outside(v, path, out, depth + 1, skipped)),
        _ => {}
    }
}

/// A relative `$ref` of the file `path`: (canonical file, pointer); `None` for a URI, an
/// anchor or a file that does not exist.
pub(super) fn resolve(reference: &str, path: &Path) -> Option<Target> {
    if reference.contains(':') || reference.starts_with("//") {
        return None;
    }
    let (file, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return None;
    }
    let (file, pointer) = (crate::load::percent_decode(file)?, crate::load::fragment_pointer(fragment)?);
    if file.is_empty() {
        return Some((path.to_path_buf(), pointer));
    }
    Some((path.parent()?.join(file).canonicalize().ok()?, pointer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A contract root with `a.json` and `b.json`, which refer to each other, and `c.json`,
    /// which refers to `b.json` only: (root, a, c), canonical.
    fn files() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let a = json!({"$defs": {
            "x": {"type": "object", "properties": {"b": {"$ref": "b.json#/$defs/y"}}},
            "y": {"type": "string"},
            "z": {"$ref": "#/$defs/v"},
            "v": {"type": "integer"},
            "w": {"type": "boolean"}
        }});
        let b = json!({"$defs": {
            "y": {"type": "object", "properties": {"back": {"$ref": "a.json#/$defs/y"}, "next": {"$ref": "#/$defs/y2"}}},
            "y2": {"type": "object", "properties": {"again": {"$ref": "a.json#/$defs/z"}, "loop": {"$ref": "a.json#/$defs/x"}},
                "not": {"$ref": "a.json#/$defs/w"}},
            "unused": {"$ref": "a.json#/$defs/w"}
        }});
        let c = json!({"properties": {"b": {"$ref": "b.json#/$defs/y"}}});
        for (name, doc) in [("a.json", a), ("b.json", b), ("c.json", c)] {
            std::fs::write(dir.path().join(name), doc.to_string()).unwrap();
        }
        let root = dir.path().canonicalize().unwrap();
        let (a, c) = (root.join("a.json"), root.join("c.json"));
        (dir, a, c)
    }

    #[test]
    fn the_schemas_a_file_is_come_back_to_through_another_file_in_the_order_met() {
        let (dir, a, _) = files();
        let root = dir.path().canonicalize().unwrap();
        let mut graph = RefGraph::default();
        // `x` → b#y → a#y (back), b#y2 → a#z (back) and a#x (itself: left out); a#z → a#v
        // is a reference inside `a.json`, and a#w is reached only under `not` or from a
        // definition nothing refers to.
        assert_eq!(graph.returns_into(&root, &a, "/$defs/x"), ["/$defs/y", "/$defs/z"]);
        // The root holds no reference of its own: its definitions are reached by `$ref` only.
        assert!(graph.returns_into(&root, &a, "").is_empty());
        assert!(graph.returns_into(&root, &a, "/$defs/w").is_empty());
    }

    #[test]
    fn data_is_no_reference_and_nesting_is_followed_to_its_bound() {
        let file = Path::new("/contracts/a.json");
        let data = json!({"const": {"$ref": "#/c"}, "enum": [{"$ref": "#/e"}], "default": {"$ref": "#/d"}, "examples": [{"$ref": "#/x"}],
            "properties": {"p": {"$ref": "#/p"}}, "not": {"$ref": "#/n"}, "allOf": [{"$ref": "#/a"}]});
        let found = |f: fn(&Value, &Path, &mut Vec<Target>, usize), schema: &Value| {
            let mut out = Vec::new();
            f(schema, file, &mut out, 0);
            out.into_iter().map(|(_, pointer)| pointer).collect::<Vec<_>>()
        };
        assert_eq!(found(refs, &data), ["/p", "/n", "/a"]);
        assert_eq!(found(applied_refs, &data), ["/p", "/a"]);
        // A `$ref` under `levels` nested `items`: the walk enters depths 0 to MAX_SCHEMA_DEPTH.
        let nested = |levels: usize| (0..levels).fold(json!({"$ref": "#/deep"}), |inner, _| json!({"items": inner}));
        // Each `{"items": …}` is one level: the `$ref` of `nested(n)` is met at depth n.
        let deepest = MAX_SCHEMA_DEPTH;
        assert_eq!(found(refs, &nested(deepest)), ["/deep"]);
        assert!(found(refs, &nested(deepest + 1)).is_empty());
        assert!(found(applied_refs, &nested(deepest + 1)).is_empty());
        // Each `{"allOf": [ … ]}` is two: the array, then its element.
        let all_of = |levels: usize| (0..levels).fold(json!({"$ref": "#/deep"}), |inner, _| json!({"allOf": [inner]}));
        assert_eq!(found(applied_refs, &all_of(deepest / 2)), ["/deep"]);
        assert!(found(applied_refs, &all_of(deepest / 2 + 1)).is_empty());
        let in_place = |levels: usize| (0..levels).fold(json!({"$ref": "#/deep"}), |inner, _| json!({"anyOf": [inner]}));
        assert_eq!(found(in_place_refs, &in_place(deepest)), ["/deep"]);
        assert!(found(in_place_refs, &in_place(deepest + 1)).is_empty());
        assert!(found(in_place_refs, &json!({"items": {"$ref": "#/item"}, "not": {"$ref": "#/n"}})).is_empty(), "not in place");
    }

    #[test]
    fn a_uri_is_no_file_even_where_a_file_of_its_name_exists() {
        let (dir, a, _) = files();
        std::fs::write(dir.path().join("urn:x.json"), "{}").unwrap();
        assert!(resolve("urn:x.json", &a).is_none());
        assert!(resolve("//host/a.json", &a).is_none());
        assert!(resolve("b.json#anchor", &a).is_none(), "an anchor");
        assert_eq!(resolve("b.json#/$defs/y", &a), Some((a.with_file_name("b.json"), "/$defs/y".to_owned())));
        assert_eq!(resolve("#/$defs/x", &a), Some((a.clone(), "/$defs/x".to_owned())));
    }

    #[test]
    fn a_file_on_no_cycle_of_files_is_come_back_to_by_nothing() {
        let (dir, a, c) = files();
        let root = dir.path().canonicalize().unwrap();
        let mut graph = RefGraph::default();
        assert!(graph.on_file_cycle(&root, &a));
        assert!(!graph.on_file_cycle(&root, &c));
        assert!(graph.returns_into(&root, &c, "").is_empty());
    }
}
