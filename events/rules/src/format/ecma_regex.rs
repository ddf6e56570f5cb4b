//! `regex` (ECMA-262), parsed by `regress`, an ECMAScript regular expression engine.

/// A pattern `regress` compiles with the `u` flag, the dialect JSON Schema 2020-12 §6.4 names.
pub(super) fn is_regex(text: &str) -> bool {
    regress::Regex::with_flags(text, "u").is_ok()
}
