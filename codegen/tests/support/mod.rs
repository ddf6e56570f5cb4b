//! Contract sets built from scratch for the hostile-input tests, and a scratch crate that
//! compiles many generated files together in one `cargo build` (in the scratch target
//! directory every test of the repository shares, see `tests/support/scratch.rs`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use events_codegen::{Config, Problem};
use serde_json::{json, Value};

#[path = "../../../tests/support/files.rs"]
mod files;
#[allow(unused_imports)] // Not every test target copies directories.
pub use files::copy_dir;

#[path = "../../../tests/support/scratch.rs"]
pub mod scratch;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("codegen lives in the repository").to_path_buf()
}

const ENVELOPE: &str = "tests/fixtures/contracts-mini/contracts/event-envelope/schema/envelope-v1.json";

/// One registered version: its contract directory and its payload schema (`None`: opaque).
#[derive(Debug, Clone)]
pub struct Version {
    /// Contract directory under the root.
    pub dir: String,
    /// The payload schema's body (`$schema`, `$id` and `title` are added).
    pub schema: Option<Value>,
    /// `active`, `deprecated` or `retired`.
    pub status: &'static str,
    /// `deprecated_at`, if any.
    pub deprecated_at: Option<&'static str>,
}

impl Version {
    /// An active version in `dir` with payload `schema`.
    pub fn new(dir: &str, schema: Value) -> Self {
        Self { dir: dir.to_owned(), schema: Some(schema), status: "active", deprecated_at: None }
    }
}

/// A contract set to write: producers, events with their versions, shared schema files.
#[derive(Debug, Clone, Default)]
pub struct Set {
    /// The envelope's producer enum.
    pub producers: Vec<String>,
    /// (event type, producer, versions from 1).
    pub events: Vec<(String, String, Vec<Version>)>,
    /// (path under the root, document).
    pub files: Vec<(String, Value)>,
}

impl Set {
    /// A set whose only producer is `shop`.
    pub fn new() -> Self {
        Self { producers: vec!["shop".into()], ..Self::default() }
    }

    /// Adds event `name`, produced by the first producer, with one active version.
    pub fn event(mut self, name: &str, dir: &str, schema: Value) -> Self {
        let producer = self.producers[0].clone();
        self.events.push((name.to_owned(), producer, vec![Version::new(dir, schema)]));
        self
    }

    /// Adds `$defs` to the first event's first payload schema.
    pub fn with_defs(mut self, defs: serde_json::Map<String, Value>) -> Self {
        if let Some(schema) = self.events.first_mut().and_then(|e| e.2[0].schema.as_mut()) {
            schema["$defs"] = Value::Object(defs);
        }
        self
    }

    /// Adds a file (e.g. a shared schema) at `path` under the root.
    pub fn file(mut self, path: &str, doc: Value) -> Self {
        self.files.push((path.to_owned(), doc));
        self
    }

