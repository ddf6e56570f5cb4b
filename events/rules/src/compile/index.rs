//! The resource index: for every schema location of a document, its base URI and draft; every
//! `$id` (resource), `$anchor` / `$dynamicAnchor` and draft-07 plain-name `$id: "#foo"`.
//! Only keywords that hold subschemas are walked: an `$id` inside `enum` or an unknown
//! keyword is not an identifier. The walk uses an explicit stack and a depth bound.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::uri::{escape_token, resolve};
use super::{Documents, Draft};

/// Subschemas nested deeper than this are not indexed (compiling them reports it).
pub(crate) const MAX_SCHEMA_DEPTH: usize = 256;

/// A schema location: document key and JSON pointer (RFC 6901, escaped).
pub(crate) type Loc = (String, String);

/// What the index knows of one schema location.
#[derive(Debug, Clone)]
pub(crate) struct Info {
    /// The base URI in effect there (after the location's own `$id`).
    pub(crate) base: String,
    /// The draft in effect there.
    pub(crate) draft: Draft,
    /// The vocabularies in effect there (all, unless a custom metaschema says otherwise).
    pub(crate) vocab: Vocab,
    /// A problem with the location's `$schema` / `$id`, reported when it is compiled.
    pub(crate) problem: Option<String>,
}

/// The index over the documents indexed so far.
#[derive(Default)]
pub(crate) struct Index {
    indexed: HashSet<String>,
    pub(crate) info: HashMap<Loc, Info>,
    pub(crate) resources: HashMap<String, Loc>,
    pub(crate) anchors: HashMap<(String, String), Loc>,
}

/// A set of 2020-12 vocabularies whose keywords take effect (core always does), as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Vocab(pub(crate) u8);

impl Vocab {
    pub(crate) const APPLICATOR: u8 = 1;
    pub(crate) const UNEVALUATED: u8 = 2;
    pub(crate) const VALIDATION: u8 = 4;
    pub(crate) const FORMAT: u8 = 8;
    /// The metaschema lists the format-assertion vocabulary: `format` asserts.
    pub(crate) const FORMAT_ASSERTION: u8 = 16;
    pub(crate) const ALL: Vocab = Vocab(15);

    /// The vocabulary a 2020-12 keyword belongs to; `None` for core and annotation keywords.
    pub(crate) fn of(keyword: &str) -> Option<u8> {
        Some(match keyword {
            "prefixItems"
            | "items"
            | "contains"
            | "additionalProperties"
            | "properties"
            | "patternProperties"
            | "dependentSchemas"
            | "propertyNames"
            | "if"
            | "then"
            | "else"
            | "allOf"
            | "anyOf"
            | "oneOf"
            | "not" => Self::APPLICATOR,
            "unevaluatedItems" | "unevaluatedProperties" => Self::UNEVALUATED,
            "type" | "const" | "enum" | "multipleOf" | "maximum" | "exclusiveMaximum" | "minimum" | "exclusiveMinimum" | "maxLength" | "minLength"
            | "pattern" | "maxItems" | "minItems" | "uniqueItems" | "maxContains" | "minContains" | "maxProperties" | "minProperties" | "required"
            | "dependentRequired" => Self::VALIDATION,
            "format" => Self::FORMAT,
            _ => return None,
        })
    }

    /// True when `keyword` takes effect under this set.
    pub(crate) fn allows(self, keyword: &str) -> bool {
        Self::of(keyword).is_none_or(|bit| self.0 & bit != 0)
    }
}

/// The draft and vocabularies a `$schema` URI names: a standard metaschema, or a document given
/// to the compiler whose own `$schema` is standard (a custom metaschema, whose `$vocabulary`
/// then decides which keywords take effect).
pub(crate) fn draft_of(uri: &str, docs: &Documents) -> Result<(Draft, Vocab), String> {
    if let Some(d) = standard_draft(uri) {
        return Ok((d, Vocab::ALL));
    }
    let meta = docs.get(uri).ok_or_else(|| {
        format!(
            "unsupported `$schema` {uri:?}: write \"https://json-schema.org/draft/2020-12/schema\" or \"http://json-schema.org/draft-07/schema#\" \
             (or give the custom metaschema to the compiler)"
        )
    })?;
    let base = meta
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(standard_draft)
        .ok_or_else(|| format!("the metaschema {uri:?} does not itself name draft 2020-12 or draft-07 in its `$schema`"))?;
    let Some(Value::Object(vocabs)) = meta.get("$vocabulary") else {
        return Ok((base, Vocab::ALL));
    };
    let mut on = 0u8;
    for (v, required) in vocabs {
        let bit = match v.strip_prefix("https://json-schema.org/draft/2020-12/vocab/") {
            Some("core" | "meta-data" | "content") => 0,
            Some("applicator") => Vocab::APPLICATOR,
            Some("unevaluated") => Vocab::UNEVALUATED,
            Some("validation") => Vocab::VALIDATION,
            Some("format-annotation") => Vocab::FORMAT,
            Some("format-assertion") => Vocab::FORMAT | Vocab::FORMAT_ASSERTION,
            _ if *required == Value::Bool(true) => {
                return Err(format!("the metaschema {uri:?} requires the vocabulary {v:?}, which this compiler does not know: drop it or mark it `false`"));
            }
            _ => 0,
        };
        on |= bit;
    }
    Ok((base, Vocab(on)))
}

fn standard_draft(uri: &str) -> Option<Draft> {
    match uri.trim_end_matches('#') {
        "http://json-schema.org/draft-07/schema" | "https://json-schema.org/draft-07/schema" => Some(Draft::Draft7),
        "https://json-schema.org/draft/2020-12/schema" => Some(Draft::Draft202012),
        _ => None,
    }
}

