// A person id where the contract wants a lead id.
use events::ids::{EventId, PersonId};
use events::lead_lifecycle::LeadCreatedV1;

fn main() {
    let _ = LeadCreatedV1::new(PersonId::new_v7(), "website_form".into(), "new".into(), EventId::new_v7(), events::Timestamp::now());
}
