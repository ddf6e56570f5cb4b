//! Emits the `envelope` module: what every envelope version shares (the producers, the
//! actor, the `EventPayload` trait) and each version's typed `Envelope<P>` with its
//! builder (see [`super::envelope_version`]). The set's default envelope is `envelope`'s
//! own; any other version is `envelope::vN`.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{ident, Ctx};
use super::envelope_version::emit_version;
use crate::model::{EnvelopeModel, FieldKind};

/// The `envelope` module.
pub fn emit_envelope(ctx: &Ctx<'_>) -> TokenStream {
    let Some(default) = ctx.set.default_envelope() else { return quote!() };
    let doc = super::ctx::doc_lines(&module_doc(default));
    let shared = shared_items(ctx);
    let own = emit_version(ctx, default, 1);
    let others = ctx.set.envelopes.iter().filter(|e| e.module.is_some()).map(|e| {
        let module = ident(e.module.as_deref().unwrap_or_default());
        let doc = super::ctx::doc_lines(&module_doc(e));
        let items = emit_version(ctx, e, 2);
        let imports = shared_names(ctx);
        quote! {
            #doc
            pub mod #module {
                #[allow(unused_imports)]
                use super::{#(#imports),*};
                #items
            }
        }
    });
    let markers = markers(ctx);
    quote! {
        #doc
        pub mod envelope {
            #shared
            #own
            #(#others)*
            #markers
        }
    }
}

/// "The event envelope of `<file>`: seven required fields, optional `a`, `b` and `c`,
/// and the typed payload."
fn module_doc(e: &EnvelopeModel) -> String {
    const WORDS: &[&str] = &["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let required = e.fields.iter().filter(|f| f.required).count();
    let count = WORDS.get(required).map_or_else(|| required.to_string(), |w| (*w).to_owned());
    let optional: Vec<String> = e.fields.iter().filter(|f| !f.required).map(|f| format!("`{}`", f.json)).collect();
    let optional = match optional.as_slice() {
        [] => String::new(),
        [one] => format!(", optional {one}"),
        [init @ .., last] => format!(", optional {} and {last}", init.join(", ")),
    };
    format!("The event envelope of `{}`: {count} required\nfields{optional}, and the typed payload.", e.file)
}

/// Names of the shared items, imported into every `vN` module.
fn shared_names(ctx: &Ctx<'_>) -> Vec<proc_macro2::Ident> {
    let mut names = vec![ident("EventPayload")];
    if !ctx.set.producers.is_empty() {
        names.push(ident("Producer"));
    }
    if has_actor(ctx) {
        names.push(ident("Actor"));
    }
    if ctx.set.envelopes.len() > 1 {
        names.push(ident("InEnvelope"));
    }
    names
}

fn has_actor(ctx: &Ctx<'_>) -> bool {
    ctx.set.envelopes.iter().any(|e| e.fields.iter().any(|f| f.kind == FieldKind::Actor))
}

/// `impl InEnvelope<N> for <payload> {}` for every version, when the set has several envelopes.
fn markers(ctx: &Ctx<'_>) -> TokenStream {
    if ctx.set.envelopes.len() < 2 {
        return quote!();
    }
    let impls = ctx.set.events.iter().flat_map(|e| &e.versions).map(|v| {
        let (module, name, gate) = (ident(&v.contract_module), ident(&v.rust_name), ctx.gate(v.contract_dir.as_deref()));
        let n = proc_macro2::Literal::u32_unsuffixed(v.envelope);
        quote!(#gate impl InEnvelope<#n> for super::#module::#name {})
    });
    quote! {
        /// A payload type that travels in envelope version `N`, as the registry says: only
        /// that version's `Envelope` accepts it.
        pub trait InEnvelope<const N: u32>: EventPayload {}

        #(#impls)*
    }
}

/// Producers, actors and the `EventPayload` trait.
fn shared_items(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let producer = producer_items(ctx);
    let actor = if has_actor(ctx) { actor_items(ctx) } else { quote!() };
    let has_producer = !ctx.set.producers.is_empty();
    let producer_field = has_producer.then(|| {
        quote! {
            /// The registered producer.
            pub producer: Producer,
        }
    });
    let producer_const = has_producer.then(|| {
        quote! {
            /// The registered producer.
            const PRODUCER: Producer = Self::REGISTRATION.producer;
        }
    });
    quote! {
        #producer
        #actor

        /// The registry's entry for one event type and version: what
        /// [`EventPayload::REGISTRATION`] holds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct Registration {
            /// The event type, e.g. `lead.created`.
            pub event_type: &'static str,
            /// The schema version.
            pub schema_version: u32,
            #producer_field
            /// The registered consumer domains.
            pub consumers: &'static [&'static str],
            /// The registry status of this version.
            pub status: #rt::Status,
            /// The payload schema path, `None` for an opaque payload.
            pub payload_schema: ::core::option::Option<&'static str>,
            /// `registered_at` (YYYY-MM-DD).
            pub registered_at: &'static str,
            /// `deprecated_at` (YYYY-MM-DD).
            pub deprecated_at: ::core::option::Option<&'static str>,
            /// `active_from` (YYYY-MM-DD).
            pub active_from: ::core::option::Option<&'static str>,
        }

        /// A generated payload type: the registry's facts about its event type and version.
        ///
        /// Every generated impl gives [`Self::REGISTRATION`] alone: one constant per version
        /// instead of nine keeps the compile cost per version down, and the other constants
        /// read their field of it.
        pub trait EventPayload:
            #rt::__private::serde::Serialize + #rt::__private::serde::de::DeserializeOwned + ::core::clone::Clone + ::core::fmt::Debug + ::core::cmp::PartialEq + 'static
        {
            /// The registry's entry for this event type and version.
            const REGISTRATION: Registration;
            /// The event type, e.g. `lead.created`.
            const EVENT_TYPE: &'static str = Self::REGISTRATION.event_type;
            /// The schema version.
            const SCHEMA_VERSION: u32 = Self::REGISTRATION.schema_version;
            #producer_const
            /// The registered consumer domains.
            const CONSUMERS: &'static [&'static str] = Self::REGISTRATION.consumers;
            /// The registry status of this version.
            const STATUS: #rt::Status = Self::REGISTRATION.status;
            /// The payload schema path, `None` for an opaque payload.
            const PAYLOAD_SCHEMA: ::core::option::Option<&'static str> = Self::REGISTRATION.payload_schema;
            /// `registered_at` (YYYY-MM-DD).
            const REGISTERED_AT: &'static str = Self::REGISTRATION.registered_at;
            /// `deprecated_at` (YYYY-MM-DD).
            const DEPRECATED_AT: ::core::option::Option<&'static str> = Self::REGISTRATION.deprecated_at;
            /// `active_from` (YYYY-MM-DD).
            const ACTIVE_FROM: ::core::option::Option<&'static str> = Self::REGISTRATION.active_from;
        }
    }
}

