//! Formats of a contract set's own, checked by a type the user writes
//! (`Config::format_type` in the generator).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};

use crate::ValueError;

/// A `format` of a contract set's own: the check a string must pass. Implement it on a
/// marker type and map the format to it with `Config::format_type("sku", "crate::Sku")`;
/// values of that format are then [`Formatted<Sku>`](Formatted), which exist only when
/// the check passed.
///
/// ```
/// enum Sku {}
/// impl events_runtime::CustomFormat for Sku {
///     const NAME: &'static str = "sku";
///     fn check(text: &str) -> Result<(), String> {
///         let ok = text.len() == 8 && text.starts_with("SKU-") && text[4..].bytes().all(|b| b.is_ascii_digit());
///         if ok { Ok(()) } else { Err("expected SKU- and four digits".into()) }
///     }
/// }
/// assert!(events_runtime::Formatted::<Sku>::new("SKU-0042").is_ok());
/// assert!(events_runtime::Formatted::<Sku>::new("sku-42").is_err());
/// ```
pub trait CustomFormat {
    /// The format's name, as the contracts write it.
    const NAME: &'static str;
    /// `Ok` when `text` is in the format, else why not (shown in errors).
    fn check(text: &str) -> Result<(), String>;
}

/// A string that passed the check of the custom format `F`. It keeps the text as written
/// and compares, hashes and encodes as that text.
pub struct Formatted<F: ?Sized> {
    text: String,
    format: PhantomData<fn() -> F>,
}

impl<F: CustomFormat + ?Sized> Formatted<F> {
    /// Checks `text` against `F`.
    pub fn new(text: impl Into<String>) -> Result<Self, ValueError> {
        let text = text.into();
        match F::check(&text) {
            Ok(()) => Ok(Self { text, format: PhantomData }),
            Err(reason) => Err(ValueError::CustomFormat { format: F::NAME, value: text, reason }),
        }
    }
}

impl<F: ?Sized> Formatted<F> {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.text
    }
}

impl<F: ?Sized> Clone for Formatted<F> {
    fn clone(&self) -> Self {
        Self { text: self.text.clone(), format: PhantomData }
    }
}

impl<F: ?Sized> PartialEq for Formatted<F> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<F: ?Sized> Eq for Formatted<F> {}

impl<F: ?Sized> std::hash::Hash for Formatted<F> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl<F: ?Sized> PartialOrd for Formatted<F> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<F: ?Sized> Ord for Formatted<F> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl<F: ?Sized> fmt::Debug for Formatted<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&crate::error::quoted(&self.text), f)
    }
}

impl<F: ?Sized> fmt::Display for Formatted<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<F: ?Sized> std::ops::Deref for Formatted<F> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl<F: ?Sized> AsRef<str> for Formatted<F> {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl<F: CustomFormat + ?Sized> std::str::FromStr for Formatted<F> {
    type Err = ValueError;
    fn from_str(text: &str) -> Result<Self, ValueError> {
        Self::new(text)
    }
}

impl<F: CustomFormat + ?Sized> TryFrom<String> for Formatted<F> {
    type Error = ValueError;
    fn try_from(text: String) -> Result<Self, ValueError> {
        Self::new(text)
    }
}

impl<F: CustomFormat + ?Sized> TryFrom<&str> for Formatted<F> {
    type Error = ValueError;
    fn try_from(text: &str) -> Result<Self, ValueError> {
        Self::new(text)
    }
}

impl<F: ?Sized> Serialize for Formatted<F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl<'de, F: CustomFormat + ?Sized> Deserialize<'de> for Formatted<F> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        crate::decode::str_with(d, |text| Self::new(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::{CustomFormat, Formatted};

    enum Upper {}
    impl CustomFormat for Upper {
        const NAME: &'static str = "upper";
        fn check(text: &str) -> Result<(), String> {
            if !text.is_empty() && text.chars().all(|c| c.is_ascii_uppercase()) {
                Ok(())
            } else {
                Err("expected ASCII capitals".into())
            }
        }
    }

    #[test]
    fn only_text_that_passes_the_check_exists() {
        let ok: Formatted<Upper> = serde_json::from_str("\"ABC\"").unwrap();
        assert_eq!(ok.as_str(), "ABC");
        assert_eq!(serde_json::to_string(&ok).unwrap(), "\"ABC\"");
        let error = serde_json::from_str::<Formatted<Upper>>("\"abc\"").unwrap_err().to_string();
        assert!(error.contains("\"abc\" is not a valid upper: expected ASCII capitals"), "{error}");
        assert!(serde_json::from_str::<Formatted<Upper>>("3").is_err());
        assert!(Formatted::<Upper>::new("").is_err());
    }

    #[test]
    fn a_formatted_value_is_its_text_in_every_view() {
        let a = Formatted::<Upper>::new("ABC").unwrap();
        let b: Formatted<Upper> = "ABD".parse().unwrap();
        assert_eq!(a.to_string(), "ABC");
        assert_eq!(format!("{a:?}"), "\"ABC\"");
        assert_eq!(&*a, "ABC");
        assert_eq!(a.len(), 3, "str methods through Deref");
        assert_eq!(AsRef::<str>::as_ref(&a), "ABC");
        assert_eq!(a.clone().into_string(), "ABC");
        assert_eq!(a, Formatted::try_from("ABC").unwrap());
        assert_ne!(a, b);
        assert!(a < b, "ordered as the text: ABC < ABD");
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Less);
        assert_eq!(a.partial_cmp(&a.clone()), Some(std::cmp::Ordering::Equal));
        let set: std::collections::HashSet<Formatted<Upper>> = [a.clone(), Formatted::try_from("ABC".to_owned()).unwrap(), b].into_iter().collect();
        assert_eq!(set.len(), 2, "equal texts hash alike");
        // "compares, hashes and encodes as that text": the hash of the text itself.
        let hash = |h: &dyn Fn(&mut std::hash::DefaultHasher)| {
            let mut hasher = std::hash::DefaultHasher::new();
            h(&mut hasher);
            std::hash::Hasher::finish(&hasher)
        };
        assert_eq!(hash(&|h| std::hash::Hash::hash(&a, h)), hash(&|h| std::hash::Hash::hash("ABC", h)));
        assert!("abc".parse::<Formatted<Upper>>().is_err());
        assert!(Formatted::<Upper>::try_from("abc".to_owned()).is_err());
        assert!(Formatted::<Upper>::try_from("abc").is_err());
    }
}
