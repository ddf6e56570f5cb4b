//! Two envelope versions side by side (`tests/fixtures/contracts-envelopes`, generated
//! code checked in as `tests/snapshots/contracts_envelopes.rs`): `order.placed` v1 travels
//! in envelope v1, `order.placed` v2 and `order.shipped` v1 in envelope v2, which adds an
//! optional `trace_parent`. `AnyEvent` routes on both; each envelope enforces its schema.
#![allow(clippy::unwrap_used)]

#[allow(dead_code, clippy::all)]
mod envs {
    include!("snapshots/contracts_envelopes.rs");
}

use envs::any::AnyEvent;
use envs::envelope::{self, v2, Actor, Producer};
use envs::ids::OrderId;
use envs::shop::order_placed_v1::OrderPlacedV1Required;
use envs::shop::order_placed_v2::OrderPlacedV2Required;
use envs::shop::order_shipped_v1::Carrier;
use envs::shop::order_shipped_v1::OrderShippedV1Required;
use envs::shop::{OrderPlacedV1, OrderPlacedV2, OrderShippedV1};
use serde_json::{json, Value};

const TRACE: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

fn ts(s: &str) -> events::Timestamp {
    s.parse().unwrap()
}

fn tenant() -> events::NonEmptyString {
    events::NonEmptyString::new("t1").unwrap()
}

