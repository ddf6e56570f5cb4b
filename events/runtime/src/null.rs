//! `{"type": "null"}`: a value that can only be JSON `null`.

use serde::de::{Deserialize, Deserializer, Error, Visitor};
use serde::ser::{Serialize, Serializer};

/// The only value of a property whose schema allows nothing but `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Null;

impl Serialize for Null {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for Null {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NullVisitor;
        impl Visitor<'_> for NullVisitor {
            type Value = Null;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("null")
            }
            fn visit_unit<E: Error>(self) -> Result<Null, E> {
                Ok(Null)
            }
            fn visit_none<E: Error>(self) -> Result<Null, E> {
                Ok(Null)
            }
        }
        d.deserialize_option(NullVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Null;

    #[test]
    fn only_null_decodes_and_it_encodes_as_null() {
        assert_eq!(serde_json::from_str::<Null>("null").unwrap(), Null);
        for other in ["0", "false", "\"\"", "{}", "[]"] {
            assert!(serde_json::from_str::<Null>(other).is_err(), "{other} must be rejected");
        }
        assert_eq!(serde_json::to_string(&Null).unwrap(), "null");
    }

    #[test]
    fn a_value_other_than_null_is_refused_naming_null() {
        for json in ["0", "false", "\"x\"", "[]", "{}"] {
            let message = serde_json::from_str::<Null>(json).unwrap_err().to_string();
            assert!(message.contains(", expected null"), "{json}: {message}");
        }
    }
}
