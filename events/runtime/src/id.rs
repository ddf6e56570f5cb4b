//! Prefixed UUIDv7 identifiers (`per_0190…`), the id form every contract uses.
//!
//! Each prefix becomes its own type through [`typed_id!`](crate::typed_id), so a
//! `LeadId` can never be passed where a `PersonId` is expected. Parsing is exactly as
//! strict as the contracts' pattern
//! `^<prefix>_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`.

use std::fmt;

use uuid::Uuid;

/// Why a string is not a valid prefixed UUIDv7 id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The string does not start with the expected `<prefix>_`.
    #[error("expected an id starting with `{expected}_`, got {}", crate::error::quoted(.got))]
    WrongPrefix {
        /// The prefix the id type requires.
        expected: &'static str,
        /// The rejected input.
        got: String,
    },
    /// The part after the prefix is not a lowercase, hyphenated UUID version 7.
    #[error("{} is not `<prefix>_<lowercase hyphenated UUIDv7>`", crate::error::quoted(.got))]
    NotUuidV7 {
        /// The rejected input.
        got: String,
    },
    /// The UUID handed to a constructor is not version 7 with the RFC 9562 variant.
    #[error("{0} is not a version 7 UUID with the RFC 9562 variant")]
    WrongUuidVersion(Uuid),
}

/// Checks the canonical lowercase hyphenated UUIDv7 text form and returns the UUID, in one
/// pass over the 36 bytes, eight hex digits at a time (ids are most of what payloads hold).
///
/// Stricter than [`Uuid::parse_str`], which also accepts upper case, braces, URNs and
/// the unhyphenated form: the contracts accept none of those.
pub fn parse_canonical_uuid_v7(text: &str) -> Option<Uuid> {
    canonical_uuid_v7(text.as_bytes())
}

/// [`parse_canonical_uuid_v7`] of bytes. Every check is made before the one branch that
/// decides (the four groups of digits are checked and their verdicts combined), and the
/// digits are decoded only then, each group on its own (nothing is kept from the checks).
/// Inlined into its two callers (a call and a second prologue cost about 15 instructions
/// an id).
#[inline(always)]
fn canonical_uuid_v7(b: &[u8]) -> Option<Uuid> {
    let b: &[u8; 36] = b.try_into().ok()?;
    // The version nibble is 7 and the variant nibble one of 8, 9, a, b.
    let shape = (b[8] == b'-') & (b[13] == b'-') & (b[18] == b'-') & (b[23] == b'-') & (b[14] == b'7') & matches!(b[19], b'8' | b'9' | b'a' | b'b');
    let word = |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
    // The 32 hex digits without the hyphens, as four groups of eight.
    let groups = [word(0) | word(4) << 32, word(9) | word(14) << 32, word(19) | word(24) << 32, word(28) | word(32) << 32];
    if !shape || groups.iter().fold(0, |bad, &digits| bad | not_hex(digits)) != 0 {
        return None;
    }
    let mut out = [0u8; 16];
    for (chunk, digits) in out.chunks_exact_mut(4).zip(groups) {
        chunk.copy_from_slice(&hex_value(digits));
    }
    Some(Uuid::from_bytes(out))
}

/// A word with 1 in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of every byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each of eight bytes (the first in the lowest byte of `digits`) that is
/// not a lowercase hex digit (`0-9`, `a-f`); 0 when all are.
#[inline]
fn not_hex(digits: u64) -> u64 {
    // Per byte below 0x80, adding `0x80 - lo` sets the high bit when the byte is at least
    // `lo`; adding `0x7f - hi` sets it when the byte is above `hi`. No carry crosses bytes
    // then; bytes of 0x80 and above (which may carry) are refused by their own high bit.
    let at_least = |lo: u8| digits.wrapping_add(ONES * u64::from(0x80 - lo));
    let above = |hi: u8| digits.wrapping_add(ONES * u64::from(0x7f - hi));
    let digit = at_least(b'0') & !above(b'9');
    let letter = at_least(b'a') & !above(b'f');
    (digits | !(digit | letter)) & HIGH
}

