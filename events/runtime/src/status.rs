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

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn statuses_are_spelt_as_the_registry_spells_them() {
        // The registry's `status` values (contracts/event-types-registry.json; the generator's
        // loader accepts exactly these three).
        assert_eq!(Status::Active.as_str(), "active");
        assert_eq!(Status::Deprecated.as_str(), "deprecated");
        assert_eq!(Status::Retired.as_str(), "retired");
    }
}