    /// Writes the set under `<dir>/contracts` and returns that root.
    pub fn write(&self, dir: &Path) -> PathBuf {
        let root = dir.join("contracts");
        std::fs::create_dir_all(root.join("event-envelope/schema")).unwrap();
        let mut envelope: Value = serde_json::from_str(&std::fs::read_to_string(self::root().join(ENVELOPE)).unwrap()).unwrap();
        envelope["properties"]["producer"]["enum"] = json!(self.producers);
        envelope["properties"]["actor"]["oneOf"][1]["pattern"] = format!("^system:({})$", self.producers.join("|")).into();
        std::fs::write(root.join("event-envelope/schema/envelope-v1.json"), envelope.to_string()).unwrap();
        let mut types = serde_json::Map::new();
        for (name, producer, versions) in &self.events {
            let mut entries = Vec::new();
            for (i, v) in versions.iter().enumerate() {
                let n = i + 1;
                let mut entry = json!({"version": n, "payload_schema": null, "status": v.status, "registered_at": "2026-01-01"});
                if let Some(d) = v.deprecated_at {
                    entry["deprecated_at"] = d.into();
                }
                if let Some(schema) = &v.schema {
                    let relative = format!("{}/schema/payloads/{name}-v{n}.json", v.dir);
                    let mut doc = json!({
                        "$schema": "https://json-schema.org/draft/2020-12/schema",
                        "$id": format!("https://contracts.example/{relative}"),
                        "title": format!("{name} payload v{n}"),
                    });
                    for (k, val) in schema.as_object().expect("a payload schema is an object") {
                        doc[k] = val.clone();
                    }
                    let path = root.join(&relative);
                    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                    std::fs::write(&path, doc.to_string()).unwrap();
                    entry["payload_schema"] = format!("contracts/{relative}").into();
                }
                entries.push(entry);
            }
            let owning = versions.first().map(|v| format!("contracts/{}/README.md", v.dir));
            types.insert(name.clone(), json!({"producer": producer, "consumers": [], "owning_contract": owning, "schema_versions": entries}));
        }
        std::fs::write(root.join("event-types-registry.json"), json!({"event_types": types}).to_string()).unwrap();
        for (path, doc) in &self.files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, doc.to_string()).unwrap();
        }
        root
    }

    /// Writes the set to a temporary directory and generates it with `config`.
    pub fn generate_with(&self, config: impl FnOnce(&mut Config)) -> Result<String, Vec<(String, String, Problem)>> {
        let dir = tempfile::tempdir().unwrap();
        let root = self.write(dir.path());
        generate(&root, config)
    }

    /// Writes and generates with the default configuration.
    pub fn generate(&self) -> Result<String, Vec<(String, String, Problem)>> {
        self.generate_with(|_| {})
    }
}

/// Generates the set at `root`; problems as (file, pointer, problem).
pub fn generate(root: &Path, config: impl FnOnce(&mut Config)) -> Result<String, Vec<(String, String, Problem)>> {
    let mut c = Config::new(root);
    config(&mut c);
    c.generate().map(|g| g.source).map_err(|d| d.0.into_iter().map(|d| (d.file.display().to_string(), d.pointer, d.problem)).collect())
}

/// An object payload with the given properties, all optional.
pub fn object(properties: Value) -> Value {
    json!({"type": "object", "additionalProperties": false, "properties": properties})
}

/// A scratch crate depending on the runtime, holding generated files as `mod case_N`.
pub struct Scratch {
    _dir: tempfile::TempDir,
    /// The crate's directory.
    pub path: PathBuf,
    modules: Vec<String>,
}

impl Scratch {
    /// An empty scratch crate.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("scratch");
        std::fs::create_dir_all(path.join("src")).unwrap();
        let body = format!("[lib]\npath = \"src/lib.rs\"\n\n[dependencies]\n{}", scratch::runtime_dependency(&root(), &[]));
        scratch::write_manifest(&root(), &path, "hostile-scratch", &body);
        Self { _dir: dir, path, modules: Vec::new() }
    }

    /// Adds a generated file as module `name`, with `extra` Rust source appended inside it.
    pub fn add(&mut self, name: &str, source: &str, extra: &str) {
        std::fs::write(self.path.join("src").join(format!("{name}.rs")), source).unwrap();
        self.modules.push(format!("#[allow(deprecated, dead_code, unused)]\npub mod {name} {{\n    include!(\"{name}.rs\");\n{extra}\n}}\n"));
    }

    /// Builds the crate and runs its unit tests (written into `extra`); `Err` holds the
    /// compiler's or the tests' output.
    pub fn test(&self) -> Result<String, String> {
        std::fs::write(self.path.join("src/lib.rs"), self.modules.concat()).unwrap();
        let out = scratch::cargo("test", &self.path).args(["--quiet", "--lib"]).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        if out.status.success() {
            Ok(text)
        } else {
            Err(text)
        }
    }

    /// Builds the crate; `Err` holds the compiler's output.
    pub fn build(&self) -> Result<(), String> {
        std::fs::write(self.path.join("src/lib.rs"), self.modules.concat()).unwrap();
        let out = scratch::cargo("build", &self.path).arg("--quiet").output().unwrap();
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }
}
