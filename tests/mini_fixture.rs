//! The generated API on the small fixture contract set (`tests/fixtures/contracts-mini`),
//! whose generated code is the checked-in snapshot `tests/snapshots/contracts_mini.rs`.
#![allow(clippy::unwrap_used)]

mod support;

#[allow(dead_code, clippy::all)]
mod mini {
    include!("snapshots/contracts_mini.rs");
}

/// The same fixture generated with `Config::hash_and_ord(true)`.
#[allow(dead_code, clippy::all)]
mod mini_hash_and_ord {
    include!("snapshots/contracts_mini_hash_and_ord.rs");
}

use mini::envelope::{Actor, Envelope, EventPayload, Producer, Registration};
use mini::ids::{EventId, OrderId, PersonId};
use mini::shared::shop_schema_common_money::{Currency as MoneyCurrency, Money, MoneyRequired};
use mini::shop::order_placed_v2::{Channel, Currency, Line, LineRequired, OrderPlacedV2Parts, OrderPlacedV2Required, Sku, Window, WindowRequired};
use mini::shop::OrderPlacedV2;

fn ts(s: &str) -> events::Timestamp {
    s.parse().unwrap()
}

fn order() -> OrderPlacedV2 {
    let line = Line::new(LineRequired { sku: Sku::new("ABC-1234").unwrap(), quantity: events::Int::lit::<2>() });
    OrderPlacedV2::new(OrderPlacedV2Required {
        order_id: OrderId::new_v7(),
        person_id: PersonId::new_v7(),
        lines: events::Array::new(vec![line]).unwrap(),
        currency: Currency::new("EUR").unwrap(),
        placed_at: ts("2026-03-01T10:00:00Z"),
        channel: Channel::Web,
        coupon: None,
        window: Window::new(WindowRequired { start: ts("2026-03-02T08:00:00Z"), end: ts("2026-03-02T12:00:00Z") }),
        total: Money::new(MoneyRequired { amount_cents: events::Int::lit::<1990>(), currency: MoneyCurrency::Eur }),
    })
}

#[test]
fn into_parts_gives_every_property_owned() {
    let payload = order().with_gift(true);
    let (order_id, lines) = (payload.order_id(), payload.lines().clone());
    let OrderPlacedV2Parts { order_id: id, lines: owned, gift, note, coupon, .. } = payload.into_parts();
    assert_eq!((id, owned), (order_id, lines));
    assert_eq!((gift, note, coupon), (Some(true), None, None));
    // With nothing optional, the parts are the required properties.
    let window = Window::new(WindowRequired { start: ts("2026-03-02T08:00:00Z"), end: ts("2026-03-02T12:00:00Z") });
    let WindowRequired { start, end } = window.into_parts();
    assert!(start < end);
}

/// Whether a concrete type implements a trait, as a value: an inherent method (bounded by
/// the trait) wins over the fallback trait method when, and only when, the bound holds.
macro_rules! implements {
    ($t:ty: $($bound:tt)+) => {{
        struct Probe<T>(std::marker::PhantomData<T>);
        #[allow(dead_code)]
        trait Fallback {
            fn holds(&self) -> bool {
                false
            }
        }
        impl<T> Fallback for Probe<T> {}
        impl<T: $($bound)+> Probe<T> {
            #[allow(dead_code)]
            fn holds(&self) -> bool {
                true
            }
        }
        Probe::<$t>(std::marker::PhantomData).holds()
    }};
}

#[test]
fn comparison_traits_follow_the_fields() {
    use mini::shop::order_rated_v1::OrderRatedV1;
    // By default structs and unions are `Eq` where their fields allow it, never `Hash` or
    // ordered; enums of strings and ids are all of them.
    assert!(implements!(Line: Eq));
    assert!(implements!(Money: Eq));
    assert!(!implements!(Line: std::hash::Hash));
    assert!(!implements!(Window: PartialOrd));
    assert!(!implements!(Money: Ord));
    assert!(implements!(Channel: Eq + std::hash::Hash + Ord));
    assert!(implements!(MoneyCurrency: Eq + std::hash::Hash + Ord));
    assert!(implements!(OrderId: Eq + std::hash::Hash + Ord));
    // A kept JSON object (`metadata`) has no `Eq`, so neither has the payload.
    assert!(implements!(OrderPlacedV2: PartialEq));
    assert!(!implements!(OrderPlacedV2: Eq));
    // Bounded non-integer numbers (`score`) are only partially equal.
    assert!(!implements!(OrderRatedV1: Eq));
}

