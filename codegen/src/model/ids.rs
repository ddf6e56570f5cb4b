//! Names of the shared typed-id types, one per prefix across the whole contract set.

use std::collections::BTreeMap;

use super::names::{pascal, Scope};
use super::translate::IdUse;

/// Names an id type must not take: the `envelope` module imports the event and person
/// ids beside its own items and generic parameters, and the `typed_id!` expansion uses
/// prelude names unqualified.
pub const RESERVED: &[&str] = &[
    "Producer",
    "Actor",
    "EventPayload",
    "Envelope",
    "EnvelopeBuilder",
    "WireHead",
    "WireIn",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Self",
    "P",
    "Q",
    "S",
    "D",
    "T",
    "A",
    "E",
];

/// Decides `prefix → type name` for every prefix in use.
///
/// An override from the build script wins. Otherwise the name comes from the shortest
/// property name ending in `_id` that carries the prefix (`person_id` beats
/// `coach_person_id`), ties broken by how often it occurs and then alphabetically; a
/// prefix only ever seen under other names is named after itself (`FsmId`).
pub fn name_ids(uses: &[IdUse], overrides: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut by_prefix: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for u in uses {
        *by_prefix.entry(&u.prefix).or_default().entry(&u.property).or_default() += 1;
    }
    let mut scope = Scope::with_reserved(RESERVED);
    for name in overrides.values() {
        scope.claim(name);
    }
    let mut names = BTreeMap::new();
    let mut wanted = Vec::new();
    for (prefix, properties) in &by_prefix {
        if let Some(name) = overrides.get(*prefix) {
            names.insert((*prefix).to_owned(), name.clone());
            continue;
        }
        let best = properties
            .iter()
            .filter_map(|(p, n)| p.strip_suffix("_id").filter(|s| !s.is_empty()).map(|stem| (stem, *n)))
            .min_by(|(a, na), (b, nb)| a.len().cmp(&b.len()).then(nb.cmp(na)).then(a.cmp(b)));
        let own = format!("{}Id", pascal(prefix));
        let name = best.map_or_else(|| own.clone(), |(stem, _)| format!("{}Id", pascal(stem)));
        let uses: usize = properties.values().sum();
        wanted.push((name, own, uses, *prefix));
    }
    // When two prefixes want one name, the prefix that spells it (`lead` for `LeadId`)
    // keeps it, then the more used one: adding a prefix never renames an existing type.
    wanted.sort_by(|(a, a_own, a_uses, a_prefix), (b, b_own, b_uses, b_prefix)| {
        (b == b_own).cmp(&(a == a_own)).then(b_uses.cmp(a_uses)).then(a_prefix.cmp(b_prefix))
    });
    for (name, own, _, prefix) in wanted {
        let name = if scope.claim(&name) == name { name } else { scope.claim(&own) };
        names.insert(prefix.to_owned(), name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(prefix: &str, property: &str) -> IdUse {
        IdUse { prefix: prefix.into(), property: property.into() }
    }

    #[test]
    fn shortest_id_property_names_the_type() {
        let uses = [
            u("per", "coach_person_id"),
            u("per", "person_id"),
            u("per", "canonical_person_id"),
            u("lead", "reactivated_from"),
            u("lead", "lead_id"),
            u("fsm", "subject"),
        ];
        let names = name_ids(&uses, &BTreeMap::new());
        assert_eq!(names["per"], "PersonId");
        assert_eq!(names["lead"], "LeadId");
        assert_eq!(names["fsm"], "FsmId");
    }

    #[test]
    fn overrides_win_and_clashes_fall_back_to_the_prefix() {
        let uses = [u("per", "person_id"), u("usr", "person_id")];
        let overrides = BTreeMap::from([("usr".to_owned(), "UserId".to_owned())]);
        let names = name_ids(&uses, &overrides);
        assert_eq!(names["usr"], "UserId");
        assert_eq!(names["per"], "PersonId");
        let clash = name_ids(&[u("per", "person_id"), u("prs", "person_id")], &BTreeMap::new());
        assert_eq!(clash["per"], "PersonId");
        assert_eq!(clash["prs"], "PrsId");
        // `ld` sorts before `lead`, but `lead` spells `LeadId` and keeps it.
        let spelled = name_ids(&[u("ld", "lead_id"), u("lead", "lead_id"), u("lead", "lead_id")], &BTreeMap::new());
        assert_eq!(spelled["lead"], "LeadId");
        assert_eq!(spelled["ld"], "LdId");
        // Without a spelling prefix, the more used one keeps the name.
        let used = name_ids(&[u("pa", "person_id"), u("pz", "person_id"), u("pz", "person_id")], &BTreeMap::new());
        assert_eq!(used["pz"], "PersonId");
        assert_eq!(used["pa"], "PaId");
    }
}
