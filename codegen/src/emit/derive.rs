//! Which comparison traits a generated type derives: `Eq`, `Hash`, `PartialOrd` and `Ord`
//! wherever every part of it allows them, decided from the model's types, transitively.
//! Structs and unions derive `Hash`, `PartialOrd` and `Ord` only with
//! `Config::hash_and_ord` (they cost every build and rarely serve a payload), so a type
//! holding one has none of the three either.
//!
//! What allows what is the runtime's types: JSON numbers (`Number`, checked numbers) are
//! only `PartialEq`/`PartialOrd`; kept JSON text (`Json`, `OpaqueObject`) only `PartialEq`;
//! a `Map` is `Eq` but neither hashable nor ordered. A recursive (boxed) reference is
//! walked once, so the walk always ends.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use crate::model::types::{Shape, TypeId, TypeKind, TypeSpace};

/// The comparison traits a type can derive besides `PartialEq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traits {
    /// `Eq`.
    pub eq: bool,
    /// `Hash`.
    pub hash: bool,
    /// `PartialOrd` and `Ord` (derived together; implies `eq`).
    pub ord: bool,
}

impl Traits {
    /// Every trait.
    pub const ALL: Self = Self { eq: true, hash: true, ord: true };
    /// None of them.
    pub const NONE: Self = Self { eq: false, hash: false, ord: false };

    /// What both allow.
    fn and(self, other: Self) -> Self {
        Self { eq: self.eq && other.eq, hash: self.hash && other.hash, ord: self.ord && other.ord }
    }

    /// The derive list entries, each followed by a comma: `Eq, Hash, PartialOrd, Ord,`.
    pub fn derives(self) -> TokenStream {
        let eq = self.eq.then(|| quote!(Eq,));
        let hash = self.hash.then(|| quote!(Hash,));
        let ord = (self.ord && self.eq).then(|| quote!(PartialOrd, Ord,));
        quote!(#eq #hash #ord)
    }
}

/// The traits the named type `id` of `space` derives.
pub fn of_def(ctx: &Ctx<'_>, space: &TypeSpace, id: TypeId) -> Traits {
    Walk { ctx, seen: HashSet::new() }.def(space, id)
}

/// A walk over every type a type reaches. A type allows a trait when nothing it reaches
/// forbids it, so a type met again (a recursive, boxed reference) adds nothing: its parts
/// are already being walked.
struct Walk<'c, 'a> {
    ctx: &'c Ctx<'a>,
    /// Types entered, by (space address, id): spaces are distinct values that live
    /// through the walk.
    seen: HashSet<(usize, TypeId)>,
}

impl Walk<'_, '_> {
    fn def(&mut self, space: &TypeSpace, id: TypeId) -> Traits {
        if !self.seen.insert((std::ptr::from_ref(space) as usize, id)) {
            return Traits::ALL;
        }
        // What a struct or union derives, of what its parts allow.
        let hash_and_ord = self.ctx.hash_and_ord;
        let composite = |parts: Traits| if hash_and_ord { parts } else { Traits { hash: false, ord: false, ..parts } };
        match &space.defs[id].kind {
            TypeKind::Struct(s) => {
                let rest = s.rest.as_ref().map(|r| Traits { hash: false, ord: false, ..self.shape(space, &r.slot.shape) });
                composite(s.fields.iter().fold(rest.unwrap_or(Traits::ALL), |t, f| t.and(self.shape(space, &f.slot.shape))))
            }
            TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Const(_) => Traits::ALL,
            TypeKind::Number(_) => Traits::NONE,
            TypeKind::Checked(c) => self.shape(space, &c.core.shape),
            TypeKind::Alias(a) => self.shape(space, &a.target.shape),
            TypeKind::Union(u) => composite(u.variants.iter().fold(Traits::ALL, |t, (_, _, ty)| t.and(self.def(space, *ty)))),
            TypeKind::Untagged(u) => composite(u.variants.iter().fold(Traits::ALL, |t, (_, slot)| t.and(self.shape(space, &slot.shape)))),
        }
    }

    fn shape(&mut self, space: &TypeSpace, shape: &Shape) -> Traits {
        match shape {
            Shape::Any | Shape::AnyObject | Shape::Number => Traits::NONE,
            Shape::Map(values) => Traits { eq: self.shape(space, &values.shape).eq, hash: false, ord: false },
            Shape::Null
            | Shape::Bool
            | Shape::Integer { .. }
            | Shape::Text
            | Shape::BoundedText { .. }
            | Shape::Id(_)
            | Shape::DateTime
            | Shape::Date
            | Shape::Custom { .. } => Traits::ALL,
            Shape::Named(id) => self.def(space, *id),
            Shape::Boxed(inner) => self.shape(space, inner),
            Shape::Tuple(elements) => elements.iter().fold(Traits::ALL, |t, e| t.and(self.shape(space, &e.shape))),
            Shape::External { module, name } => {
                let ctx = self.ctx;
                match ctx.set.shared.iter().find(|m| &m.module == module).and_then(|m| Some((m, m.space.defs.iter().position(|d| &d.name == name)?))) {
                    Some((m, id)) => self.def(&m.space, id),
                    None => Traits::NONE,
                }
            }
            Shape::Array { items, .. } => self.shape(space, &items.shape),
        }
    }
}