fn producer_items(ctx: &Ctx<'_>) -> TokenStream {
    if ctx.set.producers.is_empty() {
        return quote!();
    }
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let producers = &ctx.set.producers;
    let variants: Vec<_> = ctx.set.producer_variants.iter().map(|v| ident(v)).collect();
    let producer_docs: Vec<String> = producers.iter().map(|p| format!(" `{p}`")).collect();
    quote! {
        /// The producing domain (the envelope's `producer` enum).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, #rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        pub enum Producer {
            #(#[doc = #producer_docs] #[serde(rename = #producers)] #variants,)*
        }

        impl Producer {
            /// Every producer, in schema order.
            pub const ALL: &'static [Self] = &[#(Self::#variants),*];

            /// The name as it appears in JSON.
            pub const fn as_str(self) -> &'static str {
                match self { #(Self::#variants => #producers,)* }
            }

            /// The producer with this JSON name.
            pub fn from_name(name: &str) -> ::core::option::Option<Self> {
                match name { #(#producers => ::core::option::Option::Some(Self::#variants),)* _ => ::core::option::Option::None }
            }
        }

        impl ::core::fmt::Display for Producer {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn actor_items(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let person_id = ident(ctx.set.ids.get("per").map_or("PersonId", String::as_str));
    let actor_pattern = format!("^per_<uuid v7>$ or ^system:({})$", ctx.set.producers.join("|"));
    quote! {
        /// Who caused the event: a person, or a producer's automation (`system:<producer>`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Actor {
            /// A human, by person id.
            Person(super::ids::#person_id),
            /// An automated job of a producing domain.
            System(Producer),
        }

        impl ::core::fmt::Display for Actor {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    Self::Person(id) => ::core::fmt::Display::fmt(id, f),
                    Self::System(p) => write!(f, "system:{}", p.as_str()),
                }
            }
        }

        impl ::core::str::FromStr for Actor {
            type Err = #rt::ValueError;
            fn from_str(text: &str) -> ::core::result::Result<Self, #rt::ValueError> {
                let bad = || #rt::ValueError::Pattern { value: text.to_owned(), pattern: #actor_pattern };
                match text.strip_prefix("system:") {
                    ::core::option::Option::Some(name) => Producer::from_name(name).map(Self::System).ok_or_else(bad),
                    ::core::option::Option::None => text.parse().map(Self::Person).map_err(|_| bad()),
                }
            }
        }

        impl #rt::__private::serde::Serialize for Actor {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> #rt::__private::serde::Deserialize<'de> for Actor {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                #rt::__private::str_with(d, str::parse)
            }
        }
    }
}
