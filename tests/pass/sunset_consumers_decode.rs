// With producer sunset enforced, consumers still decode the sunset version.
#[allow(dead_code)]
mod mini {
    include!("../snapshots/contracts_mini_sunset.rs");
}

fn main() {
    let json = r#"{"event_id":"evt_0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d","event_type":"order.placed","schema_version":1,
        "producer":"shop","tenant_id":"t1","occurred_at":"2026-03-01T10:00:00Z","payload":{"anything":true}}"#;
    match mini::any::AnyEvent::from_json(json.as_bytes()).expect("decodes") {
        mini::any::AnyEvent::OrderPlacedV1(e) => assert_eq!(e.payload().object().to_map().unwrap()["anything"], true),
        other => panic!("routed to {}", other.event_type()),
    }
}
