//! Envelope changes, by the payloads' rules: each envelope version is compared as the
//! object it is on the wire, and an event version that moves to another envelope is
//! compared across the two.

use super::compare::{self, Found};
use super::{Change, Impact};
use crate::load::Contracts;
use crate::model::types::{Field, Rest, Shape, Slot, StructDef, TypeDef, TypeKind};
use crate::model::{ContractSet, EnvelopeModel, FieldKind, Payload};

/// How the envelope appears in a report, in place of an event type.
pub const ENVELOPE: &str = "(envelope)";

/// The envelope as a payload-like object: its typed fields as they are, the runtime's
/// fields as the JSON they accept (the producer vocabulary is compared on its own).
fn as_payload(env: &EnvelopeModel) -> Payload {
    let mut space = env.space.clone();
    let fields = env
        .fields
        .iter()
        .map(|f| {
            let slot = match &f.kind {
                FieldKind::Typed(slot) | FieldKind::SchemaVersion(slot) => slot.clone(),
                FieldKind::Payload => Slot { shape: Shape::AnyObject, nullable: false },
                FieldKind::EventType | FieldKind::Producer | FieldKind::Actor | FieldKind::Entity => Slot { shape: Shape::Text, nullable: false },
            };
            Field { json: f.json.clone(), ident: f.ident.clone(), slot, required: f.required, doc: None }
        })
        .collect();
    // Only whether other members are refused matters to the comparison.
    let rest = (!env.deny_unknown).then(|| Rest { ident: "extra".into(), slot: Slot { shape: Shape::Any, nullable: false } });
    space.defs.push(TypeDef { name: "Envelope".into(), doc: None, kind: TypeKind::Struct(StructDef { fields, rest }) });
    Payload { root: space.defs.len() - 1, space, title: None }
}

/// What changed from envelope `old` to envelope `new`, by the payload rules.
fn compare_envelopes(old: (&EnvelopeModel, &ContractSet), new: (&EnvelopeModel, &ContractSet)) -> Vec<Found> {
    let mut found = Vec::new();
    compare::payloads(&as_payload(old.0), old.1, &as_payload(new.0), new.1, &mut found);
    found
}

/// Changes to the envelopes themselves: versions added or removed, producers, and each
/// version's fields. A published envelope version is immutable, so an edit is in place.
pub fn envelope_changes(old: (&Contracts, &ContractSet), new: (&Contracts, &ContractSet)) -> Vec<Change> {
    let change = |version: u32, path: &str, what: String, producers, consumers, in_place_edit| Change {
        event_type: ENVELOPE.into(),
        version: Some(version),
        path: path.into(),
        what,
        producers,
        consumers,
        in_place_edit,
    };
    let mut out = Vec::new();
    for o in &old.1.envelopes {
        if !new.1.envelopes.iter().any(|n| n.version == o.version) {
            out.push(change(o.version, "", format!("envelope v{} removed", o.version), Impact::Breaking, Impact::Breaking, false));
        }
    }
    for n in &new.1.envelopes {
        let Some(o) = old.1.envelopes.iter().find(|o| o.version == n.version) else {
            out.push(change(n.version, "", format!("envelope v{} added", n.version), Impact::Compatible, Impact::Compatible, false));
            continue;
        };
        let before = out.len();
        let producer_path =
            n.role(crate::model::EnvelopeRole::Producer).map_or_else(|| "/properties/producer".to_owned(), |f| format!("/properties/{}", f.json));
        for added in new.1.producers.iter().filter(|p| !old.1.producers.contains(p)) {
            // Envelope decoders built from the old contract reject the new producer value.
            out.push(change(n.version, &producer_path, format!("producer {added} added"), Impact::Compatible, Impact::Breaking, true));
        }
        for removed in old.1.producers.iter().filter(|p| !new.1.producers.contains(p)) {
            out.push(change(n.version, &producer_path, format!("producer {removed} removed"), Impact::Breaking, Impact::Compatible, true));
        }
        for f in compare_envelopes((o, old.1), (n, new.1)) {
            out.push(change(n.version, &f.path, f.what, f.producers, f.consumers, true));
        }
        let texts = |c: &Contracts| c.envelopes.get(&n.version).map(|d| d.value.clone());
        if out.len() == before && texts(old.0) != texts(new.0) {
            out.push(change(n.version, "", "schema text changed (no change to what it accepts)".into(), Impact::Compatible, Impact::Compatible, true));
        }
    }
    out
}

/// An event version that now travels in another envelope: the move, and what the other
/// envelope accepts differently, for that version.
pub fn moved(name: &str, version: u32, old: (u32, &ContractSet), new: (u32, &ContractSet)) -> Vec<Change> {
    let (Some(o), Some(n)) = (old.1.envelopes.iter().find(|e| e.version == old.0), new.1.envelopes.iter().find(|e| e.version == new.0)) else {
        return Vec::new();
    };
    let change = |path: &str, what: String, producers, consumers| Change {
        event_type: name.to_owned(),
        version: Some(version),
        path: path.to_owned(),
        what,
        producers,
        consumers,
        in_place_edit: true,
    };
    let mut out = vec![change("", format!("travels in envelope v{} (was v{})", new.0, old.0), Impact::Compatible, Impact::Compatible)];
    for f in compare_envelopes((o, old.1), (n, new.1)) {
        out.push(change(&format!("{}{}", ENVELOPE, f.path), format!("envelope: {}", f.what), f.producers, f.consumers));
    }
    out
}
