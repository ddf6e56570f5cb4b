//! The roles an envelope property can play, and how a property is given one.

/// The annotation that names a property's role in an envelope schema.
pub const ROLE_KEYWORD: &str = "x-event-role";

/// What the runtime needs an envelope property for. Only [`EnvelopeRole::Payload`],
/// [`EnvelopeRole::EventType`] and [`EnvelopeRole::SchemaVersion`] are mandatory; a set
/// whose envelope has no actor has no actor API, and so on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EnvelopeRole {
    /// The event's unique id, minted by the builder from the id source (`event-id`).
    EventId,
    /// The registered event type (`event-type`).
    EventType,
    /// The payload's schema version (`schema-version`).
    SchemaVersion,
    /// The producing domain, an enum of the registry's producers (`producer`).
    Producer,
    /// When the fact happened, a `date-time` filled from the clock (`occurred-at`).
    OccurredAt,
    /// The typed payload (`payload`).
    Payload,
    /// The id of the event that started the chain (`correlation`).
    Correlation,
    /// The id of the event that caused this one (`causation`).
    Causation,
    /// Who caused the event (`actor`).
    Actor,
    /// What the event is about (`subject`).
    Subject,
    /// The tenant (`tenant`).
    Tenant,
}

impl EnvelopeRole {
    /// Every role, in the order the docs list them.
    pub const ALL: &'static [Self] = &[
        Self::EventId,
        Self::EventType,
        Self::SchemaVersion,
        Self::Producer,
        Self::OccurredAt,
        Self::Payload,
        Self::Correlation,
        Self::Causation,
        Self::Actor,
        Self::Subject,
        Self::Tenant,
    ];

    /// The name written in `x-event-role`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::EventId => "event-id",
            Self::EventType => "event-type",
            Self::SchemaVersion => "schema-version",
            Self::Producer => "producer",
            Self::OccurredAt => "occurred-at",
            Self::Payload => "payload",
            Self::Correlation => "correlation",
            Self::Causation => "causation",
            Self::Actor => "actor",
            Self::Subject => "subject",
            Self::Tenant => "tenant",
        }
    }

    /// The role named `name` in `x-event-role`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// The name of the generated getter (and builder setter) of the property playing this
    /// role, whatever the property is called: the same API over every envelope.
    pub const fn getter(self) -> &'static str {
        match self {
            Self::EventId => "event_id",
            Self::EventType => "event_type",
            Self::SchemaVersion => "schema_version",
            Self::Producer => "producer",
            Self::OccurredAt => "occurred_at",
            Self::Payload => "payload",
            Self::Correlation => "correlation_id",
            Self::Causation => "causation_id",
            Self::Actor => "actor",
            Self::Subject => "subject",
            Self::Tenant => "tenant_id",
        }
    }

    /// Whether every envelope must have a property playing this role.
    pub const fn mandatory(self) -> bool {
        matches!(self, Self::EventType | Self::SchemaVersion | Self::Payload)
    }

    /// The built-in mapping, used for an envelope that declares no role at all: the
    /// property names of `envelope-v1.json`.
    pub fn builtin(property: &str) -> Option<Self> {
        Some(match property {
            "event_id" => Self::EventId,
            "event_type" => Self::EventType,
            "schema_version" => Self::SchemaVersion,
            "producer" => Self::Producer,
            "occurred_at" => Self::OccurredAt,
            "payload" => Self::Payload,
            "correlation_id" => Self::Correlation,
            "causation_id" => Self::Causation,
            "actor" => Self::Actor,
            "subject" => Self::Subject,
            "tenant_id" => Self::Tenant,
            _ => return None,
        })
    }
}

impl std::fmt::Display for EnvelopeRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for EnvelopeRole {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        Self::from_name(name).ok_or_else(|| format!("unknown envelope role {name:?}: the roles are {}", names_list()))
    }
}

/// Every role name, quoted, for messages.
pub fn names_list() -> String {
    EnvelopeRole::ALL.iter().map(|r| format!("{:?}", r.name())).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_getters_are_distinct() {
        for role in EnvelopeRole::ALL {
            assert_eq!(role.name().parse::<EnvelopeRole>(), Ok(*role));
        }
        let mut getters: Vec<&str> = EnvelopeRole::ALL.iter().map(|r| r.getter()).collect();
        getters.sort_unstable();
        getters.dedup();
        assert_eq!(getters.len(), EnvelopeRole::ALL.len());
        assert!("sender".parse::<EnvelopeRole>().unwrap_err().contains("\"event-id\""));
    }
}
