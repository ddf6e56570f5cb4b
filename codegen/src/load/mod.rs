//! Stage one: load the registry and every schema it names, and check that they agree.
//! No type is built here and no token is emitted.

mod json;
mod paths;
pub mod registry;
pub mod spans;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use json::{fragment_pointer, parse as parse_json, percent_decode, read_document, read_text, ReadError, MAX_FILE_BYTES};
pub use paths::Roots;
pub use registry::{EventTypeEntry, Registry, Status, VersionEntry};

use crate::diagnostics::{Problem, Sink};

/// The registry's file name inside the contract root.
pub const REGISTRY_FILE: &str = "event-types-registry.json";
/// The first envelope schema's path inside the contract root.
pub const ENVELOPE_FILE: &str = "event-envelope/schema/envelope-v1.json";
/// The directory of the envelope schemas (`envelope-v1.json`, `envelope-v2.json`, …).
pub const ENVELOPE_DIR: &str = "event-envelope/schema";

/// The envelope version `N` of a file name `envelope-vN.json`.
pub fn envelope_version(file_name: &str) -> Option<u32> {
    let digits = file_name.strip_prefix("envelope-v")?.strip_suffix(".json")?;
    (!digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
}

/// The JSON Schema drafts the generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    /// `https://json-schema.org/draft/2020-12/schema`
    Draft202012,
    /// `http://json-schema.org/draft-07/schema#`
    Draft7,
}

/// One loaded payload schema document.
#[derive(Debug, Clone)]
pub struct SchemaDoc {
    /// Canonical path on disk.
    pub path: PathBuf,
    /// Path relative to the contract root, used in messages.
    pub shown: PathBuf,
    /// The registry's path string.
    pub registry_path: String,
    /// The document.
    pub value: Value,
    /// Its draft.
    pub draft: Draft,
}

/// A contract set that loaded and passed every consistency check.
#[derive(Debug, Clone)]
pub struct Contracts {
    /// Where it lives.
    pub roots: Roots,
    /// The registry.
    pub registry: Registry,
    /// Payload schemas by (event type, version).
    pub schemas: BTreeMap<(String, u32), SchemaDoc>,
    /// The envelope schemas by envelope version (at least one).
    pub envelopes: BTreeMap<u32, SchemaDoc>,
    /// Every file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
}

/// How loading reads a contract set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Which identity conventions payload schemas and the registry must follow.
    pub profile: crate::Profile,
    /// The draft of a payload schema without `$schema` (`None`: such a schema is an error).
    pub default_draft: Option<Draft>,
}

/// Loads and checks the contract set rooted at `contracts_dir`, reporting every problem,
/// under the strict profile.
pub fn load(contracts_dir: &Path) -> Result<Contracts, crate::Diagnostics> {
    load_with(contracts_dir, &LoadOptions::default())
}

/// Loads and checks the contract set rooted at `contracts_dir` under `options`.
pub fn load_with(contracts_dir: &Path, options: &LoadOptions) -> Result<Contracts, crate::Diagnostics> {
    match load_partial(contracts_dir, options)? {
        (contracts, None) => Ok(contracts),
        (_, Some(problems)) => Err(problems),
    }
}

/// [`load_with`], going on past problems wherever the rest can still be read: with the
/// registry and the envelopes read, the contract set comes back with the payload schemas that
/// loaded and the problems of the others, so that the model stage can check the rest in the
/// same run. `Err` only when there is nothing to model (no root, registry or envelope).
pub fn load_partial(contracts_dir: &Path, options: &LoadOptions) -> Result<(Contracts, Option<crate::Diagnostics>), crate::Diagnostics> {
    let loose = options.profile == crate::Profile::Loose;
    let mut sink = Sink::default();
    let registry_file = PathBuf::from(REGISTRY_FILE);
    let roots = match Roots::new(contracts_dir) {
        Ok(roots) => roots,
        Err(e) => {
            // The file "" is the root itself: shown as the path the user gave.
            sink.push(Path::new(""), "", Problem::NoRoot { path: contracts_dir.display().to_string(), error: e.to_string() });
            return Err(sink.finish(()).unwrap_err());
        }
    };
    let mut inputs = vec![roots.contracts.join(REGISTRY_FILE)];
    let registry = json::read_json(&roots.contracts, &roots.contracts.join(REGISTRY_FILE), &registry_file, &mut sink)
        .map(|doc| registry::parse_registry_with(&doc, &registry_file, loose, &mut sink));

    let envelopes = load_envelopes(&roots, &mut inputs, &mut sink);

    let mut schemas = BTreeMap::new();
    for event in registry.iter().flat_map(|r| &r.event_types) {
        for version in &event.versions {
            let Some(relative) = &version.payload_schema else { continue };
            let at = crate::diagnostics::child(&version.pointer, "payload_schema");
            let path = match roots.resolve(relative) {
                Ok(path) => path,
                Err(problem) => {
                    sink.push(&registry_file, &at, problem);
                    continue;
                }
            };
            inputs.push(path.clone());
            let shown = roots.shown(&path);
            let Some(value) = json::read_json(&roots.contracts, &path, &shown, &mut sink) else { continue };
            let Some(draft) = check_draft(&value, &shown, options.default_draft, &mut sink) else { continue };
            // The loose profile takes file names, locations, `$id`s and titles as published.
            if !loose {
                check_identity(&value, &shown, &event.name, version.version, &mut sink);
            }
            let doc = SchemaDoc { path, shown, registry_path: relative.clone(), value, draft };
            schemas.insert((event.name.clone(), version.version), doc);
        }
    }
    inputs.sort();
    inputs.dedup();
    match (registry, envelopes) {
        (Some(registry), Some(envelopes)) => Ok((Contracts { roots, registry, schemas, envelopes, inputs }, sink.finish(()).err())),
        _ => Err(sink.finish(()).expect_err("a missing registry or envelope was recorded")),
    }
}

