//! Emits one module per contract directory, and inside it one module per event version
//! holding the payload type, the types it uses, and its `EventPayload` impl.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::attrs::Place;
use super::common::Reuse;
use super::ctx::{doc_lines, ident, up, Ctx};
use super::types::{emit_space_except, RootExtras};
use crate::load::Status;
use crate::model::names::{doc_code, doc_escape};
use crate::model::{EventModel, VersionModel};

/// One contract directory's module: the module with its re-exports, and the versions
/// whose modules go inside it. The caller emits each version module with
/// [`emit_version`] when it formats it, so only one version's tokens exist at a time.
pub struct ContractModule<'a> {
    /// `pub mod <contract> { pub use …; }`
    pub wrapper: TokenStream,
    /// The versions of this contract directory, in module order.
    pub versions: Vec<(&'a EventModel, &'a VersionModel)>,
}

/// Modules of every contract directory, sorted by module name.
pub fn emit_contract_modules<'a>(ctx: &Ctx<'a>) -> Vec<ContractModule<'a>> {
    let mut modules: BTreeMap<&str, Vec<(&EventModel, &VersionModel)>> = BTreeMap::new();
    for event in &ctx.set.events {
        for version in &event.versions {
            modules.entry(&version.contract_module).or_default().push((event, version));
        }
    }
    let modules = modules.into_iter().map(|(module, versions)| {
        let module_id = ident(module);
        let doc = match versions[0].1.contract_dir.as_deref() {
            Some(dir) => format!(" Events of the {} contract directory.", doc_code(dir)),
            None => " Events with neither a payload schema nor an owning contract.".to_owned(),
        };
        let reexports = versions.iter().map(|(_, v)| {
            let m = ident(&v.version_module);
            let t = ident(&v.rust_name);
            quote!(pub use self::#m::#t;)
        });
        let gate = ctx.gate(versions[0].1.contract_dir.as_deref());
        ContractModule {
            wrapper: quote! {
                #[doc = #doc]
                #gate
                pub mod #module_id {
                    #(#reexports)*
                }
            },
            versions,
        }
    });
    modules.collect()
}

/// The contract facts of a version, as rustdoc.
fn contract_doc(event: &EventModel, v: &VersionModel) -> String {
    let mut doc = String::from("\n# Contract\n\n");
    doc.push_str(&format!("- event type: {}, schema version {}\n", doc_code(&event.name), v.version));
    doc.push_str(&format!("- producer: {}; consumers: {}\n", doc_code(&event.producer), consumers(event)));
    doc.push_str(&format!("- status: {} (registered {}", status_name(v.status), doc_escape(&v.registered_at)));
    if let Some(d) = &v.deprecated_at {
        doc.push_str(&format!(", deprecated {}", doc_escape(d)));
    }
    if let Some(d) = &v.active_from {
        doc.push_str(&format!(", active from {}", doc_escape(d)));
    }
    doc.push_str(")\n");
    match &v.payload_schema {
        Some(p) => doc.push_str(&format!("- payload schema: {}\n", doc_code(p))),
        None => doc.push_str("- payload schema: none registered; the payload is opaque (any JSON object) but still routable\n"),
    }
    if let Some(c) = &event.owning_contract {
        doc.push_str(&format!("- owning contract: {}\n", doc_code(c)));
    }
    if let Some(n) = &v.notes {
        doc.push_str(&format!("\nRegistry notes: {}\n", doc_escape(n)));
    }
    doc
}

/// The registered consumers as code spans, or `none`.
pub fn consumers(event: &EventModel) -> String {
    if event.consumers.is_empty() {
        "none".to_owned()
    } else {
        event.consumers.iter().map(|c| doc_code(c)).collect::<Vec<_>>().join(", ")
    }
}

/// `#[doc(alias = "lead.created")]`, so searching the event type in rustdoc finds its
/// types; nothing for a name rustdoc refuses as an alias (quotes, tabs, line breaks,
/// leading or trailing spaces).
fn alias(event: &EventModel) -> TokenStream {
    let name = &event.name;
    let refused =
        name.is_empty() || name.starts_with(' ') || name.ends_with(' ') || name.chars().any(|c| c == '"' || c == '\'' || (c.is_whitespace() && c != ' '));
    if refused {
        quote!()
    } else {
        quote!(#[doc(alias = #name)])
    }
}

/// The registry's word for a status.
pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::Active => "active",
        Status::Deprecated => "deprecated",
        Status::Retired => "retired",
    }
}

