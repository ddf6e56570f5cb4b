//! The public builder: what a build script configures and runs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostics;
use crate::model::ModelOptions;
use crate::{Formats, Profile, UnknownKeywords};

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The contract set has problems; every one is listed.
    #[error("{0}")]
    Contracts(#[from] Diagnostics),
    /// Writing the output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `OUT_DIR` is not set (not running under cargo) and no output directory was given.
    #[error("OUT_DIR is not set: call Config::out_dir or run from a build script")]
    NoOutDir,
}

/// Generation settings, in the style of `prost_build::Config`.
#[derive(Debug, Clone)]
pub struct Config {
    contracts: PathBuf,
    out_dir: Option<PathBuf>,
    file_name: String,
    runtime: String,
    id_names: BTreeMap<String, String>,
    consumer_tolerance: bool,
    sunset_on: Option<String>,
    cutover_grace_days: i64,
    contract_features: bool,
    annotation_keywords: BTreeSet<String>,
    annotation_formats: BTreeSet<String>,
    format_types: BTreeMap<String, String>,
    unknown_keywords: UnknownKeywords,
    formats: Formats,
    profile: Profile,
    envelope_roles: BTreeMap<String, crate::model::EnvelopeRole>,
    default_draft: Option<crate::load::Draft>,
    attributes: crate::emit::attrs::Attributes,
    schemars: bool,
    producer_features: bool,
    hash_and_ord: bool,
}

/// The result of a successful run.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The formatted Rust source.
    pub source: String,
    /// The contract set's index as rustdoc Markdown: a table from event type and version
    /// to Rust type, producer, consumers and status, and the contract modules. [`Config::compile`]
    /// writes it next to the source (`events.md` beside `events.rs`), for
    /// `#![doc = include_str!(concat!(env!("OUT_DIR"), "/events.md"))]`.
    pub index: String,
    /// Every contract file read, for `cargo:rerun-if-changed`.
    pub inputs: Vec<PathBuf>,
    /// The contract directories, sorted: the cargo features the crate must declare when
    /// [`Config::contract_features`] is on.
    pub contract_dirs: Vec<String>,
    /// What generation warns about (located, like errors): unknown keywords read as
    /// annotations under [`UnknownKeywords::Warn`]. [`Config::compile`] prints each as a
    /// `cargo:warning=` line.
    pub warnings: Vec<crate::Diagnostic>,
    /// The producing domains' cargo features (`produce-<producer>`, sorted) the crate must
    /// declare when [`Config::producer_features`] is on.
    pub producer_features: Vec<String>,
}

impl Generated {
    /// What a build script prints for this run: `cargo:rerun-if-changed=` for every input
    /// and `cargo:warning=` for every warning (one line each: file, line, column, message,
    /// pointer), so cargo shows each warning in the build's output.
    pub fn cargo_directives(&self) -> String {
        let mut out = String::new();
        for input in &self.inputs {
            out.push_str(&format!("cargo:rerun-if-changed={}\n", input.display()));
        }
        for warning in &self.warnings {
            out.push_str(&format!("cargo:warning={}\n", warning.one_line()));
        }
        out
    }
}

impl Config {
    /// Generation for the contract set whose registry is `<contracts>/event-types-registry.json`.
    pub fn new(contracts: impl Into<PathBuf>) -> Self {
        Self {
            contracts: contracts.into(),
            out_dir: None,
            file_name: "events.rs".into(),
            runtime: "::events_runtime".into(),
            id_names: BTreeMap::new(),
            consumer_tolerance: true,
            sunset_on: None,
            cutover_grace_days: 14,
            contract_features: false,
            annotation_keywords: BTreeSet::new(),
            annotation_formats: BTreeSet::new(),
            format_types: BTreeMap::new(),
            unknown_keywords: UnknownKeywords::Error,
            formats: Formats::Assert,
            profile: Profile::Strict,
            envelope_roles: BTreeMap::new(),
            default_draft: None,
            attributes: Default::default(),
            schemars: false,
            producer_features: false,
            hash_and_ord: false,
        }
    }

