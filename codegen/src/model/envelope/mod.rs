//! The envelopes of a contract set (DESIGN.md §5): each `envelope-vN.json` becomes typed
//! fields, generated from its schema like a payload, some of which play the roles the
//! runtime needs (event id, type, version, producer, …). Roles come from `x-event-role`
//! annotations, `Config::envelope_role`, or — for an envelope that declares none — the
//! property names of our `envelope-v1.json`.

mod roles;
mod space;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

pub use roles::{EnvelopeRole, ROLE_KEYWORD};

use super::names::{snake, Scope};
use super::translate::{IdUse, Shared, Translator, UUID_V7_PATTERN_BODY};
use super::types::{CompiledProgram, Shape, Slot, TypeSpace};
use crate::diagnostics::{child, Problem, Sink};
use crate::load::SchemaDoc;

/// One envelope version, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvelopeModel {
    /// `N` of `envelope-vN.json`.
    pub version: u32,
    /// The schema file, relative to the contract root.
    pub file: String,
    /// The module under `envelope` its items live in; `None` for the set's default
    /// envelope, whose items are `envelope`'s own.
    pub module: Option<String>,
    /// Every property, in schema order.
    pub fields: Vec<EnvelopeField>,
    /// The named types of its typed properties.
    pub space: TypeSpace,
    /// `additionalProperties: false`: unknown members are refused; otherwise ignored.
    pub deny_unknown: bool,
    /// The envelope is CloudEvents 1.0 structured-mode JSON (`specversion`, `id`,
    /// `source`, `type`, and the payload at `data`).
    pub cloudevents: bool,
}

/// One property of an envelope.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvelopeField {
    /// The JSON property name.
    pub json: String,
    /// The Rust field, getter and setter name: the role's (`event_id`, `tenant_id`, …)
    /// for a role, so every envelope has the same API; the property's otherwise.
    pub ident: String,
    /// The role it plays, if any.
    pub role: Option<EnvelopeRole>,
    /// Listed in `required`.
    pub required: bool,
    /// Its Rust type.
    pub kind: FieldKind,
    /// The property's description.
    pub doc: Option<String>,
}

/// The Rust type of an envelope property.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    /// The event type: the payload type's constant; a string on the wire.
    EventType,
    /// The schema version: the payload type's constant; this integer on the wire.
    SchemaVersion(Slot),
    /// The `Producer` enum of the producer role's values.
    Producer,
    /// The typed payload.
    Payload,
    /// `per_<UUIDv7>` or `system:<producer>`: the `Actor` enum.
    Actor,
    /// Any prefixed UUIDv7 id: the runtime's `EntityId`.
    Entity,
    /// A value of a type translated from the property's schema.
    Typed(Slot),
}

impl EnvelopeModel {
    /// The property playing `role`.
    pub fn role(&self, role: EnvelopeRole) -> Option<&EnvelopeField> {
        self.fields.iter().find(|f| f.role == Some(role))
    }

    /// The JSON member name of the property playing `role`; for a role this envelope does
    /// not have, the built-in mapping's name (the role's getter).
    pub fn member(&self, role: EnvelopeRole) -> &str {
        self.role(role).map_or(role.getter(), |f| f.json.as_str())
    }

    /// The Rust field name of the property playing `role`, with the same default as [`Self::member`].
    pub fn field_name(&self, role: EnvelopeRole) -> &str {
        self.role(role).map_or(role.getter(), |f| f.ident.as_str())
    }

    /// The JSON pointer of the payload in an envelope (`/payload`, `/data`).
    pub fn payload_pointer(&self) -> String {
        crate::diagnostics::child("", self.member(EnvelopeRole::Payload))
    }

    /// The envelope can be the cause of another event (`Cause`): its event id is a typed
    /// property, and its correlation id, if any, is of the event id's type.
    pub fn is_cause(&self) -> bool {
        let Some(FieldKind::Typed(id)) = self.role(EnvelopeRole::EventId).map(|f| &f.kind) else { return false };
        self.role(EnvelopeRole::Correlation).is_none_or(|f| f.kind == FieldKind::Typed(id.clone()))
    }

