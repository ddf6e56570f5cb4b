//! The generated API of the real contract set, for shapes the mini fixture does not have.

use events::identity::intake_amended_v1::Amendment;
use serde_json::json;

fn encode(a: &Amendment) -> serde_json::Value {
    serde_json::to_value(a).unwrap()
}

fn decode(v: serde_json::Value) -> Result<Amendment, serde_json::Error> {
    serde_json::from_value(v)
}

/// A struct with no required property starts empty (`new()` and `Default` alike): it is
/// written as `{}`, `{}` decodes back to it, and setting one optional field writes only that.
#[test]
fn struct_without_required_properties_starts_empty_and_writes_only_what_is_set() {
    assert_eq!(encode(&Amendment::new()), json!({}));
    assert_eq!(encode(&Amendment::default()), json!({}));
    assert_eq!(decode(json!({})).unwrap(), Amendment::new());
    let named = Amendment::new().with_first_name("Ann".try_into().unwrap());
    assert_eq!(encode(&named), json!({"first_name": "Ann"}));
    assert_eq!(decode(json!({"first_name": "Ann"})).unwrap(), named);
    assert_ne!(named, Amendment::default());
}

/// Absent, `null` and a value are three states of an optional nullable field (`email`),
/// kept apart by decoding and encoding; an optional field that does not allow `null`
/// (`first_name`) refuses it instead of reading it as absent.
#[test]
fn optional_fields_keep_absent_null_and_value_apart() {
    let cleared = decode(json!({"email": null})).unwrap();
    assert_ne!(cleared, Amendment::new(), "null is not absent");
    assert_eq!(encode(&cleared), json!({"email": null}));
    let set = decode(json!({"email": "ann@example.com"})).unwrap();
    assert_eq!(encode(&set), json!({"email": "ann@example.com"}));
    assert_ne!(set, cleared);
    for field in ["first_name", "last_name", "phone", "zip"] {
        let err = decode(json!({field: null})).expect_err(field);
        assert!(err.to_string().contains("invalid type: null"), "{field}: {err}");
    }
}

/// Types that several versions of one contract directory define identically are one type,
/// defined in the directory's `common` module and re-exported by each version under the
/// same name: a value of one version's type is a value of the other's.
#[test]
fn types_identical_across_versions_of_a_directory_are_one_type() {
    use events::credit_reservation_funding_state::{
        common, reservation_funded_v1 as funded, reservation_refunded_v1 as refunded, reservation_refunding_v1 as refunding,
    };
    use events::lesson_lifecycle::{lesson_rescheduled_v1 as rescheduled, lesson_scheduled_v1 as scheduled};

    fn refunding_method(method: refunding::PaymentMethod) -> refunding::PaymentMethod {
        method
    }
    fn rescheduled_window(window: rescheduled::Window) -> rescheduled::Window {
        window
    }
    let reference: funded::FundingReference = serde_json::from_value(json!({
        "kind": "payment", "order_id": "ord_01890a5d-ac96-774b-bcce-b302099a8057", "payment_method": "card", "provider_ref": "pi_1"
    }))
    .unwrap();
    let funded::FundingReference::Payment(payment) = &reference else { panic!("a payment: {reference:?}") };
    assert_eq!(refunding_method(payment.payment_method().clone()), funded::PaymentMethod::Card);
    let same: refunded::FundingReference = reference.clone();
    let shared: common::FundingReference = same;
    assert_eq!(serde_json::to_value(&shared).unwrap()["payment_method"], "card");
    // A struct with its companion: built through one version's names, used as the other's.
    let window = scheduled::Window::new(scheduled::WindowRequired {
        start: serde_json::from_value(json!("2026-03-01T10:00:00Z")).unwrap(),
        end: serde_json::from_value(json!("2026-03-01T11:00:00Z")).unwrap(),
        timezone: serde_json::from_value(json!("Europe/Paris")).unwrap(),
    });
    let parts: rescheduled::WindowRequired = rescheduled_window(window).into_parts();
    assert_eq!(parts.timezone.as_str(), "Europe/Paris");
}

