//! JSON Schema validation programs for the typed events runtime.
//!
//! The generator gives every schema node a Rust type; what no Rust type can say (`not`,
//! `if`/`then`/`else`, `contains`, formats without a dedicated type, …) is checked by a
//! [`Program`]: the node's whole subschema compiled at generation time into a table of
//! keyword checks, embedded in the generated code as a `static`, and run on the JSON value
//! when it is decoded or constructed. See DESIGN.md at the repository root.
#![warn(missing_docs)]

mod equal;
pub mod format;
pub mod ir;
mod num;
mod validate;

#[cfg(feature = "compile")]
pub mod compile;
#[cfg(feature = "compile")]
mod emit;

pub use format::Format;
pub use ir::{Check, Lit, Node, NodeId, Num, PatternId, Program, PropNames, PropNode, Types};
pub use validate::{Violation, MAX_DEPTH};
