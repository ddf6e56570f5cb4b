//! The `schemars` feature: the schema schemars emits for each generated type accepts and
//! rejects the conformance corpus exactly as the contract schema does.
//!
//! The verdicts are the independent `jsonschema` validator's (draft 2020-12, formats
//! enforced), once on the contract's schema file and once on what schemars emits
//! (`schemars::schema_for!`, and generators that keep definitions elsewhere), over every
//! valid example and every invalid payload of the corpus; the envelope's types are held to
//! the envelope contract plus the payload contract of the event they name.

mod support;

use events::any::{AnyEvent, AnyPayload};
use schemars::generate::SchemaSettings;
use schemars::{schema_for, SchemaGenerator};
use serde_json::Value;
use support::{invalid_examples, oracle, read_json, registered, root, valid_examples};

/// Makes a fresh schema generator.
type MakeGenerator = fn() -> SchemaGenerator;

/// The generators the schemas are emitted with: schemars' default (definitions under
/// `$defs`), one that keeps definitions where OpenAPI does (`components/schemas`), so
/// every `$ref` must follow the definitions wherever the generator puts them, and one that
/// inlines subschemas (the contracts' own definitions still have to be found).
fn generators() -> Vec<(&'static str, MakeGenerator)> {
    vec![
        ("default", SchemaGenerator::default as MakeGenerator),
        ("components", || SchemaSettings::draft2020_12().with(|s| s.definitions_path = "/components/schemas".into()).into_generator()),
        ("inline", || SchemaSettings::draft2020_12().with(|s| s.inline_subschemas = true).into_generator()),
    ]
}

/// Every example of `key`, valid and invalid, parsed.
fn corpus(key: &str) -> Vec<(std::path::PathBuf, Value)> {
    valid_examples(key).into_iter().chain(invalid_examples(key)).map(|p| (p.clone(), read_json(&p))).collect()
}

#[test]
fn payload_schemas_judge_the_corpus_as_the_contract_does() {
    let mut disagreements = Vec::new();
    let (mut accepted, mut rejected) = (0, 0);
    for r in registered() {
        let Some(path) = &r.schema else { continue };
        let contract = oracle(&read_json(path));
        for (generator_name, generator) in generators() {
            let emitted = AnyPayload::json_schema_of(&r.event_type, r.version, generator()).unwrap_or_else(|| panic!("no schema for {}", r.key()));
            let emitted = oracle(emitted.as_value());
            for (example, instance) in corpus(&r.key()) {
                let expected = contract.is_valid(&instance);
                if emitted.is_valid(&instance) != expected {
                    disagreements.push(format!("{} ({generator_name}): contract says {expected}", example.display()));
                }
                if expected {
                    accepted += 1;
                } else {
                    rejected += 1;
                }
            }
        }
    }
    assert!(accepted > 50 && rejected > 500, "the corpus is too small: {accepted} accepted, {rejected} rejected");
    assert!(disagreements.is_empty(), "{} disagreement(s) over {} verdicts:\n{}", disagreements.len(), accepted + rejected, disagreements.join("\n"));
}

/// `json_schema_of` is `schema_for!` of the payload type.
#[test]
fn json_schema_of_is_schema_for_of_the_payload_type() {
    use events::lead_lifecycle::LeadCreatedV1;
    use events::payment_flow::PaymentReceivedV1;
    assert_eq!(AnyPayload::json_schema_of("lead.created", 1, SchemaGenerator::default()), Some(schema_for!(LeadCreatedV1)));
    assert_eq!(AnyPayload::json_schema_of("payment.received", 1, SchemaGenerator::default()), Some(schema_for!(PaymentReceivedV1)));
    assert_eq!(AnyPayload::json_schema_of("lead.created", 99, SchemaGenerator::default()), None);
    assert_eq!(AnyEvent::json_schema_of("no.such.event", 1, SchemaGenerator::default()), None);
}

/// A payload with no registered schema is any JSON object, as its type decodes.
#[test]
fn opaque_payloads_are_any_object() {
    let opaque: Vec<_> = registered().into_iter().filter(|r| r.schema.is_none()).collect();
    assert!(!opaque.is_empty(), "no opaque payload in the registry");
    for r in opaque {
        let schema = AnyPayload::json_schema_of(&r.event_type, r.version, SchemaGenerator::default()).unwrap();
        let validator = oracle(schema.as_value());
        for (instance, object) in
            [(serde_json::json!({}), true), (serde_json::json!({"any": [1, "x"]}), true), (serde_json::json!([]), false), (serde_json::json!("x"), false)]
        {
            assert_eq!(validator.is_valid(&instance), object, "{}: {instance}", r.key());
            assert_eq!(AnyPayload::from_value(&r.event_type, r.version, instance.clone()).is_ok(), object, "{}: {instance}", r.key());
        }
    }
}

/// The contract's verdict on an envelope that should carry `event_type` v`version`: the
/// envelope schema, the names, and the payload schema of that version.
fn envelope_verdict(envelope: &jsonschema::Validator, instance: &Value, event_type: &str, version: u64) -> bool {
    let named = instance["event_type"] == event_type && instance["schema_version"] == version;
    let payload_ok = registered()
        .into_iter()
        .find(|r| r.event_type == event_type && r.version == version)
        .is_some_and(|r| r.schema.as_ref().is_none_or(|s| oracle(&read_json(s)).is_valid(&instance["payload"])));
    envelope.is_valid(instance) && named && payload_ok
}

