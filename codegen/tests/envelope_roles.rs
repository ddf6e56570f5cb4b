//! The envelope is generated from its schema: its properties play roles named by
//! `x-event-role`, `Config::envelope_role` or the built-in mapping, every other property
//! is a typed field, and whatever cannot be enforced is refused with what to write.

mod support;

use events_codegen::{EnvelopeRole, Problem};
use serde_json::{json, Value};
use support::{object, Set};

const ENVELOPE_FILE: &str = "event-envelope/schema/envelope-v1.json";

/// The mini fixture's envelope (the built-in mapping), producers `shop` only.
fn mini_envelope() -> Value {
    let text = std::fs::read_to_string(support::root().join("tests/fixtures/contracts-mini/contracts").join(ENVELOPE_FILE)).unwrap();
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["properties"]["producer"]["enum"] = json!(["shop"]);
    doc["properties"]["actor"]["oneOf"][1]["pattern"] = "^system:(shop)$".into();
    doc
}

/// An envelope of other names: `id`, `kind`, `rev`, `body`, `at`, `tenant`; with
/// `annotate`, each carries its `x-event-role`.
fn renamed_envelope(annotate: bool) -> Value {
    let mut doc = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://contracts.example/event-envelope/schema/envelope-v1.json",
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "kind", "rev", "body", "at", "tenant"],
        "properties": {
            "id": {"type": "string", "pattern": "^msg_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"},
            "kind": {"type": "string"},
            "rev": {"type": "integer", "minimum": 1},
            "body": {"type": "object"},
            "at": {"type": "string", "format": "date-time"},
            "tenant": {"type": "string", "maxLength": 40}
        }
    });
    if annotate {
        for (p, role) in
            [("id", "event-id"), ("kind", "event-type"), ("rev", "schema-version"), ("body", "payload"), ("at", "occurred-at"), ("tenant", "tenant")]
        {
            doc["properties"][p]["x-event-role"] = role.into();
        }
    }
    doc
}

fn set_with(envelope: Value) -> Set {
    Set::new().event("order.placed", "shop", object(json!({"note": {"type": "string"}}))).file(ENVELOPE_FILE, envelope)
}

/// `source` holds `item`, whitespace aside (prettyplease breaks long lines).
fn has(source: &str, item: &str) -> bool {
    let squeeze = |t: &str| t.split_whitespace().collect::<String>().replace(",)", ")");
    squeeze(source).contains(&squeeze(item))
}

fn messages(problems: &[(String, String, Problem)]) -> Vec<String> {
    problems.iter().map(|(f, p, problem)| format!("{f}#{p}: {problem}")).collect()
}

#[test]
fn roles_declared_by_annotation_and_by_config_generate_the_same_code() {
    let annotated = set_with(renamed_envelope(true)).generate().unwrap();
    let configured = set_with(renamed_envelope(false))
        .generate_with(|c| {
            for (p, role) in [
                ("id", EnvelopeRole::EventId),
                ("kind", EnvelopeRole::EventType),
                ("rev", EnvelopeRole::SchemaVersion),
                ("body", EnvelopeRole::Payload),
                ("at", EnvelopeRole::OccurredAt),
                ("tenant", EnvelopeRole::Tenant),
            ] {
                c.envelope_role(p, role);
            }
        })
        .unwrap();
    assert_eq!(annotated, configured);
    // Role getters have the role's name whatever the property is called; the wire keeps it.
    for expected in [
        "pub fn event_id(&self) -> super::ids::MsgId",
        "pub fn event_type(&self) -> &'static str",
        "pub fn tenant_id(&self) -> &::events_runtime::BoundedString<0, 40>",
        "#[serde(rename = \"kind\")]",
        "#[serde(rename = \"body\")]",
        "pub fn builder(tenant_id: ::events_runtime::BoundedString<0, 40>, payload: P)",
    ] {
        assert!(has(&annotated, expected), "missing {expected:?}");
    }
    // No producer, actor, subject or correlation: no API for them.
    for absent in ["enum Producer", "enum Actor", "fn acted_by", "fn caused_by", "fn subject", "const PRODUCER"] {
        assert!(!has(&annotated, absent), "unexpected {absent:?}");
    }
}

#[test]
fn a_missing_mandatory_role_says_where_and_what_to_write() {
    let mut envelope = renamed_envelope(true);
    envelope["properties"]["rev"].as_object_mut().unwrap().remove("x-event-role");
    let problems = set_with(envelope).generate().unwrap_err();
    assert_eq!(
        messages(&problems),
        [format!(
            "{ENVELOPE_FILE}#/properties: envelope schema: no property plays the schema-version: mark it with `\"x-event-role\": \"schema-version\"` in its schema, or call Config::envelope_role(\"<property>\", EnvelopeRole::SchemaVersion)"
        )]
    );
}

