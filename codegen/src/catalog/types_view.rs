//! A payload's types in words: Rust type, JSON type, and constraints people can read.

use crate::model::types::{Shape, Slot, TypeDef, TypeKind, TypeSpace};
use crate::model::ContractSet;

/// Where shapes are read: the payload's own space and the set holding shared spaces.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    /// The payload's types.
    pub space: &'a TypeSpace,
    /// The whole set (ids, shared modules).
    pub set: &'a ContractSet,
    /// The shared module `space` belongs to, or `None` for a payload's own space.
    pub module: Option<&'a str>,
}

impl<'a> Scope<'a> {
    /// The named type behind a shape, if it is one.
    pub fn named(self, shape: &Shape) -> Option<&'a TypeDef> {
        match shape {
            Shape::Named(id) => self.space.defs.get(*id),
            Shape::External { module, name } => {
                let shared = self.set.shared.iter().find(|m| &m.module == module)?;
                shared.space.defs.iter().find(|d| &d.name == name)
            }
            _ => None,
        }
    }

    /// The id of the page element describing the named type a shape refers to.
    pub fn anchor(self, shape: &Shape) -> Option<String> {
        match shape {
            Shape::Named(id) => self.space.defs.get(*id).map(|d| self.def_anchor(d)),
            Shape::External { module, name } => Some(format!("shared-{module}-{name}")),
            _ => None,
        }
    }

    /// The id of the page element describing `def`, a type of this space.
    pub fn def_anchor(self, def: &TypeDef) -> String {
        match self.module {
            None => format!("type-{}", def.name),
            Some(module) => format!("shared-{module}-{}", def.name),
        }
    }

    /// The Rust type of a slot, as the generated code names it (runtime types unqualified).
    pub fn rust_slot(self, slot: &Slot) -> String {
        let inner = self.rust_shape(&slot.shape);
        if slot.nullable {
            format!("Option<{inner}>")
        } else {
            inner
        }
    }

    /// The Rust type of an array item or a map value: without the `Box` of a recursive
    /// reference (see [`Shape::unboxed`]).
    fn rust_element(self, slot: &Slot) -> String {
        let inner = self.rust_shape(slot.shape.unboxed());
        if slot.nullable {
            format!("Option<{inner}>")
        } else {
            inner
        }
    }

    /// The Rust type of a non-null shape.
    pub fn rust_shape(self, shape: &Shape) -> String {
        match shape {
            Shape::Any => "serde_json::Value".into(),
            Shape::AnyObject => "serde_json::Map<String, Value>".into(),
            Shape::Null => "Null".into(),
            Shape::Map(values) => format!("Map<{}>", self.rust_element(values)),
            Shape::Bool => "bool".into(),
            Shape::Number => "Number".into(),
            Shape::Integer { min: i64::MIN, max: i64::MAX, multiple_of: 1 } => "Integer".into(),
            Shape::Integer { min, max, multiple_of: 1 } => format!("Int<{}, {}>", int(*min), int(*max)),
            Shape::Integer { min, max, multiple_of } => format!("Int<{}, {}, {multiple_of}>", int(*min), int(*max)),
            Shape::Text => "String".into(),
            Shape::BoundedText { min: 1, max: None } => "NonEmptyString".into(),
            Shape::BoundedText { min, max } => format!("BoundedString<{min}, {}>", max.map_or_else(|| "MAX".to_owned(), |m| m.to_string())),
            Shape::Id(prefix) => self.set.ids.get(prefix).cloned().unwrap_or_else(|| format!("Id<{prefix}>")),
            Shape::DateTime => "Timestamp".into(),
            Shape::Date => "Date".into(),
            Shape::Custom { path, .. } => format!("Formatted<{path}>"),
            Shape::Named(id) => self.space.defs.get(*id).map_or_else(|| "?".to_owned(), |d| d.name.clone()),
            Shape::External { module, name } => format!("shared::{module}::{name}"),
            Shape::Boxed(inner) => format!("Box<{}>", self.rust_shape(inner)),
            Shape::Tuple(elements) => format!("({},)", elements.iter().map(|e| self.rust_slot(e)).collect::<Vec<_>>().join(", ")),
            Shape::Array { items, min: 0, max: None, unique: false } => format!("Vec<{}>", self.rust_element(items)),
            Shape::Array { items, min, max, unique } => {
                format!("Array<{}, {min}, {}, {unique}>", self.rust_element(items), max.map_or_else(|| "MAX".to_owned(), |m| m.to_string()))
            }
        }
    }

    /// The JSON type of a non-null shape.
    pub fn json_shape(self, shape: &Shape) -> String {
        match shape {
            Shape::Any => "any".into(),
            Shape::AnyObject | Shape::Map(_) => "object".into(),
            Shape::Null => "null".into(),
            Shape::Bool => "boolean".into(),
            Shape::Number => "number".into(),
            Shape::Integer { .. } => "integer".into(),
            Shape::Text | Shape::BoundedText { .. } | Shape::Id(_) | Shape::DateTime | Shape::Date | Shape::Custom { .. } => "string".into(),
            Shape::Array { items, .. } => format!("array of {}", self.json_slot(items)),
            Shape::Tuple(elements) => format!("array [{}]", elements.iter().map(|e| self.json_slot(e)).collect::<Vec<_>>().join(", ")),
            Shape::Boxed(_) => "object".into(),
            Shape::Named(_) | Shape::External { .. } => match self.named(shape).map(|d| &d.kind) {
                Some(TypeKind::Struct(_)) => "object".into(),
                Some(TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Const(_)) => "string".into(),
                Some(TypeKind::Union(_)) => "object (oneOf)".into(),
                Some(TypeKind::Number(_)) => "number".into(),
                Some(TypeKind::Checked(c)) => self.json_slot(&c.core),
                Some(TypeKind::Untagged(u)) => u.variants.iter().map(|(_, s)| self.json_slot(s)).collect::<Vec<_>>().join(" | "),
                Some(TypeKind::Alias(a)) => {
                    // The target may hold the alias itself (`Vec<Self>`): its items are not followed.
                    let top = match &a.target.shape {
                        Shape::Array { .. } | Shape::Tuple(_) => "array".to_owned(),
                        Shape::Map(_) => "object".to_owned(),
                        Shape::Named(_) | Shape::External { .. } if !matches!(self.named(&a.target.shape).map(|d| &d.kind), Some(TypeKind::Alias(_))) => {
                            self.json_shape(&a.target.shape)
                        }
                        _ => "any".to_owned(),
                    };
                    if a.target.nullable {
                        format!("{top} | null")
                    } else {
                        top
                    }
                }
                None => "?".into(),
            },
        }
    }

    /// The JSON type of a slot (`| null` when null is allowed).
    pub fn json_slot(self, slot: &Slot) -> String {
        let inner = self.json_shape(&slot.shape);
        if slot.nullable {
            format!("{inner} | null")
        } else {
            inner
        }
    }

    /// The constraints on a value at a shape, one sentence each.
    pub fn constraints(self, shape: &Shape) -> Vec<String> {
        let mut out = Vec::new();
        match shape {
            Shape::Integer { min, max, multiple_of } => {
                out.extend(bounds("value", (*min != i64::MIN).then(|| min.to_string()), (*max != i64::MAX).then(|| max.to_string())));
                if *multiple_of != 1 {
                    out.push(format!("multiple of {multiple_of}"));
                }
            }
            Shape::BoundedText { min, max } => out.extend(bounds("length", (*min > 0).then(|| min.to_string()), max.map(|m| m.to_string()))),
            Shape::Id(prefix) => out.push(format!("id: `{prefix}_` followed by a UUIDv7")),
            Shape::DateTime => out.push("format date-time (RFC 3339 timestamp)".into()),
            Shape::Date => out.push("format date (YYYY-MM-DD)".into()),
            Shape::Custom { format, path } => out.push(format!("format {format} (checked by {path})")),
            Shape::Map(values) => {
                out.push("any property names".into());
                out.extend(self.constraints(&values.shape).into_iter().map(|c| format!("each value: {c}")));
            }
            Shape::Array { items, min, max, unique } => {
                out.extend(bounds("item count", (*min > 0).then(|| min.to_string()), max.map(|m| m.to_string())));
                if *unique {
                    out.push("items are unique".into());
                }
                out.extend(self.constraints(&items.shape).into_iter().map(|c| format!("each item: {c}")));
            }
            Shape::Named(_) | Shape::External { .. } => {
                // An object's rules are in its own section, linked from the type.
                if let Some(def) = self.named(shape).filter(|d| !matches!(d.kind, TypeKind::Struct(_))) {
                    out.extend(self.kind_constraints(&def.kind));
                }
            }
            Shape::Tuple(elements) => {
                out.push(format!("exactly {} items", elements.len()));
                for (i, e) in elements.iter().enumerate() {
                    out.extend(self.constraints(&e.shape).into_iter().map(|c| format!("item {i}: {c}")));
                }
            }
            Shape::Any | Shape::AnyObject | Shape::Null | Shape::Bool | Shape::Number | Shape::Text | Shape::Boxed(_) => {}
        }
        out
    }

    /// The constraints a named type states.
    pub fn kind_constraints(self, kind: &TypeKind) -> Vec<String> {
        let mut out = Vec::new();
        match kind {
            TypeKind::Struct(s) => {
                if s.deny_unknown() {
                    out.push("no properties other than those listed".into());
                }
            }
            TypeKind::Enum(e) => {
                let values: Vec<String> = e.variants.iter().map(|(json, _)| format!("{json:?}")).collect();
                out.push(format!("one of {}", values.join(", ")));
                if e.tolerant {
                    out.push("consumers tolerate unknown values".into());
                }
            }
            TypeKind::Newtype(n) => {
                out.extend(bounds("length", n.min_len.filter(|m| *m > 0).map(|m| m.to_string()), n.max_len.map(|m| m.to_string())));
                if let Some(p) = &n.pattern {
                    out.push(format!("matches the pattern {p}"));
                }
                if let Some(f) = n.format {
                    out.push(format!("format {}", f.name()));
                }
            }
            TypeKind::Const(v) => out.push(format!("exactly {v:?}")),
            TypeKind::Union(u) => {
                let tags: Vec<String> = u.variants.iter().map(|(v, _, _)| format!("{v:?}")).collect();
                out.push(format!("one of {} shapes, told apart by `{}`: {}", u.variants.len(), u.tag, tags.join(", ")));
            }
            TypeKind::Number(n) => {
                let low = n.minimum.map(|m| format!("at least {m}")).into_iter().chain(n.exclusive_minimum.map(|m| format!("greater than {m}")));
                let high = n.maximum.map(|m| format!("at most {m}")).into_iter().chain(n.exclusive_maximum.map(|m| format!("less than {m}")));
                out.extend(low.chain(high));
                if let Some(m) = n.multiple_of {
                    out.push(format!("multiple of {m}"));
                }
            }
            TypeKind::Checked(c) => {
                out.extend(self.constraints(&c.core.shape));
                out.push(format!("checked rules: {}", c.reason));
            }
            TypeKind::Untagged(u) => {
                out.push(format!("{} of {} branches", if u.exactly_one { "exactly one" } else { "any" }, u.variants.len()));
            }
            TypeKind::Alias(a) => out.push(format!("the recursive type {}", self.rust_slot(&a.target))),
        }
        out
    }
}

