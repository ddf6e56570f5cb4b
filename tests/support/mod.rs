//! Test helpers shared by the contract-set tests: reading the registry and corpora, and
//! the independent oracle (the `jsonschema` crate, formats enforced).
#![allow(dead_code)]

pub mod corpus;
mod files;
pub mod scratch;

#[allow(unused_imports)] // Not every test target copies directories.
pub use files::copy_dir;

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a JSON file, panicking with its path.
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One registered (event type, version).
#[derive(Debug, Clone)]
pub struct Registered {
    /// Event type.
    pub event_type: String,
    /// Version.
    pub version: u64,
    /// Payload schema path relative to the repository root, if any.
    pub schema: Option<PathBuf>,
}

impl Registered {
    /// `<event_type>-v<N>`, the corpus directory name.
    pub fn key(&self) -> String {
        format!("{}-v{}", self.event_type, self.version)
    }
}

/// Every (event type, version) of `contracts/event-types-registry.json`.
pub fn registered() -> Vec<Registered> {
    let registry = read_json(&root().join("contracts/event-types-registry.json"));
    let mut out = Vec::new();
    for (event_type, entry) in registry["event_types"].as_object().expect("event_types is an object") {
        for v in entry["schema_versions"].as_array().expect("schema_versions is an array") {
            out.push(Registered {
                event_type: event_type.clone(),
                version: v["version"].as_u64().expect("version is an integer"),
                schema: v["payload_schema"].as_str().map(|p| root().join(p)),
            });
        }
    }
    out
}

/// The oracle: a draft 2020-12 validator that also enforces `format`.
pub fn oracle(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}"))
}

/// Whether the oracle finds the value at JSON pointer `path` of `instance` at fault: one of
/// its errors is at `path`, or blames as a whole a `oneOf`/`anyOf` that `path` lies
/// inside (the typed decode names the value inside the union's branch that failed).
/// Returns the oracle's errors when it does not.
pub fn oracle_blames(validator: &jsonschema::Validator, instance: &Value, path: &str) -> Result<(), Vec<String>> {
    let blames = |e: &jsonschema::ValidationError<'_>| {
        let (at, keyword) = (e.instance_path().to_string(), e.schema_path().to_string());
        at == path || ((keyword.ends_with("/oneOf") || keyword.ends_with("/anyOf")) && path.starts_with(&format!("{at}/")))
    };
    if validator.iter_errors(instance).any(|e| blames(&e)) {
        return Ok(());
    }
    Err(validator.iter_errors(instance).map(|e| format!("{} ({})", e.instance_path(), e.schema_path())).collect())
}

/// The JSON files directly inside `dir`, sorted; empty when it does not exist.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Valid examples of a version: `contracts/examples/<key>/*.json`.
pub fn valid_examples(key: &str) -> Vec<PathBuf> {
    json_files(&root().join("contracts/examples").join(key))
}

/// Invalid payloads of a version: `tests/fixtures/conformance/<key>/invalid/*.json`.
pub fn invalid_examples(key: &str) -> Vec<PathBuf> {
    json_files(&root().join("tests/fixtures/conformance").join(key).join("invalid"))
}

