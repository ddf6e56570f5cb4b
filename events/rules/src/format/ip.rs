//! `ipv4` and `ipv6`, parsed by the standard library.
//!
//! `std::net::Ipv4Addr` takes exactly the dotted quad of RFC 2673 §3.2 (four decimal octets,
//! no leading zeros); `Ipv6Addr` takes RFC 4291 §2.2 text, with an embedded dotted quad and
//! without a zone index.

use std::net::{Ipv4Addr, Ipv6Addr};

/// A dotted-quad IPv4 address.
pub(super) fn is_ipv4(text: &str) -> bool {
    text.parse::<Ipv4Addr>().is_ok()
}

/// An IPv6 address in RFC 4291 text form.
pub(super) fn is_ipv6(text: &str) -> bool {
    text.parse::<Ipv6Addr>().is_ok()
}
