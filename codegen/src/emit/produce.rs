//! Producer-only construction ([`crate::Config::producer_features`]): the `produce`
//! module, and the bounds that make an event's constructor and `Envelope::builder`
//! compile only with its producer's cargo feature `produce-<producer>`.
//!
//! Each producing domain gets a trait, implemented for the zero-sized `Gate` only under
//! its feature, whose `#[diagnostic::on_unimplemented]` message names that feature. Each
//! payload type implements `Produce<'a>` where `Gate<'a>` implements its producer's trait;
//! constructors and the builder require `Produce<'p>` on a lifetime of their own, so the
//! bound is checked at each call site (a bound with no generic parameter would fail the
//! definition instead), and the error a consumer sees names the feature.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{ident, up, Ctx};
use super::types::RootExtras;
use crate::model::types::{Shape, TypeId, TypeKind, TypeSpace};

/// The `produce` module; nothing when producer features are off.
pub fn emit_produce(ctx: &Ctx<'_>) -> TokenStream {
    if !ctx.producer_features {
        return quote!();
    }
    let mut producers: Vec<&str> = ctx.set.events.iter().map(|e| e.producer.as_str()).collect();
    producers.sort_unstable();
    producers.dedup();
    let traits = producers.iter().filter_map(|producer| {
        let variant = ident(ctx.set.producer_variant(producer)?);
        let feature = format!("produce-{producer}");
        let doc = format!(" Events the `{producer}` domain produces: constructible only with the cargo feature `{feature}`.");
        let message = format!("only the `{producer}` domain produces this event: enable the cargo feature `{feature}` to construct it");
        let label = format!("produced by `{producer}`");
        Some(quote! {
            #[doc = #doc]
            #[diagnostic::on_unimplemented(message = #message, label = #label, note = "consumers decode events of any domain (`from_json`, `AnyEvent`); only the producer builds them")]
            pub trait #variant {}

            #[cfg(feature = #feature)]
            impl #variant for Gate<'_> {}
        })
    });
    let impls = ctx.set.events.iter().flat_map(|e| e.versions.iter().map(move |v| (e, v))).filter_map(|(e, v)| {
        let producer = ident(ctx.set.producer_variant(&e.producer)?);
        let (module, name) = (ident(&v.contract_module), ident(&v.rust_name));
        let gate = ctx.gate(v.contract_dir.as_deref());
        Some(quote! {
            #gate
            impl<'a> Produce<'a> for super::#module::#name where Gate<'a>: #producer {}
        })
    });
    quote! {
        /// Producer-only construction: an event's constructor and `Envelope::builder` need the
        /// cargo feature `produce-<producer>` of its registered producer. Decoding needs none.
        pub mod produce {
            /// Stands for the calling crate in the producer bounds; never constructed.
            pub struct Gate<'a>(::core::marker::PhantomData<&'a ()>);

            /// Implemented by the payload types whose producer's feature is enabled.
            pub trait Produce<'a> {}

            #(#traits)*

            #(#impls)*
        }
    }
}

/// The producer bound of a constructor of the payload type `payload` (or of a branch of
/// it), written `depth` modules below the top: `<payload>: …::produce::Produce<'produce>`
/// on a lifetime `'produce` of the constructor's own; `None` when producer features are off.
pub fn constructor_bound(ctx: &Ctx<'_>, depth: usize, payload: &str) -> Option<ProducerBound> {
    ctx.producer_features.then(|| ProducerBound { payload: payload.to_owned(), depth })
}

/// A constructor's producer bound (see [`constructor_bound`]), written as tokens or, for the
/// struct derive's `bound = "…"` marker, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducerBound {
    payload: String,
    depth: usize,
}

impl ProducerBound {
    /// The lifetime the bound is on.
    pub fn lifetime(&self) -> TokenStream {
        quote!('produce)
    }

    /// The where-predicate.
    pub fn predicate(&self) -> TokenStream {
        let (up, payload) = (up(self.depth), ident(&self.payload));
        quote!(#payload: #up produce::Produce<'produce>)
    }

    /// The where-predicate as Rust text.
    pub fn text(&self) -> String {
        format!("{}: {}produce::Produce<'produce>", self.payload, "super::".repeat(self.depth))
    }
}

/// The generics and where clause `Envelope::builder` gains, written `depth` modules below
/// the top (empty when off).
pub fn builder_bound(ctx: &Ctx<'_>, depth: usize) -> (TokenStream, TokenStream) {
    if ctx.producer_features {
        let up = up(depth);
        (quote!(<'produce>), quote!(where P: #up produce::Produce<'produce>))
    } else {
        (quote!(), quote!())
    }
}

/// The branch structs of a root that is a union, and the extras their constructors get:
/// the root's producer bound, sunset guard and constructor attributes (a union is built
/// from its branches, so their constructors stand for the root's `new`). Empty when none
/// of those applies. The branches are the structs of a discriminated union, and the
/// branches of an untagged union that are structs of the payload's own module (a branch
/// in a shared module, or of another type, is built without the bounds: the envelope's
/// builder still carries the producer bound).
pub fn union_branches(space: &TypeSpace, root: Option<(TypeId, &RootExtras)>) -> (Vec<TypeId>, RootExtras) {
    let Some((root, extras)) = root.filter(|(_, e)| e.produce.is_some() || e.sunset.is_some() || !e.constructor_attrs.is_empty()) else {
        return (Vec::new(), RootExtras::default());
    };
    let branches = match &space.defs[root].kind {
        TypeKind::Union(u) => u.variants.iter().map(|(_, _, ty)| *ty).collect(),
        TypeKind::Untagged(u) => u
            .variants
            .iter()
            .filter_map(|(_, slot)| match slot.shape {
                Shape::Named(id) if matches!(space.defs[id].kind, TypeKind::Struct(_)) => Some(id),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let extras = RootExtras {
        produce: extras.produce.clone(),
        sunset: extras.sunset.clone(),
        constructor_attrs: extras.constructor_attrs.clone(),
        ..RootExtras::default()
    };
    (branches, extras)
}
