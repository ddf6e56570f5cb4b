//! Decoding and encoding cost of the typed bindings against the runtime validation they
//! replace. Corpora: `realistic` (every valid example of every event version plus invalid
//! payloads making up about a tenth, what a dispatcher sees), `valid` and `invalid` (the
//! whole conformance corpus, one broken constraint each) on their own.
//!
//! - typed: bytes → generated type (every constraint enforced);
//! - validate: bytes → `serde_json::Value` → `jsonschema` validator (compiled once) → struct,
//!   the way a dispatcher without generated types does it;
//! - floor: bytes → `serde::de::IgnoredAny` (parse only);
//! - visit: bytes → every key and string read as a borrowed `&str`, nothing checked or
//!   kept: the least any decoder built on serde_json does to hand values to a type.
//!
//! With `DECODE_PROFILE=<row>` the binary runs one decode row in a loop instead, for
//! callgrind (see [`profile`] and BENCHMARKS.md).

use std::path::{Path, PathBuf};

use criterion::{criterion_group, Criterion, Throughput};
use serde_json::Value;

use events::any::AnyPayload;

/// Reads every value of a JSON document the way a typed decoder must (keys and strings
/// as borrowed `&str`, numbers as numbers) and keeps nothing. Decoded through the same
/// entry point as the generated types, so UTF-8 is checked once as on the typed path.
struct Visit;

impl<'de> serde::Deserialize<'de> for Visit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Visit)
    }
}

