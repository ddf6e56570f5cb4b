//! A generated struct's members as a tuple, decoded and encoded by generic code written
//! once here.
//!
//! A struct's `FromObject` is one call to [`decode_members`], naming the tuple of its
//! members' slots (`(Req<_>, Opt<_>, …)`); its `Serialize` is one call to
//! [`serialize_members`] with the tuple of its members (`(req(&self.a), opt(&self.b), …)`).
//! The loop over the object, the match from member to slot and the presence checks are
//! type- and borrow-checked once, in this module, instead of once per generated struct:
//! that is most of what a struct's codec costs the compiler.
//!
//! Tuples have at most [`MAX_TUPLE`] elements. A struct with more members groups them into
//! tuples of tuples ([`Chunks`]), as deep as it needs: the generator decides the grouping.
//!
//! What is instantiated once per struct (the loop, the tuple impls) is
//! `#[inline(always)]`, and so compiled into the caller's codegen unit, next to the
//! struct's own code. Generic code of an upstream crate is otherwise compiled in one unit
//! named after its module, here `members`: every struct's decoder in one LLVM module, which
//! on a set of wide structs (the GitHub webhook schemas) raised the build's peak memory by
//! 15% (issue #12). What several structs share (a member of a given type) stays `#[inline]`.

use serde::de::MapAccess;
use serde::ser::SerializeMap;

/// The most elements of one tuple of slots or entries (and of one [`Chunks`] tuple).
pub const MAX_TUPLE: usize = 16;

// The derive of generated structs groups their members in runs of at most this many.
const _: () = assert!(events_derive::members_per_run!() == MAX_TUPLE, "events-derive groups members in runs the member tuples do not hold");

/// The slot of one member while its object is decoded.
pub trait Slot<'de>: Sized {
    /// The field's value once the object is read.
    type Out;
    /// The slot before the member is read.
    const EMPTY: Self;
    /// Whether the member is required and was absent.
    fn missing(&self) -> bool;
    /// Decodes the member's value into the slot; a second occurrence is serde's
    /// `duplicate field` error.
    fn fill<A: MapAccess<'de>>(&mut self, map: &mut A, name: &'static str) -> Result<(), A::Error>;
    /// The field's value, once [`Slot::missing`] said it is not missing.
    fn take(self) -> Self::Out;
}

/// The slot of a required member: absent at the end of the object is an error.
pub struct Req<T>(Option<T>);

/// The slot of an optional member: `None` when absent.
pub struct Opt<T>(Option<T>);

impl<'de, T: serde::Deserialize<'de>> Slot<'de> for Req<T> {
    type Out = T;
    const EMPTY: Self = Req(None);
    #[inline]
    fn missing(&self) -> bool {
        self.0.is_none()
    }
    #[inline]
    fn fill<A: MapAccess<'de>>(&mut self, map: &mut A, name: &'static str) -> Result<(), A::Error> {
        crate::decode::field(map, &mut self.0, name)
    }
    #[inline]
    fn take(self) -> T {
        match self.0 {
            Some(value) => value,
            // `Slots::take` asks `missing` of every slot before it takes any.
            None => unreachable!("a required member's slot taken while empty"),
        }
    }
}

impl<'de, T: serde::Deserialize<'de>> Slot<'de> for Opt<T> {
    type Out = Option<T>;
    const EMPTY: Self = Opt(None);
    #[inline]
    fn missing(&self) -> bool {
        false
    }
    #[inline]
    fn fill<A: MapAccess<'de>>(&mut self, map: &mut A, name: &'static str) -> Result<(), A::Error> {
        crate::decode::field(map, &mut self.0, name)
    }
    #[inline]
    fn take(self) -> Option<T> {
        self.0
    }
}

