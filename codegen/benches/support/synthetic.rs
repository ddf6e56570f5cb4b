//! Synthetic contract sets shaped like the real ones (prefixed ids, timestamps, enums,
//! nested objects, bounded arrays and integers, nullable fields), of any size, for
//! measuring how generation scales.

use std::fmt::Write as _;
use std::path::Path;

const UUID7: &str = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
const PREFIXES: [&str; 8] = ["per", "lead", "ord", "les", "crs", "org", "mkt", "pay"];
const DOMAINS: [&str; 5] = ["platform", "growth", "sales", "revenue", "delivery"];

/// Writes a contract set with `versions` event versions under `root` (the contract root).
/// Every fourth event type has two versions; the rest one.
pub fn write_contract_set(root: &Path, versions: usize) {
    std::fs::create_dir_all(root.join("event-envelope/schema")).unwrap();
    std::fs::write(root.join("event-envelope/schema/envelope-v1.json"), envelope()).unwrap();
    let mut registry = String::from("{\n  \"registry_version\": \"synthetic\",\n  \"event_types\": {\n");
    let mut written = 0;
    let mut event = 0;
    while written < versions {
        let contract = format!("domain-{}", event % 40);
        let name = format!("entity{event}.changed");
        let count = if event % 4 == 3 && written + 2 <= versions { 2 } else { 1 };
        let dir = root.join(&contract).join("schema/payloads");
        std::fs::create_dir_all(&dir).unwrap();
        let mut entries = Vec::new();
        for v in 1..=count {
            let file = format!("{name}-v{v}.json");
            std::fs::write(dir.join(&file), payload(&contract, &name, v, event)).unwrap();
            let status = if v < count { "deprecated\", \"deprecated_at\": \"2026-05-12" } else { "active" };
            entries.push(format!(
                "        {{\"version\": {v}, \"payload_schema\": \"contracts/{contract}/schema/payloads/{file}\", \"status\": \"{status}\", \"registered_at\": \"2026-05-02\", \"notes\": \"Synthetic event {event} v{v}.\"}}"
            ));
        }
        if event > 0 {
            registry.push_str(",\n");
        }
        let _ = write!(
            registry,
            "    \"{name}\": {{\"producer\": \"{}\", \"consumers\": [\"{}\", \"platform-warehouse\"], \"owning_contract\": \"contracts/{contract}/README.md\", \"schema_versions\": [\n{}\n    ]}}",
            DOMAINS[event % 5],
            DOMAINS[(event + 1) % 5],
            entries.join(",\n")
        );
        written += count;
        event += 1;
    }
    registry.push_str("\n  }\n}\n");
    std::fs::write(root.join("event-types-registry.json"), registry).unwrap();
}

fn id(prefix: &str, description: &str) -> String {
    format!("{{\"type\": \"string\", \"pattern\": \"^{prefix}_{UUID7}\", \"description\": \"{description}\"}}")
}

fn payload(contract: &str, name: &str, version: usize, seed: usize) -> String {
    let p = |i: usize| PREFIXES[(seed + i) % PREFIXES.len()];
    let extra =
        if version > 1 { ",\n    \"revision_note\": {\"type\": [\"string\", \"null\"], \"maxLength\": 280, \"description\": \"Added in v2.\"}" } else { "" };
    format!(
        r##"{{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://contracts.synthetic/{contract}/schema/payloads/{name}-v{version}.json",
  "title": "{name} payload v{version}",
  "description": "Synthetic payload {seed}.",
  "type": "object",
  "additionalProperties": false,
  "required": ["subject_id", "related_id", "status", "amount_cents", "occurred_at", "window", "tags"],
  "$defs": {{
    "window": {{
      "type": "object", "additionalProperties": false, "required": ["start", "end"], "description": "A window.",
      "properties": {{
        "start": {{"type": "string", "format": "date-time", "description": "Start."}},
        "end": {{"type": "string", "format": "date-time", "description": "End."}}
      }}
    }}
  }},
  "properties": {{
    "subject_id": {id_a},
    "related_id": {id_b},
    "optional_id": {{"type": ["string", "null"], "pattern": "^{p2}_{UUID7}", "description": "Nullable id."}},
    "status": {{"type": "string", "enum": ["open", "held", "closed", "void"], "description": "Status."}},
    "amount_cents": {{"type": "integer", "minimum": 0, "maximum": 100000000, "description": "Amount."}},
    "currency": {{"type": "string", "pattern": "^[A-Z]{{3}}$", "description": "Currency."}},
    "occurred_at": {{"type": "string", "format": "date-time", "description": "When."}},
    "window": {{"$ref": "#/$defs/window"}},
    "previous_window": {{"anyOf": [{{"$ref": "#/$defs/window"}}, {{"type": "null"}}], "description": "Previous."}},
    "tags": {{"type": "array", "minItems": 1, "maxItems": 10, "uniqueItems": true, "items": {{"type": "string", "minLength": 1, "maxLength": 40}}, "description": "Tags."}},
    "lines": {{
      "type": "array", "items": {{
        "type": "object", "additionalProperties": false, "required": ["sku", "quantity"],
        "properties": {{
          "sku": {{"type": "string", "minLength": 1, "description": "SKU."}},
          "quantity": {{"type": "integer", "minimum": 1, "maximum": 99, "description": "Quantity."}}
        }}
      }}, "description": "Lines."
    }}{extra}
  }}
}}
"##,
        id_a = id(p(0), "Subject."),
        id_b = id(p(1), "Related."),
        p2 = p(2),
    )
}

fn envelope() -> String {
    format!(
        r#"{{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://contracts.synthetic/event-envelope/schema/envelope-v1.json",
  "title": "Event envelope v1",
  "type": "object",
  "additionalProperties": false,
  "required": ["event_id", "event_type", "schema_version", "producer", "tenant_id", "occurred_at", "payload"],
  "properties": {{
    "event_id": {{"type": "string", "pattern": "^evt_{UUID7}"}},
    "event_type": {{"type": "string"}},
    "schema_version": {{"type": "integer", "minimum": 1}},
    "producer": {{"type": "string", "enum": ["platform", "growth", "sales", "revenue", "delivery"]}},
    "tenant_id": {{"type": "string", "minLength": 1}},
    "occurred_at": {{"type": "string", "format": "date-time"}},
    "payload": {{"type": "object"}},
    "subject": {{"type": "string", "pattern": "^[a-z][a-z0-9]*_{UUID7}"}},
    "actor": {{"type": "string", "oneOf": [{{"pattern": "^per_{UUID7}"}}, {{"pattern": "^system:(platform|growth|sales|revenue|delivery)$"}}]}},
    "correlation_id": {{"type": "string", "pattern": "^evt_{UUID7}"}}
  }}
}}
"#
    )
}
