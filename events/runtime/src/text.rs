//! Strings with `minLength` / `maxLength`, counted in characters (Unicode code points)
//! as JSON Schema counts them, not in bytes.

use std::fmt;
use std::ops::Deref;

use crate::ValueError;

/// Checks that `text` has `min..=max` code points. A code point takes one to four bytes in
/// UTF-8, so the byte length alone decides most cases; code points are counted only when
/// it does not.
pub(crate) fn check_length(text: &str, min: usize, max: usize) -> Result<(), ValueError> {
    if text.len() <= max && text.len().div_ceil(4) >= min {
        return Ok(());
    }
    let len = text.chars().count();
    if (min..=max).contains(&len) {
        Ok(())
    } else {
        Err(ValueError::Length { len, min, max })
    }
}

/// A string whose length in code points lies in `MIN..=MAX`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BoundedString<const MIN: usize = 0, const MAX: usize = { usize::MAX }>(String);

/// Shorthand for a string that must not be empty (`minLength: 1`).
pub type NonEmptyString = BoundedString<1>;

impl<const MIN: usize, const MAX: usize> BoundedString<MIN, MAX> {
    /// Checks the length of `value` in characters.
    pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
        let value = value.into();
        check_length(&value, MIN, MAX)?;
        Ok(Self(value))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The owned string.
    pub fn into_inner(self) -> String {
        self.0
    }
}

impl<const MIN: usize, const MAX: usize> TryFrom<String> for BoundedString<MIN, MAX> {
    type Error = ValueError;
    fn try_from(value: String) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl<const MIN: usize, const MAX: usize> TryFrom<&str> for BoundedString<MIN, MAX> {
    type Error = ValueError;
    fn try_from(value: &str) -> Result<Self, ValueError> {
        Self::new(value)
    }
}

impl<const MIN: usize, const MAX: usize> Deref for BoundedString<MIN, MAX> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<const MIN: usize, const MAX: usize> fmt::Display for BoundedString<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MIN: usize, const MAX: usize> fmt::Debug for BoundedString<MIN, MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<const MIN: usize, const MAX: usize> serde::Serialize for BoundedString<MIN, MAX> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de, const MIN: usize, const MAX: usize> serde::Deserialize<'de> for BoundedString<MIN, MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::decode::str_with(d, |text| Self::new(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        assert!(BoundedString::<1, 2>::new("é").is_ok());
        assert!(BoundedString::<1, 2>::new("😀😀").is_ok());
        assert!(BoundedString::<1, 2>::new("abc").is_err());
        assert!(NonEmptyString::new("").is_err());
    }

    #[test]
    fn length_check_agrees_with_counting_code_points() {
        let texts = ["", "a", "ab", "é", "éé", "😀", "😀😀", "a😀", "abcd", "abcde", "éééé", "😀😀😀😀😀"];
        for text in texts {
            let len = text.chars().count();
            for min in 0..7 {
                for max in min..22 {
                    assert_eq!(check_length(text, min, max).is_ok(), (min..=max).contains(&len), "{text:?} in {min}..={max}");
                }
            }
        }
    }
}
