//! The diff between two consecutive versions of one event type, by the `diff` module's
//! own rules: the older version is presented to [`crate::diff::diff`] as the "old
//! release" of the newer one, so field-level findings and their impact on producers and
//! consumers are exactly those `events-codegen diff` reports between releases.

use std::collections::BTreeMap;

use crate::diff::Change;
use crate::load::Contracts;
use crate::model::{ContractSet, EventModel, VersionModel};

/// Changes to the payload from `older` to `newer` (two versions of `event`).
pub fn between(loaded: &Contracts, set: &ContractSet, event: &EventModel, older: &VersionModel, newer: &VersionModel) -> Vec<Change> {
    // Both sides carry the newer version's number and registry entry, so only the
    // payload schemas differ.
    let side = |v: &VersionModel| {
        let mut schemas = BTreeMap::new();
        if let Some(doc) = loaded.schemas.get(&(event.name.clone(), v.version)) {
            schemas.insert((event.name.clone(), newer.version), doc.clone());
        }
        let contracts =
            Contracts { roots: loaded.roots.clone(), registry: loaded.registry.clone(), schemas, envelopes: loaded.envelopes.clone(), inputs: Vec::new() };
        let version = VersionModel { payload: v.payload.clone(), payload_schema: v.payload_schema.clone(), ..newer.clone() };
        let single = EventModel { versions: vec![version], ..event.clone() };
        let model = ContractSet { events: vec![single], ..set.clone() };
        (contracts, model)
    };
    let (old, new) = (side(older), side(newer));
    let mut changes = crate::diff::diff((&old.0, &old.1), (&new.0, &new.1)).changes;
    for c in &mut changes {
        // Publishing a new version is how the contract is meant to change.
        c.in_place_edit = false;
    }
    changes
}