    /// The correlation and causation ids can be taken from a causing event: both are of
    /// the event id's type.
    pub fn can_propagate(&self) -> bool {
        let Some(FieldKind::Typed(id)) = self.role(EnvelopeRole::EventId).map(|f| &f.kind) else { return false };
        let same = |role| self.role(role).is_none_or(|f| f.kind == FieldKind::Typed(id.clone()));
        (self.role(EnvelopeRole::Correlation).is_some() || self.role(EnvelopeRole::Causation).is_some())
            && same(EnvelopeRole::Correlation)
            && same(EnvelopeRole::Causation)
    }
}

/// Every envelope of the set, and what the registry must agree with.
#[derive(Debug, Default)]
pub struct Envelopes {
    /// By version, ascending.
    pub models: Vec<EnvelopeModel>,
    /// The producer role's values (one vocabulary for the set), in schema order.
    pub producers: Vec<String>,
    /// Programs of the event type and schema version properties, by envelope version:
    /// every registered name and version must satisfy them.
    checks: BTreeMap<u32, (Option<CompiledProgram>, Option<CompiledProgram>)>,
}

impl Envelopes {
    /// Reports when the event type `name` or its `version`, travelling in envelope
    /// `envelope`, breaks that envelope's schema for them (`at` points at the registry entry).
    pub fn check_registered(&self, envelope: u32, name: &str, version: u32, at: &str, sink: &mut Sink) {
        let file = std::path::Path::new(crate::load::REGISTRY_FILE);
        let Some((event_type, schema_version)) = self.checks.get(&envelope) else { return };
        if let Some(Err(e)) = event_type.as_ref().map(|p| p.0.validate(&Value::String(name.to_owned()))) {
            sink.push(file, at, Problem::Envelope(format!("event type {name:?} breaks envelope-v{envelope}'s schema for it: {e}")));
        }
        if let Some(Err(e)) = schema_version.as_ref().map(|p| p.0.validate(&Value::from(version))) {
            sink.push(file, at, Problem::Envelope(format!("{name} v{version}: version {version} breaks envelope-v{envelope}'s schema for it: {e}")));
        }
    }
}

/// Names the hand-written items of an envelope module take; no translated type may.
pub const RESERVED_TYPES: &[&str] = &["Envelope", "EnvelopeBuilder", "EventPayload", "Producer", "Actor", "WireIn", "WireHead", "InEnvelope", "Probe"];

/// Methods of `Envelope` that are not getters of a property.
const RESERVED_METHODS: &[&str] = &[
    "builder",
    "payload",
    "into_payload",
    "to_json",
    "from_json",
    "with_payload",
    "into_envelope",
    "split",
    "build",
    "build_with",
    "caused_by",
    "try_caused_by",
    "acted_by",
];

/// Keywords an envelope's root may use: its members are typed one by one, so a rule
/// across members (`if`, `dependentRequired`, …) would not be enforced and is refused.
const ROOT_KEYWORDS: &[&str] =
    &["$schema", "$id", "$comment", "$defs", "definitions", "title", "description", "type", "properties", "required", "additionalProperties", "examples"];

