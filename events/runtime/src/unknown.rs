//! Values a consumer must tolerate but a producer must never send, and payloads no schema
//! describes, kept exactly as received.

use std::borrow::Cow;
use std::fmt;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// A value of an open enum that this version of the contract does not list.
///
/// Contracts say "consumers SHALL treat unknown values as safe to ignore" for some enums;
/// decoding keeps such a value here instead of failing. There is no constructor: the only
/// way to get one is to decode it, so producers can only send the values the contract lists.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl<'de> serde::Deserialize<'de> for UnknownValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self)
    }
}

impl UnknownValue {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "UnknownValue({:?})", self.0)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A JSON object kept exactly as received: the payload of a version whose registry entry
/// names no schema.
///
/// Decoding checks that the payload is an object in which no object repeats a key (the
/// README's promise: duplicates are rejected, never silently resolved), and keeps its text
/// as it came, numbers included (`123456789012345678901234567890` and `1e-400` stay as
/// written). Encoding writes that text back verbatim (through serde_json's `RawValue`).
///
/// `==` compares the text with whitespace outside strings ignored: the same members in
/// another order, or a number spelt another way, make another payload.
#[derive(Clone)]
pub struct OpaqueObject(Box<RawValue>);

impl OpaqueObject {
    /// Reads a JSON object, refusing anything else and any repeated key.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The object's JSON text, as received.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    /// The object's JSON text as a `RawValue`.
    pub fn as_raw(&self) -> &RawValue {
        &self.0
    }

    /// Decodes the object into `T` (for example a type of your own for a payload the
    /// registry has no schema for).
    pub fn decode<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }

    /// The object as a `serde_json::Map`. Numbers become what `serde_json::Value` makes of
    /// them (an integer past 64 bits rounds to an `f64`); one past `f64`'s range is an error.
    pub fn to_map(&self) -> Result<Map<String, Value>, serde_json::Error> {
        self.decode()
    }
}

impl From<Map<String, Value>> for OpaqueObject {
    fn from(map: Map<String, Value>) -> Self {
        // A map serializes to an object without repeated keys (its keys are unique); it
        // cannot fail, so the fallback is never taken.
        Self(serde_json::value::to_raw_value(&map).unwrap_or_else(|_| empty_object()))
    }
}

/// `{}`.
fn empty_object() -> Box<RawValue> {
    RawValue::from_string("{}".to_owned()).unwrap_or_else(|_| unreachable!("`{{}}` is JSON"))
}

impl Default for OpaqueObject {
    /// `{}`.
    fn default() -> Self {
        Self(empty_object())
    }
}

impl PartialEq for OpaqueObject {
    fn eq(&self, other: &Self) -> bool {
        significant(self.json()).eq(significant(other.json()))
    }
}

/// The bytes of valid JSON text without the whitespace outside strings.
fn significant(json: &str) -> impl Iterator<Item = u8> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    json.bytes().filter(move |&b| {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            true
        } else {
            in_string = b == b'"';
            !matches!(b, b' ' | b'\t' | b'\n' | b'\r')
        }
    })
}

impl fmt::Debug for OpaqueObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OpaqueObject({})", self.json())
    }
}

impl serde::Serialize for OpaqueObject {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for OpaqueObject {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = <Box<RawValue>>::deserialize(d)?;
        serde_json::from_str::<UniqueKeys<true>>(raw.get()).map_err(|e| crate::decode::refused(raw.get(), crate::error::custom(&e)))?;
        Ok(Self(raw))
    }
}

/// Any JSON value, kept exactly as received: a property whose schema says nothing of its
/// type (`{}`, `true`, a required property with no schema). Like [`OpaqueObject`], a
/// repeated key in any object is a decode error and numbers keep their text.
#[derive(Clone)]
pub struct Json(Box<RawValue>);

impl Json {
    /// Reads any JSON value, refusing repeated keys.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// The value's JSON text, as received.
    pub fn json(&self) -> &str {
        self.0.get()
    }

