//! JSON Schema validation programs for the typed events runtime.
//!
//! The generator gives every schema node a Rust type; what no Rust type can say (`not`,
//! `if`/`then`/`else`, `contains`, formats without a dedicated type, …) is checked by a
//! [`Program`]: the node's whole subschema compiled at generation time into a table of
//! keyword checks, embedded in the generated code as a `static`, and run on the JSON value
//! when it is decoded or constructed. See DESIGN.md at the repository root.
//!
//! ```
//! # #[cfg(feature = "compile")] {
//! use events_rules::compile::{compile, Documents, Draft};
//! use serde_json::json;
//!
//! let mut docs = Documents::new();
//! docs.add("https://example.test/price.json", json!({"type": "number", "multipleOf": 0.01, "exclusiveMinimum": 0}));
//! let program = compile(&docs, "https://example.test/price.json", "", Draft::Draft202012).expect("compiles");
//! assert!(program.is_valid(&json!(19.99)));
//! let err = program.validate(&json!(0.005)).unwrap_err();
//! assert_eq!(err.schema_path, "#/multipleOf");
//! // Generated code: `static PRICE: events_rules::Program = <this expression>;`
//! let rust = program.to_rust("::events_rules");
//! assert!(rust.contains("Program::from_static(NODES, PATTERNS)"));
//! # }
//! ```
#![warn(missing_docs)]

mod equal;
pub mod format;
pub mod ir;
mod num;
mod pattern;
mod validate;

#[cfg(feature = "compile")]
pub mod compile;
#[cfg(feature = "compile")]
mod emit;

pub use format::Format;
pub use ir::{Check, Lit, Node, NodeId, Num, PatternId, Program, PropNames, PropNode, Types};
pub use validate::{Violation, MAX_DEPTH};