    /// Where to write the file (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The output file name (default `events.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = name.into();
        self
    }

    /// Path of the runtime crate (`events-runtime`) in the generated code, as seen from where the
    /// file is included (default `::events_runtime`; a crate that re-exports the runtime at its
    /// root, as `events` does, may name itself `crate`).
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime = path.into();
        self
    }

    /// Names the typed id for `prefix` (e.g. `("usr", "UserId")`) instead of deriving it from field names.
    pub fn id_type(&mut self, prefix: impl Into<String>, name: impl Into<String>) -> &mut Self {
        self.id_names.insert(prefix.into(), name.into());
        self
    }

    /// Whether enums whose description tells consumers to tolerate unknown values decode
    /// such values into an `Unknown` variant (default `true`); `false` makes every enum strict.
    pub fn consumer_tolerance(&mut self, on: bool) -> &mut Self {
        self.consumer_tolerance = on;
        self
    }

    /// Makes producing a deprecated or retired version whose producer cutover has passed
    /// (today, UTC) a compile error; consumers still decode it. Off by default: producers
    /// then get the `#[deprecated]` warning only. Output then depends on the date.
    pub fn enforce_sunset(&mut self) -> &mut Self {
        self.sunset_on = Some(crate::dates::today_utc());
        self
    }

    /// Like [`Config::enforce_sunset`], against a fixed date (`YYYY-MM-DD`), for reproducible builds.
    pub fn enforce_sunset_as_of(&mut self, date: impl Into<String>) -> &mut Self {
        self.sunset_on = Some(date.into());
        self
    }

    /// Days from `deprecated_at` to the producer cutover when no later version gives an
    /// `active_from` (default 14, per the envelope contract's §16).
    pub fn cutover_grace_days(&mut self, days: i64) -> &mut Self {
        self.cutover_grace_days = days;
        self
    }

    /// Compiles each contract directory's events only with the cargo feature of the same
    /// name (`lead-lifecycle`, …), so a domain crate builds only the domains it uses. The
    /// crate must declare one feature per entry of [`Generated::contract_dirs`].
    pub fn contract_features(&mut self, on: bool) -> &mut Self {
        self.contract_features = on;
        self
    }

    /// Declares a keyword of the contract set's own (a vendor keyword such as `tsType`) as
    /// a pure annotation. Unknown keywords are errors otherwise (a misspelt `maxLenght`
    /// must not silently drop a constraint); keywords starting with `x-` always are annotations.
    pub fn annotation_keyword(&mut self, keyword: impl Into<String>) -> &mut Self {
        self.annotation_keywords.insert(keyword.into());
        self
    }

    /// Declares a `format` of the contract set's own as an annotation: not checked. Unknown
    /// formats are errors otherwise.
    pub fn annotation_format(&mut self, format: impl Into<String>) -> &mut Self {
        self.annotation_formats.insert(format.into());
        self
    }

    /// Maps a `format` of the contract set's own to a checked type of yours: `rust_path`
    /// names a type implementing `events_runtime::CustomFormat` (for example `"crate::formats::Sku"`),
    /// and values of that format become `events_runtime::Formatted<rust_path>`, which decode and
    /// are built only through its `check`. A validation program cannot call your code, so
    /// the format is refused where only a program checks values (under `not`, `if`,
    /// `oneOf`, `contains`, …) and beside `const`.
    pub fn format_type(&mut self, format: impl Into<String>, rust_path: impl Into<String>) -> &mut Self {
        self.format_types.insert(format.into(), rust_path.into());
        self
    }

    /// Whether an unknown keyword is an error (the default) or a warning, with the
    /// keyword read as an annotation. See [`UnknownKeywords`].
    pub fn unknown_keywords(&mut self, mode: UnknownKeywords) -> &mut Self {
        self.unknown_keywords = mode;
        self
    }

    /// Whether `format` is asserted (the default) or an annotation. See [`Formats`].
    pub fn formats(&mut self, mode: Formats) -> &mut Self {
        self.formats = mode;
        self
    }

    /// Which identity conventions the contract set must follow: [`Profile::Strict`] (the
    /// default) or [`Profile::Loose`] for a foreign set loaded as it is published.
    pub fn profile(&mut self, profile: Profile) -> &mut Self {
        self.profile = profile;
        self
    }

    /// The identity profile (for the load stage).
    /// The draft of a payload schema that has no `$schema` (a foreign set often leaves it
    /// out). Without this setting such a schema is an error naming the file.
    pub fn default_draft(&mut self, draft: crate::load::Draft) -> &mut Self {
        self.default_draft = Some(draft);
        self
    }

    /// Loads the contract set and models what loaded, so one run reports the problems of
    /// both stages: a file that does not load still lets every other file be checked.
    pub(crate) fn load_and_model(&self) -> Result<(crate::load::Contracts, crate::model::ContractSet), Diagnostics> {
        let (contracts, load_problems) = crate::load::load_partial(&self.contracts, &self.load_options())?;
        match (crate::model::build(&contracts, &self.model_options()), load_problems) {
            (Ok(set), None) => Ok((contracts, set)),
            (Ok(_), Some(problems)) => Err(problems),
            (Err(model), load) => Err(model.merged(load)),
        }
    }

    pub(crate) fn load_options(&self) -> crate::load::LoadOptions {
        crate::load::LoadOptions { profile: self.profile, default_draft: self.default_draft }
    }

    /// Declares that the envelope property `property` plays `role`, in every envelope
    /// version that has it: the same as `"x-event-role": "<role>"` in its schema, for a
    /// contract set that cannot be edited. An envelope that declares no role at all (by
    /// either means) gets the built-in mapping by property name (`event_id`, `event_type`,
    /// `schema_version`, `producer`, `occurred_at`, `payload`, `correlation_id`,
    /// `causation_id`, `actor`, `subject`, `tenant_id`).
    pub fn envelope_role(&mut self, property: impl Into<String>, role: crate::model::EnvelopeRole) -> &mut Self {
        self.envelope_roles.insert(property.into(), role);
        self
    }

    /// Adds an attribute to every generated type that `path` matches, right after the
    /// derives the generator writes (so `#[serde(…)]` and derives of your own work), in the
    /// manner of `prost_build::Config::type_attribute`. `attribute` is one or more outer
    /// attributes: `"#[derive(Hash)]"`.
    ///
    /// `path` is `"."` (every type), an event type (`"lead.created"`: its payload type in
    /// every version; `"lead.created@1"`: in version 1), or a Rust path matched against
    /// the type's name and the modules it is in, in order (`"LeadStage"`,
    /// `"lead_lifecycle::LeadCreatedV1"`, `"lead_created_v1::LeadStage"`,
    /// `"shared::money::Money"`). Attribute text that does not parse, or a path matching no
    /// type, is reported as a problem with the contract set's others.
    ///
    /// ```no_run
    /// events_codegen::Config::new("contracts").type_attribute("lead.created", "#[derive(Default)]");
    /// ```
    pub fn type_attribute(&mut self, path: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.attributes.types.push((path.into(), attribute.into()));
        self
    }

    /// Adds an attribute to every generated struct field that `path` matches (fields are
    /// private; their attributes serve derives on the type, such as `serde` or `schemars`).
    /// `path` is a type path as in [`Config::type_attribute`], `::` and the property's JSON
    /// or Rust name (`"lead.created::person_id"`, `"LeadCreatedV1::person_id"`), or a bare
    /// name for that property of every struct (`"person_id"`).
    pub fn field_attribute(&mut self, path: impl Into<String>, attribute: impl Into<String>) -> &mut Self {
        self.attributes.fields.push((path.into(), attribute.into()));
        self
    }

    /// Emits `schemars::JsonSchema` for every payload type, `Envelope<P>` and `AnyEvent`,
    /// behind `#[cfg(feature = "schemars")]`: each type's schema is its contract's own,
    /// bundled (see [`crate::bundle`]), so a schemars user gets exactly what the contract
    /// accepts. The crate declares a `schemars` feature that enables the runtime's
    /// (`schemars = ["events-runtime/schemars"]` in a crate that depends on `events-runtime`). Off by
    /// default: without it nothing is emitted.
    pub fn schemars(&mut self, on: bool) -> &mut Self {
        self.schemars = on;
        self
    }

    /// Producer-only construction: an event's constructor and `Envelope::builder` compile
    /// only with the cargo feature `produce-<producer>` of its registered producer (for
    /// example `produce-sales`); decoding is always available. The crate must declare one
    /// feature per entry of [`Generated::producer_features`]. Off by default.
    pub fn producer_features(&mut self, on: bool) -> &mut Self {
        self.producer_features = on;
        self
    }

    /// `Hash`, `PartialOrd` and `Ord` on generated structs and unions too, wherever every
    /// part of them allows it (string enums, ids and other scalars always have them). Off by
    /// default: payloads are rarely map keys or sorted, and the three derives are about a
    /// tenth of what a large set's bindings cost to compile (480 MB of peak memory at
    /// 2,000 event versions). [`Config::type_attribute`] adds them to chosen types instead.
    pub fn hash_and_ord(&mut self, on: bool) -> &mut Self {
        self.hash_and_ord = on;
        self
    }

    /// The contract root.
    pub fn contracts_dir(&self) -> &Path {
        &self.contracts
    }

    /// The options of the model stage.
    pub(crate) fn model_options(&self) -> ModelOptions {
        ModelOptions {
            id_names: self.id_names.clone(),
            consumer_tolerance: self.consumer_tolerance,
            sunset_on: self.sunset_on.clone(),
            cutover_grace_days: self.cutover_grace_days,
            annotation_keywords: self.annotation_keywords.clone(),
            annotation_formats: self.annotation_formats.clone(),
            format_types: self.format_types.clone(),
            unknown_keywords: self.unknown_keywords,
            formats: self.formats,
            relative_ids: self.profile == Profile::Loose,
            envelope_roles: self.envelope_roles.clone(),
        }
    }

    /// Loads, checks and renders the contract set, without writing anything. Problems
    /// come located (see [`Diagnostics::locate`]): paths as given, lines and columns.
    pub fn generate(&self) -> Result<Generated, Diagnostics> {
        let mut generated = self.generate_unlocated().map_err(|d| d.locate(&self.contracts))?;
        generated.warnings = Diagnostics(std::mem::take(&mut generated.warnings)).locate(&self.contracts).0;
        Ok(generated)
    }

    fn generate_unlocated(&self) -> Result<Generated, Diagnostics> {
        let rules = self.check_settings()?;
        // Every problem in one run: what loaded is modelled even when some file did not.
        let (mut contracts, mut set) = self.load_and_model()?;
        let warnings = std::mem::take(&mut set.warnings);
        let mut sink = crate::diagnostics::Sink::default();
        for message in rules.unmatched(&self.attributes, &set) {
            sink.push(Path::new(SETTINGS), "", crate::Problem::BadConfig(message));
        }
        sink.finish(())?;
        let mut contract_dirs: Vec<String> = set.events.iter().flat_map(|e| e.versions.iter().filter_map(|v| v.contract_dir.clone())).collect();
        contract_dirs.sort();
        contract_dirs.dedup();
        if self.contract_features {
            let mut sink = crate::diagnostics::Sink::default();
            for dir in contract_dirs.iter().filter(|d| !is_feature_name(d)) {
                sink.push(
                    Path::new(SETTINGS),
                    "",
                    crate::Problem::BadConfig(format!(
                        "contract_features: the contract directory {dir:?} is not a cargo feature name (letters, digits, `_`, `-`, `+`, `.`)"
                    )),
                );
            }
            sink.finish(())?;
        }
        let producer_features = self.producer_feature_names(&set)?;
        let schemas = if self.schemars { Some(crate::bundle::bundle_set(&contracts, &self.annotation_formats)?) } else { None };
        // Files reached only through a cross-file `$ref` are inputs too.
        let mut inputs = std::mem::take(&mut contracts.inputs);
        inputs.extend(set.shared.iter().map(|m| contracts.roots.contracts.join(&m.file)));
        // The schema documents are no longer needed: free them before rendering, the
        // stage with the highest peak.
        drop(contracts);
        inputs.sort();
        inputs.dedup();
        let index = crate::emit::index(&set);
        let extras = crate::emit::Extras { schemas, producer_features: self.producer_features, hash_and_ord: self.hash_and_ord };
        let source = crate::emit::render_with(&set, &self.runtime, self.contract_features, rules, &extras);
        Ok(Generated { source, index, inputs, contract_dirs, warnings, producer_features })
    }

    /// `produce-<producer>` for every producer of a registered event, sorted, when
    /// [`Config::producer_features`] is on (else none); a producer whose feature would not
    /// be a cargo feature name is an error.
    fn producer_feature_names(&self, set: &crate::model::ContractSet) -> Result<Vec<String>, Diagnostics> {
        if !self.producer_features {
            return Ok(Vec::new());
        }
        let mut names: Vec<String> = set.events.iter().map(|e| format!("produce-{}", e.producer)).collect();
        names.sort();
        names.dedup();
        let mut sink = crate::diagnostics::Sink::default();
        for name in names.iter().filter(|n| !is_feature_name(n)) {
            sink.push(
                Path::new(SETTINGS),
                "",
                crate::Problem::BadConfig(format!("producer_features: {name:?} is not a cargo feature name (letters, digits, `_`, `-`, `+`, `.`)")),
            );
        }
        sink.finish(names)
    }

    /// The settings themselves: a runtime path that is a Rust path, a sunset date that is a
    /// date, attribute rules that parse (returned, ready to apply).
    fn check_settings(&self) -> Result<crate::emit::attrs::Rules, Diagnostics> {
        let mut sink = crate::diagnostics::Sink::default();
        let mut fail = |message: String| sink.push(Path::new(SETTINGS), "", crate::Problem::BadConfig(message));
        let (global, path) = match self.runtime.strip_prefix("::") {
            Some(rest) => (true, rest),
            None => (false, self.runtime.as_str()),
        };
        // Identifiers, after one leading `crate` or `self`, or a run of leading `super`s
        // (`super::crate` and `::crate` are not paths).
        let mut supers_only = !global;
        let valid = path.split("::").enumerate().all(|(i, segment)| {
            let relative = match segment {
                "crate" | "self" => i == 0 && !global,
                "super" => supers_only,
                _ => false,
            };
            supers_only = supers_only && segment == "super";
            relative || crate::model::names::is_identifier(segment)
        });
        if !valid {
            fail(format!("runtime_path {:?} is not a Rust path like `::events_runtime` or `crate`", self.runtime));
        }
        if let Some(date) = self.sunset_on.as_deref().filter(|d| !crate::dates::is_date(d)) {
            fail(format!("enforce_sunset_as_of {date:?} is not a date of the form YYYY-MM-DD"));
        }
        for (format, path) in &self.format_types {
            if syn::parse_str::<syn::Path>(path).is_err() {
                fail(format!("format_type({format:?}, {path:?}): {path:?} is not a Rust path like `crate::formats::Sku`"));
            }
            if crate::model::types::Format::from_name(format).is_some() {
                fail(format!(
                    "format_type({format:?}, {path:?}): {format:?} is a format of the JSON Schema vocabulary, already checked; map only formats of your own"
                ));
            }
            if self.annotation_formats.contains(format) {
                fail(format!("format_type({format:?}, {path:?}): {format:?} is also declared an annotation with annotation_format; choose one"));
            }
        }
        let rules = crate::emit::attrs::Rules::new(&self.attributes).unwrap_or_else(|problems| {
            problems.into_iter().for_each(&mut fail);
            Default::default()
        });
        sink.finish(rules)
    }

    /// Build-script entry point: generates, writes `<out_dir>/<file_name>` and the index
    /// beside it (`<file_name>` with the extension `md`; see [`Generated::index`]), each only
    /// when its bytes change, and prints `cargo:rerun-if-changed` for every contract file read, so
    /// editing a contract regenerates and editing anything else (examples, docs) does not.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let generated = match self.generate() {
            Ok(generated) => generated,
            Err(diagnostics) => {
                // A broken set may be fixed by any file, including one not yet created:
                // watch the whole contract directory until it builds again.
                println!("cargo:rerun-if-changed={}", self.contracts.display());
                return Err(diagnostics.into());
            }
        };
        print!("{}", generated.cargo_directives());
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(Error::NoOutDir)?,
        };
        let path = dir.join(&self.file_name);
        write_if_changed(&path, &generated.source)?;
        write_if_changed(&path.with_extension("md"), &generated.index)?;
        Ok(path)
    }
}

