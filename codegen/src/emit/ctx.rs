//! What every emit function needs: the runtime path and how to name shared items.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::types::{Shape, Slot, TypeSpace};
use crate::model::ContractSet;

/// Paths the generated code refers to.
pub struct Ctx<'a> {
    /// The model.
    pub set: &'a ContractSet,
    /// Path of the runtime crate (`::events_runtime` by default).
    pub rt: TokenStream,
    /// The runtime path as text, for serde attributes.
    pub rt_text: String,
    /// Gate each contract module behind a cargo feature named after its directory.
    pub features: bool,
    /// The user's type and field attributes (`Config::type_attribute`, `field_attribute`).
    pub rules: super::attrs::Rules,
    /// Gate constructors behind the producer's `produce-<producer>` feature (see `produce`).
    pub producer_features: bool,
    /// `Hash`, `PartialOrd` and `Ord` on structs and unions too (`Config::hash_and_ord`).
    pub hash_and_ord: bool,
}

impl<'a> Ctx<'a> {
    /// A context for `set` with the runtime at `rt_text`.
    pub fn new(set: &'a ContractSet, rt_text: &str, features: bool, rules: super::attrs::Rules) -> Self {
        let rt: TokenStream = rt_text.parse().expect("runtime path is a Rust path");
        Self { set, rt, rt_text: rt_text.to_owned(), features, rules, producer_features: false, hash_and_ord: false }
    }