/// With `Config::hash_and_ord`, structs and unions also derive `Hash`, `PartialOrd` and
/// `Ord` wherever every field allows them.
#[test]
fn hash_and_ord_follow_the_fields_when_asked_for() {
    use mini_hash_and_ord::shared::shop_schema_common_money::{Currency as MoneyCurrency, Money, MoneyRequired};
    use mini_hash_and_ord::shop::order_placed_v2::{Line, Window};
    use mini_hash_and_ord::shop::order_rated_v1::OrderRatedV1;
    use mini_hash_and_ord::shop::OrderPlacedV2;
    // Ids, strings, integers, timestamps, enums, arrays and shared types all allow them.
    assert!(implements!(Line: Eq + std::hash::Hash + Ord));
    assert!(implements!(Window: Eq + std::hash::Hash + Ord));
    assert!(implements!(Money: Eq + std::hash::Hash + Ord));
    let mut set = std::collections::BTreeSet::new();
    set.insert(Money::new(MoneyRequired { amount_cents: events::Int::lit::<2>(), currency: MoneyCurrency::Eur }));
    set.insert(Money::new(MoneyRequired { amount_cents: events::Int::lit::<1>(), currency: MoneyCurrency::Eur }));
    assert_eq!(set.iter().map(|m| m.amount_cents().get()).collect::<Vec<_>>(), [1, 2], "ordered by field, in field order");
    // A kept JSON object (`metadata`) has no `Eq` or `Hash`, so neither has the payload.
    assert!(implements!(OrderPlacedV2: PartialEq));
    assert!(!implements!(OrderPlacedV2: Eq));
    assert!(!implements!(OrderPlacedV2: std::hash::Hash));
    // Bounded non-integer numbers (`score`) are only partially ordered.
    assert!(!implements!(OrderRatedV1: Eq));
    assert!(!implements!(OrderRatedV1: PartialOrd));
}

#[test]
fn payload_round_trips_and_optional_fields_are_absent() {
    let payload = order().with_gift(true);
    let json = serde_json::to_value(&payload).unwrap();
    assert_eq!(json["coupon"], serde_json::Value::Null, "required nullable is written as null");
    assert!(json.get("note").is_none(), "absent optional is not written");
    assert_eq!(json["gift"], true);
    let back: OrderPlacedV2 = serde_json::from_value(json).unwrap();
    assert_eq!(back, payload);
}

#[test]
fn registry_facts_are_constants() {
    assert_eq!(OrderPlacedV2::EVENT_TYPE, "order.placed");
    assert_eq!(OrderPlacedV2::SCHEMA_VERSION, 2);
    assert_eq!(OrderPlacedV2::PRODUCER, Producer::Shop);
    assert_eq!(OrderPlacedV2::CONSUMERS, ["billing"]);
    assert_eq!(OrderPlacedV2::STATUS, events::Status::Active);
    assert_eq!(OrderPlacedV2::ACTIVE_FROM, Some("2026-02-15"));
}

/// The registry entry is one value; each constant above reads its field of it.
#[test]
fn registry_entry_is_one_value() {
    let expected = Registration {
        event_type: "order.placed",
        schema_version: 2,
        producer: Producer::Shop,
        consumers: &["billing"],
        status: events::Status::Active,
        payload_schema: Some("contracts/shop/schema/payloads/order.placed-v2.json"),
        registered_at: "2026-02-01",
        deprecated_at: None,
        active_from: Some("2026-02-15"),
    };
    assert_eq!(OrderPlacedV2::REGISTRATION, expected);
    assert_eq!(OrderPlacedV2::PAYLOAD_SCHEMA, expected.payload_schema);
    assert_eq!(OrderPlacedV2::REGISTERED_AT, "2026-02-01");
    assert_eq!(OrderPlacedV2::DEPRECATED_AT, None);

    // A decoded event or payload of any type gives the same entry.
    let payload = mini::any::AnyPayload::from_json("order.placed", 2, serde_json::to_string(&order()).unwrap().as_bytes()).unwrap();
    assert_eq!(payload.registration(), &expected);
    assert_eq!((payload.event_type(), payload.schema_version()), ("order.placed", 2));
    let tenant = events::NonEmptyString::new("t1").unwrap();
    let event = mini::any::AnyEvent::from_json(Envelope::builder(tenant, order()).build().to_json().as_bytes()).unwrap();
    assert_eq!(event.registration(), &expected);
    assert_eq!((event.event_type(), event.schema_version()), ("order.placed", 2));
}

