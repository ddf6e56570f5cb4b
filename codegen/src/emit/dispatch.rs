//! Emits the `any` module: one enum over every (event type, version), and the consumer
//! side decoders that route an envelope or a bare payload to its generated type.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{ident, Ctx};

/// The `any` module.
pub fn emit_dispatch(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let versions: Vec<_> = ctx.set.events.iter().flat_map(|e| e.versions.iter().map(move |v| (e, v))).collect();
    let variant: Vec<_> = versions.iter().map(|(_, v)| ident(&v.rust_name)).collect();
    let path: Vec<_> = versions
        .iter()
        .map(|(_, v)| {
            let m = ident(&v.contract_module);
            let t = ident(&v.rust_name);
            quote!(super::#m::#t)
        })
        .collect();
    let event_type: Vec<&str> = versions.iter().map(|(e, _)| e.name.as_str()).collect();
    let version: Vec<u32> = versions.iter().map(|(_, v)| v.version).collect();
    let version_u64: Vec<u64> = version.iter().map(|v| u64::from(*v)).collect();
    let registered = ctx.set.events.iter().map(|e| {
        let name = &e.name;
        let vs = e.versions.iter().map(|v| v.version);
        quote!((#name, &[#(#vs),*]))
    });
    let docs: Vec<String> = versions.iter().map(|(e, v)| format!(" `{}` v{}", e.name, v.version)).collect();
    let gate: Vec<TokenStream> = versions.iter().map(|(_, v)| ctx.gate(v.contract_dir.as_deref())).collect();
    // With contract features, a crate may enable none of them: the enums are then empty and
    // every match needs an arm of its own, unreachable whenever a variant exists.
    let event_id = super::ctx::ident(&ctx.set.ids["evt"]);
    let (rest, lenient) = if ctx.features {
        (
            quote!(#[allow(unreachable_patterns)] _ => unreachable!("no variant exists without a contract feature"),),
            quote!(#[allow(unused_variables, unused_imports)]),
        )
    } else {
        (quote!(), quote!())
    };
    quote! {
        /// Consumer side: decode any registered event without knowing its type in advance.
        #lenient
        pub mod any {
            use super::envelope::{Envelope, EventPayload, WireIn};

            /// Every registered event type with its schema versions, sorted by name.
            pub const REGISTERED: &[(&str, &[u32])] = &[#(#registered),*];

            /// Any registered event: one variant per (event type, schema version). Adding an
            /// event type is compatible, so matches need a wildcard arm.
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum AnyEvent {
                #(#[doc = #docs] #gate #variant(Envelope<#path>),)*
            }

            /// Any registered payload: one variant per (event type, schema version).
            #[derive(Debug, Clone, PartialEq)]
            #[non_exhaustive]
            pub enum AnyPayload {
                #(#[doc = #docs] #gate #variant(#path),)*
            }

            impl AnyEvent {
                /// Decodes an envelope and routes its payload by `event_type` and `schema_version`.
                pub fn from_json(json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                    let wire: WireIn<'_, &#rt::__private::serde_json::value::RawValue> =
                        #rt::__private::from_json::<#rt::__private::ObjectOnly<_>>(json).map_err(#rt::DecodeError::Envelope)?.0;
                    let event_type = wire.event_type.clone();
                    let version = wire.schema_version.get().unsigned_abs();
                    let (envelope, raw) = wire.split();
                    let payload = AnyPayload::from_json(&event_type, version, raw.get().as_bytes())?;
                    ::core::result::Result::Ok(payload.into_event(envelope))
                }

                /// The event type.
                pub fn event_type(&self) -> &'static str {
                    match self { #(#gate Self::#variant(_) => #event_type,)* #rest }
                }

                /// The schema version.
                pub fn schema_version(&self) -> u32 {
                    match self { #(#gate Self::#variant(_) => #version,)* #rest }
                }

                /// Encodes the event as JSON.
                pub fn to_json(&self) -> ::std::string::String {
                    match self { #(#gate Self::#variant(e) => e.to_json(),)* #rest }
                }

                /// `event_id`: what consumers deduplicate on.
                pub fn event_id(&self) -> super::ids::#event_id {
                    match self { #(#gate Self::#variant(e) => e.event_id(),)* #rest }
                }

                /// `producer`.
                pub fn producer(&self) -> super::envelope::Producer {
                    match self { #(#gate Self::#variant(e) => e.producer(),)* #rest }
                }

                /// `tenant_id`.
                pub fn tenant_id(&self) -> &#rt::NonEmptyString {
                    match self { #(#gate Self::#variant(e) => e.tenant_id(),)* #rest }
                }

                /// `occurred_at`.
                pub fn occurred_at(&self) -> #rt::Timestamp {
                    match self { #(#gate Self::#variant(e) => e.occurred_at(),)* #rest }
                }

                /// `subject`.
                pub fn subject(&self) -> ::core::option::Option<&#rt::EntityId> {
                    match self { #(#gate Self::#variant(e) => e.subject(),)* #rest }
                }

                /// `actor`.
                pub fn actor(&self) -> ::core::option::Option<super::envelope::Actor> {
                    match self { #(#gate Self::#variant(e) => e.actor(),)* #rest }
                }

                /// `correlation_id`.
                pub fn correlation_id(&self) -> ::core::option::Option<super::ids::#event_id> {
                    match self { #(#gate Self::#variant(e) => e.correlation_id(),)* #rest }
                }
            }

            impl AnyPayload {
                /// Decodes a bare payload of the given event type and schema version.
                pub fn from_json(event_type: &str, version: u64, json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                    match (event_type, version) {
                        #(#gate (#event_type, #version_u64) => #rt::__private::from_json_text(json)
                            .map(Self::#variant)
                            .map_err(|source| #rt::DecodeError::Payload { event_type: #event_type, version: #version, source }),)*
                        _ => ::core::result::Result::Err(unknown(event_type, version)),
                    }
                }

                /// Decodes a bare payload already parsed into a JSON value.
                pub fn from_value(event_type: &str, version: u64, json: #rt::__private::serde_json::Value) -> ::core::result::Result<Self, #rt::DecodeError> {
                    match (event_type, version) {
                        #(#gate (#event_type, #version_u64) => #rt::__private::serde_json::from_value(json)
                            .map(Self::#variant)
                            .map_err(|source| #rt::DecodeError::Payload { event_type: #event_type, version: #version, source }),)*
                        _ => ::core::result::Result::Err(unknown(event_type, version)),
                    }
                }

                /// The event type.
                pub fn event_type(&self) -> &'static str {
                    match self { #(#gate Self::#variant(_) => <#path as EventPayload>::EVENT_TYPE,)* #rest }
                }

                /// The schema version.
                pub fn schema_version(&self) -> u32 {
                    match self { #(#gate Self::#variant(_) => <#path as EventPayload>::SCHEMA_VERSION,)* #rest }
                }

                /// Encodes the payload as JSON.
                pub fn to_json(&self) -> ::std::string::String {
                    match self { #(#gate Self::#variant(p) => #rt::__private::serde_json::to_string(p).expect("generated types always serialize"),)* #rest }
                }

                fn into_event(self, envelope: Envelope<()>) -> AnyEvent {
                    match self { #(#gate Self::#variant(p) => AnyEvent::#variant(envelope.with_payload(p)),)* #rest }
                }
            }

            fn unknown(event_type: &str, version: u64) -> #rt::DecodeError {
                match REGISTERED.iter().find(|(name, _)| *name == event_type) {
                    ::core::option::Option::Some((_, known)) => #rt::DecodeError::UnknownVersion { event_type: event_type.to_owned(), version, known },
                    ::core::option::Option::None => #rt::DecodeError::UnknownEventType { event_type: event_type.to_owned() },
                }
            }
        }
    }
}