#[test]
fn conflicting_unknown_and_repeated_roles_are_refused() {
    let mut envelope = renamed_envelope(true);
    envelope["properties"]["tenant"]["x-event-role"] = "tennant".into();
    envelope["properties"]["at"]["x-event-role"] = "event-id".into();
    let problems = set_with(envelope).generate_with(|c| {
        c.envelope_role("kind", EnvelopeRole::Subject).envelope_role("nowhere", EnvelopeRole::Actor);
    });
    let found = messages(&problems.unwrap_err());
    let expect = [
        "#/properties/tenant/x-event-role: envelope schema: unknown envelope role \"tennant\": the roles are \"event-id\"",
        "#/properties/kind/x-event-role: envelope schema: the schema says \"kind\" is the event-type, Config::envelope_role says the subject",
        "#/properties/at: envelope schema: the event-id is played by both \"id\" and \"at\": one property per role",
        "Config::envelope_role#: envelope_role(\"nowhere\", …): no envelope schema has a property \"nowhere\"",
    ];
    for e in expect {
        assert!(found.iter().any(|f| f.contains(e)), "no {e:?} in {found:#?}");
    }
}

#[test]
fn an_extra_property_becomes_a_typed_field_with_getter_and_setter() {
    let mut envelope = mini_envelope();
    envelope["properties"]["trace_parent"] =
        json!({"type": "string", "pattern": "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$", "description": "W3C trace context."});
    let source = set_with(envelope).generate().unwrap();
    for expected in [
        "pub struct TraceParent",
        "pub fn trace_parent(&self) -> Option<&TraceParent>",
        "pub fn trace_parent(mut self, value: TraceParent) -> Self",
        "pub(crate) trace_parent: ::core::option::Option<TraceParent>",
    ] {
        assert!(has(&source, expected), "missing {expected:?}");
    }
    // The built-in roles are all still there.
    for expected in ["fn acted_by", "fn caused_by", "const PRODUCER", "pub fn subject(&self) -> Option<&::events_runtime::EntityId>"] {
        assert!(has(&source, expected), "missing {expected:?}");
    }
}

#[test]
fn envelope_rules_the_envelope_cannot_enforce_are_refused() {
    let mut envelope = mini_envelope();
    envelope["if"] = json!({"required": ["subject"]});
    envelope["properties"]["payload"]["minProperties"] = 1.into();
    envelope["properties"]["occurred_at"] = json!({"type": "string"});
    let found = messages(&set_with(envelope).generate().unwrap_err());
    for e in [
        "#/if: envelope schema: `if` is not supported at an envelope's root",
        "#/properties/payload: envelope schema: the payload may only be `\"type\": \"object\"`",
        "#/properties/occurred_at: envelope schema: occurred-at is filled from the clock",
    ] {
        assert!(found.iter().any(|f| f.contains(e)), "no {e:?} in {found:#?}");
    }
}

#[test]
fn registered_names_and_versions_must_satisfy_the_envelope() {
    let mut envelope = mini_envelope();
    envelope["properties"]["event_type"]["pattern"] = "^shop\\.".into();
    envelope["properties"]["schema_version"]["multipleOf"] = 2.into();
    let found = messages(&set_with(envelope).generate().unwrap_err());
    assert!(
        found.iter().any(|f| f.starts_with(
            "event-types-registry.json#/event_types/order.placed/schema_versions/0: envelope schema: event type \"order.placed\" breaks envelope-v1's schema"
        )),
        "{found:#?}"
    );
    assert!(found.iter().any(|f| f.contains("order.placed v1: version 1 breaks envelope-v1's schema")), "{found:#?}");
}

#[test]
fn an_event_id_that_is_not_a_prefixed_id_is_minted_as_uuid_text() {
    let mut envelope = renamed_envelope(true);
    envelope["properties"]["id"] = json!({"type": "string", "format": "uuid", "x-event-role": "event-id"});
    let source = set_with(envelope.clone()).generate().unwrap();
    assert!(source.contains("::events_runtime::__private::mint_text_id::<"), "text ids are minted through their type");
    envelope["properties"]["id"] = json!({"type": "string", "pattern": "^x-", "x-event-role": "event-id"});
    let found = messages(&set_with(envelope).generate().unwrap_err());
    assert!(found.iter().any(|f| f.contains("#/properties/id: envelope schema: the builder mints event ids")), "{found:#?}");
}