#[test]
fn envelope_fills_type_version_producer_and_propagates_correlation() {
    let clock = events::FixedClock(ts("2026-03-01T10:00:00Z"));
    let ids = events::SequentialIds::new(1_772_000_000_000);
    let tenant = events::NonEmptyString::new("t1").unwrap();
    let payload = order();
    let first = Envelope::builder(tenant.clone(), payload.clone()).build_with(&clock, &ids).unwrap();
    assert_eq!(first.actor(), Some(Actor::System(Producer::Shop)));
    let json: serde_json::Value = serde_json::from_str(&first.to_json()).unwrap();
    assert_eq!(json["event_type"], "order.placed");
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["producer"], "shop");
    assert_eq!(json["actor"], "system:shop");
    assert_eq!(json["occurred_at"], "2026-03-01T10:00:00Z");

    let person = PersonId::new_v7();
    let second = Envelope::builder(tenant, order()).caused_by(&first).acted_by(person).subject(person).build_with(&clock, &ids).unwrap();
    assert_eq!(second.correlation_id(), Some(first.event_id()));
    assert_ne!(second.event_id(), first.event_id());
    let third = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order()).caused_by(&second).build_with(&clock, &ids).unwrap();
    assert_eq!(third.correlation_id(), Some(first.event_id()), "the chain keeps its first event id");

    // Same payload, clock and id source: same bytes; another clock or id source: other bytes.
    let again = |clock: &events::FixedClock, start: u64| {
        Envelope::builder(events::NonEmptyString::new("t1").unwrap(), payload.clone()).build_with(clock, &events::SequentialIds::new(start)).unwrap()
    };
    let same = again(&clock, 1_772_000_000_000);
    let _: EventId = same.event_id();
    assert_eq!(same.to_json(), first.to_json());
    assert_ne!(again(&clock, 1_772_000_000_001).to_json(), first.to_json());
    assert_ne!(again(&events::FixedClock(ts("2026-03-01T10:00:01Z")), 1_772_000_000_000).to_json(), first.to_json());
}

/// `note` is optional and its schema does not allow `null`: absent decodes, `null` does not.
#[test]
fn optional_field_that_forbids_null_rejects_it() {
    let mut json = serde_json::to_value(order()).unwrap();
    assert!(json.get("note").is_none());
    assert!(serde_json::from_value::<OrderPlacedV2>(json.clone()).is_ok());
    json["note"] = serde_json::Value::Null;
    let err = serde_json::from_value::<OrderPlacedV2>(json).unwrap_err();
    assert!(err.to_string().contains("invalid type: null"), "{err}");
}

#[test]
fn any_event_reads_every_envelope_field_without_a_match() {
    let person = PersonId::new_v7();
    let cause = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order()).build();
    let env = Envelope::builder(events::NonEmptyString::new("t2").unwrap(), order()).subject(person).acted_by(person).caused_by(&cause).build();
    let any = mini::any::AnyEvent::from_json(env.to_json().as_bytes()).unwrap();
    assert_eq!(any.event_id(), env.event_id());
    assert_ne!(any.event_id(), cause.event_id());
    assert_eq!(any.producer(), Producer::Shop);
    assert_eq!(any.tenant_id().as_str(), "t2");
    assert_eq!(any.occurred_at(), env.occurred_at());
    assert_eq!(any.subject(), env.subject());
    assert_eq!(any.actor(), Some(Actor::Person(person)));
    assert_eq!(any.correlation_id(), Some(cause.event_id()));
}

