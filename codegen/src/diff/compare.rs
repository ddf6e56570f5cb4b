//! Field-level comparison of two versions' payload types, on the generator's model.

use super::Impact::{self, Breaking as B, Compatible as C};
use crate::model::types::{Format, NumberDef, Shape, Slot, StructDef, TypeDef, TypeKind, TypeSpace};
use crate::model::{ContractSet, Payload};

/// One field-level difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Path of the field in the payload, e.g. `/submission/email`; `[]` stands for array items.
    pub path: String,
    /// What changed.
    pub what: String,
    /// Effect on producers.
    pub producers: Impact,
    /// Effect on consumers.
    pub consumers: Impact,
}

impl Found {
    /// A finding.
    pub fn new(path: &str, what: impl Into<String>, producers: Impact, consumers: Impact) -> Self {
        Self { path: path.to_owned(), what: what.into(), producers, consumers }
    }
}

/// The type space a shape is read in, and the set holding shared spaces.
#[derive(Clone, Copy)]
struct Side<'a> {
    space: &'a TypeSpace,
    set: &'a ContractSet,
}

impl<'a> Side<'a> {
    /// The named type behind a shape, and the side to read its own shapes in.
    fn named(self, shape: &Shape) -> Option<(Side<'a>, &'a TypeDef)> {
        match shape {
            Shape::Named(id) => Some((self, &self.space.defs[*id])),
            Shape::External { module, name } => {
                let shared = self.set.shared.iter().find(|m| &m.module == module)?;
                let side = Side { space: &shared.space, set: self.set };
                Some((side, shared.space.defs.iter().find(|d| &d.name == name)?))
            }
            _ => None,
        }
    }
}

/// Compares the payload types of one version in two releases.
pub fn payloads(old: &Payload, old_set: &ContractSet, new: &Payload, new_set: &ContractSet, out: &mut Vec<Found>) {
    let o = Side { space: &old.space, set: old_set };
    let n = Side { space: &new.space, set: new_set };
    shapes(o, &Shape::Named(old.root), n, &Shape::Named(new.root), "", out);
}

fn slots(o: Side<'_>, os: &Slot, n: Side<'_>, ns: &Slot, path: &str, out: &mut Vec<Found>) {
    match (os.nullable, ns.nullable) {
        (true, false) => out.push(Found::new(path, "null no longer allowed", B, C)),
        (false, true) => out.push(Found::new(path, "null now allowed", C, B)),
        _ => {}
    }
    shapes(o, &os.shape, n, &ns.shape, path, out);
}

/// The string constraints of any string-like shape.
#[derive(Debug, Clone, PartialEq)]
struct StringSpec {
    min: u64,
    max: Option<u64>,
    pattern: Option<String>,
    format: Option<&'static str>,
}

fn string_spec(side: Side<'_>, shape: &Shape) -> Option<StringSpec> {
    let plain = StringSpec { min: 0, max: None, pattern: None, format: None };
    Some(match shape {
        Shape::Text => plain,
        Shape::BoundedText { min, max } => StringSpec { min: *min, max: *max, ..plain },
        Shape::Id(prefix) => StringSpec { pattern: Some(format!("^{prefix}_{}", crate::model::UUID_V7_PATTERN_BODY)), ..plain },
        Shape::DateTime => StringSpec { format: Some("date-time"), ..plain },
        Shape::Date => StringSpec { format: Some("date"), ..plain },
        other => match side.named(other)?.1 {
            TypeDef { kind: TypeKind::Newtype(n), .. } => {
                StringSpec { min: n.min_len.unwrap_or(0), max: n.max_len, pattern: n.pattern.clone(), format: n.format.map(Format::name) }
            }
            _ => return None,
        },
    })
}

/// Compares two inclusive ranges: tightened breaks producers, loosened breaks consumers.
fn range(path: &str, what: &str, old: (i128, i128), new: (i128, i128), out: &mut Vec<Found>) {
    if old == new {
        return;
    }
    let show = |(lo, hi): (i128, i128)| {
        format!("{}..={}", if lo == i128::MIN { "".into() } else { lo.to_string() }, if hi == i128::MAX { "".into() } else { hi.to_string() })
    };
    let narrowed = new.0 >= old.0 && new.1 <= old.1;
    let widened = new.0 <= old.0 && new.1 >= old.1;
    let (p, c, verb) = match (narrowed, widened) {
        (true, _) => (B, C, "tightened"),
        (_, true) => (C, B, "loosened"),
        _ => (B, B, "moved"),
    };
    out.push(Found::new(path, format!("{what} {verb} from {} to {}", show(old), show(new)), p, c));
}

