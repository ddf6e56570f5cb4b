//! Values a consumer must tolerate but a producer must never send.

use std::fmt;

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
