//! What a getter returns for a stored value: the borrowed view of its type (issue #12).
//!
//! One decision, [`lend`], for every getter (struct fields, envelope fields, `AnyEvent`):
//!
//! | stored | view |
//! |---|---|
//! | `String` (a struct field stores it as a `CompactString`: `storage`) | `&str` |
//! | `Vec<T>` | `&[T]` |
//! | `Box<T>` (a recursive reference) | `&T` |
//! | a `Copy` type: typed id, `Int<..>`/`Integer`, `bool`, `Timestamp`, `Date`, `Null`, a string enum without an `Unknown` variant, a const type, `Producer`, `Actor` | by value |
//! | anything else `T` (checked strings, `Array<..>`, structs, maps, `Json`, `Number`, …) | `&T` |
//!
//! `Option<X>` (optional, or nullable) is `Option<view of X>`, and an optional nullable
//! `Option<Option<X>>` is `Option<Option<view of X>>`. `Array<..>` stays `&Array<..>`
//! rather than a slice (it derefs to one) so that its bounds stay visible.
//!
//! Which types are `Copy` is the runtime's derives (`typed_id!`, `Int`, `Timestamp`,
//! `Date`, `Null` derive it; `Number`, `Json`, `EntityId`, `Formatted`, the checked
//! macros' types do not) and the generator's own (`emit_enum` derives it for a closed
//! enum, `emit_const` for a const type, `envelope.rs` for `Producer` and `Actor`).

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::Ctx;
use crate::model::types::{Shape, TypeKind, TypeSpace};

/// How a getter lends a value of one (non-null) shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lend {
    /// A `Copy` type: returned by value.
    Copy,
    /// `String`, lent as `&str`.
    Str,
    /// `Vec<T>`, lent as `&[T]`.
    Slice,
    /// `Box<T>`, lent as `&T`.
    Unbox,
    /// Any other type `T`, lent as `&T`.
    Ref,
}

/// How a value of `shape` (in `space`) is lent by its getter.
pub fn lend(ctx: &Ctx<'_>, space: &TypeSpace, shape: &Shape) -> Lend {
    match shape {
        Shape::Id(_) | Shape::Integer { .. } | Shape::Bool | Shape::DateTime | Shape::Date | Shape::Null => Lend::Copy,
        Shape::Text => Lend::Str,
        Shape::Array { min: 0, max: None, unique: false, .. } => Lend::Slice,
        Shape::Boxed(_) => Lend::Unbox,
        Shape::Named(id) => lend_def(space, *id),
        Shape::External { module, name } => ctx
            .set
            .shared
            .iter()
            .find(|m| &m.module == module)
            .and_then(|m| Some(lend_def(&m.space, m.space.defs.iter().position(|d| &d.name == name)?)))
            .unwrap_or(Lend::Ref),
        Shape::Any
        | Shape::AnyObject
        | Shape::Map(_)
        | Shape::Number
        | Shape::BoundedText { .. }
        | Shape::Custom { .. }
        | Shape::Tuple(_)
        | Shape::Array { .. } => Lend::Ref,
    }
}

/// A named type is `Copy` when it is a closed string enum or a const type; every other
/// named type (a struct, checked value, union, tolerant enum) is lent by reference.
fn lend_def(space: &TypeSpace, id: usize) -> Lend {
    match &space.defs[id].kind {
        TypeKind::Enum(e) if !e.tolerant => Lend::Copy,
        TypeKind::Const(_) => Lend::Copy,
        _ => Lend::Ref,
    }
}

/// A getter's return type and body.
pub struct Getter {
    /// The return type.
    pub ty: TokenStream,
    /// The body: an expression of the stored field.
    pub body: TokenStream,
}

/// The getter of a value of `shape` (in `space`) stored as `field` (a place such as
/// `self.name`) under `options` layers of `Option`: 1 for an optional or a nullable value,
/// 2 for an optional nullable one. `write` writes the Rust type of a (non-null) shape as
/// seen where the getter is; `lifetime` is the reference's (empty: elided, as a getter
/// writes it; `'a` for a struct holding the view).
pub fn getter(
    ctx: &Ctx<'_>,
    space: &TypeSpace,
    shape: &Shape,
    options: usize,
    field: &TokenStream,
    write: &dyn Fn(&Shape) -> TokenStream,
    lifetime: &TokenStream,
) -> Getter {
    let lend = lend(ctx, space, shape);
    let target = match (lend, shape) {
        (Lend::Str, _) => quote!(str),
        (Lend::Slice, Shape::Array { items, .. }) => {
            let item = write(items.shape.unboxed());
            if items.nullable {
                quote!([Option<#item>])
            } else {
                quote!([#item])
            }
        }
        (Lend::Unbox, Shape::Boxed(inner)) => write(inner),
        _ => write(shape),
    };
    lent(lend, options, &target, field, lifetime)
}

/// The getter of a value lent as `lend`, stored as `field` under `options` layers of
/// `Option`. `target` is the type returned by value (`Copy`) or by reference: `str`, the
/// slice's `[T]`, the box's `T`, or the stored type itself; `lifetime` that of the
/// reference (see [`getter`]).
pub fn lent(lend: Lend, options: usize, target: &TokenStream, field: &TokenStream, lifetime: &TokenStream) -> Getter {
    let view = match lend {
        Lend::Copy => target.clone(),
        _ => quote!(&#lifetime #target),
    };
    let ty = (0..options).fold(view, |t, _| quote!(Option<#t>));
    let body = match (lend, options) {
        (Lend::Copy, _) => quote!(#field),
        (_, 0) => quote!(&#field),
        (Lend::Ref, 1) => quote!(#field.as_ref()),
        (_, 1) => quote!(#field.as_deref()),
        (Lend::Ref, _) => quote!(#field.as_ref().map(Option::as_ref)),
        (_, _) => quote!(#field.as_ref().map(Option::as_deref)),
    };
    Getter { ty, body }
}
