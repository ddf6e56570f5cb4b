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
    #[error("expected an id starting with `{expected}_`, got {got:?}")]
    WrongPrefix {
        /// The prefix the id type requires.
        expected: &'static str,
        /// The rejected input.
        got: String,
    },
    /// The part after the prefix is not a lowercase, hyphenated UUID version 7.
    #[error("{got:?} is not `<prefix>_<lowercase hyphenated UUIDv7>`")]
    NotUuidV7 {
        /// The rejected input.
        got: String,
    },
    /// The UUID handed to a constructor is not version 7 with the RFC 9562 variant.
    #[error("{0} is not a version 7 UUID with the RFC 9562 variant")]
    WrongUuidVersion(Uuid),
}

/// Checks the canonical lowercase hyphenated UUIDv7 text form and returns the UUID, in one
/// pass over the 36 bytes (a table lookup per hex digit: ids are most of what payloads hold).
///
/// Stricter than [`Uuid::parse_str`], which also accepts upper case, braces, URNs and
/// the unhyphenated form: the contracts accept none of those.
pub fn parse_canonical_uuid_v7(text: &str) -> Option<Uuid> {
    /// Offsets of the 16 hex-digit pairs in `xxxxxxxx-xxxx-7xxx-Nxxx-xxxxxxxxxxxx`.
    const PAIRS: [usize; 16] = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
    let b: &[u8; 36] = text.as_bytes().try_into().ok()?;
    // The version nibble is 7 and the variant nibble one of 8, 9, a, b.
    if b[8] != b'-' || b[13] != b'-' || b[18] != b'-' || b[23] != b'-' || b[14] != b'7' || !matches!(b[19], b'8' | b'9' | b'a' | b'b') {
        return None;
    }
    let mut out = [0u8; 16];
    for (byte, &at) in out.iter_mut().zip(PAIRS.iter()) {
        let (hi, lo) = (HEX[usize::from(b[at])], HEX[usize::from(b[at + 1])]);
        if (hi | lo) & 0xf0 != 0 {
            return None;
        }
        *byte = (hi << 4) | lo;
    }
    Some(Uuid::from_bytes(out))
}

/// Value of a lowercase hex digit, `0xff` for any other byte.
const HEX: [u8; 256] = {
    let mut table = [0xff_u8; 256];
    let mut i = 0;
    while i < 10 {
        table[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        table[b'a' as usize + i] = 10 + i as u8;
        i += 1;
    }
    table
};

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
pub fn parse_prefixed(prefix: &'static str, text: &str) -> Result<Uuid, IdError> {
    let rest = text
        .strip_prefix(prefix)
        .and_then(|r| r.strip_prefix('_'))
        .ok_or_else(|| IdError::WrongPrefix { expected: prefix, got: text.to_owned() })?;
    parse_canonical_uuid_v7(rest).ok_or_else(|| IdError::NotUuidV7 { got: text.to_owned() })
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
        let prefix_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase())
            && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
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
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Defines a typed prefixed-UUIDv7 id: a newtype over [`uuid::Uuid`] that parses and
/// prints as `<prefix>_<uuid>`, mints new v7 ids, and (de)serializes as that string.
///
/// ```
/// events::typed_id! {
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
                let text = <$crate::__private::Cow<'de, str> as $crate::__private::serde::Deserialize>::deserialize(d)?;
                text.parse().map_err(<D::Error as $crate::__private::serde::de::Error>::custom)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "0190a8c2-6f3e-7b6a-9c1d-2e3f4a5b6c7d";

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
        assert!(matches!(
            parse_prefixed("per", &format!("lead_{GOOD}")),
            Err(IdError::WrongPrefix { expected: "per", .. })
        ));
        assert!(parse_prefixed("per", &format!("per_{GOOD}")).is_ok());
        assert!(parse_prefixed("per", &format!("perx_{GOOD}")).is_err());
    }
}
