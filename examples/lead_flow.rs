//! The main job: a small domain flow on the real contract set.
//!
//! Growth captures an intake (subject: the form submission), Platform matches it to a
//! Person, Sales opens a Lead from the match, reaches the person and qualifies them,
//! Revenue records a payment. Each step produces a typed payload, wraps
//! it in an envelope (ids, timestamps, actor and correlation filled in), and puts the
//! JSON on an in-memory bus. A consumer then decodes every message without knowing its
//! type in advance and reacts to the ones it cares about.

use events::any::AnyEvent;
use events::envelope::{Envelope, EventPayload};
use events::identity::intake_captured_v2::{IntakeCapturedV2Required, Submission, SubmissionRequired, Zip};
use events::identity::intake_matched_v2::{
    IntakeMatchedV2Required, MatchType, PhoneNormalized, SubmissionSummary, SubmissionSummaryRequired, Zip as SummaryZip,
};
use events::identity::{IntakeCapturedV2, IntakeMatchedV2};
use events::ids::{FormSubmissionId, LeadId, OrderId, PersonId};
use events::lead_lifecycle::lead_created_v1::LeadCreatedV1Required;
use events::lead_lifecycle::lead_reached_v1::LeadReachedV1Required;
use events::lead_lifecycle::lead_stage_changed_v1::{LeadStageChangedV1Required, TransitionReason};
use events::lead_lifecycle::{LeadCreatedV1, LeadReachedV1, LeadStageChangedV1};
use events::payment_flow::payment_received_v1::{Currency, PaymentMethod, PaymentPath, PaymentReceivedV1Required};
use events::payment_flow::PaymentReceivedV1;
use events::{Int, NonEmptyString, Timestamp};

type Error = Box<dyn std::error::Error>;

/// Produces the flow's events, as the JSON a transport would carry.
fn produce(tenant: &NonEmptyString) -> Result<Vec<String>, Error> {
    let mut bus = Vec::new();
    let person = PersonId::new_v7();
    let rep = PersonId::new_v7();

    // Growth does not know the Person yet: the subject is the form submission.
    let form = FormSubmissionId::new_v7();
    let submission = Submission::new(SubmissionRequired {
        first_name: NonEmptyString::new("Ada")?,
        last_name: NonEmptyString::new("Lovelace")?,
        phone: NonEmptyString::new("(555) 010-0199")?,
        zip: Zip::new("94107")?,
    });
    let captured = IntakeCapturedV2::new(IntakeCapturedV2Required {
        tenant_id: tenant.to_string(),
        source: "website_form".into(),
        campaign_code: Some("spring-2026".into()),
        landing_url: None,
        submission,
        person_id: None,
        visitor_id: None,
    });
    let intake = Envelope::builder(tenant.clone(), captured).subject(form).build();
    bus.push(intake.to_json());

    // Platform matches the submission to a Person and forwards what Sales needs.
    let summary = SubmissionSummary::new(SubmissionSummaryRequired {
        first_name: events::BoundedString::new("Ada")?,
        last_name: events::BoundedString::new("Lovelace")?,
        phone_normalized: PhoneNormalized::new("+15550100199")?,
        zip: SummaryZip::new("94107")?,
        student_age_group: None,
        timeline: None,
        lesson_setting: None,
        new_qualified: true,
    });
    let matched = IntakeMatchedV2::new(IntakeMatchedV2Required {
        tenant_id: tenant.to_string(),
        form_submission_id: form,
        originating_event_id: intake.event_id(),
        person_id: person,
        match_type: MatchType::AutoMinted,
        matched_at: Timestamp::now(),
        source: "website_form".into(),
        campaign_code: Some("spring-2026".into()),
        landing_url: None,
        submission_summary: summary,
    });
    let matched = Envelope::builder(tenant.clone(), matched).subject(person).caused_by(&intake).build();
    bus.push(matched.to_json());

    let lead = LeadId::new_v7();
    let created = LeadCreatedV1::new(LeadCreatedV1Required {
        lead_id: lead,
        source: "website_form".into(),
        stage: "new".into(),
        originating_intake_event_id: matched.event_id(),
        created_at: Timestamp::now(),
    })
    .with_person_id(Some(person));
    let created = Envelope::builder(tenant.clone(), created).subject(person).caused_by(&matched).build();
    bus.push(created.to_json());

    let reached = LeadReachedV1::new(LeadReachedV1Required { lead_id: lead, attempt_number: Int::lit::<2>(), reached_at: Timestamp::now() })
        .with_outcome(Some("qualified".into()));
    let reached = Envelope::builder(tenant.clone(), reached).subject(person).acted_by(rep).caused_by(&created).build();
    bus.push(reached.to_json());

    let moved = LeadStageChangedV1::new(LeadStageChangedV1Required {
        lead_id: lead,
        from_stage: "new".into(),
        to_stage: "qualified".into(),
        transition_reason: TransitionReason::OperatorAction,
        transition_at: Timestamp::now(),
    });
    let moved = Envelope::builder(tenant.clone(), moved).subject(person).acted_by(rep).caused_by(&reached).build();
    bus.push(moved.to_json());

    let payment = PaymentReceivedV1::new(PaymentReceivedV1Required {
        order_id: OrderId::new_v7(),
        person_id: person,
        payment_method: PaymentMethod::Card,
        payment_path: PaymentPath::ActiveCharge,
        amount_cents: Int::new(12_500)?,
        currency: Currency::new("USD")?,
        provider_ref: NonEmptyString::new("sq_pay_81Hk2")?,
        received_at: Timestamp::now(),
    });
    let payment = Envelope::builder(tenant.clone(), payment).subject(person).caused_by(&moved).build();
    bus.push(payment.to_json());
    Ok(bus)
}