/// An integer bound as the generated code writes it (`i64::MIN`, `i64::MAX` by name).
fn int(v: i64) -> String {
    match v {
        i64::MIN => "i64::MIN".into(),
        i64::MAX => "i64::MAX".into(),
        v => v.to_string(),
    }
}

/// `<what> at least a`, `at most b`, `between a and b` (inclusive) or `exactly a`.
fn bounds(what: &str, min: Option<String>, max: Option<String>) -> Option<String> {
    match (min, max) {
        (Some(a), Some(b)) if a == b => Some(format!("{what} exactly {a}")),
        (Some(a), Some(b)) => Some(format!("{what} between {a} and {b}")),
        (Some(a), None) => Some(format!("{what} at least {a}")),
        (None, Some(b)) => Some(format!("{what} at most {b}")),
        (None, None) => None,
    }
}

/// The shared modules a space refers to, directly or through other shared modules, sorted.
pub fn shared_modules(space: &TypeSpace, set: &ContractSet) -> Vec<String> {
    let mut found = std::collections::BTreeSet::new();
    let mut todo = vec![space];
    while let Some(space) = todo.pop() {
        let mut modules = Vec::new();
        for def in &space.defs {
            for slot in def_slots(&def.kind) {
                externals(&slot.shape, &mut modules);
            }
        }
        for module in modules {
            if found.insert(module.clone()) {
                if let Some(shared) = set.shared.iter().find(|m| m.module == module) {
                    todo.push(&shared.space);
                }
            }
        }
    }
    found.into_iter().collect()
}

