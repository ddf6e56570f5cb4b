//! Emits the `any` module: one enum over every (event type, version), and the consumer
//! side decoders that route an envelope or a bare payload to its generated type.
//!
//! Per version the module holds its two enum variants and one row of a table: the code
//! that lists every variant (a match per method) is written once, in a `macro_rules!` of
//! the module (`each_version!`), and expanded with that table. Most methods do not list
//! the variants at all: one match lends the value held as a `&dyn` of a private trait
//! (`HeldEvent`, `HeldPayload`), implemented once, generically, for every envelope and
//! payload type, and the registration, the shared envelope members and equality are read
//! through it. Only what must name a variant or stay generic over a serializer is a match
//! per method: the lending itself, `Serialize`, decoding (routed by event type and
//! version), putting a decoded payload into its event, and the derived `Debug` and `Clone`.
//!
//! What goes through the traits is chosen by what rustc must generate code for, not only
//! by the matches it checks: a trait's vtable for a type holds every method of the trait,
//! so once any method that lends the value is compiled, every method of the trait is
//! compiled for every version. `Debug` is left derived for that reason: the derive marks
//! it `#[inline]`, so a crate that never prints an event never generates it, where a
//! `Debug` supertrait would generate the `Debug` of every payload and envelope type (a
//! tenth more functions in a 500-version crate).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ctx::{ident, shape_type, slot_type, At, Ctx};
use super::view::{self, Lend};
use crate::model::types::Shape;
use crate::model::{EnvelopeField, EnvelopeModel, EnvelopeRole, FieldKind};

/// The `any` module, formatted: the items through prettyplease, the table of versions
/// after them, one row a line.
pub fn emit_dispatch(ctx: &Ctx<'_>) -> String {
    let (items, rest) = module(ctx);
    let module = super::format(items);
    let body = module.strip_suffix("}\n").expect("a formatted module ends with its closing brace");
    let mut out = String::from(body);
    super::indented(&mut out, &each_version(ctx, &rest));
    out.push_str("    each_version! {\n");
    for (e, v) in ctx.set.events.iter().flat_map(|e| e.versions.iter().map(move |v| (e, v))) {
        let name = Literal::string(&e.name);
        out.push_str(&format!("        {}({name}, {}", ident(&v.rust_name), v.version));
        if routed(ctx) {
            out.push_str(&format!(", {}", wire_alias(v.envelope)));
        }
        if let Some(dir) = v.contract_dir.as_deref().filter(|_| ctx.features) {
            out.push_str(&format!(", feature = {}", Literal::string(dir)));
        }
        out.push_str("),\n");
    }
    out.push_str("    }\n}\n");
    out
}

/// Whether `AnyEvent::from_json` reads the event type and version first to choose the
/// envelope (the set has several envelope versions).
fn routed(ctx: &Ctx<'_>) -> bool {
    ctx.set.envelopes.len() > 1
}

/// The name, in the `any` module, of envelope version `n`'s `WireIn` around a raw payload.
fn wire_alias(n: u32) -> String {
    format!("WireV{n}")
}

/// The `any` module's items, but `each_version!` and its table (see [`emit_dispatch`]),
/// and the last arm of a match over the variants (`rest`).
fn module(ctx: &Ctx<'_>) -> (TokenStream, TokenStream) {
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
    let envelope_path: Vec<TokenStream> = versions.iter().map(|(_, v)| envelope_path(ctx, v.envelope)).collect();
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
    let (head, getters) = head_and_getters(ctx);
    let has_head = !head.is_empty();
    let held = held_traits(ctx, has_head);
    let cause = cause_impl(ctx);
    // Where the payload sits in an envelope, as a JSON pointer, for located payload errors.
    let payload_at = payload_pointer(ctx);
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
    let from_json = if routed(ctx) {
        quote!()
    } else {
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
        }
    };
    let wire_aliases = wire_aliases(ctx);
    let not_compiled = ctx.features.then(|| {
        quote!(if let ::core::option::Option::Some(error) = not_compiled(event_type, version) {
            return error;
        })
    });
    let items = quote! {
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
                    self.held().registration()
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
            #held
            #cloudevents
            #cause

            impl ::core::cmp::PartialEq for AnyEvent {
                fn eq(&self, other: &Self) -> bool {
                    self.held().eq_held(other.held())
                }
            }

            impl ::core::cmp::PartialEq for AnyPayload {
                fn eq(&self, other: &Self) -> bool {
                    self.held().eq_held(other.held())
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

                /// The registry's entry for the payload's type and version: its producer,
                /// consumers, status and dates.
                pub fn registration(&self) -> &'static super::envelope::Registration {
                    self.held().registration()
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
            }

            fn unknown(event_type: &str, version: u64) -> #rt::DecodeError {
                #not_compiled
                match REGISTERED.iter().find(|(name, _)| *name == event_type) {
                    ::core::option::Option::Some((_, known)) => #rt::DecodeError::UnknownVersion { event_type: event_type.to_owned(), version, known },
                    ::core::option::Option::None => #rt::DecodeError::UnknownEventType { event_type: event_type.to_owned() },
                }
            }

            #wire_aliases
        }
    };
    (items, rest)
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

