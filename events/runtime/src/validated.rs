//! Values that carry a checked invariant: the rules of their schema that no Rust type can
//! say (`not`, `if`/`then`/`else`, `contains`, …), run as a validation program of the
//! schema compiled at generation time (see DESIGN.md §1).

use serde::de::{DeserializeOwned, Deserializer};
use serde::Serialize;

use crate::rules::Program;
use crate::ValueError;

/// Runs `program` on `value` as JSON.
pub fn check<T: Serialize>(program: &Program, value: &T) -> Result<(), ValueError> {
    let json = serde_json::to_value(value).map_err(|e| ValueError::Rules { at: String::new(), message: e.to_string() })?;
    program.validate(&json).map_err(|v| ValueError::Rules { at: v.instance_path, message: v.message })
}

/// Decodes a checked value: its JSON text is kept (a repeated key is refused), validated
/// by `program`, then decoded as `T` from the same text, so numbers reach `T` as written.
pub fn decode<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D, program: &Program) -> Result<T, D::Error> {
    let raw = crate::unknown::raw_unique(d)?;
    let refused = |error: &dyn std::fmt::Display| crate::decode::refused(raw.get(), crate::error::custom(error));
    let json: serde_json::Value = serde_json::from_str(raw.get()).map_err(|e| refused(&e))?;
    program.validate(&json).map_err(|v| refused(&ValueError::Rules { at: v.instance_path, message: v.message }))?;
    serde_json::from_str(raw.get()).map_err(|e| refused(&e))
}

/// Defines a value type whose contract has rules beyond its Rust type: a newtype over the
/// typed core, built with `try_new` (checked) and decoded through its validation program.
#[doc(hidden)]
#[macro_export]
macro_rules! checked_value {
    ($(#[$meta:meta])* $vis:vis struct $name:ident($inner:ty) = $program:expr;) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis struct $name($inner);

        impl $name {
            /// The validation program of this value's whole schema.
            pub fn program() -> &'static $crate::rules::Program {
                static PROGRAM: $crate::rules::Program = $program;
                &PROGRAM
            }

            /// Checks `value` against every rule of the contract.
            pub fn try_new(value: $inner) -> ::core::result::Result<Self, $crate::ValueError> {
                $crate::__private::validated::check(Self::program(), &value)?;
                ::core::result::Result::Ok(Self(value))
            }

            /// The value.
            pub fn get(&self) -> &$inner {
                &self.0
            }

            /// The value, owned.
            pub fn into_inner(self) -> $inner {
                self.0
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serde::Serialize::serialize(&self.0, s)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::validated::decode(d, Self::program()).map(Self)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde_json::json;

    use super::{check, decode};
    use crate::rules::{Check, Node, Num, Program};
    use crate::ValueError;

    /// `{"properties": {"n": {"maximum": 3}}}`, built by hand.
    fn at_most_three() -> Program {
        let node = |checks: Vec<Check>| Node { location: Cow::Borrowed(""), checks: Cow::Owned(checks) };
        Program::new(vec![node(vec![Check::Properties(Cow::Owned(vec![(Cow::Borrowed("n"), 1)]))]), node(vec![Check::Maximum(Num::Int(3))])], vec![])
    }

    #[test]
    fn check_refuses_what_the_program_refuses_and_says_where() {
        let program = at_most_three();
        assert!(check(&program, &json!({"n": 3})).is_ok());
        assert!(check(&program, &json!({"m": 4})).is_ok());
        match check(&program, &json!({"n": 4})) {
            Err(ValueError::Rules { at, message }) => {
                assert_eq!(at, "/n");
                assert_eq!(message, "4 is not at most 3");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decode_validates_the_text_then_decodes_it() {
        let program = at_most_three();
        let read = |json: &str| decode::<_, serde_json::Value>(&mut serde_json::Deserializer::from_str(json), &program);
        assert_eq!(read(r#"{"n": 2.50}"#).expect("valid"), json!({"n": 2.5}));
        let refused = read(r#"{"n": 4}"#).expect_err("above the maximum").to_string();
        assert!(refused.contains("4 is not at most 3"), "{refused}");
        assert!(read(r#"{"n": 1, "n": 1}"#).is_err(), "a repeated key");
    }
}
