//! `diff`: what changed between two releases of a contract set, and whom it breaks.
//!
//! Rules follow the schema-registry notions. Producers break when a payload valid under
//! the old contract may be invalid under the new one (BACKWARD incompatible: the new
//! schema cannot read old data). Consumers break when a payload valid under the new
//! contract may be invalid under the old one (FORWARD incompatible: decoders built from
//! the old contract reject new data), or when the generated API they use loses something
//! (a removed field, version or event type). A change neither breaks is FULL compatible.
//! Editing an already published version in place is reported as a violation on its own,
//! whatever its field-level impact: published versions are immutable.

mod compare;
mod envelope;

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{json, Value};

use crate::load::{Contracts, Status};
use crate::model::{ContractSet, EventModel, VersionModel};

/// How a change affects one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Nothing that worked stops working.
    Compatible,
    /// Still works, but the side is told to move (deprecation).
    Warning,
    /// Something that worked stops working (at compile time or on the wire).
    Breaking,
}

impl Impact {
    fn name(self) -> &'static str {
        match self {
            Self::Compatible => "compatible",
            Self::Warning => "warning",
            Self::Breaking => "BREAKING",
        }
    }
}

/// One change between the two contract sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The event type.
    pub event_type: String,
    /// The version, for version-level and field-level changes.
    pub version: Option<u32>,
    /// JSON path of the field inside the payload (`""` for the event or version itself).
    pub path: String,
    /// What changed, for a person.
    pub what: String,
    /// Effect on producers.
    pub producers: Impact,
    /// Effect on consumers.
    pub consumers: Impact,
    /// The change edits an already published version in place.
    pub in_place_edit: bool,
}

/// Every change, sorted by event type, version and path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The changes.
    pub changes: Vec<Change>,
}

impl Report {
    /// True when some change breaks producers or consumers, or edits a published version.
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.producers == Impact::Breaking || c.consumers == Impact::Breaking || c.in_place_edit)
    }

    /// `{"changes": [...]}` for machines.
    pub fn json(&self) -> String {
        let changes: Vec<Value> = self
            .changes
            .iter()
            .map(|c| {
                json!({"event_type": c.event_type, "version": c.version, "path": c.path, "what": c.what,
                       "producers": c.producers.name(), "consumers": c.consumers.name(), "in_place_edit": c.in_place_edit})
            })
            .collect();
        json!({ "changes": changes }).to_string()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changes {
            let at = match c.version {
                Some(v) => format!("{} v{v}{}", c.event_type, if c.path.is_empty() { String::new() } else { format!(" {}", c.path) }),
                None => c.event_type.clone(),
            };
            let violation = if c.in_place_edit { " [IN-PLACE EDIT OF A PUBLISHED VERSION]" } else { "" };
            writeln!(f, "{at}: {} (producers: {}, consumers: {}){violation}", c.what, c.producers.name(), c.consumers.name())?;
        }
        let breaking = self.changes.iter().filter(|c| c.producers == Impact::Breaking || c.consumers == Impact::Breaking).count();
        let edits: BTreeMap<(&str, Option<u32>), ()> =
            self.changes.iter().filter(|c| c.in_place_edit).map(|c| ((c.event_type.as_str(), c.version), ())).collect();
        writeln!(f, "{} change(s), {breaking} breaking, {} published version(s) edited in place", self.changes.len(), edits.len())
    }
}

/// Loads, models and compares the contract sets at `old` and `new`.
pub fn diff_dirs(old: &std::path::Path, new: &std::path::Path) -> Result<Report, crate::Diagnostics> {
    diff_dirs_with(old, new, &crate::model::ModelOptions::default())
}

/// [`diff_dirs`] with model options (envelope roles, annotation keywords) for both sets.
pub fn diff_dirs_with(old: &std::path::Path, new: &std::path::Path, options: &crate::model::ModelOptions) -> Result<Report, crate::Diagnostics> {
    let old_loaded = crate::load::load(old)?;
    let old_set = crate::model::build(&old_loaded, options)?;
    let new_loaded = crate::load::load(new)?;
    let new_set = crate::model::build(&new_loaded, options)?;
    Ok(diff((&old_loaded, &old_set), (&new_loaded, &new_set)))
}