/// Reads every envelope of the set; the default (the version the registry names, else the
/// lowest) gets the `envelope` module itself, the others `envelope::vN`.
pub fn build(
    docs: &BTreeMap<u32, SchemaDoc>,
    default: u32,
    config_roles: &BTreeMap<String, EnvelopeRole>,
    contracts_root: &std::path::Path,
    shared: &mut Shared,
    sink: &mut Sink,
) -> Envelopes {
    let mut out = Envelopes::default();
    let mut vocabulary: Option<(u32, Vec<String>)> = None;
    for (&version, doc) in docs {
        let Some((mut model, producers, checks)) = build_one(version, doc, config_roles, contracts_root, shared, sink) else { continue };
        model.module = (version != default).then(|| format!("v{version}"));
        if let Some(producers) = producers {
            match &vocabulary {
                Some((first, known)) if *known != producers => sink.push(
                    &doc.shown,
                    "/properties",
                    Problem::Envelope(format!(
                        "the producer enum differs from envelope-v{first}'s ({known:?}): the producers of a contract set are one vocabulary, listed alike in every envelope"
                    )),
                ),
                Some(_) => {}
                None => vocabulary = Some((version, producers)),
            }
        }
        out.checks.insert(version, checks);
        out.models.push(model);
    }
    for name in config_roles.keys() {
        if !docs.values().any(|d| d.value.get("properties").and_then(|p| p.get(name)).is_some()) {
            sink.push(
                std::path::Path::new("Config::envelope_role"),
                "",
                Problem::BadConfig(format!("envelope_role({name:?}, …): no envelope schema has a property {name:?}")),
            );
        }
    }
    if let [first, ..] = out.models.as_slice() {
        for model in &out.models[1..] {
            for role in [EnvelopeRole::EventType, EnvelopeRole::SchemaVersion] {
                let (a, b) = (first.role(role).map(|f| &f.json), model.role(role).map(|f| &f.json));
                if a != b {
                    sink.push(
                        std::path::Path::new(&model.file),
                        "/properties",
                        Problem::Envelope(format!(
                            "the {role} is {b:?} here and {a:?} in envelope-v{}: every envelope must name it alike, so that a message's envelope can be told",
                            first.version
                        )),
                    );
                }
            }
        }
    }
    out.producers = vocabulary.map(|(_, p)| p).unwrap_or_default();
    out
}

type Built = (EnvelopeModel, Option<Vec<String>>, (Option<CompiledProgram>, Option<CompiledProgram>));