fn sources() -> (events::FixedClock, events::SequentialIds) {
    (events::FixedClock(ts("2026-03-01T10:00:00Z")), events::SequentialIds::new(1_772_000_000_000))
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

#[test]
fn each_version_travels_in_its_envelope_and_any_event_routes_both() {
    let (clock, ids) = sources();
    let order = OrderId::new_v7();
    let placed = envelope::Envelope::builder(tenant(), OrderPlacedV1::new(OrderPlacedV1Required { order_id: order })).build_with(&clock, &ids).unwrap();
    let trace = v2::TraceParent::new(TRACE).unwrap();
    let shipped = v2::Envelope::builder(tenant(), OrderShippedV1::new(OrderShippedV1Required { order_id: order, carrier: Carrier::Post }))
        .trace_parent(trace.clone())
        .caused_by(&v2::Envelope::builder(tenant(), OrderPlacedV2::new(OrderPlacedV2Required { order_id: order })).build_with(&clock, &ids).unwrap())
        .build_with(&clock, &ids)
        .unwrap();

    let placed_json = json_of(&placed.to_json());
    assert!(placed_json.get("trace_parent").is_none());
    let shipped_json = json_of(&shipped.to_json());
    assert_eq!(shipped_json["trace_parent"], TRACE);
    assert_eq!(shipped_json["actor"], "system:shop");
    assert_eq!(shipped.trace_parent(), Some(&trace));
    assert_eq!(shipped.producer(), Producer::Shop);
    assert_eq!(shipped.actor(), Some(Actor::System(Producer::Shop)));
    assert!(shipped.correlation_id().is_some(), "caused_by propagates correlation in envelope v2 too");

    match AnyEvent::from_json(placed.to_json().as_bytes()).unwrap() {
        AnyEvent::OrderPlacedV1(e) => assert_eq!(e, placed),
        other => panic!("routed to {other:?}"),
    }
    let back = AnyEvent::from_json(shipped.to_json().as_bytes()).unwrap();
    assert_eq!(back.event_id(), shipped.event_id(), "AnyEvent getters read either envelope");
    match back {
        AnyEvent::OrderShippedV1(e) => assert_eq!(e, shipped),
        other => panic!("routed to {other:?}"),
    }
    assert_eq!(v2::Envelope::<OrderShippedV1>::from_json(shipped.to_json().as_bytes()).unwrap(), shipped);
}

#[test]
fn deterministic_sources_give_the_same_bytes() {
    let build = || {
        let (clock, ids) = sources();
        v2::Envelope::builder(tenant(), OrderPlacedV2::new(OrderPlacedV2Required { order_id: OrderId::from_uuid(uuid_v7()).unwrap() }))
            .build_with(&clock, &ids)
            .unwrap()
            .to_json()
    };
    assert_eq!(build(), build());
}

fn uuid_v7() -> uuid::Uuid {
    use events::IdSource;
    events::SequentialIds::new(1_700_000_000_000).next_v7()
}

/// A message for `version` of `order.placed`, with `extra` members added.
fn placed_message(version: u32, extra: Value) -> Vec<u8> {
    let (clock, ids) = sources();
    let order = OrderId::from_uuid(uuid_v7()).unwrap();
    let mut value = match version {
        1 => json_of(
            &envelope::Envelope::builder(tenant(), OrderPlacedV1::new(OrderPlacedV1Required { order_id: order })).build_with(&clock, &ids).unwrap().to_json(),
        ),
        _ => {
            json_of(&v2::Envelope::builder(tenant(), OrderPlacedV2::new(OrderPlacedV2Required { order_id: order })).build_with(&clock, &ids).unwrap().to_json())
        }
    };
    for (k, v) in extra.as_object().unwrap() {
        value[k] = v.clone();
    }
    value.to_string().into_bytes()
}

#[test]
fn each_envelope_enforces_its_own_schema() {
    // envelope-v1 has no trace_parent and refuses unknown members.
    let v1_with_trace = placed_message(1, json!({"trace_parent": TRACE}));
    assert!(matches!(AnyEvent::from_json(&v1_with_trace), Err(events::DecodeError::Envelope(_))));
    assert!(envelope::Envelope::<OrderPlacedV1>::from_json(&v1_with_trace).is_err());
    // envelope-v2 takes it, checked by its pattern.
    assert!(matches!(AnyEvent::from_json(&placed_message(2, json!({"trace_parent": TRACE}))), Ok(AnyEvent::OrderPlacedV2(_))));
    let bad = placed_message(2, json!({"trace_parent": "01-not-a-trace"}));
    assert!(matches!(AnyEvent::from_json(&bad), Err(events::DecodeError::Envelope(_))));
    assert!(v2::TraceParent::new("01-not-a-trace").is_err());
    // Null is not a value of an optional, non-nullable member.
    assert!(AnyEvent::from_json(&placed_message(2, json!({"trace_parent": null}))).is_err());
    // A registered type and version unknown to both envelopes is an unknown version.
    let unknown = placed_message(2, json!({"schema_version": 9}));
    assert!(matches!(AnyEvent::from_json(&unknown), Err(events::DecodeError::UnknownVersion { version: 9, .. })));
}

/// With the `schemars` feature each envelope version's `Envelope<P>` has its own schema:
/// the schema of `order.placed` v2 (envelope-v2) takes `trace_parent`, v1's (envelope-v1)
/// refuses it, as decoding does.
#[cfg(feature = "schemars")]
#[test]
fn each_envelope_version_has_its_own_json_schema() {
    let judge = |version: u64, message: &[u8]| {
        let schema = AnyEvent::json_schema_of("order.placed", version, schemars::SchemaGenerator::default()).unwrap().to_value();
        let instance: Value = serde_json::from_slice(message).unwrap();
        jsonschema::options().should_validate_formats(true).build(&schema).unwrap().is_valid(&instance)
    };
    for (version, extra, decodes) in [
        (1, json!({}), true),
        (1, json!({"trace_parent": TRACE}), false),
        (2, json!({"trace_parent": TRACE}), true),
        (2, json!({"trace_parent": "01-not-a-trace"}), false),
    ] {
        let message = placed_message(version as u32, extra.clone());
        assert_eq!(AnyEvent::from_json(&message).is_ok(), decodes, "v{version} {extra}");
        assert_eq!(judge(version, &message), decodes, "v{version} {extra}: the schema and the decode disagree");
    }
}

/// `caused_by` across envelope versions (both carry `evt_` event ids): a cause in envelope
/// v1 gives an effect in envelope v2 its exact ids, and the chain goes on back into v1.
#[test]
fn a_chain_crosses_envelope_versions_keeping_the_first_event_id_as_correlation() {
    let (clock, ids) = sources();
    let order = OrderId::from_uuid(uuid_v7()).unwrap();
    let first = envelope::Envelope::builder(tenant(), OrderPlacedV1::new(OrderPlacedV1Required { order_id: order })).build_with(&clock, &ids).unwrap();
    assert_eq!((first.correlation_id(), first.causation_id()), (None, None), "the first event starts the chain");
    let second = v2::Envelope::builder(tenant(), OrderShippedV1::new(OrderShippedV1Required { order_id: order, carrier: Carrier::Post }))
        .caused_by(&first)
        .build_with(&clock, &ids)
        .unwrap();
    assert_ne!(second.event_id(), first.event_id());
    assert_eq!(second.correlation_id(), Some(first.event_id()));
    assert_eq!(second.causation_id(), Some(first.event_id()));
    let third = envelope::Envelope::builder(tenant(), OrderPlacedV1::new(OrderPlacedV1Required { order_id: order }))
        .caused_by(&second)
        .build_with(&clock, &ids)
        .unwrap();
    assert_eq!(third.correlation_id(), Some(first.event_id()), "the chain keeps its first event's id");
    assert_eq!(third.causation_id(), Some(second.event_id()));
    // On the wire, as the ids' text.
    let wire = json_of(&third.to_json());
    assert_eq!(wire["correlation_id"], first.event_id().to_string());
    assert_eq!(wire["causation_id"], second.event_id().to_string());
    // The ids are of one type in both envelopes, so the checked form agrees.
    let checked = envelope::Envelope::builder(tenant(), OrderPlacedV1::new(OrderPlacedV1Required { order_id: order }))
        .try_caused_by(&second)
        .unwrap()
        .build_with(&clock, &ids)
        .unwrap();
    assert_eq!((checked.correlation_id(), checked.causation_id()), (third.correlation_id(), third.causation_id()));
}

/// An event decoded from the bus as `AnyEvent` is a cause without a match, whichever
/// envelope it came in; a correlation id it carries is kept.
#[test]
fn a_cause_decoded_as_any_event_propagates_like_its_envelope() {
    let (clock, ids) = sources();
    let order = OrderId::from_uuid(uuid_v7()).unwrap();
    let first = v2::Envelope::builder(tenant(), OrderPlacedV2::new(OrderPlacedV2Required { order_id: order })).build_with(&clock, &ids).unwrap();
    let second = envelope::Envelope::builder(tenant(), OrderPlacedV1::new(OrderPlacedV1Required { order_id: order }))
        .caused_by(&first)
        .build_with(&clock, &ids)
        .unwrap();
    for (cause, correlation) in [(first.to_json(), first.event_id()), (second.to_json(), first.event_id())] {
        let any = AnyEvent::from_json(cause.as_bytes()).unwrap();
        let effect = v2::Envelope::builder(tenant(), OrderShippedV1::new(OrderShippedV1Required { order_id: order, carrier: Carrier::Post }))
            .caused_by(&any)
            .build_with(&clock, &ids)
            .unwrap();
        assert_eq!(effect.correlation_id(), Some(correlation), "{cause}");
        assert_eq!(effect.causation_id(), Some(any.event_id()), "{cause}");
        let in_v1 = envelope::Envelope::builder(tenant(), OrderPlacedV1::new(OrderPlacedV1Required { order_id: order }))
            .caused_by(&any)
            .build_with(&clock, &ids)
            .unwrap();
        assert_eq!((in_v1.correlation_id(), in_v1.causation_id()), (Some(correlation), Some(any.event_id())), "{cause}");
    }
}
