//! Measures how much of a foreign contract set generates: the public GitHub webhook
//! payload schemas (octokit/webhooks, `payload-schemas/api.github.com`, draft-07), loaded
//! as published under the loose profile. Nothing of that set is in this repository; pass
//! a checkout:
//!
//! ```text
//! cargo run -p events-codegen --example webhook_coverage -- <octokit/webhooks checkout> [--unknown-keywords warn] [--out <file.rs>] [--decode]
//! ```
//!
//! It builds a contract set around the schemas (a registry with one event type
//! `github.<event>.<action>` per `<event>/<action>.schema.json`, and an envelope; the files
//! without `$schema` are read as draft-07, `Config::default_draft`, as the rest of the set
//! is), then generates every event type alone (so one type's failure does not hide another's
//! success), then all that generated together, and prints the counts and the most common
//! reasons of the failures.
//!
//! With `--decode` it also compiles those bindings in a scratch crate
//! (`target/scratch-crates/webhook-coverage`, built in `target/scratch` like the tests' scratch crates) and decodes every
//! example payload of the set (`payload-examples/api.github.com/<event>/*.json`, routed to
//! `github.<event>.<action>`, or `github.<event>.event` for events without actions) with
//! `AnyPayload::from_json`, then re-encodes each decoded payload and compares the JSON values.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use events_codegen::load::Draft;
use events_codegen::{Config, Profile, UnknownKeywords};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(checkout) = args.first().map(PathBuf::from) else {
        eprintln!("usage: webhook_coverage <octokit/webhooks checkout> [--unknown-keywords warn] [--out <file.rs>]");
        std::process::exit(2);
    };
    let warn = args.iter().any(|a| a == "warn");
    let decode = args.iter().any(|a| a == "--decode");
    let out = args.iter().position(|a| a == "--out").and_then(|i| args.get(i + 1)).map(PathBuf::from);
    let schemas = checkout.join("payload-schemas/api.github.com");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let root = dir.path().join("contracts");
    copy_dir(&schemas, &root.join("github"));
    let envelope_src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/contracts-mini/contracts/event-envelope/schema/envelope-v1.json");
    let mut envelope: Value = serde_json::from_str(&std::fs::read_to_string(envelope_src).expect("the fixture envelope")).expect("JSON");
    envelope["properties"]["producer"]["enum"] = json!(["github"]);
    envelope["properties"]["actor"]["oneOf"][1]["pattern"] = json!("^system:(github)$");
    std::fs::create_dir_all(root.join("event-envelope/schema")).expect("mkdir");
    std::fs::write(root.join("event-envelope/schema/envelope-v1.json"), envelope.to_string()).expect("write");

    let mut events: BTreeMap<String, Value> = BTreeMap::new();
    for event_dir in sorted_entries(&schemas) {
        let event = event_dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        if event == "common" || !event_dir.is_dir() {
            continue;
        }
        for file in sorted_entries(&event_dir) {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            let Some(action) = name.strip_suffix(".schema.json") else { continue };
            let event_type = format!("github.{event}.{action}");
            let entry = json!({"producer": "github", "consumers": [], "owning_contract": null, "schema_versions": [
                {"version": 1, "payload_schema": format!("contracts/github/{event}/{name}"), "status": "active", "registered_at": "2026-01-01"}
            ]});
            events.insert(event_type, entry);
        }
    }
    let configure = |c: &mut Config| {
        c.profile(Profile::Loose);
        // Three files of the set have no `$schema`; the set is draft-07 throughout.
        c.default_draft(Draft::Draft7);
        if warn {
            c.unknown_keywords(UnknownKeywords::Warn);
        }
    };
    let write_registry = |types: &BTreeMap<String, Value>| {
        let registry = json!({"registry_version": "0", "event_types": types});
        std::fs::write(root.join("event-types-registry.json"), registry.to_string()).expect("write");
    };

    let mut ok = BTreeMap::new();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut places: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    let mut warnings = std::collections::BTreeSet::new();
    for (event_type, entry) in &events {
        write_registry(&BTreeMap::from([(event_type.clone(), entry.clone())]));
        let mut config = Config::new(&root);
        configure(&mut config);
        match config.generate() {
            Ok(generated) => {
                warnings.extend(generated.warnings.iter().map(|w| (w.file.clone(), w.pointer.clone())));
                ok.insert(event_type.clone(), entry.clone());
            }
            Err(diagnostics) => {
                for d in diagnostics.errors() {
                    places.entry((d.file.display().to_string(), d.pointer.clone(), d.problem.message())).or_default().push(event_type.clone());
                }
            }
        }
    }
    for (_, _, message) in places.keys() {
        *reasons.entry(reason(message)).or_default() += 1;
    }
    println!("event types: {}", events.len());
    println!("generate alone: {}", ok.len());
    write_registry(&ok);
    let mut config = Config::new(&root);
    configure(&mut config);
    match config.generate() {
        Ok(generated) => {
            println!("generate together: {} ({} bytes of Rust, {} warning(s))", ok.len(), generated.source.len(), generated.warnings.len());
            if let Some(out) = &out {
                std::fs::write(out, &generated.source).expect("write the bindings");
            }
            if decode {
                decode_examples(&checkout, &generated.source, &ok, &events);
            }
        }
        Err(d) => println!("the {} that generate alone fail together:\n{d}", ok.len()),
    }
    write_registry(&events);
    let mut config = Config::new(&root);
    configure(&mut config);
    let report = events_codegen::check::check_with(&config, "2026-01-01");
    println!("check on the whole set: {} error(s), {} warning(s)", report.errors.len(), report.schema_warnings.len() + report.warnings.len());
    println!("distinct failing places: {} (unknown keywords read as annotations in the types that generate: {})", places.len(), warnings.len());
    let mut by_count: Vec<(usize, String)> = reasons.into_iter().map(|(r, n)| (n, r)).collect();
    by_count.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    println!("reasons (distinct places):");
    for (n, r) in by_count.iter().take(25) {
        println!("{n:6}  {r}");
    }
    let mut blocking: Vec<(usize, &(String, String, String))> = places.iter().map(|(k, v)| (v.len(), k)).collect();
    blocking.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    println!("places blocking the most event types:");
    for (n, (file, pointer, message)) in blocking.iter().take(15) {
        println!("{n:6}  {file}#{pointer}: {message}");
    }
}