#[test]
fn any_event_routes_by_type_and_version() {
    let env = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order()).build();
    let decoded = mini::any::AnyEvent::from_json(env.to_json().as_bytes()).unwrap();
    match &decoded {
        mini::any::AnyEvent::OrderPlacedV2(e) => assert_eq!(e, &env),
        other => panic!("routed to {}", other.event_type()),
    }
    let mut json: serde_json::Value = serde_json::from_str(&env.to_json()).unwrap();
    json["schema_version"] = 9.into();
    let err = mini::any::AnyEvent::from_json(json.to_string().as_bytes()).unwrap_err();
    assert!(matches!(err, events::DecodeError::UnknownVersion { version: 9, known: [1, 2], .. }), "{err}");
    json["event_type"] = "order.lost".into();
    let err = mini::any::AnyEvent::from_json(json.to_string().as_bytes()).unwrap_err();
    assert!(matches!(err, events::DecodeError::UnknownEventType { .. }), "{err}");
}

/// `AnyEvent` and `AnyPayload` compare and print as the value they hold: equal when they hold
/// equal values of one type, unequal for another value or another type, and `Debug` as a
/// derive would write it (the variant's name around the value's own `Debug`).
#[test]
fn any_enums_compare_and_print_as_the_value_they_hold() {
    use mini::any::{AnyEvent, AnyPayload};
    let rated = |score: &str| {
        let example = support::read_json(&support::root().join("tests/fixtures/contracts-mini/contracts/examples/order.rated-v1/valid-full.json"));
        AnyPayload::from_json("order.rated", 1, example.to_string().replace("\"score\":4.5", &format!("\"score\":{score}")).as_bytes()).unwrap()
    };
    let order = order();
    let placed = AnyPayload::from_json("order.placed", 2, serde_json::to_string(&order).unwrap().as_bytes()).unwrap();
    assert_eq!(placed, placed.clone());
    assert_eq!(placed, AnyPayload::OrderPlacedV2(order.clone()));
    assert_ne!(placed, AnyPayload::OrderPlacedV2(order.clone().with_gift(true)));
    assert_ne!(placed, rated("4.5"));
    assert_eq!(rated("4.5"), rated("4.5"));
    assert_ne!(rated("4.5"), rated("4"));

    let env = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order.clone()).build();
    let event = AnyEvent::from_json(env.to_json().as_bytes()).unwrap();
    assert_eq!(event, AnyEvent::OrderPlacedV2(env.clone()));
    assert_eq!(event, event.clone());
    let other = Envelope::builder(events::NonEmptyString::new("t2").unwrap(), order.clone()).build();
    assert_ne!(event, AnyEvent::OrderPlacedV2(other));
    let AnyPayload::OrderRatedV1(rating) = rated("4.5") else { panic!("order.rated v1 decodes to its variant") };
    let rated_event = AnyEvent::OrderRatedV1(Envelope::builder(events::NonEmptyString::new("t1").unwrap(), rating.clone()).build());
    assert_ne!(event, rated_event);

    /// What `#[derive(Debug)]` writes for the `any` enums' variants (its fields are read by
    /// `Debug` alone, which dead-code analysis ignores).
    #[derive(Debug)]
    #[allow(dead_code)]
    enum Derived<'a> {
        OrderPlacedV2(&'a dyn std::fmt::Debug),
        OrderRatedV1(&'a dyn std::fmt::Debug),
    }
    assert_eq!(format!("{event:?}"), format!("{:?}", Derived::OrderPlacedV2(&env)));
    assert_eq!(format!("{event:#?}"), format!("{:#?}", Derived::OrderPlacedV2(&env)));
    assert_eq!(format!("{placed:#?}"), format!("{:#?}", Derived::OrderPlacedV2(&order)));
    assert_eq!(format!("{:?}", rated("4.5")), format!("{:?}", Derived::OrderRatedV1(&rating)));
}

#[test]
fn payload_must_be_an_object_not_an_array() {
    let json = serde_json::to_value(order()).unwrap();
    let as_array: Vec<serde_json::Value> = json.as_object().unwrap().values().cloned().collect();
    let err = mini::any::AnyPayload::from_json("order.placed", 2, serde_json::to_string(&as_array).unwrap().as_bytes()).unwrap_err();
    assert!(err.to_string().contains("a JSON object"), "{err}");
}

