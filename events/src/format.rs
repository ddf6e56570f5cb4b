//! Checks for the string `format`s the contracts use besides dates: `email`, `uri`, `uuid`.

/// `format: email`: an RFC 5321 mailbox `local@domain` with a dot-atom or quoted local
/// part and a hostname or address-literal domain.
pub fn is_email(text: &str) -> bool {
    let Some(at) = text.rfind('@') else { return false };
    let (local, domain) = (&text[..at], &text[at + 1..]);
    local_part_ok(local) && (hostname_ok(domain) || address_literal_ok(domain))
}

fn local_part_ok(local: &str) -> bool {
    if local.is_empty() || local.len() > 64 {
        return false;
    }
    if let Some(inner) = local.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        let mut escaped = false;
        return inner.chars().all(|c| {
            let ok = escaped || c != '"';
            escaped = !escaped && c == '\\';
            ok && c.is_ascii() && !c.is_ascii_control()
        }) && !escaped;
    }
    const SPECIALS: &str = "!#$%&'*+-/=?^_`{|}~";
    local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c)))
}

fn address_literal_ok(domain: &str) -> bool {
    let Some(inner) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) else { return false };
    match inner.get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case("IPv6:") => inner[5..].parse::<std::net::Ipv6Addr>().is_ok(),
        _ => inner.parse::<std::net::Ipv4Addr>().is_ok(),
    }
}

/// An RFC 1123 hostname: dot-separated labels of letters, digits and inner hyphens.
pub fn hostname_ok(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// `format: uri`: an absolute RFC 3986 URI (scheme, then only URI characters and valid escapes).
pub fn is_uri(text: &str) -> bool {
    let Some(colon) = text.find(':') else { return false };
    let scheme = &text[..colon];
    let scheme_ok =
        scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    let bytes = text.as_bytes();
    let mut i = colon + 1;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            if i + 2 >= bytes.len() || !bytes[i + 1].is_ascii_hexdigit() || !bytes[i + 2].is_ascii_hexdigit() {
                return false;
            }
            i += 3;
            continue;
        }
        if !URI_CHAR[usize::from(b)] {
            return false;
        }
        i += 1;
    }
    true
}

/// The bytes an RFC 3986 URI holds outside percent escapes: unreserved and reserved characters.
const URI_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let punctuation = b"-._~:/?#[]@!$&'()*+,;=";
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
};

/// `format: uuid`: the hyphenated 8-4-4-4-12 hex form, any case, any version.
pub fn is_uuid(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 36 && b.iter().enumerate().all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { *c == b'-' } else { c.is_ascii_hexdigit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("jo.doe+tag@example.com"));
        assert!(is_email("\"jo doe\"@example.com"));
        assert!(is_email("jo@[127.0.0.1]"));
        assert!(!is_email("jo@"));
        assert!(!is_email("jo..doe@example.com"));
        assert!(!is_email("jo@-example.com"));
        assert!(!is_email("no-at-sign"));
    }

    #[test]
    fn uris_and_uuids() {
        assert!(is_uri("https://example.com/a?b=c#d"));
        assert!(!is_uri("/relative/path"));
        assert!(!is_uri("https://exa mple.com"));
        assert!(!is_uri("https://example.com/%zz"));
        assert!(is_uuid("0190A8C2-6f3e-7b6a-9c1d-2e3f4a5b6c7d"));
        assert!(!is_uuid("0190a8c26f3e7b6a9c1d2e3f4a5b6c7d"));
    }
}
