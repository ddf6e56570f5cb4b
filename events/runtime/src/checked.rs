//! Strings checked against a contract's `pattern`, `format` and length bounds: the
//! runtime side of [`checked_string!`](crate::checked_string).

use crate::ValueError;

/// The `format`s a checked string can enforce: every format of the 2020-12 vocabulary,
/// each checked by the rules crate.
pub use events_rules::Format as StringFormat;

/// The constraints of one checked string type.
#[derive(Debug, Clone, Copy)]
pub struct StringRules {
    /// `minLength`, in code points.
    pub min_len: usize,
    /// `maxLength`, in code points.
    pub max_len: usize,
    /// `pattern`, matched anywhere in the string as JSON Schema specifies.
    pub pattern: Option<&'static str>,
    /// `format`.
    pub format: Option<StringFormat>,
}

impl StringRules {
    /// No constraint; narrow it with the builder methods.
    pub const ANY: Self = Self { min_len: 0, max_len: usize::MAX, pattern: None, format: None };

    /// Sets `minLength`.
    #[must_use]
    pub const fn min_len(self, min_len: usize) -> Self {
        Self { min_len, ..self }
    }

    /// Sets `maxLength`.
    #[must_use]
    pub const fn max_len(self, max_len: usize) -> Self {
        Self { max_len, ..self }
    }

    /// Sets `pattern`.
    #[must_use]
    pub const fn pattern(self, pattern: &'static str) -> Self {
        Self { pattern: Some(pattern), ..self }
    }

    /// Sets `format`.
    #[must_use]
    pub const fn format(self, format: StringFormat) -> Self {
        Self { format: Some(format), ..self }
    }

    /// Checks `value`; `regex` is the compiled `pattern`.
    pub fn check(&self, value: String, regex: Option<&regex::Regex>) -> Result<String, ValueError> {
        match self.refusal(&value, regex) {
            None => Ok(value),
            Some(refusal) => Err(refusal.error(value)),
        }
    }

    /// [`check`](Self::check) of borrowed text, copied into the error only when refused.
    pub fn check_str(&self, value: &str, regex: Option<&regex::Regex>) -> Result<(), ValueError> {
        match self.refusal(value, regex) {
            None => Ok(()),
            Some(refusal) => Err(refusal.error(value.to_owned())),
        }
    }

    /// The first rule `value` breaks, if any: length, then pattern, then format.
    fn refusal(&self, value: &str, regex: Option<&regex::Regex>) -> Option<Refusal> {
        if let Err(error) = crate::text::check_length(value, self.min_len, self.max_len) {
            return Some(Refusal::Length(error));
        }
        if let (Some(pattern), Some(regex)) = (self.pattern, regex) {
            if !regex.is_match(value) {
                return Some(Refusal::Pattern(pattern));
            }
        }
        match self.format {
            Some(format) if !format.is_valid(value) => Some(Refusal::Format(format.name())),
            _ => None,
        }
    }
}

/// Which rule of a [`StringRules`] a string breaks.
enum Refusal {
    /// `minLength` or `maxLength`: the error already made.
    Length(ValueError),
    /// `pattern`.
    Pattern(&'static str),
    /// `format`, by its name.
    Format(&'static str),
}

impl Refusal {
    /// The error for the refused `value`.
    fn error(self, value: String) -> ValueError {
        match self {
            Self::Length(error) => error,
            Self::Pattern(pattern) => ValueError::Pattern { value, pattern },
            Self::Format(format) => ValueError::Format { format, value },
        }
    }
}

/// Defines a string newtype that only holds values satisfying `rules`: built through
/// `new`/`TryFrom`, decoded through the same check, displayed and encoded as the string.
/// A string of up to 24 bytes is held inline, without an allocation.
#[macro_export]
macro_rules! checked_string {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($rules:expr);) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name($crate::__private::CompactString);

        impl $name {
            /// The contract's constraints on this string.
            pub const RULES: $crate::StringRules = $rules;

            /// Checks `value` against the contract.
            pub fn new(value: impl ::core::convert::Into<::std::string::String>) -> ::core::result::Result<Self, $crate::ValueError> {
                Self::RULES.check(value.into(), Self::__regex()).map(|value| Self(value.into()))
            }

            /// The compiled `pattern`, compiled on first use.
            fn __regex() -> ::core::option::Option<&'static $crate::__private::Regex> {
                static REGEX: $crate::__private::LazyLock<::core::option::Option<$crate::__private::Regex>> =
                    $crate::__private::LazyLock::new(|| $name::RULES.pattern.map($crate::__private::compile_pattern));
                REGEX.as_ref()
            }

            /// The string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::core::convert::TryFrom<::std::string::String> for $name {
            type Error = $crate::ValueError;
            fn try_from(value: ::std::string::String) -> ::core::result::Result<Self, $crate::ValueError> {
                Self::new(value)
            }
        }

        impl ::core::convert::TryFrom<&str> for $name {
            type Error = $crate::ValueError;
            fn try_from(value: &str) -> ::core::result::Result<Self, $crate::ValueError> {
                Self::new(value)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::str_with(d, |text| {
                    Self::RULES.check_str(text, Self::__regex()).map(|()| Self($crate::__private::CompactString::new(text)))
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Borrowed text is checked as owned text is: the same verdict, the same error.
    #[test]
    fn checking_borrowed_text_agrees_with_checking_owned_text() {
        let digits = crate::__private::compile_pattern("^[0-9]{5}$");
        let rules = [
            (StringRules::ANY.min_len(2).max_len(5), None),
            (StringRules::ANY.pattern("^[0-9]{5}$"), Some(&digits)),
            (StringRules::ANY.max_len(254).format(StringFormat::Email), None),
            (StringRules::ANY.min_len(6).pattern("^[0-9]{5}$"), Some(&digits)),
            (StringRules::ANY.format(StringFormat::Uri), None),
        ];
        let values = ["", "é", "12345", "1234x", "a@example.com", "not an email", "https://example.com/a", "0123456789", "😀😀😀"];
        for (rules, regex) in rules {
            for value in values {
                let owned = rules.check(value.to_owned(), regex).map(|v| assert_eq!(v, value));
                assert_eq!(rules.check_str(value, regex), owned, "{rules:?} {value:?}");
            }
        }
    }
}
