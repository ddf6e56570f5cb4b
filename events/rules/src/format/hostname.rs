//! `hostname` (RFC 1123 §2.1, with RFC 5891 A-label rules) and `idn-hostname` (RFC 5890),
//! mapped, decoded and checked by `idna` (UTS 46 processing: NFC, STD3 ASCII rules, hyphen
//! positions, DNS lengths, Punycode, the bidi rule and the joiner rules of RFC 5892 CONTEXTJ).
//! UTS 46 is more permissive than IDNA2008 in what code points a U-label may hold; what it
//! lets through is narrowed to RFC 5892 by [`super::idna2008`].

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

use super::idna2008;

/// An ASCII host name: dot-separated labels of letters, digits and inner hyphens, each at most
/// 63 octets, 253 in all; a label that starts `xn--` must be a valid A-label.
pub(super) fn is_hostname(text: &str) -> bool {
    text.is_ascii() && is_idn_hostname(text)
}

/// A host name whose labels may be U-labels or A-labels, separated by `.` or one of the dots
/// that UTS 46 maps to it (`。`, `．`, `｡`).
pub(super) fn is_idn_hostname(text: &str) -> bool {
    let uts46 = Uts46::new();
    // The strictest UTS 46 settings: STD3 (letters, digits and hyphen only), no hyphen first,
    // last or in both third and fourth place, and the DNS lengths with no trailing root dot.
    let Ok(ascii) = uts46.to_ascii(text.as_bytes(), AsciiDenyList::STD3, Hyphens::Check, DnsLength::Verify) else {
        return false;
    };
    // The U-labels, to hold them against IDNA2008's tables; the A-labels came out of `to_ascii`
    // valid, so decoding them back cannot fail.
    let (unicode, decoded) = uts46.to_unicode(ascii.as_bytes(), AsciiDenyList::STD3, Hyphens::Check);
    decoded.is_ok() && unicode.split('.').all(idna2008::is_valid_label)
}
