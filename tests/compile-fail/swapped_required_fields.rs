// lead.created v1's `source` and `stage` are both strings. Passed by position they could
// be swapped silently; `new` takes them by name only, so the positional call (here with
// the two swapped) does not build.
use events::ids::{EventId, LeadId};
use events::lead_lifecycle::LeadCreatedV1;

fn main() {
    let _ = LeadCreatedV1::new(LeadId::new_v7(), "new".into(), "website_form".into(), EventId::new_v7(), events::Timestamp::now());
}