/// Compares two loaded and modelled contract sets.
pub fn diff(old: (&Contracts, &ContractSet), new: (&Contracts, &ContractSet)) -> Report {
    let mut changes = Vec::new();
    let old_events: BTreeMap<&str, &EventModel> = old.1.events.iter().map(|e| (e.name.as_str(), e)).collect();
    let new_events: BTreeMap<&str, &EventModel> = new.1.events.iter().map(|e| (e.name.as_str(), e)).collect();
    let mut push = |event: &str, version: Option<u32>, what: String, producers: Impact, consumers: Impact| {
        changes.push(Change { event_type: event.to_owned(), version, path: String::new(), what, producers, consumers, in_place_edit: false });
    };
    for (name, old_event) in &old_events {
        if !new_events.contains_key(name) {
            push(name, None, "event type removed".into(), Impact::Breaking, Impact::Breaking);
        }
        let _ = old_event;
    }
    let mut field_changes = Vec::new();
    for (name, new_event) in &new_events {
        let Some(old_event) = old_events.get(name) else {
            push(name, None, format!("event type added ({} version(s))", new_event.versions.len()), Impact::Compatible, Impact::Compatible);
            continue;
        };
        if old_event.producer != new_event.producer {
            push(name, None, format!("producer changed from {} to {}", old_event.producer, new_event.producer), Impact::Breaking, Impact::Compatible);
        }
        for added in new_event.consumers.iter().filter(|c| !old_event.consumers.contains(c)) {
            push(name, None, format!("consumer {added} added"), Impact::Compatible, Impact::Compatible);
        }
        for removed in old_event.consumers.iter().filter(|c| !new_event.consumers.contains(c)) {
            push(name, None, format!("consumer {removed} removed"), Impact::Compatible, Impact::Compatible);
        }
        for old_v in &old_event.versions {
            if !new_event.versions.iter().any(|v| v.version == old_v.version) {
                push(name, Some(old_v.version), "version removed".into(), Impact::Breaking, Impact::Breaking);
            }
        }
        for new_v in &new_event.versions {
            let Some(old_v) = old_event.versions.iter().find(|v| v.version == new_v.version) else {
                push(name, Some(new_v.version), format!("version added ({})", status_name(new_v.status)), Impact::Compatible, Impact::Compatible);
                continue;
            };
            version_changes(name, old_v, new_v, &mut push);
            if old_v.envelope != new_v.envelope {
                field_changes.extend(envelope::moved(name, new_v.version, (old_v.envelope, old.1), (new_v.envelope, new.1)));
            }
            let old_doc = old.0.schemas.get(&(name.to_string(), old_v.version)).map(|d| &d.value);
            let new_doc = new.0.schemas.get(&(name.to_string(), new_v.version)).map(|d| &d.value);
            if old_doc != new_doc {
                let mut found = Vec::new();
                match (&old_v.payload, &new_v.payload) {
                    (Some(o), Some(n)) => compare::payloads(o, old.1, n, new.1, &mut found),
                    (None, Some(_)) => {
                        found.push(compare::Found::new("", "payload schema added: the opaque payload becomes a typed one", Impact::Breaking, Impact::Breaking))
                    }
                    (Some(_), None) => {
                        found.push(compare::Found::new("", "payload schema removed: the typed payload becomes opaque", Impact::Breaking, Impact::Breaking))
                    }
                    (None, None) => {}
                }
                if found.is_empty() {
                    found.push(compare::Found::new("", "schema text changed (no change to what it accepts)", Impact::Compatible, Impact::Compatible));
                }
                for f in found {
                    field_changes.push(Change {
                        event_type: name.to_string(),
                        version: Some(new_v.version),
                        path: f.path,
                        what: f.what,
                        producers: f.producers,
                        consumers: f.consumers,
                        in_place_edit: true,
                    });
                }
            }
        }
    }
    changes.extend(field_changes);
    changes.extend(envelope::envelope_changes(old, new));
    changes.sort_by(|a, b| (&a.event_type, a.version, &a.path, &a.what).cmp(&(&b.event_type, b.version, &b.path, &b.what)));
    Report { changes }
}

fn status_name(s: Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::Deprecated => "deprecated",
        Status::Retired => "retired",
    }
}

fn version_changes(name: &str, old: &VersionModel, new: &VersionModel, push: &mut impl FnMut(&str, Option<u32>, String, Impact, Impact)) {
    let v = Some(new.version);
    if old.status != new.status {
        let producers = match new.status {
            Status::Active => Impact::Compatible,
            Status::Deprecated => Impact::Warning,
            Status::Retired => Impact::Breaking,
        };
        push(name, v, format!("status {} -> {}", status_name(old.status), status_name(new.status)), producers, Impact::Compatible);
    }
    for (what, o, n) in [
        ("deprecated_at", &old.deprecated_at, &new.deprecated_at),
        ("active_from", &old.active_from, &new.active_from),
        ("registered_at", &Some(old.registered_at.clone()), &Some(new.registered_at.clone())),
    ] {
        if o != n {
            push(name, v, format!("{what} {} -> {}", o.as_deref().unwrap_or("none"), n.as_deref().unwrap_or("none")), Impact::Compatible, Impact::Compatible);
        }
    }
    if old.notes != new.notes {
        push(name, v, "notes changed".into(), Impact::Compatible, Impact::Compatible);
    }
}
