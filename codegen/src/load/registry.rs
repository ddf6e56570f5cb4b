//! The typed event-types registry, read field by field so every problem gets a pointer.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diagnostics::{child, json_type, Problem, Sink};

/// Lifecycle status of one registered schema version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Producers may emit it.
    Active,
    /// Still decodable; producers are moving off it.
    Deprecated,
    /// No longer emitted.
    Retired,
}

/// One `schema_versions` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionEntry {
    /// `version`, >= 1.
    pub version: u32,
    /// `payload_schema`: path relative to the package root, or `None` for an opaque payload.
    pub payload_schema: Option<String>,
    /// `status`.
    pub status: Status,
    /// `registered_at` (YYYY-MM-DD).
    pub registered_at: String,
    /// `deprecated_at` (YYYY-MM-DD).
    pub deprecated_at: Option<String>,
    /// `active_from` (YYYY-MM-DD).
    pub active_from: Option<String>,
    /// `notes`.
    pub notes: Option<String>,
    /// `envelope`: the envelope version (`envelope-vN.json`) this version travels in,
    /// overriding the event type's and the set's.
    pub envelope: Option<u32>,
    /// Pointer of this entry in the registry file.
    pub pointer: String,
}

/// One registered event type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventTypeEntry {
    /// The event type, e.g. `lead.created`.
    pub name: String,
    /// `producer` domain.
    pub producer: String,
    /// `consumers` domains.
    pub consumers: Vec<String>,
    /// `owning_contract` README path.
    pub owning_contract: Option<String>,
    /// `schema_versions`, sorted by version.
    pub versions: Vec<VersionEntry>,
    /// `envelope`: the envelope version its versions travel in, overriding the set's.
    pub envelope: Option<u32>,
    /// Pointer of this entry in the registry file.
    pub pointer: String,
}

/// The whole registry, event types sorted by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registry {
    /// `registry_version`, when given.
    pub registry_version: Option<String>,
    /// `envelope`: the envelope version events travel in unless their entry says otherwise.
    pub envelope: Option<u32>,
    /// Every event type.
    pub event_types: Vec<EventTypeEntry>,
}

/// Reads fields of one JSON object, recording type errors, missing and unknown fields.
struct Fields<'a> {
    map: &'a Map<String, Value>,
    pointer: String,
    file: &'a Path,
    known: &'static [&'static str],
}

impl<'a> Fields<'a> {
    /// With `own_fields`, fields the registry format does not define are the set's own
    /// (ignored) rather than errors.
    fn new(value: &'a Value, pointer: String, file: &'a Path, known: &'static [&'static str], own_fields: bool, sink: &mut Sink) -> Option<Self> {
        let Value::Object(map) = value else {
            sink.push(file, &pointer, Problem::WrongType { expected: "object", found: json_type(value) });
            return None;
        };
        for key in map.keys() {
            if !own_fields && !known.contains(&key.as_str()) {
                sink.push(file, &child(&pointer, key), Problem::UnknownField(key.clone()));
            }
        }
        Some(Self { map, pointer, file, known })
    }

    fn at(&self, key: &str) -> String {
        child(&self.pointer, key)
    }

    fn get(&self, key: &'static str, required: bool, sink: &mut Sink) -> Option<&'a Value> {
        debug_assert!(self.known.contains(&key));
        let value = self.map.get(key);
        if value.is_none() && required {
            sink.push(self.file, &self.pointer, Problem::MissingField(key));
        }
        value
    }

    fn string(&self, key: &'static str, required: bool, sink: &mut Sink) -> Option<String> {
        match self.get(key, required, sink)? {
            Value::String(s) => Some(s.clone()),
            other => {
                sink.push(self.file, &self.at(key), Problem::WrongType { expected: "string", found: json_type(other) });
                None
            }
        }
    }

    /// A string or `null`; `Some(None)` for null.
    fn nullable_string(&self, key: &'static str, required: bool, sink: &mut Sink) -> Option<Option<String>> {
        match self.get(key, required, sink)? {
            Value::Null => Some(None),
            Value::String(s) => Some(Some(s.clone())),
            other => {
                sink.push(self.file, &self.at(key), Problem::WrongType { expected: "string or null", found: json_type(other) });
                None
            }
        }
    }

    /// An integer >= 1 that fits `u32` (a version number).
    fn version_number(&self, key: &'static str, required: bool, sink: &mut Sink) -> Option<u32> {
        match self.get(key, required, sink)? {
            Value::Number(n) => match n.as_u64().and_then(|v| u32::try_from(v).ok()).filter(|v| *v >= 1) {
                Some(v) => Some(v),
                None => {
                    sink.push(self.file, &self.at(key), Problem::BadVersion(n.to_string()));
                    None
                }
            },
            other => {
                sink.push(self.file, &self.at(key), Problem::WrongType { expected: "integer", found: json_type(other) });
                None
            }
        }
    }

    fn date(&self, key: &'static str, required: bool, sink: &mut Sink) -> Option<String> {
        let date = self.string(key, required, sink)?;
        if !crate::dates::is_date(&date) {
            sink.push(self.file, &self.at(key), Problem::BadDate(date));
            return None;
        }
        Some(date)
    }
}

