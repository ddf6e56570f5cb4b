//! Strongly typed events for the contract set in `contracts/`.
//!
//! The crate has two halves, documented apart below:
//!
//! - **Contract modules**, generated at build time by `events-codegen` from
//!   `contracts/event-types-registry.json` and the payload schemas it names: the typed
//!   ids ([`ids`]), the [`envelope`], one module per contract directory (for example
//!   [`lead_lifecycle`]), the types payloads share (`shared`, when any) and [`any`], which decodes
//!   any event. When a contract changes, the types change, and producers or consumers
//!   that no longer fit the contract stop compiling.
//! - **The runtime**, hand-written, which those types are built from.
//!
//! # Contract modules (generated)
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/events.md"))]
//!
//! # Runtime
//!
//! - checked scalar types: [`Int`], [`Integer`], [`Number`], [`NumberRules`],
//!   [`BoundedString`], [`NonEmptyString`], [`Array`], [`Map`], [`Timestamp`], [`Date`],
//!   [`Null`], and the contract's rules for strings, [`StringRules`] and [`StringFormat`];
//! - values kept as JSON text: [`Json`], [`OpaqueObject`], [`UnknownValue`];
//! - prefixed UUIDv7 ids: [`typed_id!`], [`EntityId`] and the [`id`] module;
//! - the injectable [`Clock`] and [`IdSource`] with their implementations;
//! - the registry's [`Status`];
//! - strings of a contract set's own formats: [`Formatted`], checked by your [`CustomFormat`];
//! - the error types [`DecodeError`], [`ValueError`] and [`IdError`];
//! - [`rules`]: the validation programs behind checked values.
#![warn(missing_docs)]

mod array;
mod checked;
mod clock;
#[cfg(feature = "cloudevents")]
pub mod cloudevents;
mod custom;
mod decode;
mod error;
pub mod id;
mod int;
mod map;
mod null;
mod number;
mod pointer;
#[cfg(feature = "schemars")]
mod schemars_support;
mod status;
mod structured;
mod text;
mod time;
mod unknown;
#[doc(hidden)]
pub mod validated;

#[doc(hidden)]
pub mod __private;

/// The validation programs behind checked values (the `events-rules` crate).
pub use events_rules as rules;

pub use array::Array;
pub use checked::{StringFormat, StringRules};
pub use clock::{Clock, FixedClock, IdSource, RandomIds, SequentialIds, SystemClock};
pub use custom::{CustomFormat, Formatted};
pub use error::{DecodeError, ValueError};
pub use id::{EntityId, IdError};
pub use int::{Int, Integer};
pub use map::Map;
pub use null::Null;
pub use number::{is_multiple_of, Number, NumberRules};
pub use status::Status;
pub use structured::CloudEventsJson;
pub use text::{BoundedString, NonEmptyString};
pub use time::{Date, Timestamp};
pub use unknown::{Json, OpaqueObject, UnknownValue};

include!(concat!(env!("OUT_DIR"), "/events.rs"));
