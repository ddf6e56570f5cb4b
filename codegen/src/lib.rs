//! Build-time generator of strongly typed Rust event bindings from an event contract set
//! (an `event-types-registry.json` plus one JSON Schema per event type and version).
//!
//! Three stages, three modules: [`load`] reads and checks the contracts, [`model`]
//! builds the types and names, [`emit`] renders them. [`Config`] drives all three from a
//! build script:
//!
//! ```no_run
//! // build.rs of a domain crate that depends on `events-runtime` (the runtime);
//! // its src/lib.rs then does `include!(concat!(env!("OUT_DIR"), "/events.rs"));`
//! // On a broken contract set: every problem, rendered like rustc's errors, and exit 1.
//! events_codegen::Config::new("contracts").compile_or_exit();
//! ```
#![warn(missing_docs)]

pub mod bundle;
pub mod catalog;
pub mod check;
mod config;
mod dates;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod lint;
pub mod load;
mod locate;
pub mod model;
mod modes;
mod render;

pub use config::{write_if_changed as config_write, Config, Error, Generated};

/// The JSON Schema of `event-types-registry.json` (strict profile), for editors and tools:
/// the format the registry reader enforces.
pub const REGISTRY_SCHEMA: &str = include_str!("../schema/event-types-registry.schema.json");
pub use diagnostics::{Diagnostic, Diagnostics, Problem, Severity};
pub use model::EnvelopeRole;
pub use modes::{Formats, Profile, UnknownKeywords};