/// Reads the registry document; problems go to `sink`, what could be read is returned.
pub fn parse_registry(doc: &Value, file: &Path, sink: &mut Sink) -> Registry {
    parse_registry_with(doc, file, false, sink)
}

/// [`parse_registry`]; with `own_fields` (the loose profile), fields the registry format
/// does not define are ignored instead of reported.
pub fn parse_registry_with(doc: &Value, file: &Path, own_fields: bool, sink: &mut Sink) -> Registry {
    const ROOT: &[&str] = &["$schema", "$comment", "registry_version", "description", "envelope", "event_types"];
    let mut registry = Registry { registry_version: None, envelope: None, event_types: Vec::new() };
    let Some(root) = Fields::new(doc, String::new(), file, ROOT, own_fields, sink) else {
        return registry;
    };
    registry.registry_version = root.string("registry_version", false, sink);
    registry.envelope = root.version_number("envelope", false, sink);
    root.string("description", false, sink);
    let Some(types) = root.get("event_types", true, sink) else {
        return registry;
    };
    let Value::Object(types) = types else {
        sink.push(file, "/event_types", Problem::WrongType { expected: "object", found: json_type(types) });
        return registry;
    };
    for (name, entry) in types {
        let pointer = child("/event_types", name);
        if !is_event_type_name(name) {
            sink.push(file, &pointer, Problem::BadEventType(name.clone()));
        }
        if let Some(entry) = parse_event_type(name, entry, pointer, file, own_fields, sink) {
            registry.event_types.push(entry);
        }
    }
    registry.event_types.sort_by(|a, b| a.name.cmp(&b.name));
    registry
}

/// `segment(.segment)+`, segments of lowercase letters, digits, `_` and `-`, starting with a letter.
pub fn is_event_type_name(name: &str) -> bool {
    let mut segments = 0;
    let ok = name.split('.').all(|seg| {
        segments += 1;
        seg.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && seg.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    });
    ok && segments >= 2
}

fn parse_event_type(name: &str, entry: &Value, pointer: String, file: &Path, own_fields: bool, sink: &mut Sink) -> Option<EventTypeEntry> {
    const KEYS: &[&str] = &["producer", "consumers", "owning_contract", "schema_versions", "envelope", "description", "$comment"];
    let fields = Fields::new(entry, pointer.clone(), file, KEYS, own_fields, sink)?;
    let envelope = fields.version_number("envelope", false, sink);
    let producer = fields.string("producer", true, sink);
    fields.string("description", false, sink);
    let owning_contract = fields.nullable_string("owning_contract", true, sink).flatten();
    let mut consumers = Vec::new();
    match fields.get("consumers", true, sink) {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => consumers.push(s.clone()),
                    other => {
                        sink.push(file, &child(&fields.at("consumers"), &i.to_string()), Problem::WrongType { expected: "string", found: json_type(other) })
                    }
                }
            }
        }
        Some(other) => sink.push(file, &fields.at("consumers"), Problem::WrongType { expected: "array", found: json_type(other) }),
        None => {}
    }
    let mut versions: Vec<VersionEntry> = Vec::new();
    match fields.get("schema_versions", true, sink) {
        Some(Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let at = child(&fields.at("schema_versions"), &i.to_string());
                if let Some(v) = parse_version(item, at.clone(), file, own_fields, sink) {
                    if versions.iter().any(|seen| seen.version == v.version) {
                        sink.push(file, &child(&at, "version"), Problem::DuplicateVersion(u64::from(v.version)));
                    } else {
                        versions.push(v);
                    }
                }
            }
        }
        Some(other) => sink.push(file, &fields.at("schema_versions"), Problem::WrongType { expected: "array", found: json_type(other) }),
        None => {}
    }
    versions.sort_by_key(|v| v.version);
    Some(EventTypeEntry { name: name.to_owned(), producer: producer?, consumers, owning_contract, versions, envelope, pointer })
}

