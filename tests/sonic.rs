//! sonic-rs as the JSON reader of the typed decode (cargo feature `sonic-rs`, an evaluation:
//! BENCHMARKS.md): every payload of the conformance corpus, and edge cases of JSON text
//! made from its valid examples, get the same verdict through sonic-rs's serde
//! `Deserializer` as through serde_json's (`AnyPayload::from_json`), and an accepted
//! payload decodes to the same value.

mod support;

use events::any::AnyPayload;
use serde_json::Value;
use support::{invalid_examples, registered, valid_examples};

/// Decodes a bare payload through sonic-rs the way `AnyPayload::from_json` does through
/// serde_json: UTF-8 checked once, the text read as `&str`, nothing but whitespace after it.
fn from_json_sonic(event_type: &str, version: u64, json: &[u8]) -> Result<AnyPayload, String> {
    let text = std::str::from_utf8(json).map_err(|e| e.to_string())?;
    let mut de = sonic_rs::Deserializer::from_str(text);
    let payload = AnyPayload::deserialize_with(event_type, version, &mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(payload)
}

/// Where the two readers differ on `json`, if they do: the verdict, or the value decoded
/// (compared by its re-encoding).
fn disagreement(event_type: &str, version: u64, json: &[u8]) -> Option<String> {
    match (AnyPayload::from_json(event_type, version, json), from_json_sonic(event_type, version, json)) {
        (Ok(a), Ok(b)) if a.to_json() == b.to_json() && a == b => None,
        (Ok(a), Ok(b)) => Some(format!("decoded differently: serde_json {} / sonic-rs {}", a.to_json(), b.to_json())),
        (Err(_), Err(_)) => None,
        (Ok(_), Err(e)) => Some(format!("serde_json accepts, sonic-rs refuses: {e}")),
        (Err(e), Ok(_)) => Some(format!("sonic-rs accepts, serde_json refuses: {e}")),
    }
}

#[test]
fn sonic_rs_agrees_with_serde_json_on_the_conformance_corpus() {
    let (mut checked, mut accepted) = (0, 0);
    let mut disagreements = Vec::new();
    for r in registered() {
        for example in valid_examples(&r.key()).into_iter().chain(invalid_examples(&r.key())) {
            let bytes = std::fs::read(&example).unwrap();
            checked += 1;
            accepted += usize::from(AnyPayload::from_json(&r.event_type, r.version, &bytes).is_ok());
            if let Some(d) = disagreement(&r.event_type, r.version, &bytes) {
                disagreements.push(format!("{}: {d}", example.display()));
            }
        }
    }
    println!("conformance corpus: {checked} payloads ({accepted} accepted by serde_json), {} disagreement(s)", disagreements.len());
    assert!(checked > 1000 && accepted > 100, "the corpus is too small: {checked} payloads, {accepted} accepted");
    assert!(disagreements.is_empty(), "{} disagreement(s) over {checked} payloads:\n{}", disagreements.len(), disagreements.join("\n"));
}

/// JSON text a reader may get wrong on its own, made from a valid example: `(name, text)`.
/// Each string member's value and each number member's value replaced in turn, plus
/// whole-document changes.
fn edge_cases(example: &[u8]) -> Vec<(String, Vec<u8>)> {
    let text = std::str::from_utf8(example).unwrap().trim();
    let object: serde_json::Map<String, Value> = serde_json::from_str(text).unwrap();
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let body = &text[1..];
    if let Some((key, value)) = object.iter().next() {
        out.push(("duplicate key".into(), format!("{{{}:{value},{body}", Value::from(key.as_str())).into_bytes()));
        out.push(("duplicate key, escaped".into(), format!("{{\"\\u{:04x}{}\":{value},{body}", key.as_bytes()[0], &key[1..]).into_bytes()));
    }
    out.push(("trailing text".into(), format!("{text} x").into_bytes()));
    out.push(("trailing comma".into(), format!("{},}}", &text[..text.len() - 1]).into_bytes()));
    out.push(("byte order mark".into(), format!("\u{feff}{text}").into_bytes()));
    out.push(("surrounding whitespace".into(), format!(" \n\t{text}\r\n ").into_bytes()));
    out.push(("truncated".into(), text.as_bytes()[..text.len() - 1].to_vec()));
    out.push(("single quotes".into(), text.replacen('"', "'", 2).into_bytes()));
    for (key, value) in &object {
        let with = |raw: &[u8]| {
            let mut o = b"{".to_vec();
            for (k, v) in &object {
                if o.len() > 1 {
                    o.push(b',');
                }
                o.extend(Value::from(k.as_str()).to_string().bytes());
                o.push(b':');
                if k == key {
                    o.extend_from_slice(raw);
                } else {
                    o.extend(v.to_string().bytes());
                }
            }
            o.push(b'}');
            o
        };
        match value {
            Value::String(s) => {
                let escaped = Value::from(s.as_str()).to_string();
                let inner = &escaped[1..escaped.len() - 1];
                let cases: [(&str, Vec<u8>); 9] = [
                    ("lone high surrogate", format!("\"{inner}\\ud800\"").into_bytes()),
                    ("lone low surrogate", format!("\"\\udc00{inner}\"").into_bytes()),
                    ("surrogate pair", format!("\"{inner}\\ud83d\\ude00\"").into_bytes()),
                    ("escaped as \\u", format!("\"{}\"", s.chars().map(|c| format!("\\u{:04x}", u32::from(c) & 0xffff)).collect::<String>()).into_bytes()),
                    ("invalid UTF-8", [b"\"", inner.as_bytes(), b"\xff\""].concat()),
                    ("overlong UTF-8", [b"\"", inner.as_bytes(), b"\xc0\xaf\""].concat()),
                    ("raw control character", format!("\"{inner}\u{1}\"").into_bytes()),
                    ("escaped NUL", format!("\"{inner}\\u0000\"").into_bytes()),
                    ("bad escape", format!("\"{inner}\\x\"").into_bytes()),
                ];
                out.extend(cases.into_iter().map(|(name, raw)| (format!("{key}: {name}"), with(&raw))));
            }
            Value::Number(_) => {
                for raw in
                    ["1e400", "-1e400", "18446744073709551616", "-9223372036854775809", "-0", "1.0", "1e2", "1E0", "01", "1.", ".5", "+1", "NaN", "1e-400"]
                {
                    out.push((format!("{key}: number {raw}"), with(raw.as_bytes())));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn sonic_rs_agrees_with_serde_json_on_edge_cases_of_json_text() {
    let (mut checked, mut accepted) = (0, 0);
    let mut disagreements = Vec::new();
    for r in registered() {
        for example in valid_examples(&r.key()) {
            for (name, bytes) in edge_cases(&std::fs::read(&example).unwrap()) {
                checked += 1;
                accepted += usize::from(AnyPayload::from_json(&r.event_type, r.version, &bytes).is_ok());
                if let Some(d) = disagreement(&r.event_type, r.version, &bytes) {
                    disagreements.push(format!("{} ({name}): {d}", example.display()));
                }
            }
        }
    }
    println!("edge cases: {checked} payloads ({accepted} accepted by serde_json), {} disagreement(s)", disagreements.len());
    assert!(checked > 1000 && accepted > 100, "too few edge cases: {checked}, {accepted} accepted");
    assert!(disagreements.is_empty(), "{} disagreement(s) over {checked} payloads:\n{}", disagreements.len(), disagreements.join("\n"));
}

/// The one disagreement found: a payload with no schema is kept as received
/// (`OpaqueObject`), read through serde_json's `RawValue`, which only serde_json's own
/// deserializers can produce (sonic-rs has a `RawValue` of its own, under another name), so
/// sonic-rs refuses every such payload. `Json`, `Number` and untagged unions read through
/// `RawValue` too; the contract set's schemas use none of them. Fails when that changes.
#[test]
fn sonic_rs_refuses_payloads_kept_as_received() {
    let schemaless: Vec<_> = registered().into_iter().filter(|r| r.schema.is_none()).collect();
    assert!(!schemaless.is_empty(), "no version without a schema");
    for r in &schemaless {
        for json in ["{}", r#"{"a": [1, {"b": "c"}], "n": 1.50}"#] {
            assert!(AnyPayload::from_json(&r.event_type, r.version, json.as_bytes()).is_ok(), "{} v{} {json}", r.event_type, r.version);
            let refused = from_json_sonic(&r.event_type, r.version, json.as_bytes()).expect_err("sonic-rs now reads serde_json's RawValue");
            assert!(refused.contains("invalid type: newtype struct"), "{} v{} {json}: {refused}", r.event_type, r.version);
        }
    }
}
