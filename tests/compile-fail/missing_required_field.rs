// lead.created v1 requires created_at: a producer that leaves it out does not build.
use events::ids::{EventId, LeadId};
use events::lead_lifecycle::LeadCreatedV1;

fn main() {
    let _ = LeadCreatedV1::new(LeadId::new_v7(), "website_form".into(), "new".into(), EventId::new_v7());
}