    /// `#[cfg(feature = "<contract dir>")]` when contract features are on; nothing for a
    /// version without a contract directory (always compiled).
    pub fn gate(&self, contract_dir: Option<&str>) -> TokenStream {
        match contract_dir {
            Some(dir) if self.features => quote!(#[cfg(feature = #dir)]),
            _ => quote!(),
        }
    }

    /// `#[serde(crate = "…")]` value.
    pub fn serde_crate(&self) -> String {
        format!("{}::__private::serde", self.rt_text)
    }

    /// A helper of the runtime's `__private`, as a string for `deserialize_with`.
    pub fn private_fn(&self, name: &str) -> String {
        format!("{}::__private::{name}", self.rt_text)
    }
}

/// An identifier; names come from `model::names` and are valid identifiers.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `super::super::…` climbing `depth` modules to the generated file's top.
pub fn up(depth: usize) -> TokenStream {
    let supers = (0..depth).map(|_| quote!(super::));
    quote!(#(#supers)*)
}

/// `#[doc = "…"]` lines for a text, one attribute per line so rustdoc renders paragraphs.
/// Any line break counts (`\r\n`, `\n`, and a bare `\r`, which Rust refuses inside a
/// doc comment).
pub fn doc_lines(text: &str) -> TokenStream {
    let text = doc_text(text);
    let lines = text.lines().map(|l| {
        let l = format!(" {}", l.trim_end());
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// Doc text made safe for a doc comment: every carriage return becomes a line feed (a
/// bare CR is a compile error in a doc comment; `\r\n` is one break). [`super::format`]
/// applies it to every doc attribute of the output, whatever built it.
pub fn doc_text(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn const_i64(v: i64) -> TokenStream {
    let lit = proc_macro2::Literal::i64_unsuffixed(v);
    match v {
        i64::MIN => quote!({ i64::MIN }),
        i64::MAX => quote!({ i64::MAX }),
        v if v < 0 => quote!({ #lit }),
        _ => quote!(#lit),
    }
}

fn const_usize(v: Option<u64>) -> TokenStream {
    match v {
        None => quote!({ usize::MAX }),
        Some(v) => {
            let lit = proc_macro2::Literal::u64_unsuffixed(v);
            quote!(#lit)
        }
    }
}

/// Where a type expression is written: how deep below the top, and whether inside the
/// `wire` module, where the space's own types are one `super::` away.
#[derive(Debug, Clone, Copy)]
pub struct At {
    /// Modules below the generated file's top.
    pub depth: usize,
    /// Inside a version module's `wire` child.
    pub wire: bool,
}

/// The Rust type of a non-null shape, as written at `at`.
pub fn shape_type(ctx: &Ctx<'_>, space: &TypeSpace, shape: &Shape, at: At) -> TokenStream {
    let rt = &ctx.rt;
    match shape {
        Shape::Any => quote!(#rt::Json),
        Shape::AnyObject => quote!(#rt::OpaqueObject),
        Shape::Null => quote!(#rt::Null),
        Shape::Map(values) => {
            let values = element_type(ctx, space, values, at);
            quote!(#rt::Map<#values>)
        }
        Shape::Bool => quote!(bool),
        Shape::Number => quote!(#rt::Number),
        Shape::Integer { min: i64::MIN, max: i64::MAX, multiple_of: 1 } => quote!(#rt::Integer),
        Shape::Integer { min, max, multiple_of } => {
            let (min, max) = (const_i64(*min), const_i64(*max));
            if *multiple_of == 1 {
                quote!(#rt::Int<#min, #max>)
            } else {
                let m = proc_macro2::Literal::u64_unsuffixed(*multiple_of);
                quote!(#rt::Int<#min, #max, #m>)
            }
        }
        Shape::Text => quote!(String),
        Shape::BoundedText { min: 1, max: None } => quote!(#rt::NonEmptyString),
        Shape::BoundedText { min, max } => {
            let min = proc_macro2::Literal::u64_unsuffixed(*min);
            let max = const_usize(*max);
            quote!(#rt::BoundedString<#min, #max>)
        }
        Shape::Id(prefix) => {
            let name = ident(&ctx.set.ids[prefix]);
            let up = up(at.depth);
            quote!(#up ids::#name)
        }
        Shape::DateTime => quote!(#rt::Timestamp),
        Shape::Date => quote!(#rt::Date),
        Shape::Custom { path, .. } => {
            // `Config` checked that the path parses.
            let path: TokenStream = path.parse().unwrap_or_else(|_| quote!(()));
            quote!(#rt::Formatted<#path>)
        }
        Shape::Named(id) => {
            let name = ident(&space.defs[*id].name);
            if at.wire {
                quote!(super::#name)
            } else {
                quote!(#name)
            }
        }
        Shape::External { module, name } => {
            let (module, name, up) = (ident(module), ident(name), up(at.depth));
            quote!(#up shared::#module::#name)
        }
        Shape::Boxed(inner) => {
            let inner = shape_type(ctx, space, inner, at);
            quote!(Box<#inner>)
        }
        Shape::Tuple(elements) => {
            let elements = elements.iter().map(|e| slot_type(ctx, space, e, at));
            quote!((#(#elements,)*))
        }
        Shape::Array { items, min, max, unique } => {
            let item = element_type(ctx, space, items, at);
            if *min == 0 && max.is_none() && !unique {
                quote!(Vec<#item>)
            } else {
                let min = proc_macro2::Literal::u64_unsuffixed(*min);
                let max = const_usize(*max);
                quote!(#rt::Array<#item, #min, #max, #unique>)
            }
        }
    }
}

/// The Rust type of an array item or a map value slot, without the `Box` of a recursive
/// reference (see [`Shape::unboxed`]).
pub fn element_type(ctx: &Ctx<'_>, space: &TypeSpace, slot: &Slot, at: At) -> TokenStream {
    let inner = shape_type(ctx, space, slot.shape.unboxed(), at);
    if slot.nullable {
        quote!(Option<#inner>)
    } else {
        inner
    }
}

/// The Rust type of a slot: `Option<T>` when null is allowed.
pub fn slot_type(ctx: &Ctx<'_>, space: &TypeSpace, slot: &Slot, at: At) -> TokenStream {
    let inner = shape_type(ctx, space, &slot.shape, at);
    if slot.nullable {
        quote!(Option<#inner>)
    } else {
        inner
    }
}
