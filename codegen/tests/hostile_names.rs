//! Property test of the invariant "whatever `check` accepts, `generate` turns into code
//! that compiles", for random contract sets with hostile names: Unicode, Rust keywords,
//! empty names, names that collide after mangling, one-letter segments, CR/LF, quotes,
//! names of generated items (`Unknown`, `wire`, `ids`, `new`, `with_…`).
//!
//! One run generates [`CASES`] contract sets, checks and generates each, and compiles
//! every generated file together in one scratch crate (`mod case_N`): one `cargo build`
//! per run. The seed is fresh each run and printed; `HOSTILE_NAMES_SEED=<n>` replays it.

mod support;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Map, Value};
use support::{Set, Version};

/// Contract sets per run: enough variety, one build of about a minute.
const CASES: usize = 32;

/// Pieces of names: each name is one to three of these, concatenated.
const ATOMS: &[&str] = &[
    "",
    "a",
    "A",
    "t",
    "e",
    "self",
    "Self",
    "super",
    "crate",
    "type",
    "_",
    "__",
    "new",
    "with_a",
    "with_",
    "unknown",
    "Unknown",
    "ALL",
    "as_str",
    "Option",
    "String",
    "Result",
    "Ok",
    "default",
    "clone",
    "wire",
    "ids",
    "any",
    "V",
    "V2",
    "1",
    "9lives",
    "ä",
    "ö",
    "é",
    "ü",
    "日本",
    "\r",
    "\n",
    "\r\n",
    "\"",
    "'",
    "\\",
    "a-b",
    "a_b",
    "a b",
    "-",
    "🙂",
    "\t",
    "*/",
    "/*",
    "#",
    "%20",
    "~1",
    "/",
    "{}",
    "r#x",
    "Sunset",
    "Cutover",
    "Produce",
    "from_object",
    "deserialize",
    "d",
    "s",
    "p",
    "q",
    "serialize",
    "fmt",
    "Display",
];

/// Event-type segments: `[a-z][a-z0-9_-]*`, including one-letter and generated-module names.
const SEGMENTS: &[&str] = &[
    "t",
    "e",
    "x",
    "x-y",
    "x_y",
    "xy",
    "self",
    "type",
    "crate",
    "super",
    "any",
    "ids",
    "envelope",
    "shared",
    "wire",
    "unassigned",
    "new",
    "v1",
    "v",
    "mod",
    "a1",
];

/// Contract directory and shared file names: anything a file name may hold, minus the
/// characters a `$ref` path gives meaning to (`/`, `#`, `%`).
const DIRS: &[&str] = &["é", "ü", "a-b", "a_b", "a b", "self", "ids", "any", "shared", "envelope", "unassigned", "Self", "1", "日本", "x", "_", "a\rb"];

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(select(ATOMS), 1..=3).prop_map(|atoms| atoms.concat())
}

/// A `$ref` fragment naming `$defs/<def>`: RFC 6901-escaped, then percent-encoded.
fn def_ref(def: &str) -> String {
    let token = def.replace('~', "~0").replace('/', "~1");
    let mut out = String::from("#/$defs/");
    for b in token.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A property schema without references.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "string"})),
        Just(json!({"type": ["string", "null"], "minLength": 1})),
        (-1000_i64..1000, 0_i64..1000).prop_map(|(lo, span)| json!({"type": "integer", "minimum": lo, "maximum": lo + span})),
        Just(json!({"type": "number", "minimum": 0, "multipleOf": 0.5})),
        Just(json!({"type": "boolean"})),
        (prop::collection::vec(name(), 1..6), any::<bool>()).prop_map(|(values, tolerant)| {
            let mut schema = json!({"type": "string", "enum": values});
            if tolerant {
                schema["description"] = "Consumers SHALL tolerate unknown values.".into();
            }
            schema
        }),
        name().prop_map(|c| json!({"const": c})),
        name().prop_map(|d| json!({"type": "array", "items": {"type": "string", "description": d}, "minItems": 1})),
        (name(), name(), name()).prop_map(|(tag, a, b)| {
            let b = if a == b { format!("{b}2") } else { b };
            let branch = |v: &str| json!({"type": "object", "required": [tag.clone()], "properties": {tag.clone(): {"const": v}}});
            json!({"type": "object", "oneOf": [branch(&a), branch(&b)]})
        }),
    ]
}

