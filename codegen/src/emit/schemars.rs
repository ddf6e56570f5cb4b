//! `schemars::JsonSchema` impls ([`crate::Config::schemars`]), all in one module behind
//! `#[cfg(feature = "schemars")]`: a default build of the generated crate compiles none of it.
//!
//! Each payload type's schema is its contract's own, bundled by [`crate::bundle`] and
//! embedded as one string literal; the runtime's `contract_json_schema!` turns that into
//! the impl (one line per type here). `Envelope<P>` gets one generic impl (the envelope
//! contract, `event_type`/`schema_version` fixed to `P`'s, `payload` as `P`'s schema) and
//! `AnyEvent` a `oneOf` of the envelope of every payload type.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{ident, Ctx};
use crate::bundle::Schemas;
use crate::model::EnvelopeRole;

/// The schema of a payload without a registered schema: any JSON object (as `OpaqueObject` decodes).
const OPAQUE: &str = r#"{"type":"object"}"#;

/// The `json_schema` module.
pub fn emit_json_schemas(ctx: &Ctx<'_>, schemas: &Schemas) -> TokenStream {
    let rt = &ctx.rt;
    let versions: Vec<_> = ctx.set.events.iter().flat_map(|e| e.versions.iter().map(move |v| (e, v))).collect();
    let gate: Vec<TokenStream> = versions.iter().map(|(_, v)| ctx.gate(v.contract_dir.as_deref())).collect();
    let path: Vec<TokenStream> = versions
        .iter()
        .map(|(_, v)| {
            let (m, t) = (ident(&v.contract_module), ident(&v.rust_name));
            quote!(super::#m::#t)
        })
        .collect();
    let name: Vec<&str> = versions.iter().map(|(_, v)| v.rust_name.as_str()).collect();
    let bundle: Vec<TokenStream> =
        versions.iter().map(|(e, v)| raw_str(schemas.payloads.get(&(e.name.clone(), v.version)).map_or(OPAQUE, String::as_str))).collect();
    let event_type: Vec<&str> = versions.iter().map(|(e, _)| e.name.as_str()).collect();
    let version: Vec<u64> = versions.iter().map(|(_, v)| u64::from(v.version)).collect();
    // One impl per envelope version, each in a module of its own (the macro defines a
    // helper type): `Envelope<P>` of `envelope` or of `envelope::vN`.
    let envelopes = ctx.set.envelopes.iter().map(|e| {
        let module = ident(&format!("envelope_v{}", e.version));
        let path = match e.module.as_deref() {
            Some(m) => {
                let m = ident(m);
                quote!(super::super::envelope::#m::Envelope)
            }
            None => quote!(super::super::envelope::Envelope),
        };
        let bundle = raw_str(schemas.envelopes.get(&e.version).map_or("{}", String::as_str));
        let (type_name, version_name, payload_name) =
            (e.member(EnvelopeRole::EventType), e.member(EnvelopeRole::SchemaVersion), e.member(EnvelopeRole::Payload));
        quote! {
            mod #module {
                use #path;
                #rt::__private::envelope_json_schema!(Envelope, super::super::envelope::EventPayload, #bundle, [#type_name, #version_name, #payload_name]);
            }
        }
    });
    let envelope_of: Vec<TokenStream> = versions.iter().map(|(_, v)| super::dispatch::envelope_path(ctx, v.envelope)).collect();
    quote! {
        /// `schemars::JsonSchema` for every payload type, `Envelope<P>` and `AnyEvent` (cargo
        /// feature `schemars`): each schema is the contract's own, with its `$ref`s under the
        /// generator's definitions.
        #[cfg(feature = "schemars")]
        #[allow(unused_mut, unused_variables, unused_imports)]
        mod json_schema {
            use super::any::{AnyEvent, AnyPayload};
            use #rt::__private::schemars::{Schema, SchemaGenerator};

            #(#gate #rt::__private::contract_json_schema!(#path, #name, #bundle);)*

            #(#envelopes)*

            impl #rt::__private::schemars::JsonSchema for AnyEvent {
                fn schema_name() -> #rt::__private::Cow<'static, str> {
                    #rt::__private::Cow::Borrowed("AnyEvent")
                }

                fn schema_id() -> #rt::__private::Cow<'static, str> {
                    #rt::__private::Cow::Borrowed(concat!(module_path!(), "::AnyEvent"))
                }

                #[allow(clippy::vec_init_then_push)]
                fn json_schema(generator: &mut SchemaGenerator) -> Schema {
                    let mut branches = ::std::vec::Vec::new();
                    #(#gate branches.push(generator.subschema_for::<#envelope_of<#path>>());)*
                    #rt::__private::one_of(branches)
                }
            }

            impl AnyPayload {
                /// The JSON Schema of the payload type of `event_type` v`version`, as
                /// `generator.into_root_schema_for` gives it (`schemars::schema_for!` with the
                /// default generator); `None` when that version is not registered.
                pub fn json_schema_of(event_type: &str, version: u64, generator: SchemaGenerator) -> ::core::option::Option<Schema> {
                    match (event_type, version) {
                        #(#gate (#event_type, #version) => ::core::option::Option::Some(generator.into_root_schema_for::<#path>()),)*
                        _ => ::core::option::Option::None,
                    }
                }
            }

            impl AnyEvent {
                /// The JSON Schema of the envelope of `event_type` v`version` (`Envelope<P>`
                /// of its payload type), as `generator.into_root_schema_for` gives it; `None`
                /// when that version is not registered.
                pub fn json_schema_of(event_type: &str, version: u64, generator: SchemaGenerator) -> ::core::option::Option<Schema> {
                    match (event_type, version) {
                        #(#gate (#event_type, #version) => ::core::option::Option::Some(generator.into_root_schema_for::<#envelope_of<#path>>()),)*
                        _ => ::core::option::Option::None,
                    }
                }
            }
        }
    }
}

/// `text` as a raw string literal (`r#"…"#`, with as many `#` as it needs): JSON keeps its
/// quotes unescaped, a fifth smaller and readable in the generated file.
fn raw_str(text: &str) -> TokenStream {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}").parse().expect("a raw string literal is a token")
}

#[cfg(test)]
mod tests {
    #[test]
    fn raw_strings_hold_any_text() {
        for text in ["{}", r#"{"a":"b"}"#, "\"#", "x\"##y", "line\nbreak \\ back"] {
            let literal: syn::LitStr = syn::parse2(super::raw_str(text)).unwrap();
            assert_eq!(literal.value(), text);
        }
    }
}
