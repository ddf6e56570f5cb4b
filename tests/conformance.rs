//! Typed decoding agrees with the independent validator on the conformance corpus.
//!
//! For every registered version with a schema: each valid example is first checked
//! against the `jsonschema` oracle, then must decode into its generated type, and the
//! re-encoded value must again satisfy the oracle. Each invalid payload
//! (`tests/fixtures/conformance/<event>-v<N>/invalid/`, one broken constraint each) must
//! be rejected by the oracle and by the typed decode — except an unknown value of an enum
//! whose contract tells consumers to tolerate unknown values, which decoding must keep.

mod support;

use events::any::{AnyEvent, AnyPayload};
use support::{invalid_examples, oracle, read_json, registered, root, valid_examples, Oracles};

#[test]
fn typed_decode_agrees_with_the_validator_on_every_payload() {
    let mut disagreements = Vec::new();
    let mut checked = 0;
    for r in registered() {
        let Some(path) = &r.schema else { continue };
        let oracles = Oracles::new(&r.key(), &read_json(path));
        let validator = &oracles.strict;
        for example in valid_examples(&r.key()) {
            let bytes = std::fs::read(&example).unwrap();
            let instance: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert!(validator.is_valid(&instance), "corpus error: {} is not valid per the oracle", example.display());
            checked += 1;
            match AnyPayload::from_json(&r.event_type, r.version, &bytes) {
                Ok(typed) if (typed.event_type(), u64::from(typed.schema_version())) != (r.event_type.as_str(), r.version) => {
                    disagreements.push(format!("{}: decoded as {} v{}", example.display(), typed.event_type(), typed.schema_version()));
                }
                Ok(typed) => {
                    let encoded: serde_json::Value = serde_json::from_str(&typed.to_json()).unwrap();
                    if !validator.is_valid(&encoded) {
                        disagreements.push(format!("{}: re-encoded value breaks the schema: {encoded}", example.display()));
                    }
                    let again = AnyPayload::from_json(&r.event_type, r.version, typed.to_json().as_bytes()).unwrap();
                    if again != typed {
                        disagreements.push(format!("{}: decode(encode(x)) != x", example.display()));
                    }
                }
                Err(e) => disagreements.push(format!("{}: valid per the oracle, rejected by the type: {e}", example.display())),
            }
        }
        for example in invalid_examples(&r.key()) {
            let bytes = std::fs::read(&example).unwrap();
            let instance: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            assert!(!validator.is_valid(&instance), "corpus error: {} is valid per the oracle", example.display());
            checked += 1;
            match AnyPayload::from_json(&r.event_type, r.version, &bytes) {
                // The contract tells consumers to keep unknown values of this enum: decoding
                // must accept it, and re-encoding must give back exactly what was received.
                Ok(typed) if oracles.only_tolerated_enum_errors(&instance) => {
                    if serde_json::from_str::<serde_json::Value>(&typed.to_json()).unwrap() != instance {
                        disagreements.push(format!("{}: tolerated unknown value not kept as received", example.display()));
                    }
                }
                Ok(typed) => disagreements.push(format!("{}: invalid per the oracle, accepted by the type as {typed:?}", example.display())),
                Err(_) if oracles.only_tolerated_enum_errors(&instance) => {
                    disagreements.push(format!("{}: the contract asks consumers to tolerate this unknown value, the type rejects it", example.display()));
                }
                // The error names a value the oracle also finds at fault.
                Err(events::DecodeError::Payload { path, .. }) => {
                    if let Err(at_fault) = support::oracle_blames(validator, &instance, &path) {
                        disagreements.push(format!("{}: the type's error is at {path:?}, the oracle's at {at_fault:?}", example.display()));
                    }
                }
                Err(e) => disagreements.push(format!("{}: not a payload error: {e}", example.display())),
            }
        }
    }
    assert!(checked > 100, "the corpus is too small: {checked} payloads");
    assert!(disagreements.is_empty(), "{} disagreement(s) over {checked} payloads:\n{}", disagreements.len(), disagreements.join("\n"));
}

