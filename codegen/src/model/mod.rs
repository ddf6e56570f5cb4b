//! Stage two: the model of the contract set (events, versions, payload types, names),
//! built from loaded contracts. Emit reads only this, never JSON.

mod all_of;
mod envelope;
pub mod ids;
pub mod keywords;
pub mod names;
mod recursion;
mod rules;
mod translate;
pub mod types;

use std::collections::BTreeMap;
use std::path::Path;

pub use envelope::{EnvelopeField, EnvelopeModel, EnvelopeRole, FieldKind};
pub use translate::{asks_consumer_tolerance, id_prefix, IdUse, UUID_V7_PATTERN_BODY};
use types::{TypeId, TypeSpace};

use crate::diagnostics::{child, Problem, Sink};
use crate::load::{Contracts, Status};

/// The whole contract set, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractSet {
    /// The registry's version string.
    pub registry_version: Option<String>,
    /// Producer domains from the envelope's producer role, in schema order; empty when
    /// the envelope has no producer.
    pub producers: Vec<String>,
    /// The `Producer` enum's variant of each producer, in the same order: unique and valid
    /// whatever the names (`sales-ops` and `sales_ops`, `é` and `ü`, `self`).
    pub producer_variants: Vec<String>,
    /// Typed id names by prefix.
    pub ids: BTreeMap<String, String>,
    /// Every envelope version, ascending.
    pub envelopes: Vec<EnvelopeModel>,
    /// The envelope version events travel in unless the registry says otherwise.
    pub default_envelope: u32,
    /// Every event type, sorted by name.
    pub events: Vec<EventModel>,
    /// Schema files reached by cross-file `$ref`, each generated once, sorted by module.
    pub shared: Vec<SharedModule>,
    /// What the model stage warns about (unknown keywords read as annotations, with
    /// [`crate::UnknownKeywords::Warn`]), in file then pointer order; not yet located.
    pub warnings: Vec<crate::Diagnostic>,
}

/// The types of one schema file that payloads refer to across files.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedModule {
    /// Module name under `shared`.
    pub module: String,
    /// Path relative to the contract root.
    pub file: String,
    /// Its types.
    pub space: TypeSpace,
}

/// One event type.
#[derive(Debug, Clone, PartialEq)]
pub struct EventModel {
    /// `lead.created`
    pub name: String,
    /// Registered producer.
    pub producer: String,
    /// Registered consumers.
    pub consumers: Vec<String>,
    /// README of the owning contract.
    pub owning_contract: Option<String>,
    /// Versions, ascending.
    pub versions: Vec<VersionModel>,
}

/// One (event type, version).
#[derive(Debug, Clone, PartialEq)]
pub struct VersionModel {
    /// The version number.
    pub version: u32,
    /// Registry status.
    pub status: Status,
    /// Registry dates and notes.
    pub registered_at: String,
    /// Registry `deprecated_at`.
    pub deprecated_at: Option<String>,
    /// Registry `active_from`.
    pub active_from: Option<String>,
    /// Registry `notes`.
    pub notes: Option<String>,
    /// The registry's payload schema path.
    pub payload_schema: Option<String>,
    /// Rust type name, e.g. `LeadCreatedV1`.
    pub rust_name: String,
    /// Module of the contract directory, e.g. `lead_lifecycle`.
    pub contract_module: String,
    /// The contract directory, e.g. `lead-lifecycle` (also its cargo feature name);
    /// `None` for a version with neither a schema nor an owning contract, whose opaque
    /// payload lives in the always-compiled `unassigned` module.
    pub contract_dir: Option<String>,
    /// Module of this version inside it, e.g. `lead_created_v1`.
    pub version_module: String,
    /// The payload's types, or `None` for an opaque (schema-less) version.
    pub payload: Option<Payload>,
    /// The envelope version it travels in.
    pub envelope: u32,
    /// When producers must have stopped emitting this version (deprecated or retired
    /// versions): the next version's `active_from`, else `deprecated_at` plus the grace period.
    pub producer_cutover: Option<String>,
    /// The cutover has passed and the build asked for sunset enforcement: producing this
    /// version is a compile error.
    pub sunset: bool,
}

