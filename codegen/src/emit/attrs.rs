//! `Config::type_attribute` and `Config::field_attribute`: attributes of the user's own on
//! generated types and fields, chosen by path (in the manner of prost-build).
//!
//! # Paths
//!
//! A type path is one of:
//!
//! - `.`: every generated type;
//! - an event type, `lead.created`, or an event type at one version, `lead.created@1`: the
//!   payload type of that event (every version, or that one);
//! - a Rust path, `LeadStage`, `lead_lifecycle::LeadCreatedV1`,
//!   `lead_created_v1::LeadStage`, `shared::money::Money`: every type whose name is the
//!   last segment and whose module path (from the generated file's top, e.g.
//!   `lead_lifecycle::lead_created_v1`) holds the other segments in that order.
//!
//! A field path is a type path, `::`, and the property's JSON name or Rust field name:
//! `lead.created::person_id`, `LeadCreatedV1::person_id`, `.::person_id`; a bare name
//! (`person_id`) is that property of every type. Field attributes go on the struct's
//! (private) fields, so they serve other derives on the type (`serde`, `schemars`).
//!
//! A path that matches nothing, or attribute text that is not one or more outer
//! attributes (`#[derive(Hash)]`), is a configuration problem, reported with the others.

use proc_macro2::TokenStream;

use crate::model::types::{TypeId, TypeKind, TypeSpace};
use crate::model::{names, ContractSet};

/// The user's attribute rules, as configured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributes {
    /// `(type path, attribute text)`, in the order given.
    pub types: Vec<(String, String)>,
    /// `(field path, attribute text)`, in the order given.
    pub fields: Vec<(String, String)>,
}

/// Where a type space is emitted: the modules above it and, for a payload, its event.
#[derive(Debug, Clone)]
pub struct Place<'a> {
    /// Modules from the generated file's top: `["lead_lifecycle", "lead_created_v1"]`.
    pub modules: Vec<&'a str>,
    /// The event type and version of a payload space, with the root type's id.
    pub event: Option<(&'a str, u32, TypeId)>,
}

/// A parsed type path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TypePath {
    Any,
    Event { name: String, version: Option<u32> },
    Rust(Vec<String>),
}

impl TypePath {
    fn parse(text: &str) -> Result<Self, String> {
        if text == "." {
            return Ok(Self::Any);
        }
        if text.contains('.') || text.contains('@') {
            let (name, version) = match text.split_once('@') {
                Some((name, v)) => (name, Some(v.parse::<u32>().map_err(|_| format!("{v:?} after `@` is not a version number"))?)),
                None => (text, None),
            };
            if name.is_empty() || name.contains(char::is_whitespace) || name.contains("::") {
                return Err("an event type path is `event.type` or `event.type@N`".into());
            }
            return Ok(Self::Event { name: name.to_owned(), version });
        }
        let segments: Vec<String> = text.split("::").map(str::to_owned).collect();
        if segments.iter().any(|s| !names::is_identifier(s)) {
            return Err("a Rust path is identifiers separated by `::` (e.g. `lead_lifecycle::LeadCreatedV1`)".into());
        }
        Ok(Self::Rust(segments))
    }

    fn matches(&self, place: &Place<'_>, id: TypeId, name: &str) -> bool {
        match self {
            Self::Any => true,
            Self::Event { name: event, version } => place.event.is_some_and(|(e, v, root)| root == id && e == event && version.is_none_or(|want| want == v)),
            Self::Rust(segments) => {
                let Some((last, modules)) = segments.split_last() else { return false };
                let mut path = place.modules.iter();
                last == name && modules.iter().all(|m| path.any(|p| p == m))
            }
        }
    }
}