/// Only the three mandatory roles: no id, clock, producer, actor or tenant API, and the
/// builder takes the payload alone.
#[test]
fn an_envelope_of_the_mandatory_roles_alone_generates() {
    let envelope = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["event_type", "schema_version", "payload"],
        "properties": {
            "event_type": {"type": "string"},
            "schema_version": {"type": "integer", "minimum": 1},
            "payload": {"type": "object"}
        }
    });
    let source = set_with(envelope).generate().unwrap();
    assert!(has(&source, "pub fn builder(payload: P) -> EnvelopeBuilder<P>"));
    assert!(has(&source, "let _ = clock; let _ = ids;"));
    for absent in ["fn event_id", "fn occurred_at", "fn tenant_id", "fn caused_by", "deny_unknown_fields"] {
        assert!(!has(&source, absent), "unexpected {absent:?}");
    }
}

/// The envelopes above compile, and their API is usable: one scratch crate, one build.
#[test]
fn generated_envelopes_compile() {
    let mut trace = mini_envelope();
    trace["properties"]["trace_parent"] = json!({"type": "string", "pattern": "^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"});
    // A property whose type would take the name of a hand-written item of the module.
    trace["properties"]["wire_head"] = json!({"type": "string", "pattern": "^[a-z]+$"});
    // Shared with `AnyEvent`: an optional nullable member (its getter two `Option`s deep),
    // and a list of an envelope enum, which `AnyEvent` cannot name and so does not read.
    trace["properties"]["note"] = json!({"type": ["string", "null"]});
    trace["properties"]["tags"] = json!({"type": "array", "items": {"type": "string", "enum": ["a", "b"]}});
    let minimal = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["event_type", "schema_version", "payload"],
        "properties": {"event_type": {"type": "string"}, "schema_version": {"type": "integer", "minimum": 1}, "payload": {"type": "object"}}
    });
    let mut text_id = renamed_envelope(true);
    // Ids that are not prefixed ids: `caused_by` needs the causation id to be of the event
    // id's type, so both refer to one definition.
    text_id["$defs"] = json!({"id": {"type": "string", "format": "uuid"}});
    text_id["properties"]["id"] = json!({"$ref": "#/$defs/id", "x-event-role": "event-id"});
    text_id["properties"]["cause"] = json!({"$ref": "#/$defs/id", "x-event-role": "causation"});
    // An event id of a type the envelope defines (a checked string): `AnyEvent` is a
    // `Cause` of that type, named by its path from `any`.
    let mut named_id = text_id.clone();
    named_id["$defs"] = json!({"id": {"type": "string", "pattern": "^[0-9a-f-]{36}$"}});
    // A correlation id of other text than the `evt_` event ids (no `Cause`), and an actor of
    // another shape (a typed field, not the runtime's `Actor`).
    let mut no_cause = mini_envelope();
    no_cause["properties"]["correlation_id"] = json!({"type": "string", "minLength": 1});
    no_cause["properties"]["actor"] = json!({"type": "string", "maxLength": 80});
    let cases = [
        ("no_cause", no_cause, "let e = envelope::Envelope::builder(::events_runtime::NonEmptyString::new(\"t\").unwrap(), p).correlation_id(::events_runtime::NonEmptyString::new(\"c\").unwrap()).actor(::events_runtime::BoundedString::new(\"someone\").unwrap()).build(); let _: Option<&::events_runtime::BoundedString<0, 80>> = e.actor(); let _ = e.correlation_id();"),
        ("renamed", renamed_envelope(true), "let e = envelope::Envelope::builder(::events_runtime::BoundedString::new(\"t\").unwrap(), p).build(); let _: ids::MsgId = e.event_id();"),
        ("trace", trace, "let e = envelope::Envelope::builder(::events_runtime::NonEmptyString::new(\"t\").unwrap(), p).trace_parent(envelope::TraceParent::new(\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\").unwrap()).build(); let _ = e.trace_parent(); let _ = any::AnyEvent::from_json(e.to_json().as_bytes()).map(|a| { let _: Option<Option<&str>> = a.note(); a.correlation_id() });"),
        ("minimal", minimal, "let e = envelope::Envelope::builder(p).build(); let _: u32 = e.schema_version();"),
        ("text_id", text_id, "let a = envelope::Envelope::builder(::events_runtime::BoundedString::new(\"t\").unwrap(), p.clone()).build(); let b = envelope::Envelope::builder(::events_runtime::BoundedString::new(\"t\").unwrap(), p).caused_by(&a).build(); let _ = b.causation_id();"),
        ("named_id", named_id, "let a = envelope::Envelope::builder(::events_runtime::BoundedString::new(\"t\").unwrap(), p).build(); let any = any::AnyEvent::from_json(a.to_json().as_bytes()).unwrap(); let _: &envelope::Id = ::events_runtime::Cause::cause_event_id(&any);"),
    ];
    let mut scratch = support::Scratch::new();
    for (name, envelope, body) in cases {
        let source = set_with(envelope).generate().unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let any = &source[source.find("pub mod any").unwrap_or(0)..];
        match name {
            "trace" => assert!(has(any, "pub fn note(&self) -> Option<Option<&str>>") && !any.contains("fn tags("), "{name}: {any}"),
            "named_id" => assert!(has(any, "impl ::events_runtime::Cause for AnyEvent { type Id = super::envelope::Id;"), "{name}: {any}"),
            _ => {}
        }
        scratch.add(name, &source, &format!("pub fn use_it() {{ let p = shop::OrderPlacedV1::new(); {body} }}"));
    }
    scratch.build().unwrap_or_else(|e| panic!("{e}"));
}