/// The getters of an optional nullable property lend `Option<Option<view>>`: a checked
/// string by reference, a date by value; `into_parts` still owns them (issue 12).
#[test]
fn optional_nullable_getters_lend_views_and_parts_own() {
    use events::identity::intake_amended_v1::Email;
    let absent = decode(json!({})).unwrap();
    let (email, dob): (Option<Option<&Email>>, Option<Option<events::Date>>) = (absent.email(), absent.dob());
    assert_eq!((email, dob), (None, None));
    let cleared = decode(json!({"email": null, "dob": null})).unwrap();
    assert_eq!((cleared.email(), cleared.dob()), (Some(None), Some(None)));
    let set = decode(json!({"email": "ann@example.com", "dob": "1990-02-03", "first_name": "Ann"})).unwrap();
    assert_eq!(set.email().flatten().map(Email::as_str), Some("ann@example.com"));
    assert_eq!(set.dob().flatten().map(|d| d.to_string()).as_deref(), Some("1990-02-03"));
    let first: Option<&events::BoundedString<1, 200>> = set.first_name();
    assert_eq!(first.map(|n| n.as_str()), Some("Ann"));
    let parts = set.into_parts();
    let owned: Option<Option<Email>> = parts.email;
    assert_eq!(owned.flatten().map(|e| e.as_str().to_owned()).as_deref(), Some("ann@example.com"));
}

/// Plain string properties (`type: string`, no other keyword) are stored inline when short
/// (issue 12), which the API does not show: getters lend `&str`, `Option<&str>` and
/// `Option<Option<&str>>`; `…Required`, `…Parts` and the `with_…` setters carry `String`.
/// Short, exactly inline-sized, long, escaped and non-ASCII texts decode, encode, compare
/// and print (`Debug`) as their text, and survive `into_parts` and `new` unchanged.
#[test]
fn plain_string_fields_lend_str_and_carry_string() {
    use events::lead_lifecycle::lead_callback_scheduled_v1::{LeadCallbackScheduledV1 as Scheduled, LeadCallbackScheduledV1Required as Required};
    let texts = ["", "op", "exactly twenty-four byte", "twenty-five bytes of text", "quote \" and \\ escaped", "é and 😀", &"long ".repeat(40)];
    for text in texts {
        let json = json!({
            "lead_id": "lead_019e4169-f237-7a49-90b5-cb9445db91a5",
            "scheduled_for": "2026-05-21T23:30:00Z",
            "scheduled_at": "2026-05-20T17:14:36Z",
            "scheduled_by": text,
            "notes": text,
        });
        // From text, as the dispatcher decodes (borrowed strings), and from a `Value` (owned).
        let decoded: Scheduled = serde_json::from_str(&json.to_string()).unwrap();
        assert_eq!(serde_json::from_value::<Scheduled>(json.clone()).unwrap(), decoded);
        let (by, notes): (&str, Option<Option<&str>>) = (decoded.scheduled_by(), decoded.notes());
        assert_eq!((by, notes), (text, Some(Some(text))));
        assert_eq!(serde_json::to_value(&decoded).unwrap(), json);
        assert!(format!("{decoded:?}").contains(&format!("scheduled_by: {text:?}, notes: Some(Some({text:?}))")), "{decoded:?}");
        let parts = decoded.clone().into_parts();
        let (by, notes): (String, Option<Option<String>>) = (parts.scheduled_by, parts.notes);
        assert_eq!((by.as_str(), notes.as_ref().map(|n| n.as_deref())), (text, Some(Some(text))));
        let rebuilt =
            Scheduled::new(Required { lead_id: parts.lead_id, scheduled_for: parts.scheduled_for, scheduled_at: parts.scheduled_at, scheduled_by: by })
                .with_notes(notes.flatten());
        assert_eq!(rebuilt, decoded);
        let cleared = rebuilt.with_notes(None);
        assert_eq!(cleared.notes(), Some(None));
        assert_ne!(cleared, decoded);
    }
    // A plain string refuses what `String` refuses, in `String`'s words.
    let bad = json!({"lead_id": "lead_019e4169-f237-7a49-90b5-cb9445db91a5", "scheduled_for": "2026-05-21T23:30:00Z", "scheduled_at": "2026-05-20T17:14:36Z", "scheduled_by": 3});
    let err = serde_json::from_str::<Scheduled>(&bad.to_string()).unwrap_err().to_string();
    assert!(err.starts_with("invalid type: integer `3`, expected a string"), "{err}");

    // A required nullable one (`campaign_code`), short and long (`landing_url`).
    use events::identity::intake_captured_v2::IntakeCapturedV2;
    let intake: IntakeCapturedV2 = serde_json::from_str(include_str!("../contracts/examples/intake.captured-v2/valid-full.json")).unwrap();
    let code: Option<&str> = intake.campaign_code();
    assert_eq!(code, Some("may-newsletter-2026"));
    let parts = intake.into_parts();
    assert_eq!(parts.campaign_code.as_deref(), Some("may-newsletter-2026"));
    assert_eq!(parts.landing_url.map(|url| url.len()), Some(109));
}
