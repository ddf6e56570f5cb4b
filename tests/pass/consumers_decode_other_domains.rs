// Producer-only construction leaves decoding alone: a crate with no `produce-<domain>`
// feature decodes payloads and envelopes of every domain.
#[allow(dead_code, deprecated, unexpected_cfgs)]
mod mini {
    include!("../snapshots/contracts_mini_producers.rs");
}

use mini::any::AnyPayload;
use mini::shop::OrderRatedV1;

fn main() {
    let json = include_str!("../fixtures/contracts-mini/contracts/examples/order.rated-v1/valid-minimal.json");
    let rated: OrderRatedV1 = serde_json::from_str(json).unwrap();
    let any = AnyPayload::from_json("order.rated", 1, json.as_bytes()).unwrap();
    assert_eq!(any, AnyPayload::OrderRatedV1(rated));
}