/// Every `envelope-vN.json` of the envelope directory, by version; without any, the
/// problem of reading `envelope-v1.json`. `None` when one of them fails to load.
fn load_envelopes(roots: &Roots, inputs: &mut Vec<PathBuf>, sink: &mut Sink) -> Option<BTreeMap<u32, SchemaDoc>> {
    let dir = roots.contracts.join(ENVELOPE_DIR);
    let mut versions: Vec<u32> =
        std::fs::read_dir(&dir).map(|entries| entries.filter_map(|e| envelope_version(&e.ok()?.file_name().to_string_lossy())).collect()).unwrap_or_default();
    versions.sort_unstable();
    // Watched too, so that adding `envelope-v2.json` regenerates.
    if dir.is_dir() {
        inputs.push(dir.clone());
    }
    if versions.is_empty() {
        versions.push(1);
    }
    let mut envelopes = BTreeMap::new();
    let mut ok = true;
    for version in versions {
        let shown = PathBuf::from(format!("{ENVELOPE_DIR}/envelope-v{version}.json"));
        let path = roots.contracts.join(&shown);
        inputs.push(path.clone());
        let doc = json::read_json(&roots.contracts, &path, &shown, sink).and_then(|value| {
            let draft = check_draft(&value, &shown, None, sink)?;
            Some(SchemaDoc { path, registry_path: shown.to_string_lossy().into_owned(), shown, value, draft })
        });
        match doc {
            Some(doc) => {
                envelopes.insert(version, doc);
            }
            None => ok = false,
        }
    }
    ok.then_some(envelopes)
}

fn check_draft(doc: &Value, shown: &Path, default: Option<Draft>, sink: &mut Sink) -> Option<Draft> {
    match doc.get("$schema").and_then(Value::as_str) {
        Some("https://json-schema.org/draft/2020-12/schema") => Some(Draft::Draft202012),
        Some("http://json-schema.org/draft-07/schema#" | "http://json-schema.org/draft-07/schema") => Some(Draft::Draft7),
        Some(other) => {
            sink.push(shown, "/$schema", Problem::UnsupportedDraft(other.to_owned()));
            None
        }
        None if doc.is_object() && default.is_some() => default,
        None if doc.is_object() => {
            sink.push(shown, "", Problem::MissingField("$schema"));
            None
        }
        None => {
            sink.push(shown, "", Problem::WrongType { expected: "object", found: crate::diagnostics::json_type(doc) });
            None
        }
    }
}

/// File name, `$id`, `title` and location must all name the registry's event type and version.
fn check_identity(doc: &Value, shown: &Path, event: &str, version: u32, sink: &mut Sink) {
    let file_name = format!("{event}-v{version}.json");
    let found_name = shown.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if found_name != file_name {
        sink.push(shown, "", Problem::Mismatch { what: "file name", expected: file_name, found: found_name });
    }
    let mut parts: Vec<String> = shown.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.pop();
    if parts.len() != 3 || parts[1] != "schema" || parts[2] != "payloads" {
        sink.push(shown, "", Problem::Mismatch { what: "location", expected: "<contract>/schema/payloads/".into(), found: format!("{}/", parts.join("/")) });
    }
    let id_suffix = format!("/{}", shown.to_string_lossy().replace('\\', "/"));
    match doc.get("$id").and_then(Value::as_str) {
        Some(id) if id.ends_with(&id_suffix) => {}
        Some(id) => sink.push(shown, "/$id", Problem::Mismatch { what: "$id", expected: format!("…{id_suffix}"), found: id.to_owned() }),
        None => sink.push(shown, "", Problem::MissingField("$id")),
    }
    let title = format!("{event} payload v{version}");
    match doc.get("title").and_then(Value::as_str) {
        Some(found) if found == title => {}
        Some(found) => sink.push(shown, "/title", Problem::Mismatch { what: "title", expected: title, found: found.to_owned() }),
        None => sink.push(shown, "", Problem::MissingField("title")),
    }
}
