//! Checks that `envelope-v1.json` describes exactly the envelope the generated
//! `Envelope<P>` implements, and reads the producer vocabulary from it.

use std::path::Path;

use serde_json::Value;

use super::translate::UUID_V7_PATTERN_BODY;
use crate::diagnostics::{Problem, Sink};

const REQUIRED: &[&str] = &["event_id", "event_type", "schema_version", "producer", "tenant_id", "occurred_at", "payload"];
const OPTIONAL: &[&str] = &["subject", "actor", "correlation_id"];

/// Returns the producer enum, in schema order, when the envelope schema matches.
pub fn check_envelope(doc: &Value, file: &Path, sink: &mut Sink) -> Option<Vec<String>> {
    let before = sink_len(sink);
    let mut fail = |pointer: &str, message: String| sink.push(file, pointer, Problem::Envelope(message));
    let props = doc.get("properties").and_then(Value::as_object);
    let Some(props) = props else {
        fail("", "no properties".into());
        return None;
    };
    let mut required: Vec<&str> = doc.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    required.sort_unstable();
    let mut expected = REQUIRED.to_vec();
    expected.sort_unstable();
    if required != expected {
        fail("/required", format!("required must be exactly {REQUIRED:?}, found {required:?}"));
    }
    for name in props.keys() {
        if !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()) {
            fail(&format!("/properties/{name}"), format!("property {name:?} is not part of the envelope the runtime implements"));
        }
    }
    for name in REQUIRED.iter().chain(OPTIONAL) {
        if !props.contains_key(*name) {
            fail("/properties", format!("property {name:?} is missing"));
        }
    }
    if doc.get("additionalProperties") != Some(&Value::Bool(false)) {
        fail("/additionalProperties", "must be false".into());
    }
    let prop = |name: &str| props.get(name).cloned().unwrap_or(Value::Null);
    let pattern = |name: &str| prop(name).get("pattern").and_then(Value::as_str).map(str::to_owned);
    let evt = format!("^evt_{UUID_V7_PATTERN_BODY}");
    for name in ["event_id", "correlation_id"] {
        if pattern(name).as_deref() != Some(evt.as_str()) {
            fail(&format!("/properties/{name}/pattern"), format!("must be {evt:?}"));
        }
    }
    let any_id = format!("^[a-z][a-z0-9]*_{UUID_V7_PATTERN_BODY}");
    if pattern("subject").as_deref() != Some(any_id.as_str()) {
        fail("/properties/subject/pattern", format!("must be {any_id:?}"));
    }
    let schema_version = prop("schema_version");
    if schema_version.get("type").and_then(Value::as_str) != Some("integer") || schema_version.get("minimum").and_then(Value::as_u64) != Some(1) {
        fail("/properties/schema_version", "must be an integer with minimum 1".into());
    }
    if prop("occurred_at").get("format").and_then(Value::as_str) != Some("date-time") {
        fail("/properties/occurred_at/format", "must be date-time".into());
    }
    if prop("tenant_id").get("minLength").and_then(Value::as_u64) != Some(1) {
        fail("/properties/tenant_id/minLength", "must be 1".into());
    }
    if prop("payload").get("type").and_then(Value::as_str) != Some("object") {
        fail("/properties/payload/type", "must be object".into());
    }
    let producers: Vec<String> =
        prop("producer").get("enum").and_then(Value::as_array).map(|v| v.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default();
    if producers.is_empty() {
        fail("/properties/producer/enum", "must be a non-empty enum of strings".into());
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = producers.iter().find(|p| !seen.insert(p.as_str())) {
        fail("/properties/producer/enum", format!("producer {twice:?} is listed twice"));
    }
    let actor_patterns: Vec<String> = prop("actor")
        .get("oneOf")
        .and_then(Value::as_array)
        .map(|b| b.iter().filter_map(|b| b.get("pattern").and_then(Value::as_str).map(str::to_owned)).collect())
        .unwrap_or_default();
    let want_actor = vec![format!("^per_{UUID_V7_PATTERN_BODY}"), format!("^system:({})$", producers.join("|"))];
    if actor_patterns != want_actor {
        fail("/properties/actor/oneOf", format!("must be the two patterns {want_actor:?}"));
    }
    (sink_len(sink) == before).then_some(producers)
}

fn sink_len(sink: &Sink) -> usize {
    sink.len()
}