/// The four bytes that eight lowercase hex digits spell, in order (`"0190a8c2"` is
/// `[0x01, 0x90, 0xa8, 0xc2]`); the digits are known to be hex ([`not_hex`]).
#[inline]
fn hex_value(digits: u64) -> [u8; 4] {
    // `0`-`9` keep their low nibble; `a`-`f` (0x61-0x66, the digits with bit 6 set) add 9 to theirs.
    let nibbles = (digits & (ONES * 0x0f)) + ((digits >> 6) & ONES) * 9;
    // Byte 2k becomes digit 2k in its high nibble and digit 2k+1 in its low one; then the
    // even bytes are gathered into the low 32 bits.
    let pairs = ((nibbles << 4) | (nibbles >> 8)) & 0x00ff_00ff_00ff_00ff;
    let pairs = (pairs | (pairs >> 8)) & 0x0000_ffff_0000_ffff;
    let pairs = (pairs | (pairs >> 16)) & 0xffff_ffff;
    // The first pair is now the lowest byte.
    (pairs as u32).to_le_bytes()
}

/// Eight lowercase hex digits as the four bytes they spell; `None` if any byte is not
/// `0-9` or `a-f`. What [`canonical_uuid_v7`] does to each group, tested on its own.
#[cfg(test)]
fn hex8(digits: u64) -> Option<[u8; 4]> {
    (not_hex(digits) == 0).then(|| hex_value(digits))
}

/// True when `uuid` is version 7 with the RFC 9562 variant, i.e. prints as the contracts require.
pub fn is_uuid_v7(uuid: &Uuid) -> bool {
    uuid.get_version_num() == 7 && uuid.get_variant() == uuid::Variant::RFC4122
}

/// Serializes `<prefix>_<uuid>` as one string, formatted on the stack (no allocation, no
/// formatting machinery: ids are most of what encoded payloads hold).
pub fn serialize_prefixed<S: serde::Serializer>(prefix: &str, uuid: &Uuid, s: S) -> Result<S::Ok, S::Error> {
    let mut buf = [0u8; 64];
    let n = prefix.len();
    if n + 1 + 36 > buf.len() {
        return s.collect_str(&format_args!("{prefix}_{uuid}"));
    }
    buf[..n].copy_from_slice(prefix.as_bytes());
    buf[n] = b'_';
    uuid.hyphenated().encode_lower(&mut buf[n + 1..n + 37]);
    s.serialize_str(std::str::from_utf8(&buf[..n + 37]).expect("ASCII prefix and hex digits"))
}

/// Parses `<prefix>_<uuid v7>` for a known prefix.
///
/// Inlined, so that a [`typed_id!`](crate::typed_id) type's constant prefix folds its
/// comparison to a few fixed loads; the UUID is parsed out of line (`uuid_after_prefix`).
#[inline]
pub fn parse_prefixed(prefix: &'static str, text: &str) -> Result<Uuid, IdError> {
    // Bytes, not `str`: where the prefix's bytes match, the split is at a character boundary
    // anyway. The prefix is compared inline (`strip_prefix` calls `memcmp`).
    match text.as_bytes().split_at_checked(prefix.len()) {
        Some((head, [b'_', rest @ ..])) if crate::decode::same_bytes(head, prefix.as_bytes()) => uuid_after_prefix(rest, text),
        _ => Err(wrong_prefix(prefix, text)),
    }
}

/// The UUID that `rest` spells, the part of the id `text` after its prefix and underscore.
#[inline(never)]
fn uuid_after_prefix(rest: &[u8], text: &str) -> Result<Uuid, IdError> {
    canonical_uuid_v7(rest).ok_or_else(|| not_uuid_v7(text))
}

/// [`IdError::WrongPrefix`], out of the way of ids that parse.
#[cold]
#[inline(never)]
fn wrong_prefix(prefix: &'static str, text: &str) -> IdError {
    IdError::WrongPrefix { expected: prefix, got: text.to_owned() }
}

/// [`IdError::NotUuidV7`], out of the way of ids that parse.
#[cold]
#[inline(never)]
fn not_uuid_v7(text: &str) -> IdError {
    IdError::NotUuidV7 { got: text.to_owned() }
}

