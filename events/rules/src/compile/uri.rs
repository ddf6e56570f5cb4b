//! URI handling for `$id` and `$ref`: RFC 3986/3987 resolution and syntax-based normalization
//! (fluent-uri), fragments split off and percent-decoded.

use fluent_uri::{Iri, IriRef};

/// A resolved reference: the absolute IRI without fragment, and the raw fragment if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    /// Absolute, normalized, no fragment.
    pub(crate) resource: String,
    /// The fragment as written (still percent-encoded); `None` when absent.
    pub(crate) fragment: Option<String>,
}

/// The normalized form of an absolute IRI, without its fragment; `None` when not absolute.
pub(crate) fn normalize_absolute(uri: &str) -> Option<String> {
    let iri = Iri::parse(uri).ok()?;
    Some(iri.normalize().strip_fragment().as_str().to_owned())
}

/// The key under which a document given as `uri` is stored: normalized when it parses as an
/// absolute IRI, else the text before any `#`.
pub(crate) fn document_key(uri: &str) -> String {
    normalize_absolute(uri).unwrap_or_else(|| uri.split('#').next().unwrap_or(uri).to_owned())
}

/// Resolves `reference` against the absolute, fragment-free `base`.
pub(crate) fn resolve(base: &str, reference: &str) -> Result<Target, String> {
    let r = IriRef::parse(reference).map_err(|e| format!("{reference:?} is not a URI reference: {e}"))?;
    let fragment = r.fragment().map(|f| f.as_str().to_owned());
    let resolved = match Iri::parse(base) {
        Ok(b) => r.resolve_against(&b).map_err(|e| format!("{reference:?} cannot be resolved against the base URI {base:?}: {e}"))?,
        Err(_) => {
            // A document key that is not an absolute IRI: only same-document references work.
            if r.as_str().starts_with('#') || r.as_str().is_empty() {
                return Ok(Target { resource: base.to_owned(), fragment });
            }
            return Err(format!("{reference:?} cannot be resolved: the base {base:?} is not an absolute URI (give the document an absolute URI or `$id`)"));
        }
    };
    Ok(Target { resource: resolved.normalize().strip_fragment().as_str().to_owned(), fragment })
}

/// Percent-decodes a fragment (`%24defs` → `$defs`).
pub(crate) fn decode_fragment(fragment: &str) -> Result<String, String> {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| format!("the fragment {fragment:?} does not decode to UTF-8"))
}

/// Escapes one JSON-pointer token (RFC 6901).
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_follows_rfc_3986() {
        let t = resolve("http://example.com/a/b.json", "../c.json#/x").unwrap();
        assert_eq!(t, Target { resource: "http://example.com/c.json".into(), fragment: Some("/x".into()) });
        let t = resolve("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed", "#foo").unwrap();
        assert_eq!(t.resource, "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed");
        assert_eq!(t.fragment.as_deref(), Some("foo"));
        assert_eq!(document_key("HTTP://Example.com/x#"), "http://example.com/x");
        assert_eq!(decode_fragment("/%24defs/a%25b").unwrap(), "/$defs/a%b");
    }
}
