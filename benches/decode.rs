//! Decoding and encoding cost of the typed bindings against the runtime validation they
//! replace, on a corpus of every example payload of every event version (valid ones and
//! the invalid conformance corpus).
//!
//! - typed: bytes → generated type (every constraint enforced);
//! - validate: bytes → `serde_json::Value` → `jsonschema` validator (compiled once) → struct,
//!   the way a dispatcher without generated types does it;
//! - floor: bytes → `serde::de::IgnoredAny` (parse only).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde_json::Value;

use events::any::AnyPayload;

struct Item {
    event_type: String,
    version: u64,
    bytes: Vec<u8>,
    validator: usize,
}

struct Corpus {
    items: Vec<Item>,
    validators: Vec<jsonschema::Validator>,
    bytes: u64,
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).map(|e| e.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()).unwrap_or_default();
    files.sort();
    files
}

fn corpus() -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let registry: Value = serde_json::from_slice(&std::fs::read(root.join("contracts/event-types-registry.json")).unwrap()).unwrap();
    let mut items = Vec::new();
    let mut validators = Vec::new();
    for (event_type, entry) in registry["event_types"].as_object().unwrap() {
        for v in entry["schema_versions"].as_array().unwrap() {
            let Some(schema) = v["payload_schema"].as_str() else { continue };
            let schema: Value = serde_json::from_slice(&std::fs::read(root.join(schema)).unwrap()).unwrap();
            validators.push(jsonschema::options().with_draft(jsonschema::Draft::Draft202012).should_validate_formats(true).build(&schema).unwrap());
            let version = v["version"].as_u64().unwrap();
            let key = format!("{event_type}-v{version}");
            let files = json_files(&root.join("contracts/examples").join(&key)).into_iter().chain(json_files(&root.join("tests/fixtures/conformance").join(&key).join("invalid")));
            for file in files {
                items.push(Item { event_type: event_type.clone(), version, bytes: std::fs::read(file).unwrap(), validator: validators.len() - 1 });
            }
        }
    }
    let bytes = items.iter().map(|i| i.bytes.len() as u64).sum();
    Corpus { items, validators, bytes }
}

fn decode(c: &mut Criterion) {
    let corpus = corpus();
    let mut group = c.benchmark_group(format!("decode/{}_payloads", corpus.items.len()));
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.bench_function("typed", |b| {
        b.iter(|| corpus.items.iter().filter(|i| AnyPayload::from_json(&i.event_type, i.version, &i.bytes).is_ok()).count());
    });
    group.bench_function("parse+validate+struct", |b| {
        b.iter(|| {
            corpus
                .items
                .iter()
                .filter(|i| {
                    let value: Value = serde_json::from_slice(&i.bytes).unwrap();
                    corpus.validators[i.validator].is_valid(&value) && AnyPayload::from_value(&i.event_type, i.version, value).is_ok()
                })
                .count()
        });
    });
    group.bench_function("parse_floor", |b| {
        b.iter(|| corpus.items.iter().filter(|i| serde_json::from_slice::<serde::de::IgnoredAny>(&i.bytes).is_ok()).count());
    });
    group.finish();
}

fn encode(c: &mut Criterion) {
    let corpus = corpus();
    let typed: Vec<AnyPayload> = corpus.items.iter().filter_map(|i| AnyPayload::from_json(&i.event_type, i.version, &i.bytes).ok()).collect();
    let values: Vec<Value> = typed.iter().map(|t| serde_json::from_str(&t.to_json()).unwrap()).collect();
    let bytes: u64 = typed.iter().map(|t| t.to_json().len() as u64).sum();
    let mut group = c.benchmark_group(format!("encode/{}_payloads", typed.len()));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("typed", |b| b.iter(|| typed.iter().map(|t| t.to_json().len()).sum::<usize>()));
    group.bench_function("serde_json_value", |b| b.iter(|| values.iter().map(|v| serde_json::to_vec(v).unwrap().len()).sum::<usize>()));
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
