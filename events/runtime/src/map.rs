//! `additionalProperties: <schema>`: a JSON object used as a map of typed values.

use std::fmt;
use std::marker::PhantomData;

use indexmap::IndexMap;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A JSON object whose members all have the type `V`, in the order they were written
/// (so encoding a decoded map gives back the same member order). A key written twice is
/// a decode error, never a silent "last one wins".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map<V>(IndexMap<String, V>);

impl<V> Map<V> {
    /// An empty map.
    pub fn new() -> Self {
        Self(IndexMap::new())
    }

    /// The members, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.get(key)
    }

    /// Sets `key` (kept in its place if present, else appended); returns the old value.
    pub fn insert(&mut self, key: impl Into<String>, value: V) -> Option<V> {
        self.0.insert(key.into(), value)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no member.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The members as an ordered map.
    pub fn into_inner(self) -> IndexMap<String, V> {
        self.0
    }
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

impl<V: Serialize> Serialize for Map<V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Map<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = Map<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Map<V>, A::Error> {
                let mut out = IndexMap::with_capacity(access.size_hint().unwrap_or(0).min(256));
                while let Some(key) = access.next_key::<String>()? {
                    if out.contains_key(&key) {
                        return Err(crate::error::custom(&format_args!("duplicate key {}", crate::error::quoted(&key))));
                    }
                    let value = access.next_value()?;
                    out.insert(key, value);
                }
                Ok(Map(out))
            }
        }
        d.deserialize_map(MapVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::Map;

    #[test]
    fn member_order_survives_a_round_trip() {
        let text = r#"{"z":1,"a":2,"m":3}"#;
        let map: Map<i64> = serde_json::from_str(text).unwrap();
        assert_eq!(map.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["z", "a", "m"]);
        assert_eq!(serde_json::to_string(&map).unwrap(), text);
    }

    #[test]
    fn duplicate_keys_and_mistyped_values_are_rejected() {
        assert!(serde_json::from_str::<Map<i64>>(r#"{"a":1,"a":2}"#).unwrap_err().to_string().contains("duplicate key"));
        assert!(serde_json::from_str::<Map<i64>>(r#"{"a":"x"}"#).is_err());
        assert!(serde_json::from_str::<Map<i64>>("[]").is_err());
    }
}
