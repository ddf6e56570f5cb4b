//! Generates the typed events for `contracts/` into `$OUT_DIR/events.rs`, each contract
//! directory behind the cargo feature of the same name, each event's constructors behind
//! its producer's `produce-<producer>` feature, and `schemars::JsonSchema` impls behind
//! the `schemars` feature. A broken contract set fails the
//! build with every problem rendered like rustc's errors (no panic).
fn main() {
    events_codegen::Config::new("contracts").runtime_path("crate").contract_features(true).producer_features(true).schemars(true).compile_or_exit();
}
