// A person id where the contract wants a lead id.
use events::ids::{EventId, PersonId};
use events::lead_lifecycle::lead_created_v1::LeadCreatedV1Required;
use events::lead_lifecycle::LeadCreatedV1;

fn main() {
    let _ = LeadCreatedV1::new(LeadCreatedV1Required {
        lead_id: PersonId::new_v7(),
        source: "website_form".into(),
        stage: "new".into(),
        originating_intake_event_id: EventId::new_v7(),
        created_at: events::Timestamp::now(),
    });
}
