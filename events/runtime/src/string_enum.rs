//! [`string_enum!`]: the closed enum of a string `enum`, written once here rather than in
//! every generated enum (issue #12: every line the generator emits is compiled and read by
//! every user).

/// Defines a closed enum of JSON strings: each variant is written `Variant = "json"`, in
/// schema order, and documented as its JSON spelling. Attributes on the enum come after
/// its derives (so they may be helpers of another derive). It derives `Debug`, `Clone`, `Copy`, `PartialEq`, `Eq`, `Hash`,
/// `PartialOrd` and `Ord` (in schema order), and has
///
/// - `ALL`, every value in schema order, and `JSON`, the JSON spelling of each, in the
///   same order;
/// - `as_str`, the value as it appears in JSON, which `Display` writes too;
/// - `Serialize` as that string and `Deserialize` from it: any other string is refused with
///   serde's `unknown variant` error, which lists the spellings.
///
/// ```
/// events_runtime::string_enum! {
///     /// A lead's stage.
///     pub enum Stage {
///         New = "new",
///         Won = "won",
///     }
/// }
/// assert_eq!(Stage::Won.as_str(), "won");
/// assert_eq!(Stage::JSON, ["new", "won"]);
/// ```
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $json:literal),* $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $(#[$meta])*
        $vis enum $name {
            $(
                #[doc = concat!("`", stringify!($json), "`")]
                $(#[$variant_meta])*
                $variant,
            )*
        }

        impl $name {
            /// Every value, in schema order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),*];

            /// The JSON spelling of each value of [`Self::ALL`], in the same order.
            pub const JSON: &'static [&'static str] = &[$($json),*];

            /// The value as it appears in JSON.
            pub const fn as_str(self) -> &'static str {
                Self::JSON[self as usize]
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::string_enum(d, Self::JSON).map(|index| Self::ALL[index])
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::string_enum! {
        /// A probe.
        #[allow(dead_code)]
        enum Probe {
            /// First.
            A = "a",
            B = "b\"quoted\"",
            Empty = "",
        }
    }

    #[test]
    fn spellings_order_and_round_trip() {
        assert_eq!(Probe::ALL, [Probe::A, Probe::B, Probe::Empty]);
        assert_eq!(Probe::JSON, ["a", "b\"quoted\"", ""]);
        assert!(Probe::A < Probe::B && Probe::B < Probe::Empty);
        for value in Probe::ALL {
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(json, serde_json::to_string(value.as_str()).unwrap());
            assert_eq!(serde_json::from_str::<Probe>(&json).unwrap(), *value);
            assert_eq!(value.to_string(), value.as_str());
        }
        let refused = serde_json::from_str::<Probe>("\"c\"").unwrap_err().to_string();
        assert!(refused.contains("unknown variant `c`") && refused.contains("`a`"), "{refused}");
        assert!(serde_json::from_str::<Probe>("1").is_err());
    }
}
