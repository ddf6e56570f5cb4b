//! JSON numbers kept exactly as written ([`Number`], for `type: number`), and the bounds a
//! contract gives them (`minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`,
//! `multipleOf`): the runtime side of [`checked_number!`](crate::checked_number).

use std::cmp::Ordering;
use std::fmt;

use serde_json::value::RawValue;

use crate::ValueError;

/// A JSON number (`type: number`), kept exactly as it was written: `39652351` stays an
/// integer, `0.10` keeps its trailing zero, `123456789012345678901234567890` and `1e-400`
/// keep every digit. Encoding writes the same text back.
///
/// [`as_f64`](Self::as_f64) gives the nearest `f64` (infinite past `f64`'s range);
/// [`as_i64`](Self::as_i64) and [`as_u64`](Self::as_u64) give integers written as integers.
///
/// `==` and the order compare values, not text (`1` equals `1.0`, as in JSON Schema):
/// exactly between integers that fit 64 bits, otherwise as their `f64` values.
///
/// Integers and numbers written as `f64` prints them are held inline; any other spelling
/// is held as its text and encoded through serde_json's `RawValue`, which serde_json (and
/// `serde_json::Value`) write verbatim.
#[derive(Clone)]
pub struct Number(Repr);

#[derive(Clone)]
enum Repr {
    /// An integer written in its canonical form (no `-0`).
    Int(i64),
    /// An integer above `i64::MAX`.
    UInt(u64),
    /// A finite float written exactly as serde_json writes it.
    Float(f64),
    /// Any other spelling, as written.
    Text(Box<RawValue>, f64),
}

impl Number {
    /// The number a finite `f64` is; `None` for NaN and infinities, which JSON has not.
    pub fn from_f64(value: f64) -> Option<Self> {
        value.is_finite().then_some(Self(Repr::Float(value)))
    }

    /// Reads the text of one JSON number (`-0`, `1.50`, `1e400`: any the JSON grammar allows).
    pub fn parse(text: &str) -> Result<Self, ValueError> {
        if !is_json_number(text) {
            return Err(ValueError::Format { format: "JSON number", value: text.to_owned() });
        }
        let raw = RawValue::from_string(text.to_owned()).map_err(|_| ValueError::Format { format: "JSON number", value: text.to_owned() })?;
        Ok(Self::from_raw(raw))
    }

    /// Classifies the text of a JSON number (already checked to be one).
    fn from_raw(raw: Box<RawValue>) -> Self {
        let text = raw.get();
        let integer = !text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E'));
        if integer && text != "-0" {
            if let Ok(v) = text.parse::<i64>() {
                return Self(Repr::Int(v));
            }
            if let Ok(v) = text.parse::<u64>() {
                return Self(Repr::UInt(v));
            }
        }
        let value: f64 = text.parse().unwrap_or(f64::NAN);
        if value.is_finite() && !integer && serde_json::Number::from_f64(value).is_some_and(|n| n.to_string() == text) {
            return Self(Repr::Float(value));
        }
        Self(Repr::Text(raw, value))
    }

    /// The nearest `f64` (rounded as Rust's `str::parse` rounds; infinite past `f64`'s range).
    pub fn as_f64(&self) -> f64 {
        match &self.0 {
            Repr::Int(v) => *v as f64,
            Repr::UInt(v) => *v as f64,
            Repr::Float(v) | Repr::Text(_, v) => *v,
        }
    }

    /// The value, if it is written as an integer and fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.0 {
            Repr::Int(v) => Some(*v),
            Repr::Text(raw, _) if raw.get() == "-0" => Some(0),
            _ => None,
        }
    }

    /// The value, if it is written as an integer and fits a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        match &self.0 {
            Repr::Int(v) => u64::try_from(*v).ok(),
            Repr::UInt(v) => Some(*v),
            Repr::Text(raw, _) if raw.get() == "-0" => Some(0),
            _ => None,
        }
    }

    /// True when written as an integer (no fraction, no exponent).
    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Repr::Int(_) | Repr::UInt(_) => true,
            Repr::Float(_) => false,
            Repr::Text(raw, _) => !raw.get().bytes().any(|b| matches!(b, b'.' | b'e' | b'E')),
        }
    }

    /// Exact integer value when both are integers that fit 128 bits.
    fn exact_integer(&self) -> Option<i128> {
        match &self.0 {
            Repr::Int(v) => Some(i128::from(*v)),
            Repr::UInt(v) => Some(i128::from(*v)),
            Repr::Text(raw, _) if self.is_integer() => raw.get().parse().ok(),
            _ => None,
        }
    }
}

/// The JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Self(Repr::Int(value))
    }
}

impl From<u64> for Number {
    fn from(value: u64) -> Self {
        i64::try_from(value).map_or(Self(Repr::UInt(value)), Self::from)
    }
}

impl From<i32> for Number {
    fn from(value: i32) -> Self {
        Self::from(i64::from(value))
    }
}

impl From<u32> for Number {
    fn from(value: u32) -> Self {
        Self::from(i64::from(value))
    }
}

