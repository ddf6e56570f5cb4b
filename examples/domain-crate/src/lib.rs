//! The Sales desk: opens leads from intakes, records reach attempts and card payments,
//! and reacts to the events other domains send it.

#[allow(clippy::all, missing_docs)]
pub mod contracts {
    include!(concat!(env!("OUT_DIR"), "/events.rs"));
}

use contracts::any::AnyEvent;
use contracts::envelope::Envelope;
use contracts::ids::{EventId, LeadId, OrderId, PersonId};
use contracts::lead_lifecycle::lead_created_v1::LeadCreatedV1Required;
use contracts::lead_lifecycle::lead_reached_v1::LeadReachedV1Required;
use contracts::lead_lifecycle::{LeadCreatedV1, LeadReachedV1};
use contracts::payment_flow::payment_received_v1::{Currency, PaymentMethod, PaymentPath, PaymentReceivedV1Required};
use contracts::payment_flow::PaymentReceivedV1;
use events_runtime::{Int, NonEmptyString, Timestamp};

/// Opens a lead for a person from the intake event that brought them in.
pub fn open_lead(tenant: NonEmptyString, lead: LeadId, person: PersonId, intake_event: EventId) -> Envelope<LeadCreatedV1> {
    let payload = LeadCreatedV1::new(LeadCreatedV1Required {
        lead_id: lead,
        source: "website_form".into(),
        stage: "new".into(),
        originating_intake_event_id: intake_event,
        created_at: Timestamp::now(),
    })
    .with_person_id(Some(person));
    Envelope::builder(tenant, payload).subject(person).build()
}

/// Records the second, successful call attempt.
pub fn record_reach(tenant: NonEmptyString, lead: LeadId, rep: PersonId) -> Envelope<LeadReachedV1> {
    let payload = LeadReachedV1::new(LeadReachedV1Required { lead_id: lead, attempt_number: Int::lit::<2>(), reached_at: Timestamp::now() });
    Envelope::builder(tenant, payload).acted_by(rep).build()
}

/// Records a card payment of `cents` US cents.
pub fn record_card_payment(tenant: NonEmptyString, order: OrderId, person: PersonId, cents: i64) -> Result<Envelope<PaymentReceivedV1>, events_runtime::ValueError> {
    let payload = PaymentReceivedV1::new(PaymentReceivedV1Required {
        order_id: order,
        person_id: person,
        payment_method: PaymentMethod::Card,
        payment_path: PaymentPath::ActiveCharge,
        amount_cents: Int::new(cents)?,
        currency: Currency::new("USD")?,
        provider_ref: NonEmptyString::new("sq_pay_1")?,
        received_at: Timestamp::now(),
    });
    Ok(Envelope::builder(tenant, payload).subject(person).build())
}

/// What the desk does with an incoming event.
pub fn handle(json: &[u8]) -> Result<String, events_runtime::DecodeError> {
    Ok(match AnyEvent::from_json(json)? {
        AnyEvent::LeadCreatedV1(e) => format!("lead {} opened", e.payload().lead_id()),
        AnyEvent::LeadReachedV1(e) => format!("lead {} reached on attempt {}", e.payload().lead_id(), e.payload().attempt_number()),
        AnyEvent::PaymentReceivedV1(e) => format!("payment of {} cents by {}", e.payload().amount_cents(), e.payload().payment_method()),
        other => format!("not for the desk: {}", other.event_type()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn produced_events_are_handled() {
        let tenant = NonEmptyString::new("t1").unwrap();
        let lead = LeadId::new_v7();
        let created = open_lead(tenant.clone(), lead, PersonId::new_v7(), EventId::new_v7());
        assert_eq!(handle(created.to_json().as_bytes()).unwrap(), format!("lead {lead} opened"));
        let paid = record_card_payment(tenant, OrderId::new_v7(), PersonId::new_v7(), 12_500).unwrap();
        assert_eq!(handle(paid.to_json().as_bytes()).unwrap(), format!("payment of 12500 cents by card"));
    }
}
