// With producer sunset enforced (events-codegen `enforce_sunset_as_of("2026-03-01")`),
// order.placed v1's cutover (2026-02-15) has passed: constructing it is a build error.
#[allow(dead_code, deprecated)]
mod mini {
    include!("../snapshots/contracts_mini_sunset.rs");
}

fn main() {
    #[allow(deprecated)]
    let _ = mini::shop::OrderPlacedV1::new(serde_json::Map::new());
}
