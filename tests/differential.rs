//! Property-based differential test: random mutations of every valid example payload,
//! decided by the `jsonschema` oracle and by the typed decode. They must agree on every
//! instance (an unknown value of an enum the contract tells consumers to tolerate is the
//! one documented exception: decoding keeps it).
//!
//! Each run draws a fresh seed (printed; `EVENTS_PROPTEST_SEED=<n>` replays a run). A
//! failing case is shrunk and its seed saved in `tests/differential.proptest-regressions`,
//! which is committed: every later run replays it first, for every example.

mod support;

use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use serde_json::{json, Value};

use events::any::AnyPayload;
use support::{read_json, registered, valid_examples, Oracles};

/// One edit of a JSON document.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove the member at the chosen path (or an array item).
    Remove(usize),
    /// Replace the value at the chosen path.
    Replace(usize, Value),
    /// Add an unknown member to the chosen object.
    AddMember(usize, String),
    /// Append a copy of the first item to the chosen array.
    DuplicateItem(usize),
}

fn interesting_value() -> impl Strategy<Value = Value> {
    let uuid = "0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d";
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![Just(0i64), Just(-1), Just(1), Just(4), Just(5), Just(100), Just(i64::from(i32::MAX)), any::<i64>()].prop_map(Value::from),
        prop_oneof![Just(1.5f64), Just(3.0), Just(-0.5)].prop_map(|f| json!(f)),
        prop_oneof![
            Just(String::new()),
            Just("x".to_owned()),
            Just(format!("per_{uuid}")),
            Just(format!("lead_{uuid}")),
            Just(format!("evt_{uuid}")),
            Just(format!("per_{}", uuid.to_uppercase())),
            Just("per_0190a8c2-6f3e-4b6a-9c1d-2e3f4a5b6c7d".to_owned()),
            Just("2026-05-20T14:03:11Z".to_owned()),
            Just("2026-05-20T14:03:11".to_owned()),
            Just("2026-02-30".to_owned()),
            Just("2026-05-20".to_owned()),
            Just("someone@example.com".to_owned()),
            Just("not an email".to_owned()),
            Just("USD".to_owned()),
            Just("usd".to_owned()),
            Just("12345".to_owned()),
            Just("a".repeat(300)),
            "[a-z_]{1,12}",
        ]
        .prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), interesting_value()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        (any::<usize>(), "[a-z_]{1,10}").prop_map(|(p, k)| Mutation::AddMember(p, k)),
        any::<usize>().prop_map(Mutation::DuplicateItem),
    ]
}

/// JSON pointers of every value below the root.
fn paths(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                paths(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                paths(v, p, out);
            }
        }
        _ => {}
    }
}

fn apply(doc: &mut Value, m: &Mutation) {
    let mut all = vec![String::new()];
    paths(doc, String::new(), &mut all);
    let pick = |i: usize| all[i % all.len()].clone();
    match m {
        Mutation::Remove(i) => {
            let p = pick(*i);
            if let Some((parent, last)) = p.rsplit_once('/') {
                match doc.pointer_mut(parent) {
                    Some(Value::Object(map)) => {
                        map.remove(&last.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(items)) => {
                        if let Ok(n) = last.parse::<usize>() {
                            items.remove(n);
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Replace(i, v) => {
            if let Some(slot) = doc.pointer_mut(&pick(*i)) {
                *slot = v.clone();
            }
        }
        Mutation::AddMember(i, key) => {
            let objects: Vec<&String> = all.iter().filter(|p| doc.pointer(p).is_some_and(Value::is_object)).collect();
            if objects.is_empty() {
                return;
            }
            let p = objects[i % objects.len()].clone();
            if let Some(Value::Object(map)) = doc.pointer_mut(&p) {
                map.insert(format!("zz_{key}"), json!(1));
            }
        }
        Mutation::DuplicateItem(i) => {
            let arrays: Vec<&String> = all.iter().filter(|p| doc.pointer(p).is_some_and(|v| v.as_array().is_some_and(|a| !a.is_empty()))).collect();
            if !arrays.is_empty() {
                let p = arrays[i % arrays.len()].clone();
                if let Some(Value::Array(items)) = doc.pointer_mut(&p) {
                    items.push(items[0].clone());
                }
            }
        }
    }
}

/// Where failing cases are saved and replayed from.
const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/differential.proptest-regressions");

#[test]
fn mutated_payloads_typed_decode_agrees_with_the_validator() {
    const CASES_PER_EXAMPLE: u32 = 96;
    let seed = support::proptest_seed();
    let mut disagreements = Vec::new();
    let checked = std::cell::Cell::new(0usize);
    let rejected = std::cell::Cell::new(0usize);
    let mut stream = 0;
    for r in registered() {
        let Some(path) = &r.schema else { continue };
        let oracles = Oracles::new(&r.key(), &read_json(path));
        let validator = &oracles.strict;
        for example in valid_examples(&r.key()) {
            let base = read_json(&example);
            stream += 1;
            let config =
                Config { cases: CASES_PER_EXAMPLE, failure_persistence: Some(Box::new(FileFailurePersistence::Direct(REGRESSIONS))), ..Config::default() };
            let mut runner = TestRunner::new_with_rng(config, support::chacha(seed, stream));
            let strategy = proptest::collection::vec(mutation(), 1..4);
            let outcome = runner.run(&strategy, |edits| {
                let mut doc = base.clone();
                for m in &edits {
                    apply(&mut doc, m);
                }
                let bytes = serde_json::to_vec(&doc).unwrap();
                let oracle_ok = validator.is_valid(&doc);
                let typed = AnyPayload::from_json(&r.event_type, r.version, &bytes);
                checked.set(checked.get() + 1);
                rejected.set(rejected.get() + usize::from(!oracle_ok));
                let agree = match (&typed, oracle_ok) {
                    (Ok(_), true) => true,
                    // The error also names a value the oracle finds at fault.
                    (Err(events::DecodeError::Payload { path, .. }), false) => support::oracle_blames(validator, &doc, path).is_ok(),
                    (Err(_), false) => false,
                    (Ok(_), false) => oracles.only_tolerated_enum_errors(&doc),
                    (Err(_), true) => false,
                };
                if agree {
                    return Ok(());
                }
                let blamed = match &typed {
                    Err(events::DecodeError::Payload { path, .. }) => format!("{:?}", support::oracle_blames(validator, &doc, path)),
                    _ => String::new(),
                };
                Err(TestCaseError::fail(format!("oracle valid={oracle_ok} {blamed}, typed={:?}\n  {doc}", typed.map(|_| "ok").map_err(|e| e.to_string()))))
            });
            if let Err(e) = outcome {
                disagreements.push(format!("{} from {}: {e}", r.key(), example.display()));
            }
        }
    }
    let (checked, rejected) = (checked.get(), rejected.get());
    assert!(checked > 1000 && rejected > checked / 4, "too few interesting cases: {checked} checked, {rejected} invalid");
    let shown: Vec<&String> = disagreements.iter().take(25).collect();
    assert!(
        disagreements.is_empty(),
        "{} example(s) with a disagreement ({checked} cases, {}={seed}; the shrunk cases are saved in {REGRESSIONS}, commit it):\n{}",
        disagreements.len(),
        support::SEED_VAR,
        shown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
}