#[test]
fn envelopes_agree_with_the_validator() {
    let validator = oracle(&read_json(&root().join("contracts/event-envelope/schema/envelope-v1.json")));
    let mut disagreements = Vec::new();
    for example in valid_examples("envelope-v1").into_iter().chain(invalid_examples("envelope-v1")) {
        let bytes = std::fs::read(&example).unwrap();
        let instance: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let envelope_ok = validator.is_valid(&instance);
        // The typed decode also checks the payload against its own schema, so compare
        // with the oracle's verdict on both.
        let payload_ok = registered()
            .iter()
            .find(|r| instance["event_type"] == r.event_type.as_str() && instance["schema_version"] == r.version)
            .map(|r| r.schema.as_ref().is_none_or(|s| oracle(&read_json(s)).is_valid(&instance["payload"])));
        let expected = envelope_ok && payload_ok == Some(true);
        let decoded = AnyEvent::from_json(&bytes);
        if decoded.is_ok() != expected {
            disagreements.push(format!("{}: oracle says {expected}, typed decode says {:?}", example.display(), decoded.map(|e| e.event_type())));
            continue;
        }
        // Success alone is not enough: the variant must be the one the envelope names.
        if let Ok(event) = decoded {
            let named = (instance["event_type"].as_str().unwrap_or_default(), instance["schema_version"].as_u64().unwrap_or_default());
            if (event.event_type(), u64::from(event.schema_version())) != named {
                disagreements.push(format!(
                    "{}: names {} v{}, decoded as {} v{}",
                    example.display(),
                    named.0,
                    named.1,
                    event.event_type(),
                    event.schema_version()
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// Every valid envelope example decodes to the `AnyEvent` variant of its `event_type` and
/// `schema_version`, and the typed `Envelope<P>::from_json` of any other (type, version)
/// refuses it. The wrong types tried are opaque payloads (any JSON object fits them), so
/// only the envelope's event-type and version check can refuse: `intake.captured` v1 beside
/// the example of v2, and `person.created` v1 for all.
#[test]
fn envelope_examples_route_to_their_own_type_and_version_only() {
    use events::envelope::Envelope;
    use events::identity::{IntakeCapturedV1, IntakeCapturedV2, PersonCreatedV1};
    let examples = valid_examples("envelope-v1");
    assert!(examples.len() >= 4, "{} envelope examples", examples.len());
    let mut checked_v2_as_v1 = false;
    for example in &examples {
        let bytes = std::fs::read(example).unwrap();
        let instance: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let named = (instance["event_type"].as_str().unwrap().to_owned(), instance["schema_version"].as_u64().unwrap());
        let event = AnyEvent::from_json(&bytes).unwrap_or_else(|e| panic!("{}: {e}", example.display()));
        assert_eq!((event.event_type().to_owned(), u64::from(event.schema_version())), named, "{}: routed to the wrong variant", example.display());
        let encoded: serde_json::Value = serde_json::from_str(&event.to_json()).unwrap();
        assert_eq!((&encoded["event_type"], &encoded["schema_version"]), (&instance["event_type"], &instance["schema_version"]), "{}", example.display());

        assert!(Envelope::<PersonCreatedV1>::from_json(&bytes).is_err(), "{}: decoded as person.created v1", example.display());
        if named == ("intake.captured".to_owned(), 2) {
            checked_v2_as_v1 = true;
            assert!(Envelope::<IntakeCapturedV2>::from_json(&bytes).is_ok(), "{}: its own type decodes it", example.display());
            let err = Envelope::<IntakeCapturedV1>::from_json(&bytes).expect_err("a v2 envelope decoded as v1");
            assert!(err.to_string().contains("expected intake.captured v1, found intake.captured v2"), "{}: {err}", example.display());
        } else {
            assert!(Envelope::<IntakeCapturedV1>::from_json(&bytes).is_err(), "{}: decoded as intake.captured v1", example.display());
        }
    }
    assert!(checked_v2_as_v1, "no intake.captured v2 envelope example: the version check is not exercised");
}

/// The hand-written list of tolerant enums names registered versions, and every listed node
/// exists (building the oracles asserts it).
#[test]
fn tolerant_enum_list_names_registered_enums() {
    let keys: Vec<String> = registered().iter().map(|r| r.key()).collect();
    for (key, _) in support::TOLERANT_ENUMS {
        assert!(keys.iter().any(|k| k == key), "TOLERANT_ENUMS names {key}, which is not registered");
        let r = registered().into_iter().find(|r| r.key() == *key).unwrap();
        Oracles::new(key, &read_json(r.schema.as_ref().expect("a tolerant enum lives in a schema")));
    }
}

/// Every (corpus name, schema, valid examples) the corpus is derived from: each
/// registered version with a schema, and the envelope.
fn corpus_sources() -> Vec<(String, serde_json::Value)> {
    let mut out: Vec<(String, serde_json::Value)> = registered().into_iter().filter_map(|r| Some((r.key(), read_json(r.schema.as_ref()?)))).collect();
    out.push(("envelope-v1".into(), read_json(&root().join("contracts/event-envelope/schema/envelope-v1.json"))));
    out
}

/// The invalid payloads under `tests/fixtures/conformance/` are exactly what
/// `support::corpus` derives from the schemas and their valid examples: one per
/// constraint at every location the examples reach. `UPDATE_CORPUS=1` rewrites them.
#[test]
fn invalid_corpus_is_derived_from_the_schemas_and_up_to_date() {
    let update = std::env::var_os("UPDATE_CORPUS").is_some();
    let mut problems = Vec::new();
    for (key, schema) in corpus_sources() {
        let validator = oracle(&schema);
        let examples: Vec<(String, serde_json::Value)> =
            valid_examples(&key).iter().map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), read_json(p))).collect();
        let derived = match support::corpus::derive(&schema, &validator, &examples) {
            Ok(derived) => derived,
            Err(errors) => {
                problems.extend(errors.into_iter().map(|e| format!("{key}: {e}")));
                continue;
            }
        };
        let dir = root().join("tests/fixtures/conformance").join(&key).join("invalid");
        let expected: std::collections::BTreeMap<String, String> =
            derived.iter().map(|i| (format!("{}.json", i.name), serde_json::to_string_pretty(&i.value).unwrap() + "\n")).collect();
        let present: std::collections::BTreeMap<String, String> =
            invalid_examples(&key).iter().map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(p).unwrap())).collect();
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            for name in present.keys().filter(|n| !expected.contains_key(*n)) {
                std::fs::remove_file(dir.join(name)).unwrap();
            }
            for (name, text) in &expected {
                if present.get(name) != Some(text) {
                    std::fs::write(dir.join(name), text).unwrap();
                }
            }
            continue;
        }
        for (name, text) in &expected {
            match present.get(name) {
                None => problems.push(format!("{key}: missing invalid/{name}")),
                Some(found) if found != text => problems.push(format!("{key}: invalid/{name} differs from what the schema derives")),
                Some(_) => {}
            }
        }
        for name in present.keys().filter(|n| !expected.contains_key(*n)) {
            problems.push(format!("{key}: invalid/{name} is no longer derived from the schema"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s); if the schemas or examples changed on purpose, run `UPDATE_CORPUS=1 cargo test --test conformance` and review the diff:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
