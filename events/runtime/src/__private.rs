//! Items the generated code uses. Not part of the public API; may change in any release.

pub use std::borrow::Cow;

pub use compact_str::CompactString;
pub use std::sync::LazyLock;

pub use regex::Regex;
pub use serde;
pub use serde_json;
pub use uuid::Uuid;

pub use crate::validated;

/// The id of a causing event as a value of the effect's id type (`try_caused_by`).
pub use crate::cause::convert_id;

#[cfg(feature = "schemars")]
pub use crate::schemars_support::{contract_schema, envelope_schema, one_of};
#[cfg(feature = "schemars")]
pub use crate::{__contract_json_schema as contract_json_schema, __envelope_json_schema as envelope_json_schema};
#[cfg(feature = "schemars")]
pub use schemars;

/// `deserialize_with` for a required field whose schema allows `null`: unlike serde's
/// default for `Option`, a missing field is an error, not `None`.
pub fn required_nullable<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d)
}

/// `deserialize_with` for an optional field whose schema forbids `null`: present means a
/// value (`null` is an error), absent is `None` (through `#[serde(default)]`).
pub fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    T::deserialize(d).map(Some)
}

/// `deserialize_with` for an optional field whose schema allows `null`: absent is `None`,
/// `null` is `Some(None)`, a value is `Some(Some(v))`.
pub fn present_nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}

/// Decodes JSON bytes. UTF-8 is validated once over the whole buffer and the text parsed
/// as `&str`, which spares serde_json a validation per string (a tenth of decode time on
/// the contract set's payloads); invalid UTF-8 falls back to the byte parser for its error.
pub fn from_json<'de, T: serde::Deserialize<'de>>(json: &'de [u8]) -> Result<T, serde_json::Error> {
    match std::str::from_utf8(json) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(json),
    }
}

/// Compiles a contract pattern; the generator has already checked that it compiles.
pub fn compile_pattern(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("pattern {pattern:?} was checked at generation time: {e}"))
}

pub use serde::de::value::MapAccessDeserializer;

