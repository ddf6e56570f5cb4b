//! Checks of the hand-written runtime that every generated type relies on, each named
//! after what a user would get wrong if it broke: timestamps, UUIDv7 ids, and `null` in
//! optional fields.

mod support;

use events::ids::LeadId;
use events::{EntityId, IdError, Timestamp};
use uuid::Uuid;

/// A v7 UUID with the RFC 9562 variant, and the same bits with another version or variant.
const V7: u128 = 0x0190a8c2_6f3e_7b6a_9c1d_2e3f4a5b6c7d;
const V4: u128 = 0x0190a8c2_6f3e_4b6a_9c1d_2e3f4a5b6c7d;
const V7_MICROSOFT_VARIANT: u128 = 0x0190a8c2_6f3e_7b6a_cc1d_2e3f4a5b6c7d;
const V7_NCS_VARIANT: u128 = 0x0190a8c2_6f3e_7b6a_1c1d_2e3f4a5b6c7d;
const V8: u128 = 0x0190a8c2_6f3e_8b6a_9c1d_2e3f4a5b6c7d;

/// A timestamp must carry `Z` or a numeric offset. Each case is long enough to pass any
/// length guard, so only the offset check can reject it.
#[test]
fn timestamp_without_offset_is_rejected() {
    for text in ["2026-05-20T14:03:11.5", "2026-05-20T14:03:11.12", "2026-05-20T14:03:11.123456789", "2026-05-20T14:03:11.000000000000"] {
        assert!(text.parse::<Timestamp>().is_err(), "{text} has no offset");
        assert!(serde_json::from_value::<Timestamp>(text.into()).is_err(), "{text} has no offset (decoding)");
        let with_z = format!("{text}Z");
        assert!(with_z.parse::<Timestamp>().is_ok(), "{with_z} is valid");
    }
    for text in ["2026-05-20T14:03:11.5+", "2026-05-20T14:03:11.5+02", "2026-05-20T14:03:11.5+0200", "2026-05-20T14:03:11.5Z ", "2026-05-20T14:03:11.5ZZ"] {
        assert!(text.parse::<Timestamp>().is_err(), "{text:?} has a broken offset");
    }
}

/// Calendar checks on the date part of a timestamp: month 13 and February 30 are refused.
#[test]
fn timestamp_with_impossible_date_is_rejected() {
    for text in ["2026-13-20T14:03:11Z", "2026-02-30T14:03:11Z", "2026-00-10T14:03:11Z", "2026-04-31T14:03:11Z", "2025-02-29T14:03:11Z"] {
        assert!(text.parse::<Timestamp>().is_err(), "{text}");
    }
    assert!("2024-02-29T14:03:11Z".parse::<Timestamp>().is_ok(), "a leap day");
}

/// Typed ids and `EntityId` are built only from version 7 UUIDs with the RFC 9562 variant:
/// a producer cannot emit an id every consumer would reject.
#[test]
fn ids_refuse_uuids_that_are_not_version_7_with_the_rfc_variant() {
    let good = Uuid::from_u128(V7);
    assert!(events::id::is_uuid_v7(&good));
    assert_eq!(LeadId::from_uuid(good).unwrap().uuid(), good);
    assert_eq!(EntityId::new("lead", good).unwrap().to_string(), format!("lead_{good}"));
    for bits in [V4, V8, V7_MICROSOFT_VARIANT, V7_NCS_VARIANT, 0, u128::MAX] {
        let uuid = Uuid::from_u128(bits);
        assert!(!events::id::is_uuid_v7(&uuid), "{uuid}");
        assert_eq!(LeadId::from_uuid(uuid), Err(IdError::WrongUuidVersion(uuid)), "{uuid}");
        assert_eq!(EntityId::new("lead", uuid), Err(IdError::WrongUuidVersion(uuid)), "{uuid}");
        // The text form of each is refused too, by the typed id and by the envelope's subject.
        assert!(format!("lead_{uuid}").parse::<LeadId>().is_err(), "{uuid}");
        assert!(format!("lead_{uuid}").parse::<EntityId>().is_err(), "{uuid}");
    }
}