fn build_one(
    version: u32,
    doc: &SchemaDoc,
    config_roles: &BTreeMap<String, EnvelopeRole>,
    contracts_root: &std::path::Path,
    shared: &mut Shared,
    sink: &mut Sink,
) -> Option<Built> {
    let file = doc.shown.as_path();
    let before = sink.len();
    let fail = |sink: &mut Sink, pointer: &str, message: String| sink.push(file, pointer, Problem::Envelope(message));
    let Some(root) = doc.value.as_object() else {
        fail(sink, "", "the envelope schema must be an object".into());
        return None;
    };
    for key in root.keys().filter(|k| !k.starts_with("x-") && !ROOT_KEYWORDS.contains(&k.as_str())) {
        fail(sink, &child("", key), format!("`{key}` is not supported at an envelope's root: its members are typed one by one, so only {ROOT_KEYWORDS:?} and `x-` annotations are enforced there"));
    }
    if root.get("type").is_some_and(|t| t != "object") {
        fail(sink, "/type", "an envelope is an object: `type` must be \"object\"".into());
    }
    let deny_unknown = match root.get("additionalProperties") {
        Some(Value::Bool(false)) => true,
        None | Some(Value::Bool(true)) => false,
        Some(_) => {
            fail(sink, "/additionalProperties", "must be `false` (unknown members refused) or absent (ignored)".into());
            false
        }
    };
    let Some(props) = root.get("properties").and_then(Value::as_object) else {
        fail(sink, "", "no `properties`: an envelope needs at least its payload, event type and schema version".into());
        return None;
    };
    let required: BTreeSet<&str> = root.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let roles = assign_roles(props, config_roles, file, sink);

    // The properties whose Rust type is the runtime's, not translated.
    let producers = roles.iter().find(|(_, r)| *r == EnvelopeRole::Producer).and_then(|(p, _)| producer_enum(&props[p], &child("/properties", p), file, sink));
    let mut kinds: BTreeMap<&str, FieldKind> = BTreeMap::new();
    for (name, role) in &roles {
        let schema = &props[name];
        let at = child("/properties", name);
        let kind = match role {
            EnvelopeRole::EventType => {
                if schema.get("type").and_then(Value::as_str) != Some("string") {
                    fail(sink, &at, "the event type must be a string: write `\"type\": \"string\"`".into());
                }
                Some(FieldKind::EventType)
            }
            EnvelopeRole::Producer => Some(FieldKind::Producer),
            EnvelopeRole::Payload => {
                check_payload(schema, &at, file, sink);
                Some(FieldKind::Payload)
            }
            EnvelopeRole::Actor if producers.as_deref().is_some_and(|p| is_builtin_actor(schema, p)) => Some(FieldKind::Actor),
            EnvelopeRole::Subject if is_builtin_subject(schema) => Some(FieldKind::Entity),
            _ => None,
        };
        if let Some(kind) = kind {
            kinds.insert(name, kind);
        }
    }
    if kinds.values().any(|k| *k == FieldKind::Actor) {
        shared.id_uses.push(IdUse { prefix: "per".into(), property: "person_id".into() });
    }

    // Every other property is translated like a payload's.
    let mut derived = doc.value.clone();
    // Where each entry of the derived `required` stands in the file's, for the pointers of
    // problems found in it.
    let mut required_at: Vec<usize> = Vec::new();
    if let Some(obj) = derived.as_object_mut() {
        if let Some(Value::Object(p)) = obj.get_mut("properties") {
            p.retain(|name, _| !kinds.contains_key(name.as_str()));
        }
        if let Some(Value::Array(r)) = obj.get_mut("required") {
            let kept = |name: &Value| name.as_str().is_none_or(|n| !kinds.contains_key(n));
            required_at = r.iter().enumerate().filter(|(_, name)| kept(name)).map(|(i, _)| i).collect();
            r.retain(kept);
        }
        // Reported above; the rest is still translated, so every problem shows in one run.
        obj.retain(|k, _| k.starts_with("x-") || ROOT_KEYWORDS.contains(&k.as_str()));
        if !deny_unknown {
            obj.remove("additionalProperties");
        }
    }
    let (space, mut typed) = if kinds.len() == props.len() {
        (TypeSpace::default(), BTreeMap::new())
    } else {
        let since = sink.len();
        let mut translator = Translator::new(&doc.shown, &doc.path, &derived, doc.draft, sink, shared);
        for name in RESERVED_TYPES {
            translator.reserve(name);
        }
        let (space, root_id) = translator.translate_root("EnvelopeFields");
        sink.repoint_since(since, &doc.shown, |pointer| {
            let tail = pointer.strip_prefix("/required/")?;
            let (index, below) = tail.find('/').map_or((tail, ""), |end| tail.split_at(end));
            let at = required_at.get(index.parse::<usize>().ok()?)?;
            Some(format!("/required/{at}{below}"))
        });
        let root_id = root_id?;
        let crate::model::types::TypeKind::Struct(root_struct) = &space.defs[root_id].kind else { return None };
        let mut typed: BTreeMap<String, Slot> = root_struct.fields.iter().map(|f| (f.json.clone(), f.slot.clone())).collect();
        let Some(space) = space::without_root(space, root_id) else {
            fail(sink, "", "a property refers to the envelope itself; an envelope is not recursive".into());
            return None;
        };
        for slot in typed.values_mut() {
            space::renumber(slot, root_id);
        }
        (space, typed)
    };

    let mut idents = Scope::with_reserved(RESERVED_METHODS);
    for role in EnvelopeRole::ALL {
        idents.reserve(role.getter());
    }
    let mut fields = Vec::new();
    let mut programs = (None, None);
    for (name, schema) in props {
        let role = roles.iter().find(|(p, _)| p == name).map(|(_, r)| *r);
        let at = child("/properties", name);
        let kind = match kinds.remove(name.as_str()) {
            Some(kind) => kind,
            None => FieldKind::Typed(typed.remove(name)?),
        };
        let is_required = required.contains(name.as_str());
        let mut program = |sink: &mut Sink| match shared.rules.program(contracts_root, file, &at, schema, doc.draft) {
            Ok(p) => Some(p),
            Err(errors) => {
                for e in errors {
                    sink.push(e.file.as_deref().unwrap_or(file), &e.pointer, Problem::Rules(e.message));
                }
                None
            }
        };
        let kind = match (role, kind) {
            (Some(EnvelopeRole::EventType), kind) => {
                programs.0 = program(sink);
                kind
            }
            (Some(EnvelopeRole::SchemaVersion), FieldKind::Typed(slot)) => {
                if !matches!(slot, Slot { shape: Shape::Integer { .. }, nullable: false }) {
                    fail(sink, &at, "the schema version must be an integer: write `\"type\": \"integer\", \"minimum\": 1`".into());
                }
                programs.1 = program(sink);
                FieldKind::SchemaVersion(slot)
            }
            (Some(EnvelopeRole::EventId), FieldKind::Typed(slot)) => {
                if !is_required || slot.nullable {
                    fail(sink, &at, "the event id must be required and not nullable: the builder always mints one".into());
                }
                if !matches!(slot.shape, Shape::Id(_)) {
                    // Minted as the text of a UUIDv7: the schema must accept that.
                    let sample = Value::String("0190a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b".into());
                    if program(sink).is_some_and(|p| p.0.validate(&sample).is_err()) {
                        fail(sink, &at, format!("the builder mints event ids as `<prefix>_<UUIDv7>` (a pattern `^<prefix>_{UUID_V7_PATTERN_BODY}`) or as a bare UUIDv7 text, and this schema accepts neither"));
                    }
                }
                FieldKind::Typed(slot)
            }
            (Some(EnvelopeRole::OccurredAt), FieldKind::Typed(slot)) => {
                if slot != (Slot { shape: Shape::DateTime, nullable: false }) {
                    fail(sink, &at, "occurred-at is filled from the clock: it must be `\"type\": \"string\", \"format\": \"date-time\"`, not nullable".into());
                }
                FieldKind::Typed(slot)
            }
            (_, kind) => kind,
        };
        if matches!(kind, FieldKind::Payload | FieldKind::EventType | FieldKind::SchemaVersion(_)) && !is_required {
            fail(sink, &at, format!("the {} must be listed in `required`", role.map_or("payload", EnvelopeRole::name)));
        }
        let ident = match role {
            Some(role) => role.getter().to_owned(),
            None => idents.claim(&snake(name)),
        };
        let doc_text = schema.get("description").and_then(Value::as_str).map(str::to_owned);
        fields.push(EnvelopeField { json: name.clone(), ident, role, required: is_required, kind, doc: doc_text });
    }
    // The payload goes last on the wire whatever the schema's order: readers see the
    // metadata first (and the bytes are those the envelope has always had).
    if let Some(at) = fields.iter().position(|f| f.kind == FieldKind::Payload) {
        let payload = fields.remove(at);
        fields.push(payload);
    }
    let cloudevents = ["specversion", "id", "source", "type", "data"].iter().all(|p| props.contains_key(*p))
        && fields.iter().any(|f| f.json == "data" && f.role == Some(EnvelopeRole::Payload));
    let model = EnvelopeModel { version, file: doc.shown.to_string_lossy().replace('\\', "/"), module: None, fields, space, deny_unknown, cloudevents };
    (sink.len() == before).then_some((model, producers, programs))
}

