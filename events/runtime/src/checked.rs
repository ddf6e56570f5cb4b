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
        crate::text::check_length(&value, self.min_len, self.max_len)?;
        if let (Some(pattern), Some(regex)) = (self.pattern, regex) {
            if !regex.is_match(&value) {
                return Err(ValueError::Pattern { value, pattern });
            }
        }
        if let Some(format) = self.format {
            if !format.is_valid(&value) {
                return Err(ValueError::Format { format: format.name(), value });
            }
        }
        Ok(value)
    }
}

/// Defines a string newtype that only holds values satisfying `rules`: built through
/// `new`/`TryFrom`, decoded through the same check, displayed and encoded as the string.
#[macro_export]
macro_rules! checked_string {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($rules:expr);) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name(::std::string::String);

        impl $name {
            /// The contract's constraints on this string.
            pub const RULES: $crate::StringRules = $rules;

            /// Checks `value` against the contract.
            pub fn new(value: impl ::core::convert::Into<::std::string::String>) -> ::core::result::Result<Self, $crate::ValueError> {
                static REGEX: $crate::__private::LazyLock<::core::option::Option<$crate::__private::Regex>> =
                    $crate::__private::LazyLock::new(|| $name::RULES.pattern.map($crate::__private::compile_pattern));
                Self::RULES.check(value.into(), REGEX.as_ref()).map(Self)
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
                $crate::__private::str_with(d, |text| Self::new(text.to_owned()))
            }
        }
    };
}
