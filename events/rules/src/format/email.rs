//! `email` (RFC 5321 §4.1.2 `Mailbox`) and `idn-email` (RFC 6531), parsed by `email_address`,
//! the parser the `jsonschema` crate uses for these formats.
//!
//! `email_address` checks the local part and the shape of the domain; the domain itself is then
//! checked as a host name (or an IDN host name), or as an address literal (`[192.0.2.1]`,
//! `[IPv6:2001:db8::1]`), which `email_address` takes without looking inside.

use std::{
    borrow::Cow,
    net::{Ipv4Addr, Ipv6Addr},
};

use email_address::{EmailAddress, Options};

use super::hostname;

/// An ASCII mailbox: `local-part@domain`.
pub(super) fn is_email(text: &str) -> bool {
    is_mailbox(text, false)
}

/// A mailbox whose local part and domain may hold non-ASCII characters.
pub(super) fn is_idn_email(text: &str) -> bool {
    is_mailbox(text, true)
}

fn is_mailbox(text: &str, international: bool) -> bool {
    // `email_address` 0.2 refuses UTF-8 inside a quoted local part, which RFC 6531 §3.3 admits
    // (`qtextSMTP =/ UTF8-non-ascii`). Wherever RFC 6531 admits a non-ASCII character, it
    // admits an ASCII letter too, so for `idn-email` the crate judges the address's structure
    // with each non-ASCII character replaced by as many `a` as it has UTF-8 octets (the length
    // limits count octets), and the domain is checked as written.
    let mut structure: Cow<'_, str> = if international && !text.is_ascii() {
        Cow::Owned(text.chars().map(|c| if c.is_ascii() { c.to_string() } else { "a".repeat(c.len_utf8()) }).collect())
    } else {
        Cow::Borrowed(text)
    };
    // RFC 5321's `Quoted-string` may be empty (`""@example.com`); `email_address` 0.2 refuses
    // that one case, so a one-letter quoted string stands in for it.
    if let Some(domain) = structure.strip_prefix("\"\"@") {
        structure = Cow::Owned(format!("\"q\"@{domain}"));
    }
    let Ok(address) = EmailAddress::parse_with_options(&structure, Options::default().without_display_text()) else {
        return false;
    };
    // `email_address` takes UTF-8 local parts (RFC 6532); `email` is the ASCII mailbox.
    if !international && !address.local_part().is_ascii() {
        return false;
    }
    // A domain never holds `@`, so it is what follows the last one.
    text.rsplit_once('@').is_some_and(|(_, domain)| is_domain(domain, international))
}

/// RFC 5321 `Domain / address-literal`.
fn is_domain(domain: &str, international: bool) -> bool {
    match domain.strip_prefix('[').and_then(|literal| literal.strip_suffix(']')) {
        Some(literal) => is_address_literal(literal),
        None if international => hostname::is_idn_hostname(domain),
        None => hostname::is_hostname(domain),
    }
}

/// RFC 5321 §4.1.3: an IPv4 dotted quad, or `IPv6:` (the tag in any case) and an IPv6 address.
fn is_address_literal(literal: &str) -> bool {
    const IPV6_TAG: &str = "IPv6:";
    match literal.get(..IPV6_TAG.len()) {
        Some(tag) if tag.eq_ignore_ascii_case(IPV6_TAG) => literal[IPV6_TAG.len()..].parse::<Ipv6Addr>().is_ok(),
        _ => literal.parse::<Ipv4Addr>().is_ok(),
    }
}