/// Any prefixed UUIDv7 entity id, whatever its prefix: the envelope's `subject`.
///
/// Every typed id converts into it with `From`, so the subject of an envelope can be a
/// person, a lesson or a form submission without losing the id's text form.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId {
    prefix: Box<str>,
    uuid: Uuid,
}

impl EntityId {
    /// Builds an entity id from a prefix (`[a-z][a-z0-9]*`) and a version 7 UUID.
    pub fn new(prefix: &str, uuid: Uuid) -> Result<Self, IdError> {
        let text = format!("{prefix}_{uuid}");
        if !is_uuid_v7(&uuid) {
            return Err(IdError::WrongUuidVersion(uuid));
        }
        text.parse()
    }

    /// The prefix without the underscore, e.g. `per`.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The UUID after the prefix.
    pub fn uuid(&self) -> Uuid {
        self.uuid
    }
}

impl std::str::FromStr for EntityId {
    type Err = IdError;

    fn from_str(text: &str) -> Result<Self, IdError> {
        let not_id = || IdError::NotUuidV7 { got: text.to_owned() };
        let (prefix, rest) = text.split_once('_').ok_or_else(not_id)?;
        let mut chars = prefix.chars();
        let prefix_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !prefix_ok {
            return Err(not_id());
        }
        let uuid = parse_canonical_uuid_v7(rest).ok_or_else(not_id)?;
        Ok(Self { prefix: prefix.into(), uuid })
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}_{}", self.prefix, self.uuid)
    }
}

impl fmt::Debug for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EntityId({self})")
    }
}

impl serde::Serialize for EntityId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for EntityId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::decode::str_with(d, str::parse)
    }
}