/// Every enum of `contracts/` whose contract tells consumers to tolerate unknown values:
/// (`<event>-v<N>`, JSON pointer of the enum's schema node inside the payload schema).
///
/// Written by hand from the schemas (`grep -rn "SHALL treat unknown values as safe-to-ignore\|SHALL tolerate unknown" contracts/`,
/// keeping the nodes that also carry an `enum`), not computed by the generator: a generator
/// that widens tolerance to more enums then disagrees with this list, and the conformance
/// and differential tests see typed decoding accept what the oracle rejects. Descriptions
/// that ask for tolerance on a node without an `enum` (flexible strings such as
/// `intake.captured` v2 `source`) need no entry: nothing is stripped there.
pub const TOLERANT_ENUMS: &[(&str, &str)] = &[
    ("intake.matched-v2", "/properties/submission_summary/properties/student_age_group"),
    ("intake.matched-v2", "/properties/submission_summary/properties/timeline"),
    ("payment.failed-v1", "/properties/failure_code"),
    ("payment.received-v1", "/properties/payment_method"),
    ("refund.completed-v1", "/properties/payment_method"),
    ("refund.initiated-v1", "/properties/payment_method"),
    ("reservation.funded-v1", "/$defs/funding_reference/oneOf/0/properties/payment_method"),
    ("reservation.refunded-v1", "/$defs/funding_reference/oneOf/0/properties/payment_method"),
    ("reservation.refunding-v1", "/$defs/funding_reference/oneOf/0/properties/payment_method"),
    ("sales.lead.onboarded-v1", "/properties/close_channel"),
];

/// `schema` without the `enum` of the nodes [`TOLERANT_ENUMS`] lists for `key`: what a
/// tolerant consumer accepts. Panics when a listed node is gone or has no `enum`, so the
/// list cannot silently go stale.
fn tolerant_schema(key: &str, schema: &Value) -> Value {
    let mut out = schema.clone();
    for (_, pointer) in TOLERANT_ENUMS.iter().filter(|(k, _)| *k == key) {
        let node = out.pointer_mut(pointer).and_then(Value::as_object_mut);
        let removed = node.and_then(|n| n.remove("enum"));
        assert!(removed.is_some(), "TOLERANT_ENUMS: {key} has no enum at {pointer}; update the list from contracts/");
    }
    out
}

/// The oracle for one schema, and the same schema as a tolerant consumer reads it.
pub struct Oracles {
    /// The schema as written.
    pub strict: jsonschema::Validator,
    tolerant: jsonschema::Validator,
}

impl Oracles {
    /// Compiles both validators of the schema of `key` (`<event>-v<N>`) once.
    pub fn new(key: &str, schema: &Value) -> Self {
        Self { strict: oracle(schema), tolerant: oracle(&tolerant_schema(key, schema)) }
    }

    /// True when the schema rejects `instance` only because of values the contract tells
    /// consumers to tolerate (wherever they sit, inside a oneOf branch included): the one
    /// place typed decoding accepts more than the schema.
    pub fn only_tolerated_enum_errors(&self, instance: &Value) -> bool {
        !self.strict.is_valid(instance) && self.tolerant.is_valid(instance)
    }
}

/// Environment variable that fixes the seed of the property tests (a `u64`, decimal).
pub const SEED_VAR: &str = "EVENTS_PROPTEST_SEED";

/// The seed of this run of a property test: `$EVENTS_PROPTEST_SEED` when set, else a fresh
/// one from the clock, so every run explores new cases. Printed first, so that a failure
/// (whose output the harness shows) can be replayed with the same value.
pub fn proptest_seed() -> u64 {
    let seed = match std::env::var(SEED_VAR) {
        Ok(text) => text.trim().parse().unwrap_or_else(|e| panic!("{SEED_VAR}={text:?} is not a u64: {e}")),
        Err(_) => {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            splitmix(now as u64 ^ (now >> 64) as u64 ^ u64::from(std::process::id()))
        }
    };
    println!("property test seed: {SEED_VAR}={seed}");
    seed
}

/// A ChaCha generator for `stream` (one per example, say) of the run with `seed`.
pub fn chacha(seed: u64, stream: u64) -> proptest::test_runner::TestRng {
    let mut state = seed ^ splitmix(stream.wrapping_add(0x5151));
    let bytes: Vec<u8> = (0..4)
        .flat_map(|_| {
            state = splitmix(state);
            state.to_le_bytes()
        })
        .collect();
    proptest::test_runner::TestRng::from_seed(proptest::test_runner::RngAlgorithm::ChaCha, &bytes)
}

/// One step of splitmix64: spreads the bits of `x`.
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
