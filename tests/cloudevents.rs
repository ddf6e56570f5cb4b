//! A contract set whose envelope is CloudEvents 1.0 structured-mode JSON
//! (`tests/fixtures/contracts-cloudevents`, generated code checked in as
//! `tests/snapshots/contracts_cloudevents.rs`): three event types, one with two versions.
//! It builds, encodes and decodes; every example is judged as the `jsonschema` oracle
//! judges it against the fixture's schemas, and whatever decodes is a CloudEvent by the
//! spec's own JSON schema (copied in `tests/fixtures/cloudevents-spec/`) and by a stricter
//! schema written from the CloudEvents 1.0 JSON format spec. With the `cloudevents`
//! feature, every example round-trips through the official SDK's `Event`, and an
//! `Event` that breaks the contract is refused.
#![allow(clippy::unwrap_used)]

mod support;

#[allow(dead_code, clippy::all)]
mod ce {
    include!("snapshots/contracts_cloudevents.rs");
}

use std::path::{Path, PathBuf};

use ce::any::AnyEvent;
use ce::envelope::{Envelope, EventPayload, Source};
use ce::ids::OrderId;
use serde_json::{json, Value};

fn fixture() -> PathBuf {
    support::root().join("tests/fixtures/contracts-cloudevents/contracts")
}

/// Every example: (path, valid by its name, JSON).
fn examples() -> Vec<(PathBuf, bool, Value)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixture().join("examples")).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.sort();
    let out: Vec<(PathBuf, bool, Value)> = dirs
        .iter()
        .flat_map(|d| support::json_files(d))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.starts_with("valid-") || name.starts_with("invalid-"), "{} is neither valid- nor invalid-", p.display());
            (p.clone(), name.starts_with("valid-"), support::read_json(&p))
        })
        .collect();
    assert_eq!(dirs.len(), 4, "three event types, one with two versions");
    out
}

/// The payload schema registered for an example's `type` and `dataversion`.
fn payload_schema(example: &Value) -> Option<Value> {
    let registry = support::read_json(&fixture().join("event-types-registry.json"));
    let versions = registry["event_types"][example["type"].as_str()?]["schema_versions"].as_array()?.clone();
    let entry = versions.iter().find(|v| Some(&v["version"]) == example.get("dataversion"))?;
    let path = entry["payload_schema"].as_str()?.strip_prefix("contracts/")?;
    Some(support::read_json(&fixture().join(path)))
}

/// The oracle's verdict: the envelope schema, and the payload schema of its type and version.
fn oracle_accepts(example: &Value) -> bool {
    let envelope = support::oracle(&support::read_json(&fixture().join("event-envelope/schema/envelope-v1.json")));
    envelope.is_valid(example) && payload_schema(example).is_some_and(|s| support::oracle(&s).is_valid(&example["data"]))
}

/// CloudEvents 1.0 structured-mode JSON, written from the spec (`formats/json-format.md`
/// and the attribute definitions of `spec.md`): the four required attributes, the
/// optional ones with their types and formats, `data` or `data_base64` but not both, and
/// extension attributes named with lowercase letters and digits, of the JSON types the
/// CloudEvents type system maps to (string, integer, boolean).
fn cloudevents_spec_schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["id", "source", "specversion", "type"],
        "properties": {
            "id": {"type": "string", "minLength": 1},
            "source": {"type": "string", "minLength": 1, "format": "uri-reference"},
            "specversion": {"const": "1.0"},
            "type": {"type": "string", "minLength": 1},
            "datacontenttype": {"type": "string", "minLength": 1},
            "dataschema": {"type": "string", "minLength": 1, "format": "uri"},
            "subject": {"type": "string", "minLength": 1},
            "time": {"type": "string", "minLength": 1, "format": "date-time"},
            "data": true,
            "data_base64": {"type": "string", "contentEncoding": "base64"}
        },
        "not": {"required": ["data", "data_base64"]},
        "propertyNames": {"pattern": "^(data_base64|[a-z0-9]+)$"},
        "additionalProperties": {"type": ["string", "integer", "boolean"]}
    })
}

