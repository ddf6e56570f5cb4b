//! Problems found in a contract set: each names the file, the JSON pointer and what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// What is wrong at one place of a contract set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// The contract root given to the generator is not a directory it can read.
    #[error("cannot read the contract root {path:?}: {error}")]
    NoRoot {
        /// The root, as given.
        path: String,
        /// Why.
        error: String,
    },
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
    #[error("payload_schema {path:?} does not exist{}", near.as_ref().map(|n| format!("; did you mean {n:?}?")).unwrap_or_default())]
    MissingFile {
        /// The path as written in the registry.
        path: String,
        /// The path of the nearest file by name in the same directory, if one is close.
        near: Option<String>,
    },
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
    /// A keyword no vocabulary defines, read as an annotation because the build asked for
    /// warnings ([`crate::UnknownKeywords::Warn`]): it constrains nothing.
    #[error("unknown keyword `{keyword}` is read as an annotation: it checks nothing; {advice}")]
    UnknownKeyword {
        /// The keyword.
        keyword: String,
        /// What to write instead (a suggestion, or how to declare it).
        advice: String,
    },
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
    #[error("{}", one_line(.0))]
    Rules(String),
    /// A `$ref` that points off this machine.
    #[error("remote $ref {0:?}: only references inside the contract set are allowed, nothing is fetched")]
    RemoteRef(String),
    /// A `$ref` whose target does not exist.
    #[error("$ref {target:?} does not resolve{}", near.as_ref().map(|n| format!("; did you mean {n:?}?")).unwrap_or_default())]
    UnresolvedRef {
        /// The reference as written.
        target: String,
        /// The nearest reference that does resolve, if one is close.
        near: Option<String>,
    },
    /// A `pattern` that does not compile, or would not run in linear time.
    #[error("pattern {pattern:?} is not supported: {}", one_line(error))]
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

impl Problem {
    /// The problem in one line, without the advice that [`Problem::help`] gives: the
    /// title of a rendered diagnostic. (`Display` gives both, as one sentence.)
    pub fn message(&self) -> String {
        match self {
            Self::Json { message, .. } => format!("malformed JSON: {message}"),
            Self::AbsolutePath(path) => format!("payload_schema {path:?} is an absolute path"),
            _ => split_advice(&self.to_string()).0,
        }
    }

    /// What to write instead, when the problem says so: the `help:` line of a rendered
    /// diagnostic.
    pub fn help(&self) -> Option<String> {
        match self {
            Self::AbsolutePath(_) => {
                Some("write it relative to the package root (the contract root's parent), like \"contracts/<contract>/schema/payloads/<event>-v1.json\"".into())
            }
            Self::Mismatch { what: "file name", expected, .. } => Some(format!("rename the file to {expected}")),
            Self::Mismatch { what: "location", expected, .. } => Some(format!("move the file to {expected}")),
            Self::Mismatch { what, expected, .. } => Some(format!("write {expected:?} as the {what}")),
            Self::DuplicateKey(_) => Some("keep only one of the two".into()),
            Self::UnsupportedDraft(_) => Some("write \"$schema\": \"https://json-schema.org/draft/2020-12/schema\"".into()),
            Self::RemoteRef(_) => Some("copy the schema into the contract set and refer to it by a relative path".into()),
            Self::MissingField("$schema") => Some(
                "write \"$schema\": \"https://json-schema.org/draft/2020-12/schema\" (or draft-07's), or read such schemas with Config::default_draft (CLI --default-draft)".into(),
            ),
            _ => split_advice(&self.to_string()).1,
        }
    }

    /// Whether the problem is about an object member's key (an unknown field or keyword,
    /// a duplicate key) rather than its value: its span is then the key's.
    pub fn is_about_a_key(&self) -> bool {
        matches!(self, Self::UnknownField(_) | Self::UnsupportedKeyword { .. } | Self::UnknownKeyword { .. } | Self::DuplicateKey(_))
    }

    /// Whether the problem has a place in a file's text at all (a missing file, a build
    /// script setting or a file that cannot be read has none).
    pub fn has_position(&self) -> bool {
        !matches!(self, Self::Io(_) | Self::NoRoot { .. } | Self::NotAFile(_) | Self::FileTooLarge { .. } | Self::OutsideRoot(_) | Self::BadConfig(_))
    }
}

/// Splits a message into what is wrong and what to do, at the first "did you mean" or at
/// a `; ` followed by an instruction ("use …", "write …", "state …", "declare …").
fn split_advice(text: &str) -> (String, Option<String>) {
    const VERBS: [&str; 12] = ["use ", "write ", "state ", "declare ", "fix ", "drop ", "add ", "remove ", "rename ", "move ", "give ", "copy "];
    let text = one_line(text);
    let mut cut = text.find("did you mean").filter(|&i| i > 0);
    let mut from = 0;
    while let Some(i) = text[from..].find("; ").map(|i| i + from) {
        let rest = &text[i + 2..];
        if cut.is_some_and(|c| c < i) {
            break;
        }
        if VERBS.iter().any(|v| rest.starts_with(v)) {
            cut = Some(i + 2);
            break;
        }
        from = i + 2;
    }
    match cut {
        Some(i) => {
            let message = text[..i].trim_end_matches([' ', ';', ':', ',']).to_owned();
            (message, Some(text[i..].to_owned()))
        }
        None => (text, None),
    }
}

