//! Emits the `any` module: one enum over every (event type, version), and the consumer
//! side decoders that route an envelope or a bare payload to its generated type.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{ident, shape_type, slot_type, At, Ctx};
use super::view::{self, Lend};
use crate::model::types::Shape;
use crate::model::{EnvelopeField, EnvelopeModel, EnvelopeRole, EventModel, FieldKind, VersionModel};

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
    let envelope_path: Vec<TokenStream> = versions.iter().map(|(_, v)| envelope_path(ctx, v.envelope)).collect();
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
    let (rest, lenient) = if ctx.features {
        (
            quote!(#[allow(unreachable_patterns)] _ => unreachable!("no variant exists without a contract feature"),),
            quote!(#[allow(unused_variables, unused_imports)]),
        )
    } else {
        (quote!(), quote!())
    };
    let (head, getters) = head_and_getters(ctx, &gate, &variant, &rest);
    let cause = cause_impl(ctx);
    // Where the payload sits in an envelope, as a JSON pointer, for located payload errors.
    let payload_at = payload_pointer(ctx);
    // A version whose contract feature is off is registered but not compiled in.
    let not_compiled: Vec<TokenStream> = versions
        .iter()
        .filter_map(|(e, v)| {
            let dir = v.contract_dir.as_deref().filter(|_| ctx.features)?;
            let (name, version) = (&e.name, u64::from(v.version));
            Some(quote! {
                #[cfg(not(feature = #dir))]
                (#name, #version) => return #rt::DecodeError::NotCompiledIn { event_type: event_type.to_owned(), version, feature: #dir },
            })
        })
        .collect();
    // Emitted only with contract features: without them every version is compiled in.
    let not_compiled = (!not_compiled.is_empty()).then(|| {
        quote! {
            #[allow(clippy::match_single_binding)]
            match (event_type, version) {
                #(#not_compiled)*
                _ => {}
            }
        }
    });
    let cloudevents = (!ctx.set.envelopes.is_empty() && ctx.set.envelopes.iter().all(|e| e.cloudevents)).then(|| {
        quote! {
            impl #rt::CloudEventsJson for AnyEvent {
                fn to_structured_json(&self) -> ::std::string::String {
                    self.to_json()
                }

                fn from_structured_json(json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                    Self::from_json(json)
                }
            }
        }
    });
    let event_types: Vec<TokenStream> = envelope_path.iter().zip(&path).map(|(e, p)| quote!(#e<#p>)).collect();
    let event_eq = partial_eq(&quote!(AnyEvent), &quote!(event_as_any), &event_types, &gate, &variant, &rest);
    let payload_eq = partial_eq(&quote!(AnyPayload), &quote!(payload_as_any), &path, &gate, &variant, &rest);
    let (from_json, into_event) = if ctx.set.envelopes.len() > 1 {
        (routed_from_json(ctx, &versions), quote!())
    } else {
        (
            quote! {
                /// Decodes an envelope and routes its payload by `event_type` and `schema_version`.
                pub fn from_json(json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                    let wire: super::envelope::WireIn<'_, &#rt::__private::serde_json::value::RawValue> =
                        #rt::__private::from_json::<#rt::__private::ObjectOnly<_>>(json).map_err(#rt::DecodeError::Envelope)?.0;
                    let event_type = wire.event_type.clone();
                    let version = wire.schema_version.get().unsigned_abs();
                    let (envelope, raw) = wire.split();
                    let payload = AnyPayload::decode(&event_type, version, json, raw.get().as_bytes(), #payload_at)?;
                    ::core::result::Result::Ok(payload.into_event(envelope))
                }
            },
            quote! {
                fn into_event(self, envelope: super::envelope::Envelope<()>) -> AnyEvent {
                    match self { #(#gate Self::#variant(p) => AnyEvent::#variant(envelope.with_payload(p)),)* #rest }
                }
            },
        )
    };
    quote! {
        /// Consumer side: decode any registered event without knowing its type in advance.
        #lenient
        pub mod any {
            use super::envelope::EventPayload;

            /// Every registered event type with its schema versions, sorted by name.
            pub const REGISTERED: &[(&str, &[u32])] = &[#(#registered),*];

            /// Any registered event: one variant per (event type, schema version). Adding an
            /// event type is compatible, so matches need a wildcard arm.
            #[derive(Debug, Clone)]
            #[non_exhaustive]
            pub enum AnyEvent {
                #(#[doc = #docs] #gate #variant(#envelope_path<#path>),)*
            }

            /// Any registered payload: one variant per (event type, schema version).
            #[derive(Debug, Clone)]
            #[non_exhaustive]
            pub enum AnyPayload {
                #(#[doc = #docs] #gate #variant(#path),)*
            }

            impl AnyEvent {
                #from_json

                /// The registry's entry for the event's type and version: its producer,
                /// consumers, status and dates.
                pub fn registration(&self) -> &'static super::envelope::Registration {
                    match self { #(#gate Self::#variant(_) => &<#path as EventPayload>::REGISTRATION,)* #rest }
                }

                /// The event type.
                pub fn event_type(&self) -> &'static str {
                    self.registration().event_type
                }

                /// The schema version.
                pub fn schema_version(&self) -> u32 {
                    self.registration().schema_version
                }

                /// Encodes the event as JSON.
                pub fn to_json(&self) -> ::std::string::String {
                    #rt::__private::serde_json::to_string(self).expect("generated types always serialize")
                }

                #getters
            }

            #head
            #cloudevents
            #cause

            #event_eq
            #payload_eq

            /// Serializes the event held, as its own type does: `to_json` is this with
            /// serde_json.
            impl #rt::__private::serde::Serialize for AnyEvent {
                fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    match self { #(#gate Self::#variant(e) => #rt::__private::serde::Serialize::serialize(e, s),)* #rest }
                }
            }

            /// Serializes the payload held, as its own type does: `to_json` is this with
            /// serde_json.
            impl #rt::__private::serde::Serialize for AnyPayload {
                fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    match self { #(#gate Self::#variant(p) => #rt::__private::serde::Serialize::serialize(p, s),)* #rest }
                }
            }

            impl AnyPayload {
                /// Decodes a bare payload of the given event type and schema version.
                pub fn from_json(event_type: &str, version: u64, json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                    Self::decode(event_type, version, json, json, "")
                }

                /// Decodes a bare payload already parsed into a JSON value (from its JSON
                /// text: error positions are in that text).
                pub fn from_value(event_type: &str, version: u64, json: #rt::__private::serde_json::Value) -> ::core::result::Result<Self, #rt::DecodeError> {
                    let text = json.to_string();
                    Self::decode(event_type, version, text.as_bytes(), text.as_bytes(), "")
                }

                /// Decodes the payload `raw`, found at `at` in `input`.
                pub(crate) fn decode(event_type: &str, version: u64, input: &[u8], raw: &[u8], at: &'static str) -> ::core::result::Result<Self, #rt::DecodeError> {
                    match (event_type, version) {
                        #(#gate (#event_type, #version_u64) => #rt::__private::decode_payload(input, raw, at, #event_type, #version).map(Self::#variant),)*
                        _ => ::core::result::Result::Err(unknown(event_type, version)),
                    }
                }

                /// The registry's entry for the payload's type and version: its producer,
                /// consumers, status and dates.
                pub fn registration(&self) -> &'static super::envelope::Registration {
                    match self { #(#gate Self::#variant(_) => &<#path as EventPayload>::REGISTRATION,)* #rest }
                }

                /// The event type.
                pub fn event_type(&self) -> &'static str {
                    self.registration().event_type
                }

                /// The schema version.
                pub fn schema_version(&self) -> u32 {
                    self.registration().schema_version
                }

                /// Encodes the payload as JSON.
                pub fn to_json(&self) -> ::std::string::String {
                    #rt::__private::serde_json::to_string(self).expect("generated types always serialize")
                }

                #into_event
            }

            fn unknown(event_type: &str, version: u64) -> #rt::DecodeError {
                #not_compiled
                match REGISTERED.iter().find(|(name, _)| *name == event_type) {
                    ::core::option::Option::Some((_, known)) => #rt::DecodeError::UnknownVersion { event_type: event_type.to_owned(), version, known },
                    ::core::option::Option::None => #rt::DecodeError::UnknownEventType { event_type: event_type.to_owned() },
                }
            }
        }
    }
}

/// `PartialEq` for an `any` enum, by hand: derived, it matches the pair `(self, other)`,
/// and rustc checks a match of `other` against one variant in time and memory linear in the
/// variants, so quadratic over all of them (1.1 GB of a 1,000-version build). Downcasting
/// `other` to the variant's type (`inner`, through `as_any`) matches no enum per arm.
fn partial_eq(
    ty: &TokenStream,
    as_any: &TokenStream,
    inner: &[TokenStream],
    gate: &[TokenStream],
    variant: &[proc_macro2::Ident],
    rest: &TokenStream,
) -> TokenStream {
    let doc = format!(" The value inside an `{ty}`, as `Any`.");
    quote! {
        impl ::core::cmp::PartialEq for #ty {
            fn eq(&self, other: &Self) -> bool {
                let other = #as_any(other);
                match self { #(#gate Self::#variant(x) => other.downcast_ref::<#inner>() == ::core::option::Option::Some(x),)* #rest }
            }
        }

        #[doc = #doc]
        fn #as_any(value: &#ty) -> &dyn ::core::any::Any {
            match value { #(#gate #ty::#variant(v) => v,)* #rest }
        }
    }
}

/// The JSON pointer of the payload in an envelope of the set (`/payload`, `/data`).
fn payload_pointer(ctx: &Ctx<'_>) -> String {
    ctx.set.default_envelope().map_or_else(|| "/payload".to_owned(), EnvelopeModel::payload_pointer)
}

/// The path of envelope version `n`'s `Envelope` from a module at the top of the generated
/// file (`any`, `json_schema`).
pub(super) fn envelope_path(ctx: &Ctx<'_>, n: u32) -> TokenStream {
    match ctx.set.envelopes.iter().find(|e| e.version == n).and_then(|e| e.module.as_deref()) {
        Some(module) => {
            let module = ident(module);
            quote!(super::envelope::#module::Envelope)
        }
        None => quote!(super::envelope::Envelope),
    }
}

/// The Rust type a role's getter returns, as seen from the `any` module, when it can be
/// written there (a type of the runtime, of `ids`, or of the envelope module itself): the
/// envelope getter's view (`view`), written from `any`, its reference of `lifetime`.
fn any_type(ctx: &Ctx<'_>, env: &EnvelopeModel, f: &EnvelopeField, lifetime: &TokenStream) -> Option<TokenStream> {
    let rt = &ctx.rt;
    let lent = |lend, ty| view::lent(lend, usize::from(!f.required), &ty, &quote!(), lifetime).ty;
    let slot = match &f.kind {
        FieldKind::Producer => return Some(lent(Lend::Copy, quote!(super::envelope::Producer))),
        FieldKind::Actor => return Some(lent(Lend::Copy, quote!(super::envelope::Actor))),
        FieldKind::Entity => return Some(lent(Lend::Ref, quote!(#rt::EntityId))),
        FieldKind::Typed(slot) => slot,
        _ => return None,
    };
    // A named type of the envelope is written by its path from `any`; one inside another
    // type (an item, a map value) would be written by its bare name, so such roles are left out.
    if !matches!(slot.shape, Shape::Named(_)) && contains_named(&slot.shape) {
        return None;
    }
    let write = |shape: &Shape| match shape {
        Shape::Named(id) => envelope_type(env, *id),
        _ => shape_type(ctx, &env.space, shape, At { depth: 1, wire: false }),
    };
    let options = usize::from(!f.required) + usize::from(slot.nullable);
    Some(view::getter(ctx, &env.space, &slot.shape, options, &quote!(), &write, lifetime).ty)
}

/// A named type of envelope `env`, by its path from the `any` module.
fn envelope_type(env: &EnvelopeModel, id: crate::model::types::TypeId) -> TokenStream {
    let name = ident(&env.space.defs[id].name);
    match env.module.as_deref() {
        Some(m) => {
            let m = ident(m);
            quote!(super::envelope::#m::#name)
        }
        None => quote!(super::envelope::#name),
    }
}

/// The owned type of an envelope's event id, as written from the `any` module, when it can
/// be written there (see [`any_type`]).
fn any_id_type(ctx: &Ctx<'_>, env: &EnvelopeModel) -> Option<TokenStream> {
    let Some(FieldKind::Typed(slot)) = env.role(EnvelopeRole::EventId).map(|f| &f.kind) else { return None };
    match &slot.shape {
        Shape::Named(id) => Some(envelope_type(env, *id)),
        shape if contains_named(shape) => None,
        _ => Some(slot_type(ctx, &env.space, slot, At { depth: 1, wire: false })),
    }
}

/// The event id type of `impl Cause for AnyEvent`, as seen from `any`: when every envelope
/// version is a `Cause` with one event id type, a decoded event causes another without a
/// match, whatever envelope it came in.
pub(super) fn any_cause_id(ctx: &Ctx<'_>) -> Option<TokenStream> {
    let first = ctx.set.envelopes.first()?;
    let id_ty = any_id_type(ctx, first)?;
    let agree = ctx.set.envelopes.iter().all(|e| e.is_cause() && any_id_type(ctx, e).is_some_and(|t| t.to_string() == id_ty.to_string()));
    agree.then_some(id_ty)
}

/// `impl Cause for AnyEvent` (see [`any_cause_id`]), read through the held event's [`Head`].
fn cause_impl(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let Some(id_ty) = any_cause_id(ctx) else { return quote!() };
    quote! {
        impl #rt::Cause for AnyEvent {
            type Id = #id_ty;

            fn cause_event_id(&self) -> &#id_ty {
                self.head().cause_id
            }

            fn cause_correlation_id(&self) -> ::core::option::Option<&#id_ty> {
                self.head().cause_correlation
            }
        }
    }
}

fn contains_named(shape: &Shape) -> bool {
    let mut named = Vec::new();
    shape.named_ids(&mut named);
    !named.is_empty()
}

/// A member of the default envelope that every envelope version has with the same getter
/// type (in its schema order, but the event type, version and payload): `AnyEvent` reads
/// it without a match of its own.
pub(super) struct SharedMember<'e> {
    /// The default envelope's field: its getter's name and member.
    pub field: &'e EnvelopeField,
    /// The getter's type as seen from `any`, lifetimes elided.
    pub ty: TokenStream,
    /// The same type with its reference of lifetime `'a`, for a field of [`Head`].
    pub head_ty: TokenStream,
}

impl SharedMember<'_> {
    /// The member's field in [`Head`], by position: no member name can collide with another.
    pub fn head_field(index: usize) -> proc_macro2::Ident {
        ident(&format!("m{index}"))
    }
}

/// The same member in envelope `e`: a member with a role is found by that role, any other
/// member by its JSON name.
pub(super) fn counterpart<'e>(e: &'e EnvelopeModel, f: &EnvelopeField) -> Option<&'e EnvelopeField> {
    match f.role {
        Some(role) => e.role(role),
        None => e.fields.iter().find(|g| g.role.is_none() && g.json == f.json),
    }
}

