//! Errors of the runtime: a value that breaks its contract, and an event that cannot be decoded.
//!
//! Every message has a bounded size whatever the input: an offending value is shown
//! through [`quoted`] or [`shown`] (at most [`QUOTE_LIMIT`] bytes of it, then its length),
//! and a decoder's message through [`bounded`].

use std::fmt::{self, Write as _};

/// The most bytes of an offending value that an error message shows.
pub const QUOTE_LIMIT: usize = 64;

/// The most bytes of a decoder's own message (serde_json's, which may quote input) that
/// [`DecodeError`] shows.
pub const MESSAGE_LIMIT: usize = 160;

/// An offending string as an error message shows it: quoted and escaped as `{:?}` does,
/// cut before the escaped text passes [`QUOTE_LIMIT`] bytes, then `…(N bytes)` with the
/// value's whole length. `"per_x"` stays `"per_x"`; a 10 MB value becomes
/// `"aaaa…aaaa"…(10000000 bytes)`.
pub fn quoted(value: &str) -> Quoted<'_> {
    Quoted(value)
}

/// An offending value shown as it is (a number's text), cut at [`QUOTE_LIMIT`] bytes like [`quoted`].
pub fn shown(value: &str) -> Shown<'_> {
    Shown(value)
}

/// How many bytes of a decode error's message [`custom`] writes on the stack.
const STACK_MESSAGE: usize = 512;

/// `E::custom(message)`, the same text built for less: `custom` formats its message into a
/// `String` that grows one reallocation at a time as the pieces come (five for a message of
/// 100 bytes). Here it is written once into a buffer on the stack, and handed over as a
/// `&str`, which `E::custom` copies in one allocation of the exact size. A longer message
/// than the buffer goes the usual way.
#[cold]
#[inline(never)]
pub(crate) fn custom<E: serde::de::Error>(message: &dyn fmt::Display) -> E {
    /// The first bytes written, whole `str`s only (so always UTF-8); full is an error.
    struct Stack {
        bytes: [u8; STACK_MESSAGE],
        len: usize,
    }
    impl fmt::Write for Stack {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let end = self.len + s.len();
            self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut stack = Stack { bytes: [0; STACK_MESSAGE], len: 0 };
    match fmt::write(&mut stack, format_args!("{message}")).ok().and_then(|()| std::str::from_utf8(&stack.bytes[..stack.len]).ok()) {
        Some(text) => E::custom(text),
        None => E::custom(message),
    }
}

/// The JSON pointer of the value a payload failed at: a `str` (through `Deref`, `Display`
/// and `==`), worked out from the payload's text when first read or shown. Finding it
/// means scanning the text up to the failure, about as dear as decoding that far again, so
/// a consumer that only counts or routes rejected payloads does not pay for it; the error
/// keeps a copy of the payload's text until then.
pub struct PayloadPath(Box<Located>);

/// What a [`PayloadPath`] is worked out from (boxed: errors stay small).
struct Located {
    /// The pointer of the payload in the input (`/payload`, or `""`).
    at: &'static str,
    /// The payload's text.
    text: Box<[u8]>,
    /// serde_json's line and column of the failure in `text` (1-based; 0 for none).
    place: (usize, usize),
    /// The text of a value refused after it was read whole (see `decode::refused`).
    refused: Option<String>,
    pointer: std::sync::OnceLock<String>,
}

impl PayloadPath {
    /// The pointer of the value at serde_json's `(line, column)` of the payload `text`,
    /// itself at `at`.
    pub(crate) fn new(at: &'static str, text: &[u8], place: (usize, usize), refused: Option<String>) -> Self {
        Self(Box::new(Located { at, text: text.into(), place, refused, pointer: std::sync::OnceLock::new() }))
    }

    /// The pointer.
    pub fn as_str(&self) -> &str {
        let located = &*self.0;
        located.pointer.get_or_init(|| {
            let target = crate::pointer::byte_at(&located.text, located.place.0, located.place.1);
            format!("{}{}", located.at, crate::pointer::pointer_at(&located.text, target, located.refused.as_deref()))
        })
    }
}

impl std::ops::Deref for PayloadPath {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for PayloadPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for PayloadPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&quoted(self.as_str()), f)
    }
}

