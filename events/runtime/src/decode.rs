//! The member loop of struct decoding ([`crate::members`] drives it): a loop over
//! [`next_member`] with one [`field`] call per member, then a `missing field` error for a
//! required member left empty. Key matching, skipping or refusing unknown members,
//! duplicate members and their error texts are here, compiled once per deserializer
//! instead of once per struct.
//!
//! Error texts are serde's own (`missing field `x``, `unknown field `x`, expected one of
//! …`, `duplicate field `x``), raised at the same points as serde's derive raises them.

use serde::de::{DeserializeSeed, Error, IgnoredAny, MapAccess, Visitor};

/// The state of one object's member loop ([`next_member`]): the fields (JSON member names,
/// in declaration order), whether other members are refused, and the field compared first,
/// the one after the last found. Made once per object, and lent to each member name's
/// reader as one pointer instead of being rebuilt for every member.
#[derive(Debug)]
pub struct FieldCursor {
    fields: &'static [&'static str],
    deny_unknown: bool,
    expected: usize,
}

impl FieldCursor {
    /// A loop over the members of an object with these `fields`, refusing others with
    /// `deny_unknown`.
    #[inline]
    pub const fn new(fields: &'static [&'static str], deny_unknown: bool) -> Self {
        Self { fields, deny_unknown, expected: 0 }
    }
}

/// Reads the next member name of an object and returns the index of the field it names in
/// the cursor's fields. Members not among them are skipped with their values, or, when the
/// cursor refuses unknown members, are an `unknown field` error. `None` at the end of the
/// object. The search starts at the field after the last one found: members usually come
/// in declaration order, so one comparison usually finds the field.
#[inline(always)]
pub fn next_member<'de, A: MapAccess<'de>>(map: &mut A, cursor: &mut FieldCursor) -> Result<Option<usize>, A::Error> {
    loop {
        match map.next_key_seed(FieldKey(cursor))? {
            None => return Ok(None),
            Some(Some(index)) => return Ok(Some(index)),
            Some(None) => {
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
}

/// [`next_member`] for a struct that keeps its other members (`additionalProperties` not
/// `false`): a member not in `fields` is decoded as `V` into `rest`, in order; a repeated
/// one is a `duplicate field` error.
pub fn next_field_or_rest<'de, A: MapAccess<'de>, V: serde::Deserialize<'de>>(
    map: &mut A,
    fields: &'static [&'static str],
    rest: &mut crate::Map<V>,
) -> Result<Option<usize>, A::Error> {
    loop {
        match map.next_key_seed(MemberKey { fields })? {
            None => return Ok(None),
            Some(Member::Field(index)) => return Ok(Some(index)),
            Some(Member::Other(name)) => {
                let value = map.next_value()?;
                if rest.get(&name).is_some() {
                    return Err(crate::error::custom(&format_args!("duplicate field `{name}`")));
                }
                rest.insert(name, value);
            }
        }
    }
}

/// A member name: the index of the field it names, or the name itself.
enum Member {
    Field(usize),
    Other(String),
}

/// Reads a member name as a [`Member`].
struct MemberKey {
    fields: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for MemberKey {
    type Value = Member;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for MemberKey {
    type Value = Member;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(match self.fields.iter().position(|name| *name == key) {
            Some(index) => Member::Field(index),
            None => Member::Other(key.to_owned()),
        })
    }

    fn visit_bytes<E: Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(key), &self)),
        }
    }
}

/// Decodes the value of the member just read into `slot`; a second occurrence of the
/// member is a `duplicate field` error (checked before its value is read, as serde does).
#[inline]
pub fn field<'de, A: MapAccess<'de>, T: serde::Deserialize<'de>>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A member name, decoded straight to the index of the field it names; a field found moves
/// the cursor past it.
struct FieldKey<'a>(&'a mut FieldCursor);

impl<'de> DeserializeSeed<'de> for FieldKey<'_> {
    type Value = Option<usize>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldKey<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field identifier")
    }

    /// The expected field is compared here, any other member out of line (a tail call), so
    /// that the usual path saves and restores no register.
    fn visit_str<E: Error>(self, key: &str) -> Result<Self::Value, E> {
        let cursor = self.0;
        let index = cursor.expected;
        if cursor.fields.get(index).is_some_and(|name| same_name(name, key)) {
            cursor.expected = index + 1;
            return Ok(Some(index));
        }
        other_member(cursor, key)
    }

    fn visit_bytes<E: Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        match std::str::from_utf8(key) {
            Ok(key) => self.visit_str(key),
            Err(_) if self.0.deny_unknown => Err(E::unknown_field(&String::from_utf8_lossy(key), self.0.fields)),
            Err(_) => Ok(None),
        }
    }
}

