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
