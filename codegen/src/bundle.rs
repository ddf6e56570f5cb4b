//! Contract schemas bundled for `schemars` ([`crate::Config::schemars`]): each payload
//! schema, and the envelope's, as one self-contained draft 2020-12 document whose every
//! `$ref` is `#/$defs/<name>`, a member of its own top-level `$defs`.
//!
//! The generated `JsonSchema` impls hand out exactly these documents, so what a schemars
//! user sees is the contract itself, not an approximation derived from the Rust types
//! (patterns, formats, `not`, `if`/`then`/`else` and the rest stay as written). The
//! runtime only has to move `$defs` to wherever the user's generator keeps definitions.
//!
//! What changes on the way, none of it changing what the schema accepts:
//! - every `$ref` target (in this file or another, by JSON pointer) is copied once into
//!   `$defs` under a plain name (`[A-Za-z0-9_-]`), and the `$ref` points at it;
//! - `$schema`, `$id` of a file's root, `$defs`/`definitions` and `$anchor` are dropped
//!   (the first two would re-base `$ref`s wherever the schema is embedded);
//! - a draft-07 file is rewritten in 2020-12 terms: siblings of `$ref` dropped (draft 07
//!   ignores them), `items: [..]` to `prefixItems`, `additionalItems` to `items`,
//!   `dependencies` split, and 2020-12-only keywords (which draft 07 ignores) dropped;
//! - a `format` declared an annotation ([`crate::Config::annotation_format`]) is dropped,
//!   as the generated types do not check it.
//!
//! Not supported (an error when `schemars` is on): `$ref` by absolute URI or to an
//! anchor, `$dynamicRef`/`$recursiveRef`, and schema resources embedded with their own `$id`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::load::Draft;

/// Why a schema cannot be bundled: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleError {
    /// The file (canonical path) holding the problem.
    pub file: PathBuf,
    /// JSON pointer inside it.
    pub pointer: String,
    /// What is not supported.
    pub message: String,
}

/// Keywords whose value is a schema.
const ONE: &[&str] = &["additionalProperties", "unevaluatedItems", "unevaluatedProperties", "contains", "propertyNames", "not", "if", "then", "else"];
/// Keywords whose value is an object of schemas.
const MAP: &[&str] = &["properties", "patternProperties", "dependentSchemas"];
/// Keywords whose value is an array of schemas.
const LIST: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords of 2020-12 that draft 07 does not know (and so ignores).
const NOT_IN_DRAFT7: &[&str] =
    &["prefixItems", "unevaluatedItems", "unevaluatedProperties", "dependentRequired", "dependentSchemas", "minContains", "maxContains"];
/// Keywords dropped from every schema: identifiers and definition holders (their
/// `$ref`ed members are copied into the bundle's `$defs`).
const DROPPED: &[&str] = &["$schema", "$defs", "definitions", "$anchor"];
/// Keywords whose referencing the bundle cannot express.
const UNSUPPORTED: &[&str] = &["$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"];

/// Every schema of a contract set, bundled: what the `schemars` impls embed.
#[derive(Debug, Clone, Default)]
pub struct Schemas {
    /// Each payload schema's bundle, by (event type, version).
    pub payloads: BTreeMap<(String, u32), String>,
    /// Each envelope version's bundle, by version.
    pub envelopes: BTreeMap<u32, String>,
}

/// Bundles the envelope and every payload schema of `contracts`; a schema that cannot be
/// bundled is a problem at its location.
pub fn bundle_set(contracts: &crate::load::Contracts, annotation_formats: &BTreeSet<String>) -> Result<Schemas, crate::Diagnostics> {
    let mut sink = crate::diagnostics::Sink::default();
    let root = &contracts.roots.contracts;
    let mut one = |doc: &crate::load::SchemaDoc| match bundle(root, &doc.path, &doc.value, doc.draft, annotation_formats) {
        Ok(text) => Some(text),
        Err(e) => {
            let shown = contracts.roots.shown(&e.file);
            sink.push(&shown, &e.pointer, crate::Problem::Unsupported(format!("schemars (Config::schemars) cannot bundle this schema: {}", e.message)));
            None
        }
    };
    let envelopes = contracts.envelopes.iter().filter_map(|(n, doc)| Some((*n, one(doc)?))).collect();
    let payloads = contracts.schemas.iter().filter_map(|(key, doc)| Some((key.clone(), one(doc)?))).collect();
    sink.finish(Schemas { payloads, envelopes })
}

