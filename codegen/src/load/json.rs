//! Reading one JSON document, with syntax errors reported as diagnostics.

use std::path::Path;

use serde_json::Value;

use crate::diagnostics::{Problem, Sink};

/// Reads and parses `path`; on failure records why under `shown` and returns `None`.
pub fn read_json(path: &Path, shown: &Path, sink: &mut Sink) -> Option<Value> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            sink.push(shown, "", Problem::Io(e.to_string()));
            return None;
        }
    };
    match serde_json::from_str(&text) {
        Ok(value) => Some(value),
        Err(e) => {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            sink.push(shown, "", Problem::Json { line: e.line(), column: e.column(), message });
            None
        }
    }
}