/// The runner crate: decodes each (event type, file) of its input, re-encodes, compares.
const RUNNER: &str = r#"#![allow(warnings)]
mod bindings {
    include!("bindings.rs");
}

fn main() {
    let input = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let cases: Vec<(String, String)> = serde_json::from_str(&input).unwrap();
    let mut out = Vec::new();
    for (event_type, file) in cases {
        let bytes = std::fs::read(&file).unwrap();
        let original: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let result = match bindings::any::AnyPayload::from_json(&event_type, 1, &bytes) {
            Ok(payload) => {
                let again: serde_json::Value = serde_json::from_str(&payload.to_json()).unwrap();
                serde_json::json!({"file": file, "ok": true, "same": again == original})
            }
            Err(e) => serde_json::json!({"file": file, "ok": false, "error": e.to_string()}),
        };
        out.push(result);
    }
    println!("{}", serde_json::Value::Array(out));
}
"#;

/// Compiles `source` with a runner and decodes every example payload of the set.
fn decode_examples(checkout: &Path, source: &str, generated: &BTreeMap<String, Value>, all: &BTreeMap<String, Value>) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository").to_path_buf();
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo.join("target"), PathBuf::from);
    let krate = target.join("scratch-crates/webhook-coverage");
    std::fs::create_dir_all(krate.join("src")).expect("mkdir");
    let manifest = format!(
        "[package]\nname = \"webhook-coverage\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[profile.dev]\ndebug = false\n\n[dependencies]\nevents = {{ path = {:?}, default-features = false }}\nserde_json = \"1\"\n",
        repo.display().to_string()
    );
    // Unchanged files keep their modification time, so a second run does not rebuild.
    let write = |path: PathBuf, text: &str| {
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text) {
            std::fs::write(&path, text).expect("write");
        }
    };
    write(krate.join("Cargo.toml"), &manifest);
    write(krate.join("Cargo.lock"), &std::fs::read_to_string(repo.join("Cargo.lock")).expect("the lock file"));
    write(krate.join("src/bindings.rs"), source);
    write(krate.join("src/main.rs"), RUNNER);

    let examples = checkout.join("payload-examples/api.github.com");
    let (mut cases, mut unrouted) = (Vec::new(), Vec::new());
    for dir in sorted_entries(&examples).into_iter().filter(|d| d.is_dir()) {
        let event = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        for file in sorted_entries(&dir).into_iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
            let value: Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("an example is JSON");
            // An event whose schema is not split by action (`repository_dispatch`) has one
            // `event.schema.json` for every action.
            let event_type = match value.get("action").and_then(Value::as_str) {
                Some(action) if all.contains_key(&format!("github.{event}.{action}")) => format!("github.{event}.{action}"),
                _ => format!("github.{event}.event"),
            };
            cases.push((event_type, file.display().to_string()));
        }
    }
    let total = cases.len();
    cases.retain(|(event_type, file)| {
        generated.contains_key(event_type) || {
            unrouted.push(format!("{event_type}: {file}"));
            false
        }
    });
    let input = krate.join("cases.json");
    std::fs::write(&input, serde_json::to_string(&cases).expect("JSON")).expect("write");
    let run = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--"])
        .arg(&input)
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", target.join("scratch"))
        .output()
        .expect("cargo runs");
    if !run.status.success() {
        println!("the bindings did not compile or the runner failed:\n{}", String::from_utf8_lossy(&run.stderr));
        return;
    }
    let results: Vec<Value> = serde_json::from_slice(&run.stdout).expect("the runner's JSON");
    let decoded: Vec<&Value> = results.iter().filter(|r| r["ok"] == true).collect();
    let same = decoded.iter().filter(|r| r["same"] == true).count();
    println!("examples: {total}; of an event type that does not generate (or is not in the set): {}", unrouted.len());
    for u in &unrouted {
        println!("    {u}");
    }
    println!("decoded: {} of {}; re-encoded to the same JSON value: {same}", decoded.len(), results.len());
    for r in decoded.iter().filter(|r| r["same"] != true) {
        println!("    re-encodes differently: {}", r["file"]);
    }
    for r in results.iter().filter(|r| r["ok"] != true) {
        println!("    refused: {}: {}", r["file"], r["error"]);
    }
}

/// A message with its specifics (quoted names, numbers) blanked, so equal reasons count together.
fn reason(message: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push('…');
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None if c == '"' => {
                out.push(c);
                quote = Some(c);
            }
            None => out.push(c),
        }
    }
    out
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
    entries.sort();
    entries
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for path in sorted_entries(from) {
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}
