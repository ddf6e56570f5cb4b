//! Every Rust name the generator emits is decided here, from meaning (event type,
//! version, property name, enum value), never ad hoc at an emit site.

use std::collections::BTreeSet;

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
    "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `lead.created` + `V1` style: `LeadCreated`. Empty or digit-led input gets a `V` prefix.
pub fn pascal(text: &str) -> String {
    let mut out: String = words(text)
        .iter()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map(|f| f.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// `lead-lifecycle` → `lead_lifecycle`; keywords get an `r#`-free `_` suffix, digit-led a `_` prefix.
pub fn snake(text: &str) -> String {
    let mut out = words(text).join("_");
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// The Rust type name of a payload: `LeadCreatedV1`.
pub fn payload_type(event_type: &str, version: u32) -> String {
    format!("{}V{version}", pascal(event_type))
}

/// The module of one event version: `lead_created_v1`.
pub fn version_module(event_type: &str, version: u32) -> String {
    format!("{}_v{version}", snake(event_type))
}

/// Top-level modules of the generated file, which a contract module must not shadow.
const GENERATED_MODULES: &[&str] = &["ids", "envelope", "shared", "any"];

/// The module of a contract directory: `lead-lifecycle` → `lead_lifecycle`
/// (`ids`, `envelope`, `shared`, `any` get a `_contract` suffix).
pub fn contract_module(contract_dir: &str) -> String {
    let name = snake(contract_dir);
    if GENERATED_MODULES.contains(&name.as_str()) {
        format!("{name}_contract")
    } else {
        name
    }
}

/// Naive English singular for item types of arrays: `line_items` → `line_item`.
pub fn singular(text: &str) -> String {
    if let Some(stem) = text.strip_suffix("ies") {
        format!("{stem}y")
    } else if text.ends_with("ss") {
        text.to_owned()
    } else if let Some(stem) = text.strip_suffix('s') {
        stem.to_owned()
    } else {
        format!("{text}_item")
    }
}

/// Hands out names unique within one scope, deterministically: a clash gets `2`, `3`, …
#[derive(Debug, Default, Clone)]
pub struct Scope(BTreeSet<String>);

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self(reserved.iter().map(|s| (*s).to_owned()).collect())
    }

    /// `wanted` if free, else `wanted2`, `wanted3`, ….
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_owned();
        let mut n = 2;
        while self.0.contains(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        self.0.insert(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_meaning() {
        assert_eq!(payload_type("lead.created", 1), "LeadCreatedV1");
        assert_eq!(payload_type("coaching.lesson.confirmation_decided", 1), "CoachingLessonConfirmationDecidedV1");
        assert_eq!(payload_type("delivery.lesson-hold.created", 2), "DeliveryLessonHoldCreatedV2");
        assert_eq!(version_module("lead.created", 1), "lead_created_v1");
        assert_eq!(contract_module("credit-reservation-lock"), "credit_reservation_lock");
        assert_eq!(contract_module("shared"), "shared_contract");
        assert_eq!(pascal("Credits Released"), "CreditsReleased");
        assert_eq!(pascal("3ds_required"), "V3dsRequired");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("firstName"), "first_name");
        assert_eq!(singular("line_items"), "line_item");
        assert_eq!(singular("entries"), "entry");
    }

    #[test]
    fn scope_disambiguates_deterministically() {
        let mut scope = Scope::with_reserved(&["new"]);
        assert_eq!(scope.claim("new"), "new2");
        assert_eq!(scope.claim("a"), "a");
        assert_eq!(scope.claim("a"), "a2");
    }
}
