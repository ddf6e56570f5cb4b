//! Decoding changes nothing it keeps: `encode(decode(bytes))` equals the input as a JSON
//! value for every example, with timestamps (offset, fraction digits, leap second),
//! numbers (integer form, every digit) and opaque payloads kept exactly; and every error
//! message stays small whatever the size of the value it is about.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::{Path, PathBuf};

use events::any::{AnyEvent, AnyPayload};
use serde_json::{json, Value};
use support::{json_files, root};

#[allow(dead_code, clippy::all)]
mod mini {
    include!("snapshots/contracts_mini.rs");
}

/// Where examples live: the contract set's own, the conformance corpus's valid ones (if
/// any), and the mini fixture's (decoded with the mini bindings).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Set {
    Contracts,
    Mini,
}

/// Every `valid*` JSON file at any depth below `dir`, sorted.
fn valid_files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                // `valid/` holds valid payloads; any other directory may hold `valid-*.json`.
                if name == "valid" {
                    out.extend(json_files(&path));
                } else if name != "invalid" {
                    stack.push(path);
                }
            } else if name.starts_with("valid") && name.ends_with(".json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every example: (set, `<event type>-v<N>` or `envelope-v1`, file).
fn examples() -> Vec<(Set, String, PathBuf)> {
    let mut out = Vec::new();
    let sources = [
        (Set::Contracts, root().join("contracts/examples")),
        (Set::Contracts, root().join("tests/fixtures/conformance")),
        (Set::Mini, root().join("tests/fixtures/contracts-mini/contracts/examples")),
    ];
    for (set, base) in sources {
        for file in valid_files_below(&base) {
            let key = file.strip_prefix(&base).unwrap().components().next().unwrap().as_os_str().to_string_lossy().into_owned();
            out.push((set, key, file));
        }
    }
    out
}

/// Decodes `bytes` as what `key` names and encodes it again.
fn decode_encode(set: Set, key: &str, bytes: &[u8]) -> Result<String, String> {
    let (event_type, version) = key.rsplit_once("-v").ok_or_else(|| format!("{key} is not <event type>-v<N>"))?;
    let version: u64 = version.parse().map_err(|e| format!("{key}: {e}"))?;
    match (set, event_type) {
        (Set::Contracts, "envelope") => AnyEvent::from_json(bytes).map(|e| e.to_json()).map_err(|e| e.to_string()),
        (Set::Contracts, _) => AnyPayload::from_json(event_type, version, bytes).map(|p| p.to_json()).map_err(|e| e.to_string()),
        (Set::Mini, "envelope") => mini::any::AnyEvent::from_json(bytes).map(|e| e.to_json()).map_err(|e| e.to_string()),
        (Set::Mini, _) => mini::any::AnyPayload::from_json(event_type, version, bytes).map(|p| p.to_json()).map_err(|e| e.to_string()),
    }
}

#[test]
fn every_example_encodes_back_to_the_same_json_value() {
    let examples = examples();
    let contract_examples: usize = std::fs::read_dir(root().join("contracts/examples")).unwrap().flatten().map(|d| json_files(&d.path()).len()).sum();
    assert!(contract_examples > 50, "contracts/examples holds only {contract_examples} examples");
    assert!(examples.iter().filter(|(set, ..)| *set == Set::Contracts).count() >= contract_examples);
    assert!(examples.iter().any(|(set, ..)| *set == Set::Mini), "the mini fixture's examples were not found");
    let mut changed = Vec::new();
    for (set, key, file) in &examples {
        let bytes = std::fs::read(file).unwrap();
        let input: Value = serde_json::from_slice(&bytes).unwrap();
        match decode_encode(*set, key, &bytes) {
            Ok(encoded) => {
                let output: Value = serde_json::from_str(&encoded).unwrap();
                if output != input {
                    changed.push(format!("{}:\n  in:  {input}\n  out: {output}", file.display()));
                }
            }
            Err(e) => changed.push(format!("{}: does not decode: {e}", file.display())),
        }
    }
    assert!(changed.is_empty(), "{} of {} examples changed:\n{}", changed.len(), examples.len(), changed.join("\n"));
}

/// The minimal valid envelope of `contracts/examples`, a `payment.received` v1.
fn envelope() -> Value {
    support::read_json(&root().join("contracts/examples/envelope-v1/valid-minimal.json"))
}

/// Decodes and re-encodes a whole envelope.
fn envelope_round_trip(envelope: &Value) -> Value {
    let event = AnyEvent::from_json(envelope.to_string().as_bytes()).unwrap_or_else(|e| panic!("{envelope}: {e}"));
    serde_json::from_str(&event.to_json()).unwrap()
}

/// `AnyEvent` and `AnyPayload` serialize through serde as the type they hold does, to any
/// serializer: here serde_json's `Value` serializer, not the writer `to_json` uses.
#[test]
fn any_event_and_payload_serialize_as_what_they_hold() {
    let input = envelope();
    let event = AnyEvent::from_json(input.to_string().as_bytes()).unwrap();
    assert_eq!(serde_json::to_value(&event).unwrap(), input);
    let AnyEvent::PaymentReceivedV1(typed) = &event else { panic!("{input} is a payment.received v1") };
    assert_eq!(serde_json::to_value(typed).unwrap(), input);
    let payload = AnyPayload::from_json("payment.received", 1, input["payload"].to_string().as_bytes()).unwrap();
    assert_eq!(serde_json::to_value(&payload).unwrap(), input["payload"]);
}

#[test]
fn timestamps_keep_their_offset_fraction_digits_and_leap_second() {
    for occurred_at in [
        "2021-05-24T00:10:21.000-04:00",
        "2021-05-24T00:10:21-04:00",
        "2021-05-24T00:10:21.123456789012Z",
        "2021-05-24T00:10:21.100Z",
        "1998-12-31T18:59:60-05:00",
        "1998-12-31T23:59:60.5Z",
        "2021-05-24t00:10:21z",
        "2021-05-24T00:10:21-00:00",
    ] {
        let mut envelope = envelope();
        envelope["occurred_at"] = json!(occurred_at);
        envelope["payload"]["received_at"] = json!(occurred_at);
        let out = envelope_round_trip(&envelope);
        assert_eq!(out, envelope, "{occurred_at}");
        assert_eq!(out["occurred_at"], occurred_at);
    }
}

#[test]
fn timestamps_compare_by_text_and_give_their_instant() {
    let local: events::Timestamp = "2021-05-24T00:10:21.000-04:00".parse().unwrap();
    let utc: events::Timestamp = "2021-05-24T04:10:21Z".parse().unwrap();
    assert_ne!(local, utc);
    assert_eq!(local.instant(), utc.instant());
    assert_eq!(local.to_string(), "2021-05-24T00:10:21.000-04:00");
}

#[test]
fn numbers_keep_their_integer_form_and_every_digit() {
    // A bounded number field (mini fixture, order.rated v1: score in 0..=5, multiple of 0.5).
    let mut payload = support::read_json(&root().join("tests/fixtures/contracts-mini/contracts/examples/order.rated-v1/valid-full.json"));
    for score in ["4", "4.50", "5e0", "0"] {
        let text = payload.to_string().replace("\"score\":4.5", &format!("\"score\":{score}"));
        let typed = mini::any::AnyPayload::from_json("order.rated", 1, text.as_bytes()).unwrap_or_else(|e| panic!("{score}: {e}"));
        assert!(typed.to_json().contains(&format!("\"score\":{score},")), "{score}: {}", typed.to_json());
    }
    payload["score"] = json!(4.25);
    assert!(mini::any::AnyPayload::from_value("order.rated", 1, payload).is_err(), "4.25 is not a multiple of 0.5");
    // An unbounded number (`type: number` without bounds maps to events::Number).
    for text in ["39652351", "123456789012345678901234567890", "1e-400", "0.10", "-0"] {
        let number: events::Number = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&number).unwrap(), text);
    }
    assert_eq!(serde_json::from_str::<events::Number>("39652351").unwrap().as_i64(), Some(39_652_351));
}

