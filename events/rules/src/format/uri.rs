//! `uri`, `uri-reference` (RFC 3986), `iri` and `iri-reference` (RFC 3987), parsed by
//! `fluent-uri`, the parser the `jsonschema` crate uses for these formats.

use fluent_uri::{Iri, IriRef, Uri, UriRef};

/// An RFC 3986 `URI`: a scheme, then the hierarchical part, query and fragment.
pub(super) fn is_uri(text: &str) -> bool {
    Uri::parse(text).is_ok()
}

/// An RFC 3986 `URI-reference`: a URI or a relative reference.
pub(super) fn is_uri_reference(text: &str) -> bool {
    UriRef::parse(text).is_ok()
}

/// An RFC 3987 `IRI`: a URI that may also hold non-ASCII characters.
pub(super) fn is_iri(text: &str) -> bool {
    Iri::parse(text).is_ok()
}

/// An RFC 3987 `IRI-reference`.
pub(super) fn is_iri_reference(text: &str) -> bool {
    IriRef::parse(text).is_ok()
}
