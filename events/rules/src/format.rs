//! The formats of the JSON Schema 2020-12 format vocabulary, each checked by a well-kept
//! crate rather than a grammar of our own.

/// A format the generator enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `date-time` (RFC 3339).
    DateTime,
    /// `date` (RFC 3339 full-date).
    Date,
    /// `time` (RFC 3339 full-time).
    Time,
    /// `duration` (RFC 3339 appendix A).
    Duration,
    /// `email` (RFC 5321 mailbox).
    Email,
    /// `idn-email` (RFC 6531).
    IdnEmail,
    /// `hostname` (RFC 1123).
    Hostname,
    /// `idn-hostname` (RFC 5890).
    IdnHostname,
    /// `ipv4` (dotted quad, no leading zeros).
    Ipv4,
    /// `ipv6` (RFC 4291).
    Ipv6,
    /// `uri` (RFC 3986, absolute).
    Uri,
    /// `uri-reference` (RFC 3986).
    UriReference,
    /// `iri` (RFC 3987, absolute).
    Iri,
    /// `iri-reference` (RFC 3987).
    IriReference,
    /// `uuid` (RFC 4122).
    Uuid,
    /// `uri-template` (RFC 6570).
    UriTemplate,
    /// `json-pointer` (RFC 6901).
    JsonPointer,
    /// `relative-json-pointer`.
    RelativeJsonPointer,
    /// `regex` (ECMA-262).
    Regex,
}

impl Format {
    /// Every format, in vocabulary order.
    pub const ALL: [Format; 19] = [
        Self::DateTime,
        Self::Date,
        Self::Time,
        Self::Duration,
        Self::Email,
        Self::IdnEmail,
        Self::Hostname,
        Self::IdnHostname,
        Self::Ipv4,
        Self::Ipv6,
        Self::Uri,
        Self::UriReference,
        Self::Iri,
        Self::IriReference,
        Self::Uuid,
        Self::UriTemplate,
        Self::JsonPointer,
        Self::RelativeJsonPointer,
        Self::Regex,
    ];

    /// The format's name in a schema.
    pub fn name(self) -> &'static str {
        match self {
            Self::DateTime => "date-time",
            Self::Date => "date",
            Self::Time => "time",
            Self::Duration => "duration",
            Self::Email => "email",
            Self::IdnEmail => "idn-email",
            Self::Hostname => "hostname",
            Self::IdnHostname => "idn-hostname",
            Self::Ipv4 => "ipv4",
            Self::Ipv6 => "ipv6",
            Self::Uri => "uri",
            Self::UriReference => "uri-reference",
            Self::Iri => "iri",
            Self::IriReference => "iri-reference",
            Self::Uuid => "uuid",
            Self::UriTemplate => "uri-template",
            Self::JsonPointer => "json-pointer",
            Self::RelativeJsonPointer => "relative-json-pointer",
            Self::Regex => "regex",
        }
    }

    /// The format a schema names, if it is one of the vocabulary.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The Rust path of this variant, for generated code (`Format::Ipv4`).
    pub fn variant_name(self) -> &'static str {
        match self {
            Self::DateTime => "DateTime",
            Self::Date => "Date",
            Self::Time => "Time",
            Self::Duration => "Duration",
            Self::Email => "Email",
            Self::IdnEmail => "IdnEmail",
            Self::Hostname => "Hostname",
            Self::IdnHostname => "IdnHostname",
            Self::Ipv4 => "Ipv4",
            Self::Ipv6 => "Ipv6",
            Self::Uri => "Uri",
            Self::UriReference => "UriReference",
            Self::Iri => "Iri",
            Self::IriReference => "IriReference",
            Self::Uuid => "Uuid",
            Self::UriTemplate => "UriTemplate",
            Self::JsonPointer => "JsonPointer",
            Self::RelativeJsonPointer => "RelativeJsonPointer",
            Self::Regex => "Regex",
        }
    }

    /// True when `text` is valid under this format.
    pub fn is_valid(self, text: &str) -> bool {
        // Filled in by the format work (issue #10, item 6): each arm a well-kept crate.
        let _ = text;
        true
    }
}