/// Ids are lowercase: the contracts' pattern has no `A-F`.
#[test]
fn ids_in_upper_case_are_rejected() {
    let text = format!("lead_{}", Uuid::from_u128(V7));
    assert!(text.parse::<LeadId>().is_ok());
    for bad in [text.to_uppercase(), format!("lead_{}", Uuid::from_u128(V7).to_string().to_uppercase()), text.replacen('a', "A", 1)] {
        assert!(bad.parse::<LeadId>().is_err(), "{bad}");
        assert!(bad.parse::<EntityId>().is_err(), "{bad}");
        assert!(serde_json::from_value::<LeadId>(bad.clone().into()).is_err(), "{bad}");
    }
}

/// True when `schema` (a property's) says `null` is allowed: in `type`, in `enum`, or in a
/// branch of `anyOf`/`oneOf`; local `$ref`s followed. Written from the schema, not by the oracle.
fn allows_null(root: &serde_json::Value, schema: &serde_json::Value) -> bool {
    if let Some(target) = schema["$ref"].as_str().and_then(|r| r.strip_prefix('#')).and_then(|p| root.pointer(p)) {
        return allows_null(root, target);
    }
    let in_type = match &schema["type"] {
        serde_json::Value::String(t) => t == "null",
        serde_json::Value::Array(ts) => ts.iter().any(|t| t == "null"),
        _ => false,
    };
    let in_enum = schema["enum"].as_array().is_some_and(|e| e.contains(&serde_json::Value::Null));
    let in_branch = ["anyOf", "oneOf"].iter().any(|k| schema[*k].as_array().is_some_and(|bs| bs.iter().any(|b| allows_null(root, b))));
    in_type || in_enum || in_branch
}

/// An optional field whose schema does not allow `null` refuses it: `null` is not "absent".
/// The cases are the corpus's `<location>--null` payloads (every property and item of every
/// registered schema where `null` is invalid, absent optional properties included); each is
/// invalid per the oracle and must fail the typed decode. Every optional top-level property
/// that does not allow `null` must have one.
#[test]
fn optional_fields_that_forbid_null_reject_it() {
    let mut checked = 0;
    let mut missing = Vec::new();
    let mut accepted = Vec::new();
    for r in support::registered() {
        let Some(schema_path) = &r.schema else { continue };
        let schema = support::read_json(schema_path);
        let required: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
        let mut null_files = Vec::new();
        for file in support::invalid_examples(&r.key()) {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let Some(location) = stem.split('~').next().and_then(|s| s.strip_suffix("--null")) else { continue };
            checked += 1;
            null_files.push(location.to_owned());
            let bytes = std::fs::read(&file).unwrap();
            if events::any::AnyPayload::from_json(&r.event_type, r.version, &bytes).is_ok() {
                accepted.push(format!("{}: {stem}", r.key()));
            }
        }
        for (name, property) in schema["properties"].as_object().into_iter().flatten() {
            if !required.contains(&name.as_str()) && !allows_null(&schema, property) && !null_files.contains(name) {
                missing.push(format!("{}: {name}", r.key()));
            }
        }
    }
    assert!(checked > 0, "no null payload in the corpus");
    assert!(missing.is_empty(), "optional fields that forbid null without a null payload in the corpus:\n{}", missing.join("\n"));
    assert!(accepted.is_empty(), "null accepted where the schema forbids it ({checked} payloads):\n{}", accepted.join("\n"));
}