/// A compiler message in one line. The regex crate's errors span several lines (the
/// pattern, a caret line, `error: …`): they become `… (at character N of the pattern)`.
pub fn one_line(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_owned();
    }
    let lines: Vec<&str> = text.lines().collect();
    if let Some(error) = lines.iter().find_map(|l| l.strip_prefix("error: ")) {
        let head = lines.first().map_or("", |l| l.trim_end_matches("regex parse error:").trim_end());
        // The caret line sits under the pattern line, both indented by the same amount.
        let caret = lines.iter().position(|l| !l.trim().is_empty() && l.trim().chars().all(|c| c == '^' || c == '~'));
        let at = caret.filter(|&i| i >= 1).and_then(|i| {
            let pattern_indent = lines[i - 1].len() - lines[i - 1].trim_start().len();
            lines[i].find('^').and_then(|c| c.checked_sub(pattern_indent))
        });
        let mut out = if head.is_empty() { error.to_owned() } else { format!("{head} {error}") };
        if let Some(at) = at {
            out.push_str(&format!(" (at character {} of the pattern)", at + 1));
        }
        return out;
    }
    lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Where a problem is in its file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The text of that line (a window around the column when the line is very long),
    /// for showing it under the message.
    pub source: String,
    /// The part of `source` the problem is about (bytes), for the caret underline.
    pub underline: std::ops::Range<usize>,
    /// False when `source` is only a window of an over-long line.
    pub whole_line: bool,
}

/// Whether a finding fails generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Severity {
    /// Fails generation.
    #[default]
    Error,
    /// Reported (rustc-style by `check` and `generate`, as `cargo:warning=` by a build
    /// script), never silently dropped, but generation goes on.
    Warning,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether it fails generation.
    pub severity: Severity,
    /// The file, relative to the contract root (a pseudo-file such as `Config` for a
    /// build-script setting).
    pub file: PathBuf,
    /// RFC 6901 JSON pointer inside the file (`""` for the whole document).
    pub pointer: String,
    /// What is wrong.
    pub problem: Problem,
    /// The file as the user names it: the contract root as given to [`crate::Config::new`]
    /// joined with [`Diagnostic::file`], so from a build script it is relative to the
    /// crate. Equal to `file` until [`Diagnostics::locate`] ran.
    pub shown: PathBuf,
    /// Line and column of the value at `pointer` (of its key, for a problem about a
    /// key), filled in by [`Diagnostics::locate`]; `None` for a problem with no place in
    /// a file's text (a missing file, a build-script setting).
    pub span: Option<Span>,
    /// The payload schemas this problem keeps from generating, when it sits in a shared
    /// file they reach through `$ref` (sorted; empty otherwise). The problem is reported
    /// once, here, not again at each of them.
    pub reached_from: Vec<PathBuf>,
}

impl Diagnostic {
    /// 1-based line, when located.
    pub fn line(&self) -> Option<usize> {
        self.span.as_ref().map(|s| s.line)
    }

    /// 1-based column (in characters), when located.
    pub fn column(&self) -> Option<usize> {
        self.span.as_ref().map(|s| s.column)
    }

    /// One line, as a build script prints a warning after `cargo:warning=`:
    /// `file:line:column: message (at pointer)`.
    pub fn one_line(&self) -> String {
        let mut at = self.shown.display().to_string();
        if let Some(span) = &self.span {
            at.push_str(&format!(":{}:{}", span.line, span.column));
        }
        let pointer = if self.pointer.is_empty() { String::new() } else { format!(" (at {})", self.pointer) };
        one_line(&format!("{at}: {}{pointer}", self.problem))
    }
}

/// The rustc-style rendering: message, `--> file:line:column`, the source line with a
/// caret under the problem labelled with the JSON pointer, and a `help:` line.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::render::diagnostic(self, false))
    }
}

/// Every problem found in one run, in file then pointer order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The problems of two stages of one run (loading, then modelling what loaded), as one
    /// list: errors first, each part in file then pointer order.
    pub fn merged(self, later: Option<Diagnostics>) -> Diagnostics {
        let mut all = self.0;
        all.extend(later.into_iter().flat_map(|d| d.0));
        all.sort_by(|a, b| {
            (b.severity == Severity::Error).cmp(&(a.severity == Severity::Error)).then_with(|| (&a.file, &a.pointer).cmp(&(&b.file, &b.pointer)))
        });
        all.dedup();
        Diagnostics(all)
    }

    /// Gives every problem its [`Diagnostic::shown`] path and its line and column:
    /// `contracts` is the contract root as the user gave it (the path passed to
    /// [`crate::Config::new`]). Each file named is read once more, through the same
    /// reader as loading (inside the root, regular files, size-capped).
    #[must_use]
    pub fn locate(mut self, contracts: &Path) -> Self {
        crate::locate::diagnostics(&mut self.0, contracts);
        self
    }

    /// The rustc-style rendering of every problem and a closing count; `color` adds
    /// terminal colors (for a terminal only). Warnings found in the same run come along,
    /// rendered as warnings and not counted as problems.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&crate::render::diagnostic(d, color));
            out.push('\n');
        }
        let errors = self.errors().count();
        let warnings = self.0.len() - errors;
        let and_warnings = if warnings > 0 { format!(" (and {warnings} warning(s))") } else { String::new() };
        out.push_str(&crate::render::summary(&format!("the contract set has {errors} problem(s){and_warnings}"), color));
        out
    }

    /// The findings that fail generation.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Error)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Collects diagnostics while a stage keeps going, so one run reports every problem.
