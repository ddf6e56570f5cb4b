//! Arrays with `minItems`, `maxItems` and `uniqueItems`.

use std::fmt;
use std::ops::Deref;

use crate::ValueError;

/// A `Vec<T>` whose length lies in `MIN..=MAX` and, when `UNIQUE`, holds no two equal items.
///
/// Equality is the items' `PartialEq`, which for generated types is JSON equality
/// (object key order does not matter, `1` equals `1.0`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Array<T, const MIN: usize = 0, const MAX: usize = { usize::MAX }, const UNIQUE: bool = false>(Vec<T>);

impl<T: PartialEq, const MIN: usize, const MAX: usize, const UNIQUE: bool> Array<T, MIN, MAX, UNIQUE> {
    /// Checks the length and, if required, uniqueness of `items`.
    pub fn new(items: Vec<T>) -> Result<Self, ValueError> {
        let len = items.len();
        if !(MIN..=MAX).contains(&len) {
            return Err(ValueError::Items { len, min: MIN, max: MAX });
        }
        if UNIQUE {
            for (i, item) in items.iter().enumerate() {
                if let Some(j) = items[..i].iter().position(|other| other == item) {
                    return Err(ValueError::Duplicate { first: j, second: i });
                }
            }
        }
        Ok(Self(items))
    }

    /// The items.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    /// The owned items.
    pub fn into_inner(self) -> Vec<T> {
        self.0
    }
}

impl<T: PartialEq, const MIN: usize, const MAX: usize, const UNIQUE: bool> TryFrom<Vec<T>> for Array<T, MIN, MAX, UNIQUE> {
    type Error = ValueError;
    fn try_from(items: Vec<T>) -> Result<Self, ValueError> {
        Self::new(items)
    }
}

impl<T, const MIN: usize, const MAX: usize, const UNIQUE: bool> Deref for Array<T, MIN, MAX, UNIQUE> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T: fmt::Debug, const MIN: usize, const MAX: usize, const UNIQUE: bool> fmt::Debug for Array<T, MIN, MAX, UNIQUE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: serde::Serialize, const MIN: usize, const MAX: usize, const UNIQUE: bool> serde::Serialize for Array<T, MIN, MAX, UNIQUE> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T, const MIN: usize, const MAX: usize, const UNIQUE: bool> serde::Deserialize<'de> for Array<T, MIN, MAX, UNIQUE>
where
    T: serde::Deserialize<'de> + PartialEq,
{
    /// Checks the items inside the reader's visitor, so a refused array is reported at the
    /// array's own position.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Items<T, const MIN: usize, const MAX: usize, const UNIQUE: bool>(std::marker::PhantomData<T>);
        impl<'de, T, const MIN: usize, const MAX: usize, const UNIQUE: bool> serde::de::Visitor<'de> for Items<T, MIN, MAX, UNIQUE>
        where
            T: serde::Deserialize<'de> + PartialEq,
        {
            type Value = Array<T, MIN, MAX, UNIQUE>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // Without a size hint (serde_json gives none), room for four items is made
                // once the first is read: an empty array allocates nothing, and a short one
                // allocates once, without the growth path of a push onto an empty Vec.
                let mut items = match seq.size_hint() {
                    Some(len) => Vec::with_capacity(len.min(4096)),
                    None => match seq.next_element()? {
                        Some(first) => {
                            let mut items = Vec::with_capacity(4);
                            items.push(first);
                            items
                        }
                        None => Vec::new(),
                    },
                };
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Array::new(items).map_err(|e| crate::error::custom(&e))
            }
        }
        d.deserialize_seq(Items::<T, MIN, MAX, UNIQUE>(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decoded with and without a size hint (serde_json gives none; serde's own sequence
    /// deserializer gives one), empty, short and long arrays keep every item in order, and
    /// the bounds are checked as `new` checks them.
    #[test]
    fn arrays_decode_whole_with_or_without_a_size_hint() {
        use serde::de::value::{Error as PlainError, SeqDeserializer};
        use serde::Deserialize;
        type Bounded = Array<u8, 0, 6, true>;
        for items in [vec![], vec![7], vec![1, 2, 3, 4], vec![1, 2, 3, 4, 5], vec![1, 2, 3, 4, 5, 6, 7], vec![1, 2, 1]] {
            let expected = Bounded::new(items.clone()).map_err(|e| e.to_string());
            let from_json = serde_json::from_str::<Bounded>(&serde_json::to_string(&items).unwrap()).map_err(|e| e.to_string());
            match (&from_json, &expected) {
                (Ok(decoded), Ok(built)) => assert_eq!(decoded, built, "{items:?}"),
                // serde_json adds the position of the array's end.
                (Err(decoded), Err(built)) => assert!(decoded.strip_prefix(built.as_str()).is_some_and(|at| at.starts_with(" at line 1 column ")), "{decoded}"),
                _ => panic!("{items:?}: {from_json:?} against {expected:?}"),
            }
            let hinted = Bounded::deserialize(SeqDeserializer::<_, PlainError>::new(items.iter().copied())).map_err(|e| e.to_string());
            assert_eq!(hinted, expected, "{items:?}");
        }
        assert!(serde_json::from_str::<Bounded>("[1, \"x\"]").unwrap_err().to_string().starts_with("invalid type: string \"x\""));
    }

    #[test]
    fn length_and_uniqueness() {
        assert!(Array::<u8, 1>::new(vec![]).is_err());
        assert!(Array::<u8, 0, 2>::new(vec![1, 2, 3]).is_err());
        assert!(matches!(Array::<u8, 0, 9, true>::new(vec![1, 2, 1]), Err(ValueError::Duplicate { first: 0, second: 2 })));
        assert!(Array::<u8, 0, 9, true>::new(vec![1, 2, 3]).is_ok());
    }
}
