// lead.reached v1: attempt_number is 1..=4, so the literal 5 is rejected at compile time.
use events::ids::LeadId;
use events::lead_lifecycle::lead_reached_v1::LeadReachedV1Required;
use events::lead_lifecycle::LeadReachedV1;

fn main() {
    let _ = LeadReachedV1::new(LeadReachedV1Required { lead_id: LeadId::new_v7(), attempt_number: events::Int::lit::<5>(), reached_at: events::Timestamp::now() });
}