/// The typed payload of a version with a schema.
#[derive(Debug, Clone, PartialEq)]
pub struct Payload {
    /// Its types.
    pub space: TypeSpace,
    /// The payload type itself.
    pub root: TypeId,
    /// The schema's title.
    pub title: Option<String>,
}

/// Options of the model stage.
#[derive(Debug, Clone)]
pub struct ModelOptions {
    /// Id type names by prefix, overriding the defaults.
    pub id_names: BTreeMap<String, String>,
    /// Honour "consumers SHALL tolerate unknown values" in enum descriptions.
    pub consumer_tolerance: bool,
    /// Make producing a version whose producer cutover is on or before this date
    /// (`YYYY-MM-DD`) a compile error.
    pub sunset_on: Option<String>,
    /// Days from `deprecated_at` to the producer cutover when no later version says
    /// when it became active.
    pub cutover_grace_days: i64,
    /// Keywords declared as annotations of the contract set's own.
    pub annotation_keywords: std::collections::BTreeSet<String>,
    /// Formats declared as annotations (not checked).
    pub annotation_formats: std::collections::BTreeSet<String>,
    /// Custom formats mapped to a user's checked type: format → Rust path.
    pub format_types: BTreeMap<String, String>,
    /// Whether an unknown keyword is an error or a warning.
    pub unknown_keywords: crate::UnknownKeywords,
    /// Whether formats are asserted or annotations.
    pub formats: crate::Formats,
    /// Relative root `$id`s name documents from an id root (`Profile::Loose`).
    pub relative_ids: bool,
    /// Envelope roles by property name, besides the schemas' `x-event-role`.
    pub envelope_roles: BTreeMap<String, EnvelopeRole>,
}

impl Default for ModelOptions {
    fn default() -> Self {
        Self {
            id_names: BTreeMap::new(),
            consumer_tolerance: true,
            sunset_on: None,
            cutover_grace_days: 14,
            annotation_keywords: Default::default(),
            annotation_formats: Default::default(),
            format_types: BTreeMap::new(),
            unknown_keywords: crate::UnknownKeywords::Error,
            formats: crate::Formats::Assert,
            relative_ids: false,
            envelope_roles: BTreeMap::new(),
        }
    }
}

impl ContractSet {
    /// The envelope version `version` travels in.
    pub fn envelope_of(&self, version: &VersionModel) -> Option<&EnvelopeModel> {
        self.envelopes.iter().find(|e| e.version == version.envelope)
    }

    /// The set's default envelope.
    pub fn default_envelope(&self) -> Option<&EnvelopeModel> {
        self.envelopes.iter().find(|e| e.version == self.default_envelope)
    }

    /// The `Producer` variant of `producer` (one of [`ContractSet::producers`]).
    pub fn producer_variant(&self, producer: &str) -> Option<&str> {
        self.producers.iter().position(|p| p == producer).map(|i| self.producer_variants[i].as_str())
    }
}

