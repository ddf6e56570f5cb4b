//! Generates the typed events for `contracts/` into `$OUT_DIR/events.rs`.
fn main() {
    if let Err(error) = events_codegen::Config::new("contracts").runtime_path("crate").compile() {
        eprintln!("{error}");
        std::process::exit(1);
    }
}
