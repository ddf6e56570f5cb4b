//! The generated API of the real contract set, for shapes the mini fixture does not have.

use events::identity::intake_amended_v1::Amendment;

/// A struct with no required property gets `Default`, the same value as `new()`.
#[test]
fn struct_without_required_properties_defaults_to_new() {
    assert_eq!(Amendment::default(), Amendment::new());
    assert_eq!(Amendment::default().first_name(), &None);
}