/// Envelope v1 with `evt_` ids, envelope v2 with ids of any non-empty text (CloudEvents'
/// `id`): `caused_by` takes only a cause of its own id type, so across these two versions
/// the chain goes through `try_caused_by`, which keeps an id as written when the effect's
/// id type accepts it and refuses it otherwise (never rewritten); `AnyEvent` is no `Cause`.
#[test]
fn ids_of_another_type_are_checked_across_envelope_versions() {
    let mut v1 = mini_envelope();
    v1["properties"]["causation_id"] = v1["properties"]["correlation_id"].clone();
    let mut v2 = mini_envelope();
    v2["$id"] = "https://contracts.example/event-envelope/schema/envelope-v2.json".into();
    for p in ["event_id", "correlation_id", "causation_id"] {
        v2["properties"][p] = json!({"type": "string", "minLength": 1});
    }
    let entry = |name: &str, envelope: Option<u32>| {
        let mut e = json!({
            "producer": "shop", "consumers": [], "owning_contract": "contracts/shop/README.md",
            "schema_versions": [{"version": 1, "payload_schema": format!("contracts/shop/schema/payloads/{name}-v1.json"), "status": "active", "registered_at": "2026-01-01"}]
        });
        if let Some(n) = envelope {
            e["envelope"] = n.into();
        }
        e
    };
    let registry = json!({"event_types": {"order.placed": entry("order.placed", None), "order.shipped": entry("order.shipped", Some(2))}});
    let source = Set::new()
        .event("order.placed", "shop", object(json!({})))
        .event("order.shipped", "shop", object(json!({})))
        .file(ENVELOPE_FILE, v1)
        .file("event-envelope/schema/envelope-v2.json", v2)
        .file("event-types-registry.json", registry)
        .generate()
        .unwrap();
    assert_eq!(source.matches("impl<P> ::events_runtime::Cause for Envelope<P>").count(), 2, "each version is a cause of its own id type");
    assert!(!has(&source, "impl ::events_runtime::Cause for AnyEvent"), "the versions' id types differ: AnyEvent has no one id type");
    let test = r#"
        #[test]
        fn ids_are_kept_as_written_or_refused() {
            let clock = ::events_runtime::FixedClock("2026-03-01T10:00:00Z".parse().unwrap());
            let ids = ::events_runtime::SequentialIds::new(1_772_000_000_000);
            let tenant = || ::events_runtime::NonEmptyString::new("t").unwrap();
            let first = envelope::Envelope::builder(tenant(), shop::OrderPlacedV1::new()).build_with(&clock, &ids).unwrap();
            // Envelope v2 takes any non-empty text: the `evt_` ids are kept as written.
            let second = envelope::v2::Envelope::builder(tenant(), shop::OrderShippedV1::new()).try_caused_by(&first).unwrap().build_with(&clock, &ids).unwrap();
            let first_id = first.event_id().to_string();
            assert_eq!(second.correlation_id().map(|c| c.as_str()), Some(first_id.as_str()));
            assert_eq!(second.causation_id().map(|c| c.as_str()), Some(first_id.as_str()));
            assert!(!second.event_id().starts_with("evt_"), "v2 mints bare UUIDs: {}", second.event_id());
            // Within v2, `caused_by` keeps the chain.
            let third = envelope::v2::Envelope::builder(tenant(), shop::OrderShippedV1::new()).caused_by(&second).build_with(&clock, &ids).unwrap();
            assert_eq!(third.correlation_id().map(|c| c.as_str()), Some(first_id.as_str()));
            assert_eq!(third.causation_id(), Some(second.event_id()));
            // Back into v1: the correlation id is an `evt_` id, the causation id (v2's bare
            // UUID) is not, so the cause is refused with that id.
            let refused = envelope::Envelope::builder(tenant(), shop::OrderPlacedV1::new()).try_caused_by(&third).unwrap_err();
            assert_eq!(refused.id, third.event_id().as_str());
            assert!(refused.reason.contains("evt_"), "{refused}");
            // A v2 event that starts its chain has a bare UUID as correlation: refused too.
            let start = envelope::v2::Envelope::builder(tenant(), shop::OrderShippedV1::new()).build_with(&clock, &ids).unwrap();
            let refused = envelope::Envelope::builder(tenant(), shop::OrderPlacedV1::new()).try_caused_by(&start).unwrap_err();
            assert_eq!(refused.id, start.event_id().as_str());
        }
    "#;
    let mut scratch = support::Scratch::new();
    scratch.add("mixed_ids", &source, test);
    let out = scratch.test().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.contains("1 passed"), "{out}");
}