impl PartialEq<str> for PayloadPath {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for PayloadPath {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for PayloadPath {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

/// See [`quoted`].
#[derive(Clone, Copy)]
pub struct Quoted<'a>(&'a str);

/// Whether [`Quoted`] writes a byte as itself: printable ASCII but `"` and `\\`, as
/// `str`'s Debug does (a single quote needs no escape inside double quotes).
fn written_as_is(byte: u8) -> bool {
    matches!(byte, b' '..=b'~') && byte != b'"' && byte != b'\\'
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The usual value: short, and every character written as itself.
        // Every byte tested, without stopping at the first that is not as is: the loop
        // then works on many bytes at a time.
        if self.0.len() <= QUOTE_LIMIT && self.0.bytes().fold(true, |all, byte| all & written_as_is(byte)) {
            f.write_char('"')?;
            f.write_str(self.0)?;
            return f.write_char('"');
        }
        f.write_char('"')?;
        let mut used = 0;
        // Characters written as themselves are written in runs, from `plain` on.
        let mut plain = 0;
        for (at, c) in self.0.char_indices() {
            let as_is = u8::try_from(c).is_ok_and(written_as_is);
            let len = if as_is { 1 } else { c.escape_debug().len() };
            if used + len > QUOTE_LIMIT {
                f.write_str(&self.0[plain..at])?;
                return write!(f, "\"…({} bytes)", self.0.len());
            }
            used += len;
            if !as_is {
                f.write_str(&self.0[plain..at])?;
                write!(f, "{}", c.escape_debug())?;
                plain = at + c.len_utf8();
            }
        }
        f.write_str(&self.0[plain..])?;
        f.write_char('"')
    }
}

impl fmt::Debug for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// See [`shown`].
#[derive(Clone, Copy)]
pub struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.len() <= QUOTE_LIMIT {
            return f.write_str(self.0);
        }
        let cut = (0..=QUOTE_LIMIT).rev().find(|&i| self.0.is_char_boundary(i)).unwrap_or(0);
        write!(f, "{}…({} bytes)", &self.0[..cut], self.0.len())
    }
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A serde_json error as [`DecodeError`] shows it: its message cut at [`MESSAGE_LIMIT`]
/// bytes (serde's own messages quote whole input strings, as in ``unknown variant `…` ``),
/// then `…(N bytes)` and the error's line and column.
pub fn bounded(error: &serde_json::Error) -> Bounded<'_> {
    Bounded(error)
}

/// [`bounded`] without serde_json's own ` at line L column C`: a payload error shows the
/// position in the whole input instead, and the payload-relative one would contradict it.
fn unplaced(error: &serde_json::Error) -> String {
    let text = bounded(error).to_string();
    let place = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&place) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

/// See [`bounded`].
#[derive(Clone, Copy)]
pub struct Bounded<'a>(&'a serde_json::Error);

impl fmt::Display for Bounded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// Keeps the first [`MESSAGE_LIMIT`] bytes written and counts the rest.
        struct Head {
            kept: String,
            total: usize,
        }
        impl fmt::Write for Head {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.total += s.len();
                let room = MESSAGE_LIMIT.saturating_sub(self.kept.len());
                if room > 0 {
                    let cut = (0..=room.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
                    self.kept.push_str(&s[..cut]);
                }
                Ok(())
            }
        }
        let mut head = Head { kept: String::new(), total: 0 };
        write!(head, "{}", self.0)?;
        if head.total <= MESSAGE_LIMIT {
            return f.write_str(&head.kept);
        }
        write!(f, "{}…({} bytes)", head.kept, head.total)?;
        if self.0.line() > 0 {
            write!(f, " at line {} column {}", self.0.line(), self.0.column())?;
        }
        Ok(())
    }
}