/// The four hyphens of an id are checked where they stand: a hex digit, another character
/// or a moved hyphen there is refused (the parser decodes only the digits between them).
#[test]
fn ids_with_a_hyphen_out_of_place_are_rejected() {
    let good = format!("lead_{}", Uuid::from_u128(V7));
    assert!(good.parse::<LeadId>().is_ok());
    for at in [8, 13, 18, 23] {
        let at = at + "lead_".len();
        for c in ['0', 'a', 'g', '_', ' '] {
            let mut bad = good.clone();
            bad.replace_range(at..=at, &c.to_string());
            assert!(bad.parse::<LeadId>().is_err(), "{bad}");
            assert!(bad.parse::<EntityId>().is_err(), "{bad}");
        }
        // The hyphen swapped with the digit after it.
        let mut moved: Vec<char> = good.chars().collect();
        moved.swap(at, at + 1);
        let moved: String = moved.into_iter().collect();
        assert!(moved.parse::<LeadId>().is_err(), "{moved}");
    }
}

/// A timestamp keeps up to 47 fraction digits, exactly as written; one more is refused as
/// inexact, not cut.
#[test]
fn timestamp_keeps_47_fraction_digits_and_refuses_48() {
    let at = |digits: usize| format!("2026-05-20T14:03:11.{}Z", "1".repeat(digits));
    let kept: Timestamp = at(47).parse().unwrap();
    assert_eq!(kept.to_string(), at(47));
    let err = at(48).parse::<Timestamp>().unwrap_err();
    assert!(matches!(err, events::ValueError::Inexact { .. }), "{err}");
}

/// Every digit of a date or a timestamp must be a digit: a byte just past `9` (`:`) or
/// just before `0` (`/`), a letter or a space in any digit position is refused, never read
/// as a digit value.
#[test]
fn dates_and_timestamps_refuse_a_non_digit_in_any_digit_position() {
    for valid in ["2026-05-20", "2026-05-20T14:03:11+02:30", "2026-05-20T14:03:11.25Z"] {
        let is_date = valid.len() == 10;
        let parses = |text: &str| if is_date { events::Date::parse(text).is_ok() } else { text.parse::<Timestamp>().is_ok() };
        assert!(parses(valid), "{valid}");
        for (i, _) in valid.bytes().enumerate().filter(|(_, b)| b.is_ascii_digit()) {
            for bad in [b':', b'/', b'a', b' '] {
                let mut text = valid.as_bytes().to_vec();
                text[i] = bad;
                let text = String::from_utf8(text).unwrap();
                assert!(!parses(&text), "{text:?} was accepted");
            }
        }
    }
}

/// Both hyphens of a date and both colons of a time must be in place; one out of place is
/// enough to refuse it.
#[test]
fn date_and_time_separators_must_all_be_in_place() {
    for bad in ["2026-05x20", "2026x05-20"] {
        assert!(events::Date::parse(bad).is_err(), "{bad}");
        assert!(format!("{bad}T14:03:11Z").parse::<Timestamp>().is_err(), "{bad}");
    }
    for bad in ["2026-05-20T14x03:11Z", "2026-05-20T14:03x11Z"] {
        assert!(bad.parse::<Timestamp>().is_err(), "{bad}");
    }
}

/// February 29 exists in years divisible by 4, except centuries not divisible by 400.
#[test]
fn leap_years_follow_the_gregorian_rules() {
    for (year, leap) in [(2024, true), (2000, true), (1600, true), (4, true), (2023, false), (1900, false), (2100, false), (2026, false)] {
        let date = format!("{year:04}-02-29");
        assert_eq!(events::Date::parse(&date).is_ok(), leap, "{date}");
        assert_eq!(format!("{date}T00:00:00Z").parse::<Timestamp>().is_ok(), leap, "{date}");
        assert!(events::Date::parse(&format!("{year:04}-02-28")).is_ok());
    }
}

/// Hours run to 23, minutes to 59, seconds to 60 (a leap second), each on its own.
#[test]
fn hours_minutes_and_seconds_stay_in_range() {
    for ok in ["23:59:59", "23:59:60", "00:00:00"] {
        assert!(format!("2026-06-30T{ok}Z").parse::<Timestamp>().is_ok(), "{ok}");
    }
    for bad in ["24:00:00", "23:60:00", "23:59:61", "24:59:59", "00:60:00", "00:00:61"] {
        assert!(format!("2026-06-30T{bad}Z").parse::<Timestamp>().is_err(), "{bad}");
    }
}