/// A property schema: a leaf, an object of leaves, or a reference to a `$defs` entry or a
/// shared file (chosen when the payload is assembled: `{"$ref": <index>}` placeholders).
fn property() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => leaf(),
        1 => prop::collection::vec((name(), leaf()), 1..4).prop_map(|props| json!({"type": "object", "properties": props.into_iter().collect::<Map<_, _>>()})),
        1 => (name(), prop::collection::vec((name(), leaf()), 1..4)).prop_map(|(title, props)| json!({
            "type": ["array", "null"],
            "items": {"type": "object", "title": title, "required": [props[0].0.clone()], "properties": props.into_iter().collect::<Map<_, _>>()}
        })),
        1 => (0_usize..8).prop_map(|i| json!({"$def": i})),
        1 => (0_usize..8).prop_map(|i| json!({"$shared": i})),
    ]
}

/// Properties (name, schema, required?) and `$defs` (name, schema) of one payload.
type Parts = (Vec<(String, Value, bool)>, Vec<(String, Value)>);

/// One payload's parts. One payload in six is wide (15 to 40 properties, whose names
/// collide often): more members than one tuple of the runtime's member decoder holds.
fn payload() -> impl Strategy<Value = Parts> {
    let properties = prop_oneof![
        5 => prop::collection::vec((name(), property(), any::<bool>()), 0..5),
        1 => prop::collection::vec((name(), property(), any::<bool>()), 15..40),
    ];
    (properties, prop::collection::vec((name(), leaf()), 1..3))
}

