// Producer-only construction (events-codegen `Config::producer_features(true)`): a consumer
// crate that enables no `produce-<domain>` feature decodes every domain's events but builds
// none, and the error names the feature that owns the event.
#[allow(dead_code, deprecated, unexpected_cfgs)]
mod mini {
    include!("../snapshots/contracts_mini_producers.rs");
}

use mini::envelope::Envelope;
use mini::ids::OrderId;
use mini::shop::order_decided_v1::{Reason, Rejected, RejectedRequired};
use mini::shop::OrderRatedV1;

fn main() {
    // `order.decided` belongs to `billing`.
    let _ = Rejected::new(RejectedRequired { order_id: OrderId::new_v7(), reason: Reason::CardDeclined });
    // `order.rated` belongs to `shop`: decoding it is fine, sending it is not.
    let rated: OrderRatedV1 = serde_json::from_str(include_str!("../fixtures/contracts-mini/contracts/examples/order.rated-v1/valid-minimal.json")).unwrap();
    let _ = Envelope::builder(events::NonEmptyString::new("t1").unwrap(), rated);
}
