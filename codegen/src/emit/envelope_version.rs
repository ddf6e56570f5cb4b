//! Emits one envelope version: the types of its typed properties, `Envelope<P>` with a
//! getter per property, its builder (event id and occurred-at from injectable sources,
//! correlation from a causing event), and its wire forms.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{doc_lines, ident, shape_type, slot_type, At, Ctx};
use super::view::{self, Lend};
use crate::model::types::Shape;
use crate::model::{EnvelopeField, EnvelopeModel, EnvelopeRole, FieldKind};

/// How the builder fills a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    /// From the payload type, the clock, the id source or the type's only value.
    Auto,
    /// An argument of `builder`.
    Param,
    /// A setter; absent unless set (the actor defaults to `system:<producer>`).
    Setter,
    /// Not stored: the payload type's constant.
    Constant,
}

fn fill(f: &EnvelopeField, env: &EnvelopeModel) -> Fill {
    match (&f.kind, f.role) {
        (FieldKind::EventType | FieldKind::SchemaVersion(_), _) => Fill::Constant,
        (FieldKind::Producer | FieldKind::Payload, _) | (_, Some(EnvelopeRole::EventId | EnvelopeRole::OccurredAt)) => Fill::Auto,
        (FieldKind::Actor, _) => Fill::Setter,
        (FieldKind::Typed(slot), None)
            if f.required && matches!(slot.shape, Shape::Named(id) if matches!(env.space.defs[id].kind, crate::model::types::TypeKind::Const(_))) =>
        {
            Fill::Auto
        }
        _ if f.required => Fill::Param,
        _ => Fill::Setter,
    }
}