/// Bundles the schema `value` (the file at canonical `path` under the canonical contract
/// root `root`) into one JSON document, returned as compact JSON text.
pub fn bundle(root: &Path, path: &Path, value: &Value, draft: Draft, annotation_formats: &BTreeSet<String>) -> Result<String, BundleError> {
    let mut bundler = Bundler { root, formats: annotation_formats, docs: BTreeMap::new(), names: BTreeMap::new(), used: BTreeSet::new(), queue: Vec::new() };
    bundler.docs.insert(path.to_path_buf(), (value.clone(), draft));
    let mut out = bundler.convert(value, path, "", draft, true)?;
    let mut defs = Map::new();
    while let Some((file, pointer, name)) = bundler.queue.pop() {
        let (doc, draft) = bundler.docs.get(&file).cloned().expect("a queued target's document is loaded");
        let node = doc.pointer(&pointer).ok_or_else(|| BundleError {
            file: file.clone(),
            pointer: pointer.clone(),
            message: "a $ref target that does not exist".into(),
        })?;
        let schema = bundler.convert(node, &file, &pointer, draft, pointer.is_empty())?;
        defs.insert(name, schema);
    }
    if !defs.is_empty() {
        // Sorted, so the output does not depend on the order targets were reached in.
        let sorted: BTreeMap<String, Value> = defs.into_iter().collect();
        if let Value::Object(members) = &mut out {
            members.insert("$defs".into(), Value::Object(sorted.into_iter().collect()));
        }
    }
    Ok(serde_json::to_string(&out).expect("a JSON value always serializes"))
}

struct Bundler<'a> {
    root: &'a Path,
    formats: &'a BTreeSet<String>,
    /// Documents read so far, by canonical path, with their drafts.
    docs: BTreeMap<PathBuf, (Value, Draft)>,
    /// The `$defs` name of each (file, pointer) target.
    names: BTreeMap<(PathBuf, String), String>,
    used: BTreeSet<String>,
    /// Targets named but not yet converted.
    queue: Vec<(PathBuf, String, String)>,
}

