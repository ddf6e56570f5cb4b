//! Items the generated code uses. Not part of the public API; may change in any release.

pub use std::borrow::Cow;
pub use std::sync::LazyLock;

pub use regex::Regex;
pub use serde;
pub use serde_json;
pub use uuid::Uuid;

/// `deserialize_with` for a required field whose schema allows `null`: unlike serde's
/// default for `Option`, a missing field is an error, not `None`.
pub fn required_nullable<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d)
}

/// `deserialize_with` for an optional field whose schema forbids `null`: present means a
/// value (`null` is an error), absent is `None` (through `#[serde(default)]`).
pub fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// `deserialize_with` for an optional field whose schema allows `null`: absent is `None`,
/// `null` is `Some(None)`, a value is `Some(Some(v))`.
pub fn present_nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}

/// Decodes JSON bytes. UTF-8 is validated once over the whole buffer and the text parsed
/// as `&str`, which spares serde_json a validation per string (a tenth of decode time on
/// the contract set's payloads); invalid UTF-8 falls back to the byte parser for its error.
pub fn from_json<'de, T: serde::Deserialize<'de>>(json: &'de [u8]) -> Result<T, serde_json::Error> {
    match std::str::from_utf8(json) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(json),
    }
}

/// Compiles a contract pattern; the generator has already checked that it compiles.
pub fn compile_pattern(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?} was checked at generation time: {e}"))
}

pub use serde::de::value::MapAccessDeserializer;

/// A generated struct that decodes only from a JSON object (serde's derive would also
/// accept a JSON array of field values, which no contract allows).
pub trait FromObject<'de>: Sized {
    /// Decodes the struct from the entries of a JSON object.
    fn from_object<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` for a [`FromObject`] type: anything but an object is a type error.
pub fn deserialize_object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromObject<'de>,
{
    struct Visitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: FromObject<'de>> serde::de::Visitor<'de> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_object(map)
        }
    }
    d.deserialize_map(Visitor(std::marker::PhantomData))
}

/// Wraps a derived type so that it decodes only from a JSON object.
pub struct ObjectOnly<T>(pub T);

impl<'de, T: serde::Deserialize<'de>> FromObject<'de> for ObjectOnly<T> {
    fn from_object<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(ObjectOnly)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object(d)
    }
}