fn opt(v: Option<u64>) -> i128 {
    v.map_or(i128::MAX, i128::from)
}

fn shapes(o: Side<'_>, os: &Shape, n: Side<'_>, ns: &Shape, path: &str, out: &mut Vec<Found>) {
    if let (Some(a), Some(b)) = (string_spec(o, os), string_spec(n, ns)) {
        range(path, "length", (i128::from(a.min), opt(a.max)), (i128::from(b.min), opt(b.max)), out);
        if a.pattern != b.pattern {
            let what = match (&a.pattern, &b.pattern) {
                (None, Some(p)) => format!("pattern {p} added"),
                (Some(p), None) => format!("pattern {p} removed"),
                (Some(x), Some(y)) => format!("pattern changed from {x} to {y}"),
                (None, None) => unreachable!("patterns differ"),
            };
            let (p, c) = match (&a.pattern, &b.pattern) {
                (None, Some(_)) => (B, C),
                (Some(_), None) => (C, B),
                _ => (B, B),
            };
            out.push(Found::new(path, what, p, c));
        }
        if a.format != b.format {
            let (p, c) = match (a.format, b.format) {
                (None, Some(_)) => (B, C),
                (Some(_), None) => (C, B),
                _ => (B, B),
            };
            out.push(Found::new(path, format!("format {} -> {}", a.format.unwrap_or("none"), b.format.unwrap_or("none")), p, c));
        }
        return;
    }
    match (os, ns) {
        (Shape::Integer { min: a0, max: a1, multiple_of: am }, Shape::Integer { min: b0, max: b1, multiple_of: bm }) => {
            range(path, "bounds", (i128::from(*a0), i128::from(*a1)), (i128::from(*b0), i128::from(*b1)), out);
            if am != bm {
                let (p, c) = if bm % am == 0 {
                    (B, C)
                } else if am % bm == 0 {
                    (C, B)
                } else {
                    (B, B)
                };
                out.push(Found::new(path, format!("multipleOf {am} -> {bm}"), p, c));
            }
            return;
        }
        (Shape::Array { items: ai, min: a0, max: a1, unique: au }, Shape::Array { items: bi, min: b0, max: b1, unique: bu }) => {
            range(path, "item count", (i128::from(*a0), opt(*a1)), (i128::from(*b0), opt(*b1)), out);
            match (au, bu) {
                (false, true) => out.push(Found::new(path, "uniqueItems added", B, C)),
                (true, false) => out.push(Found::new(path, "uniqueItems removed", C, B)),
                _ => {}
            }
            slots(o, ai, n, bi, &format!("{path}/[]"), out);
            return;
        }
        (Shape::Map(a), Shape::Map(b)) => {
            slots(o, a, n, b, &format!("{path}/{{}}"), out);
            return;
        }
        (Shape::Tuple(a), Shape::Tuple(b)) if a.len() == b.len() => {
            for (i, (a, b)) in a.iter().zip(b).enumerate() {
                slots(o, a, n, b, &format!("{path}/{i}"), out);
            }
            return;
        }
        // A recursive reference names a type compared where it is defined; following it
        // here would not end.
        (Shape::Boxed(a), Shape::Boxed(b)) if o.named(a).map(|(_, d)| &d.name) == n.named(b).map(|(_, d)| &d.name) => return,
        _ => {}
    }
    match (o.named(os), n.named(ns)) {
        (Some((o, a)), Some((n, b))) => defs(o, a, n, b, path, out),
        (None, None) if std::mem::discriminant(os) == std::mem::discriminant(ns) => {}
        _ => out.push(Found::new(path, format!("type changed from {} to {}", describe(o, os), describe(n, ns)), B, B)),
    }
}