#[test]
fn discriminated_union_decodes_by_tag() {
    use mini::shop::order_decided_v1::{OrderDecidedV1, Reason};
    let id = OrderId::new_v7();
    let json = format!(r#"{{"decision":"rejected","order_id":"{id}","reason":"fraud_suspected"}}"#);
    let decided: OrderDecidedV1 = serde_json::from_str(&json).unwrap();
    match &decided {
        OrderDecidedV1::Rejected(r) => assert_eq!(*r.reason(), Reason::FraudSuspected),
        OrderDecidedV1::Accepted(_) => panic!("wrong branch"),
    }
    assert_eq!(serde_json::to_value(&decided).unwrap(), serde_json::from_str::<serde_json::Value>(&json).unwrap());
    let wrong = json.replace("rejected", "accepted");
    assert!(serde_json::from_str::<OrderDecidedV1>(&wrong).is_err());
}

#[test]
fn tolerant_enums_keep_unknown_values_that_producers_cannot_build() {
    use mini::shop::order_decided_v1::{OrderDecidedV1, Reason};
    let id = OrderId::new_v7();
    let json = format!(r#"{{"decision":"rejected","order_id":"{id}","reason":"velocity_limit"}}"#);
    let decided: OrderDecidedV1 = serde_json::from_str(&json).unwrap();
    let OrderDecidedV1::Rejected(r) = &decided else { panic!("wrong branch") };
    assert!(matches!(r.reason(), Reason::Unknown(v) if v.as_str() == "velocity_limit"));
    assert_eq!(serde_json::to_string(&decided).unwrap(), json, "the unknown value is kept as received");
    assert_eq!(Reason::ALL, [Reason::CardDeclined, Reason::FraudSuspected]);
}

#[test]
fn cross_file_refs_share_one_type_and_draft7_documents_are_read() {
    use mini::shop::order_decided_v1::Accepted;
    // The same `Money` type serves order.placed v2 and order.decided v1.
    use mini::shop::order_decided_v1::AcceptedRequired;
    let accepted =
        Accepted::new(AcceptedRequired { order_id: OrderId::new_v7(), accepted_at: ts("2026-03-01T10:00:00Z") }).with_charged(order().total().clone());
    let charged: Option<&Money> = accepted.charged();
    assert_eq!(charged.unwrap().currency(), MoneyCurrency::Eur);
    let json = serde_json::to_value(order()).unwrap();
    assert_eq!(json["total"], serde_json::json!({"amount_cents": 1990, "currency": "EUR"}));
    let mut bad = json.clone();
    bad["total"]["currency"] = "GBP".into();
    assert!(serde_json::from_value::<OrderPlacedV2>(bad).is_err());
}

/// order.rated v1 uses `allOf` (a `$ref`'d base plus an extension; common fields spread
/// over a `oneOf`), constraints beside a `$ref`, and bounded non-integer numbers: on its
/// examples and on every single-constraint violation derived from them, the typed decode
/// and the `jsonschema` oracle agree.
#[test]
fn all_of_and_bounded_numbers_agree_with_the_validator() {
    let root = support::root().join("tests/fixtures/contracts-mini/contracts");
    let schema = support::read_json(&root.join("shop/schema/payloads/order.rated-v1.json"));
    let validator = support::oracle(&schema);
    let examples: Vec<(String, serde_json::Value)> = support::json_files(&root.join("examples/order.rated-v1"))
        .iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), support::read_json(p)))
        .collect();
    assert!(examples.len() >= 2);
    for (name, example) in &examples {
        assert!(validator.is_valid(example), "{name} is valid per the oracle");
        let typed = mini::any::AnyPayload::from_value("order.rated", 1, example.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let encoded: serde_json::Value = serde_json::from_str(&typed.to_json()).unwrap();
        assert!(validator.is_valid(&encoded), "{name} re-encodes to a valid payload: {encoded}");
    }
    let invalid = support::corpus::derive(&schema, &validator, &examples).unwrap_or_else(|p| panic!("{}", p.join("\n")));
    assert!(invalid.len() > 40, "{} derived violations", invalid.len());
    let accepted: Vec<&str> =
        invalid.iter().filter(|i| mini::any::AnyPayload::from_value("order.rated", 1, i.value.clone()).is_ok()).map(|i| i.name.as_str()).collect();
    assert!(accepted.is_empty(), "invalid per the oracle, accepted by the type: {accepted:?}");
}