impl Bundler<'_> {
    /// The schema `node` (at `pointer` in `file`) in bundle form.
    fn convert(&mut self, node: &Value, file: &Path, pointer: &str, draft: Draft, doc_root: bool) -> Result<Value, BundleError> {
        let Value::Object(obj) = node else { return Ok(node.clone()) };
        let fail = |at: &str, message: String| BundleError { file: file.to_path_buf(), pointer: at.to_owned(), message };
        let here = |key: &str| format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
        if draft == Draft::Draft7 {
            if let Some(reference) = obj.get("$ref") {
                // Draft 07: every keyword beside `$ref` is ignored.
                let target = self.reference(reference, file, &here("$ref"), draft)?;
                return Ok(Value::Object(Map::from_iter([("$ref".to_owned(), Value::String(target))])));
            }
        }
        let mut out = Map::new();
        for (key, value) in obj {
            let key = key.as_str();
            match key {
                _ if DROPPED.contains(&key) => {}
                "$id" if doc_root => {}
                "$id" => return Err(fail(&here(key), "an embedded schema resource with its own `$id`".into())),
                _ if UNSUPPORTED.contains(&key) => return Err(fail(&here(key), format!("`{key}`"))),
                "$ref" => {
                    let target = self.reference(value, file, &here(key), draft)?;
                    out.insert(key.into(), Value::String(target));
                }
                "format" if value.as_str().is_some_and(|f| self.formats.contains(f)) => {}
                _ if draft == Draft::Draft7 && NOT_IN_DRAFT7.contains(&key) => {}
                "items" if draft == Draft::Draft7 && value.is_array() => {
                    let items = self.convert_list(value, file, &here(key), draft)?;
                    out.insert("prefixItems".into(), items);
                    if let Some(rest) = obj.get("additionalItems") {
                        out.insert("items".into(), self.convert(rest, file, &here("additionalItems"), draft, false)?);
                    }
                }
                "items" => {
                    out.insert(key.into(), self.convert(value, file, &here(key), draft, false)?);
                }
                "additionalItems" if draft == Draft::Draft7 => {} // Handled with `items` (and ignored without an array `items`).
                "dependencies" if draft == Draft::Draft7 => {
                    let Value::Object(deps) = value else { continue };
                    let (mut required, mut schemas) = (Map::new(), Map::new());
                    for (name, dep) in deps {
                        if dep.is_array() {
                            required.insert(name.clone(), dep.clone());
                        } else {
                            schemas.insert(name.clone(), self.convert(dep, file, &format!("{}/{name}", here(key)), draft, false)?);
                        }
                    }
                    for (name, map) in [("dependentRequired", required), ("dependentSchemas", schemas)] {
                        if !map.is_empty() {
                            out.insert(name.into(), Value::Object(map));
                        }
                    }
                }
                _ if ONE.contains(&key) => {
                    out.insert(key.into(), self.convert(value, file, &here(key), draft, false)?);
                }
                _ if LIST.contains(&key) => {
                    out.insert(key.into(), self.convert_list(value, file, &here(key), draft)?);
                }
                _ if MAP.contains(&key) => {
                    let Value::Object(members) = value else {
                        out.insert(key.into(), value.clone());
                        continue;
                    };
                    let mut converted = Map::new();
                    for (name, schema) in members {
                        let at = format!("{}/{}", here(key), name.replace('~', "~0").replace('/', "~1"));
                        converted.insert(name.clone(), self.convert(schema, file, &at, draft, false)?);
                    }
                    out.insert(key.into(), Value::Object(converted));
                }
                // Assertions and annotations whose values are data: as written.
                _ => {
                    out.insert(key.into(), value.clone());
                }
            }
        }
        Ok(Value::Object(out))
    }

    fn convert_list(&mut self, value: &Value, file: &Path, pointer: &str, draft: Draft) -> Result<Value, BundleError> {
        let Value::Array(items) = value else { return Ok(value.clone()) };
        let converted: Result<Vec<Value>, BundleError> =
            items.iter().enumerate().map(|(i, s)| self.convert(s, file, &format!("{pointer}/{i}"), draft, false)).collect();
        Ok(Value::Array(converted?))
    }

    /// The bundle's `#/$defs/<name>` for the `$ref` `value` written in `file`, queueing its
    /// target the first time.
    fn reference(&mut self, value: &Value, file: &Path, at: &str, draft: Draft) -> Result<String, BundleError> {
        let fail = |message: String| BundleError { file: file.to_path_buf(), pointer: at.to_owned(), message };
        let Some(reference) = value.as_str() else { return Err(fail("a `$ref` that is not a string".into())) };
        let (location, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        if location.contains(':') {
            return Err(fail(format!("a $ref by URI ({reference})")));
        }
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(fail(format!("a $ref to an anchor ({reference})")));
        }
        let pointer = crate::load::fragment_pointer(fragment).ok_or_else(|| fail(format!("a $ref with a broken escape ({reference})")))?;
        let target = if location.is_empty() {
            file.to_path_buf()
        } else {
            let relative = crate::load::percent_decode(location).ok_or_else(|| fail(format!("a $ref with a broken escape ({reference})")))?;
            let path = file.parent().unwrap_or(Path::new("")).join(relative).canonicalize().map_err(|e| fail(format!("$ref {reference:?}: {e}")))?;
            if !path.starts_with(self.root) {
                return Err(fail(format!("$ref {reference:?} leads outside the contract root")));
            }
            path
        };
        if !self.docs.contains_key(&target) {
            let (_, value) = crate::load::read_document(self.root, &target).map_err(|e| fail(format!("$ref target cannot be read: {}", e.problem)))?;
            let target_draft = match value.get("$schema").and_then(Value::as_str) {
                Some("http://json-schema.org/draft-07/schema#" | "http://json-schema.org/draft-07/schema") => Draft::Draft7,
                Some("https://json-schema.org/draft/2020-12/schema") => Draft::Draft202012,
                _ => draft,
            };
            self.docs.insert(target.clone(), (value, target_draft));
        }
        let key = (target, pointer);
        if let Some(name) = self.names.get(&key) {
            return Ok(format!("#/$defs/{name}"));
        }
        let base = match key.1.rsplit('/').next().filter(|s| !s.is_empty()) {
            Some(segment) => segment.replace("~1", "/").replace("~0", "~"),
            None => key.0.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
        };
        let mut base: String = base.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
        if base.is_empty() {
            base.push('_');
        }
        let mut name = base.clone();
        let mut n = 1;
        while self.used.contains(&name) {
            n += 1;
            name = format!("{base}-{n}");
        }
        self.used.insert(name.clone());
        self.names.insert(key.clone(), name.clone());
        self.queue.push((key.0, key.1, name.clone()));
        Ok(format!("#/$defs/{name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn bundled(value: Value, draft: Draft) -> Value {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let text = bundle(&root, &root.join("a.json"), &value, draft, &BTreeSet::new()).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn local_refs_point_into_the_bundles_defs() {
        let out = bundled(
            json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://x/a.json", "type": "object",
                   "properties": {"m": {"$ref": "#/$defs/money"}, "const": {"const": {"$ref": "#/not/a/ref"}}},
                   "$defs": {"money": {"type": "integer"}, "unused": {}}}),
            Draft::Draft202012,
        );
        assert_eq!(
            out,
            json!({"type": "object", "properties": {"m": {"$ref": "#/$defs/money"}, "const": {"const": {"$ref": "#/not/a/ref"}}}, "$defs": {"money": {"type": "integer"}}})
        );
    }

    #[test]
    fn draft7_keywords_are_rewritten_in_2020_12_terms() {
        let out = bundled(
            json!({"items": [{"type": "string"}], "additionalItems": false, "dependencies": {"a": ["b"], "c": {"required": ["d"]}},
                   "unevaluatedProperties": false, "properties": {"x": {"$ref": "#/definitions/d", "type": "string"}},
                   "definitions": {"d": {"type": "integer"}}}),
            Draft::Draft7,
        );
        assert_eq!(
            out,
            json!({"prefixItems": [{"type": "string"}], "items": false, "dependentRequired": {"a": ["b"]}, "dependentSchemas": {"c": {"required": ["d"]}},
                   "properties": {"x": {"$ref": "#/$defs/d"}}, "$defs": {"d": {"type": "integer"}}})
        );
    }

    #[test]
    fn unsupported_references_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        for (schema, says) in [
            (json!({"$ref": "https://x/y.json"}), "by URI"),
            (json!({"$ref": "#anchor"}), "anchor"),
            (json!({"properties": {"a": {"$id": "b.json"}}}), "own `$id`"),
            (json!({"$dynamicRef": "#x"}), "$dynamicRef"),
            (json!({"$ref": "#/$defs/missing"}), "does not exist"),
        ] {
            let err = bundle(&root, &root.join("a.json"), &schema, Draft::Draft202012, &BTreeSet::new()).unwrap_err();
            assert!(err.message.contains(says), "{schema}: {err:?}");
        }
    }
}