impl fmt::Debug for Bounded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A value rejected by a checked constructor or while decoding: it breaks one constraint.
///
/// `Display` and `Debug` both show at most 64 (`QUOTE_LIMIT`) bytes of a rejected value; the
/// fields hold it whole.
#[derive(Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// An integer outside its bounds or not a multiple of `multipleOf`.
    #[error("{value} is not an integer in {min}..={max}{}", if *multiple_of > 1 { format!(" that is a multiple of {multiple_of}") } else { String::new() })]
    IntOutOfRange {
        /// The rejected value.
        value: i64,
        /// Inclusive lower bound.
        min: i64,
        /// Inclusive upper bound.
        max: i64,
        /// Required divisor (1 when none).
        multiple_of: u64,
    },
    /// A string with too few or too many characters.
    #[error("string of {len} characters is outside the allowed length {min}..={max}")]
    Length {
        /// Length in Unicode code points.
        len: usize,
        /// `minLength`.
        min: usize,
        /// `maxLength`.
        max: usize,
    },
    /// A string that does not match the contract's `pattern`.
    #[error("{} does not match the pattern {pattern}", quoted(.value))]
    Pattern {
        /// The rejected value.
        value: String,
        /// The pattern, as written in the contract.
        pattern: &'static str,
    },
    /// A string that is not in the contract's `format`.
    #[error("{} is not a valid {format}", quoted(.value))]
    Format {
        /// The format name (`date-time`, `email`, ...).
        format: &'static str,
        /// The rejected value.
        value: String,
    },
    /// A string that fails the check of a format of the contract set's own
    /// ([`crate::CustomFormat`]).
    #[error("{} is not a valid {format}: {}", quoted(.value), shown(.reason))]
    CustomFormat {
        /// The format name.
        format: &'static str,
        /// The rejected value.
        value: String,
        /// Why, as the format's check says.
        reason: String,
    },
    /// An array with too few or too many items.
    #[error("array of {len} items is outside the allowed size {min}..={max}")]
    Items {
        /// Number of items.
        len: usize,
        /// `minItems`.
        min: usize,
        /// `maxItems`.
        max: usize,
    },
    /// Two equal items in an array that requires `uniqueItems`.
    #[error("items {first} and {second} are equal but the array requires unique items")]
    Duplicate {
        /// Index of the first occurrence.
        first: usize,
        /// Index of the repeat.
        second: usize,
    },
    /// A number that breaks one of its bounds (`minimum`, `multipleOf`, …).
    #[error("{} breaks `{keyword}` {}", shown(.value), shown(.limit))]
    Number {
        /// The rejected value, as printed.
        value: String,
        /// The broken keyword.
        keyword: &'static str,
        /// The keyword's value, as printed.
        limit: String,
    },
    /// A value that breaks a rule of its schema checked by the schema's validation program.
    #[error("{}{message}", if at.is_empty() { String::new() } else { format!("at {at}: ") })]
    Rules {
        /// JSON pointer of the failing value, relative to the checked value.
        at: String,
        /// What rule it breaks.
        message: String,
    },
    /// A valid value that this type cannot keep exactly: decoding refuses it rather than
    /// change it (a date-time with more fraction digits than a `Timestamp` holds).
    #[error("{} is a valid {format} but cannot be kept exactly: {reason}", quoted(.value))]
    Inexact {
        /// The format name.
        format: &'static str,
        /// The rejected value.
        value: String,
        /// What this type cannot keep.
        reason: &'static str,
    },
    /// A member set among a struct's other members under the name of one of its
    /// properties: encoding would write the name twice.
    #[error("{} is a named property, not one of the other members; set it with its own method", quoted(.name))]
    MemberIsProperty {
        /// The member name.
        name: String,
    },
    /// A value other than the one `const` allows.
    #[error("expected the constant {}, got {}", quoted(.expected), quoted(.got))]
    Const {
        /// The constant.
        expected: &'static str,
        /// The rejected value.
        got: String,
    },
}

