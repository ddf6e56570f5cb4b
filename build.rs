//! Generates the typed events for `contracts/` into `$OUT_DIR/events.rs`, each contract
//! directory behind the cargo feature of the same name, each event's constructors behind
//! its producer's `produce-<producer>` feature, and `schemars::JsonSchema` impls behind
//! the `schemars` feature. A broken contract set fails the
//! build with every problem rendered like rustc's errors (no panic).
//!
//! The generated code names the runtime by the generator's default path,
//! `::events_runtime`, exactly as in any other crate's bindings: `events` builds its
//! bindings the way its users build theirs, and they do not depend on what `lib.rs`
//! re-exports.
fn main() {
    events_codegen::Config::new("contracts").contract_features(true).producer_features(true).schemars(true).compile_or_exit();
}
