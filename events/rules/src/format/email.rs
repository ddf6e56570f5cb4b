//! `email` (RFC 5321 §4.1.2 `Mailbox`) and `idn-email` (RFC 6531), parsed by `email_address`,
//! the parser the `jsonschema` crate uses for these formats.
//!
//! `email_address` checks the local part and the shape of the domain; the domain itself is then
//! checked as a host name (or an IDN host name), or as an address literal (`[192.0.2.1]`,
//! `[IPv6:2001:db8::1]`), which `email_address` takes without looking inside.

use std::net::{Ipv4Addr, Ipv6Addr};

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
    let options = Options::default().without_display_text();
    // RFC 5321's `Quoted-string` may be empty (`""@example.com`); `email_address` 0.2 refuses
    // that one case, so the domain alone decides it.
    if let Some(domain) = text.strip_prefix("\"\"@") {
        return EmailAddress::parse_with_options(&format!("\"q\"@{domain}"), options).is_ok_and(|address| is_domain(address.domain(), international));
    }
    let Ok(address) = EmailAddress::parse_with_options(text, options) else {
        return false;
    };
    (international || address.local_part().is_ascii()) && is_domain(address.domain(), international)
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