fn def_slots(kind: &TypeKind) -> Vec<&Slot> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.slot).chain(s.rest.as_ref().map(|r| &r.slot)).collect(),
        TypeKind::Checked(c) => vec![&c.core],
        TypeKind::Untagged(u) => u.variants.iter().map(|(_, s)| s).collect(),
        TypeKind::Alias(a) => vec![&a.target],
        TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Const(_) | TypeKind::Union(_) | TypeKind::Number(_) => Vec::new(),
    }
}

fn externals(shape: &Shape, out: &mut Vec<String>) {
    match shape {
        Shape::External { module, .. } => out.push(module.clone()),
        Shape::Map(slot) | Shape::Array { items: slot, .. } => externals(&slot.shape, out),
        Shape::Boxed(inner) => externals(inner, out),
        Shape::Tuple(elements) => elements.iter().for_each(|e| externals(&e.shape, out)),
        _ => {}
    }
}

/// What kind of type a definition is, in a word or two.
pub fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "object",
        TypeKind::Enum(_) => "string enum",
        TypeKind::Newtype(_) => "checked string",
        TypeKind::Const(_) => "constant",
        TypeKind::Union(_) => "tagged union",
        TypeKind::Number(_) => "bounded number",
        TypeKind::Checked(_) => "checked value",
        TypeKind::Untagged(_) => "union",
        TypeKind::Alias(_) => "recursive type",
    }
}