fn deprecation(v: &VersionModel) -> TokenStream {
    // The date goes in the note: `since` is meant for a semver version of the crate.
    let since = v.deprecated_at.as_deref().unwrap_or(&v.registered_at);
    let note = match (v.status, &v.notes) {
        (Status::Active, _) => return quote!(),
        (Status::Deprecated, Some(n)) => format!("deprecated in the event registry since {since}: {n}"),
        (Status::Deprecated, None) => format!("deprecated in the event registry since {since}"),
        (Status::Retired, _) => format!("retired in the event registry (deprecated since {since}): producers must not emit it"),
    };
    quote!(#[deprecated(note = #note)])
}

/// `pub mod <event>_v<N> { … }`: the payload type, the types it uses, its `EventPayload` impl.
/// The types of `reuse` are re-exported from the directory's module of shared types
/// instead of defined here.
pub fn emit_version(ctx: &Ctx<'_>, event: &EventModel, v: &VersionModel, reuse: Option<&Reuse>) -> TokenStream {
    let module_id = ident(&v.version_module);
    let name = ident(&v.rust_name);
    let rt = &ctx.rt;
    let up2 = up(2);
    let module_doc = format!(" {} schema version {}.", doc_code(&event.name), v.version);
    let alias = alias(event);
    let contract_doc = doc_lines(&contract_doc(event, v));
    let constructor_attrs = deprecation(v);
    let sunset = v.sunset.then(|| {
        format!(
            "{} v{} is sunset: its producer cutover was {}; produce v{} instead (consumers can still decode v{})",
            event.name,
            v.version,
            v.producer_cutover.as_deref().unwrap_or("reached"),
            event.versions.iter().map(|x| x.version).max().unwrap_or(v.version),
            v.version
        )
    });
    let (items, root_doc) = match &v.payload {
        Some(payload) => {
            let extras =
                RootExtras { doc: quote!(#contract_doc #alias), constructor_attrs, sunset, produce: super::produce::constructor_bound(ctx, 2, &v.rust_name) };
            let place = Place { modules: vec![&v.contract_module, &v.version_module], event: Some((&event.name, v.version, payload.root)) };
            let (elsewhere, reexport) = reuse.map(|r| (&r.ids, &r.reexport)).unzip();
            let items = emit_space_except(ctx, &payload.space, &place, Some((payload.root, &extras)), elsewhere.unwrap_or(&Default::default()));
            (quote!(#reexport #items), quote!())
        }
        None => {
            let serde_crate = ctx.serde_crate();
            let object_ty = quote!(#rt::__private::serde_json::Map<::std::string::String, #rt::__private::serde_json::Value>);
            let (param_ty, object, check, guard) = match sunset.as_deref() {
                Some(message) => {
                    let (check, guard) = super::types::sunset_guard(Some(message), Some(ident("object")));
                    (
                        quote!(impl ::core::convert::Into<#object_ty>),
                        quote!(::core::convert::Into::<#object_ty>::into(object)),
                        check,
                        quote!(mod wire { #guard }),
                    )
                }
                None => (object_ty.clone(), quote!(object), quote!(), quote!()),
            };
            // Producer-only construction also bounds `Default` (else derived).
            let (produce_generics, produce_bound, default_derive, default_impl) = match super::produce::constructor_bound(ctx, 2, &v.rust_name) {
                Some(bound) => {
                    let (lifetime, predicate) = (bound.lifetime(), bound.predicate());
                    (
                        quote!(<#lifetime>),
                        quote!(where #predicate),
                        quote!(),
                        quote! {
                            // Not derived: the derive would drop the producer bound.
                            #[allow(clippy::derivable_impls)]
                            impl<#lifetime> ::core::default::Default for #name where #predicate {
                                fn default() -> Self {
                                    Self(::core::default::Default::default())
                                }
                            }
                        },
                    )
                }
                None => (quote!(), quote!(), quote!(Default,), quote!()),
            };
            let doc = format!(" Opaque payload of {} v{}: the registry names no schema, so any JSON object is accepted.", doc_code(&event.name), v.version);
            (
                quote! {
                    #[doc = #doc]
                    #contract_doc
                    #alias
                    #[derive(Debug, Clone, PartialEq, #default_derive #rt::__private::serde::Serialize, #rt::__private::serde::Deserialize)]
                    #[serde(crate = #serde_crate, transparent)]
                    pub struct #name(#rt::OpaqueObject);

                    impl #name {
                        /// Wraps a JSON object; nothing is checked because no schema is registered.
                        #constructor_attrs
                        #[must_use]
                        pub fn new #produce_generics (object: #param_ty) -> Self #produce_bound {
                            #check
                            Self(#rt::OpaqueObject::from(#object))
                        }

                        /// The JSON object, exactly as received.
                        pub fn object(&self) -> &#rt::OpaqueObject {
                            &self.0
                        }
                    }

                    #default_impl
                    #guard
                },
                quote!(),
            )
        }
    };
    let event_type = &event.name;
    let version = v.version;
    // `check` refuses a producer the envelope does not list, so the variant exists; an
    // envelope without a producer role has no `Producer`.
    let producer = ctx.set.producer_variant(&event.producer).map(|variant| {
        let variant = ident(variant);
        quote!(producer: #up2 envelope::Producer::#variant,)
    });
    let consumers = &event.consumers;
    let status = ident(match v.status {
        Status::Active => "Active",
        Status::Deprecated => "Deprecated",
        Status::Retired => "Retired",
    });
    let opt = |o: &Option<String>| match o {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    };
    let schema = opt(&v.payload_schema);
    let registered_at = &v.registered_at;
    let deprecated_at = opt(&v.deprecated_at);
    let active_from = opt(&v.active_from);
    quote! {
        #[doc = #module_doc]
        pub mod #module_id {
            #root_doc
            #items

            impl #up2 envelope::EventPayload for #name {
                const REGISTRATION: #up2 envelope::Registration = #up2 envelope::Registration {
                    event_type: #event_type,
                    schema_version: #version,
                    #producer
                    consumers: &[#(#consumers),*],
                    status: #rt::Status::#status,
                    payload_schema: #schema,
                    registered_at: #registered_at,
                    deprecated_at: #deprecated_at,
                    active_from: #active_from,
                };
            }
        }
    }
}
