// lead.reached v1: attempt_number is 1..=4, so the literal 5 is rejected at compile time.
use events::ids::LeadId;
use events::lead_lifecycle::LeadReachedV1;

fn main() {
    let _ = LeadReachedV1::new(LeadId::new_v7(), events::Int::lit::<5>(), events::Timestamp::now());
}