#[test]
fn bounded_numbers_are_checked_when_built() {
    use mini::shop::order_rated_v1::{Score, Weight};
    assert_eq!(Score::new(4.5).unwrap().get(), 4.5);
    assert!(matches!(Score::new(4.25), Err(events::ValueError::Number { keyword: "multipleOf", .. })));
    assert!(matches!(Score::new(5.5), Err(events::ValueError::Number { keyword: "maximum", .. })));
    assert!(matches!(Weight::new(1.0), Err(events::ValueError::Number { keyword: "exclusiveMaximum", .. })));
    assert!(Weight::try_from(0.5).is_ok());
}

/// The union decoder reads the tag wherever it stands: first (nothing buffered), in the
/// middle or last (the members before it are buffered), and rejects a missing, unknown or
/// non-string tag, as the validator does.
#[test]
fn union_tag_may_stand_anywhere_in_the_object() {
    use mini::shop::order_decided_v1::{OrderDecidedV1, Reason};
    let id = OrderId::new_v7();
    for json in [
        format!(r#"{{"decision":"rejected","order_id":"{id}","reason":"fraud_suspected"}}"#),
        format!(r#"{{"order_id":"{id}","decision":"rejected","reason":"fraud_suspected"}}"#),
        format!(r#"{{"order_id":"{id}","reason":"fraud_suspected","decision":"rejected"}}"#),
    ] {
        match serde_json::from_str::<OrderDecidedV1>(&json) {
            Ok(OrderDecidedV1::Rejected(r)) => {
                assert_eq!(*r.reason(), Reason::FraudSuspected, "{json}");
                assert_eq!(r.order_id(), id, "{json}");
            }
            other => panic!("{json}: {other:?}"),
        }
    }
    for (json, says) in [
        (format!(r#"{{"order_id":"{id}","reason":"fraud_suspected"}}"#), "missing field `decision`"),
        (format!(r#"{{"order_id":"{id}","reason":"fraud_suspected","decision":"maybe"}}"#), "unknown variant `maybe`"),
        (format!(r#"{{"decision":7,"order_id":"{id}","reason":"fraud_suspected"}}"#), "invalid type"),
        // A member only the other branch has: buffered before the tag, still refused.
        (
            format!(r#"{{"accepted_at":"2026-03-01T10:00:00Z","order_id":"{id}","reason":"fraud_suspected","decision":"rejected"}}"#),
            "unknown field `accepted_at`",
        ),
    ] {
        let err = serde_json::from_str::<OrderDecidedV1>(&json).unwrap_err().to_string();
        assert!(err.contains(says), "{json}: {err}");
    }
}

/// 1-based (line, column in bytes) of the first `needle` in `text`.
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in {text}"));
    let before = &text[..at];
    (before.matches('\n').count() + 1, at - before.rfind('\n').map_or(0, |i| i + 1) + 1)
}

#[test]
fn payload_errors_name_the_json_path_and_the_position_in_the_whole_input() {
    let env = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order()).build();
    let mut json: serde_json::Value = serde_json::from_str(&env.to_json()).unwrap();
    json["payload"]["lines"][0]["quantity"] = 0.into();
    let text = serde_json::to_string_pretty(&json).unwrap();
    let (line, _) = position_of(&text, "\"quantity\": 0");
    for err in [mini::any::AnyEvent::from_json(text.as_bytes()).unwrap_err(), Envelope::<OrderPlacedV2>::from_json(text.as_bytes()).unwrap_err()] {
        match &err {
            events::DecodeError::Payload { event_type: "order.placed", version: 2, path, line: at_line, column, .. } => {
                assert_eq!(path, "/payload/lines/0/quantity", "{err}");
                assert_eq!(*at_line, line, "the line in the whole input, not in the payload: {err}");
                assert!(*column > 1, "{err}");
            }
            other => panic!("a payload error, with its path: {other}"),
        }
        let shown = err.to_string();
        assert!(shown.contains("at /payload/lines/0/quantity") && shown.contains(&format!("line {line}")), "{shown}");
        assert!(!shown.contains(" at line "), "only the position in the whole input is shown: {shown}");
    }
    // A bare payload: the path from its root, the position in it.
    let bare = serde_json::to_string_pretty(&json["payload"]).unwrap();
    let err = mini::any::AnyPayload::from_json("order.placed", 2, bare.as_bytes()).unwrap_err();
    assert!(
        matches!(&err, events::DecodeError::Payload { path, line, .. } if path == "/lines/0/quantity" && *line == position_of(&bare, "\"quantity\": 0").0),
        "{err:?}"
    );
}

/// Each kind of failure names the value it is about, whatever read it: a bound of a
/// number in an array element, a pattern, an enum, a type mismatch, `null` where none is
/// allowed, a nested object missing a member or with one too many (the object), an
/// `anyOf` branch, a map member and the payload itself. The expected pointers are written
/// by hand from the payload's shape.
#[test]
fn payload_errors_point_at_the_failing_value_for_every_kind_of_failure() {
    let env = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order()).build();
    let valid: serde_json::Value = serde_json::from_str(&env.to_json()).unwrap();
    type Change = fn(&mut serde_json::Value);
    let cases: [(&str, Change); 12] = [
        ("/lines/0/quantity", |p| p["lines"][0]["quantity"] = 100.into()),
        ("/lines/0/sku", |p| p["lines"][0]["sku"] = "abc".into()),
        ("/lines/0", |p| p["lines"][0].as_object_mut().unwrap().remove("sku").map(drop).unwrap()),
        ("/lines/0", |p| p["lines"][0]["colour"] = "red".into()),
        ("/channel", |p| p["channel"] = "fax".into()),
        ("/currency", |p| p["currency"] = 978.into()),
        ("/placed_at", |p| p["placed_at"] = serde_json::Value::Null),
        ("/window/end", |p| p["window"]["end"] = "2026-13-01T00:00:00Z".into()),
        ("/window", |p| p["window"].as_object_mut().unwrap().remove("end").map(drop).unwrap()),
        ("/fallback_window/start", |p| p["fallback_window"] = serde_json::json!({"start": 1})),
        ("/metadata", |p| p["metadata"] = serde_json::json!([1])),
        ("", |p| p.as_object_mut().unwrap().remove("order_id").map(drop).unwrap()),
    ];
    for (pointer, change) in cases {
        let mut json = valid.clone();
        change(&mut json["payload"]);
        for text in [serde_json::to_string(&json).unwrap(), serde_json::to_string_pretty(&json).unwrap()] {
            let err = mini::any::AnyEvent::from_json(text.as_bytes()).unwrap_err();
            match &err {
                events::DecodeError::Payload { path, .. } => assert_eq!(path, &format!("/payload{pointer}"), "{text}: {err}"),
                other => panic!("{pointer}: a payload error, not {other}"),
            }
            let bare = serde_json::to_string(&json["payload"]).unwrap();
            match mini::any::AnyPayload::from_json("order.placed", 2, bare.as_bytes()).unwrap_err() {
                events::DecodeError::Payload { path, .. } => assert_eq!(path, pointer, "{bare}"),
                other => panic!("{pointer}: a payload error, not {other}"),
            }
        }
    }
}

/// A refused timestamp is located at itself, not at the end of the object holding it.
#[test]
fn a_refused_timestamp_is_located_at_its_own_line() {
    let env = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order()).build();
    let mut json: serde_json::Value = serde_json::from_str(&env.to_json()).unwrap();
    json["payload"]["window"]["start"] = "2026-13-01T00:00:00Z".into();
    let text = serde_json::to_string_pretty(&json).unwrap();
    let (line, column) = position_of(&text, "\"2026-13-01T00:00:00Z\"");
    match mini::any::AnyEvent::from_json(text.as_bytes()).unwrap_err() {
        events::DecodeError::Payload { path, line: at_line, column: at_column, .. } => {
            assert_eq!(path, "/payload/window/start");
            assert_eq!(at_line, line, "the timestamp's own line");
            assert!((column..column + 22).contains(&at_column), "within the string: {at_column} vs {column}");
        }
        other => panic!("a payload error: {other}"),
    }
}

#[test]
fn a_typed_envelope_of_the_wrong_event_says_so_before_any_payload_field() {
    use mini::shop::OrderPlacedV1;
    let env = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order()).build();
    let err = Envelope::<OrderPlacedV1>::from_json(env.to_json().as_bytes()).unwrap_err();
    assert!(matches!(err, events::DecodeError::Envelope(_)), "{err:?}");
    assert!(err.to_string().contains("expected order.placed v1, found order.placed v2"), "{err}");
}
