//! Emits the `envelope` module: producers, actors, the `EventPayload` trait and the
//! typed `Envelope<P>` with its builder, as checked against `envelope-v1.json`.

use proc_macro2::TokenStream;
use quote::quote;

use super::ctx::{ident, Ctx};

/// The `envelope` module.
pub fn emit_envelope(ctx: &Ctx<'_>) -> TokenStream {
    let rt = &ctx.rt;
    let serde_crate = ctx.serde_crate();
    let present = ctx.private_fn("present");
    let event_id = ident(&ctx.set.ids["evt"]);
    let person_id = ident(&ctx.set.ids["per"]);
    let producers = &ctx.set.producers;
    let variants: Vec<_> = ctx.set.producer_variants.iter().map(|v| ident(v)).collect();
    let producer_docs: Vec<String> = producers.iter().map(|p| format!(" `{p}`")).collect();
    let (builder_generics, builder_bound) = super::produce::builder_bound(ctx);
    let actor_pattern = format!("^per_<uuid v7>$ or ^system:({})$", producers.join("|"));
    quote! {
        /// The event envelope of `event-envelope/schema/envelope-v1.json`: seven required
        /// fields, optional `subject`, `actor` and `correlation_id`, and the typed payload.
        pub mod envelope {
            use super::ids::{#event_id, #person_id};

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

            /// Who caused the event: a person, or a producer's automation (`system:<producer>`).
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            pub enum Actor {
                /// A human, by person id.
                Person(#person_id),
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
                    let text = <#rt::__private::Cow<'de, str> as #rt::__private::serde::Deserialize>::deserialize(d)?;
                    text.parse().map_err(<D::Error as #rt::__private::serde::de::Error>::custom)
                }
            }

            /// A generated payload type: the registry's facts about its event type and version.
            pub trait EventPayload:
                #rt::__private::serde::Serialize + #rt::__private::serde::de::DeserializeOwned + ::core::clone::Clone + ::core::fmt::Debug + ::core::cmp::PartialEq + 'static
            {
                /// The event type, e.g. `lead.created`.
                const EVENT_TYPE: &'static str;
                /// The schema version.
                const SCHEMA_VERSION: u32;
                /// The registered producer.
                const PRODUCER: Producer;
                /// The registered consumer domains.
                const CONSUMERS: &'static [&'static str];
                /// The registry status of this version.
                const STATUS: #rt::Status;
                /// The payload schema path, `None` for an opaque payload.
                const PAYLOAD_SCHEMA: ::core::option::Option<&'static str>;
                /// `registered_at` (YYYY-MM-DD).
                const REGISTERED_AT: &'static str;
                /// `deprecated_at` (YYYY-MM-DD).
                const DEPRECATED_AT: ::core::option::Option<&'static str>;
                /// `active_from` (YYYY-MM-DD).
                const ACTIVE_FROM: ::core::option::Option<&'static str>;
            }

            /// An event: envelope fields plus a typed payload. `event_type`, `schema_version`
            /// come from the payload's type, so they cannot disagree with it.
            #[derive(Debug, Clone, PartialEq)]
            pub struct Envelope<P> {
                event_id: #event_id,
                producer: Producer,
                tenant_id: #rt::NonEmptyString,
                occurred_at: #rt::Timestamp,
                subject: ::core::option::Option<#rt::EntityId>,
                actor: ::core::option::Option<Actor>,
                correlation_id: ::core::option::Option<#event_id>,
                payload: P,
            }

            impl Envelope<()> {
                /// Puts a payload into envelope fields decoded without one.
                pub(crate) fn with_payload<P>(self, payload: P) -> Envelope<P> {
                    Envelope { event_id: self.event_id, producer: self.producer, tenant_id: self.tenant_id, occurred_at: self.occurred_at, subject: self.subject, actor: self.actor, correlation_id: self.correlation_id, payload }
                }
            }

            impl<P: EventPayload> Envelope<P> {
                /// Starts an envelope for `payload` in `tenant_id`; producer and actor default from the payload type.
                pub fn builder #builder_generics (tenant_id: #rt::NonEmptyString, payload: P) -> EnvelopeBuilder<P> #builder_bound {
                    EnvelopeBuilder { tenant_id, payload, producer: P::PRODUCER, subject: ::core::option::Option::None, actor: ::core::option::Option::None, correlation_id: ::core::option::Option::None }
                }

                /// `event_id`.
                pub fn event_id(&self) -> #event_id { self.event_id }
                /// `event_type` (the payload type's).
                pub fn event_type(&self) -> &'static str { P::EVENT_TYPE }
                /// `schema_version` (the payload type's).
                pub fn schema_version(&self) -> u32 { P::SCHEMA_VERSION }
                /// `producer`.
                pub fn producer(&self) -> Producer { self.producer }
                /// `tenant_id`.
                pub fn tenant_id(&self) -> &#rt::NonEmptyString { &self.tenant_id }
                /// `occurred_at`.
                pub fn occurred_at(&self) -> #rt::Timestamp { self.occurred_at }
                /// `subject`.
                pub fn subject(&self) -> ::core::option::Option<&#rt::EntityId> { self.subject.as_ref() }
                /// `actor`.
                pub fn actor(&self) -> ::core::option::Option<Actor> { self.actor }
                /// `correlation_id`.
                pub fn correlation_id(&self) -> ::core::option::Option<#event_id> { self.correlation_id }
                /// The payload.
                pub fn payload(&self) -> &P { &self.payload }
                /// The payload, by value.
                pub fn into_payload(self) -> P { self.payload }

                /// Encodes the envelope as JSON.
                pub fn to_json(&self) -> ::std::string::String {
                    #rt::__private::serde_json::to_string(self).expect("generated types always serialize")
                }

                /// Decodes an envelope that must carry exactly this payload type and version.
                pub fn from_json(json: &[u8]) -> ::core::result::Result<Self, #rt::DecodeError> {
                    #rt::__private::from_json(json).map_err(#rt::DecodeError::Envelope)
                }
            }

            /// Builds an [`Envelope`], filling `event_id` and `occurred_at` from injectable sources.
            #[derive(Debug, Clone)]
            #[must_use]
            pub struct EnvelopeBuilder<P> {
                tenant_id: #rt::NonEmptyString,
                payload: P,
                producer: Producer,
                subject: ::core::option::Option<#rt::EntityId>,
                actor: ::core::option::Option<Actor>,
                correlation_id: ::core::option::Option<#event_id>,
            }

            impl<P: EventPayload> EnvelopeBuilder<P> {
                /// The entity the event is about (any prefixed id).
                pub fn subject(mut self, subject: impl ::core::convert::Into<#rt::EntityId>) -> Self {
                    self.subject = ::core::option::Option::Some(subject.into());
                    self
                }

                /// Who caused it; without this the actor is `system:<producer>`.
                pub fn actor(mut self, actor: Actor) -> Self {
                    self.actor = ::core::option::Option::Some(actor);
                    self
                }

                /// A person caused it.
                pub fn acted_by(self, person: #person_id) -> Self {
                    self.actor(Actor::Person(person))
                }

                /// Another domain emits this event type (for event types several domains produce).
                pub fn producer(mut self, producer: Producer) -> Self {
                    self.producer = producer;
                    self
                }

                /// Joins the causing event's chain: its `correlation_id`, or its `event_id` if it started the chain.
                pub fn caused_by<Q: EventPayload>(mut self, cause: &Envelope<Q>) -> Self {
                    self.correlation_id = ::core::option::Option::Some(cause.correlation_id.unwrap_or(cause.event_id));
                    self
                }

                /// Sets the correlation id explicitly.
                pub fn correlation_id(mut self, id: #event_id) -> Self {
                    self.correlation_id = ::core::option::Option::Some(id);
                    self
                }

                /// Finishes with the system clock and random UUIDv7 ids.
                pub fn build(self) -> Envelope<P> {
                    self.build_with(&#rt::SystemClock, &#rt::RandomIds).expect("the uuid crate mints version 7 UUIDs")
                }

                /// Finishes with the given clock and id source (deterministic in tests).
                pub fn build_with(self, clock: &dyn #rt::Clock, ids: &dyn #rt::IdSource) -> ::core::result::Result<Envelope<P>, #rt::IdError> {
                    let producer = self.producer;
                    ::core::result::Result::Ok(Envelope {
                        event_id: #event_id::from_uuid(ids.next_v7())?,
                        producer,
                        tenant_id: self.tenant_id,
                        occurred_at: clock.now(),
                        subject: self.subject,
                        actor: ::core::option::Option::Some(self.actor.unwrap_or(Actor::System(producer))),
                        correlation_id: self.correlation_id,
                        payload: self.payload,
                    })
                }
            }

            #[derive(#rt::__private::serde::Serialize)]
            #[serde(crate = #serde_crate)]
            struct WireOut<'a, P> {
                event_id: &'a #event_id,
                event_type: &'static str,
                schema_version: u32,
                producer: Producer,
                tenant_id: &'a #rt::NonEmptyString,
                occurred_at: &'a #rt::Timestamp,
                #[serde(skip_serializing_if = "::core::option::Option::is_none")]
                subject: ::core::option::Option<&'a #rt::EntityId>,
                #[serde(skip_serializing_if = "::core::option::Option::is_none")]
                actor: ::core::option::Option<&'a Actor>,
                #[serde(skip_serializing_if = "::core::option::Option::is_none")]
                correlation_id: ::core::option::Option<&'a #event_id>,
                payload: &'a P,
            }

            impl<P: EventPayload> #rt::__private::serde::Serialize for Envelope<P> {
                fn serialize<S: #rt::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                    WireOut {
                        event_id: &self.event_id,
                        event_type: P::EVENT_TYPE,
                        schema_version: P::SCHEMA_VERSION,
                        producer: self.producer,
                        tenant_id: &self.tenant_id,
                        occurred_at: &self.occurred_at,
                        subject: self.subject.as_ref(),
                        actor: self.actor.as_ref(),
                        correlation_id: self.correlation_id.as_ref(),
                        payload: &self.payload,
                    }
                    .serialize(s)
                }
            }

            /// The envelope's fields around a payload of type `T` (a typed payload, or raw JSON).
            #[derive(#rt::__private::serde::Deserialize)]
            #[serde(crate = #serde_crate, deny_unknown_fields)]
            pub(crate) struct WireIn<'a, T> {
                pub(crate) event_id: #event_id,
                #[serde(borrow)]
                pub(crate) event_type: #rt::__private::Cow<'a, str>,
                pub(crate) schema_version: #rt::Int<1>,
                pub(crate) producer: Producer,
                pub(crate) tenant_id: #rt::NonEmptyString,
                pub(crate) occurred_at: #rt::Timestamp,
                #[serde(default, deserialize_with = #present)]
                pub(crate) subject: ::core::option::Option<#rt::EntityId>,
                #[serde(default, deserialize_with = #present)]
                pub(crate) actor: ::core::option::Option<Actor>,
                #[serde(default, deserialize_with = #present)]
                pub(crate) correlation_id: ::core::option::Option<#event_id>,
                pub(crate) payload: T,
            }

            impl<'a, T> WireIn<'a, T> {
                /// The envelope with this payload.
                pub(crate) fn into_envelope(self) -> Envelope<T> {
                    Envelope {
                        event_id: self.event_id,
                        producer: self.producer,
                        tenant_id: self.tenant_id,
                        occurred_at: self.occurred_at,
                        subject: self.subject,
                        actor: self.actor,
                        correlation_id: self.correlation_id,
                        payload: self.payload,
                    }
                }

                /// The payload, and the envelope fields around a placeholder.
                pub(crate) fn split(self) -> (Envelope<()>, T) {
                    let (envelope, payload) = (
                        Envelope { event_id: self.event_id, producer: self.producer, tenant_id: self.tenant_id, occurred_at: self.occurred_at, subject: self.subject, actor: self.actor, correlation_id: self.correlation_id, payload: () },
                        self.payload,
                    );
                    (envelope, payload)
                }
            }

            impl<'de, P: EventPayload> #rt::__private::serde::Deserialize<'de> for Envelope<P> {
                fn deserialize<D: #rt::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                    let wire = <#rt::__private::ObjectOnly<WireIn<'de, P>> as #rt::__private::serde::Deserialize>::deserialize(d)?.0;
                    if wire.event_type != P::EVENT_TYPE || wire.schema_version.get() != i64::from(P::SCHEMA_VERSION) {
                        return ::core::result::Result::Err(<D::Error as #rt::__private::serde::de::Error>::custom(format!(
                            "expected {} v{}, found {} v{}", P::EVENT_TYPE, P::SCHEMA_VERSION, wire.event_type, wire.schema_version
                        )));
                    }
                    ::core::result::Result::Ok(wire.into_envelope())
                }
            }
        }
    }
}
