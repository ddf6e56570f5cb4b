//! How strictly a contract set is read: the modes [`crate::Config`] chooses between.

/// What an unknown keyword (neither in a JSON Schema vocabulary, nor `x-…`, nor declared
/// with [`crate::Config::annotation_keyword`]) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownKeywords {
    /// An error, with a suggestion (`maxLenght`: did you mean `maxLength`?). The default:
    /// a misspelt keyword must not silently drop a constraint.
    #[default]
    Error,
    /// A warning with file and pointer (`cargo:warning=` from a build script), and the
    /// keyword is read as an annotation. For foreign sets full of vendor keywords.
    Warn,
}

/// Whether `format` is an assertion or an annotation (jsonschema-rs'
/// `should_validate_formats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Formats {
    /// Every format is checked, by the types and by validation programs. The default: a
    /// contract's `format` is a promise producers must keep.
    #[default]
    Assert,
    /// Formats are annotations, as draft 2020-12 says by default: formatted strings are
    /// plain strings, validation programs check no format, and unknown formats are
    /// accepted. `format` beside `const` is not checked either, nor are formats mapped
    /// with [`crate::Config::format_type`] (every format is an annotation).
    Annotate,
}

/// Which identity conventions a contract set must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// Ours (the default): each payload schema is
    /// `<contract>/schema/payloads/<event_type>-v<N>.json`, its `$id` ends with that path,
    /// its `title` is `"<event_type> payload v<N>"`, and registry entries have exactly the
    /// registry's fields.
    #[default]
    Strict,
    /// For a foreign set loaded as it is published: payload schemas may live anywhere
    /// inside the contract root under any name, `$id` and `title` are free (the `$id`
    /// still resolves references), and registry entries may carry fields of their own
    /// (ignored). Everything else (paths inside the root, `$schema`, the registry's
    /// required fields, the schemas themselves) is checked as strictly as ever.
    Loose,
}
