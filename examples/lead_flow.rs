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
use events::identity::intake_captured_v2::{Submission, Zip};
use events::identity::intake_matched_v2::{MatchType, PhoneNormalized, SubmissionSummary, Zip as SummaryZip};
use events::identity::{IntakeCapturedV2, IntakeMatchedV2};
use events::ids::{FormSubmissionId, LeadId, OrderId, PersonId};
use events::lead_lifecycle::lead_stage_changed_v1::TransitionReason;
use events::lead_lifecycle::{LeadCreatedV1, LeadReachedV1, LeadStageChangedV1};
use events::payment_flow::payment_received_v1::{Currency, PaymentMethod, PaymentPath};
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
    let submission = Submission::new(NonEmptyString::new("Ada")?, NonEmptyString::new("Lovelace")?, NonEmptyString::new("(555) 010-0199")?, Zip::new("94107")?);
    let intake = Envelope::builder(
        tenant.clone(),
        IntakeCapturedV2::new(tenant.to_string(), "website_form".into(), Some("spring-2026".into()), None, submission, None, None),
    )
    .subject(form)
    .build();
    bus.push(intake.to_json());

    // Platform matches the submission to a Person and forwards what Sales needs.
    let summary = SubmissionSummary::new(
        events::BoundedString::new("Ada")?,
        events::BoundedString::new("Lovelace")?,
        PhoneNormalized::new("+15550100199")?,
        SummaryZip::new("94107")?,
        None,
        None,
        None,
        true,
    );
    let matched = IntakeMatchedV2::new(
        tenant.to_string(),
        form,
        intake.event_id(),
        person,
        MatchType::AutoMinted,
        Timestamp::now(),
        "website_form".into(),
        Some("spring-2026".into()),
        None,
        summary,
    );
    let matched = Envelope::builder(tenant.clone(), matched).subject(person).caused_by(&intake).build();
    bus.push(matched.to_json());

    let lead = LeadId::new_v7();
    let created = LeadCreatedV1::new(lead, "website_form".into(), "new".into(), matched.event_id(), Timestamp::now()).with_person_id(Some(person));
    let created = Envelope::builder(tenant.clone(), created).subject(person).caused_by(&matched).build();
    bus.push(created.to_json());

    let reached = LeadReachedV1::new(lead, Int::lit::<2>(), Timestamp::now()).with_outcome(Some("qualified".into()));
    let reached = Envelope::builder(tenant.clone(), reached).subject(person).acted_by(rep).caused_by(&created).build();
    bus.push(reached.to_json());

    let moved = LeadStageChangedV1::new(lead, "new".into(), "qualified".into(), TransitionReason::OperatorAction, Timestamp::now());
    let moved = Envelope::builder(tenant.clone(), moved).subject(person).acted_by(rep).caused_by(&reached).build();
    bus.push(moved.to_json());

    let payment = PaymentReceivedV1::new(
        OrderId::new_v7(),
        person,
        PaymentMethod::Card,
        PaymentPath::ActiveCharge,
        Int::new(12_500)?,
        Currency::new("USD")?,
        NonEmptyString::new("sq_pay_81Hk2")?,
        Timestamp::now(),
    );
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