    /// Decodes the value into `T`.
    pub fn decode<'a, T: serde::Deserialize<'a>>(&'a self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }

    /// The value as a `serde_json::Value` (numbers as `Value` holds them).
    pub fn to_value(&self) -> Result<Value, serde_json::Error> {
        self.decode()
    }
}

impl From<Value> for Json {
    fn from(value: Value) -> Self {
        // A `Value` serializes to JSON without repeated keys; it cannot fail.
        Self(serde_json::value::to_raw_value(&value).unwrap_or_else(|_| unreachable!("a Value is JSON")))
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        significant(self.json()).eq(significant(other.json()))
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Json({})", crate::error::quoted(self.json()))
    }
}

impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        raw_unique(d).map(Self)
    }
}

/// Reads any JSON value as its text, refusing a repeated key in any object of it.
pub(crate) fn raw_unique<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Box<RawValue>, D::Error> {
    let raw = <Box<RawValue> as serde::Deserialize>::deserialize(d)?;
    serde_json::from_str::<UniqueKeys<false>>(raw.get()).map_err(|e| crate::decode::refused(raw.get(), crate::error::custom(&e)))?;
    Ok(raw)
}

/// A JSON value read only to check it: every object in it has distinct keys; with
/// `OBJECT`, the value itself must be an object.
struct UniqueKeys<const OBJECT: bool>;

impl<'de, const OBJECT: bool> serde::Deserialize<'de> for UniqueKeys<OBJECT> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if OBJECT {
            d.deserialize_map(UniqueKeys::<OBJECT>)
        } else {
            d.deserialize_any(UniqueKeys::<OBJECT>)
        }
    }
}

