// `caused_by` takes a cause whose event id is of the builder's id type: an event of the
// CloudEvents fixture (ids of any text) is no cause of an envelope of `evt_` ids
// (`tests/fixtures/contracts-envelopes`); `try_caused_by` is the checked way across.
#[allow(dead_code, unexpected_cfgs)]
mod envs {
    include!("../snapshots/contracts_envelopes.rs");
}

#[allow(dead_code, unexpected_cfgs)]
mod ce {
    include!("../snapshots/contracts_cloudevents.rs");
}

fn effect(cause: &ce::any::AnyEvent) {
    let order = envs::shop::OrderPlacedV1::new(envs::shop::order_placed_v1::OrderPlacedV1Required { order_id: envs::ids::OrderId::new_v7() });
    let _ = envs::envelope::Envelope::builder(events::NonEmptyString::new("t1").unwrap(), order).caused_by(cause);
}

fn main() {
    let _ = effect;
}
