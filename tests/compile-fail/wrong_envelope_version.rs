// A payload that the registry puts in envelope v1, built in envelope v2
// (`tests/fixtures/contracts-envelopes`: order.placed v1 travels in envelope v1).
#[allow(dead_code, unexpected_cfgs)]
mod envs {
    include!("../snapshots/contracts_envelopes.rs");
}

fn main() {
    let order = envs::shop::OrderPlacedV1::new(envs::shop::order_placed_v1::OrderPlacedV1Required { order_id: envs::ids::OrderId::new_v7() });
    let _ = envs::envelope::v2::Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order);
}
