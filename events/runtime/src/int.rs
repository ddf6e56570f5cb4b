//! Integers with the bounds a contract gives them (`minimum`, `maximum`,
//! `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`).

use std::fmt;

use crate::ValueError;

/// A JSON Schema `integer` in `MIN..=MAX` that is a multiple of `MULTIPLE_OF`.
///
/// Exclusive bounds are turned into inclusive ones by the generator. Like the
/// validator, decoding accepts `3.0` as the integer 3. Build one with
/// [`Int::new`] (checked at run time) or [`Int::lit`] (checked at compile time).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Int<const MIN: i64 = { i64::MIN }, const MAX: i64 = { i64::MAX }, const MULTIPLE_OF: u64 = 1>(i64);

/// Shorthand for an integer with no bound.
pub type Integer = Int;

impl<const MIN: i64, const MAX: i64, const MULTIPLE_OF: u64> Int<MIN, MAX, MULTIPLE_OF> {
    /// The smallest accepted value.
    pub const MIN: i64 = MIN;
    /// The largest accepted value.
    pub const MAX: i64 = MAX;

    const fn accepts(value: i64) -> bool {
        value >= MIN && value <= MAX && (MULTIPLE_OF <= 1 || value.unsigned_abs().is_multiple_of(MULTIPLE_OF))
    }

    /// Checks `value` against the bounds.
    pub const fn new(value: i64) -> Result<Self, ValueError> {
        if Self::accepts(value) {
            Ok(Self(value))
        } else {
            Err(ValueError::IntOutOfRange { value, min: MIN, max: MAX, multiple_of: MULTIPLE_OF })
        }
    }

    /// A literal checked at compile time: `Int::<1, 4>::lit::<5>()` does not build.
    pub const fn lit<const VALUE: i64>() -> Self {
        const {
            assert!(
                VALUE >= MIN && VALUE <= MAX && (MULTIPLE_OF <= 1 || VALUE.unsigned_abs().is_multiple_of(MULTIPLE_OF)),
                "integer literal violates the contract's bounds"
            )
        };
        Self(VALUE)
    }

    /// The value.
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl<const MIN: i64, const MAX: i64, const M: u64> TryFrom<i64> for Int<MIN, MAX, M> {
    type Error = ValueError;
    fn try_from(value: i64) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl<const MIN: i64, const MAX: i64, const M: u64> From<Int<MIN, MAX, M>> for i64 {
    fn from(value: Int<MIN, MAX, M>) -> i64 {
        value.0
    }
}

impl<const MIN: i64, const MAX: i64, const M: u64> fmt::Display for Int<MIN, MAX, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<const MIN: i64, const MAX: i64, const M: u64> fmt::Debug for Int<MIN, MAX, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<const MIN: i64, const MAX: i64, const M: u64> serde::Serialize for Int<MIN, MAX, M> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de, const MIN: i64, const MAX: i64, const M: u64> serde::Deserialize<'de> for Int<MIN, MAX, M> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<const MIN: i64, const MAX: i64, const M: u64>;
        impl<const MIN: i64, const MAX: i64, const M: u64> serde::de::Visitor<'_> for Visitor<MIN, MAX, M> {
            type Value = Int<MIN, MAX, M>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an integer in {MIN}..={MAX}")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Int::new(v).map_err(|e| crate::error::custom(&e))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
                let v = i64::try_from(v).map_err(|_| crate::error::custom(&format_args!("{v} is out of range {MIN}..={MAX}")))?;
                Int::new(v).map_err(|e| crate::error::custom(&e))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
                // JSON Schema: a number with a zero fractional part is an integer.
                #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                if v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64 {
                    Int::new(v as i64).map_err(|e| crate::error::custom(&e))
                } else {
                    Err(E::invalid_type(serde::de::Unexpected::Float(v), &self))
                }
            }
        }
        d.deserialize_any(Visitor::<MIN, MAX, M>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_multiples() {
        assert!(Int::<1, 4>::new(0).is_err());
        assert_eq!(Int::<1, 4>::new(4).unwrap().get(), 4);
        assert!(Int::<0, 100, 5>::new(7).is_err());
        assert!(Int::<0, 100, 5>::new(35).is_ok());
        assert_eq!(Int::<1, 4>::lit::<3>().get(), 3);
    }

    #[test]
    fn decodes_integral_floats_like_the_validator() {
        let v: Int<1, 4> = serde_json::from_str("3.0").unwrap();
        assert_eq!(v.get(), 3);
        assert!(serde_json::from_str::<Int<1, 4>>("3.5").is_err());
        assert!(serde_json::from_str::<Int<1, 4>>("\"3\"").is_err());
        assert!(serde_json::from_str::<Int<1, 4>>("5").is_err());
    }
}
