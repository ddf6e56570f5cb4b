//! `uuid` (RFC 4122 §3 string representation), parsed by the `uuid` crate.

/// The hyphenated form: 36 characters, `8-4-4-4-12` hex digits in either case.
pub(super) fn is_uuid(text: &str) -> bool {
    // `uuid` also parses the simple, braced and URN forms (32, 38 and 45 characters); of its
    // forms only the hyphenated one is 36 long, and the parser checks the hyphens' positions.
    text.len() == 36 && uuid::Uuid::try_parse(text).is_ok()
}