impl TryFrom<f64> for Number {
    type Error = ValueError;
    fn try_from(value: f64) -> Result<Self, ValueError> {
        Self::from_f64(value).ok_or_else(|| ValueError::Number { value: value.to_string(), keyword: "type", limit: "a finite JSON number".into() })
    }
}

impl std::str::FromStr for Number {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        Self::parse(text)
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        self.partial_cmp(other) == Some(Ordering::Equal)
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self.exact_integer(), other.exact_integer()) {
            (Some(a), Some(b)) => Some(a.cmp(&b)),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Int(v) => v.fmt(f),
            Repr::UInt(v) => v.fmt(f),
            Repr::Float(v) => match serde_json::Number::from_f64(*v) {
                Some(n) => n.fmt(f),
                None => v.fmt(f),
            },
            Repr::Text(raw, _) => f.write_str(raw.get()),
        }
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({self})")
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Repr::Int(v) => s.serialize_i64(*v),
            Repr::UInt(v) => s.serialize_u64(*v),
            Repr::Float(v) => s.serialize_f64(*v),
            Repr::Text(raw, _) => raw.serialize(s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Number {
    /// Reads the number's text through serde_json's `RawValue`, so it works with
    /// serde_json's deserializers and `serde_json::Value`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = <Box<RawValue>>::deserialize(d)?;
        if !matches!(raw.get().as_bytes().first(), Some(b'-' | b'0'..=b'9')) {
            let error = serde::de::Error::invalid_type(serde::de::Unexpected::Other("a JSON value that is not a number"), &"a JSON number");
            return Err(crate::decode::refused(raw.get(), error));
        }
        Ok(Self::from_raw(raw))
    }
}

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

    /// Checks a decoded number (as its `f64` value); errors show it as written.
    pub fn check_number(&self, number: &Number) -> Result<(), ValueError> {
        self.check(number.as_f64()).map(drop).map_err(|e| match e {
            ValueError::Number { keyword, limit, .. } => ValueError::Number { value: number.to_string(), keyword, limit },
            other => other,
        })
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
/// decimals do not fit in 128 bits. A divisor of zero or one that is not finite (which
/// JSON Schema does not allow, and the generator refuses) has no multiples; a negative one
/// counts by its magnitude.
pub fn is_multiple_of(value: f64, multiple: f64) -> bool {
    if multiple == 0.0 || !multiple.is_finite() {
        return false;
    }
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
/// `new`/`TryFrom`, decoded through the same check, encoded as the number exactly as it
/// was written (a [`Number`](crate::Number)).
#[macro_export]
macro_rules! checked_number {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($rules:expr);) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, PartialOrd)]
        $vis struct $name($crate::Number);

        impl $name {
            /// The contract's constraints on this number.
            pub const RULES: $crate::NumberRules = $rules;

            /// Checks `value` against the contract.
            pub fn new(value: f64) -> ::core::result::Result<Self, $crate::ValueError> {
                Self::RULES.check(value)?;
                <$crate::Number as ::core::convert::TryFrom<f64>>::try_from(value).map(Self)
            }

            /// Checks a number (any JSON spelling of it) against the contract.
            pub fn from_number(number: $crate::Number) -> ::core::result::Result<Self, $crate::ValueError> {
                Self::RULES.check_number(&number).map(|()| Self(number))
            }

            /// The number's `f64` value.
            pub fn get(&self) -> f64 {
                self.0.as_f64()
            }

            /// The number as written.
            pub fn number(&self) -> &$crate::Number {
                &self.0
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
                $crate::__private::serde::Serialize::serialize(&self.0, s)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let number = <$crate::Number as $crate::__private::serde::Deserialize>::deserialize(d)?;
                match Self::RULES.check_number(&number) {
                    ::core::result::Result::Ok(()) => ::core::result::Result::Ok(Self(number)),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err($crate::__private::refused_number(&number, error)),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    /// `NumberRules::multiple_of(0.0)` (public, so reachable) panicked in `binary_multiple`
    /// (a shift by 64): a divisor of zero, or one that is not finite, has no multiples.
    #[test]
    fn a_divisor_of_zero_or_not_finite_has_no_multiples() {
        for divisor in [0.0, -0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for value in [0.0, 1.0, 4.0, -4.0] {
                assert!(!is_multiple_of(value, divisor), "{value} of {divisor}");
            }
        }
        assert!(NumberRules::ANY.multiple_of(0.0).check(3.0).is_err());
        assert!(is_multiple_of(0.0, 2.0) && is_multiple_of(4.0, 2.0));
    }

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
    fn numbers_keep_their_spelling() {
        for text in
            ["39652351", "-7", "0", "-0", "18446744073709551615", "123456789012345678901234567890", "1.5", "0.10", "1e-400", "1E+2", "2.5e10", "1e400", "-0.0"]
        {
            let n: Number = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(serde_json::to_string(&n).unwrap(), text);
            assert_eq!(n.to_string(), text);
            assert_eq!(text.parse::<Number>().unwrap(), n);
            // Through serde_json::Value too, as far as Value itself keeps it.
            let v: serde_json::Value = serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
            if !v.is_null() {
                assert_eq!(serde_json::to_value(&n).unwrap(), v, "{text}");
            }
        }
        assert_eq!(serde_json::from_str::<Number>("39652351").unwrap().as_i64(), Some(39_652_351));
        assert!(serde_json::from_str::<Number>("\"1\"").is_err());
        assert!(serde_json::from_str::<Number>("[1]").is_err());
        assert!("01".parse::<Number>().is_err() && "1.".parse::<Number>().is_err() && "+1".parse::<Number>().is_err());
    }

    #[test]
    fn numbers_compare_by_value() {
        let n = |t: &str| t.parse::<Number>().unwrap();
        assert_eq!(n("1"), n("1.0"));
        assert_eq!(n("100"), n("1e2"));
        assert!(n("18446744073709551615") > n("9223372036854775807"));
        assert_ne!(n("123456789012345678901234567890"), n("123456789012345678901234567891"));
        assert!(n("0.5") < n("1"));
    }

    #[test]
    fn bounds_are_checked_in_order() {
        let rules = NumberRules::ANY.exclusive_minimum(0.0).maximum(5.0).multiple_of(0.5);
        assert_eq!(rules.check(2.5), Ok(2.5));
        assert!(matches!(rules.check(0.0), Err(ValueError::Number { keyword: "exclusiveMinimum", .. })));
        assert!(matches!(rules.check(5.5), Err(ValueError::Number { keyword: "maximum", .. })));
        assert!(matches!(rules.check(2.25), Err(ValueError::Number { keyword: "multipleOf", .. })));
    }

    /// A number's text and its `as_i64`, `as_u64`, `is_integer` and `as_f64`.
    type Reading = (&'static str, Option<i64>, Option<u64>, bool, f64);

    /// Each accessor per its doc: `as_i64` / `as_u64` only for a number written as an
    /// integer that fits (`-0` is zero), `is_integer` for no fraction and no exponent.
    #[test]
    fn accessors_read_integers_as_written() {
        let n = |t: &str| t.parse::<Number>().unwrap();
        let cases: [Reading; 10] = [
            ("5", Some(5), Some(5), true, 5.0),
            ("-7", Some(-7), None, true, -7.0),
            ("-0", Some(0), Some(0), true, 0.0),
            ("0", Some(0), Some(0), true, 0.0),
            ("9223372036854775808", None, Some(9_223_372_036_854_775_808), true, 9_223_372_036_854_775_808.0),
            ("123456789012345678901234567890", None, None, true, 1.2345678901234568e29),
            ("1.0", None, None, false, 1.0),
            ("1.5", None, None, false, 1.5),
            ("1e2", None, None, false, 100.0),
            ("-0.0", None, None, false, 0.0),
        ];
        for (text, i, u, integer, f) in cases {
            assert_eq!((n(text).as_i64(), n(text).as_u64(), n(text).is_integer(), n(text).as_f64()), (i, u, integer, f), "{text}");
        }
        assert_eq!(n("1e400").as_f64(), f64::INFINITY);
        assert_eq!(n("-1e400").as_f64(), f64::NEG_INFINITY);
    }

    /// The constructors give the number of the value they are given.
    #[test]
    fn numbers_built_in_code_are_the_values_given() {
        assert_eq!(Number::from(-3i64).to_string(), "-3");
        assert_eq!(Number::from(-3i32).as_i64(), Some(-3));
        assert_eq!(Number::from(4_000_000_000u32).as_u64(), Some(4_000_000_000));
        assert_eq!(Number::from(u64::MAX).to_string(), "18446744073709551615");
        assert_eq!(Number::from(7u64).as_i64(), Some(7));
        assert_eq!(Number::from_f64(2.5).map(|n| n.to_string()), Some("2.5".to_owned()));
        assert!(Number::from_f64(f64::NAN).is_none() && Number::from_f64(f64::INFINITY).is_none());
        assert_eq!(Number::try_from(-0.25).map(|n| n.as_f64()).ok(), Some(-0.25));
        assert!(Number::try_from(f64::NEG_INFINITY).is_err());
        assert_eq!(format!("{:?}", Number::from(12i64)), "Number(12)");
        for not_a_number in ["1 ", " 1", "", "-", "\"1\"", "[1]", "true", "null", "1e", "1.5.2", "--1", "0x10"] {
            assert!(not_a_number.parse::<Number>().is_err(), "{not_a_number:?}");
        }
    }

    /// The JSON number grammar (RFC 8259 §6): a fraction and an exponent each need a digit.
    #[test]
    fn the_number_grammar_wants_digits_after_the_point_and_the_exponent() {
        for text in ["0", "-0", "10", "1.25", "1e5", "1E+5", "1e-05", "-0.5e0"] {
            assert!(is_json_number(text), "{text}");
        }
        for text in ["1.", "1.e5", "1e", "1e+", "-1.E-", "01", ".5", "-", "", "1_0"] {
            assert!(!is_json_number(text), "{text}");
        }
    }
}