/// Consumes messages of any type: routes on the decoded enum.
fn consume(message: &str) -> Result<String, events::DecodeError> {
    Ok(match AnyEvent::from_json(message.as_bytes())? {
        AnyEvent::IntakeMatchedV2(e) => {
            let p = e.payload();
            format!("platform matched submission {} to {} ({:?})", p.form_submission_id(), p.person_id(), p.match_type())
        }
        AnyEvent::LeadCreatedV1(e) => {
            // person_id is optional and nullable: absent, null and a value are three cases.
            let person = match e.payload().person_id() {
                Some(Some(person)) => person.to_string(),
                Some(None) => "nobody yet (null)".into(),
                None => "nobody yet (absent)".into(),
            };
            format!("sales opened lead {} (stage {:?}) for {person}", e.payload().lead_id(), e.payload().stage())
        }
        AnyEvent::LeadReachedV1(e) => {
            format!("lead {} reached on attempt {} by {}", e.payload().lead_id(), e.payload().attempt_number(), e.actor().map_or("?".into(), |a| a.to_string()))
        }
        AnyEvent::PaymentReceivedV1(e) => {
            let p = e.payload();
            format!("received {} {} cents by {} for order {}", p.currency(), p.amount_cents(), p.payment_method(), p.order_id())
        }
        other => format!("ignored {} v{}", other.event_type(), other.schema_version()),
    })
}

fn main() -> Result<(), Error> {
    let tenant = NonEmptyString::new("tenant-demo")?;
    let bus = produce(&tenant)?;
    println!("produced {} events ({} is produced by {}):", bus.len(), LeadCreatedV1::EVENT_TYPE, LeadCreatedV1::PRODUCER);
    for message in &bus {
        println!("  {message}");
    }
    println!("consumed:");
    for message in &bus {
        println!("  {}", consume(message)?);
    }
    // A message that breaks its contract is refused with a typed error, not half-read.
    let broken = bus[3].replace("\"attempt_number\":2", "\"attempt_number\":7");
    match consume(&broken) {
        Err(e) => println!("refused a broken message: {e}"),
        Ok(handled) => return Err(format!("a broken message was accepted: {handled}").into()),
    }
    Ok(())
}