/// The subschemas directly under a schema object, with their pointer suffixes.
pub(crate) fn subschemas(draft: Draft, o: &Map<String, Value>) -> Vec<(String, &Value)> {
    let is_schema = |v: &Value| matches!(v, Value::Object(_) | Value::Bool(_));
    let mut out = Vec::new();
    let (single, arrays, maps): (&[&str], &[&str], &[&str]) = match draft {
        Draft::Draft202012 => (
            &[
                "additionalProperties",
                "propertyNames",
                "contains",
                "not",
                "if",
                "then",
                "else",
                "items",
                "unevaluatedItems",
                "unevaluatedProperties",
                "contentSchema",
            ],
            &["allOf", "anyOf", "oneOf", "prefixItems"],
            &["$defs", "definitions", "properties", "patternProperties", "dependentSchemas", "dependencies"],
        ),
        Draft::Draft7 => (
            &["additionalProperties", "propertyNames", "contains", "not", "if", "then", "else", "items", "additionalItems"],
            &["allOf", "anyOf", "oneOf", "items"],
            &["definitions", "properties", "patternProperties", "dependencies"],
        ),
    };
    for kw in single {
        if let Some(v) = o.get(*kw).filter(|v| is_schema(v)) {
            out.push((format!("/{}", escape_token(kw)), v));
        }
    }
    for kw in arrays {
        if let Some(Value::Array(items)) = o.get(*kw) {
            for (i, v) in items.iter().enumerate().filter(|(_, v)| is_schema(v)) {
                out.push((format!("/{}/{i}", escape_token(kw)), v));
            }
        }
    }
    for kw in maps {
        if let Some(Value::Object(m)) = o.get(*kw) {
            for (k, v) in m.iter().filter(|(_, v)| is_schema(v)) {
                out.push((format!("/{}/{}", escape_token(kw), escape_token(k)), v));
            }
        }
    }
    out
}

impl Index {
    /// Indexes document `key` from its root, once.
    pub(crate) fn ensure(&mut self, docs: &Documents, key: &str, default: Draft) {
        if !self.indexed.insert(key.to_owned()) {
            return;
        }
        let Some(doc) = docs.get(key) else { return };
        self.resources.entry(key.to_owned()).or_insert_with(|| (key.to_owned(), String::new()));
        self.walk(docs, key, "", doc, key.to_owned(), default, Vocab::ALL);
    }

    /// Indexes every document not yet indexed.
    pub(crate) fn ensure_all(&mut self, docs: &Documents, default: Draft) {
        let keys: Vec<String> = docs.keys().map(str::to_owned).collect();
        for k in keys {
            self.ensure(docs, &k, default);
        }
    }

    /// Indexes the subtree at `ptr` of document `doc` (value `value`), starting with `base` / `draft`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn walk(&mut self, docs: &Documents, doc: &str, ptr: &str, value: &Value, base: String, draft: Draft, vocab: Vocab) {
        let mut stack: Vec<(String, &Value, String, Draft, Vocab, usize)> = vec![(ptr.to_owned(), value, base, draft, vocab, 0)];
        while let Some((ptr, v, base, draft, vocab, depth)) = stack.pop() {
            let loc = (doc.to_owned(), ptr.clone());
            let Value::Object(o) = v else {
                self.info.entry(loc).or_insert(Info { base, draft, vocab, problem: None });
                continue;
            };
            let mut draft = draft;
            let mut vocab = vocab;
            let mut problem = None;
            match o.get("$schema") {
                None => {}
                Some(Value::String(s)) => match draft_of(s, docs) {
                    Ok((d, v)) => (draft, vocab) = (d, v),
                    Err(e) => problem = Some(e),
                },
                Some(_) => problem = Some("`$schema` must be a string (a metaschema URI)".to_owned()),
            }
            let mut base = base;
            let ref_hides_id = draft == Draft::Draft7 && o.contains_key("$ref");
            match o.get("$id") {
                Some(Value::String(id)) if !ref_hides_id => {
                    if let (Draft::Draft7, Some(name)) = (draft, id.strip_prefix('#')) {
                        self.anchors.entry((base.clone(), name.to_owned())).or_insert_with(|| loc.clone());
                    } else {
                        match resolve(&base, id) {
                            Ok(t) => {
                                base = t.resource;
                                self.resources.entry(base.clone()).or_insert_with(|| loc.clone());
                                match t.fragment.filter(|f| !f.is_empty()) {
                                    Some(f) if draft == Draft::Draft7 => {
                                        self.anchors.entry((base.clone(), f)).or_insert_with(|| loc.clone());
                                    }
                                    Some(_) => {
                                        problem = Some(format!("`$id` {id:?} has a fragment: in draft 2020-12 name the location with `$anchor` instead"))
                                    }
                                    None => {}
                                }
                            }
                            Err(e) => problem = Some(e),
                        }
                    }
                }
                Some(Value::String(_)) | None => {}
                Some(_) => problem = Some("`$id` must be a string (a URI reference)".to_owned()),
            }
            if draft == Draft::Draft202012 {
                for kw in ["$anchor", "$dynamicAnchor"] {
                    if let Some(a) = o.get(kw).and_then(Value::as_str) {
                        self.anchors.entry((base.clone(), a.to_owned())).or_insert_with(|| loc.clone());
                    }
                }
            }
            self.info.entry(loc).or_insert(Info { base: base.clone(), draft, vocab, problem });
            if depth >= MAX_SCHEMA_DEPTH {
                continue;
            }
            for (suffix, child) in subschemas(draft, o) {
                stack.push((format!("{ptr}{suffix}"), child, base.clone(), draft, vocab, depth + 1));
            }
        }
    }
}