/// [`FieldKey`]'s answer for a member that is not the expected field: the index of the
/// field it names (the cursor moved past it), `None` for another member, or an `unknown
/// field` error when the cursor refuses other members.
#[inline(never)]
fn other_member<E: Error>(cursor: &mut FieldCursor, key: &str) -> Result<Option<usize>, E> {
    match cursor.fields.iter().position(|name| same_name(name, key)) {
        Some(index) => {
            cursor.expected = index + 1;
            Ok(Some(index))
        }
        None if cursor.deny_unknown => Err(E::unknown_field(key, cursor.fields)),
        None => Ok(None),
    }
}

/// `a == b`, for member names and id prefixes: strings of up to 16 bytes (nearly all) are compared as
/// overlapping words of 8, 4 or 1 bytes, inline, instead of through a call to `memcmp`.
#[inline]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

/// [`same_name`] of bytes.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word8 = |s: &[u8], at: usize| s.get(at..at + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()).map(u64::from_le_bytes);
    let word4 = |s: &[u8], at: usize| s.get(at..at + 4).and_then(|w| <[u8; 4]>::try_from(w).ok()).map(u32::from_le_bytes);
    match n {
        0 => true,
        // Bytes 0, n / 2 and n - 1 are every byte.
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => word4(a, 0) == word4(b, 0) && word4(a, n - 4) == word4(b, n - 4),
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        // Longer: eight bytes at a time, the last word overlapping, with no call to `memcmp`
        // (a call would make its callers save registers even where they compare short names).
        _ => a.chunks_exact(8).zip(b.chunks_exact(8)).all(|(x, y)| x == y) && word8(a, n - 8) == word8(b, n - 8),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-field struct decoded the way generated code decodes it.
    #[derive(Debug, PartialEq)]
    struct Pair {
        a: u32,
        b: Option<Option<u32>>,
    }

    const FIELDS: &[&str] = &["a", "b"];

    /// Decodes a `Pair` from any deserializer that holds a map, the way generated code does.
    fn decode_from<'de, D: serde::Deserializer<'de>>(de: D, deny: bool) -> Result<Pair, String> {
        struct V(bool);
        impl<'de> Visitor<'de> for V {
            type Value = Pair;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Pair, A::Error> {
                let (mut a, mut b) = (None, None);
                let mut cursor = FieldCursor::new(FIELDS, self.0);
                while let Some(i) = next_member(&mut map, &mut cursor)? {
                    match i {
                        0 => field(&mut map, &mut a, FIELDS[0])?,
                        _ => field(&mut map, &mut b, FIELDS[1])?,
                    }
                }
                let Some(a) = a else { return Err(A::Error::missing_field(FIELDS[0])) };
                Ok(Pair { a, b })
            }
        }
        de.deserialize_map(V(deny)).map_err(|e| e.to_string())
    }

    fn decode(json: &str, deny: bool) -> Result<Pair, String> {
        decode_from(&mut serde_json::Deserializer::from_str(json), deny)
    }

    /// Member names given as bytes (as binary formats give them) pick fields as strings do;
    /// an unknown one, or one that is not UTF-8, is skipped, or refused with `deny_unknown`.
    #[test]
    fn member_names_given_as_bytes_decode_like_strings() {
        use serde::de::value::{Error as PlainError, MapDeserializer};
        let decode_bytes = |entries: &[(&'static [u8], u32)], deny: bool| decode_from(MapDeserializer::<_, PlainError>::new(entries.iter().copied()), deny);
        assert_eq!(decode_bytes(&[(b"a", 1)], true), Ok(Pair { a: 1, b: None }));
        assert_eq!(decode_bytes(&[(b"zz", 5), (b"a", 1)], false), Ok(Pair { a: 1, b: None }));
        assert!(decode_bytes(&[(b"zz", 5), (b"a", 1)], true).unwrap_err().starts_with("unknown field `zz`, expected `a` or `b`"));
        assert_eq!(decode_bytes(&[(b"\xff", 5), (b"a", 1)], false), Ok(Pair { a: 1, b: None }));
        assert!(decode_bytes(&[(b"\xff", 5), (b"a", 1)], true).unwrap_err().starts_with("unknown field `\u{fffd}`"));
    }

    /// A member name of another type is refused, saying a field name was expected.
    #[test]
    fn member_names_that_are_not_text_are_refused_naming_what_was_expected() {
        use serde::de::value::{Error as PlainError, MapDeserializer};
        let err = decode_from(MapDeserializer::<_, PlainError>::new([(7_i32, 1_u32)].into_iter()), true).unwrap_err();
        assert_eq!(err, "invalid type: integer `7`, expected field identifier");
    }

    #[test]
    fn presence_and_null() {
        assert_eq!(decode(r#"{"a":1}"#, true), Ok(Pair { a: 1, b: None }));
        assert_eq!(decode(r#"{"b":null,"a":1}"#, true), Ok(Pair { a: 1, b: Some(None) }));
        assert_eq!(decode(r#"{"a":1,"b":2}"#, true), Ok(Pair { a: 1, b: Some(Some(2)) }));
    }

    /// The search starts at the field after the last one found, but members in any order,
    /// with others between them, still find their own fields.
    #[test]
    fn members_in_any_order_find_their_fields() {
        assert_eq!(decode(r#"{"b":2,"a":1}"#, true), Ok(Pair { a: 1, b: Some(Some(2)) }));
        assert_eq!(decode(r#"{"x":0,"b":2,"y":[],"a":1}"#, false), Ok(Pair { a: 1, b: Some(Some(2)) }));
        assert_eq!(decode(r#"{"b":2,"b":3,"a":1}"#, true), Err("duplicate field `b` at line 1 column 10".to_owned()));
        assert_eq!(decode(r#"{"a":1,"a":1}"#, true), Err("duplicate field `a` at line 1 column 10".to_owned()));
    }

    #[test]
    fn errors_are_serdes() {
        assert!(decode(r#"{"b":2}"#, true).unwrap_err().starts_with("missing field `a`"));
        assert!(decode(r#"{"a":1,"a":2}"#, true).unwrap_err().starts_with("duplicate field `a`"));
        assert!(decode(r#"{"a":1,"c":2}"#, true).unwrap_err().starts_with("unknown field `c`, expected `a` or `b`"));
        assert_eq!(decode(r#"{"c":{"x":[1]},"a":1}"#, false), Ok(Pair { a: 1, b: None }));
    }

    /// The other members of an open object, decoded as `V` into the rest map in order; a
    /// repeated one (or a repeated field) is an error, as for fields.
    fn decode_open(json: &str) -> Result<(Option<u32>, crate::Map<u32>), String> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = (Option<u32>, crate::Map<u32>);
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut a, mut rest) = (None, crate::Map::new());
                while next_field_or_rest(&mut map, &["a"], &mut rest)?.is_some() {
                    field(&mut map, &mut a, "a")?;
                }
                Ok((a, rest))
            }
        }
        let mut de = serde_json::Deserializer::from_str(json);
        serde::Deserializer::deserialize_map(&mut de, V).map_err(|e| e.to_string())
    }

    #[test]
    fn other_members_are_kept_in_order_and_typed() {
        let (a, rest) = decode_open(r#"{"z":1,"a":2,"b":3}"#).unwrap();
        assert_eq!(a, Some(2));
        assert_eq!(rest.iter().collect::<Vec<_>>(), [("z", &1), ("b", &3)]);
        assert!(decode_open(r#"{"z":1,"z":2}"#).unwrap_err().starts_with("duplicate field `z`"));
        assert!(decode_open(r#"{"a":1,"a":2}"#).unwrap_err().starts_with("duplicate field `a`"));
        assert!(decode_open(r#"{"z":"text"}"#).unwrap_err().contains("invalid type: string"));
    }

    /// `same_name` agrees with `==` for names of every length it compares its own way and
    /// beyond, differing in any one byte (multi-byte characters included) or in length.
    #[test]
    fn same_name_is_string_equality() {
        for len in 0..40 {
            let name: String = (0..len).map(|i| if i % 7 == 3 { 'é' } else { char::from(b'a' + (i % 26) as u8) }).collect();
            assert!(same_name(&name, &name.clone()), "{name}");
            assert!(!same_name(&name, &format!("{name}x")) && !same_name(&format!("{name}x"), &name), "{name}");
            for (at, c) in name.char_indices() {
                let mut other = name.clone();
                other.replace_range(at..at + c.len_utf8(), if c == 'é' { "è" } else { "_" });
                assert_eq!(same_name(&name, &other), name == other, "{name} / {other}");
                assert!(!same_name(&name, &other), "{name} / {other}");
            }
        }
    }

    /// Dispatch's decoder: UTF-8 text decodes as `from_json` does; other bytes are refused
    /// with serde_json's error for them, wherever they stand.
    #[test]
    fn from_json_text_refuses_bytes_that_are_not_utf8() {
        use crate::__private::{from_json, from_json_text};
        let good = br#"{"a":[1,2]}"#;
        let typed: std::collections::BTreeMap<String, Vec<u8>> = from_json_text(good).unwrap();
        assert_eq!(typed, from_json(good).unwrap());
        for bad in [&b"{\"a\":\"\xff\"}"[..], b"{\"\xc3\":1}", b"[\"ok\", \"\xed\xa0\x80\"]"] {
            let err = from_json_text::<serde_json::Value>(bad).unwrap_err().to_string();
            assert!(err.contains("invalid unicode code point"), "{err}");
        }
        // Bytes outside strings are a syntax error, as before.
        assert!(from_json_text::<serde_json::Value>(b"{\"a\":\xff}").unwrap_err().is_syntax());
    }
}

/// Decodes a JSON string and converts it with `check` inside the reader's visitor, so a
/// string the check refuses is reported at the string's own position. A check run after
/// the string was read would be placed at the end of the enclosing object or array.
pub fn str_with<'de, D, T, E>(d: D, check: impl FnOnce(&str) -> Result<T, E>) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    E: std::fmt::Display,
{
    struct Text<F>(F);
    impl<F: FnOnce(&str) -> Result<T, E>, T, E: std::fmt::Display> Visitor<'_> for Text<F> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<Er: Error>(self, text: &str) -> Result<T, Er> {
            (self.0)(text).map_err(|e| crate::error::custom(&e))
        }
    }
    d.deserialize_str(Text(check))
}

thread_local! {
    /// The text of the last value refused after it was read whole (see [`refused`]). A
    /// `Cell`, not a `RefCell`: it is only ever swapped, so no borrow is counted, and
    /// [`forget_refused`], which every decode starts with, is a load and a test.
    static REFUSED: std::cell::Cell<Option<String>> = const { std::cell::Cell::new(None) };
}

/// Records that the value of JSON text `raw` was refused by a check run after the reader
/// had returned it whole (a checked number, a validated value, an untagged union). The
/// reader then places the error at the end of the enclosing object or array; the failing
/// payload's path is found from there by this text ([`crate::pointer`]). Returns `error`.
#[cold]
pub fn refused<E>(raw: &str, error: E) -> E {
    REFUSED.with(|r| r.set(Some(raw.to_owned())));
    error
}

/// Forgets a recorded refusal: at the start of a decode, and where a refusal was recovered
/// from (an untagged union's branch that did not match).
#[inline]
pub fn forget_refused() {
    REFUSED.with(|r| {
        if let Some(text) = r.take() {
            drop_refused(text);
        }
    });
}

/// Drops a forgotten refusal's text, out of the way of decodes that recorded none.
#[cold]
#[inline(never)]
fn drop_refused(text: String) {
    drop(text);
}

/// Takes the recorded refusal, if any.
pub(crate) fn take_refused() -> Option<String> {
    REFUSED.with(std::cell::Cell::take)
}

/// The error of a checked number its rules refused, recorded by `refused` with the
/// number's text (a [`crate::Number`] encodes as it was written).
#[cold]
pub fn refused_number<E: Error>(number: &crate::Number, error: crate::ValueError) -> E {
    refused(&serde_json::to_string(number).unwrap_or_default(), crate::error::custom(&error))
}

/// Decodes a string enum: the index in `names` (the JSON spellings, in declaration order)
/// of the string read. Another string is serde's `unknown variant` error. Compiled once per
/// deserializer, for every enum.
pub fn string_enum<'de, D: serde::Deserializer<'de>>(d: D, names: &'static [&'static str]) -> Result<usize, D::Error> {
    struct Spelling(&'static [&'static str]);
    impl Visitor<'_> for Spelling {
        type Value = usize;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("one of the enum's strings")
        }
        fn visit_str<E: Error>(self, text: &str) -> Result<usize, E> {
            self.0.iter().position(|name| *name == text).ok_or_else(|| E::unknown_variant(text, self.0))
        }
    }
    d.deserialize_str(Spelling(names))
}
