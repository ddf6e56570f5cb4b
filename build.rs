//! Generates the typed events for `contracts/` into `$OUT_DIR/events.rs`, each contract
//! directory behind the cargo feature of the same name. A broken contract set fails the
//! build with every problem rendered like rustc's errors (no panic).
fn main() {
    events_codegen::Config::new("contracts").runtime_path("crate").contract_features(true).compile_or_exit();
}