/// Defines a typed prefixed-UUIDv7 id: a newtype over [`uuid::Uuid`] that parses and
/// prints as `<prefix>_<uuid>`, mints new v7 ids, and (de)serializes as that string.
///
/// ```
/// events_runtime::typed_id! {
///     /// A person.
///     pub struct PersonId("per");
/// }
/// let id: PersonId = "per_0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d".parse().unwrap();
/// assert_eq!(id.to_string(), "per_0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d");
/// ```
#[macro_export]
macro_rules! typed_id {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($prefix:literal);) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name($crate::__private::Uuid);

        impl $name {
            /// The prefix this id carries, without the underscore.
            pub const PREFIX: &'static str = $prefix;

            /// Mints a new id from a fresh UUIDv7 (time-ordered).
            pub fn new_v7() -> Self {
                Self($crate::__private::Uuid::now_v7())
            }

            /// Wraps an existing UUID; it must be version 7, as the contracts require.
            pub fn from_uuid(uuid: $crate::__private::Uuid) -> ::core::result::Result<Self, $crate::IdError> {
                if $crate::id::is_uuid_v7(&uuid) {
                    Ok(Self(uuid))
                } else {
                    Err($crate::IdError::WrongUuidVersion(uuid))
                }
            }

            /// The UUID after the prefix.
            pub fn uuid(&self) -> $crate::__private::Uuid {
                self.0
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::IdError;
            fn from_str(text: &str) -> ::core::result::Result<Self, $crate::IdError> {
                $crate::id::parse_prefixed($prefix, text).map(Self)
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::IdError;
            fn try_from(text: &str) -> ::core::result::Result<Self, $crate::IdError> {
                text.parse()
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{}_{}", $prefix, self.0)
            }
        }

        impl ::core::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{}({})", stringify!($name), self)
            }
        }

        impl ::core::convert::From<$name> for $crate::EntityId {
            fn from(id: $name) -> Self {
                $crate::EntityId::new($prefix, id.0).expect("a typed id is always a valid entity id")
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::id::serialize_prefixed($prefix, &self.0, s)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::str_with(d, str::parse)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d";

    /// An entity id gives back its parts, and shows itself whole in `Debug`.
    #[test]
    fn entity_ids_give_back_prefix_uuid_and_text() {
        let id: EntityId = format!("per_{GOOD}").parse().unwrap();
        assert_eq!((id.prefix(), id.uuid()), ("per", Uuid::parse_str(GOOD).unwrap()));
        assert_eq!(format!("{id:?}"), format!("EntityId(per_{GOOD})"));
    }

    /// Any prefix length gives `<prefix>_<uuid>`: short ones through the stack buffer, long
    /// ones (past 27 bytes the 64-byte buffer is too small) through the formatter, and the
    /// lengths around that edge through either without a panic.
    #[test]
    fn prefixed_ids_serialize_whatever_the_prefix_length() {
        let uuid = Uuid::parse_str(GOOD).unwrap();
        for len in [1, 3, 25, 26, 27, 28, 29, 30, 64, 200] {
            let prefix = "p".repeat(len);
            let mut out = Vec::new();
            serialize_prefixed(&prefix, &uuid, &mut serde_json::Serializer::new(&mut out)).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("\"{prefix}_{GOOD}\""), "prefix of {len} bytes");
        }
    }

    #[test]
    fn canonical_form_only() {
        assert!(parse_canonical_uuid_v7(GOOD).is_some());
        assert!(parse_canonical_uuid_v7(&GOOD.to_uppercase()).is_none());
        assert!(parse_canonical_uuid_v7(&GOOD.replace('-', "")).is_none());
        // version 4 nibble, and a variant nibble outside 89ab
        assert!(parse_canonical_uuid_v7("0190a8c2-6f3e-4b6a-9c1d-2e3f4a5b6c7d").is_none());
        assert!(parse_canonical_uuid_v7("0190a8c2-6f3e-7b6a-cc1d-2e3f4a5b6c7d").is_none());
        // every position: a non-hex byte, a dash moved, one byte short or long
        for i in (0..36).filter(|i| ![8, 13, 14, 18, 19, 23].contains(i)) {
            let mut bad = GOOD.as_bytes().to_vec();
            bad[i] = b'g';
            assert!(parse_canonical_uuid_v7(std::str::from_utf8(&bad).unwrap()).is_none(), "{i}");
        }
        assert!(parse_canonical_uuid_v7("0190a8c26-f3e-7b6a-9c1d-2e3f4a5b6c7d").is_none());
        assert!(parse_canonical_uuid_v7(&GOOD[1..]).is_none());
        assert!(parse_canonical_uuid_v7(&format!("{GOOD}0")).is_none());
        // the same value the uuid crate reads
        assert_eq!(parse_canonical_uuid_v7(GOOD), Uuid::parse_str(GOOD).ok());
    }

    /// The parser against the contracts' own pattern and the uuid crate, on every byte
    /// value at every position of valid ids, plus random ids.
    #[test]
    fn agrees_with_the_contract_pattern() {
        let pattern = regex::Regex::new("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$").unwrap();
        let expect = |text: &str| pattern.is_match(text).then(|| Uuid::parse_str(text).unwrap());
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut ids = vec![GOOD.to_owned(), "00000000-0000-7000-8000-000000000000".to_owned(), "ffffffff-ffff-7fff-bfff-ffffffffffff".to_owned()];
        for _ in 0..40 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let bytes = (u128::from(seed) << 64 | u128::from(seed.rotate_left(17) ^ 0x5555)).to_be_bytes();
            ids.push(uuid::Builder::from_random_bytes(bytes).with_version(uuid::Version::SortRand).into_uuid().to_string());
        }
        for id in &ids {
            assert_eq!(parse_canonical_uuid_v7(id), expect(id), "{id}");
            for at in 0..36 {
                for byte in 0..=255u8 {
                    let mut bytes = id.as_bytes().to_vec();
                    bytes[at] = byte;
                    if let Ok(text) = std::str::from_utf8(&bytes) {
                        assert_eq!(parse_canonical_uuid_v7(text), expect(text), "{text}");
                    }
                }
                // A two-byte character in place of two digits keeps the length at 36 bytes.
                let text = format!("{}é{}", &id[..at], id.get(at + 2..).unwrap_or_default());
                assert_eq!(parse_canonical_uuid_v7(&text), None, "{text}");
            }
        }
    }

    /// Eight hex digits, with every byte value (those no `str` holds alone included) at every
    /// position: decoded as `u32::from_str_radix` decodes lowercase hex, refused otherwise.
    #[test]
    fn hex8_takes_lowercase_hex_digits_only() {
        for digits in [*b"0190a8c2", *b"00000000", *b"ffffffff", *b"9a9a9a9a"] {
            for at in 0..8 {
                for byte in 0..=255u8 {
                    let mut text = digits;
                    text[at] = byte;
                    let lowercase = text.iter().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
                    let expect = std::str::from_utf8(&text).ok().filter(|_| lowercase).and_then(|t| u32::from_str_radix(t, 16).ok()).map(u32::to_be_bytes);
                    assert_eq!(hex8(u64::from_le_bytes(text)), expect, "{text:?}");
                }
            }
        }
    }

    /// `parse_prefixed` compares bytes; it agrees with the reading of `<prefix>_<uuid>` as
    /// text (split at the prefix's length, strip `_`, parse the rest) on every byte value at
    /// every position, errors included.
    #[test]
    fn prefixed_ids_parse_as_their_text_reads() {
        let as_text = |prefix: &'static str, text: &str| {
            let rest = text.split_at_checked(prefix.len()).filter(|(head, _)| *head == prefix).and_then(|(_, rest)| rest.strip_prefix('_'));
            let rest = rest.ok_or_else(|| IdError::WrongPrefix { expected: prefix, got: text.to_owned() })?;
            parse_canonical_uuid_v7(rest).ok_or_else(|| IdError::NotUuidV7 { got: text.to_owned() })
        };
        for prefix in ["per", "p", "subscription"] {
            let id = format!("{prefix}_{GOOD}");
            for at in 0..id.len() {
                for byte in 0..=255u8 {
                    let mut bytes = id.as_bytes().to_vec();
                    bytes[at] = byte;
                    if let Ok(text) = std::str::from_utf8(&bytes) {
                        assert_eq!(parse_prefixed(prefix, text), as_text(prefix, text), "{text}");
                    }
                }
                let text = format!("{}é{}", &id[..at], id.get(at + 1..).unwrap_or_default());
                assert_eq!(parse_prefixed(prefix, &text), as_text(prefix, &text), "{text}");
            }
        }
    }

    #[test]
    fn entity_id_round_trips_and_checks_prefix_shape() {
        let id: EntityId = format!("les_{GOOD}").parse().unwrap();
        assert_eq!(id.prefix(), "les");
        assert_eq!(id.to_string(), format!("les_{GOOD}"));
        assert!(format!("Les_{GOOD}").parse::<EntityId>().is_err());
        assert!(format!("_{GOOD}").parse::<EntityId>().is_err());
    }

    #[test]
    fn prefixed_rejects_other_prefix() {
        assert!(matches!(parse_prefixed("per", &format!("lead_{GOOD}")), Err(IdError::WrongPrefix { expected: "per", .. })));
        assert!(parse_prefixed("per", &format!("per_{GOOD}")).is_ok());
        assert!(parse_prefixed("per", &format!("perx_{GOOD}")).is_err());
        // A prefix is told apart from every text that is not `<prefix>_…`, whatever its length
        // (compared inline up to 16 bytes), ending inside a character, or cut short.
        for prefix in ["p", "per", "lesson", "abcdefgh", "subscription", "a_very_long_prefix_name"] {
            assert!(parse_prefixed(prefix, &format!("{prefix}_{GOOD}")).is_ok(), "{prefix}");
            let wrong_prefix = |text: &str| matches!(parse_prefixed(prefix, text), Err(IdError::WrongPrefix { got, .. }) if got == text);
            for cut in 0..prefix.len() {
                let other = format!("{}{}", &prefix[..cut], if prefix.as_bytes()[cut] == b'x' { 'y' } else { 'x' });
                assert!(wrong_prefix(&format!("{other}{}_{GOOD}", &prefix[cut + 1..])), "{prefix} {cut}");
                assert!(wrong_prefix(&format!("{}é_{GOOD}", &prefix[..cut])), "{prefix} {cut}");
                assert!(wrong_prefix(&prefix[..cut]), "{prefix} {cut}");
            }
            assert!(wrong_prefix(prefix) && wrong_prefix(&format!("{prefix}-{GOOD}")), "{prefix}");
        }
    }
}