/// `AnyEvent` (a `oneOf` of every `Envelope<P>`, each payload schema a definition of the
/// root document): what the contracts accept, for every envelope example and invalid envelope.
#[test]
fn any_event_schema_judges_envelopes_as_the_contracts_do() {
    let envelope = oracle(&read_json(&root().join("contracts/event-envelope/schema/envelope-v1.json")));
    let examples = corpus("envelope-v1");
    assert!(examples.len() > 40, "{} envelope examples", examples.len());
    let mut disagreements = Vec::new();
    let mut accepted = 0;
    for (generator_name, generator) in generators() {
        let schema = generator().into_root_schema_for::<AnyEvent>();
        let emitted = oracle(schema.as_value());
        for (example, instance) in &examples {
            let named = (instance["event_type"].as_str().unwrap_or_default(), instance["schema_version"].as_u64().unwrap_or_default());
            let expected = envelope_verdict(&envelope, instance, named.0, named.1);
            accepted += usize::from(expected);
            if emitted.is_valid(instance) != expected {
                disagreements.push(format!("{} ({generator_name}): contract says {expected}", example.display()));
            }
        }
    }
    assert!(accepted >= 8, "only {accepted} envelopes accepted: the valid side is not exercised");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// `Envelope<P>` of every registered version: exactly the envelopes that name `P`'s event
/// type and version, with a valid envelope and a valid payload.
#[test]
fn envelope_schemas_accept_only_their_own_event() {
    let envelope = oracle(&read_json(&root().join("contracts/event-envelope/schema/envelope-v1.json")));
    let examples = corpus("envelope-v1");
    let mut disagreements = Vec::new();
    let mut accepted = 0;
    for r in registered() {
        let schema = AnyEvent::json_schema_of(&r.event_type, r.version, SchemaGenerator::default()).unwrap_or_else(|| panic!("no schema for {}", r.key()));
        let emitted = oracle(schema.as_value());
        for (example, instance) in &examples {
            let expected = envelope_verdict(&envelope, instance, &r.event_type, r.version);
            accepted += usize::from(expected);
            if emitted.is_valid(instance) != expected {
                disagreements.push(format!("{} as {}: contract says {expected}", example.display(), r.key()));
            }
        }
    }
    assert!(accepted >= 4, "only {accepted} envelopes accepted");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[allow(dead_code, clippy::all)]
mod mini {
    include!("snapshots/contracts_mini_schemars.rs");
}

/// The fixture's `order.placed` v2 reaches a draft-07 file across files (`total`, through
/// `../common/money.json#/definitions/money`, itself `$ref`ing its `currency`): the bundled
/// schema judges payloads around it as the typed decode does (which the conformance tests
/// hold to the contracts), for a valid payload and one broken constraint at a time.
#[test]
fn bundled_schemas_follow_refs_across_files_and_drafts() {
    let valid = serde_json::json!({
        "order_id": "ord_01890a5d-ac96-774b-bcce-b302099a8057",
        "person_id": "per_01890a5d-ac96-774b-bcce-b302099a8057",
        "lines": [{"sku": "ABC-1234", "quantity": 2, "unit_price_cents": 995}],
        "currency": "EUR",
        "placed_at": "2026-03-01T10:00:00Z",
        "channel": "web",
        "coupon": null,
        "window": {"start": "2026-03-02T08:00:00Z", "end": "2026-03-02T12:00:00Z"},
        "fallback_window": null,
        "total": {"amount_cents": 1990, "currency": "EUR"}
    });
    let broken: &[(&str, Value)] = &[
        ("/total/amount_cents", serde_json::json!(-1)),
        ("/total/currency", serde_json::json!("GBP")),
        ("/total/extra", serde_json::json!(1)),
        ("/total", serde_json::json!({"amount_cents": 5})),
        ("/window", serde_json::json!({"start": "2026-03-02T08:00:00Z"})),
        ("/fallback_window", serde_json::json!({"start": "2026-03-02T08:00:00Z", "end": "x"})),
        ("/lines/0/unit_price_cents", serde_json::json!(7)),
        ("/fallback_window", serde_json::json!({"start": "2026-03-02T08:00:00Z", "end": "2026-03-02T09:00:00Z"})),
    ];
    let mut cases = vec![("as is".to_owned(), valid.clone())];
    for (pointer, value) in broken {
        let mut instance = valid.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        instance.pointer_mut(parent).and_then(Value::as_object_mut).unwrap().insert(key.to_owned(), value.clone());
        cases.push((format!("{pointer} = {value}"), instance));
    }
    let (mut accepted, mut rejected) = (0, 0);
    for (generator_name, generator) in generators() {
        let schema = mini::any::AnyPayload::json_schema_of("order.placed", 2, generator()).unwrap();
        let text = schema.as_value().to_string();
        assert!(text.contains(r#"/OrderPlacedV2.money""#) && text.contains(r#"/OrderPlacedV2.currency""#), "the money file's definitions are bundled: {text}");
        let emitted = oracle(schema.as_value());
        for (case, instance) in &cases {
            let typed = mini::any::AnyPayload::from_value("order.placed", 2, instance.clone()).is_ok();
            assert_eq!(emitted.is_valid(instance), typed, "{case} ({generator_name}): the typed decode says {typed}");
            if typed {
                accepted += 1;
            } else {
                rejected += 1;
            }
        }
    }
    assert_eq!((accepted, rejected), (6, 21), "the valid payload and the unbroken fallback window are accepted, every broken one rejected");
}
