//! Problems found in a contract set: each names the file, the JSON pointer and what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// What is wrong at one place of a contract set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// The file is not JSON.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the syntax error.
        line: usize,
        /// 1-based column of the syntax error.
        column: usize,
        /// serde_json's description.
        message: String,
    },
    /// A value of the wrong JSON type.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the registry or schema grammar requires here.
        expected: &'static str,
        /// The JSON type found.
        found: &'static str,
    },
    /// A field the registry format does not define.
    #[error("unknown field `{0}`")]
    UnknownField(String),
    /// A field the registry format requires is absent.
    #[error("missing required field `{0}`")]
    MissingField(&'static str),
    /// A status other than active, deprecated, retired.
    #[error("unknown status {0:?}: expected \"active\", \"deprecated\" or \"retired\"")]
    UnknownStatus(String),
    /// A date that is not `YYYY-MM-DD`, or not a day of the calendar.
    #[error("{0:?} is not a date of the form YYYY-MM-DD")]
    BadDate(String),
    /// The same schema version twice for one event type.
    #[error("schema version {0} is registered twice for this event type")]
    DuplicateVersion(u64),
    /// A schema version that is not a positive integer.
    #[error("schema version must be an integer >= 1, found {0}")]
    BadVersion(String),
    /// An event type whose name the generator cannot use.
    #[error("event type {0:?} is not a dotted lowercase name like `lead.created`")]
    BadEventType(String),
    /// A payload path that is absolute.
    #[error("payload_schema {0:?} is an absolute path; paths are relative to the package root")]
    AbsolutePath(String),
    /// A payload path that leads outside the contract root.
    #[error("payload_schema {0:?} resolves outside the contract root")]
    EscapesRoot(String),
    /// A payload path whose real location (after symlinks) is outside the contract root.
    #[error("payload_schema {0:?} is a symlink to a file outside the contract root")]
    SymlinkOutsideRoot(String),
    /// A payload schema file that does not exist.
    #[error("payload_schema {0:?} does not exist")]
    MissingFile(String),
    /// A payload schema whose file name, `$id`, `title` or location disagrees with the registry.
    #[error("{what} is {found:?} but the registry entry requires {expected:?}")]
    Mismatch {
        /// Which property disagrees (`$id`, `title`, `file name`...).
        what: &'static str,
        /// What the registry entry implies.
        expected: String,
        /// What the file says.
        found: String,
    },
    /// A `$schema` other than draft 2020-12 or draft-07.
    #[error("unsupported $schema {0:?}: expected draft 2020-12 or draft-07")]
    UnsupportedDraft(String),
    /// A keyword the generated types cannot enforce.
    #[error("keyword `{keyword}` is not supported: {reason}")]
    UnsupportedKeyword {
        /// The keyword.
        keyword: String,
        /// Why, and what to use instead.
        reason: String,
    },
    /// A schema construct the generated types cannot represent.
    #[error("unsupported schema: {0}")]
    Unsupported(String),
    /// A schema whose validation program cannot be built (for a rule no Rust type says).
    #[error("{0}")]
    Rules(String),
    /// A `$ref` that points off this machine.
    #[error("remote $ref {0:?}: only references inside the contract set are allowed, nothing is fetched")]
    RemoteRef(String),
    /// A `$ref` whose target does not exist.
    #[error("$ref {0:?} does not resolve")]
    UnresolvedRef(String),
    /// A `pattern` that does not compile, or would not run in linear time.
    #[error("pattern {pattern:?} is not supported: {error}")]
    BadPattern {
        /// The pattern.
        pattern: String,
        /// The regex compiler's message.
        error: String,
    },
    /// The envelope schema disagrees with the envelope the runtime implements.
    #[error("envelope schema: {0}")]
    Envelope(String),
    /// A producer that the envelope's producer enum does not list.
    #[error("producer {0:?} is not in the envelope's producer enum")]
    UnknownProducer(String),
    /// A file that is not a regular file (a FIFO, a device, a directory): never read.
    #[error("the path is {0}, not a regular file; only regular files are read")]
    NotAFile(&'static str),
    /// A file larger than the generator reads.
    #[error("the file is larger than the {limit}-byte cap on contract files")]
    FileTooLarge {
        /// The cap, in bytes.
        limit: u64,
    },
    /// A file whose real location (after symlinks) is outside the contract root.
    #[error("the file resolves to {0}, outside the contract root")]
    OutsideRoot(String),
    /// An object that names the same key twice.
    #[error("key {0:?} appears twice in this object; JSON readers disagree on which wins")]
    DuplicateKey(String),
    /// Schemas nested (through properties, items or `$ref` chains) deeper than the generator follows.
    #[error("schemas nest deeper than {0} levels here (a chain of $ref?); the generator follows at most {0}")]
    TooDeep(usize),
    /// A build-script setting the generator cannot use.
    #[error("{0}")]
    BadConfig(String),
    /// Two event versions would get the same Rust name.
    #[error("event {0} would get the Rust name `{1}`, which another event already has")]
    NameClash(String, String),
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as given (relative to the contract root where possible).
    pub file: PathBuf,
    /// RFC 6901 JSON pointer inside the file (`""` for the whole document).
    pub pointer: String,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}: {}", self.file.display(), self.pointer, self.problem)
    }
}

/// Every problem found in one run, in file then pointer order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "the contract set has {} problem(s):", self.0.len())?;
        for d in &self.0 {
            writeln!(f, "  {d}")?;
        }
        Ok(())
    }
}

/// Collects diagnostics while a stage keeps going, so one run reports every problem.
#[derive(Debug, Default)]
pub struct Sink(Vec<Diagnostic>);

impl Sink {
    /// Records a problem.
    pub fn push(&mut self, file: &Path, pointer: &str, problem: Problem) {
        self.0.push(Diagnostic { file: file.to_path_buf(), pointer: pointer.to_owned(), problem });
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems were recorded so far.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Finishes: `Ok(value)` when no problem was recorded, else every problem, sorted.
    pub fn finish<T>(mut self, value: T) -> Result<T, Diagnostics> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            self.0.sort_by(|a, b| (&a.file, &a.pointer).cmp(&(&b.file, &b.pointer)));
            self.0.dedup();
            Err(Diagnostics(self.0))
        }
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` per RFC 6901.
pub fn child(pointer: &str, token: &str) -> String {
    format!("{pointer}/{}", token.replace('~', "~0").replace('/', "~1"))
}

/// The JSON type name of a value, for messages.
pub fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "boolean",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::Object(_) => "object",
    }
}