/// The slots of a run of members, in declaration order: a tuple of [`Slot`]s, or
/// [`Chunks`] of such tuples.
pub trait Slots<'de>: Sized {
    /// How many members.
    const LEN: usize;
    /// The members' values: a tuple shaped as the slots are.
    type Out;
    /// Every slot empty.
    const EMPTY: Self;
    /// Decodes the value of member `index` into its slot; `names` are the run's member
    /// names, from its first.
    fn fill<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A, names: &'static [&'static str]) -> Result<(), A::Error>;
    /// The values, or the index of the first required member that was absent.
    fn take(self) -> Result<Self::Out, usize>;
}

impl<'de> Slots<'de> for () {
    const LEN: usize = 0;
    type Out = ();
    const EMPTY: Self = ();
    #[inline(always)]
    fn fill<A: MapAccess<'de>>(&mut self, _: usize, _: &mut A, _: &'static [&'static str]) -> Result<(), A::Error> {
        Ok(())
    }
    #[inline(always)]
    fn take(self) -> Result<(), usize> {
        Ok(())
    }
}

/// Runs of members grouped in a tuple, for a struct with more than [`MAX_TUPLE`] members.
pub struct Chunks<T>(T);

/// Implements [`Slots`] for a tuple of slots and for [`Chunks`] of a tuple of runs, and
/// [`Entries`] for a tuple of entries and for [`Chunks`] of a tuple of runs.
macro_rules! tuple_impls {
    ($($t:ident $index:tt),+) => {
        impl<'de, $($t: Slot<'de>),+> Slots<'de> for ($($t,)+) {
            const LEN: usize = [$($index),+].len();
            type Out = ($($t::Out,)+);
            const EMPTY: Self = ($($t::EMPTY,)+);
            #[inline(always)]
            fn fill<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A, names: &'static [&'static str]) -> Result<(), A::Error> {
                match index {
                    $($index => self.$index.fill(map, names[$index]),)+
                    _ => Ok(()),
                }
            }
            #[inline(always)]
            fn take(self) -> Result<Self::Out, usize> {
                // Every slot asked before any is taken: a required member found missing
                // returns with nothing taken yet, so with nothing to drop but the tuple.
                $(if self.$index.missing() {
                    return Err($index);
                })+
                Ok(($(self.$index.take(),)+))
            }
        }

        impl<'de, $($t: Slots<'de>),+> Slots<'de> for Chunks<($($t,)+)> {
            const LEN: usize = 0 $(+ $t::LEN)+;
            type Out = ($($t::Out,)+);
            const EMPTY: Self = Chunks(($($t::EMPTY,)+));
            #[inline(always)]
            #[allow(unused_assignments)]
            fn fill<A: MapAccess<'de>>(&mut self, mut index: usize, map: &mut A, mut names: &'static [&'static str]) -> Result<(), A::Error> {
                $(
                    if index < $t::LEN {
                        return self.0.$index.fill(index, map, names);
                    }
                    index -= $t::LEN;
                    names = names.get($t::LEN..).unwrap_or_default();
                )+
                Ok(())
            }
            #[inline(always)]
            #[allow(unused_assignments)]
            fn take(self) -> Result<Self::Out, usize> {
                let mut start = 0;
                Ok(($({
                    let run = match self.0.$index.take() {
                        Ok(run) => run,
                        Err(index) => return Err(start + index),
                    };
                    start += $t::LEN;
                    run
                },)+))
            }
        }

        impl<$($t: Entry),+> Entries for ($($t,)+) {
            const LEN: usize = [$($index),+].len();
            #[inline(always)]
            #[allow(clippy::question_mark)] // `?` is two calls of the `Try` trait per member, in every struct's code
            fn write_all<M: SerializeMap>(&self, map: &mut M, names: &'static [&'static str]) -> Result<(), M::Error> {
                $(if let Err(error) = self.$index.write(map, names[$index]) {
                    return Err(error);
                })+
                Ok(())
            }
        }

        impl<$($t: Entries),+> Entries for Chunks<($($t,)+)> {
            const LEN: usize = 0 $(+ $t::LEN)+;
            #[inline(always)]
            #[allow(unused_assignments)]
            #[allow(clippy::question_mark)] // as above
            fn write_all<M: SerializeMap>(&self, map: &mut M, mut names: &'static [&'static str]) -> Result<(), M::Error> {
                $(
                    if let Err(error) = self.0.$index.write_all(map, names) {
                        return Err(error);
                    }
                    names = names.get($t::LEN..).unwrap_or_default();
                )+
                Ok(())
            }
        }
    };
}