/// Builds the model, reporting every problem of every schema in one run.
pub fn build(contracts: &Contracts, options: &ModelOptions) -> Result<ContractSet, crate::Diagnostics> {
    let mut sink = Sink::default();
    let mut shared = translate::Shared::new(contracts.roots.contracts.clone(), options.consumer_tolerance);
    shared.annotations.clone_from(&options.annotation_keywords);
    shared.annotation_formats.clone_from(&options.annotation_formats);
    shared.format_types.clone_from(&options.format_types);
    shared.unknown_keywords = options.unknown_keywords;
    shared.formats = options.formats;
    shared.rules.annotation_formats = options.annotation_formats.iter().chain(options.format_types.keys()).cloned().collect();
    shared.rules.custom_formats = options.format_types.keys().cloned().collect();
    shared.rules.annotate_formats = options.formats == crate::Formats::Annotate;
    shared.rules.relative_ids = options.relative_ids;
    let registry_file = Path::new(crate::load::REGISTRY_FILE);
    let known_envelopes: Vec<u32> = contracts.envelopes.keys().copied().collect();
    let envelope_exists = |wanted: Option<u32>, at: &str, sink: &mut Sink| match wanted {
        Some(n) if !known_envelopes.contains(&n) => {
            let known: Vec<String> = known_envelopes.iter().map(|v| format!("envelope-v{v}.json")).collect();
            sink.push(
                registry_file,
                at,
                Problem::Envelope(format!("envelope-v{n}.json does not exist in {} (there are: {})", crate::load::ENVELOPE_DIR, known.join(", "))),
            );
            None
        }
        wanted => wanted,
    };
    let default_envelope = envelope_exists(contracts.registry.envelope, "/envelope", &mut sink).or_else(|| known_envelopes.first().copied()).unwrap_or(1);
    // The envelope is read with its formats asserted whatever the mode: the runtime mints
    // its roles' values (a timestamp, ids), so they need their types. Payloads follow the mode.
    shared.formats = crate::Formats::Assert;
    shared.rules.annotate_formats = false;
    let envelopes = envelope::build(&contracts.envelopes, default_envelope, &options.envelope_roles, &contracts.roots.contracts, &mut shared, &mut sink);
    shared.formats = options.formats;
    shared.rules.annotate_formats = options.formats == crate::Formats::Annotate;
    let producers = envelopes.producers.clone();
    let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
    let mut events = Vec::new();
    for entry in &contracts.registry.event_types {
        if !producers.is_empty() && !producers.contains(&entry.producer) {
            sink.push(registry_file, &child(&entry.pointer, "producer"), Problem::UnknownProducer(entry.producer.clone()));
        }
        let fallback_dir = entry
            .versions
            .iter()
            .filter_map(|v| v.payload_schema.as_deref())
            .chain(entry.owning_contract.as_deref())
            .find_map(|p| contract_dir(p, &contracts.roots.contracts));
        let entry_envelope = envelope_exists(entry.envelope, &child(&entry.pointer, "envelope"), &mut sink);
        let mut versions = Vec::new();
        for v in &entry.versions {
            let envelope = envelope_exists(v.envelope, &child(&v.pointer, "envelope"), &mut sink).or(entry_envelope).unwrap_or(default_envelope);
            envelopes.check_registered(envelope, &entry.name, v.version, &v.pointer, &mut sink);
            let rust_name = names::payload_type(&entry.name, v.version);
            let label = format!("{} v{}", entry.name, v.version);
            if let Some(other) = rust_names.insert(rust_name.clone(), label.clone()) {
                sink.push(registry_file, &v.pointer, Problem::NameClash(format!("{label} (and {other})"), rust_name.clone()));
            }
            let dir = v.payload_schema.as_deref().and_then(|p| contract_dir(p, &contracts.roots.contracts)).or_else(|| fallback_dir.clone());
            let payload = contracts.schemas.get(&(entry.name.clone(), v.version)).and_then(|doc| {
                doc.shown.clone_into(&mut shared.payload);
                let translator = translate::Translator::new(&doc.shown, &doc.path, &doc.value, doc.draft, &mut sink, &mut shared);
                let (space, root) = translator.translate_root(&rust_name);
                Some(Payload { space, root: root?, title: doc.value.get("title").and_then(|t| t.as_str()).map(str::to_owned) })
            });
            let producer_cutover = match v.status {
                Status::Active => None,
                Status::Deprecated | Status::Retired => entry
                    .versions
                    .iter()
                    .find(|later| later.version > v.version)
                    .and_then(|later| later.active_from.clone())
                    .or_else(|| v.deprecated_at.as_deref().and_then(|d| crate::dates::add_days(d, options.cutover_grace_days))),
            };
            let sunset = match (&options.sunset_on, &producer_cutover) {
                (Some(today), Some(cutover)) => cutover <= today,
                _ => false,
            };
            versions.push(VersionModel {
                producer_cutover,
                sunset,
                version: v.version,
                status: v.status,
                registered_at: v.registered_at.clone(),
                deprecated_at: v.deprecated_at.clone(),
                active_from: v.active_from.clone(),
                notes: v.notes.clone(),
                payload_schema: v.payload_schema.clone(),
                rust_name,
                contract_module: names::contract_module(dir.as_deref().unwrap_or("unassigned")),
                contract_dir: dir.clone(),
                version_module: names::version_module(&entry.name, v.version),
                payload,
                envelope,
            });
        }
        events.push(EventModel {
            name: entry.name.clone(),
            producer: entry.producer.clone(),
            consumers: entry.consumers.clone(),
            owning_contract: entry.owning_contract.clone(),
            versions,
        });
    }
    for ((file, pointer), payloads) in &shared.reached_failures {
        sink.note_reached(file, pointer, payloads);
    }
    check_id_overrides(&options.id_names, &shared.id_uses, &mut sink);
    let ids = ids::name_ids(&shared.id_uses, &options.id_names);
    assign_contract_modules(&mut events);
    let mut variant_scope = names::Scope::variants(&[]);
    let producer_variants = producers.iter().map(|p| variant_scope.claim(&names::pascal(p))).collect();
    let mut shared_modules: Vec<SharedModule> = shared
        .docs
        .into_values()
        .filter_map(|d| Some(SharedModule { module: d.module, file: d.shown.to_string_lossy().replace('\\', "/"), space: d.state?.space }))
        .collect();
    shared_modules.sort_by(|a, b| a.module.cmp(&b.module));
    let (mut set, warnings) = sink.finish_warned(ContractSet {
        registry_version: contracts.registry.registry_version.clone(),
        producers,
        producer_variants,
        ids,
        envelopes: envelopes.models,
        default_envelope,
        events,
        shared: shared_modules,
        warnings: Vec::new(),
    })?;
    set.warnings = warnings;
    Ok(set)
}