/// `Head` (the shared members and the cause ids, borrowed from the event held), read
/// through [`HeldEvent`](held_traits), and a getter per shared member. Each envelope version
/// fills a `Head` in `any_head`, where its fields are: one small function per version in
/// place of a match and a getter call per version for every member (a getter of
/// `Envelope<P>` is a function per payload type).
fn head_and_getters(ctx: &Ctx<'_>) -> (TokenStream, TokenStream) {
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
            self.held().head()
        }

        #(#getters)*
    };
    (head, getters)
}

/// The private traits `HeldEvent` and `HeldPayload`: what the `any` enums read from the
/// value they hold, implemented once, generically, for every envelope version's
/// `Envelope<P>` and for every payload type, so that `registration`, the shared members
/// (`head`, when there is a `Head`) and `PartialEq` list no variant. One match per enum
/// (`held`, in [`each_version`]) lends the value as `&dyn`; these methods are cold, and a
/// call through a vtable costs them nothing that matters. Each method is compiled for every
/// version as soon as one is (see the module's docs): keep to what the enums' non-inline
/// methods reach anyway.
///
/// Equality downcasts the other side's value (upcast to `dyn Any`, a supertrait) to this
/// one's type, so no method matches the pair `(self, other)`: derived, that match costs
/// rustc time and memory quadratic in the variants (1.1 GB of a 1,000-version build).
fn held_traits(ctx: &Ctx<'_>, has_head: bool) -> TokenStream {
    let head = has_head.then(|| {
        quote! {
            /// The members every envelope version shares.
            fn head(&self) -> Head<'_>;
        }
    });
    let head_impl = has_head.then(|| {
        quote! {
            fn head(&self) -> Head<'_> {
                self.any_head()
            }
        }
    });
    let mut envelopes: Vec<u32> = ctx.set.events.iter().flat_map(|e| e.versions.iter().map(|v| v.envelope)).collect();
    envelopes.sort_unstable();
    envelopes.dedup();
    let impls = envelopes.iter().map(|n| {
        let envelope = envelope_path(ctx, *n);
        quote! {
            impl<P: EventPayload + ::core::cmp::PartialEq + 'static> HeldEvent for #envelope<P> {
                fn registration(&self) -> &'static super::envelope::Registration {
                    &P::REGISTRATION
                }

                #head_impl

                fn eq_held(&self, other: &dyn ::core::any::Any) -> bool {
                    other.downcast_ref::<Self>() == ::core::option::Option::Some(self)
                }
            }
        }
    });
    quote! {
        /// The event an `AnyEvent` holds, whatever its type.
        trait HeldEvent: ::core::any::Any {
            /// The registry's entry for the event's type and version.
            fn registration(&self) -> &'static super::envelope::Registration;

            #head

            /// Whether `other` is an event of the same type, equal to this one.
            fn eq_held(&self, other: &dyn ::core::any::Any) -> bool;
        }

        #(#impls)*

        /// The payload an `AnyPayload` holds, whatever its type.
        trait HeldPayload: ::core::any::Any {
            /// The registry's entry for the payload's type and version.
            fn registration(&self) -> &'static super::envelope::Registration;

            /// Whether `other` is a payload of the same type, equal to this one.
            fn eq_held(&self, other: &dyn ::core::any::Any) -> bool;
        }

        impl<P: EventPayload + ::core::cmp::PartialEq + 'static> HeldPayload for P {
            fn registration(&self) -> &'static super::envelope::Registration {
                &P::REGISTRATION
            }

            fn eq_held(&self, other: &dyn ::core::any::Any) -> bool {
                other.downcast_ref::<Self>() == ::core::option::Option::Some(self)
            }
        }
    }
}