#[test]
fn every_example_is_judged_as_the_oracle_judges_it() {
    let spec = support::oracle(&cloudevents_spec_schema());
    let mut decoded = 0;
    for (path, valid, example) in examples() {
        let expected = oracle_accepts(&example);
        assert_eq!(expected, valid, "{}: the oracle's verdict disagrees with the file name", path.display());
        let got = AnyEvent::from_json(example.to_string().as_bytes());
        assert_eq!(got.is_ok(), expected, "{}: {got:?}", path.display());
        if let Ok(event) = got {
            decoded += 1;
            assert!(spec.is_valid(&example), "{} is not a CloudEvent", path.display());
            assert_eq!(json_of(&event.to_json()), example, "{}: re-encoding changes it", path.display());
            let key = format!("{}-v{}", event.event_type(), event.schema_version());
            assert!(path.parent().unwrap().ends_with(&key), "{} decoded as {key}", path.display());
            // Every envelope member is readable without a match, roles and the others alike.
            assert_eq!(serde_json::to_value(event.source()).unwrap(), example["source"], "{}", path.display());
            assert_eq!(serde_json::to_value(event.specversion()).unwrap(), example["specversion"], "{}", path.display());
            assert_eq!(event.dataschema().map(|d| serde_json::to_value(d).unwrap()), example.get("dataschema").cloned(), "{}", path.display());
        }
    }
    assert_eq!(decoded, 5, "every valid example decodes");
}