/// Each property's role: annotations and `Config::envelope_role`, or, when the envelope
/// declares none, the built-in mapping by property name. Mandatory roles left unplayed
/// are reported with what to write.
fn assign_roles(props: &Map<String, Value>, config: &BTreeMap<String, EnvelopeRole>, file: &std::path::Path, sink: &mut Sink) -> Vec<(String, EnvelopeRole)> {
    let mut declared: Vec<(String, EnvelopeRole)> = Vec::new();
    for (name, schema) in props {
        let at = child(&child("/properties", name), ROLE_KEYWORD);
        let annotated = match schema.get(ROLE_KEYWORD) {
            None => None,
            Some(Value::String(text)) => match text.parse::<EnvelopeRole>() {
                Ok(role) => Some(role),
                Err(message) => {
                    sink.push(file, &at, Problem::Envelope(message));
                    None
                }
            },
            Some(_) => {
                sink.push(file, &at, Problem::Envelope(format!("`{ROLE_KEYWORD}` must be a string: one of {}", roles::names_list())));
                None
            }
        };
        let configured = config.get(name).copied();
        if let (Some(a), Some(c)) = (annotated, configured) {
            if a != c {
                sink.push(file, &at, Problem::Envelope(format!("the schema says {name:?} is the {a}, Config::envelope_role says the {c}")));
            }
        }
        if let Some(role) = annotated.or(configured) {
            declared.push((name.clone(), role));
        }
    }
    if declared.is_empty() {
        declared = props.keys().filter_map(|name| EnvelopeRole::builtin(name).map(|r| (name.clone(), r))).collect();
    }
    let mut seen: BTreeMap<EnvelopeRole, &str> = BTreeMap::new();
    for (name, role) in &declared {
        if let Some(first) = seen.insert(*role, name) {
            sink.push(
                file,
                &child("/properties", name),
                Problem::Envelope(format!("the {role} is played by both {first:?} and {name:?}: one property per role")),
            );
        }
    }
    for role in EnvelopeRole::ALL.iter().filter(|r| r.mandatory() && !seen.contains_key(r)) {
        sink.push(
            file,
            "/properties",
            Problem::Envelope(format!(
                "no property plays the {role}: mark it with `\"{ROLE_KEYWORD}\": \"{role}\"` in its schema, or call Config::envelope_role(\"<property>\", EnvelopeRole::{role:?})"
            )),
        );
    }
    declared
}

