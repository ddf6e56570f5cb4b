//! Envelopes whose JSON is CloudEvents 1.0 structured mode. The trait needs no
//! dependency, so generated code implements it whatever the runtime's features; with
//! the `cloudevents` feature, [`crate::cloudevents`] converts such envelopes to and from
//! the official SDK's `Event`.

use crate::DecodeError;

/// A generated envelope (or `AnyEvent`) of a contract set whose envelope is CloudEvents
/// 1.0 structured-mode JSON (`specversion`, `id`, `source`, `type`, the payload at `data`).
pub trait CloudEventsJson: Sized {
    /// The event as CloudEvents structured-mode JSON.
    fn to_structured_json(&self) -> String;

    /// Decodes CloudEvents structured-mode JSON, enforcing the contract.
    fn from_structured_json(json: &[u8]) -> Result<Self, DecodeError>;
}
