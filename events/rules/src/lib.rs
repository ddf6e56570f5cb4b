//! JSON Schema validation programs for the typed events runtime.
//!
//! The generator gives every schema node a Rust type; what no Rust type can say (`not`,
//! `if`/`then`/`else`, `contains`, formats without a dedicated type, …) is checked by a
//! [`Program`]: the node's whole subschema compiled at generation time into a table of
//! keyword checks, embedded in the generated code as a `static`, and run on the JSON value
//! when it is decoded or constructed. See DESIGN.md at the repository root.
#![warn(missing_docs)]

pub mod format;

pub use format::Format;