/// `each_version!`, the `any` module's macro over the table of versions that
/// [`emit_dispatch`] writes after it: every method that must name each variant, written
/// once here. A row is `Variant("event.type", version)`, then, when `AnyEvent::from_json`
/// is routed, the alias of the version's envelope `WireIn`, then, with contract features,
/// `feature = "<contract dir>"` when a feature compiles the version in.
///
/// Its text: the methods are formatted by prettyplease with a placeholder arm
/// (`__each_version_arm_<n> => {}`) where a repetition over the rows goes, which prettyplease
/// cannot lay out inside a macro (it would print the whole body as one run of tokens); the
/// repeated arm, written here one line a row, then takes the placeholder's line.
fn each_version(ctx: &Ctx<'_>, rest: &TokenStream) -> String {
    let rt_path = &ctx.rt;
    let rt = ctx.rt_text.as_str();
    let gate = if ctx.features { "$(#[cfg(feature = $feature)])? " } else { "" };
    let mut arms: Vec<String> = Vec::new();
    let mut arm = |text: String| {
        let placeholder = ident(&format!("__each_version_arm_{}", arms.len()));
        arms.push(text);
        quote!(#placeholder => {})
    };
    let held_event = arm(format!("$({gate}Self::$variant(e) => e,)*"));
    let held_payload = arm(format!("$({gate}Self::$variant(p) => p,)*"));
    let decode =
        arm(format!("$({gate}($event_type, $version) => {rt}::__private::decode_payload(input, raw, at, $event_type, $version).map(Self::$variant),)*"));
    let serialize_event = arm(format!("$({gate}Self::$variant(e) => {rt}::__private::serde::Serialize::serialize(e, s),)*"));
    let serialize_payload = arm(format!("$({gate}Self::$variant(p) => {rt}::__private::serde::Serialize::serialize(p, s),)*"));
    let from_json = if routed(ctx) {
        let routed = arm(routed_arm(ctx, gate));
        routed_from_json(ctx, &routed)
    } else {
        quote!()
    };
    let into_event = (!routed(ctx)).then(|| {
        let each = arm(format!("$({gate}Self::$variant(p) => AnyEvent::$variant(envelope.with_payload(p)),)*"));
        quote! {
            impl AnyPayload {
                /// The event of this payload in `envelope`.
                fn into_event(self, envelope: super::envelope::Envelope<()>) -> AnyEvent {
                    match self { #each #rest }
                }
            }
        }
    });
    let not_compiled = ctx.features.then(|| {
        let each = arm(format!(
            "$($(#[cfg(not(feature = $feature))] ($event_type, $version) => ::core::option::Option::Some({rt}::DecodeError::NotCompiledIn {{ event_type: event_type.to_owned(), version, feature: $feature }}),)?)*"
        ));
        quote! {
            /// The error for a version registered but left out by its contract feature.
            fn not_compiled(event_type: &str, version: u64) -> ::core::option::Option<#rt_path::DecodeError> {
                #[allow(clippy::match_single_binding)]
                match (event_type, version) {
                    #each
                    _ => ::core::option::Option::None,
                }
            }
        }
    });
    let items = quote! {
        impl AnyEvent {
            /// The event held.
            fn held(&self) -> &dyn HeldEvent {
                match self { #held_event #rest }
            }

            #from_json
        }

        impl AnyPayload {
            /// The payload held.
            fn held(&self) -> &dyn HeldPayload {
                match self { #held_payload #rest }
            }

            /// Decodes the payload `raw`, found at `at` in `input`.
            pub(crate) fn decode(event_type: &str, version: u64, input: &[u8], raw: &[u8], at: &'static str) -> ::core::result::Result<Self, #rt_path::DecodeError> {
                match (event_type, version) {
                    #decode
                    _ => ::core::result::Result::Err(unknown(event_type, version)),
                }
            }
        }

        #into_event

        /// Serializes the event held, as its own type does: `to_json` is this with
        /// serde_json.
        impl #rt_path::__private::serde::Serialize for AnyEvent {
            fn serialize<S: #rt_path::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self { #serialize_event #rest }
            }
        }

        /// Serializes the payload held, as its own type does: `to_json` is this with
        /// serde_json.
        impl #rt_path::__private::serde::Serialize for AnyPayload {
            fn serialize<S: #rt_path::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self { #serialize_payload #rest }
            }
        }

        #not_compiled
    };
    let wire = if routed(ctx) { ", $wire:ident" } else { "" };
    let feature = if ctx.features { " $(, feature = $feature:literal)?" } else { "" };
    let mut out = String::from(
        "/// The methods that name every (event type, version), expanded from the table of\n/// versions at the end of this module.\nmacro_rules! each_version {\n",
    );
    out.push_str(&format!("    ($($variant:ident($event_type:literal, $version:literal{wire}{feature}),)*) => {{\n"));
    for line in super::format(items).lines() {
        let text = line.trim_start();
        let indent = &line[..line.len() - text.len()];
        let placeholder = text.strip_prefix("__each_version_arm_").and_then(|n| n.strip_suffix(" => {}")).and_then(|n| n.parse::<usize>().ok());
        match placeholder.and_then(|n| arms.get(n)) {
            Some(arm) => {
                for arm_line in arm.lines() {
                    out.push_str(&format!("        {indent}{arm_line}\n"));
                }
            }
            None if text.is_empty() => out.push('\n'),
            None => out.push_str(&format!("        {line}\n")),
        }
    }
    out.push_str("    };\n}\n");
    out
}