tuple_impls!(T0 0);
tuple_impls!(T0 0, T1 1);
tuple_impls!(T0 0, T1 1, T2 2);
tuple_impls!(T0 0, T1 1, T2 2, T3 3);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11, T12 12);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11, T12 12, T13 13);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11, T12 12, T13 13, T14 14);
tuple_impls!(T0 0, T1 1, T2 2, T3 3, T4 4, T5 5, T6 6, T7 7, T8 8, T9 9, T10 10, T11 11, T12 12, T13 13, T14 14, T15 15);

/// Decodes a closed struct's members from an object: `S` is the tuple of its slots.
/// Members not named in `names` are skipped, or, with `deny_unknown`, are serde's
/// `unknown field` error; a required member absent at the end is `missing field`.
#[inline(always)]
pub fn decode_members<'de, A: MapAccess<'de>, S: Slots<'de>>(mut map: A, names: &'static [&'static str], deny_unknown: bool) -> Result<S::Out, A::Error> {
    let mut slots = S::EMPTY;
    let mut cursor = crate::decode::FieldCursor::new(names, deny_unknown);
    while let Some(index) = crate::decode::next_member(&mut map, &mut cursor)? {
        slots.fill(index, &mut map, names)?;
    }
    finish(slots, names)
}

/// [`decode_members`] for a struct that keeps its other members: those are decoded as `V`
/// into `rest`, in order.
#[inline(always)]
pub fn decode_members_and_rest<'de, A: MapAccess<'de>, S: Slots<'de>, V: serde::Deserialize<'de>>(
    mut map: A,
    names: &'static [&'static str],
    rest: &mut crate::Map<V>,
) -> Result<S::Out, A::Error> {
    let mut slots = S::EMPTY;
    while let Some(index) = crate::decode::next_field_or_rest(&mut map, names, rest)? {
        slots.fill(index, &mut map, names)?;
    }
    finish(slots, names)
}

/// The decoded values, or `missing field` for the first required member left empty.
#[inline(always)]
fn finish<'de, S: Slots<'de>, E: serde::de::Error>(slots: S, names: &'static [&'static str]) -> Result<S::Out, E> {
    slots.take().map_err(|index| E::missing_field(names.get(index).copied().unwrap_or_default()))
}

/// One member of a struct being encoded.
pub trait Entry {
    /// Writes the member into `map`, unless it is an absent optional one.
    fn write<M: SerializeMap>(&self, map: &mut M, name: &'static str) -> Result<(), M::Error>;
}

/// A required member being encoded: always written.
pub struct ReqEntry<'a, T>(&'a T);

/// An optional member being encoded: written when present.
pub struct OptEntry<'a, T>(Option<&'a T>);

impl<T: serde::Serialize> Entry for ReqEntry<'_, T> {
    #[inline]
    fn write<M: SerializeMap>(&self, map: &mut M, name: &'static str) -> Result<(), M::Error> {
        map.serialize_entry(name, self.0)
    }
}

impl<T: serde::Serialize> Entry for OptEntry<'_, T> {
    #[inline]
    fn write<M: SerializeMap>(&self, map: &mut M, name: &'static str) -> Result<(), M::Error> {
        match self.0 {
            Some(value) => map.serialize_entry(name, value),
            None => Ok(()),
        }
    }
}

/// A required member, to encode.
#[inline]
pub fn req<T>(value: &T) -> ReqEntry<'_, T> {
    ReqEntry(value)
}