/// Why an envelope or payload could not be decoded into its generated type.
///
/// `Display` and `Debug` both have a bounded size: at most 64 (`QUOTE_LIMIT`) bytes of a
/// value and 160 (`MESSAGE_LIMIT`) of a serde_json message.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The envelope itself is malformed or breaks its envelope schema.
    #[error("invalid envelope: {}", bounded(.0))]
    Envelope(#[source] serde_json::Error),
    /// No event type of that name is registered.
    #[error("unknown event type {}", quoted(.event_type))]
    UnknownEventType {
        /// The event type named by the envelope or caller.
        event_type: String,
    },
    /// The event type is registered but not at that schema version.
    #[error("event type {} has no schema version {version} (registered: {known:?})", quoted(.event_type))]
    UnknownVersion {
        /// The event type.
        event_type: String,
        /// The version asked for.
        version: u64,
        /// The registered versions.
        known: &'static [u32],
    },
    /// The envelope names a producer other than the registered one.
    #[error("event type {} is produced by {expected}, but the envelope says {}", quoted(.event_type), quoted(.got))]
    WrongProducer {
        /// The event type.
        event_type: String,
        /// The registered producer.
        expected: &'static str,
        /// The producer in the envelope.
        got: String,
    },
    /// The payload breaks its schema.
    #[error("payload of {event_type} v{version} breaks its schema at {} (line {line}, column {column}): {}", if path.is_empty() { String::from("its root") } else { shown(path).to_string() }, unplaced(.source))]
    Payload {
        /// The event type.
        event_type: &'static str,
        /// The schema version.
        version: u32,
        /// JSON pointer of the failing value in the input (`/payload/amount_cents`; `""`
        /// for the root of a bare payload), found when first read or shown.
        path: PayloadPath,
        /// 1-based line of the failure in the whole input (not the payload alone).
        line: usize,
        /// 1-based column (in bytes) of the failure in the whole input.
        column: usize,
        /// What is wrong (its own line and column are relative to the payload's text).
        #[source]
        source: serde_json::Error,
    },
    /// The event is registered, but its version was not compiled into these bindings
    /// (its contract directory's cargo feature is off): a consumer built for some domains
    /// can skip it, knowing it is not malformed.
    #[error("{} v{version} is registered but not compiled in: enable the cargo feature {feature:?}", quoted(.event_type))]
    NotCompiledIn {
        /// The event type.
        event_type: String,
        /// The schema version.
        version: u64,
        /// The cargo feature that compiles it.
        feature: &'static str,
    },
}

/// As derived, with every value from the input shown through `quoted` or `shown`: an
/// `unwrap()` on hostile input must not print megabytes.
impl fmt::Debug for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IntOutOfRange { value, min, max, multiple_of } => {
                f.debug_struct("IntOutOfRange").field("value", value).field("min", min).field("max", max).field("multiple_of", multiple_of).finish()
            }
            Self::Length { len, min, max } => f.debug_struct("Length").field("len", len).field("min", min).field("max", max).finish(),
            Self::Pattern { value, pattern } => f.debug_struct("Pattern").field("value", &quoted(value)).field("pattern", pattern).finish(),
            Self::Format { format, value } => f.debug_struct("Format").field("format", format).field("value", &quoted(value)).finish(),
            Self::CustomFormat { format, value, reason } => {
                f.debug_struct("CustomFormat").field("format", format).field("value", &quoted(value)).field("reason", &quoted(reason)).finish()
            }
            Self::Items { len, min, max } => f.debug_struct("Items").field("len", len).field("min", min).field("max", max).finish(),
            Self::Duplicate { first, second } => f.debug_struct("Duplicate").field("first", first).field("second", second).finish(),
            Self::Number { value, keyword, limit } => {
                f.debug_struct("Number").field("value", &quoted(value)).field("keyword", keyword).field("limit", &quoted(limit)).finish()
            }
            Self::Inexact { format, value, reason } => {
                f.debug_struct("Inexact").field("format", format).field("value", &quoted(value)).field("reason", reason).finish()
            }
            Self::Const { expected, got } => f.debug_struct("Const").field("expected", expected).field("got", &quoted(got)).finish(),
            Self::Rules { at, message } => f.debug_struct("Rules").field("at", &quoted(at)).field("message", &quoted(message)).finish(),
            Self::MemberIsProperty { name } => f.debug_struct("MemberIsProperty").field("name", &quoted(name)).finish(),
        }
    }
}

