//! Strongly typed events for the contract set in `contracts/`.
//!
//! Everything under [`ids`], [`envelope`], the per-contract modules (for example
//! [`lead_lifecycle`]) and [`any`] is generated at build time by `events-codegen` from
//! `contracts/event-types-registry.json` and the payload schemas it names. When a
//! contract changes, the types change, and producers or consumers that no longer fit
//! the contract stop compiling.
//!
//! The rest of this crate is the hand-written runtime those types are built from:
//! checked scalar types ([`Int`], [`Number`], [`NumberRules`], [`BoundedString`], [`Array`], [`Timestamp`], [`Date`]),
//! prefixed UUIDv7 ids ([`typed_id!`], [`EntityId`]), the injectable [`Clock`] and
//! [`IdSource`], and the error types.
#![warn(missing_docs)]

mod array;
mod checked;
mod clock;
mod decode;
mod error;
pub mod id;
mod int;
mod map;
mod null;
mod number;
#[cfg(feature = "schemars")]
mod schemars_support;
mod status;
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
pub use error::{DecodeError, ValueError};
pub use id::{EntityId, IdError};
pub use int::{Int, Integer};
pub use map::Map;
pub use null::Null;
pub use number::{is_multiple_of, Number, NumberRules};
pub use status::Status;
pub use text::{BoundedString, NonEmptyString};
pub use time::{Date, Timestamp};
pub use unknown::{Json, OpaqueObject, UnknownValue};

include!(concat!(env!("OUT_DIR"), "/events.rs"));
