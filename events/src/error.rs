//! Errors of the runtime: a value that breaks its contract, and an event that cannot be decoded.

/// A value rejected by a checked constructor or while decoding: it breaks one constraint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
    #[error("{value:?} does not match the pattern {pattern}")]
    Pattern {
        /// The rejected value.
        value: String,
        /// The pattern, as written in the contract.
        pattern: &'static str,
    },
    /// A string that is not in the contract's `format`.
    #[error("{value:?} is not a valid {format}")]
    Format {
        /// The format name (`date-time`, `email`, ...).
        format: &'static str,
        /// The rejected value.
        value: String,
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
    #[error("{value} breaks `{keyword}` {limit}")]
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
    /// A value other than the one `const` allows.
    #[error("expected the constant {expected:?}, got {got:?}")]
    Const {
        /// The constant.
        expected: &'static str,
        /// The rejected value.
        got: String,
    },
}

/// Why an envelope or payload could not be decoded into its generated type.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The envelope itself is malformed or breaks envelope-v1.
    #[error("invalid envelope: {0}")]
    Envelope(#[source] serde_json::Error),
    /// No event type of that name is registered.
    #[error("unknown event type {event_type:?}")]
    UnknownEventType {
        /// The event type named by the envelope or caller.
        event_type: String,
    },
    /// The event type is registered but not at that schema version.
    #[error("event type {event_type:?} has no schema version {version} (registered: {known:?})")]
    UnknownVersion {
        /// The event type.
        event_type: String,
        /// The version asked for.
        version: u64,
        /// The registered versions.
        known: &'static [u32],
    },
    /// The envelope names a producer other than the registered one.
    #[error("event type {event_type:?} is produced by {expected}, but the envelope says {got}")]
    WrongProducer {
        /// The event type.
        event_type: String,
        /// The registered producer.
        expected: &'static str,
        /// The producer in the envelope.
        got: String,
    },
    /// The payload breaks its schema.
    #[error("payload of {event_type} v{version} breaks its schema: {source}")]
    Payload {
        /// The event type.
        event_type: &'static str,
        /// The schema version.
        version: u32,
        /// What is wrong and where (line and column of the input).
        #[source]
        source: serde_json::Error,
    },
}

/// At most 64 characters of `text`, for quoting a rejected value in an error message: a
/// message never grows with the input.
pub(crate) fn quote_bounded(text: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 64;
    match text.char_indices().nth(MAX) {
        None => std::borrow::Cow::Borrowed(text),
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…({} bytes)", &text[..end], text.len())),
    }
}