/// An optional member, to encode.
#[inline]
pub fn opt<T>(value: &Option<T>) -> OptEntry<'_, T> {
    OptEntry(value.as_ref())
}

/// The members of a struct being encoded: a tuple of [`Entry`]s, or [`Chunks`] of them.
pub trait Entries {
    /// How many members.
    const LEN: usize;
    /// Writes every member present, in order; `names` are the run's member names.
    fn write_all<M: SerializeMap>(&self, map: &mut M, names: &'static [&'static str]) -> Result<(), M::Error>;
}

impl Entries for () {
    const LEN: usize = 0;
    #[inline(always)]
    fn write_all<M: SerializeMap>(&self, _: &mut M, _: &'static [&'static str]) -> Result<(), M::Error> {
        Ok(())
    }
}

/// Groups runs of entries (or of slots) in a tuple: see [`Chunks`].
#[inline(always)]
pub fn chunks<T>(runs: T) -> Chunks<T> {
    Chunks(runs)
}

/// Encodes a closed struct as one map: its members in order.
#[inline(always)]
pub fn serialize_members<S: serde::Serializer, E: Entries>(s: S, entries: E, names: &'static [&'static str]) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    entries.write_all(&mut map, names)?;
    map.end()
}

/// Encodes an open struct as one map: its members in order, then the other members it
/// kept (`rest`).
#[inline(always)]
pub fn serialize_members_and_rest<S: serde::Serializer, E: Entries, V: serde::Serialize>(
    s: S,
    entries: E,
    names: &'static [&'static str],
    rest: &crate::Map<V>,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    entries.write_all(&mut map, names)?;
    for (key, value) in rest.iter() {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

/// Implements `FromObject`, `Deserialize` (from a JSON object only) and `Serialize` for a
/// generated struct through this module:
/// `object_codec!(Name, deny_unknown, [field "json", …], [field req|opt, …])`, fields in
/// declaration order. The second list is the members as the tuples of `members` hold them:
/// flat for up to [`MAX_TUPLE`] members, else nested runs
/// (`[[a req, b opt, …], [q req, …]]`), as the generator groups them. With `rest <field>`
/// in place of `deny_unknown`, the other members are kept in that field (a [`crate::Map`]),
/// in order, and encoded after the fields. Decoding raises serde's derive's errors at the
/// same points (`unknown field`, `duplicate field`, `missing field`); encoding writes an
/// `opt` field only when `Some`.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_codec {
    ($name:ident, $deny:literal, [$($field:ident $json:literal),* $(,)?], $runs:tt) => {
        impl<'de> $crate::__private::FromObject<'de> for $name {
            fn from_object<A: $crate::__private::serde::de::MapAccess<'de>>(map: A) -> ::core::result::Result<Self, A::Error> {
                const FIELDS: &[&str] = &[$($json),*];
                match $crate::__private::decode_members::<A, $crate::__object_codec!(@slots $runs)>(map, FIELDS, $deny) {
                    ::core::result::Result::Ok($crate::__object_codec!(@pattern $runs)) => ::core::result::Result::Ok(Self { $($field,)* }),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                }
            }
        }
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serialize_members(s, $crate::__object_codec!(@entries self $runs), &[$($json),*])
            }
        }
        $crate::__object_codec!(@deserialize $name);
    };
    ($name:ident, rest $rest:ident, [$($field:ident $json:literal),* $(,)?], $runs:tt) => {
        impl<'de> $crate::__private::FromObject<'de> for $name {
            fn from_object<A: $crate::__private::serde::de::MapAccess<'de>>(map: A) -> ::core::result::Result<Self, A::Error> {
                const FIELDS: &[&str] = &[$($json),*];
                let mut $rest = $crate::Map::new();
                match $crate::__private::decode_members_and_rest::<A, $crate::__object_codec!(@slots $runs), _>(map, FIELDS, &mut $rest) {
                    ::core::result::Result::Ok($crate::__object_codec!(@pattern $runs)) => ::core::result::Result::Ok(Self { $($field,)* $rest }),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                }
            }
        }
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::serialize_members_and_rest(s, $crate::__object_codec!(@entries self $runs), &[$($json),*], &self.$rest)
            }
        }
        $crate::__object_codec!(@deserialize $name);
    };
    (@deserialize $name:ident) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_object(d)
            }
        }
    };
    // The tuple type of a run's slots, its pattern and its entries; a run of runs is `Chunks`.
    (@slots [$($field:ident $presence:ident),* $(,)?]) => { ($($crate::__object_codec!(@slot $presence),)*) };
    (@slots [$([$($run:tt)*]),+ $(,)?]) => { $crate::__private::Chunks<($($crate::__object_codec!(@slots [$($run)*]),)+)> };
    (@slot req) => { $crate::__private::Req<_> };
    (@slot opt) => { $crate::__private::Opt<_> };
    (@pattern [$($field:ident $presence:ident),* $(,)?]) => { ($($field,)*) };
    (@pattern [$([$($run:tt)*]),+ $(,)?]) => { ($($crate::__object_codec!(@pattern [$($run)*]),)+) };
    (@entries $self:ident [$($field:ident $presence:ident),* $(,)?]) => { ($($crate::__private::$presence(&$self.$field),)*) };
    (@entries $self:ident [$([$($run:tt)*]),+ $(,)?]) => { $crate::__private::chunks(($($crate::__object_codec!(@entries $self [$($run)*]),)+)) };
}

