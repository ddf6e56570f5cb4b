//! The formats of the JSON Schema 2020-12 format vocabulary, each checked by a well-kept
//! crate rather than a grammar of our own.
//!
//! One submodule per family says which crate checks it and what, if anything, is checked
//! around the crate. Three have no crate that matches their grammar, and are transcriptions of
//! its ABNF: `duration` (RFC 3339 appendix A, narrower than ISO 8601), `uri-template`
//! (RFC 6570) and the integer prefix of `relative-json-pointer`; `idn-hostname` adds the RFC
//! 5892 rules that `idna`'s UTS 46 processing leaves out.

mod date_time;
mod duration;
mod ecma_regex;
mod email;
mod hostname;
mod idna2008;
mod ip;
mod json_pointer;
mod uri;
mod uri_template;
mod uuid_text;

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
        match self {
            Self::DateTime => date_time::is_date_time(text),
            Self::Date => date_time::is_date(text),
            Self::Time => date_time::is_time(text),
            Self::Duration => duration::is_duration(text),
            Self::Email => email::is_email(text),
            Self::IdnEmail => email::is_idn_email(text),
            Self::Hostname => hostname::is_hostname(text),
            Self::IdnHostname => hostname::is_idn_hostname(text),
            Self::Ipv4 => ip::is_ipv4(text),
            Self::Ipv6 => ip::is_ipv6(text),
            Self::Uri => uri::is_uri(text),
            Self::UriReference => uri::is_uri_reference(text),
            Self::Iri => uri::is_iri(text),
            Self::IriReference => uri::is_iri_reference(text),
            Self::Uuid => uuid_text::is_uuid(text),
            Self::UriTemplate => uri_template::is_uri_template(text),
            Self::JsonPointer => json_pointer::is_json_pointer(text),
            Self::RelativeJsonPointer => json_pointer::is_relative_json_pointer(text),
            Self::Regex => ecma_regex::is_regex(text),
        }
    }
}