impl Config {
    /// Build-script entry point that never panics: runs [`Config::compile`]; on failure
    /// prints every problem, rendered like rustc's errors, to stderr (cargo shows a failed
    /// build script's stderr) and exits with status 1, with no panic message or backtrace
    /// hint burying the list.
    ///
    /// ```no_run
    /// // in build.rs's `main`:
    /// events_codegen::Config::new("contracts").compile_or_exit();
    /// ```
    pub fn compile_or_exit(&self) -> PathBuf {
        match self.compile() {
            Ok(path) => path,
            Err(error) => {
                eprint!("{}", error.render());
                std::process::exit(1)
            }
        }
    }
}

impl Error {
    /// The error as a build or the CLI prints it: a contract set's problems rendered
    /// rustc-style (see [`Diagnostics::render`]), any other error as one `error:` line.
    pub fn render(&self) -> String {
        match self {
            Self::Contracts(diagnostics) => diagnostics.render(false),
            other => crate::render::summary(&other.to_string(), false),
        }
    }
}

/// The "file" of problems with the build script's settings.
const SETTINGS: &str = "Config";

/// A cargo feature name: letters, digits, `_`, `-`, `+`, `.`, not starting with `-`, `+` or `.`.
fn is_feature_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_alphanumeric() || c == '_') && name.chars().all(|c| c.is_alphanumeric() || "_-+.".contains(c))
}

/// Writes `contents` unless the file already holds exactly that (keeps mtimes stable).
pub fn write_if_changed(path: &Path, contents: &str) -> Result<(), Error> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return Ok(());
    }
    std::fs::write(path, contents).map_err(|source| Error::Write { path: path.to_path_buf(), source })
}
