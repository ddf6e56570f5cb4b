//! The runtime of typed event bindings: what the Rust types that `events-codegen` generates
//! from an event contract set are built from.
//!
//! A crate with its own contract set depends on this crate and generates its bindings in
//! its build script (`events-codegen` as a build dependency, `default-features = false`):
//!
//! ```toml
//! [dependencies]
//! events-runtime = "0.1"
//!
//! [build-dependencies]
//! events-codegen = { version = "0.1", default-features = false }
//! ```
//!
//! The generated code names this crate `::events_runtime` (the generator's
//! `Config::runtime_path` changes that); it holds no contract of its own.
//!
//! # Contents
//!
//! - checked scalar types: [`Int`], [`Integer`], [`Number`], [`NumberRules`],
//!   [`BoundedString`], [`NonEmptyString`], [`Array`], [`Map`], [`Timestamp`], [`Date`],
//!   [`Null`], and the contract's rules for strings, [`StringRules`] and [`StringFormat`];
//! - values kept as JSON text: [`Json`], [`OpaqueObject`], [`UnknownValue`];
//! - prefixed UUIDv7 ids: [`typed_id!`], [`EntityId`] and the [`id`] module;
//! - causing events, whatever envelope version they travel in: [`Cause`] (what a
//!   builder's `caused_by` reads) and [`CauseError`];
//! - the injectable [`Clock`] and [`IdSource`] with their implementations;
//! - closed enums of JSON strings: [`string_enum!`];
//! - the registry's [`Status`];
//! - strings of a contract set's own formats: [`Formatted`], checked by your [`CustomFormat`];
//! - envelopes that are CloudEvents structured-mode JSON: [`CloudEventsJson`] (and, with
//!   the cargo feature `cloudevents`, the `cloudevents` module: conversion to and from the
//!   official SDK's `Event`);
//! - the error types [`DecodeError`], [`ValueError`] and [`IdError`];
//! - [`rules`]: the validation programs behind checked values.
//!
//! # Cargo features
//!
//! - `cloudevents`: the `cloudevents` module.
//! - `schemars`: what generated `schemars::JsonSchema` impls build on (the generator emits
//!   them with `Config::schemars(true)`).
#![warn(missing_docs)]

mod array;
mod cause;
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
mod members;
mod null;
mod number;
mod pointer;
#[cfg(feature = "schemars")]
mod schemars_support;
mod status;
mod string_enum;
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
pub use cause::{Cause, CauseError};
pub use checked::{StringFormat, StringRules};
pub use clock::{Clock, FixedClock, IdSource, RandomIds, SequentialIds, SystemClock};
pub use custom::{CustomFormat, Formatted};
pub use error::{DecodeError, PayloadPath, ValueError};
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