/// A generated struct that decodes only from a JSON object (serde's derive would also
/// accept a JSON array of field values, which no contract allows).
pub trait FromObject<'de>: Sized {
    /// Decodes the struct from the entries of a JSON object.
    fn from_object<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` for a [`FromObject`] type: anything but an object is a type error.
pub fn deserialize_object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: FromObject<'de>,
{
    struct Visitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: FromObject<'de>> serde::de::Visitor<'de> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_object(map)
        }
    }
    d.deserialize_map(Visitor(std::marker::PhantomData))
}

/// Wraps a derived type so that it decodes only from a JSON object.
pub struct ObjectOnly<T>(pub T);

impl<'de, T: serde::Deserialize<'de>> FromObject<'de> for ObjectOnly<T> {
    fn from_object<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(ObjectOnly)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_object(d)
    }
}

/// The members of an object once its discriminator has been read: those met before it
/// (buffered as JSON values), then the rest of the object, read in place.
pub struct TaggedRest<'de, A> {
    buffered: std::vec::IntoIter<(String, serde_json::Value)>,
    pending: Option<serde_json::Value>,
    rest: A,
    _de: std::marker::PhantomData<&'de ()>,
}

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for TaggedRest<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.buffered.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                seed.deserialize(serde::de::IntoDeserializer::<A::Error>::into_deserializer(key)).map(Some)
            }
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(value).map_err(|e| crate::error::custom(&e)),
            None => self.rest.next_value_seed(seed),
        }
    }
}

/// Decodes an internally tagged union (a `oneOf` told apart by the string member `tag`):
/// reads members up to the tag, then `pick` decodes the branch the tag names from the
/// remaining members. When the tag comes first, as producers write it, nothing is
/// buffered (serde's own internally tagged decoding buffers the whole object).
pub fn decode_tagged<'de, A, T>(mut map: A, tag: &'static str, pick: impl FnOnce(&str, TaggedRest<'de, A>) -> Result<T, A::Error>) -> Result<T, A::Error>
where
    A: serde::de::MapAccess<'de>,
{
    let mut buffered = Vec::new();
    loop {
        let Some(Text(key)) = map.next_key::<Text<'de>>()? else {
            return Err(serde::de::Error::missing_field(tag));
        };
        if key == tag {
            let Text(value) = map.next_value()?;
            let rest = TaggedRest { buffered: buffered.into_iter(), pending: None, rest: map, _de: std::marker::PhantomData };
            return pick(&value, rest);
        }
        buffered.push((key.into_owned(), map.next_value::<serde_json::Value>()?));
    }
}

/// A string borrowed from the input where the reader can lend it (no escapes), else owned:
/// what serde's `Cow<str>` would be if it borrowed (it always copies into a `String`).
/// Accepts and refuses what `String` does, with the same errors.
struct Text<'de>(Cow<'de, str>);

/// A JSON string, borrowed from the input where the reader can lend it, else owned (see
/// [`Text`]): how a const type and a tolerant enum read their value, with no allocation for
/// a value without escapes. Accepts and refuses what `String` does, with the same errors.
#[inline]
pub fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Cow<'de, str>, D::Error> {
    <Text<'de> as serde::Deserialize<'de>>::deserialize(d).map(|Text(text)| text)
}

impl<'de> serde::Deserialize<'de> for Text<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(TextVisitor)
    }
}

/// The visitor of [`Text`].
struct TextVisitor;

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = Text<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // `String`'s own words, so that errors read as before.
        f.write_str("a string")
    }
    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(text)))
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(text.to_owned())))
    }
    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(text)))
    }
    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Text<'de>, E> {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.visit_str(text),
            Err(_) => Err(E::invalid_value(serde::de::Unexpected::Bytes(bytes), &self)),
        }
    }
    fn visit_byte_buf<E: serde::de::Error>(self, bytes: Vec<u8>) -> Result<Text<'de>, E> {
        match String::from_utf8(bytes) {
            Ok(text) => self.visit_string(text),
            Err(e) => Err(E::invalid_value(serde::de::Unexpected::Bytes(&e.into_bytes()), &self)),
        }
    }
}

/// One branch of an untagged union: decodes the value's JSON text as that branch.
pub type Branch<T> = dyn Fn(&str) -> Result<T, serde_json::Error>;

/// Decodes an untagged union: each branch tried on the value's JSON text (kept as written;
/// a repeated key is refused). With `exactly_one` (JSON Schema `oneOf`) a value two
/// branches accept is an error; otherwise the first branch that accepts it wins.
///
/// Unions that recurse into one value through two branches try branches exponentially
/// often in its depth. Once an outermost decode has made [`REMEMBER_AFTER_TRIES`] tries,
/// each branch's outcome on a value's text is remembered for the rest of it
/// ([`Outcomes`]), so every (union, branch, text) is decoded once: linear in the value's
/// size, as deep as it goes. The budget ([`BRANCH_TRIES_PER_BYTE`]) still bounds
/// what is left.
pub fn untagged<'de, D: serde::Deserializer<'de>, T: Clone + 'static>(d: D, exactly_one: bool, branches: &[&Branch<T>]) -> Result<T, D::Error> {
    let raw = crate::unknown::raw_unique(d)?;
    let _budget = Budget::enter(raw.get().len());
    match try_branches(raw.get(), exactly_one, branches) {
        Ok(value) => {
            // A branch that did not match may have recorded its refusal.
            crate::decode::forget_refused();
            Ok(value)
        }
        Err(error) => Err(crate::decode::refused(raw.get(), serde::de::Error::custom(error))),
    }
}

thread_local! {
    /// The branch tries of the outermost [`untagged`] decode under way on this thread.
    static TRIES: std::cell::Cell<Option<Tries>> = const { std::cell::Cell::new(None) };
    /// Branch outcomes remembered by the outermost [`untagged`] decode under way.
    static OUTCOMES: std::cell::RefCell<Outcomes> = std::cell::RefCell::new(Outcomes::default());
}

/// The branch tries of an outermost untagged decode: those left of its budget, those made.
#[derive(Clone, Copy)]
struct Tries {
    left: usize,
    made: usize,
}

/// Branch tries an outermost untagged decode makes before it remembers outcomes: more
/// than any value needs that does not go down exponentially many paths, so that decoding
/// such values costs no hashing or copying.
pub const REMEMBER_AFTER_TRIES: usize = 256;

/// What each branch of a union made of a value's text: the decoded value, or the branch's
/// error text. Keyed by the text, then by the union's type and the branch's position (the
/// outcome of decoding a text does not depend on where the text stands: errors' positions
/// are within it).
#[derive(Default)]
pub struct Outcomes(std::collections::HashMap<Box<str>, std::collections::HashMap<(std::any::TypeId, usize), Outcome>>);

/// A decoded value of the union's type, or the branch's error text.
type Outcome = Result<Box<dyn std::any::Any>, String>;

impl Outcomes {
    /// What branch `branch` of union `T` made of `json`, if remembered.
    fn recall<T: Clone + 'static>(branch: usize, json: &str) -> Option<Result<T, String>> {
        OUTCOMES.with(|o| {
            let outcomes = o.borrow();
            let outcome = outcomes.0.get(json)?.get(&(std::any::TypeId::of::<T>(), branch))?;
            Some(match outcome {
                Ok(value) => Ok(value.downcast_ref::<T>()?.clone()),
                Err(error) => Err(error.clone()),
            })
        })
    }

    /// Remembers what branch `branch` of union `T` made of `json`.
    fn remember<T: Clone + 'static>(branch: usize, json: &str, outcome: &Result<T, String>) {
        let kept: Outcome = match outcome {
            Ok(value) => Ok(Box::new(value.clone())),
            Err(error) => Err(error.clone()),
        };
        OUTCOMES.with(|o| o.borrow_mut().0.entry(Box::from(json)).or_default().insert((std::any::TypeId::of::<T>(), branch), kept));
    }
}

/// Branch tries an untagged decode may make per byte of its value's text (plus
/// [`MIN_BRANCH_TRIES`]). Each branch of a union is tried on the whole value, so unions that
/// recurse into the same value through two branches (`oneOf: [A, B]`, both holding the
/// union again) try branches exponentially often in the value's depth: a value a few
/// dozen levels deep would never finish decoding. A budget linear in the value's size
/// bounds that work, and is far more than any value needs that does not go down
/// exponentially many paths.
const BRANCH_TRIES_PER_BYTE: usize = 64;

/// The fewest branch tries an outermost untagged decode is allowed.
const MIN_BRANCH_TRIES: usize = 4096;

/// The branch-try budget of the outermost untagged decode on this thread: set when it
/// starts, gone when it ends (nested decodes draw on it).
struct Budget {
    outermost: bool,
}

impl Budget {
    fn enter(len: usize) -> Self {
        let outermost = TRIES.with(|t| t.get().is_none());
        if outermost {
            let left = len.saturating_mul(BRANCH_TRIES_PER_BYTE).saturating_add(MIN_BRANCH_TRIES);
            TRIES.with(|t| t.set(Some(Tries { left, made: 0 })));
        }
        Self { outermost }
    }

    /// Whether outcomes are remembered now: the outermost decode under way has made
    /// [`REMEMBER_AFTER_TRIES`] tries.
    fn remembering() -> bool {
        TRIES.with(|t| t.get().is_some_and(|tries| tries.made >= REMEMBER_AFTER_TRIES))
    }

    /// Takes one try; `false` when none is left.
    fn take() -> bool {
        TRIES.with(|t| match t.get() {
            Some(Tries { left: 0, .. }) => false,
            Some(Tries { left, made }) => {
                t.set(Some(Tries { left: left - 1, made: made + 1 }));
                true
            }
            None => true,
        })
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        if self.outermost {
            TRIES.with(|t| t.set(None));
            OUTCOMES.with(|o| o.borrow_mut().0.clear());
        }
    }
}

/// The branch that decodes `json`, per [`untagged`].
fn try_branches<T: Clone + 'static>(json: &str, exactly_one: bool, branches: &[&Branch<T>]) -> Result<T, String> {
    let mut found = None;
    let mut errors = Vec::new();
    for (i, branch) in branches.iter().enumerate() {
        let remembering = Budget::remembering();
        let outcome = match remembering.then(|| Outcomes::recall::<T>(i, json)).flatten() {
            Some(outcome) => outcome,
            None => {
                if !Budget::take() {
                    return Err(
                        "the value's unions recurse into it along too many paths to decide in time (branch tries are bounded by the value's size)".to_owned()
                    );
                }
                let outcome = branch(json).map_err(|e| format!("branch {i}: {}", crate::error::bounded(&e)));
                if remembering {
                    Outcomes::remember(i, json, &outcome);
                }
                outcome
            }
        };
        match outcome {
            Ok(v) if !exactly_one => return Ok(v),
            Ok(v) => {
                if found.is_some() {
                    return Err(format!("the value matches more than one branch of a oneOf (branch {i} too)"));
                }
                found = Some(v);
            }
            Err(e) => errors.push(e),
        }
    }
    found.ok_or_else(|| format!("the value matches no branch ({})", errors.join("; ")))
}

pub use crate::decode::{field, next_field_or_rest, next_member, refused_number, str_with, string_enum, FieldCursor};

/// [`from_json`] for generated dispatch: decodes the same way when `json` is UTF-8 (all
/// valid JSON is), but does not instantiate the typed decoder a second time for serde_json's
/// byte reader just to report bytes that are not UTF-8. Those are refused with the error of
/// parsing them into a `Value` (compiled once, here): the first syntax or UTF-8 error in the
/// text, where `from_json` could report a type error that comes before it.
pub fn from_json_text<'de, T: serde::Deserialize<'de>>(json: &'de [u8]) -> Result<T, serde_json::Error> {
    match std::str::from_utf8(json) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => Err(not_utf8(json)),
    }
}

/// Decodes the payload `raw` of `event_type` v`version`, a slice of `input` (or `input`
/// itself), whose JSON pointer in `input` is `at` (`"/payload"`; `""` for a bare payload).
/// A failure names the failing value's path and its line and column in the whole input.
#[inline]
pub fn decode_payload<'de, T: serde::Deserialize<'de>>(
    input: &[u8],
    raw: &'de [u8],
    at: &'static str,
    event_type: &'static str,
    version: u32,
) -> Result<T, crate::DecodeError> {
    crate::decode::forget_refused();
    from_json_text(raw).map_err(|source| payload_error(input, raw, at, event_type, version, source))
}

/// The error of a failed payload decode, located: the fast decode keeps no path, so the
/// failing value is found from the error's position in the payload text
/// ([`crate::pointer`]), without decoding anything twice.
#[cold]
#[inline(never)]
fn payload_error(input: &[u8], raw: &[u8], at: &'static str, event_type: &'static str, version: u32, source: serde_json::Error) -> crate::DecodeError {
    let path = crate::error::PayloadPath::new(at, raw, (source.line(), source.column()), crate::decode::take_refused());
    // The payload's own line and column, moved to where the payload starts in the input.
    let start = (raw.as_ptr() as usize).checked_sub(input.as_ptr() as usize).filter(|s| s + raw.len() <= input.len()).unwrap_or(0);
    let (line, column) = match line_column(input, start) {
        // No position (line 0): the payload's start.
        (line, column) if source.line() == 0 => (line, column),
        (_, _) if start == 0 => (source.line(), source.column()),
        // On the payload's first line, the columns before the payload come first.
        (line, column) if source.line() <= 1 => (line, column - 1 + source.column()),
        (line, _) => (line - 1 + source.line(), source.column()),
    };
    crate::DecodeError::Payload { event_type, version, path, line, column, source }
}

/// The 1-based line and column (in bytes) of byte `index` of `text`.
fn line_column(text: &[u8], index: usize) -> (usize, usize) {
    let before = &text[..index.min(text.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let column = before.len() - memchr::memrchr(b'\n', before).map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[cold]
#[inline(never)]
fn not_utf8(json: &[u8]) -> serde_json::Error {
    match serde_json::from_slice::<serde_json::Value>(json) {
        Err(e) => e,
        // Unreachable: serde_json validates every string it keeps, and bytes outside strings are ASCII.
        Ok(_) => <serde_json::Error as serde::de::Error>::custom("invalid UTF-8"),
    }
}

pub use crate::__object_codec as object_codec;
pub use crate::members::{
    chunks, decode_members, decode_members_and_rest, opt, req, serialize_members, serialize_members_and_rest, Chunks, Opt, Req, MAX_TUPLE,
};
/// The derive of every generated struct: its codec (through [`object_codec!`]), getters, setters,
/// constructor and owned parts, from the struct's `#[object(…)]` markers (`events-derive`).
pub use events_derive::Object;