/// Every [`SharedMember`] of the set.
pub(super) fn shared_members<'e>(ctx: &Ctx<'e>) -> Vec<SharedMember<'e>> {
    let Some(default) = ctx.set.default_envelope() else { return Vec::new() };
    default
        .fields
        .iter()
        .filter(|f| !f.role.is_some_and(|r| matches!(r, EnvelopeRole::EventType | EnvelopeRole::SchemaVersion | EnvelopeRole::Payload)))
        .filter_map(|f| {
            let ty = any_type(ctx, default, f, &quote!())?;
            let same = ctx
                .set
                .envelopes
                .iter()
                .all(|e| counterpart(e, f).and_then(|g| any_type(ctx, e, g, &quote!())).is_some_and(|t| t.to_string() == ty.to_string()));
            if !same {
                return None;
            }
            let head_ty = any_type(ctx, default, f, &quote!('a))?;
            Some(SharedMember { field: f, ty, head_ty })
        })
        .collect()
}

/// `Head` (the shared members and the cause ids, borrowed from the event held), the match
/// that reads it from any variant, and a getter per shared member. Each envelope version
/// fills a `Head` in `any_head`, where its fields are: one match and one small function per
/// version in place of a match and a getter call per version for every member (a getter of
/// `Envelope<P>` is a function per payload type).
fn head_and_getters(ctx: &Ctx<'_>, gate: &[TokenStream], variant: &[proc_macro2::Ident], rest: &TokenStream) -> (TokenStream, TokenStream) {
    let members = shared_members(ctx);
    let cause_id = any_cause_id(ctx);
    if members.is_empty() && cause_id.is_none() {
        return (quote!(), quote!());
    }
    let fields = members.iter().enumerate().map(|(i, m)| {
        let (name, ty) = (SharedMember::head_field(i), &m.head_ty);
        quote!(pub(crate) #name: #ty,)
    });
    let cause_fields = cause_id.map(|id| {
        quote! {
            pub(crate) cause_id: &'a #id,
            pub(crate) cause_correlation: ::core::option::Option<&'a #id>,
        }
    });
    let getters = members.iter().enumerate().map(|(i, m)| {
        let (name, ty, head_field) = (ident(&m.field.ident), &m.ty, SharedMember::head_field(i));
        let json = &m.field.json;
        let doc = if m.field.role == Some(EnvelopeRole::EventId) { format!(" `{json}`: what consumers deduplicate on.") } else { format!(" `{json}`.") };
        quote! {
            #[doc = #doc]
            pub fn #name(&self) -> #ty {
                self.head().#head_field
            }
        }
    });
    let head = quote! {
        /// The members every envelope version shares, read from the event held (see
        /// `AnyEvent`'s getters).
        pub(crate) struct Head<'a> {
            #(#fields)*
            #cause_fields
        }
    };
    let getters = quote! {
        /// The shared members of the event held.
        fn head(&self) -> Head<'_> {
            match self { #(#gate Self::#variant(e) => e.any_head(),)* #rest }
        }

        #(#getters)*
    };
    (head, getters)
}