/// A set of many versions (70, in two envelope versions): every version routes to its own
/// variant, from an envelope and as a bare payload, and compares, clones and prints as its
/// variant.
#[test]
fn many_versions_in_two_envelopes_route_every_version() {
    const TYPES: usize = 70;
    let mut v2 = mini_envelope();
    v2["$id"] = "https://contracts.example/event-envelope/schema/envelope-v2.json".into();
    v2["properties"]["trace"] = json!({"type": "string"});
    let mut entries = serde_json::Map::new();
    let mut set = Set::new();
    for i in 0..TYPES {
        let name = format!("thing{i}.changed");
        let mut entry = json!({
            "producer": "shop", "consumers": [], "owning_contract": "contracts/shop/README.md",
            "schema_versions": [{"version": 1, "payload_schema": format!("contracts/shop/schema/payloads/{name}-v1.json"), "status": "active", "registered_at": "2026-01-01"}]
        });
        // Every third type travels in envelope v2.
        if i % 3 == 2 {
            entry["envelope"] = 2.into();
        }
        entries.insert(name.clone(), entry);
        set = set.event(&name, "shop", object(json!({"n": {"type": "integer", "minimum": i}})));
    }
    let source = set
        .file(ENVELOPE_FILE, mini_envelope())
        .file("event-envelope/schema/envelope-v2.json", v2)
        .file("event-types-registry.json", json!({"event_types": entries}))
        .generate()
        .unwrap();
    // Each type's test: build, encode, decode through AnyEvent and AnyPayload, compare.
    let mut checks = String::new();
    for i in 0..TYPES {
        let (module, ty) = (format!("shop::thing{i}_changed_v1"), format!("Thing{i}ChangedV1"));
        let envelope = if i % 3 == 2 { "envelope::v2::Envelope" } else { "envelope::Envelope" };
        checks.push_str(&format!(
            r##"
            let payload = {module}::{ty}::new().with_n(::events_runtime::Int::new({i}).unwrap());
            let event = {envelope}::builder(tenant(), payload).build_with(&clock, &ids).unwrap();
            let json = event.to_json();
            let any = any::AnyEvent::from_json(json.as_bytes()).unwrap();
            assert!(matches!(&any, any::AnyEvent::{ty}(e) if *e == event), "{{json}}");
            assert_eq!(any.event_type(), "thing{i}.changed");
            assert_eq!(any.to_json(), json);
            assert_eq!(any.event_id(), event.event_id());
            assert_eq!(any.clone(), any);
            assert!(format!("{{any:?}}").starts_with("{ty}("), "{{any:?}}");
            if let Some(previous) = &previous {{
                assert_ne!(previous, &any);
            }}
            let bare = any::AnyPayload::from_json("thing{i}.changed", 1, br#"{{"n": {i}}}"#).unwrap();
            assert!(matches!(&bare, any::AnyPayload::{ty}(_)));
            assert_eq!(bare.to_json(), r#"{{"n":{i}}}"#);
            assert_eq!(bare.clone(), bare);
            // Same variant, another value: not equal; the same value decoded again: equal.
            assert_ne!(bare, any::AnyPayload::from_json("thing{i}.changed", 1, br#"{{"n": {above}}}"#).unwrap());
            assert_eq!(bare, any::AnyPayload::from_json("thing{i}.changed", 1, br#"{{"n": {i}}}"#).unwrap());
            // The minimum of type {i} is {i}: one below is refused by that type's own rule.
            assert!(any::AnyPayload::from_json("thing{i}.changed", 1, br#"{{"n": {below}}}"#).is_err());
            previous = Some(any);
            "##,
            below = i as i64 - 1,
            above = i + 1
        ));
    }
    let test = format!(
        r#"
        #[test]
        fn every_version_routes_to_its_variant() {{
            let clock = ::events_runtime::FixedClock("2026-03-01T10:00:00Z".parse().unwrap());
            let ids = ::events_runtime::SequentialIds::new(1_772_000_000_000);
            let tenant = || ::events_runtime::NonEmptyString::new("t").unwrap();
            let mut previous: Option<any::AnyEvent> = None;
            {checks}
            let unknown = any::AnyPayload::from_json("thing0.changed", 2, b"{{}}").unwrap_err();
            assert!(unknown.to_string().contains("thing0.changed"), "{{unknown}}");
        }}
        "#
    );
    let mut scratch = support::Scratch::new();
    scratch.add("large", &source, &test);
    let out = scratch.test().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.contains("1 passed"), "{out}");
}

/// The producers of a contract set are one vocabulary: an envelope version whose producer
/// enum differs from the first's is refused where it says so, and one that lists the same
/// producers is not.
#[test]
fn envelope_versions_share_one_producer_vocabulary() {
    let with_v2 = |producers: Value| {
        let mut v2 = mini_envelope();
        v2["$id"] = "https://contracts.example/event-envelope/schema/envelope-v2.json".into();
        v2["properties"]["producer"]["enum"] = producers;
        let entry = |name: &str, envelope: u32| {
            json!({
                "producer": "shop", "consumers": [], "owning_contract": "contracts/shop/README.md", "envelope": envelope,
                "schema_versions": [{"version": 1, "payload_schema": format!("contracts/shop/schema/payloads/{name}-v1.json"), "status": "active", "registered_at": "2026-01-01"}]
            })
        };
        Set::new()
            .event("order.placed", "shop", object(json!({})))
            .event("order.shipped", "shop", object(json!({})))
            .file(ENVELOPE_FILE, mini_envelope())
            .file("event-envelope/schema/envelope-v2.json", v2)
            .file("event-types-registry.json", json!({"event_types": {"order.placed": entry("order.placed", 1), "order.shipped": entry("order.shipped", 2)}}))
            .generate()
    };
    with_v2(json!(["shop"])).unwrap_or_else(|e| panic!("the same producers: {}", messages(&e).join("\n")));
    let found = messages(&with_v2(json!(["shop", "billing"])).unwrap_err());
    assert!(
        found
            .iter()
            .any(|m| m.starts_with("event-envelope/schema/envelope-v2.json#/properties: ") && m.contains("the producer enum differs from envelope-v1's")),
        "{found:?}"
    );
}

/// The builder always mints an event id: an event id that may be absent, or `null`, is
/// refused.
#[test]
fn an_optional_or_nullable_event_id_is_refused() {
    let mut optional = mini_envelope();
    optional["required"].as_array_mut().unwrap().retain(|p| p != "event_id");
    let mut nullable = mini_envelope();
    nullable["properties"]["event_id"] = json!({"anyOf": [nullable["properties"]["event_id"].clone(), {"type": "null"}]});
    for (what, envelope) in [("optional", optional), ("nullable", nullable)] {
        let found = messages(&set_with(envelope).generate().unwrap_err());
        assert!(found.iter().any(|m| m.contains("the event id must be required and not nullable")), "{what}: {found:?}");
    }
}

/// An envelope is a `Cause` only when its correlation id, if it has one, is of its event
/// id's type (the cause hands both on as one type): a correlation id of any non-empty text
/// beside `evt_` event ids makes neither the envelope nor `AnyEvent` a `Cause`.
#[test]
fn a_correlation_id_of_another_type_than_the_event_id_makes_no_cause() {
    let cause = "impl<P> ::events_runtime::Cause for Envelope<P>";
    let any_cause = "impl ::events_runtime::Cause for AnyEvent";
    let same = set_with(mini_envelope()).generate().unwrap();
    assert!(has(&same, cause) && has(&same, any_cause), "the mini envelope, whose correlation id is an `evt_` id, is a cause");
    let mut other = mini_envelope();
    other["properties"]["correlation_id"] = json!({"type": "string", "minLength": 1});
    let source = set_with(other).generate().unwrap();
    for absent in [cause, any_cause] {
        assert!(!has(&source, absent), "unexpected {absent:?}");
    }
}

/// The runtime's `Actor` (`per_<UUIDv7>` or `system:<producer>`) stands for an `actor`
/// property of exactly the built-in shape, with the producers' enum; an actor of any other
/// shape is a typed field like any other (`Actor2`, since `Actor` is the runtime's name),
/// with no `acted_by`.
#[test]
fn an_actor_not_of_the_builtin_shape_is_a_typed_field() {
    let builtin = set_with(mini_envelope()).generate().unwrap();
    for expected in
        ["pub enum Actor {", "pub fn actor(&self) -> Option<Actor>", "pub fn acted_by(self, person: super::ids::PersonId) -> Self", "struct PersonId(\"per\")"]
    {
        assert!(has(&builtin, expected), "the built-in actor: missing {expected:?}");
    }
    let mut extra_keyword = mini_envelope();
    extra_keyword["properties"]["actor"]["maxLength"] = 80.into();
    let mut not_a_string = mini_envelope();
    not_a_string["properties"]["actor"]["type"] = "integer".into();
    let mut other_producers = mini_envelope();
    other_producers["properties"]["actor"]["oneOf"][1]["pattern"] = "^system:(shop|billing)$".into();
    let mut no_producer = mini_envelope();
    no_producer["properties"].as_object_mut().unwrap().remove("producer");
    no_producer["required"].as_array_mut().unwrap().retain(|p| p != "producer");
    for (what, envelope) in
        [("extra keyword", extra_keyword), ("not a string", not_a_string), ("other producers", other_producers), ("no producer", no_producer)]
    {
        let source = set_with(envelope).generate().unwrap_or_else(|e| panic!("{what}: {}", messages(&e).join("\n")));
        assert!(has(&source, "pub fn actor(&self) -> Option<&Actor2>"), "{what}: the actor is not a typed field");
        // No `Actor`, so no `per_` person ids for it.
        for absent in ["pub enum Actor {", "fn acted_by", "struct PersonId"] {
            assert!(!has(&source, absent), "{what}: unexpected {absent:?}");
        }
    }
}

/// The runtime's `EntityId` (any prefixed UUIDv7 id) stands for a `subject` of exactly the
/// built-in shape; a subject with another keyword, or of another type, is a typed field.
#[test]
fn a_subject_not_of_the_builtin_shape_is_a_typed_field() {
    let entity = "pub fn subject(&self) -> Option<&::events_runtime::EntityId>";
    assert!(has(&set_with(mini_envelope()).generate().unwrap(), entity), "the built-in subject");
    let mut extra_keyword = mini_envelope();
    extra_keyword["properties"]["subject"]["maxLength"] = 80.into();
    let mut not_a_string = mini_envelope();
    not_a_string["properties"]["subject"]["type"] = "integer".into();
    for (what, envelope) in [("extra keyword", extra_keyword), ("not a string", not_a_string)] {
        let source = set_with(envelope).generate().unwrap_or_else(|e| panic!("{what}: {}", messages(&e).join("\n")));
        assert!(has(&source, "pub fn subject(&self) -> Option<&Subject>"), "{what}: the subject is not a typed field");
        assert!(!has(&source, entity), "{what}: the subject is an EntityId");
    }
}

/// The payload is the last member on the wire and in `Envelope` whatever its place in the
/// schema (the mini envelope lists `subject`, `actor` and `correlation_id` after it); the
/// others keep the schema's order.
#[test]
fn the_payload_goes_last_whatever_the_schema_order() {
    let envelope = mini_envelope();
    let names: Vec<&String> = envelope["properties"].as_object().unwrap().keys().collect();
    assert_ne!(names.last().map(|n| n.as_str()), Some("payload"), "the fixture lists members after the payload");
    let source = set_with(envelope).generate().unwrap();
    let fields = "pub struct Envelope<P> { event_id: super::ids::EventId, producer: Producer, tenant_id: ::events_runtime::NonEmptyString, \
                  occurred_at: ::events_runtime::Timestamp, subject: ::core::option::Option<::events_runtime::EntityId>, \
                  actor: ::core::option::Option<Actor>, correlation_id: ::core::option::Option<super::ids::EventId>, payload: P, }";
    assert!(has(&source, fields), "missing {fields:?}");
}

/// The producer is a non-empty enum of strings and nothing else: another keyword beside
/// it, a type other than `string`, or an empty enum is refused where it is written.
#[test]
fn a_producer_enum_with_other_constraints_or_no_values_is_refused() {
    let mut extra_keyword = mini_envelope();
    extra_keyword["properties"]["producer"]["maxLength"] = 10.into();
    let mut not_a_string = mini_envelope();
    not_a_string["properties"]["producer"]["type"] = "integer".into();
    let mut empty = mini_envelope();
    empty["properties"]["producer"]["enum"] = json!([]);
    for (what, envelope) in [("extra keyword", extra_keyword), ("not a string", not_a_string), ("empty", empty)] {
        let found = messages(&set_with(envelope).generate().unwrap_err());
        assert!(
            found.iter().any(|m| m == &format!("{ENVELOPE_FILE}#/properties/producer: envelope schema: the producer must be a non-empty `enum` of strings (the registry's producers), with no other constraint")),
            "{what}: {found:#?}"
        );
    }
}

/// CloudEvents structured mode (`CloudEventsJson`) is for an envelope with all five of
/// `specversion`, `id`, `source`, `type` and `data`, its payload at `data`: a payload at
/// `data` alone, or the five members with the payload elsewhere, is no CloudEvents envelope.
#[test]
fn only_an_envelope_with_every_cloudevents_member_and_its_payload_at_data_is_cloudevents() {
    let cloudevents = || {
        json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "type": "object",
            "additionalProperties": false,
            "required": ["specversion", "id", "source", "type", "dataversion", "data"],
            "properties": {
                "specversion": {"type": "string", "const": "1.0"},
                "id": {"type": "string", "minLength": 1, "x-event-role": "event-id"},
                "source": {"type": "string", "minLength": 1},
                "type": {"type": "string", "x-event-role": "event-type"},
                "dataversion": {"type": "integer", "minimum": 1, "x-event-role": "schema-version"},
                "data": {"type": "object", "x-event-role": "payload"}
            }
        })
    };
    let source = set_with(cloudevents()).generate().unwrap();
    for expected in ["::events_runtime::CloudEventsJson for Envelope<P>", "impl ::events_runtime::CloudEventsJson for AnyEvent"] {
        assert!(has(&source, expected), "CloudEvents: missing {expected:?}");
    }
    // A payload's errors are located at `/data`, where it is, by `Envelope` and by `AnyEvent`.
    for expected in
        ["__private::decode_payload(json, raw.get().as_bytes(), \"/data\",", "AnyPayload::decode(&event_type, version, json, raw.get().as_bytes(), \"/data\")"]
    {
        assert!(has(&source, expected), "CloudEvents: missing {expected:?}");
    }
    let mut data_alone = cloudevents();
    for p in ["specversion", "source"] {
        data_alone["properties"].as_object_mut().unwrap().remove(p);
        data_alone["required"].as_array_mut().unwrap().retain(|r| r != p);
    }
    let mut payload_elsewhere = cloudevents();
    payload_elsewhere["properties"]["data"] = json!({"type": "object"});
    payload_elsewhere["properties"]["payload"] = json!({"type": "object", "x-event-role": "payload"});
    payload_elsewhere["required"].as_array_mut().unwrap().push("payload".into());
    for (what, envelope) in [("payload at data alone", data_alone), ("payload elsewhere", payload_elsewhere)] {
        let source = set_with(envelope).generate().unwrap_or_else(|e| panic!("{what}: {}", messages(&e).join("\n")));
        assert!(!source.contains("CloudEventsJson"), "{what}: treated as CloudEvents");
    }
}

/// The envelope's members are typed against its own `additionalProperties` (the derived
/// schema keeps `false` and drops `true`): with `false`, a required member that is not
/// under `properties` can never be present, and the envelope is refused; left open (`true`
/// or absent), the envelope generates, open (no `deny_unknown_fields`).
#[test]
fn a_required_member_without_a_schema_is_refused_only_in_a_closed_envelope() {
    let mut closed = mini_envelope();
    closed["required"].as_array_mut().unwrap().push("ghost".into());
    let found = messages(&set_with(closed.clone()).generate().unwrap_err());
    // The pointer is the member's place in the file's own `required`, not in the copy
    // without the roles that the rest of the envelope is translated from.
    let at = closed["required"].as_array().unwrap().len() - 1;
    assert!(
        found.iter().any(|m| m.starts_with(&format!("{ENVELOPE_FILE}#/required/{at}:"))
            && m.ends_with("required property \"ghost\" is not under properties and additionalProperties is false: no value validates; add it to properties")),
        "{found:#?}"
    );
    for open in [Some(true), None] {
        let mut envelope = closed.clone();
        match open {
            Some(open) => envelope["additionalProperties"] = open.into(),
            None => drop(envelope.as_object_mut().unwrap().remove("additionalProperties")),
        }
        let source = set_with(envelope).generate().unwrap_or_else(|e| panic!("additionalProperties {open:?}: {}", messages(&e).join("\n")));
        assert!(!has(&source, "deny_unknown_fields"), "additionalProperties {open:?}");
    }
}
