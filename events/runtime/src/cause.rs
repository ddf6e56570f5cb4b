//! Causing events: what an envelope builder's `caused_by` reads from the event that caused
//! the one being built, whatever envelope version that event travels in.

use serde::Serialize;

/// An event that can cause another: its event id and the correlation id of its chain.
///
/// The generator implements it for every envelope version's `Envelope<P>` whose
/// correlation id (if any) is of its event id's type, and for `AnyEvent` when every
/// envelope version's event id is of one type. A builder's `caused_by` accepts any
/// `Cause` whose `Id` is its own event id type, so a chain crosses envelope versions
/// that share the id type; `try_caused_by` accepts any other `Cause` and checks the ids
/// against its own id type.
pub trait Cause {
    /// The event id type.
    type Id: Clone + Serialize;

    /// The causing event's id: the effect's causation id.
    fn cause_event_id(&self) -> &Self::Id;

    /// The causing event's correlation id, `None` when it has none (it started the chain,
    /// or its envelope has no correlation): the effect's correlation id is then the cause's
    /// event id.
    fn cause_correlation_id(&self) -> Option<&Self::Id>;

    /// The correlation id of an effect of this event: its correlation id, else its event id.
    fn chain_id(&self) -> &Self::Id {
        self.cause_correlation_id().unwrap_or_else(|| self.cause_event_id())
    }
}

/// Why `try_caused_by` refused a causing event: one of its ids is not a value of the
/// effect's id type (a prefixed id where the effect's envelope takes a bare UUID, …). Ids
/// are never rewritten: the chain keeps the exact ids or is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("the causing event's id {} is not an id of this envelope: {reason}", crate::error::quoted(.id))]
pub struct CauseError {
    /// The refused id: its text (the JSON text of an id that is not a string).
    pub id: String,
    /// Why the effect's id type refuses it.
    pub reason: String,
}

/// The id `id` as a value of `T`: the same JSON, decoded by `T` (so `T`'s rules apply).
pub fn convert_id<I: Serialize, T: serde::de::DeserializeOwned>(id: &I) -> Result<T, CauseError> {
    let value = serde_json::to_value(id).map_err(|e| CauseError { id: String::new(), reason: e.to_string() })?;
    let text = match &value {
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    serde_json::from_value(value).map_err(|e| CauseError { id: text, reason: crate::error::bounded(&e).to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prefixed id type, of which the test uses only part.
    #[allow(dead_code)]
    mod ids {
        crate::typed_id! {
            pub struct EvtId("evt");
        }
    }
    use ids::EvtId;

    #[test]
    fn ids_convert_as_their_json_or_are_refused() {
        let id = EvtId::new_v7();
        let text: String = convert_id(&id).unwrap();
        assert_eq!(text, id.to_string());
        assert_eq!(convert_id::<_, EvtId>(&text).unwrap(), id);
        // A bare UUID is not an `evt_` id: refused, with the id and the reason.
        let bare = text.trim_start_matches("evt_").to_owned();
        let err = convert_id::<_, EvtId>(&bare).unwrap_err();
        assert_eq!(err.id, bare);
        assert!(err.to_string().starts_with(&format!("the causing event's id \"{bare}\" is not an id of this envelope: ")), "{err}");
        assert!(err.reason.contains("evt_"), "{err}");
        // Nor a number.
        assert_eq!(convert_id::<_, EvtId>(&7).unwrap_err().id, "7");
    }
}