/// Mints an envelope's event id whose type is not a prefixed id: the hyphenated text of
/// `uuid`, decoded as `T` so the envelope schema's rules for the id apply.
pub fn mint_text_id<T: serde::de::DeserializeOwned>(uuid: Uuid) -> Result<T, crate::IdError> {
    if !crate::id::is_uuid_v7(&uuid) {
        return Err(crate::IdError::WrongUuidVersion(uuid));
    }
    let text = uuid.hyphenated().to_string();
    serde_json::from_value(serde_json::Value::String(text.clone())).map_err(|_| crate::IdError::NotUuidV7 { got: text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> serde_json::Deserializer<serde_json::de::StrRead<'_>> {
        serde_json::Deserializer::from_str(text)
    }

    /// The three states of an optional nullable field, and a required nullable one.
    #[test]
    fn nullable_fields_keep_null_and_value_apart() {
        assert_eq!(present_nullable::<_, u32>(&mut json("null")).unwrap(), Some(None));
        assert_eq!(present_nullable::<_, u32>(&mut json("5")).unwrap(), Some(Some(5)));
        assert_eq!(required_nullable::<_, u32>(&mut json("null")).unwrap(), None);
        assert_eq!(required_nullable::<_, u32>(&mut json("5")).unwrap(), Some(5));
        assert!(present::<_, u32>(&mut json("null")).is_err());
        assert_eq!(present::<_, u32>(&mut json("5")).unwrap(), Some(5));
    }

    /// `oneOf` (exactly one branch) refuses a value two branches accept; `anyOf` takes the
    /// first branch that accepts it; both say why when none does.
    #[test]
    fn untagged_unions_take_exactly_one_or_the_first_branch() {
        let number: &Branch<String> = &|j| serde_json::from_str::<f64>(j).map(|n| format!("number {n}"));
        let small: &Branch<String> = &|j| serde_json::from_str::<u8>(j).map(|n| format!("small {n}"));
        let text: &Branch<String> = &|j| serde_json::from_str::<String>(j).map(|s| format!("text {s}"));
        let branches = [number, small, text];
        assert_eq!(try_branches("\"a\"", true, &branches).unwrap(), "text a");
        assert_eq!(try_branches("1000", true, &branches).unwrap(), "number 1000");
        let both = try_branches("7", true, &branches).unwrap_err();
        assert!(both.starts_with("the value matches more than one branch of a oneOf (branch 1 too)"), "{both}");
        assert_eq!(try_branches("7", false, &branches).unwrap(), "number 7");
        assert_eq!(try_branches("\"a\"", false, &branches).unwrap(), "text a");
        for exactly_one in [true, false] {
            let none = try_branches("true", exactly_one, &branches).unwrap_err();
            assert!(none.starts_with("the value matches no branch (branch 0: "), "{none}");
        }
    }

    /// `oneOf: [node, node]` of arrays of itself tries both branches at every level, and
    /// `oneOf: [list of itself, pair of itself and a number]` too (the pair decodes its first
    /// item before it finds the second missing): `[[[…]]]` 60 or 100 deep would take 2^60
    /// tries. Remembered outcomes decide both as the schema does, in time linear in the
    /// depth: the first is refused at every level (the innermost `[]` matches both branches,
    /// so no level above matches either), the second decodes.
    #[test]
    fn untagged_unions_that_recurse_along_many_paths_decide_in_linear_time() {
        #[derive(Debug, Clone)]
        struct Twice;
        impl<'de> serde::Deserialize<'de> for Twice {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let items: &Branch<Twice> = &|j| serde_json::from_str::<Vec<Twice>>(j).map(|_| Twice);
                untagged(d, true, &[items, items])
            }
        }
        #[derive(Debug, Clone, PartialEq)]
        enum Tree {
            List(Vec<Tree>),
            Pair(Box<Tree>, u8),
        }
        impl<'de> serde::Deserialize<'de> for Tree {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let list: &Branch<Tree> = &|j| serde_json::from_str::<Vec<Tree>>(j).map(Tree::List);
                let pair: &Branch<Tree> = &|j| serde_json::from_str::<(Tree, u8)>(j).map(|(t, n)| Tree::Pair(Box::new(t), n));
                untagged(d, true, &[list, pair])
            }
        }
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        // Without remembered outcomes these calls would not return: their returning is the
        // bound (no clock needed).
        let refused = serde_json::from_str::<Twice>(&deep(60)).unwrap_err().to_string();
        assert!(refused.contains("matches no branch"), "{refused}");
        assert!(serde_json::from_str::<Twice>(&deep(1)).unwrap_err().to_string().contains("more than one branch"));
        let tree = serde_json::from_str::<Tree>(&deep(100)).unwrap();
        let mut depth = 0;
        let mut node = &tree;
        while let Tree::List(items) = node {
            depth += 1;
            match items.first() {
                Some(child) => node = child,
                None => break,
            }
        }
        assert_eq!(depth, 100);
        let pair = format!("[{}, 7]", deep(40));
        assert!(matches!(serde_json::from_str::<Tree>(&pair).unwrap(), Tree::Pair(_, 7)));
        // Outcomes are the outermost decode's: the next decode starts afresh.
        assert_eq!(OUTCOMES.with(|o| o.borrow().0.len()), 0);
        assert!(serde_json::from_str::<Tree>("[[], [[]]]").is_ok());
    }

    /// The budget: `MIN_BRANCH_TRIES` plus `BRANCH_TRIES_PER_BYTE` a byte for the outermost
    /// decode, then no more; nested decodes draw on it, and it ends with the outermost.
    #[test]
    fn the_branch_budget_is_the_outermost_decodes() {
        {
            let _outer = Budget::enter(1);
            let _inner = Budget::enter(1_000_000);
            let allowed = (0..).take_while(|_| Budget::take()).count();
            assert_eq!(allowed, MIN_BRANCH_TRIES + BRANCH_TRIES_PER_BYTE);
            assert!(Budget::remembering());
        }
        assert!(TRIES.with(std::cell::Cell::get).is_none(), "the budget ends with the outermost decode");
        let _next = Budget::enter(0);
        assert!(!Budget::remembering());
        assert_eq!((0..).take_while(|_| Budget::take()).count(), MIN_BRANCH_TRIES);
    }

    /// A failure inside a payload is placed in the whole input: the payload's own line (as
    /// serde_json reports it on the payload alone) plus the lines before the payload, and on
    /// the payload's first line its column plus the bytes before it.
    #[test]
    fn payload_errors_are_located_in_the_whole_input() {
        type Amounts = std::collections::BTreeMap<String, u32>;
        let locate = |input: &str, payload: &str| {
            let start = input.find(payload).unwrap();
            let raw = &input.as_bytes()[start..start + payload.len()];
            let alone = serde_json::from_str::<Amounts>(payload).unwrap_err();
            match decode_payload::<Amounts>(input.as_bytes(), raw, "/payload", "t", 1).unwrap_err() {
                crate::DecodeError::Payload { path, line, column, .. } => (path, (alone.line(), alone.column()), (line, column)),
                other => panic!("{other:?}"),
            }
        };
        // The payload starts on the input's second line: its third line is the input's fourth.
        let input = "{\"type\": \"t\",\n \"payload\": {\n  \"a\": 1,\n  \"b\": \"x\"\n }\n}";
        let (path, (line, column), whole) = locate(input, "{\n  \"a\": 1,\n  \"b\": \"x\"\n }");
        assert_eq!(path, "/payload/b");
        assert_eq!(line, 3);
        assert_eq!(whole, (line + 1, column), "{input}");
        // On one line: 12 bytes before the payload.
        let input = "{\"payload\": {\"a\": 1, \"b\": -1}}";
        let (path, (line, column), whole) = locate(input, "{\"a\": 1, \"b\": -1}");
        assert_eq!(path, "/payload/b");
        assert_eq!(line, 1);
        assert_eq!(whole, (1, column + 12), "{input}");
    }

    /// An envelope id minted from a UUID: the hyphenated text of a version 7 UUID; any other
    /// version is refused before decoding. The UUIDs are RFC 9562's examples (A.6, v7; A.3, v4).
    #[test]
    fn text_ids_are_minted_from_version_7_uuids_only() {
        let v7 = Uuid::parse_str("017F22E2-79B0-7CC3-98C4-DC0C0C07398F").unwrap();
        assert_eq!(mint_text_id::<String>(v7).unwrap(), "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        let v4 = Uuid::parse_str("919108f7-52d1-4320-9bac-f847db4148a8").unwrap();
        assert!(matches!(mint_text_id::<String>(v4), Err(crate::IdError::WrongUuidVersion(u)) if u == v4));
        // The id type's own rules still apply: a type that refuses the text gives `NotUuidV7`.
        assert!(matches!(mint_text_id::<u32>(v7), Err(crate::IdError::NotUuidV7 { got }) if got == "017f22e2-79b0-7cc3-98c4-dc0c0c07398f"));
    }

    /// The tag's key and value reader (and [`text`]) takes and refuses what `String` (serde's
    /// `Cow<str>`) does, with the same errors, from JSON text, JSON values and bytes; it borrows the text
    /// when the reader lends it and copies it only when the reader cannot (escapes).
    #[test]
    fn tag_text_reads_as_string_does() {
        use serde::de::value::{BorrowedBytesDeserializer, BytesDeserializer, Error as PlainError};
        use serde::Deserialize;
        let both = |text: &str| {
            (
                Text::deserialize(&mut json(text)).map(|t| t.0.into_owned()).map_err(|e| e.to_string()),
                String::deserialize(&mut json(text)).map_err(|e| e.to_string()),
            )
        };
        for text in [r#""confirmed""#, r#""a\u0062c""#, r#""""#, "5", "-1.5", "null", "true", "[1]", "{}", r#""é""#] {
            let (ours, strings) = both(text);
            assert_eq!(ours, strings, "{text}");
        }
        assert!(matches!(Text::deserialize(&mut json(r#""plain""#)).unwrap().0, Cow::Borrowed("plain")));
        assert!(matches!(Text::deserialize(&mut json(r#""a\nb""#)).unwrap().0, Cow::Owned(text) if text == "a\nb"));
        // `text`, what const types and tolerant enums read their value with, is the same reader.
        assert!(matches!(text(&mut json(r#""plain""#)), Ok(Cow::Borrowed("plain"))));
        assert_eq!(text(&mut json("5")).map_err(|e| e.to_string()), Err(String::deserialize(&mut json("5")).unwrap_err().to_string()));
        for value in [serde_json::json!("kind"), serde_json::json!(7), serde_json::json!(null), serde_json::json!({"a": 1})] {
            let ours = Text::deserialize(value.clone()).map(|t| t.0.into_owned()).map_err(|e| e.to_string());
            assert_eq!(ours, String::deserialize(value.clone()).map_err(|e| e.to_string()), "{value}");
        }
        for bytes in [&b"payment"[..], b"\xff\xfe", b"caf\xc3\xa9", b"\xc3"] {
            let ours = Text::deserialize(BytesDeserializer::<PlainError>::new(bytes)).map(|t| t.0.into_owned());
            assert_eq!(ours, String::deserialize(BytesDeserializer::<PlainError>::new(bytes)), "{bytes:?}");
            let ours = Text::deserialize(BorrowedBytesDeserializer::<PlainError>::new(bytes)).map(|t| t.0.into_owned());
            assert_eq!(ours, String::deserialize(BorrowedBytesDeserializer::<PlainError>::new(bytes)), "{bytes:?}");
            // Owned bytes (no deserializer of serde's own hands them over): as borrowed ones.
            let ours = serde::de::Visitor::visit_byte_buf::<PlainError>(TextVisitor, bytes.to_vec()).map(|t| t.0.into_owned());
            assert_eq!(ours, String::deserialize(BytesDeserializer::<PlainError>::new(bytes)), "{bytes:?}");
        }
    }
}
