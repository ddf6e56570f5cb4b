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
//! - **The runtime**, hand-written, which those types are built from: the
//!   [`events_runtime`] crate, re-exported whole.
//!
//! # Contract modules (generated)
//!
#![doc = include_str!(concat!(env!("OUT_DIR"), "/events.md"))]
//!
//! # Runtime
//!
//! Every item of the [`events_runtime`] crate, the hand-written runtime those types are
//! built from, is re-exported here (`events::Timestamp` is `events_runtime::Timestamp`):
//! checked scalar types such as [`Int`], [`NonEmptyString`] and [`Timestamp`], typed ids
//! ([`typed_id!`], [`EntityId`]), the injectable [`Clock`] and [`IdSource`], the registry's
//! [`Status`] and the errors [`DecodeError`], [`ValueError`] and [`IdError`]. A crate with
//! contracts of its own depends on `events-runtime` alone and generates its bindings with
//! `events-codegen` (README, "Using it from a domain crate").
#![warn(missing_docs)]

pub use events_runtime::*;

include!(concat!(env!("OUT_DIR"), "/events.rs"));