fn parse_version(item: &Value, pointer: String, file: &Path, own_fields: bool, sink: &mut Sink) -> Option<VersionEntry> {
    const KEYS: &[&str] = &["version", "payload_schema", "status", "registered_at", "deprecated_at", "active_from", "notes", "envelope", "$comment"];
    let fields = Fields::new(item, pointer.clone(), file, KEYS, own_fields, sink)?;
    let version = fields.version_number("version", true, sink);
    let envelope = fields.version_number("envelope", false, sink);
    let payload_schema = fields.nullable_string("payload_schema", true, sink);
    let status = fields.string("status", true, sink).and_then(|s| match s.as_str() {
        "active" => Some(Status::Active),
        "deprecated" => Some(Status::Deprecated),
        "retired" => Some(Status::Retired),
        _ => {
            sink.push(file, &fields.at("status"), Problem::UnknownStatus(s));
            None
        }
    });
    let registered_at = fields.date("registered_at", true, sink);
    let deprecated_at = fields.date("deprecated_at", false, sink);
    let active_from = fields.date("active_from", false, sink);
    let notes = fields.string("notes", false, sink);
    Some(VersionEntry {
        version: version?,
        payload_schema: payload_schema?,
        status: status?,
        registered_at: registered_at?,
        deprecated_at,
        active_from,
        notes,
        envelope,
        pointer,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(doc: Value) -> (Registry, Vec<String>) {
        let mut sink = Sink::default();
        let reg = parse_registry(&doc, Path::new("event-types-registry.json"), &mut sink);
        let problems = match sink.finish(()) {
            Ok(()) => Vec::new(),
            Err(d) => d.0.iter().map(|d| format!("{}: {}", d.pointer, d.problem)).collect(),
        };
        (reg, problems)
    }

    #[test]
    fn collects_every_problem_with_pointers() {
        let (_, problems) = parse(json!({
            "event_types": {
                "lead.created": {
                    "producer": "sales", "consumers": ["growth", 3], "owning_contract": null, "colour": "red",
                    "schema_versions": [
                        {"version": 1, "payload_schema": null, "status": "live", "registered_at": "2026-5-1"},
                        {"version": 1, "payload_schema": null, "status": "active", "registered_at": "2026-05-01"}
                    ]
                },
                "Bad": {"producer": "x", "consumers": [], "owning_contract": null, "schema_versions": []}
            }
        }));
        assert_eq!(
            problems,
            vec![
                "/event_types/Bad: event type \"Bad\" is not a dotted lowercase name like `lead.created`",
                "/event_types/lead.created/colour: unknown field `colour`",
                "/event_types/lead.created/consumers/1: expected string, found number",
                "/event_types/lead.created/schema_versions/0/registered_at: \"2026-5-1\" is not a date of the form YYYY-MM-DD",
                "/event_types/lead.created/schema_versions/0/status: unknown status \"live\": expected \"active\", \"deprecated\" or \"retired\"",
            ]
        );
    }

    #[test]
    fn duplicate_versions_are_reported() {
        let (_, problems) = parse(json!({"event_types": {"a.b": {"producer": "p", "consumers": [], "owning_contract": null, "schema_versions": [
            {"version": 2, "payload_schema": null, "status": "active", "registered_at": "2026-05-01"},
            {"version": 2, "payload_schema": null, "status": "active", "registered_at": "2026-05-02"}
        ]}}}));
        assert_eq!(problems, vec!["/event_types/a.b/schema_versions/1/version: schema version 2 is registered twice for this event type"]);
    }
}
