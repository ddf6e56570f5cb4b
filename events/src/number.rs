//! Non-integer numbers with the bounds a contract gives them (`minimum`, `maximum`,
//! `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`): the runtime side of
//! [`checked_number!`](crate::checked_number).

use crate::ValueError;

/// The constraints of one checked number type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumberRules {
    /// `minimum` (inclusive).
    pub minimum: Option<f64>,
    /// `exclusiveMinimum`.
    pub exclusive_minimum: Option<f64>,
    /// `maximum` (inclusive).
    pub maximum: Option<f64>,
    /// `exclusiveMaximum`.
    pub exclusive_maximum: Option<f64>,
    /// `multipleOf`, read as the decimal the contract wrote (`0.1` is one tenth).
    pub multiple_of: Option<f64>,
}

impl NumberRules {
    /// No constraint; narrow it with the builder methods.
    pub const ANY: Self = Self { minimum: None, exclusive_minimum: None, maximum: None, exclusive_maximum: None, multiple_of: None };

    /// Sets `minimum`.
    #[must_use]
    pub const fn minimum(self, v: f64) -> Self {
        Self { minimum: Some(v), ..self }
    }

    /// Sets `exclusiveMinimum`.
    #[must_use]
    pub const fn exclusive_minimum(self, v: f64) -> Self {
        Self { exclusive_minimum: Some(v), ..self }
    }

    /// Sets `maximum`.
    #[must_use]
    pub const fn maximum(self, v: f64) -> Self {
        Self { maximum: Some(v), ..self }
    }

    /// Sets `exclusiveMaximum`.
    #[must_use]
    pub const fn exclusive_maximum(self, v: f64) -> Self {
        Self { exclusive_maximum: Some(v), ..self }
    }

    /// Sets `multipleOf`.
    #[must_use]
    pub const fn multiple_of(self, v: f64) -> Self {
        Self { multiple_of: Some(v), ..self }
    }

    /// Checks `value`; the first broken constraint is the error.
    pub fn check(&self, value: f64) -> Result<f64, ValueError> {
        let broken = |keyword: &'static str, limit: f64| ValueError::Number { value: value.to_string(), keyword, limit: limit.to_string() };
        if !value.is_finite() {
            return Err(ValueError::Number { value: value.to_string(), keyword: "type", limit: "a finite JSON number".into() });
        }
        if let Some(m) = self.minimum.filter(|m| value < *m) {
            return Err(broken("minimum", m));
        }
        if let Some(m) = self.exclusive_minimum.filter(|m| value <= *m) {
            return Err(broken("exclusiveMinimum", m));
        }
        if let Some(m) = self.maximum.filter(|m| value > *m) {
            return Err(broken("maximum", m));
        }
        if let Some(m) = self.exclusive_maximum.filter(|m| value >= *m) {
            return Err(broken("exclusiveMaximum", m));
        }
        if let Some(m) = self.multiple_of.filter(|m| !is_multiple_of(value, *m)) {
            return Err(broken("multipleOf", m));
        }
        Ok(value)
    }
}

/// JSON Schema's `multipleOf` for numbers: `value / multiple` is an integer, with both
/// read as the shortest decimals that print them (`0.3` is a multiple of `0.1`), as the
/// `jsonschema` validator decides it; falls back to the exact binary values when the
/// decimals do not fit in 128 bits.
pub fn is_multiple_of(value: f64, multiple: f64) -> bool {
    if value == 0.0 {
        return true;
    }
    if value.abs() < multiple {
        return false;
    }
    match (decimal(value), decimal(multiple)) {
        (Some((vm, vd)), Some((mm, md))) if mm != 0 => {
            let shared = vd.min(md);
            let scale = |mantissa: i128, decimals: i32| mantissa.checked_mul(10_i128.checked_pow(u32::try_from(decimals - shared).ok()?)?);
            match (scale(vm, md), scale(mm, vd)) {
                (Some(a), Some(b)) => a % b == 0,
                _ => binary_multiple(value, multiple),
            }
        }
        _ => binary_multiple(value, multiple),
    }
}

/// `value` as `mantissa * 10^-decimals`, from its shortest round-trip decimal form.
fn decimal(value: f64) -> Option<(i128, i32)> {
    let text = format!("{value:e}");
    let (digits, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let negative = digits.starts_with('-');
    let digits = digits.trim_start_matches('-');
    let fraction = digits.split_once('.').map_or(0, |(_, f)| f.len() as i32);
    let mut mantissa: i128 = 0;
    for b in digits.bytes().filter(u8::is_ascii_digit) {
        mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    Some((if negative { -mantissa } else { mantissa }, fraction - exponent))
}

/// Exact test on the binary values: `a·2^p / b·2^q` (a, b odd) is an integer iff `b | a` and `p ≥ q`.
fn binary_multiple(value: f64, multiple: f64) -> bool {
    let odd = |x: f64| -> (u64, i32) {
        let bits = x.abs().to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i32;
        let fraction = bits & ((1 << 52) - 1);
        let (mantissa, power) = if exponent == 0 { (fraction, -1074) } else { (fraction | (1 << 52), exponent - 1075) };
        let zeros = mantissa.trailing_zeros();
        (mantissa >> zeros, power + zeros as i32)
    };
    let ((a, p), (b, q)) = (odd(value), odd(multiple));
    b != 0 && a % b == 0 && p >= q
}

/// Defines a number newtype that only holds values satisfying `rules`: built through
/// `new`/`TryFrom`, decoded through the same check, encoded as the number.
#[macro_export]
macro_rules! checked_number {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($rules:expr);) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
        $vis struct $name(f64);

        impl $name {
            /// The contract's constraints on this number.
            pub const RULES: $crate::NumberRules = $rules;

            /// Checks `value` against the contract.
            pub fn new(value: f64) -> ::core::result::Result<Self, $crate::ValueError> {
                Self::RULES.check(value).map(Self)
            }

            /// The number.
            pub const fn get(self) -> f64 {
                self.0
            }
        }

        impl ::core::convert::TryFrom<f64> for $name {
            type Error = $crate::ValueError;
            fn try_from(value: f64) -> ::core::result::Result<Self, $crate::ValueError> {
                Self::new(value)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, f)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_f64(self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let value = <f64 as $crate::__private::serde::Deserialize>::deserialize(d)?;
                Self::new(value).map_err(<D::Error as $crate::__private::serde::de::Error>::custom)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiple_of_reads_decimals_as_written() {
        assert!(is_multiple_of(0.3, 0.1));
        assert!(is_multiple_of(19.99, 0.01));
        assert!(is_multiple_of(1_070_468.14, 0.01));
        assert!(!is_multiple_of(1_070_468.145, 0.01));
        assert!(is_multiple_of(5.35, 2.675));
        assert!(is_multiple_of(7.5, 2.5));
        assert!(!is_multiple_of(7.0, 2.5));
        assert!(!is_multiple_of(0.05, 0.1));
        assert!(is_multiple_of(-4.5, 1.5));
        assert!(is_multiple_of(0.0, 0.7));
    }

    #[test]
    fn bounds_are_checked_in_order() {
        let rules = NumberRules::ANY.exclusive_minimum(0.0).maximum(5.0).multiple_of(0.5);
        assert_eq!(rules.check(2.5), Ok(2.5));
        assert!(matches!(rules.check(0.0), Err(ValueError::Number { keyword: "exclusiveMinimum", .. })));
        assert!(matches!(rules.check(5.5), Err(ValueError::Number { keyword: "maximum", .. })));
        assert!(matches!(rules.check(2.25), Err(ValueError::Number { keyword: "multipleOf", .. })));
    }
}
