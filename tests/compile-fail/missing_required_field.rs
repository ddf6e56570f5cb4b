// lead.created v1 requires created_at: a producer that leaves it out does not build.
use events::ids::{EventId, LeadId};
use events::lead_lifecycle::lead_created_v1::LeadCreatedV1Required;
use events::lead_lifecycle::LeadCreatedV1;

fn main() {
    let _ = LeadCreatedV1::new(LeadCreatedV1Required {
        lead_id: LeadId::new_v7(),
        source: "website_form".into(),
        stage: "new".into(),
        originating_intake_event_id: EventId::new_v7(),
    });
}
