//! Conversion between typed CloudEvents envelopes and the official SDK's
//! [`cloudevents::Event`] (feature `cloudevents`): every transport binding of the SDK
//! (HTTP, Kafka, NATS, …) can then carry typed events. Decoding an `Event` runs the
//! same checks as decoding JSON, so an event that breaks the contract is refused.

use ::cloudevents::{Data, Event};

use crate::structured::CloudEventsJson;
use crate::DecodeError;

/// The SDK's crate, for its transport bindings.
pub use ::cloudevents as sdk;

/// Why a conversion failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CloudEventError {
    /// The SDK refused the envelope's JSON as a CloudEvent.
    #[error("the envelope is not a CloudEvent the SDK accepts: {0}")]
    Sdk(#[source] serde_json::Error),
    /// The event's data is not JSON.
    #[error("the event's data is not JSON: {0}")]
    Data(#[source] serde_json::Error),
    /// The event breaks the contract.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// Converts typed CloudEvents envelopes to and from [`cloudevents::Event`].
pub trait CloudEventExt: CloudEventsJson {
    /// The SDK's `Event` for this envelope.
    fn to_cloudevent(&self) -> Result<Event, CloudEventError> {
        serde_json::from_str(&self.to_structured_json()).map_err(CloudEventError::Sdk)
    }

    /// The typed envelope of an SDK `Event`, checked against the contract. Data that
    /// arrived as bytes or text (binary-mode bindings) is read as JSON first.
    fn from_cloudevent(event: &Event) -> Result<Self, CloudEventError> {
        let mut value = serde_json::to_value(event).map_err(CloudEventError::Sdk)?;
        let data = match event.data() {
            Some(Data::Binary(bytes)) => Some(serde_json::from_slice(bytes).map_err(CloudEventError::Data)?),
            Some(Data::String(text)) => Some(serde_json::from_str(text).map_err(CloudEventError::Data)?),
            Some(Data::Json(_)) | None => None,
        };
        if let (Some(data), Some(members)) = (data, value.as_object_mut()) {
            members.remove("data_base64");
            members.insert("data".to_owned(), data);
        }
        Ok(Self::from_structured_json(value.to_string().as_bytes())?)
    }
}

impl<T: CloudEventsJson> CloudEventExt for T {}