/// `AnyEvent::from_json` over several envelopes: the event type and version, read first,
/// say which envelope the message travels in; that envelope then decodes it whole.
fn routed_from_json(ctx: &Ctx<'_>, versions: &[(&EventModel, &VersionModel)]) -> TokenStream {
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let Some(default) = ctx.set.default_envelope() else { return quote!() };
    let (type_json, version_json) = (default.member(EnvelopeRole::EventType), default.member(EnvelopeRole::SchemaVersion));
    let payload_at = payload_pointer(ctx);
    let arms = versions.iter().map(|(e, v)| {
        let gate = ctx.gate(v.contract_dir.as_deref());
        let variant = ident(&v.rust_name);
        let (name, version, version_u64) = (&e.name, v.version, u64::from(v.version));
        let wire = match ctx.set.envelopes.iter().find(|x| x.version == v.envelope).and_then(|x| x.module.as_deref()) {
            Some(m) => {
                let m = ident(m);
                quote!(super::envelope::#m::WireIn)
            }
            None => quote!(super::envelope::WireIn),
        };
        quote! {
            #gate (#name, #version_u64) => {
                let wire: #wire<'_, &#rt::__private::serde_json::value::RawValue> =
                    #rt::__private::from_json::<#rt::__private::ObjectOnly<_>>(json).map_err(#rt::DecodeError::Envelope)?.0;
                let (envelope, raw) = wire.split();
                let payload = #rt::__private::decode_payload(json, raw.get().as_bytes(), #payload_at, #name, #version)?;
                ::core::result::Result::Ok(Self::#variant(envelope.with_payload(payload)))
            }
        }
    });
    quote! {
        /// Decodes an envelope and routes its payload by event type and schema version,
        /// which also say the envelope version it travels in.
        pub fn from_json(json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
            #[derive(#rt::__private::serde::Deserialize)]
            #[serde(crate = #serde_crate)]
            struct Probe<'a> {
                #[serde(borrow, rename = #type_json)]
                event_type: #rt::__private::Cow<'a, str>,
                #[serde(rename = #version_json)]
                schema_version: u64,
            }
            let probe: Probe<'_> = #rt::__private::from_json::<#rt::__private::ObjectOnly<_>>(json).map_err(#rt::DecodeError::Envelope)?.0;
            match (probe.event_type.as_ref(), probe.schema_version) {
                #(#arms)*
                _ => ::core::result::Result::Err(unknown(&probe.event_type, probe.schema_version)),
            }
        }
    }
}