/// Gives each contract directory its own module: directories whose names mangle to one
/// module (`a-b` and `a_b`, `é` and `ü` before escaping) get `2`, `3`… in sorted order;
/// versions without a directory share `unassigned`.
fn assign_contract_modules(events: &mut [EventModel]) {
    let dirs: std::collections::BTreeSet<Option<String>> = events.iter().flat_map(|e| e.versions.iter().map(|v| v.contract_dir.clone())).collect();
    let mut scope = names::Scope::with_reserved(names::GENERATED_MODULES);
    let modules: BTreeMap<Option<String>, String> =
        dirs.into_iter().map(|dir| (dir.clone(), scope.claim(&dir.as_deref().map_or_else(|| "unassigned".to_owned(), names::contract_module)))).collect();
    for v in events.iter_mut().flat_map(|e| e.versions.iter_mut()) {
        v.contract_module.clone_from(&modules[&v.contract_dir]);
    }
}

/// `Config::id_type` overrides: the prefix must be one the contract set uses, the name a
/// Rust identifier that no other generated item needs, and no two prefixes one name.
fn check_id_overrides(overrides: &BTreeMap<String, String>, uses: &[IdUse], sink: &mut Sink) {
    let at = Path::new("Config::id_type");
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (prefix, name) in overrides {
        let mut fail = |message: String| sink.push(at, "", Problem::BadConfig(message));
        if !uses.iter().any(|u| &u.prefix == prefix) {
            let mut known: Vec<&str> = uses.iter().map(|u| u.prefix.as_str()).collect();
            known.sort_unstable();
            known.dedup();
            fail(format!("id_type({prefix:?}, {name:?}): no id in the contract set has the prefix {prefix:?} (prefixes in use: {})", known.join(", ")));
        }
        if !names::is_identifier(name) {
            fail(format!("id_type({prefix:?}, {name:?}): {name:?} is not a Rust identifier (ASCII letters, digits and `_`, not a keyword)"));
        } else if ids::RESERVED.contains(&name.as_str()) {
            fail(format!("id_type({prefix:?}, {name:?}): {name:?} is a name the generated code already uses"));
        }
        if let Some(other) = seen.insert(name, prefix) {
            fail(format!("id_type: prefixes {other:?} and {prefix:?} both want the name {name:?}"));
        }
    }
}

/// `contracts/<dir>/…` → `<dir>`, for a registry path relative to the package root.
fn contract_dir(registry_path: &str, contracts_root: &Path) -> Option<String> {
    let root_name = contracts_root.file_name()?.to_string_lossy();
    let mut parts = registry_path.split('/');
    if parts.next()? != root_name {
        return None;
    }
    let dir = parts.next()?;
    parts.next().map(|_| dir.to_owned())
}
