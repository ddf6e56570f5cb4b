//! Constraints of the model in words, for rustdoc: what a getter's value must satisfy
//! (pattern, length and number bounds, format, enum values), as its schema states it.
//! Contract text goes through [`names::doc_code`] or [`names::doc_escape`], never raw.

use crate::model::names::{self, doc_code};
use crate::model::types::{EnumDef, NewtypeDef, NumberDef, Shape, Slot, TypeKind, TypeSpace};

use super::ctx::Ctx;

/// The constraints of a slot's values, as one sentence-like line; `None` when there is
/// nothing to say beyond the Rust type (a plain string, a boolean).
pub fn slot(ctx: &Ctx<'_>, space: &TypeSpace, slot: &Slot) -> Option<String> {
    shape(ctx, space, &slot.shape)
}

fn shape(ctx: &Ctx<'_>, space: &TypeSpace, shape: &Shape) -> Option<String> {
    match shape {
        Shape::Any => Some("Any JSON value.".into()),
        Shape::AnyObject => Some("Any JSON object.".into()),
        Shape::Null => Some("Always `null`.".into()),
        Shape::Bool | Shape::Text | Shape::Number => None,
        Shape::Map(values) => Some(match slot(ctx, space, values) {
            Some(each) => format!("An object; each member value: {}", lower(&each)),
            None => "An object of typed members.".into(),
        }),
        Shape::Integer { min, max, multiple_of } => {
            let mut parts = Vec::new();
            match (*min, *max) {
                (i64::MIN, i64::MAX) => {}
                (min, i64::MAX) => parts.push(format!("at least {min}")),
                (i64::MIN, max) => parts.push(format!("at most {max}")),
                (min, max) => parts.push(format!("from {min} to {max}")),
            }
            if *multiple_of != 1 {
                parts.push(format!("a multiple of {multiple_of}"));
            }
            (!parts.is_empty()).then(|| format!("Integer {}.", parts.join(", ")))
        }
        Shape::BoundedText { min, max } => Some(format!("{}.", length(Some(*min), *max))),
        Shape::Id(prefix) => Some(format!("Format: {}.", doc_code(&format!("{prefix}_<UUID v7>")))),
        Shape::DateTime => Some("Format: `date-time` (RFC 3339, with a time zone).".into()),
        Shape::Date => Some("Format: `date` (`YYYY-MM-DD`).".into()),
        Shape::Named(id) => named(&space.defs[*id].kind),
        Shape::External { module, name } => {
            ctx.set.shared.iter().find(|m| &m.module == module).and_then(|m| m.space.defs.iter().find(|d| &d.name == name)).and_then(|d| named(&d.kind))
        }
        Shape::Custom { format, path } => Some(format!("Format: {}, checked by {}.", doc_code(format), doc_code(path))),
        Shape::Boxed(inner) => self::shape(ctx, space, inner),
        Shape::Tuple(elements) => Some(format!("An array of exactly {}, in this order.", count(elements.len() as u64, Some(elements.len() as u64), "item"))),
        Shape::Array { items, min, max, unique } => {
            let mut out = match (*min, *max) {
                (0, None) => String::from("An array"),
                (min, max) => format!("An array of {}", count(min, max, "item")),
            };
            if *unique {
                out.push_str(", no two items equal");
            }
            match slot(ctx, space, items) {
                Some(each) => out.push_str(&format!("; each item: {}", lower(&each))),
                None => out.push('.'),
            }
            Some(out)
        }
    }
}

/// The constraints a named type's values carry, in words; `None` for structs and unions,
/// whose own docs say what they are.
fn named(kind: &TypeKind) -> Option<String> {
    match kind {
        TypeKind::Newtype(n) => newtype(n),
        TypeKind::Enum(e) => Some(enumeration(e)),
        TypeKind::Number(n) => number(n),
        TypeKind::Const(value) => Some(format!("Always {}.", doc_code(&format!("{value:?}")))),
        TypeKind::Checked(c) => Some(format!("Checked against its schema ({}).", names::doc_escape(&c.reason))),
        TypeKind::Struct(_) | TypeKind::Union(_) | TypeKind::Untagged(_) | TypeKind::Alias(_) => None,
    }
}

/// A checked string's rules: `Pattern: `…`. Length: 1 to 3 characters. Format: `email`.`
pub fn newtype(n: &NewtypeDef) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(pattern) = &n.pattern {
        let anywhere = if pattern.starts_with('^') && pattern.ends_with('$') { "" } else { " (matched anywhere in the value)" };
        parts.push(format!("Pattern: {}{anywhere}.", doc_code(pattern)));
    }
    if n.min_len.is_some() || n.max_len.is_some() {
        parts.push(format!("{}.", length(n.min_len, n.max_len)));
    }
    if let Some(format) = n.format {
        parts.push(format!("Format: {}.", doc_code(format.name())));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A checked number's bounds: `Number, minimum 0, exclusive maximum 1.`
pub fn number(n: &NumberDef) -> Option<String> {
    let parts: Vec<String> = [
        ("minimum", n.minimum),
        ("exclusive minimum", n.exclusive_minimum),
        ("maximum", n.maximum),
        ("exclusive maximum", n.exclusive_maximum),
        ("a multiple of", n.multiple_of),
    ]
    .into_iter()
    .filter_map(|(word, value)| value.map(|v| format!("{word} {v}")))
    .collect();
    (!parts.is_empty()).then(|| format!("Number, {}.", parts.join(", ")))
}

fn enumeration(e: &EnumDef) -> String {
    let values: Vec<String> = e.variants.iter().map(|(json, _)| doc_code(&format!("{json:?}"))).collect();
    let tolerant = if e.tolerant { " Other values decode as `Unknown` (the contract tells consumers to tolerate them)." } else { "" };
    format!("One of {}.{tolerant}", values.join(", "))
}

/// `Length: 1 to 3 characters`, `Length: at least 1 character`, ….
fn length(min: Option<u64>, max: Option<u64>) -> String {
    format!("Length: {}", count(min.unwrap_or(0), max, "character"))
}

/// `1 to 3 items`, `at least 1 item`, `exactly 2 items`, `at most 4 items`.
fn count(min: u64, max: Option<u64>, unit: &str) -> String {
    let plural = |n: u64| if n == 1 { unit.to_owned() } else { format!("{unit}s") };
    match (min, max) {
        (min, Some(max)) if min == max => format!("exactly {min} {}", plural(min)),
        (0, Some(max)) => format!("at most {max} {}", plural(max)),
        (min, Some(max)) => format!("{min} to {max} {}", plural(max)),
        (min, None) => format!("at least {min} {}", plural(min)),
    }
}

/// `Format: …` → `format: …`, for a clause inside a sentence.
fn lower(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().collect::<String>() + chars.as_str()).unwrap_or_default()
}