fn describe(side: Side<'_>, shape: &Shape) -> String {
    match (shape, side.named(shape)) {
        (_, Some((_, def))) => match &def.kind {
            TypeKind::Struct(_) => "object".into(),
            TypeKind::Enum(_) => "enum".into(),
            TypeKind::Newtype(_) => "string".into(),
            TypeKind::Const(v) => format!("const {v:?}"),
            TypeKind::Union(_) => "oneOf".into(),
            TypeKind::Number(_) => "number".into(),
            TypeKind::Checked(_) => "checked value".into(),
            TypeKind::Untagged(_) => "union".into(),
            TypeKind::Alias(_) => "recursive type".into(),
        },
        (Shape::Null, _) => "null".into(),
        (Shape::Map(_), _) => "map".into(),
        (Shape::Any, _) => "any".into(),
        (Shape::AnyObject, _) => "object".into(),
        (Shape::Bool, _) => "boolean".into(),
        (Shape::Number, _) => "number".into(),
        (Shape::Integer { .. }, _) => "integer".into(),
        (Shape::Array { .. }, _) => "array".into(),
        (Shape::Tuple(_), _) => "tuple".into(),
        (Shape::Boxed(inner), _) => describe(side, inner),
        _ => "string".into(),
    }
}

fn defs(o: Side<'_>, a: &TypeDef, n: Side<'_>, b: &TypeDef, path: &str, out: &mut Vec<Found>) {
    match (&a.kind, &b.kind) {
        (TypeKind::Struct(x), TypeKind::Struct(y)) => structs(o, x, n, y, path, out),
        (TypeKind::Enum(x), TypeKind::Enum(y)) => {
            let (xs, ys): (Vec<&String>, Vec<&String>) = (x.variants.iter().map(|v| &v.0).collect(), y.variants.iter().map(|v| &v.0).collect());
            let added: Vec<&&String> = ys.iter().filter(|v| !xs.contains(v)).collect();
            let removed: Vec<&&String> = xs.iter().filter(|v| !ys.contains(v)).collect();
            if !added.is_empty() {
                // Consumers of an enum the contract tells them to tolerate keep working.
                let consumers = if x.tolerant { C } else { B };
                out.push(Found::new(
                    path,
                    format!("enum widened: {added:?} added{}", if x.tolerant { " (consumers tolerate unknown values)" } else { "" }),
                    C,
                    consumers,
                ));
            }
            if !removed.is_empty() {
                out.push(Found::new(path, format!("enum narrowed: {removed:?} removed"), B, C));
            }
            if x.tolerant != y.tolerant {
                out.push(Found::new(
                    path,
                    format!("consumer tolerance of unknown values {}", if y.tolerant { "granted" } else { "withdrawn" }),
                    C,
                    if y.tolerant { C } else { B },
                ));
            }
        }
        (TypeKind::Const(x), TypeKind::Const(y)) if x != y => out.push(Found::new(path, format!("const changed from {x:?} to {y:?}"), B, B)),
        (TypeKind::Const(_), TypeKind::Const(_)) => {}
        (TypeKind::Number(x), TypeKind::Number(y)) => numbers(x, y, path, out),
        (TypeKind::Checked(x), TypeKind::Checked(y)) => {
            // Rules beyond the types cannot be ordered by strictness here: any change may
            // reject what was valid, or accept what old decoders reject.
            if x.program != y.program {
                out.push(Found::new(path, "checked rules changed", B, B));
            }
            slots(o, &x.core, n, &y.core, path, out);
        }
        // The types a recursive target names; a reference back inside is boxed in the
        // model, where the walk stops.
        (TypeKind::Alias(x), TypeKind::Alias(y)) => slots(o, &x.target, n, &y.target, path, out),
        (TypeKind::Untagged(x), TypeKind::Untagged(y)) => {
            for (i, (_, a)) in x.variants.iter().enumerate() {
                match y.variants.get(i) {
                    Some((_, b)) => slots(o, a, n, b, &format!("{path}|{i}"), out),
                    None => out.push(Found::new(&format!("{path}|{i}"), "union branch removed", B, C)),
                }
            }
            for i in x.variants.len()..y.variants.len() {
                out.push(Found::new(&format!("{path}|{i}"), "union branch added", C, B));
            }
            if x.exactly_one != y.exactly_one {
                out.push(Found::new(path, "union changed between oneOf and anyOf", B, B));
            }
        }
        (TypeKind::Union(x), TypeKind::Union(y)) => {
            for (value, _, xt) in &x.variants {
                let at = format!("{path}({}={value})", x.tag);
                match y.variants.iter().find(|(v, _, _)| v == value) {
                    Some((_, _, yt)) => defs(o, &o.space.defs[*xt], n, &n.space.defs[*yt], &at, out),
                    None => out.push(Found::new(&at, "oneOf branch removed", B, C)),
                }
            }
            for (value, _, _) in y.variants.iter().filter(|(v, _, _)| !x.variants.iter().any(|(w, _, _)| w == v)) {
                out.push(Found::new(&format!("{path}({}={value})", y.tag), "oneOf branch added", C, B));
            }
        }
        _ => out.push(Found::new(path, format!("type changed from {} to {}", kind_name(&a.kind), kind_name(&b.kind)), B, B)),
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "object",
        TypeKind::Enum(_) => "enum",
        TypeKind::Newtype(_) => "string",
        TypeKind::Const(_) => "const",
        TypeKind::Union(_) => "oneOf",
        TypeKind::Number(_) => "number",
        TypeKind::Checked(_) => "checked value",
        TypeKind::Untagged(_) => "union",
        TypeKind::Alias(_) => "recursive type",
    }
}