/// The examples also satisfy the CloudEvents spec's own JSON schema
/// (`cloudevents/formats/cloudevents.json` of github.com/cloudevents/spec v1.0.2, draft-07,
/// copied under `tests/fixtures/cloudevents-spec/`).
#[test]
fn valid_examples_satisfy_the_official_cloudevents_schema() {
    let schema = support::read_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cloudevents-spec/cloudevents.json"));
    let official = jsonschema::options().with_draft(jsonschema::Draft::Draft7).should_validate_formats(true).build(&schema).unwrap();
    let spec = support::oracle(&cloudevents_spec_schema());
    let mut refused_by_official = Vec::new();
    for (path, valid, example) in examples() {
        if valid {
            assert!(official.is_valid(&example), "{}", path.display());
        }
        // Whatever the typed envelope accepts is a CloudEvent by the spec's own schema.
        if AnyEvent::from_json(example.to_string().as_bytes()).is_ok() {
            assert!(official.is_valid(&example), "{} decodes but is not a CloudEvent", path.display());
        }
        if !official.is_valid(&example) {
            refused_by_official.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
        // The schema written from the spec is at least as strict as the official one (which
        // takes any `specversion`, and `null` for optional attributes).
        assert!(!spec.is_valid(&example) || official.is_valid(&example), "{}", path.display());
    }
    // The official schema has teeth here: these four examples break the spec itself (no
    // source, an empty id, a `dataschema` that is not a URI, a `time` that is not a
    // date-time), not only the fixture's contracts.
    refused_by_official.sort();
    assert_eq!(refused_by_official, ["invalid-dataschema.json", "invalid-empty-id.json", "invalid-no-source.json", "invalid-time.json"]);
    // Every event the builder makes is a CloudEvent too.
    for event in built() {
        let json = json_of(&event.to_json());
        assert!(official.is_valid(&json), "{json}");
    }
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn order() -> OrderId {
    use events::IdSource;
    OrderId::from_uuid(events::SequentialIds::new(1_700_000_000_000).next_v7()).unwrap()
}

/// One envelope of each event type and version, deterministic.
fn built() -> Vec<AnyEvent> {
    use ce::orders::com_example_order_shipped_v1::Carrier;
    use ce::orders::{ComExampleOrderPlacedV1, ComExampleOrderPlacedV2, ComExampleOrderShippedV1};
    use ce::payments::com_example_payment_received_v1::Method;
    use ce::payments::ComExamplePaymentReceivedV1;
    let clock = events::FixedClock("2026-03-05T17:31:00Z".parse().unwrap());
    let ids = events::SequentialIds::new(1_772_000_000_000);
    let source = || Source::new("/orders/eu-1").unwrap();
    #[allow(deprecated)]
    let placed_v1 = ComExampleOrderPlacedV1::new(ce::orders::com_example_order_placed_v1::ComExampleOrderPlacedV1Required {
        order_id: order(),
        total_cents: events::Int::lit::<1990>(),
    });
    vec![
        AnyEvent::ComExampleOrderPlacedV1(Envelope::builder(source(), placed_v1).build_with(&clock, &ids).unwrap()),
        AnyEvent::ComExampleOrderPlacedV2(
            Envelope::builder(
                source(),
                ComExampleOrderPlacedV2::new(ce::orders::com_example_order_placed_v2::ComExampleOrderPlacedV2Required {
                    order_id: order(),
                    total_cents: events::Int::lit::<1990>(),
                    currency: ce::orders::com_example_order_placed_v2::Currency::new("EUR").unwrap(),
                }),
            )
            .subject(events::NonEmptyString::new("order/1").unwrap())
            .datacontenttype(Default::default())
            .build_with(&clock, &ids)
            .unwrap(),
        ),
        AnyEvent::ComExampleOrderShippedV1(
            Envelope::builder(
                source(),
                ComExampleOrderShippedV1::new(ce::orders::com_example_order_shipped_v1::ComExampleOrderShippedV1Required {
                    order_id: order(),
                    carrier: Carrier::Courier,
                }),
            )
            .build_with(&clock, &ids)
            .unwrap(),
        ),
        AnyEvent::ComExamplePaymentReceivedV1(
            Envelope::builder(
                source(),
                ComExamplePaymentReceivedV1::new(ce::payments::com_example_payment_received_v1::ComExamplePaymentReceivedV1Required {
                    order_id: order(),
                    amount_cents: events::Int::lit::<1990>(),
                    method: Method::Card,
                }),
            )
            .build_with(&clock, &ids)
            .unwrap(),
        ),
    ]
}

#[test]
fn every_type_and_version_builds_encodes_and_decodes() {
    let events = built();
    for event in &events {
        let json = json_of(&event.to_json());
        assert_eq!(json["specversion"], "1.0");
        assert_eq!(json["type"], event.event_type());
        assert_eq!(json["dataversion"], event.schema_version());
        assert_eq!(json["time"], "2026-03-05T17:31:00Z");
        assert!(events::__private::Uuid::parse_str(json["id"].as_str().unwrap()).is_ok_and(|u| u.get_version_num() == 7), "ids are minted as UUIDv7 text");
        assert!(support::oracle(&cloudevents_spec_schema()).is_valid(&json), "{json}");
        assert!(oracle_accepts(&json), "{json}");
        assert_eq!(&AnyEvent::from_json(event.to_json().as_bytes()).unwrap(), event);
    }
    assert_eq!(events.iter().map(|e| e.event_id().as_str().to_owned()).collect::<std::collections::BTreeSet<_>>().len(), 4, "distinct ids");
    assert_eq!(built().iter().map(AnyEvent::to_json).collect::<Vec<_>>(), events.iter().map(AnyEvent::to_json).collect::<Vec<_>>(), "deterministic");
    assert_eq!(<ce::orders::ComExampleOrderPlacedV2 as EventPayload>::EVENT_TYPE, "com.example.order.placed");
}

#[cfg(feature = "cloudevents")]
mod sdk {
    use events::cloudevents::sdk::{AttributesReader, Data, EventBuilder, EventBuilderV10};
    use events::cloudevents::{CloudEventError, CloudEventExt};

    use super::*;

    /// Every valid example and every built event: typed → `Event` → typed gives it back,
    /// and the `Event` carries the same attributes.
    #[test]
    fn every_example_round_trips_through_the_sdk_event() {
        let mut typed: Vec<AnyEvent> = examples().into_iter().filter(|e| e.1).map(|(_, _, v)| AnyEvent::from_json(v.to_string().as_bytes()).unwrap()).collect();
        typed.extend(built());
        assert_eq!(typed.len(), 9);
        for event in typed {
            let sdk = event.to_cloudevent().unwrap();
            let json = json_of(&event.to_json());
            assert_eq!(sdk.id(), json["id"].as_str().unwrap());
            assert_eq!(sdk.ty(), event.event_type());
            assert_eq!(sdk.source(), json["source"].as_str().unwrap());
            assert_eq!(sdk.extension("dataversion").map(ToString::to_string), Some(event.schema_version().to_string()));
            assert!(matches!(sdk.data(), Some(Data::Json(data)) if *data == json["data"]));
            let back = AnyEvent::from_cloudevent(&sdk).unwrap();
            assert_eq!(back.occurred_at().instant(), event.occurred_at().instant());
            if event.occurred_at().offset_minutes() == 0 {
                assert_eq!(back, event);
            } else {
                // The SDK holds `time` in UTC: the same instant comes back written with `Z`.
                let (mut a, mut b) = (json_of(&back.to_json()), json);
                assert!(a["time"].as_str().unwrap().ends_with('Z'));
                a["time"] = Value::Null;
                b["time"] = Value::Null;
                assert_eq!(a, b);
            }
        }
    }

    /// Invalid examples the SDK itself accepts as events are refused by the contract.
    #[test]
    fn an_event_that_breaks_the_contract_is_refused() {
        let mut refused = 0;
        for (path, valid, example) in examples() {
            let Ok(sdk) = serde_json::from_value::<events::cloudevents::sdk::Event>(example.clone()) else { continue };
            let got = AnyEvent::from_cloudevent(&sdk);
            assert_eq!(got.is_ok(), valid, "{}: {got:?}", path.display());
            if !valid {
                assert!(matches!(got, Err(CloudEventError::Decode(_))), "{}", path.display());
                refused += 1;
            }
        }
        assert!(refused >= 4, "{refused} invalid examples reached the contract check");
    }

    /// An event from a binary-mode binding (data as JSON bytes) decodes like structured JSON.
    #[test]
    fn binary_data_is_read_as_json() {
        let sdk = EventBuilderV10::new()
            .id("A234-1234-1234")
            .ty("com.example.order.shipped")
            .source("/orders/eu-1")
            .time("2026-03-05T17:31:00Z")
            .extension("dataversion", 1)
            .data("application/json", serde_json::to_vec(&json!({"order_id": order().to_string(), "carrier": "post"})).unwrap())
            .build()
            .unwrap();
        match AnyEvent::from_cloudevent(&sdk).unwrap() {
            AnyEvent::ComExampleOrderShippedV1(e) => assert_eq!(e.event_id().as_str(), "A234-1234-1234"),
            other => panic!("{other:?}"),
        }
        let bad = EventBuilderV10::new()
            .id("1")
            .ty("com.example.order.shipped")
            .source("/o")
            .time("2026-03-05T17:31:00Z")
            .extension("dataversion", 1)
            .data("application/octet-stream", b"\x00\x01".to_vec())
            .build()
            .unwrap();
        assert!(matches!(AnyEvent::from_cloudevent(&bad), Err(CloudEventError::Data(_))));
    }
}

/// With the `schemars` feature, the schema `AnyEvent::json_schema_of` gives for each
/// example's type and version (the CloudEvents envelope, its role properties `type`,
/// `dataversion` and `data` fixed to that payload) judges every example as the contract does.
#[cfg(feature = "schemars")]
#[test]
fn schemars_schemas_judge_every_example_as_the_contract_does() {
    let mut checked = 0;
    for (path, valid, example) in examples() {
        let (Some(event_type), Some(version)) = (example["type"].as_str(), example["dataversion"].as_u64()) else { continue };
        let Some(schema) = AnyEvent::json_schema_of(event_type, version, schemars::SchemaGenerator::default()) else { continue };
        let schema = schema.to_value();
        let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
        assert_eq!(validator.is_valid(&example), valid, "{}: {schema}", path.display());
        checked += 1;
    }
    assert!(checked >= 12, "{checked} examples checked");
}