/// Keywords a property may have besides those its special Rust type enforces.
fn only_keywords(schema: &Value, allowed: &[&str]) -> bool {
    schema.as_object().is_some_and(|o| {
        o.keys().all(|k| k.starts_with("x-") || ["description", "title", "$comment", "examples"].contains(&k.as_str()) || allowed.contains(&k.as_str()))
    })
}

/// The producer role's enum of strings, in schema order.
fn producer_enum(schema: &Value, at: &str, file: &std::path::Path, sink: &mut Sink) -> Option<Vec<String>> {
    let values: Option<Vec<String>> = schema.get("enum").and_then(Value::as_array).and_then(|v| v.iter().map(|s| s.as_str().map(str::to_owned)).collect());
    let fine = only_keywords(schema, &["type", "enum"]) && schema.get("type").is_none_or(|t| t == "string");
    match values {
        Some(values) if fine && !values.is_empty() => {
            let mut seen = BTreeSet::new();
            if let Some(twice) = values.iter().find(|p| !seen.insert(p.as_str())) {
                sink.push(file, &child(at, "enum"), Problem::Envelope(format!("producer {twice:?} is listed twice")));
                return None;
            }
            Some(values)
        }
        _ => {
            sink.push(
                file,
                at,
                Problem::Envelope("the producer must be a non-empty `enum` of strings (the registry's producers), with no other constraint".into()),
            );
            None
        }
    }
}

/// The payload property may only say that the payload is an object: the payload itself
/// is checked by the schema the registry names for its type and version.
fn check_payload(schema: &Value, at: &str, file: &std::path::Path, sink: &mut Sink) {
    if !only_keywords(schema, &["type"]) || schema.get("type").is_some_and(|t| t != "object") {
        sink.push(
            file,
            at,
            Problem::Envelope(
                "the payload may only be `\"type\": \"object\"`: each payload is checked by the schema the registry names for its type and version".into(),
            ),
        );
    }
}

/// `per_<UUIDv7>` or `system:<producer>`, exactly as `envelope-v1.json` says it.
fn is_builtin_actor(schema: &Value, producers: &[String]) -> bool {
    let patterns: Option<Vec<&str>> = schema
        .get("oneOf")
        .and_then(Value::as_array)
        .and_then(|b| b.iter().map(|b| if only_keywords(b, &["pattern"]) { b.get("pattern").and_then(Value::as_str) } else { None }).collect());
    let want = [format!("^per_{UUID_V7_PATTERN_BODY}"), format!("^system:({})$", producers.join("|"))];
    only_keywords(schema, &["type", "oneOf"]) && schema.get("type").is_none_or(|t| t == "string") && patterns.is_some_and(|p| p == want)
}

/// Any prefixed UUIDv7 id, exactly as `envelope-v1.json` says it.
fn is_builtin_subject(schema: &Value) -> bool {
    let want = format!("^[a-z][a-z0-9]*_{UUID_V7_PATTERN_BODY}");
    only_keywords(schema, &["type", "pattern"])
        && schema.get("type").is_none_or(|t| t == "string")
        && schema.get("pattern").and_then(Value::as_str) == Some(want.as_str())
}
