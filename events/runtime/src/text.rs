//! Strings with `minLength` / `maxLength`, counted in characters (Unicode code points)
//! as JSON Schema counts them, not in bytes.

use std::fmt;
use std::ops::Deref;

use compact_str::CompactString;

use crate::ValueError;

/// Checks that `text` has `min..=max` code points. A code point takes one to four bytes in
/// UTF-8, so the byte length alone decides most cases; code points are counted only when
/// it does not.
///
/// Inlined, so that a `BoundedString`'s constant bounds fold the byte-length test (for
/// `NonEmptyString`, to `!text.is_empty()`); the count runs out of line.
#[inline]
pub(crate) fn check_length(text: &str, min: usize, max: usize) -> Result<(), ValueError> {
    if text.len() <= max && text.len().div_ceil(4) >= min {
        return Ok(());
    }
    count_length(text, min, max)
}

/// [`check_length`] by counting code points, when the byte length does not decide.
#[inline(never)]
fn count_length(text: &str, min: usize, max: usize) -> Result<(), ValueError> {
    let len = text.chars().count();
    if (min..=max).contains(&len) {
        Ok(())
    } else {
        Err(ValueError::Length { len, min, max })
    }
}

/// A string whose length in code points lies in `MIN..=MAX`.
///
/// A string of up to 24 bytes is held inline, without an allocation (a `CompactString`;
/// most bounded strings of payloads are short: names, codes, time zones).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BoundedString<const MIN: usize = 0, const MAX: usize = { usize::MAX }>(CompactString);

/// Shorthand for a string that must not be empty (`minLength: 1`).
pub type NonEmptyString = BoundedString<1>;

impl<const MIN: usize, const MAX: usize> BoundedString<MIN, MAX> {
    /// Checks the length of `value` in characters.
    pub fn new(value: impl Into<String>) -> Result<Self, ValueError> {
        let value = value.into();
        check_length(&value, MIN, MAX)?;
        Ok(Self(value.into()))
    }

    /// [`new`](Self::new) from borrowed text: copied only once checked.
    fn from_text(text: &str) -> Result<Self, ValueError> {
        check_length(text, MIN, MAX)?;
        Ok(Self(CompactString::new(text)))
    }

    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The owned string.
    pub fn into_inner(self) -> String {
        self.0.into_string()
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
        crate::decode::str_with(d, Self::from_text)
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

    /// Held inline or not, a bounded string shows, hashes and orders as its text, decodes as
    /// `new` builds it, and gives the text back whole.
    #[test]
    fn short_and_long_strings_behave_as_their_text() {
        use std::hash::{BuildHasher, RandomState};
        let hasher = RandomState::new();
        let texts = ["", "a", "America/Chicago", "exactly twenty-four byte", "twenty-five bytes of text", "quote \" and é", &"long ".repeat(40)];
        for text in texts {
            let value = BoundedString::<0, 1000>::new(text).unwrap();
            assert_eq!(format!("{value:?}"), format!("{text:?}"));
            assert_eq!(value.to_string(), text);
            assert_eq!(hasher.hash_one(&value), hasher.hash_one(text.to_owned()), "{text:?}");
            assert_eq!(serde_json::from_value::<BoundedString<0, 1000>>(serde_json::json!(text)).unwrap(), value);
            assert_eq!(&*value, text);
            assert_eq!(value.clone().into_inner(), text);
            for other in texts {
                assert_eq!(value.cmp(&BoundedString::new(other).unwrap()), text.cmp(other), "{text:?} {other:?}");
            }
        }
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
