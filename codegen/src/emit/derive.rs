//! Which comparison traits a generated type derives: `Eq`, `Hash`, `PartialOrd` and `Ord`
//! wherever every part of it allows them, decided from the model's types, transitively.
//!
//! What allows what is the runtime's types: JSON numbers (`Number`, checked numbers) are
//! only `PartialEq`/`PartialOrd`; kept JSON text (`Json`, `OpaqueObject`) only `PartialEq`;
//! a `Map` is `Eq` but neither hashable nor ordered. Recursive `$ref`s are refused by the
//! translator, so the walk always ends.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use crate::model::types::{Shape, Slot, TypeId, TypeKind, TypeSpace};

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
    match &space.defs[id].kind {
        TypeKind::Struct(s) => s.fields.iter().fold(Traits::ALL, |t, f| t.and(of_slot(ctx, space, &f.slot))),
        TypeKind::Enum(_) | TypeKind::Newtype(_) | TypeKind::Const(_) => Traits::ALL,
        TypeKind::Number(_) => Traits::NONE,
        TypeKind::Checked(c) => of_slot(ctx, space, &c.core),
        TypeKind::Union(u) => u.variants.iter().fold(Traits::ALL, |t, (_, _, ty)| t.and(of_def(ctx, space, *ty))),
        TypeKind::Untagged(u) => u.variants.iter().fold(Traits::ALL, |t, (_, slot)| t.and(of_slot(ctx, space, slot))),
    }
}

/// The traits of a slot's Rust type (`Option<T>` has `T`'s).
pub fn of_slot(ctx: &Ctx<'_>, space: &TypeSpace, slot: &Slot) -> Traits {
    of_shape(ctx, space, &slot.shape)
}

fn of_shape(ctx: &Ctx<'_>, space: &TypeSpace, shape: &Shape) -> Traits {
    match shape {
        Shape::Any | Shape::AnyObject | Shape::Number => Traits::NONE,
        Shape::Map(values) => Traits { eq: of_slot(ctx, space, values).eq, hash: false, ord: false },
        Shape::Null | Shape::Bool | Shape::Integer { .. } | Shape::Text | Shape::BoundedText { .. } | Shape::Id(_) | Shape::DateTime | Shape::Date => {
            Traits::ALL
        }
        Shape::Named(id) => of_def(ctx, space, *id),
        Shape::External { module, name } => ctx
            .set
            .shared
            .iter()
            .find(|m| &m.module == module)
            .and_then(|m| m.space.defs.iter().position(|d| &d.name == name).map(|id| of_def(ctx, &m.space, id)))
            .unwrap_or(Traits::NONE),
        Shape::Array { items, .. } => of_slot(ctx, space, items),
    }
}