/// A field path: its type path (`None`: any type) and the field's name.
fn parse_field_path(text: &str) -> Result<(Option<TypePath>, String), String> {
    match text.rsplit_once("::") {
        Some((ty, field)) if !field.is_empty() => Ok((Some(TypePath::parse(ty)?), field.to_owned())),
        Some(_) => Err("a field path ends with the field's name".into()),
        None if text.is_empty() || text == "." => Err("a field path names a field (`LeadCreatedV1::person_id`, or `person_id` for every type)".into()),
        None => Ok((None, text.to_owned())),
    }
}

/// Attribute text as tokens: one or more outer attributes.
fn parse_attributes(text: &str) -> Result<TokenStream, String> {
    let attrs = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text).map_err(|e| format!("not an outer attribute like `#[derive(Hash)]`: {e}"))?;
    if attrs.is_empty() {
        return Err("no attribute in it (write it as `#[…]`)".into());
    }
    Ok(attrs.iter().map(quote::ToTokens::to_token_stream).collect())
}

/// The checked rules, ready to apply: built once per run from [`Attributes`].
#[derive(Debug, Clone, Default)]
pub struct Rules {
    types: Vec<(TypePath, TokenStream)>,
    fields: Vec<(Option<TypePath>, String, TokenStream)>,
    /// What they were parsed from: token streams stay on the thread that made them, so a
    /// thread that emits code parses its own copy ([`Rules::source`]).
    source: Attributes,
}

impl Rules {
    /// Parses every rule; each problem is a message naming the rule.
    pub fn new(attributes: &Attributes) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut rules = Self { source: attributes.clone(), ..Self::default() };
        for (path, attr) in &attributes.types {
            match (TypePath::parse(path), parse_attributes(attr)) {
                (Ok(p), Ok(a)) => rules.types.push((p, a)),
                (p, a) => problems.extend(p.err().into_iter().chain(a.err()).map(|e| format!("type_attribute({path:?}, {attr:?}): {e}"))),
            }
        }
        for (path, attr) in &attributes.fields {
            match (parse_field_path(path), parse_attributes(attr)) {
                (Ok((ty, field)), Ok(a)) => rules.fields.push((ty, field, a)),
                (p, a) => problems.extend(p.err().into_iter().chain(a.err()).map(|e| format!("field_attribute({path:?}, {attr:?}): {e}"))),
            }
        }
        if problems.is_empty() {
            Ok(rules)
        } else {
            Err(problems)
        }
    }

    /// The attributes these rules were parsed from (empty for the default, empty rules).
    pub fn source(&self) -> &Attributes {
        &self.source
    }

    /// The attributes for type `id` of a space at `place`.
    pub fn for_type(&self, place: &Place<'_>, id: TypeId, name: &str) -> TokenStream {
        self.types.iter().filter(|(p, _)| p.matches(place, id, name)).map(|(_, a)| a.clone()).collect()
    }

    /// The attributes for the field `json` (Rust name `ident`) of type `id` at `place`.
    pub fn for_field(&self, place: &Place<'_>, id: TypeId, name: &str, json: &str, ident: &str) -> TokenStream {
        self.fields
            .iter()
            .filter(|(ty, field, _)| (field == json || field == ident) && ty.as_ref().is_none_or(|t| t.matches(place, id, name)))
            .map(|(_, _, a)| a.clone())
            .collect()
    }

    /// Messages for the rules of `attributes` that match no type or field of `set`
    /// (a misspelt path must not silently do nothing).
    pub fn unmatched(&self, attributes: &Attributes, set: &ContractSet) -> Vec<String> {
        let spaces = places(set);
        let mut out = Vec::new();
        for ((path, attr), (rule, _)) in attributes.types.iter().zip(&self.types) {
            let hit = spaces.iter().any(|(place, space)| space.defs.iter().enumerate().any(|(id, d)| rule.matches(place, id, &d.name)));
            if !hit {
                out.push(format!("type_attribute({path:?}, {attr:?}): the path matches no generated type"));
            }
        }
        for ((path, attr), (ty, field, _)) in attributes.fields.iter().zip(&self.fields) {
            let hit = spaces.iter().any(|(place, space)| {
                space.defs.iter().enumerate().any(|(id, d)| match &d.kind {
                    TypeKind::Struct(s) => {
                        ty.as_ref().is_none_or(|t| t.matches(place, id, &d.name)) && s.fields.iter().any(|f| &f.json == field || &f.ident == field)
                    }
                    _ => false,
                })
            });
            if !hit {
                out.push(format!("field_attribute({path:?}, {attr:?}): the path matches no field of a generated struct"));
            }
        }
        out
    }
}

