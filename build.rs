//! Generates the typed events for `contracts/` into `$OUT_DIR/events.rs`, each contract
//! directory behind the cargo feature of the same name.
fn main() {
    let result = events_codegen::Config::new("contracts").runtime_path("crate").contract_features(true).compile();
    if let Err(error) = result {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