#[derive(Debug, Default)]
pub struct Sink {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Sink {
    /// Records a problem (an error).
    pub fn push(&mut self, file: &Path, pointer: &str, problem: Problem) {
        self.errors.push(Self::diagnostic(Severity::Error, file, pointer, problem));
    }

    /// Records that `payloads` reach the schema at `file#pointer` and fail with it: every
    /// problem recorded at or below that pointer lists them.
    pub fn note_reached(&mut self, file: &Path, pointer: &str, payloads: &std::collections::BTreeSet<PathBuf>) {
        let below = |p: &str| p == pointer || p.strip_prefix(pointer).is_some_and(|rest| rest.starts_with('/'));
        for d in self.errors.iter_mut().filter(|d| d.file == file && below(&d.pointer)) {
            d.reached_from.extend(payloads.iter().filter(|p| p.as_path() != file).cloned());
            d.reached_from.sort();
            d.reached_from.dedup();
        }
    }

    /// Records a warning: reported, but generation goes on.
    pub fn warn(&mut self, file: &Path, pointer: &str, problem: Problem) {
        self.warnings.push(Self::diagnostic(Severity::Warning, file, pointer, problem));
    }

    fn diagnostic(severity: Severity, file: &Path, pointer: &str, problem: Problem) -> Diagnostic {
        Diagnostic { severity, file: file.to_path_buf(), pointer: pointer.to_owned(), problem, shown: file.to_path_buf(), span: None, reached_from: Vec::new() }
    }

    /// True when no error was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many errors were recorded so far.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Rewrites the pointers of the errors recorded in `file` after the first `since`
    /// ([`Sink::len`] before the stage that recorded them), for a stage that read a copy of
    /// the file's document with parts left out: `repoint` gives the pointer into the file
    /// itself, or `None` when it is the same.
    pub fn repoint_since(&mut self, since: usize, file: &Path, repoint: impl Fn(&str) -> Option<String>) {
        for d in self.errors.iter_mut().skip(since).filter(|d| d.file == file) {
            if let Some(pointer) = repoint(&d.pointer) {
                d.pointer = pointer;
            }
        }
    }

    /// Finishes: `Ok(value)` when no error was recorded, else every error, sorted (with the
    /// warnings of the same run). Use [`Sink::finish_warned`] in a stage that warns.
    pub fn finish<T>(self, value: T) -> Result<T, Diagnostics> {
        self.finish_warned(value).map(|(value, _)| value)
    }

    /// Finishes: `Ok((value, warnings))` when no error was recorded, else every error and
    /// warning, sorted, errors first.
    pub fn finish_warned<T>(self, value: T) -> Result<(T, Vec<Diagnostic>), Diagnostics> {
        let sort = |mut list: Vec<Diagnostic>| {
            list.sort_by(|a, b| (&a.file, &a.pointer).cmp(&(&b.file, &b.pointer)));
            list.dedup();
            list
        };
        let warnings = sort(self.warnings);
        if self.errors.is_empty() {
            Ok((value, warnings))
        } else {
            let mut all = sort(self.errors);
            all.extend(warnings);
            Err(Diagnostics(all))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_is_split_from_the_message() {
        let p = Problem::UnsupportedKeyword { keyword: "not".into(), reason: "negation has no Rust type; state the allowed values instead".into() };
        assert_eq!(p.message(), "keyword `not` is not supported: negation has no Rust type");
        assert_eq!(p.help().as_deref(), Some("state the allowed values instead"));
        let p = Problem::Unsupported("unknown format \"datetime\": did you mean \"date-time\"? the formats enforced are date, date-time".into());
        assert_eq!(p.message(), "unsupported schema: unknown format \"datetime\"");
        assert_eq!(p.help().as_deref(), Some("did you mean \"date-time\"? the formats enforced are date, date-time"));
        let p = Problem::UnknownStatus("live".into());
        assert_eq!((p.message(), p.help()), (p.to_string(), None));
    }

    #[test]
    fn compiler_messages_become_one_line() {
        let broken = String::from("^ab[cd");
        let error = regex::Regex::new(&broken).unwrap_err().to_string();
        assert!(error.contains('\n'), "the regex crate's message spans lines: {error:?}");
        assert_eq!(one_line(&error), "unclosed character class (at character 4 of the pattern)");
        assert_eq!(one_line("a\n  b\n\nc"), "a b c");
        assert_eq!(one_line("plain"), "plain");
    }
}