impl<'de> serde::de::Visitor<'de> for Visit {
    type Value = Visit;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Visit, E> {
        std::hint::black_box(text);
        Ok(Visit)
    }
    fn visit_str<E>(self, text: &str) -> Result<Visit, E> {
        std::hint::black_box(text);
        Ok(Visit)
    }
    fn visit_u64<E>(self, n: u64) -> Result<Visit, E> {
        std::hint::black_box(n);
        Ok(Visit)
    }
    fn visit_i64<E>(self, n: i64) -> Result<Visit, E> {
        std::hint::black_box(n);
        Ok(Visit)
    }
    fn visit_f64<E>(self, n: f64) -> Result<Visit, E> {
        std::hint::black_box(n);
        Ok(Visit)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Visit, E> {
        std::hint::black_box(b);
        Ok(Visit)
    }
    fn visit_unit<E>(self) -> Result<Visit, E> {
        Ok(Visit)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<Visit, A::Error> {
        while items.next_element::<Visit>()?.is_some() {}
        Ok(Visit)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut entries: A) -> Result<Visit, A::Error> {
        while entries.next_key::<Visit>()?.is_some() {
            entries.next_value::<Visit>()?;
        }
        Ok(Visit)
    }
}

struct Item {
    event_type: String,
    version: u64,
    bytes: Vec<u8>,
    validator: usize,
}

/// Payloads and the compiled validators they are checked against.
struct Corpus {
    valid: Vec<Item>,
    invalid: Vec<Item>,
    validators: Vec<jsonschema::Validator>,
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|e| e.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect()).unwrap_or_default();
    files.sort();
    files
}

fn corpus() -> Corpus {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let registry: Value = serde_json::from_slice(&std::fs::read(root.join("contracts/event-types-registry.json")).unwrap()).unwrap();
    let mut corpus = Corpus { valid: Vec::new(), invalid: Vec::new(), validators: Vec::new() };
    for (event_type, entry) in registry["event_types"].as_object().unwrap() {
        for v in entry["schema_versions"].as_array().unwrap() {
            let Some(schema) = v["payload_schema"].as_str() else { continue };
            let schema: Value = serde_json::from_slice(&std::fs::read(root.join(schema)).unwrap()).unwrap();
            corpus.validators.push(jsonschema::options().with_draft(jsonschema::Draft::Draft202012).should_validate_formats(true).build(&schema).unwrap());
            let version = v["version"].as_u64().unwrap();
            let key = format!("{event_type}-v{version}");
            let item =
                |file: PathBuf| Item { event_type: event_type.clone(), version, bytes: std::fs::read(file).unwrap(), validator: corpus.validators.len() - 1 };
            let valid: Vec<Item> = json_files(&root.join("contracts/examples").join(&key)).into_iter().map(item).collect();
            let invalid: Vec<Item> = json_files(&root.join("tests/fixtures/conformance").join(&key).join("invalid")).into_iter().map(item).collect();
            corpus.valid.extend(valid);
            corpus.invalid.extend(invalid);
        }
    }
    corpus
}

/// What a dispatcher sees: every valid payload, plus invalid ones making up about a tenth.
fn realistic(corpus: &Corpus) -> Vec<&Item> {
    let wanted = corpus.valid.len() / 9;
    let step = (corpus.invalid.len() / wanted.max(1)).max(1);
    corpus.valid.iter().chain(corpus.invalid.iter().step_by(step).take(wanted)).collect()
}

/// One way of decoding a batch of payloads; returns how many it accepted.
type DecodePath = fn(&Corpus, &[&Item]) -> usize;

/// The decode paths compared, by the names their rows carry.
const DECODE_PATHS: [(&str, DecodePath); 4] = [
    ("typed", |_, items| items.iter().filter(|i| AnyPayload::from_json(&i.event_type, i.version, &i.bytes).is_ok()).count()),
    ("parse+validate+struct", |corpus, items| {
        items
            .iter()
            .filter(|i| {
                let value: Value = serde_json::from_slice(&i.bytes).unwrap();
                corpus.validators[i.validator].is_valid(&value) && AnyPayload::from_value(&i.event_type, i.version, value).is_ok()
            })
            .count()
    }),
    ("parse_floor", |_, items| items.iter().filter(|i| serde_json::from_slice::<serde::de::IgnoredAny>(&i.bytes).is_ok()).count()),
    ("visit_every_value", |_, items| items.iter().filter(|i| events::__private::from_json::<Visit>(&i.bytes).is_ok()).count()),
];

fn decode_group(c: &mut Criterion, corpus: &Corpus, name: &str, items: &[&Item]) {
    let bytes: u64 = items.iter().map(|i| i.bytes.len() as u64).sum();
    let mut group = c.benchmark_group(format!("decode/{name}/{}_payloads", items.len()));
    group.throughput(Throughput::Bytes(bytes));
    for (path_name, path) in DECODE_PATHS {
        group.bench_function(path_name, |b| b.iter(|| path(corpus, items)));
    }
    group.finish();
}

/// `DECODE_PROFILE=<path> [DECODE_ROUNDS=n]`: runs one decode path over the realistic
/// corpus `n` times (default 100) and nothing else, for an instruction count under
/// callgrind. Subtract a run with `DECODE_ROUNDS=0` to leave out loading the corpus.
fn profile(path_name: &str) {
    let rounds: usize = std::env::var("DECODE_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(100);
    let Some((_, path)) = DECODE_PATHS.iter().find(|(name, _)| *name == path_name) else {
        let names: Vec<&str> = DECODE_PATHS.iter().map(|(name, _)| *name).collect();
        eprintln!("DECODE_PROFILE must be one of {names:?}");
        std::process::exit(2);
    };
    let corpus = corpus();
    let items = realistic(&corpus);
    let accepted: usize = (0..rounds).map(|_| path(&corpus, &items)).sum();
    println!("{path_name}: {rounds} rounds over {} payloads, {accepted} accepted", items.len());
}

fn decode(c: &mut Criterion) {
    let corpus = corpus();
    decode_group(c, &corpus, "realistic", &realistic(&corpus));
    decode_group(c, &corpus, "valid", &corpus.valid.iter().collect::<Vec<_>>());
    decode_group(c, &corpus, "invalid", &corpus.invalid.iter().collect::<Vec<_>>());
}

fn encode(c: &mut Criterion) {
    let corpus = corpus();
    let typed: Vec<AnyPayload> = corpus.valid.iter().map(|i| AnyPayload::from_json(&i.event_type, i.version, &i.bytes).unwrap()).collect();
    let values: Vec<Value> = typed.iter().map(|t| serde_json::from_str(&t.to_json()).unwrap()).collect();
    let bytes: u64 = typed.iter().map(|t| t.to_json().len() as u64).sum();
    let mut group = c.benchmark_group(format!("encode/{}_payloads", typed.len()));
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("typed", |b| b.iter(|| typed.iter().map(|t| t.to_json().len()).sum::<usize>()));
    group.bench_function("serde_json_value", |b| b.iter(|| values.iter().map(|v| serde_json::to_vec(v).unwrap().len()).sum::<usize>()));
    group.finish();
}

criterion_group!(benches, decode, encode);

fn main() {
    match std::env::var("DECODE_PROFILE") {
        Ok(path_name) => profile(&path_name),
        Err(_) => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}