/// An envelope of `lesson.attended` v1, whose registry entry names no payload schema, with
/// `payload` as the given JSON text.
fn opaque_envelope(payload: &str) -> String {
    format!(
        r#"{{"event_id":"evt_019e4ba5-1a80-7e55-b376-3c7cb53eb502","event_type":"lesson.attended","schema_version":1,"producer":"delivery","tenant_id":"sguild","occurred_at":"2026-05-21T17:46:12Z","payload":{payload}}}"#
    )
}

#[test]
fn opaque_payloads_keep_big_and_tiny_numbers_as_written() {
    let payload = r#"{"n":123456789012345678901234567890,"tiny":1e-400,"f":0.10,"nested":{"a":[1,2.0,-0]}}"#;
    let event = AnyEvent::from_json(opaque_envelope(payload).as_bytes()).unwrap();
    let encoded = event.to_json();
    assert!(encoded.ends_with(&format!(r#""payload":{payload}}}"#)), "{encoded}");
    let AnyEvent::LessonAttendedV1(e) = &event else { panic!("routed to {}", event.event_type()) };
    assert_eq!(e.payload().object().json(), payload);
    // And as a bare payload.
    let bare = AnyPayload::from_json("lesson.attended", 1, payload.as_bytes()).unwrap();
    assert_eq!(bare.to_json(), payload);
}

#[test]
fn opaque_payloads_with_a_repeated_key_are_rejected() {
    for payload in [r#"{"a":1,"a":2}"#, r#"{"a":{"b":1,"b":1}}"#, r#"{"a":[{"b":1,"\u0062":2}]}"#] {
        assert!(AnyEvent::from_json(opaque_envelope(payload).as_bytes()).is_err(), "{payload}");
        assert!(AnyPayload::from_json("lesson.attended", 1, payload.as_bytes()).is_err(), "{payload}");
    }
    for not_object in ["[]", "1", "null", r#""{}""#] {
        assert!(AnyPayload::from_json("lesson.attended", 1, not_object.as_bytes()).is_err(), "{not_object}");
    }
}

/// The size no error message may reach, whatever the input.
// A decode error's text: a few cut values, and a payload error's (cut) path and position.
const MESSAGE_BOUND: usize = 400;

const TEN_MB: usize = 10 * 1024 * 1024;

#[test]
fn error_messages_stay_small_for_10_mb_values() {
    let huge = "a".repeat(TEN_MB);
    let sites: [(&str, &[&str], Value); 11] = [
        ("event_id", &["event_id"], json!(format!("evt_{huge}"))),
        ("event_type", &["event_type"], json!(format!("x.{huge}"))),
        ("registered-looking event_type", &["event_type"], json!(format!("payment.{huge}"))),
        ("producer", &["producer"], json!(huge)),
        ("occurred_at", &["occurred_at"], json!(format!("2026-05-21T17:46:12{huge}"))),
        ("subject", &["subject"], json!(format!("per_{huge}"))),
        ("payload id", &["payload", "order_id"], json!(format!("ord_{huge}"))),
        ("payload enum", &["payload", "payment_path"], json!(huge)),
        ("payload timestamp", &["payload", "received_at"], json!(huge)),
        ("payload checked string", &["payload", "currency"], json!(huge)),
        ("payload unknown field", &["payload", huge.as_str()], json!(1)),
    ];
    for (site, path, value) in sites {
        let mut envelope = envelope();
        let (last, parents) = path.split_last().unwrap();
        let mut target = &mut envelope;
        for p in parents {
            target = &mut target[*p];
        }
        target[*last] = value;
        // Not `expect_err`: on success it would print the 10 MB event.
        let Err(err) = AnyEvent::from_json(envelope.to_string().as_bytes()) else { panic!("{site}: accepted") };
        let message = err.to_string();
        assert!(message.len() < MESSAGE_BOUND, "{site}: {} bytes: {}", message.len(), &message[..message.len().min(500)]);
    }
    // An unknown event type named through the API.
    let Err(err) = AnyPayload::from_json(&huge, 1, b"{}") else { panic!("a 10 MB event type was accepted") };
    assert!(err.to_string().len() < MESSAGE_BOUND, "{}", err.to_string().len());
}

events::checked_string! {
    /// A string with a pattern, to reach the pattern error.
    struct Code(events::StringRules::ANY.pattern("^[A-Z]{3}$"));
}

#[test]
fn value_error_messages_stay_small_for_10_mb_values() {
    // Escapes make the quoted text longer than the value: the bound still holds.
    for huge in ["a".repeat(TEN_MB), "\u{1}".repeat(TEN_MB), "é\"\\".repeat(TEN_MB / 4)] {
        let messages = [
            huge.parse::<events::Timestamp>().unwrap_err().to_string(),
            events::Date::parse(&huge).unwrap_err().to_string(),
            huge.parse::<events::Number>().unwrap_err().to_string(),
            Code::new(huge.clone()).unwrap_err().to_string(),
        ];
        for message in &messages {
            assert!(message.len() < MESSAGE_BOUND, "{} bytes: {}", message.len(), &message[..message.len().min(500)]);
        }
    }
    let long_number = "9".repeat(TEN_MB);
    let number: events::Number = long_number.parse().unwrap();
    assert_eq!(number.to_string().len(), TEN_MB, "a long number is kept whole");
    let err = events::NumberRules::ANY.maximum(5.0).check_number(&number).unwrap_err().to_string();
    assert!(err.len() < MESSAGE_BOUND, "{}", err.len());
    // A date-time finer than a Timestamp keeps is refused, with a small message.
    let too_fine = format!("2021-05-24T00:10:21.{}Z", "1".repeat(TEN_MB));
    let err = too_fine.parse::<events::Timestamp>().unwrap_err();
    assert!(matches!(err, events::ValueError::Inexact { .. }), "{err}");
    assert!(err.to_string().len() < MESSAGE_BOUND);
}
