//! Registry vocabulary shared by every generated contract set.

/// The lifecycle status of one schema version in the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Producers may emit it.
    Active,
    /// Still decodable; producers are moving to a newer version.
    Deprecated,
    /// No longer emitted.
    Retired,
}

impl Status {
    /// The registry's spelling.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deprecated => "deprecated",
            Self::Retired => "retired",
        }
    }
}