/// Every type space of the set with its place: shared modules, then payloads.
fn places(set: &ContractSet) -> Vec<(Place<'_>, &TypeSpace)> {
    let shared = set.shared.iter().map(|m| (Place { modules: vec!["shared", &m.module], event: None }, &m.space));
    let payloads = set.events.iter().flat_map(|e| {
        e.versions.iter().filter_map(move |v| {
            let payload = v.payload.as_ref()?;
            Some((Place { modules: vec![&v.contract_module, &v.version_module], event: Some((e.name.as_str(), v.version, payload.root)) }, &payload.space))
        })
    });
    shared.chain(payloads).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place() -> Place<'static> {
        Place { modules: vec!["lead_lifecycle", "lead_created_v1"], event: Some(("lead.created", 1, 0)) }
    }

    #[test]
    fn type_paths_match_by_event_or_rust_path() {
        let p = place();
        let m = |path: &str, id, name| TypePath::parse(path).unwrap().matches(&p, id, name);
        assert!(m(".", 3, "Anything"));
        assert!(m("lead.created", 0, "LeadCreatedV1"));
        assert!(m("lead.created@1", 0, "LeadCreatedV1"));
        assert!(!m("lead.created@2", 0, "LeadCreatedV1"));
        assert!(!m("lead.created", 1, "LeadStage"), "an event path names the payload type only");
        assert!(!m("lead.reached", 0, "LeadCreatedV1"));
        assert!(m("LeadStage", 1, "LeadStage"));
        assert!(m("lead_lifecycle::LeadStage", 1, "LeadStage"));
        assert!(m("lead_lifecycle::lead_created_v1::LeadStage", 1, "LeadStage"));
        assert!(!m("lead_created_v1::lead_lifecycle::LeadStage", 1, "LeadStage"), "modules in order");
        assert!(!m("order_flow::LeadStage", 1, "LeadStage"));
        assert!(!m("Lead", 1, "LeadStage"));
    }

    #[test]
    fn bad_rules_are_messages_not_panics() {
        let attributes = Attributes {
            types: vec![("lead.created".into(), "derive(Hash)".into()), ("a b".into(), "#[derive(Hash)]".into()), ("x@y".into(), "#[ok]".into())],
            fields: vec![("".into(), "#[serde(skip)]".into()), ("T::f".into(), "#[".into())],
        };
        let problems = Rules::new(&attributes).unwrap_err();
        assert_eq!(problems.len(), 5, "{problems:#?}");
        assert!(problems[0].starts_with("type_attribute(\"lead.created\", \"derive(Hash)\"): not an outer attribute"), "{problems:#?}");
        assert!(problems[1].contains("a Rust path"), "{problems:#?}");
        assert!(problems[2].contains("not a version number"), "{problems:#?}");
        assert!(problems[3].starts_with("field_attribute(\"\""), "{problems:#?}");
        assert!(problems[4].starts_with("field_attribute(\"T::f\", \"#[\")"), "{problems:#?}");
    }

    #[test]
    fn field_paths_split_at_the_last_separator() {
        assert_eq!(
            parse_field_path("lead.created::person_id").unwrap(),
            (Some(TypePath::Event { name: "lead.created".into(), version: None }), "person_id".into())
        );
        assert_eq!(parse_field_path("person_id").unwrap(), (None, "person_id".into()));
        assert_eq!(parse_field_path(".::x").unwrap(), (Some(TypePath::Any), "x".into()));
        assert!(parse_field_path("T::").is_err());
    }
}