/// The Rust type of a field's value (without the `Option` of an optional field).
fn value_type(ctx: &Ctx<'_>, env: &EnvelopeModel, f: &EnvelopeField, depth: usize) -> TokenStream {
    let rt = &ctx.rt;
    match &f.kind {
        FieldKind::Producer => quote!(Producer),
        FieldKind::Actor => quote!(Actor),
        FieldKind::Entity => quote!(#rt::EntityId),
        FieldKind::Typed(slot) | FieldKind::SchemaVersion(slot) => slot_type(ctx, &env.space, slot, At { depth, wire: false }),
        FieldKind::EventType => quote!(&'static str),
        FieldKind::Payload => quote!(P),
    }
}

/// How a field's getter lends its value (`view::lend` for a typed property; the producer
/// and actor are `Copy`, the subject an `EntityId`).
fn lend(ctx: &Ctx<'_>, env: &EnvelopeModel, f: &EnvelopeField) -> Lend {
    match &f.kind {
        FieldKind::Producer | FieldKind::Actor => Lend::Copy,
        FieldKind::Typed(slot) | FieldKind::SchemaVersion(slot) => view::lend(ctx, &env.space, &slot.shape),
        FieldKind::Entity | FieldKind::EventType | FieldKind::Payload => Lend::Ref,
    }
}

/// A stored field's getter: its return type and body.
fn field_getter(ctx: &Ctx<'_>, env: &EnvelopeModel, f: &EnvelopeField, depth: usize) -> view::Getter {
    let field = ident(&f.ident);
    let field = quote!(self.#field);
    let at = At { depth, wire: false };
    match &f.kind {
        FieldKind::Typed(slot) => {
            let options = usize::from(!f.required) + usize::from(slot.nullable);
            view::getter(ctx, &env.space, &slot.shape, options, &field, &|shape| shape_type(ctx, &env.space, shape, at), &quote!())
        }
        _ => view::lent(lend(ctx, env, f), usize::from(!f.required), &value_type(ctx, env, f, depth), &field, &quote!()),
    }
}

fn stored(f: &EnvelopeField) -> bool {
    !matches!(f.kind, FieldKind::EventType | FieldKind::SchemaVersion(_))
}

/// Every item of one envelope version, written `depth` modules below the file's top.
pub fn emit_version(ctx: &Ctx<'_>, env: &EnvelopeModel, depth: usize) -> TokenStream {
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let present = ctx.private_fn("present");
    let mut modules = vec!["envelope"];
    modules.extend(env.module.as_deref().filter(|_| depth > 1));
    let place = super::attrs::Place { modules, event: None };
    let types = super::types::emit_space(ctx, &env.space, &place, None);
    let (builder_generics, builder_bound) = super::produce::builder_bound(ctx, depth);
    let bound = if ctx.set.envelopes.len() > 1 {
        let n = proc_macro2::Literal::u32_unsuffixed(env.version);
        quote!(EventPayload + InEnvelope<#n>)
    } else {
        quote!(EventPayload)
    };
    let fields: Vec<&EnvelopeField> = env.fields.iter().collect();
    let kept: Vec<&EnvelopeField> = fields.iter().copied().filter(|f| stored(f)).collect();
    let id = |f: &EnvelopeField| ident(&f.ident);
    let kept_ids: Vec<_> = kept.iter().filter(|f| f.kind != FieldKind::Payload).map(|f| id(f)).collect();
    let payload_id = ident(env.field_name(EnvelopeRole::Payload));
    let payload_at = env.payload_pointer();
    let type_id = ident(env.field_name(EnvelopeRole::EventType));
    let version_id = ident(env.field_name(EnvelopeRole::SchemaVersion));
    let full_type = |f: &EnvelopeField| {
        let t = value_type(ctx, env, f, depth);
        if f.required || f.kind == FieldKind::Payload {
            t
        } else {
            quote!(::core::option::Option<#t>)
        }
    };
    let struct_fields = kept.iter().map(|f| {
        let (name, ty) = (id(f), full_type(f));
        quote!(#name: #ty)
    });
    let (type_json, version_json) = (env.member(EnvelopeRole::EventType), env.member(EnvelopeRole::SchemaVersion));
    let struct_doc = doc_lines(&format!(
        "An event: envelope fields plus a typed payload. `{type_json}`, `{version_json}`\ncome from the payload's type, so they cannot disagree with it."
    ));
    let getters = getters(ctx, env, depth);
    let builder = builder(ctx, env, depth, &bound);
    let wire = wire(ctx, env, depth, &bound, &serde_crate, &present);
    let cause = cause_impl(ctx, env, depth);
    let any_head = any_head(ctx, env, depth);
    let builder_params = fields.iter().filter(|f| fill(f, env) == Fill::Param).map(|f| {
        let (name, ty) = (id(f), value_type(ctx, env, f, depth));
        quote!(#name: #ty)
    });
    let builder_param_ids: Vec<_> = fields.iter().filter(|f| fill(f, env) == Fill::Param).map(|f| id(f)).collect();
    let builder_setter_ids: Vec<_> = fields.iter().filter(|f| fill(f, env) == Fill::Setter).map(|f| id(f)).collect();
    let producer_init = env.role(EnvelopeRole::Producer).map(|_| quote!(producer: P::PRODUCER,));
    let builder_doc = builder_doc(env);
    let cloudevents = env.cloudevents.then(|| {
        quote! {
            impl<P: #bound> #rt::CloudEventsJson for Envelope<P> {
                fn to_structured_json(&self) -> ::std::string::String {
                    self.to_json()
                }

                fn from_structured_json(json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                    Self::from_json(json)
                }
            }
        }
    });
    quote! {
        #types

        #struct_doc
        #[derive(Debug, Clone, PartialEq)]
        pub struct Envelope<P> {
            #(#struct_fields,)*
        }

        impl Envelope<()> {
            /// Puts a payload into envelope fields decoded without one.
            pub(crate) fn with_payload<P>(self, payload: P) -> Envelope<P> {
                Envelope { #(#kept_ids: self.#kept_ids,)* #payload_id }
            }
        }

        impl<P: #bound> Envelope<P> {
            #[doc = #builder_doc]
            pub fn builder #builder_generics (#(#builder_params,)* #payload_id: P) -> EnvelopeBuilder<P> #builder_bound {
                EnvelopeBuilder { #(#builder_param_ids,)* #payload_id, #producer_init #(#builder_setter_ids: ::core::option::Option::None,)* }
            }

            #getters

            /// Encodes the envelope as JSON.
            pub fn to_json(&self) -> ::std::string::String {
                #rt::__private::serde_json::to_string(self).expect("generated types always serialize")
            }

            /// Decodes an envelope that must carry exactly this payload type and version. The
            /// envelope is checked first (a wrong event type is reported as that, before any
            /// payload field); a payload error names the failing value's path and position.
            pub fn from_json(json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                let wire: WireIn<'_, &#rt::__private::serde_json::value::RawValue> =
                    #rt::__private::from_json::<#rt::__private::ObjectOnly<_>>(json).map_err(#rt::DecodeError::Envelope)?.0;
                if wire.#type_id != P::EVENT_TYPE || wire.#version_id.get() != i64::from(P::SCHEMA_VERSION) {
                    return ::core::result::Result::Err(#rt::DecodeError::Envelope(<#rt::__private::serde_json::Error as #rt::__private::serde::de::Error>::custom(
                        format!("expected {} v{}, found {} v{}", P::EVENT_TYPE, P::SCHEMA_VERSION, wire.#type_id, wire.#version_id),
                    )));
                }
                let (envelope, raw) = wire.split();
                let payload = #rt::__private::decode_payload(json, raw.get().as_bytes(), #payload_at, P::EVENT_TYPE, P::SCHEMA_VERSION)?;
                ::core::result::Result::Ok(envelope.with_payload(payload))
            }
        }

        #builder
        #cause
        #any_head
        #wire
        #cloudevents
    }
}

fn builder_doc(env: &EnvelopeModel) -> String {
    let params: Vec<String> = env.fields.iter().filter(|f| fill(f, env) == Fill::Param).map(|f| format!("`{}`", f.ident)).collect();
    let mut doc = String::from(" Starts an envelope for `payload`");
    if !params.is_empty() {
        doc.push_str(&format!(" in {}", params.join(", ")));
    }
    let defaults: Vec<&str> = [(EnvelopeRole::Producer, "producer"), (EnvelopeRole::Actor, "actor")]
        .iter()
        .filter(|(r, _)| env.role(*r).is_some_and(|f| matches!(f.kind, FieldKind::Producer | FieldKind::Actor)))
        .map(|(_, n)| *n)
        .collect();
    match defaults.as_slice() {
        [] => doc.push('.'),
        [one] => doc.push_str(&format!("; {one} defaults from the payload type.")),
        _ => doc.push_str(&format!("; {} default from the payload type.", defaults.join(" and "))),
    }
    doc
}

/// A getter per property, in schema order, then the payload's.
fn getters(ctx: &Ctx<'_>, env: &EnvelopeModel, depth: usize) -> TokenStream {
    let items = env.fields.iter().map(|f| {
        let name = ident(&f.ident);
        let json = &f.json;
        match &f.kind {
            FieldKind::Payload => quote!(),
            FieldKind::EventType => {
                let doc = format!(" `{json}` (the payload type's).");
                quote!(#[doc = #doc] pub fn #name(&self) -> &'static str { P::EVENT_TYPE })
            }
            FieldKind::SchemaVersion(_) => {
                let doc = format!(" `{json}` (the payload type's).");
                quote!(#[doc = #doc] pub fn #name(&self) -> u32 { P::SCHEMA_VERSION })
            }
            _ => {
                let doc = format!(" `{json}`.");
                let more = if f.role.is_none() { f.doc.as_deref().map(|d| doc_lines(&format!("\n{d}"))).unwrap_or_default() } else { quote!() };
                let view::Getter { ty, body } = field_getter(ctx, env, f, depth);
                quote!(#[doc = #doc] #more pub fn #name(&self) -> #ty { #body })
            }
        }
    });
    let payload = ident(env.field_name(EnvelopeRole::Payload));
    quote! {
        #(#items)*
        /// The payload.
        pub fn payload(&self) -> &P { &self.#payload }
        /// The payload, by value.
        pub fn into_payload(self) -> P { self.#payload }
    }
}

/// `EnvelopeBuilder<P>`: its fields, setters, `caused_by`, `build` and `build_with`.
fn builder(ctx: &Ctx<'_>, env: &EnvelopeModel, depth: usize, bound: &TokenStream) -> TokenStream {
    let rt = &ctx.rt;
    let producer = env.role(EnvelopeRole::Producer).filter(|f| f.kind == FieldKind::Producer);
    let params = env.fields.iter().filter(|f| fill(f, env) == Fill::Param);
    let setters_fields: Vec<&EnvelopeField> = env.fields.iter().filter(|f| fill(f, env) == Fill::Setter).collect();
    let param_fields = params.clone().map(|f| {
        let (name, ty) = (ident(&f.ident), value_type(ctx, env, f, depth));
        quote!(#name: #ty)
    });
    let setter_fields = setters_fields.iter().map(|f| {
        let (name, ty) = (ident(&f.ident), value_type(ctx, env, f, depth));
        quote!(#name: ::core::option::Option<#ty>)
    });
    let producer_field = producer.map(|_| quote!(producer: Producer,));
    let payload = ident(env.field_name(EnvelopeRole::Payload));

    let propagate = env.can_propagate();
    let mut setters = Vec::new();
    let mut producer_setter = producer.map(|_| {
        quote! {
            /// Another domain emits this event type (for event types several domains produce).
            pub fn producer(mut self, producer: Producer) -> Self {
                self.producer = producer;
                self
            }
        }
    });
    let event_id = env.role(EnvelopeRole::EventId);
    // `caused_by` once, before the first of the correlation and causation setters.
    let mut chain = propagate.then(|| caused_by(ctx, env, depth));
    for f in &setters_fields {
        let name = ident(&f.ident);
        if matches!(f.role, Some(EnvelopeRole::Correlation | EnvelopeRole::Causation)) {
            if let Some(chain) = chain.take() {
                setters.extend(producer_setter.take());
                setters.push(chain);
            }
        }
        let setter = match (&f.kind, f.role) {
            (FieldKind::Entity, _) => quote! {
                /// The entity the event is about (any prefixed id).
                pub fn #name(mut self, subject: impl ::core::convert::Into<#rt::EntityId>) -> Self {
                    self.#name = ::core::option::Option::Some(subject.into());
                    self
                }
            },
            (FieldKind::Actor, _) => {
                let person_id = ident(ctx.set.ids.get("per").map_or("PersonId", String::as_str));
                let up = super::ctx::up(depth);
                quote! {
                    /// Who caused it; without this the actor is `system:<producer>`.
                    pub fn #name(mut self, actor: Actor) -> Self {
                        self.#name = ::core::option::Option::Some(actor);
                        self
                    }

                    /// A person caused it.
                    pub fn acted_by(self, person: #up ids::#person_id) -> Self {
                        self.#name(Actor::Person(person))
                    }
                }
            }
            (_, Some(EnvelopeRole::Correlation)) => {
                let ty = value_type(ctx, env, f, depth);
                quote! {
                    /// Sets the correlation id explicitly.
                    pub fn #name(mut self, id: #ty) -> Self {
                        self.#name = ::core::option::Option::Some(id);
                        self
                    }
                }
            }
            _ => {
                let ty = value_type(ctx, env, f, depth);
                let doc = format!(" Sets `{}`.", f.json);
                quote! {
                    #[doc = #doc]
                    pub fn #name(mut self, value: #ty) -> Self {
                        self.#name = ::core::option::Option::Some(value);
                        self
                    }
                }
            }
        };
        setters.push(setter);
    }
    // Both required: no setter came before it.
    setters.extend(chain);
    setters.extend(producer_setter);

    // The envelope's fields, in order, from the builder.
    let inits = env.fields.iter().filter(|f| stored(f)).map(|f| {
        let name = ident(&f.ident);
        let some = |v: TokenStream| if f.required { v } else { quote!(::core::option::Option::Some(#v)) };
        let value = match (&f.kind, f.role, fill(f, env)) {
            (FieldKind::Payload, ..) => quote!(self.#payload),
            (FieldKind::Producer, ..) => return quote!(#name),
            (FieldKind::Actor, ..) => some(quote!(self.#name.unwrap_or(Actor::System(producer)))),
            (FieldKind::Typed(slot), Some(EnvelopeRole::EventId), _) => {
                let ty = slot_type(ctx, &env.space, slot, At { depth, wire: false });
                if matches!(slot.shape, Shape::Id(_)) {
                    quote!(#ty::from_uuid(ids.next_v7())?)
                } else {
                    quote!(#rt::__private::mint_text_id::<#ty>(ids.next_v7())?)
                }
            }
            (_, Some(EnvelopeRole::OccurredAt), _) => some(quote!(clock.now())),
            (_, _, Fill::Auto) => quote!(::core::default::Default::default()),
            _ => quote!(self.#name),
        };
        quote!(#name: #value)
    });
    let unused_clock = env.role(EnvelopeRole::OccurredAt).is_none().then(|| quote!(let _ = clock;));
    let unused_ids = event_id.is_none().then(|| quote!(let _ = ids;));
    let producer_local = producer.map(|_| quote!(let producer = self.producer;));
    let param_fields: Vec<_> = param_fields.collect();
    let filled: Vec<String> = [EnvelopeRole::EventId, EnvelopeRole::OccurredAt].iter().filter_map(|r| env.role(*r)).map(|f| format!("`{}`", f.json)).collect();
    let doc = match filled.as_slice() {
        [] => " Builds an [`Envelope`].".to_owned(),
        _ => format!(" Builds an [`Envelope`], filling {} from injectable sources.", filled.join(" and ")),
    };
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[must_use]
        pub struct EnvelopeBuilder<P> {
            #(#param_fields,)*
            #payload: P,
            #producer_field
            #(#setter_fields,)*
        }

        impl<P: #bound> EnvelopeBuilder<P> {
            #(#setters)*

            /// Finishes with the system clock and random UUIDv7 ids.
            pub fn build(self) -> Envelope<P> {
                self.build_with(&#rt::SystemClock, &#rt::RandomIds).expect("the uuid crate mints version 7 UUIDs")
            }

            /// Finishes with the given clock and id source (deterministic in tests).
            pub fn build_with(self, clock: &dyn #rt::Clock, ids: &dyn #rt::IdSource) -> ::core::result::Result<Envelope<P>, #rt::IdError> {
                #unused_clock
                #unused_ids
                #producer_local
                ::core::result::Result::Ok(Envelope {
                    #(#inits,)*
                })
            }
        }
    }
}

/// `caused_by` (a cause whose event id is of this envelope's id type: any envelope version
/// sharing it, or `AnyEvent`) and `try_caused_by` (any cause, its ids checked by this
/// envelope's id type): the correlation id from the cause's chain, the causation id from
/// the cause.
fn caused_by(ctx: &Ctx<'_>, env: &EnvelopeModel, depth: usize) -> TokenStream {
    let rt = &ctx.rt;
    let Some(event_id) = env.role(EnvelopeRole::EventId) else { return quote!() };
    let id_ty = value_type(ctx, env, event_id, depth);
    let copy = lend(ctx, env, event_id) == Lend::Copy;
    let owned = |v: TokenStream| if copy { quote!(*#v) } else { quote!(::core::clone::Clone::clone(#v)) };
    let converted = |v: TokenStream| quote!(#rt::__private::convert_id::<_, #id_ty>(#v)?);
    let mut sets = Vec::new();
    let mut checked = Vec::new();
    let mut doc = Vec::new();
    let roles = [(EnvelopeRole::Correlation, quote!(cause.chain_id())), (EnvelopeRole::Causation, quote!(cause.cause_event_id()))];
    for (role, from) in roles {
        let Some(c) = env.role(role) else { continue };
        let name = ident(&c.ident);
        let some = |v: TokenStream| if c.required { v } else { quote!(::core::option::Option::Some(#v)) };
        let (value, check) = (some(owned(from.clone())), some(converted(from)));
        sets.push(quote!(self.#name = #value;));
        checked.push(quote!(self.#name = #check;));
        doc.push(match role {
            EnvelopeRole::Correlation => format!("`{}` is its correlation id, or its event id if it started the chain", c.json),
            _ => format!("`{}` is its event id", c.json),
        });
    }
    let doc = doc_lines(&format!(
        "Joins the causing event's chain: {}.\nThe cause may travel in any envelope version whose event id is of this one's type, or\nbe an `AnyEvent` when every version's is.",
        doc.join(";\n")
    ));
    let try_doc = doc_lines(
        "`caused_by` for a cause whose event id is of another type (another envelope version's):\nits ids are taken as they are written, so they must be values of this envelope's id type,\nelse the cause is refused (`CauseError`); ids are never rewritten.",
    );
    quote! {
        #doc
        pub fn caused_by<C: #rt::Cause<Id = #id_ty> + ?::core::marker::Sized>(mut self, cause: &C) -> Self {
            #(#sets)*
            self
        }

        #try_doc
        pub fn try_caused_by<C: #rt::Cause + ?::core::marker::Sized>(mut self, cause: &C) -> ::core::result::Result<Self, #rt::CauseError> {
            #(#checked)*
            ::core::result::Result::Ok(self)
        }
    }
}

/// `impl Cause for Envelope<P>`, when its correlation id (if any) is of its event id's type.
fn cause_impl(ctx: &Ctx<'_>, env: &EnvelopeModel, depth: usize) -> TokenStream {
    let rt = &ctx.rt;
    let Some((event_id, correlation)) = cause_reads(env) else { return quote!() };
    let id_ty = value_type(ctx, env, event_id, depth);
    let id = ident(&event_id.ident);
    quote! {
        impl<P> #rt::Cause for Envelope<P> {
            type Id = #id_ty;

            fn cause_event_id(&self) -> &#id_ty {
                &self.#id
            }

            fn cause_correlation_id(&self) -> ::core::option::Option<&#id_ty> {
                #correlation
            }
        }
    }
}

/// For an envelope that is a `Cause`: its event id field, and the expression of the
/// correlation id as an `Option<&Id>` read from `self`.
fn cause_reads(env: &EnvelopeModel) -> Option<(&EnvelopeField, TokenStream)> {
    let event_id = env.role(EnvelopeRole::EventId).filter(|_| env.is_cause())?;
    let correlation = match env.role(EnvelopeRole::Correlation) {
        None => quote!(::core::option::Option::None),
        Some(c) if c.required => {
            let name = ident(&c.ident);
            quote!(::core::option::Option::Some(&self.#name))
        }
        Some(c) => {
            let name = ident(&c.ident);
            quote!(self.#name.as_ref())
        }
    };
    Some((event_id, correlation))
}

/// `Envelope::any_head`: the `any` module's `Head` filled from this envelope's fields (see
/// `dispatch::head_and_getters`), each as this envelope's getter reads it.
fn any_head(ctx: &Ctx<'_>, env: &EnvelopeModel, depth: usize) -> TokenStream {
    let members = super::dispatch::shared_members(ctx);
    let cause = super::dispatch::any_cause_id(ctx).is_some();
    if members.is_empty() && !cause {
        return quote!();
    }
    let up = (0..depth).map(|_| quote!(super::));
    let any = quote!(#(#up)* any);
    let inits = members.iter().enumerate().filter_map(|(i, m)| {
        let f = super::dispatch::counterpart(env, m.field)?;
        let (name, body) = (super::dispatch::SharedMember::head_field(i), field_getter(ctx, env, f, depth).body);
        Some(quote!(#name: #body,))
    });
    let cause_inits = cause_reads(env).filter(|_| cause).map(|(event_id, correlation)| {
        let id = ident(&event_id.ident);
        quote!(cause_id: &self.#id, cause_correlation: #correlation,)
    });
    quote! {
        impl<P> Envelope<P> {
            /// The members `AnyEvent` reads from any envelope version, in one value.
            #[allow(dead_code)]
            pub(crate) fn any_head(&self) -> #any::Head<'_> {
                #any::Head { #(#inits)* #cause_inits }
            }
        }
    }
}

/// Whether `WireHead` holds the member by value (it comes from the payload type, or is the
/// `Copy` producer) rather than borrowed from the envelope.
fn head_by_value(f: &EnvelopeField) -> bool {
    matches!(f.kind, FieldKind::EventType | FieldKind::SchemaVersion(_) | FieldKind::Producer)
}

/// `WireHead` (encoding the members around the payload, borrowed from the envelope), `WireIn` (decoding, around any payload
/// type) and the serde impls of `Envelope<P>`.
fn wire(ctx: &Ctx<'_>, env: &EnvelopeModel, depth: usize, bound: &TokenStream, serde_crate: &str, present: &str) -> TokenStream {
    let rt = &ctx.rt;
    let rename = |f: &EnvelopeField| {
        let json = &f.json;
        (f.ident != f.json).then(|| quote!(#[serde(rename = #json)]))
    };
    // Encoding: the members other than the payload are written by `WireHead`, whose code
    // does not depend on the payload type, so it is compiled once per serializer rather
    // than once per payload type; `Envelope<P>` adds only the payload member between them.
    let at_payload = env.fields.iter().position(|f| f.kind == FieldKind::Payload).unwrap_or(env.fields.len());
    let head: Vec<&EnvelopeField> = env.fields.iter().filter(|f| f.kind != FieldKind::Payload).collect();
    // Borrowed members need a lifetime; an envelope of only type, version and producer has none.
    let borrows = head.iter().any(|f| !head_by_value(f));
    let (head_lifetime, head_elided) = if borrows { (Some(quote!(<'a>)), Some(quote!(<'_>))) } else { (None, None) };
    let head_fields = head.iter().map(|f| {
        let name = ident(&f.ident);
        let ty = value_type(ctx, env, f, depth);
        match &f.kind {
            FieldKind::EventType => quote!(#name: &'static str),
            FieldKind::SchemaVersion(_) => quote!(#name: u32),
            FieldKind::Producer => quote!(#name: Producer),
            _ if f.required => quote!(#name: &'a #ty),
            _ => quote!(#name: ::core::option::Option<&'a #ty>),
        }
    });
    let head_values = head.iter().map(|f| {
        let name = ident(&f.ident);
        match &f.kind {
            FieldKind::EventType => quote!(#name: P::EVENT_TYPE),
            FieldKind::SchemaVersion(_) => quote!(#name: P::SCHEMA_VERSION),
            FieldKind::Producer => quote!(#name: self.#name),
            _ if f.required => quote!(#name: &self.#name),
            _ => quote!(#name: self.#name.as_ref()),
        }
    });
    let entry = |f: &&EnvelopeField| {
        let (name, json) = (ident(&f.ident), &f.json);
        if f.required || head_by_value(f) {
            quote!(map.serialize_entry(#json, &self.#name)?;)
        } else {
            quote!(if let ::core::option::Option::Some(value) = self.#name { map.serialize_entry(#json, value)?; })
        }
    };
    let before = env.fields[..at_payload].iter().filter(|f| f.kind != FieldKind::Payload).collect::<Vec<_>>();
    let after = env.fields[at_payload..].iter().filter(|f| f.kind != FieldKind::Payload).collect::<Vec<_>>();
    let (before, after): (Vec<_>, Vec<_>) = (before.iter().map(entry).collect(), after.iter().map(entry).collect());
    let (after_fn, after_call) = if after.is_empty() {
        (None, None)
    } else {
        let after_fn = quote! {
            /// The members after the payload.
            fn after<M: #rt::__private::serde::ser::SerializeMap>(&self, map: &mut M) -> ::core::result::Result<(), M::Error> {
                #(#after)*
                ::core::result::Result::Ok(())
            }
        };
        (Some(after_fn), Some(quote!(head.after(&mut map)?;)))
    };
    let payload_json = env.member(EnvelopeRole::Payload);
    let in_fields = env.fields.iter().map(|f| {
        let (name, rename) = (ident(&f.ident), rename(f));
        let ty = value_type(ctx, env, f, depth);
        match &f.kind {
            FieldKind::EventType => quote!(#[serde(borrow)] #rename pub(crate) #name: #rt::__private::Cow<'a, str>),
            FieldKind::Payload => quote!(#rename pub(crate) #name: T),
            _ if f.required => quote!(#rename pub(crate) #name: #ty),
            _ => quote!(#[serde(default, deserialize_with = #present)] #rename pub(crate) #name: ::core::option::Option<#ty>),
        }
    });
    let kept: Vec<_> = env.fields.iter().filter(|f| stored(f) && f.kind != FieldKind::Payload).map(|f| ident(&f.ident)).collect();
    let payload = ident(env.field_name(EnvelopeRole::Payload));
    let type_id = ident(env.field_name(EnvelopeRole::EventType));
    let version_id = ident(env.field_name(EnvelopeRole::SchemaVersion));
    let deny = env.deny_unknown.then(|| quote!(, deny_unknown_fields));
    quote! {
        /// The members of an envelope being encoded, but its payload.
        struct WireHead #head_lifetime {
            #(#head_fields,)*
        }

        impl WireHead #head_elided {
            /// The members before the payload.
            fn before<M: #rt::__private::serde::ser::SerializeMap>(&self, map: &mut M) -> ::core::result::Result<(), M::Error> {
                #(#before)*
                ::core::result::Result::Ok(())
            }

            #after_fn
        }

        impl<P: #bound> #rt::__private::serde::Serialize for Envelope<P> {
            fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                use #rt::__private::serde::ser::SerializeMap as _;
                let head = WireHead {
                    #(#head_values,)*
                };
                let mut map = s.serialize_map(::core::option::Option::None)?;
                head.before(&mut map)?;
                map.serialize_entry(#payload_json, &self.#payload)?;
                #after_call
                map.end()
            }
        }

        /// The envelope's fields around a payload of type `T` (a typed payload, or raw JSON).
        #[derive(#rt::__private::serde::Deserialize)]
        #[serde(crate = #serde_crate #deny)]
        pub(crate) struct WireIn<'a, T> {
            #(#in_fields,)*
        }

        impl<'a, T> WireIn<'a, T> {
            /// The envelope with this payload.
            pub(crate) fn into_envelope(self) -> Envelope<T> {
                Envelope {
                    #(#kept: self.#kept,)*
                    #payload: self.#payload,
                }
            }

            /// The payload, and the envelope fields around a placeholder.
            pub(crate) fn split(self) -> (Envelope<()>, T) {
                let (envelope, payload) = (
                    Envelope { #(#kept: self.#kept,)* #payload: () },
                    self.#payload,
                );
                (envelope, payload)
            }
        }

        impl<'de, P: #bound> #rt::__private::serde::Deserialize<'de> for Envelope<P> {
            fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let wire = <#rt::__private::ObjectOnly<WireIn<'de, P>> as #rt::__private::serde::Deserialize>::deserialize(d)?.0;
                if wire.#type_id != P::EVENT_TYPE || wire.#version_id.get() != i64::from(P::SCHEMA_VERSION) {
                    return ::core::result::Result::Err(<D::Error as #rt::__private::serde::de::Error>::custom(format!(
                        "expected {} v{}, found {} v{}", P::EVENT_TYPE, P::SCHEMA_VERSION, wire.#type_id, wire.#version_id
                    )));
                }
                ::core::result::Result::Ok(wire.into_envelope())
            }
        }
    }
}