impl<'de, const OBJECT: bool> serde::de::Visitor<'de> for UniqueKeys<OBJECT> {
    type Value = Self;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if OBJECT { "a JSON object" } else { "a JSON value" })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            map.next_value::<UniqueKeys<false>>()?;
            if !seen.insert(key) {
                return Err(crate::error::custom(&DuplicateKey));
            }
        }
        Ok(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self, A::Error> {
        while seq.next_element::<UniqueKeys<false>>()?.is_some() {}
        Ok(self)
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self, E> {
        Ok(self)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self, E> {
        Ok(self)
    }
}

/// The error of a repeated key (the key is not quoted: it may be any size).
struct DuplicateKey;

impl fmt::Display for DuplicateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object repeats a key (JSON objects in events must have distinct keys)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opaque_objects_keep_their_text() {
        for json in [r#"{"n":123456789012345678901234567890,"m":1e-400,"s":"\u00e9"}"#, "{}", r#"{ "a" : [1, {"b": 2.50}] }"#] {
            let o = OpaqueObject::from_json(json).unwrap();
            assert_eq!(serde_json::to_string(&o).unwrap(), json);
            assert_eq!(o.json(), json);
        }
        assert_eq!(OpaqueObject::from_json(r#"{ "a" : 1 }"#).unwrap(), OpaqueObject::from_json(r#"{"a":1}"#).unwrap());
        assert_ne!(OpaqueObject::from_json(r#"{"a":"x y"}"#).unwrap(), OpaqueObject::from_json(r#"{"a":"xy"}"#).unwrap());
        assert_ne!(OpaqueObject::from_json(r#"{"a":1}"#).unwrap(), OpaqueObject::from_json(r#"{"a":1.0}"#).unwrap());
    }

    #[test]
    fn opaque_objects_refuse_repeated_keys_and_non_objects() {
        for bad in [r#"{"a":1,"a":2}"#, r#"{"x":{"a":1,"b":[{"c":1,"c":1}]}}"#, r#"{"\u0061":1,"a":2}"#, "[]", "1", r#""{}""#, "null"] {
            assert!(OpaqueObject::from_json(bad).is_err(), "{bad}");
        }
        assert!(OpaqueObject::from_json(r#"{"a":{"a":1},"b":[{"a":1},{"a":2}]}"#).is_ok());
    }

    #[test]
    fn opaque_objects_from_maps() {
        let map: Map<String, Value> = serde_json::from_str(r#"{"a":1,"b":[true]}"#).unwrap();
        let o = OpaqueObject::from(map.clone());
        assert_eq!(o.to_map().unwrap(), map);
        assert_eq!(OpaqueObject::default().json(), "{}");
    }

    #[test]
    fn unknown_values_give_back_the_string_received() {
        let v: UnknownValue = serde_json::from_str(r#""per_\u00e9""#).unwrap();
        assert_eq!(v.as_str(), "per_é");
        assert_eq!(v.to_string(), "per_é");
        assert_eq!(format!("{v:?}"), r#"UnknownValue("per_é")"#);
        assert!(serde_json::from_str::<UnknownValue>("1").is_err(), "only a string");
    }

    #[test]
    fn json_values_keep_their_text_and_decode_on_demand() {
        let text = r#"[1.50, {"a": null}, "x\"y"]"#;
        let j = Json::from_json(text).unwrap();
        assert_eq!(j.json(), text);
        assert_eq!(serde_json::to_string(&j).unwrap(), text);
        assert_eq!(j.to_value().unwrap(), serde_json::json!([1.5, {"a": null}, "x\"y"]));
        assert_eq!(j.decode::<(f64, Map<String, Value>, String)>().unwrap().2, "x\"y");
        assert_eq!(format!("{j:?}"), r#"Json("[1.50, {\"a\": null}, \"x\\\"y\"]")"#);
        for scalar in ["1", "-2.5e3", "true", "null", r#""s""#] {
            assert_eq!(Json::from_json(scalar).unwrap().json(), scalar);
        }
        assert!(Json::from_json(r#"[{"a":1,"a":1}]"#).is_err(), "a repeated key, however deep");
        assert_eq!(Json::from(serde_json::json!({"b": [true]})).json(), r#"{"b":[true]}"#);
    }

    #[test]
    fn json_equality_ignores_only_whitespace_outside_strings() {
        let eq = |a: &str, b: &str| Json::from_json(a).unwrap() == Json::from_json(b).unwrap();
        assert!(eq("[ 1 ,\n\t2 ]\r\n", "[1,2]"));
        assert!(!eq("[1,2]", "[2,1]"));
        assert!(!eq("1", "1.0"));
        assert!(!eq(r#""a b""#, r#""ab""#));
        // An escaped quote does not end the string: the space after it is the string's.
        assert!(!eq(r#"["\" x"]"#, r#"["\"x"]"#));
        // An escaped backslash does end its escape: the quote after it closes the string.
        assert!(eq(r#"["\\" , "b"]"#, r#"["\\","b"]"#));
        assert!(!eq(r#"["\\ ", "b"]"#, r#"["\\","b"]"#));
        let o = |t: &str| OpaqueObject::from_json(t).unwrap();
        assert_eq!(o(r#"{"k": "\" "}"#), o(r#"{"k":"\" "}"#));
        assert_ne!(o(r#"{"k": "\" "}"#), o(r#"{"k":"\""}"#));
    }

    #[test]
    fn opaque_objects_decode_on_demand_and_show_their_text() {
        let o = OpaqueObject::from_json(r#"{"id": 7, "tags": ["a"]}"#).unwrap();
        assert_eq!(o.as_raw().get(), r#"{"id": 7, "tags": ["a"]}"#);
        #[derive(serde::Deserialize)]
        struct Mine {
            id: u32,
            tags: Vec<String>,
        }
        let mine: Mine = o.decode().unwrap();
        assert_eq!((mine.id, mine.tags), (7, vec!["a".to_owned()]));
        assert_eq!(format!("{o:?}"), r#"OpaqueObject({"id": 7, "tags": ["a"]})"#);
        let repeated = OpaqueObject::from_json(r#"{"a":1,"a":2}"#).unwrap_err().to_string();
        assert!(repeated.starts_with("an object repeats a key (JSON objects in events must have distinct keys)"), "{repeated}");
        let scalar = OpaqueObject::from_json("1").unwrap_err().to_string();
        assert!(scalar.contains("expected a JSON object"), "{scalar}");
    }
}
