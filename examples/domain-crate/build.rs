//! Generates this crate's bindings from the contract set it is built against:
//! `$SALES_DESK_CONTRACTS` when set, else the repository's `contracts/`.
fn main() {
    println!("cargo:rerun-if-env-changed=SALES_DESK_CONTRACTS");
    let contracts = std::env::var("SALES_DESK_CONTRACTS").unwrap_or_else(|_| "../../contracts".into());
    events_codegen::Config::new(contracts).compile_or_exit();
}