/// The routed `from_json`'s arm over the rows (see [`routed_from_json`]): the row's
/// envelope (its `WireIn` alias) decodes the message whole.
fn routed_arm(ctx: &Ctx<'_>, gate: &str) -> String {
    let rt = ctx.rt_text.as_str();
    let payload_at = Literal::string(&payload_pointer(ctx));
    [
        format!("$({gate}($event_type, $version) => {{"),
        format!("    let wire: $wire<'_> = {rt}::__private::from_json::<{rt}::__private::ObjectOnly<_>>(json).map_err({rt}::DecodeError::Envelope)?.0;"),
        "    let (envelope, raw) = wire.split();".to_owned(),
        format!("    let payload = {rt}::__private::decode_payload(json, raw.get().as_bytes(), {payload_at}, $event_type, $version)?;"),
        "    ::core::result::Result::Ok(Self::$variant(envelope.with_payload(payload)))".to_owned(),
        "})*".to_owned(),
    ]
    .join("\n")
}

/// `AnyEvent::from_json` over several envelopes, in [`each_version`]: the event type and
/// version, read first, say which envelope the message travels in; the arm over the rows
/// (`each`, see [`routed_arm`]) decodes it with that envelope.
fn routed_from_json(ctx: &Ctx<'_>, each: &TokenStream) -> TokenStream {
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let Some(default) = ctx.set.default_envelope() else { return quote!() };
    let (type_json, version_json) = (default.member(EnvelopeRole::EventType), default.member(EnvelopeRole::SchemaVersion));
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
                #each
                _ => ::core::result::Result::Err(unknown(&probe.event_type, probe.schema_version)),
            }
        }
    }
}

/// In a routed set, an alias per envelope version of its `WireIn` around a raw payload,
/// named in the rows of the table (see [`wire_alias`]).
fn wire_aliases(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    if !routed(ctx) {
        return quote!();
    }
    let aliases = ctx.set.envelopes.iter().map(|e| {
        let name = ident(&wire_alias(e.version));
        let wire = match e.module.as_deref() {
            Some(m) => {
                let m = ident(m);
                quote!(super::envelope::#m::WireIn)
            }
            None => quote!(super::envelope::WireIn),
        };
        let doc = format!(" Envelope version {}'s fields around a raw payload.", e.version);
        quote! {
            #[doc = #doc]
            #[allow(dead_code)]
            type #name<'a> = #wire<'a, &'a #rt::__private::serde_json::value::RawValue>;
        }
    });
    quote!(#(#aliases)*)
}
