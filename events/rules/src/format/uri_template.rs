//! `uri-template` (RFC 6570, up to level 4), parsed by `iri-string`'s template module.

/// A URI template: literals and `{…}` expressions with an optional operator and a
/// comma-separated list of variables, each with an optional `:prefix` or `*` modifier.
pub(super) fn is_uri_template(text: &str) -> bool {
    iri_string::template::UriTemplateStr::new(text).is_ok()
}