/// As derived, with values shown through `quoted` and serde_json errors through `bounded`.
impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Envelope(source) => f.debug_tuple("Envelope").field(&bounded(source)).finish(),
            Self::UnknownEventType { event_type } => f.debug_struct("UnknownEventType").field("event_type", &quoted(event_type)).finish(),
            Self::UnknownVersion { event_type, version, known } => {
                f.debug_struct("UnknownVersion").field("event_type", &quoted(event_type)).field("version", version).field("known", known).finish()
            }
            Self::WrongProducer { event_type, expected, got } => {
                f.debug_struct("WrongProducer").field("event_type", &quoted(event_type)).field("expected", expected).field("got", &quoted(got)).finish()
            }
            Self::Payload { event_type, version, path, line, column, source } => f
                .debug_struct("Payload")
                .field("event_type", event_type)
                .field("version", version)
                .field("path", &quoted(path))
                .field("line", line)
                .field("column", column)
                .field("source", &bounded(source))
                .finish(),
            Self::NotCompiledIn { event_type, version, feature } => {
                f.debug_struct("NotCompiledIn").field("event_type", &quoted(event_type)).field("version", version).field("feature", feature).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_as_debug_quotes_them() {
        for value in ["", "per_x", "it's \"quoted\"\n\ttab \\ é 😀 \u{1}"] {
            assert_eq!(quoted(value).to_string(), format!("{value:?}"));
            assert_eq!(shown(value).to_string(), value);
        }
    }

    /// `custom` makes the error `E::custom` makes, whether the message fits its stack
    /// buffer, fills it exactly, or is longer (written in one piece or in several).
    #[test]
    fn custom_errors_keep_their_message_at_any_length() {
        use serde::de::Error as _;
        for len in [0, 1, 100, STACK_MESSAGE - 1, STACK_MESSAGE, STACK_MESSAGE + 1, 5000] {
            let text = "é".repeat(len / 2) + &"x".repeat(len % 2);
            let ours: serde_json::Error = custom(&text);
            assert_eq!(ours.to_string(), serde_json::Error::custom(&text).to_string());
            let pieces = format!("{text}{}", quoted(&text));
            let ours: serde_json::Error = custom(&format_args!("{text}{}", quoted(&text)));
            assert_eq!(ours.to_string(), pieces);
        }
        let error = ValueError::Length { len: 3, min: 5, max: 9 };
        let ours: serde::de::value::Error = custom(&error);
        assert_eq!(ours, serde::de::value::Error::custom(&error));
    }

    /// A payload's path is found from its text when first read, once, and reads as a `str`.
    #[test]
    fn payload_paths_are_found_when_read() {
        let text = br#"{"a": [1, {"b/c": true}]}"#;
        let path = PayloadPath::new("/payload", text, (1, text.iter().position(|b| *b == b't').unwrap() + 1), None);
        assert_eq!(path, "/payload/a/1/b~1c");
        assert_eq!(path.to_string(), "/payload/a/1/b~1c");
        assert_eq!(format!("{path:?}"), r#""/payload/a/1/b~1c""#);
        assert!(std::ptr::eq(path.as_str(), path.as_str()), "worked out once");
        assert_eq!(&*PayloadPath::new("", text, (0, 0), None), "");
    }

    #[test]
    fn long_values_are_cut_and_their_length_given() {
        let exact = "a".repeat(QUOTE_LIMIT);
        assert_eq!(quoted(&exact).to_string(), format!("{exact:?}"));
        let long = "a".repeat(QUOTE_LIMIT + 1);
        assert_eq!(quoted(&long).to_string(), format!("\"{exact}\"…({} bytes)", QUOTE_LIMIT + 1));
        assert_eq!(shown(&long).to_string(), format!("{exact}…({} bytes)", QUOTE_LIMIT + 1));
        // Escapes count as what they print; a multi-byte character is never split.
        let escaped = quoted(&"\u{1}".repeat(100)).to_string();
        assert_eq!(escaped, format!("\"{}\"…(100 bytes)", "\\u{1}".repeat(QUOTE_LIMIT / "\\u{1}".len())));
        assert_eq!(shown(&"é".repeat(100)).to_string(), format!("{}…(200 bytes)", "é".repeat(QUOTE_LIMIT / 2)));
        // The plain characters before an escape that does not fit are all kept.
        let plain = "x".repeat(QUOTE_LIMIT - 1);
        assert_eq!(quoted(&format!("{plain}\n")).to_string(), format!("\"{plain}\"…({} bytes)", QUOTE_LIMIT));
        assert_eq!(quoted(&format!("{plain}é")).to_string(), format!("\"{plain}é\""));
    }

    #[test]
    fn debug_output_is_bounded_too() {
        let huge = "a".repeat(1 << 20);
        let error = ValueError::Format { format: "date-time", value: huge.clone() };
        assert!(format!("{error:?}").len() < 200, "{error:?}");
        let short = ValueError::Pattern { value: "ab".into(), pattern: "^[A-Z]$" };
        assert_eq!(format!("{short:?}"), r#"Pattern { value: "ab", pattern: "^[A-Z]$" }"#);
        let decode = DecodeError::UnknownEventType { event_type: huge };
        assert!(format!("{decode:?}").len() < 200);
    }

    #[test]
    fn decoder_messages_are_cut_and_keep_their_position() {
        let long = format!("{{\"a\": \"{}\"}}", "x".repeat(1000));
        let error = serde_json::from_str::<std::collections::BTreeMap<String, u8>>(&long).unwrap_err();
        let message = bounded(&error).to_string();
        assert!(message.len() < MESSAGE_LIMIT + 60, "{message}");
        assert!(message.ends_with(&format!(" at line 1 column {}", error.column())), "{message}");
        let short = serde_json::from_str::<u8>("true").unwrap_err();
        assert_eq!(bounded(&short).to_string(), short.to_string());
    }

    #[test]
    fn a_payload_error_shows_one_position_the_whole_inputs() {
        // serde_json's own position (line 1, column 8 of the payload's text) is left out of the
        // message: the error's line and column are those in the whole input.
        let source = serde_json::from_str::<std::collections::BTreeMap<String, u8>>(r#"{"a": "x"}"#).unwrap_err();
        assert_eq!((source.line(), source.column()), (1, 9));
        let error = DecodeError::Payload {
            event_type: "order.placed",
            version: 2,
            path: PayloadPath::new("/payload", br#"{"a": "x"}"#, (1, 9), None),
            line: 3,
            column: 14,
            source,
        };
        assert_eq!(
            error.to_string(),
            r#"payload of order.placed v2 breaks its schema at /payload/a (line 3, column 14): invalid type: string "x", expected u8"#
        );
        assert_eq!(
            format!("{error:?}"),
            r#"Payload { event_type: "order.placed", version: 2, path: "/payload/a", line: 3, column: 14, source: invalid type: string "x", expected u8 at line 1 column 9 }"#
        );
    }

    #[test]
    fn debug_shows_the_fields_as_display_bounds_them() {
        assert_eq!(format!("{:?}", DecodeError::UnknownEventType { event_type: "x.y".into() }), r#"UnknownEventType { event_type: "x.y" }"#);
        assert_eq!(format!("{:?}", shown("12.50")), "12.50");
        let long = "9".repeat(QUOTE_LIMIT + 1);
        assert_eq!(format!("{:?}", shown(&long)), format!("{}…({} bytes)", &long[..QUOTE_LIMIT], QUOTE_LIMIT + 1));
        let error = serde_json::from_str::<u8>("true").unwrap_err();
        assert_eq!(format!("{:?}", bounded(&error)), "invalid type: boolean `true`, expected u8 at line 1 column 4");
    }

    #[test]
    fn an_error_with_no_position_is_cut_without_one() {
        // Errors from a `Value` (not from text) have no line: line() is 0, and a cut message
        // then ends at its length.
        let error = serde_json::from_value::<u8>(serde_json::Value::String("x".repeat(1000))).unwrap_err();
        assert_eq!(error.line(), 0);
        let message = bounded(&error).to_string();
        assert!(message.ends_with(&format!("…({} bytes)", error.to_string().len())), "{message}");
    }
}
