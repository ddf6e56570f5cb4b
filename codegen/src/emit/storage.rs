//! How a generated struct stores a field behind its getter (issue #12): one decision,
//! [`of`], for every field of every payload struct.
//!
//! | field's type (its API: `…Required`, `…Parts`, `with_…`) | stored as |
//! |---|---|
//! | `String`, `Option<String>`, `Option<Option<String>>` (a plain `type: string`) | the same with `CompactString` (`events_runtime::__private`) |
//! | anything else | itself |
//!
//! A `CompactString` holds up to 24 bytes inline, so decoding a short plain string (a
//! source, a stage, a tenant) allocates nothing; it is 24 bytes like a `String`, and its
//! `Debug`, `Hash`, `Eq` and `Ord` are its text's, as `String`'s are, so the struct's
//! derives behave as before. Its serde impls read and write a JSON string as `String`'s do,
//! with the same error texts. Fields are private, so the storage is no part of the API: the
//! getter still lends `&str` (a `&CompactString` derefs to it), and the companions and
//! setters take and give `String`, converted where a value crosses (the field's `text`
//! marker tells the runtime's derive `Object` to convert; `String` → `CompactString` keeps a
//! long string's buffer). The type is
//! named through `__private`, not re-exported publicly, so that it can change again.
//!
//! Strings inside arrays, maps, tuples and unions stay `String`: their getters lend
//! `&[String]`, `&Map<String>` and the like, which show the stored type.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{slot_type, At, Ctx};
use crate::model::types::{Field, Shape, Slot, TypeSpace};

/// How one field is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// As its API type.
    AsIs,
    /// A plain string held inline when short: `CompactString` in place of `String`.
    InlineText,
}

/// How a field whose value is `slot` is stored.
pub fn of(slot: &Slot) -> Storage {
    match slot.shape {
        Shape::Text => Storage::InlineText,
        _ => Storage::AsIs,
    }
}

/// The `Option` layers around a field's value: one for an optional or a nullable field,
/// two for an optional nullable one.
fn layers(f: &Field) -> usize {
    usize::from(!f.required) + usize::from(f.slot.nullable)
}

/// The field's stored Rust type, as written at `at`.
pub fn stored_type(ctx: &Ctx<'_>, space: &TypeSpace, f: &Field, at: At) -> TokenStream {
    let value = match of(&f.slot) {
        Storage::AsIs => return api_type(ctx, space, f, at),
        Storage::InlineText => {
            let rt = &ctx.rt;
            quote!(#rt::__private::CompactString)
        }
    };
    (0..layers(f)).fold(value, |t, _| quote!(Option<#t>))
}

/// The field's type in the API (companion structs, `into_parts`): `T`, `Option<T>`
/// (nullable or optional) or `Option<Option<T>>`.
fn api_type(ctx: &Ctx<'_>, space: &TypeSpace, f: &Field, at: At) -> TokenStream {
    let slot = slot_type(ctx, space, &f.slot, at);
    if f.required {
        slot
    } else {
        quote!(Option<#slot>)
    }
}