/// One event: its type, contract directory, producer index, and one or two versions
/// (payload or opaque, deprecated or not).
type EventParts = (String, &'static str, usize, Vec<(Option<Parts>, bool)>);

/// One event's parts. Half the time a second version repeats the first's payload, so its
/// nested types are identical and shared through the directory's `common` module.
fn event() -> impl Strategy<Value = EventParts> {
    (
        prop::collection::vec(select(SEGMENTS), 2..=3).prop_map(|s| s.join(".")),
        select(DIRS),
        0_usize..4,
        prop::collection::vec((prop::option::weighted(0.85, payload()), any::<bool>()), 1..=2),
        any::<bool>(),
    )
        .prop_map(|(name, dir, producer, mut versions, repeat)| {
            if repeat && versions.len() == 2 {
                versions[1].0 = versions[0].0.clone();
            }
            (name, dir, producer, versions)
        })
}

#[derive(Debug, Clone)]
struct Case {
    set: Set,
    sunset: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (prop::collection::vec(name(), 1..4), prop::collection::vec(event(), 1..4), prop::collection::vec(select(DIRS), 1..4), any::<bool>()).prop_map(
        |(producers, events, shared_names, sunset)| {
            let mut set = Set::new();
            let mut seen = std::collections::HashSet::new();
            set.producers = producers.into_iter().filter(|p| seen.insert(p.clone())).collect();
            let mut shared: Vec<String> = shared_names.iter().map(|n| format!("{n}.json")).collect();
            shared.dedup();
            let mut names = std::collections::HashSet::new();
            for (event_type, dir, producer, versions) in events {
                if !names.insert(event_type.clone()) {
                    continue;
                }
                let versions = versions
                    .into_iter()
                    .enumerate()
                    .map(|(i, (payload, deprecated))| {
                        let schema = payload.map(|(properties, defs)| assemble(&properties, &defs, &shared));
                        let deprecated = deprecated && i == 0;
                        Version {
                            dir: dir.to_owned(),
                            schema,
                            status: if deprecated { "deprecated" } else { "active" },
                            deprecated_at: deprecated.then_some("2026-01-01"),
                        }
                    })
                    .collect();
                set.events.push((event_type, set.producers[producer % set.producers.len()].clone(), versions));
            }
            // Every contract directory gets the shared files, under `common/`: same-named
            // files in different directories are distinct modules.
            let dirs: std::collections::BTreeSet<String> = set.events.iter().flat_map(|e| e.2.iter().map(|v| v.dir.clone())).collect();
            for dir in dirs {
                for (i, file) in shared.iter().enumerate() {
                    set = set.file(&format!("{dir}/schema/common/{file}"), json!({"$defs": {"d": {"type": "string", "pattern": format!("^{i}$")}}}));
                }
            }
            Case { set, sunset }
        },
    )
}

/// A payload schema from generated parts; `$def`/`$shared` placeholders become `$ref`s.
fn assemble(properties: &[(String, Value, bool)], defs: &[(String, Value)], shared: &[String]) -> Value {
    let defs_map: Map<String, Value> = defs.iter().cloned().collect();
    let def_names: Vec<&String> = defs_map.keys().collect();
    let mut props = Map::new();
    let mut required = Vec::new();
    for (name, schema, is_required) in properties {
        let schema = if let Some(i) = schema.get("$def").and_then(Value::as_u64) {
            json!({"$ref": def_ref(def_names[i as usize % def_names.len()])})
        } else if let Some(i) = schema.get("$shared").and_then(Value::as_u64) {
            json!({"$ref": format!("../common/{}#/$defs/d", shared[i as usize % shared.len()])})
        } else {
            schema.clone()
        };
        if *is_required && !props.contains_key(name) {
            required.push(name.clone());
        }
        props.insert(name.clone(), schema);
    }
    json!({"type": "object", "additionalProperties": false, "required": required, "$defs": defs_map, "properties": props})
}

fn seed() -> u64 {
    match std::env::var("HOSTILE_NAMES_SEED") {
        Ok(text) => text.parse().expect("HOSTILE_NAMES_SEED is a u64"),
        Err(_) => {
            let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            // Truncation is fine: any 64 bits of the clock make a fresh seed.
            #[allow(clippy::cast_possible_truncation)]
            let nanos = nanos as u64;
            nanos ^ u64::from(std::process::id()).rotate_left(32)
        }
    }
}

#[test]
fn generated_code_for_hostile_names_compiles() {
    let seed = seed();
    println!("hostile_names seed: {seed} (replay with HOSTILE_NAMES_SEED={seed})");
    let mut bytes = [0_u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(RunnerConfig::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &bytes));
    let strategy = case();
    let mut scratch = support::Scratch::new();
    let mut accepted = Vec::new();
    let mut refused = Vec::new();
    let mut sharing = 0;
    let mut wide = 0;
    for n in 0..CASES {
        let case = strategy.new_tree(&mut runner).expect("a case").current();
        let dir = tempfile::tempdir().unwrap();
        let root = case.set.write(dir.path());
        let report = events_codegen::check::check(&root, "2026-06-01");
        let generated = support::generate(&root, |c| {
            if case.sunset {
                c.enforce_sunset_as_of("2030-01-01");
            }
        });
        match (report.errors.is_empty(), generated) {
            (true, Ok(source)) => {
                assert!(!source.contains('\r'), "seed {seed}, case {n}: a CR reached the output\n{case:#?}");
                sharing += usize::from(source.contains("pub use super::common::"));
                // A struct of more than 16 members: the derive nests its codec's runs.
                wide += usize::from(widest_struct(&source) > 16);
                scratch.add(&format!("case_{n}"), &source, "");
                accepted.push((n, case));
            }
            (false, Err(problems)) => refused.push((n, problems)),
            (checked, generated) => {
                panic!("seed {seed}, case {n}: check and generate disagree (check ok: {checked}, generate: {generated:?})\n{case:#?}")
            }
        }
    }
    println!(
        "{} of {CASES} sets accepted ({sharing} with types shared across versions, {wide} with a struct of more than 16 members); refused: {refused:?}",
        accepted.len()
    );
    // Refusals are legitimate (two event types mangling to one type name, …), but a run
    // that accepts almost nothing proves nothing.
    assert!(accepted.len() >= CASES / 2, "seed {seed}: only {} of {CASES} sets accepted: {refused:?}", accepted.len());
    assert!(wide > 0, "seed {seed}: no accepted set has a struct of more than 16 members");
    if let Err(errors) = scratch.build() {
        let culprit = accepted.iter().find(|(n, _)| errors.contains(&format!("case_{n}.rs"))).map(|(n, case)| format!("case {n}:\n{case:#?}"));
        panic!("seed {seed}: generated code does not compile (replay with HOSTILE_NAMES_SEED={seed})\n{errors}\n{}", culprit.unwrap_or_default());
    }
}

/// The most fields of one generated struct in `source`: the lines of a `pub struct … {`
/// block that declare a field (`name: Type`), one indentation level in.
fn widest_struct(source: &str) -> usize {
    let mut widest = 0;
    let mut open: Option<(String, usize)> = None;
    for line in source.lines() {
        let indent = &line[..line.len() - line.trim_start().len()];
        match &mut open {
            None if line.trim_start().starts_with("pub struct ") && line.ends_with('{') => open = Some((format!("{indent}    "), 0)),
            None => {}
            Some((field_indent, fields)) => {
                if line.trim_start() == "}" && indent.len() + 4 == field_indent.len() {
                    widest = widest.max(*fields);
                    open = None;
                } else if line.strip_prefix(field_indent.as_str()).is_some_and(|rest| {
                    let name = rest.split(':').next().unwrap_or_default();
                    rest.contains(": ") && !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                }) {
                    *fields += 1;
                }
            }
        }
    }
    widest
}