fn structs(o: Side<'_>, x: &StructDef, n: Side<'_>, y: &StructDef, path: &str, out: &mut Vec<Found>) {
    for f in &x.fields {
        let at = format!("{path}/{}", f.json);
        match y.fields.iter().find(|g| g.json == f.json) {
            None => out.push(Found::new(&at, "field removed", if y.deny_unknown() { B } else { C }, B)),
            Some(g) => {
                match (f.required, g.required) {
                    (true, false) => out.push(Found::new(&at, "no longer required", C, B)),
                    (false, true) => out.push(Found::new(&at, "now required", B, C)),
                    _ => {}
                }
                slots(o, &f.slot, n, &g.slot, &at, out);
            }
        }
    }
    for g in y.fields.iter().filter(|g| !x.fields.iter().any(|f| f.json == g.json)) {
        let at = format!("{path}/{}", g.json);
        let (consumers, why) = if x.deny_unknown() { (B, "; decoders built from the old contract reject it (additionalProperties: false)") } else { (C, "") };
        let what = if g.required { "required field added" } else { "optional field added" };
        out.push(Found::new(&at, format!("{what}{why}"), if g.required { B } else { C }, consumers));
    }
    match (&x.rest, &y.rest) {
        (Some(_), None) => out.push(Found::new(path, "additionalProperties: false added", B, C)),
        (None, Some(_)) => out.push(Found::new(path, "additionalProperties: false removed", C, B)),
        (Some(a), Some(b)) => slots(o, &a.slot, n, &b.slot, &format!("{path}/{{*}}"), out),
        (None, None) => {}
    }
}

/// Bounds of two bounded numbers: every bound at least as strict is a tightening
/// (breaks producers), every bound at most as strict a loosening (breaks consumers).
fn numbers(x: &NumberDef, y: &NumberDef, path: &str, out: &mut Vec<Found>) {
    if x == y {
        return;
    }
    // A bound as (value, exclusive); stricter-or-equal compares value, then exclusivity.
    let lower = |d: &NumberDef| match (d.minimum, d.exclusive_minimum) {
        (Some(m), Some(e)) if e >= m => Some((e, true)),
        (Some(m), _) => Some((m, false)),
        (None, Some(e)) => Some((e, true)),
        (None, None) => None,
    };
    let upper = |d: &NumberDef| match (d.maximum, d.exclusive_maximum) {
        (Some(m), Some(e)) if e <= m => Some((e, true)),
        (Some(m), _) => Some((m, false)),
        (None, Some(e)) => Some((e, true)),
        (None, None) => None,
    };
    let at_least_as_strict = |new: Option<(f64, bool)>, old: Option<(f64, bool)>, above: bool| match (new, old) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some((n, ne)), Some((o, oe))) => (if above { n > o } else { n < o }) || (n == o && (ne || !oe)),
    };
    // Every multiple of `new` is a multiple of `old`.
    let refines = |new: Option<f64>, old: Option<f64>| match (new, old) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(n), Some(o)) => (n / o).fract() == 0.0,
    };
    let tighter = at_least_as_strict(lower(y), lower(x), true) && at_least_as_strict(upper(y), upper(x), false) && refines(y.multiple_of, x.multiple_of);
    let looser = at_least_as_strict(lower(x), lower(y), true) && at_least_as_strict(upper(x), upper(y), false) && refines(x.multiple_of, y.multiple_of);
    let (p, c, verb) = match (tighter, looser) {
        (true, _) => (B, C, "tightened"),
        (_, true) => (C, B, "loosened"),
        _ => (B, B, "changed"),
    };
    out.push(Found::new(path, format!("number bounds {verb}: {x:?} -> {y:?}"), p, c));
}
