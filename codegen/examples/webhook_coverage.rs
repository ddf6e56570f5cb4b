//! Measures how much of a foreign contract set generates: the public GitHub webhook
//! payload schemas (octokit/webhooks, `payload-schemas/api.github.com`, draft-07), loaded
//! as published under the loose profile. Nothing of that set is in this repository; pass
//! a checkout:
//!
//! ```text
//! cargo run -p events-codegen --example webhook_coverage -- <octokit/webhooks checkout> [--unknown-keywords warn] [--out <file.rs>]
//! ```
//!
//! It builds a contract set around the schemas (a registry with one event type
//! `github.<event>.<action>` per `<event>/<action>.schema.json`, and an envelope), then
//! generates every event type alone (so one type's failure does not hide another's
//! success), then all that generated together, and prints the counts and the most common
//! reasons of the failures.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use events_codegen::{Config, Profile, UnknownKeywords};
use serde_json::{json, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(checkout) = args.first().map(PathBuf::from) else {
        eprintln!("usage: webhook_coverage <octokit/webhooks checkout> [--unknown-keywords warn] [--out <file.rs>]");
        std::process::exit(2);
    };
    let warn = args.iter().any(|a| a == "warn");
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