#[cfg(test)]
mod tests {
    /// One struct's members, decoded and encoded through `object_codec!` with the members
    /// grouped flat, in runs, and in runs of runs: every grouping must behave the same.
    macro_rules! three {
        ($name:ident, $names:tt, $runs:tt) => {
            #[derive(Debug, PartialEq)]
            struct $name {
                a: u32,
                b: Option<Option<u32>>,
                c: String,
            }
            crate::__object_codec!($name, true, $names, $runs);
        };
    }

    three!(Flat, [a "a", b "b", c "c"], [a req, b opt, c req]);
    three!(Runs, [a "a", b "b", c "c"], [[a req, b opt], [c req]]);
    three!(Deep, [a "a", b "b", c "c"], [[[a req], [b opt]], [[c req]]]);

    /// An open struct: its other members kept, in runs.
    #[derive(Debug, PartialEq)]
    struct Open {
        a: u32,
        b: Option<u32>,
        c: Option<u32>,
        rest: crate::Map<String>,
    }
    crate::__object_codec!(Open, rest rest, [a "a", b "b", c "c"], [[a req], [b opt, c opt]]);

    fn decode<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    fn encode<T: serde::Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap_or_default()
    }

    /// Each case decodes alike in every grouping; values land in their own fields, and a
    /// decoded value encodes back to its members in declaration order.
    /// A decoded value as `(a, b, c)`, or the start of the error's text.
    type Outcome = Result<(u32, Option<Option<u32>>, &'static str), &'static str>;

    #[test]
    fn every_grouping_decodes_and_encodes_alike() {
        let cases: &[(&str, Outcome)] = &[
            (r#"{"a":1,"b":2,"c":"x"}"#, Ok((1, Some(Some(2)), "x"))),
            (r#"{"c":"x","b":null,"a":1}"#, Ok((1, Some(None), "x"))),
            (r#"{"c":"x","a":7}"#, Ok((7, None, "x"))),
            (r#"{"a":1,"b":2}"#, Err("missing field `c`")),
            (r#"{"b":2,"c":"x"}"#, Err("missing field `a`")),
            (r#"{"b":2}"#, Err("missing field `a`")),
            (r#"{"a":1,"c":"x","c":"y"}"#, Err("duplicate field `c`")),
            (r#"{"a":1,"c":"x","d":0}"#, Err("unknown field `d`, expected one of `a`, `b`, `c`")),
            (r#"{"a":1,"c":2}"#, Err("invalid type: integer `2`, expected a string")),
            (r#"{"a":1,"b":"2","c":"x"}"#, Err("invalid type: string \"2\", expected u32")),
        ];
        for (json, expected) in cases {
            let got =
                [decode::<Flat>(json).map(|v| (v.a, v.b, v.c)), decode::<Runs>(json).map(|v| (v.a, v.b, v.c)), decode::<Deep>(json).map(|v| (v.a, v.b, v.c))];
            for got in got {
                match (&got, expected) {
                    (Ok((a, b, c)), Ok((ea, eb, ec))) => assert_eq!((a, b, c.as_str()), (ea, eb, *ec), "{json}"),
                    (Err(e), Err(prefix)) => assert!(e.starts_with(prefix), "{json}: {e}"),
                    _ => panic!("{json}: {got:?}, expected {expected:?}"),
                }
            }
        }
        let value = Deep { a: 1, b: Some(None), c: "x".to_owned() };
        assert_eq!(encode(&value), r#"{"a":1,"b":null,"c":"x"}"#);
        assert_eq!(encode(&Runs { a: 1, b: None, c: "x".to_owned() }), r#"{"a":1,"c":"x"}"#);
        assert_eq!(encode(&Flat { a: 2, b: Some(Some(3)), c: "y".to_owned() }), r#"{"a":2,"b":3,"c":"y"}"#);
        assert_eq!(decode::<Deep>(&encode(&value)), Ok(value));
    }

    /// The other members of an open struct are kept in order after its fields, whatever the
    /// runs; they are refused when they do not decode, or when repeated.
    #[test]
    fn an_open_struct_keeps_its_other_members() {
        let open: Open = decode(r#"{"z":"1","c":3,"a":1,"y":"2"}"#).unwrap();
        assert_eq!((open.a, open.b, open.c), (1, None, Some(3)));
        assert_eq!(open.rest.iter().collect::<Vec<_>>(), [("z", &"1".to_owned()), ("y", &"2".to_owned())]);
        assert_eq!(encode(&open), r#"{"a":1,"c":3,"z":"1","y":"2"}"#);
        assert!(decode::<Open>(r#"{"c":3}"#).unwrap_err().starts_with("missing field `a`"));
        assert!(decode::<Open>(r#"{"a":1,"z":3}"#).unwrap_err().contains("invalid type: integer `3`"));
        assert!(decode::<Open>(r#"{"a":1,"z":"1","z":"2"}"#).unwrap_err().starts_with("duplicate field `z`"));
        assert!(decode::<Open>(r#"{"a":1,"b":1,"b":2}"#).unwrap_err().starts_with("duplicate field `b`"));
    }

    /// A struct with no members decodes from an empty object only, and encodes as one.
    #[test]
    fn a_struct_without_members() {
        #[derive(Debug, PartialEq)]
        struct Empty {}
        crate::__object_codec!(Empty, true, [], []);
        assert_eq!(decode::<Empty>("{}"), Ok(Empty {}));
        assert!(decode::<Empty>(r#"{"a":1}"#).unwrap_err().starts_with("unknown field `a`, there are no fields"));
        assert_eq!(encode(&Empty {}), "{}");
    }

    /// A run's length is the sum of its members, at every depth.
    #[test]
    fn run_lengths_add_up() {
        use super::{Chunks, Opt, Req, Slots};
        type Run = (Req<u8>, Opt<u8>, Req<u8>);
        assert_eq!(<Run as Slots<'static>>::LEN, 3);
        assert_eq!(<Chunks<(Run, (Req<u8>,))> as Slots<'static>>::LEN, 4);
        assert_eq!(<Chunks<(Chunks<(Run, Run)>, (Opt<u8>,), ())> as Slots<'static>>::LEN, 7);
    }
}
