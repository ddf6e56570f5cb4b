//! Warnings about a contract set that loads: things that are legal but probably wrong.
//! `events-codegen check` prints them; they never fail a build.

use std::path::PathBuf;

use crate::diagnostics::child;
use crate::load::{Contracts, Status};

/// One warning, located like a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file (relative to the contract root).
    pub file: PathBuf,
    /// JSON pointer in the file.
    pub pointer: String,
    /// What looks wrong.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}: {}", self.file.display(), self.pointer, self.message)
    }
}

/// Lints the registry; `today` is `YYYY-MM-DD` (injected so results are reproducible).
pub fn lint(contracts: &Contracts, producers: &[String], today: &str) -> Vec<Warning> {
    let file = PathBuf::from(crate::load::REGISTRY_FILE);
    let mut out = Vec::new();
    let mut warn = |pointer: String, message: String| out.push(Warning { file: file.clone(), pointer, message });
    // An envelope without a producer role lists no domains: the registry's producers are them.
    let registered: Vec<String> = contracts.registry.event_types.iter().map(|e| e.producer.clone()).collect();
    let producers = if producers.is_empty() { registered.as_slice() } else { producers };
    let known_domain = |d: &str| producers.iter().any(|p| d == p || d.strip_prefix(p.as_str()).is_some_and(|rest| rest.starts_with('-')));
    for event in &contracts.registry.event_types {
        for (i, consumer) in event.consumers.iter().enumerate() {
            if !known_domain(consumer) {
                warn(
                    child(&child(&event.pointer, "consumers"), &i.to_string()),
                    format!("consumer {consumer:?} is not a known domain (the envelope's producers, or <producer>-<something>)"),
                );
            }
        }
        for v in &event.versions {
            if v.status == Status::Deprecated && v.deprecated_at.is_none() {
                warn(child(&v.pointer, "status"), "deprecated without deprecated_at: producers cannot tell when the cutover is".into());
            }
            if let (Status::Active, Some(from)) = (v.status, &v.active_from) {
                if from.as_str() > today {
                    warn(child(&v.pointer, "active_from"), format!("active_from {from} is in the future: producers must not emit this version yet"));
                } else {
                    warn(child(&v.pointer, "active_from"), format!("active_from {from} has passed: the version is fully active and the field is only history"));
                }
            }
            let Some(notes) = &v.notes else { continue };
            for word in notes.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';')) {
                let word = word.trim_end_matches(['.', ':']);
                if word.ends_with(".json") && word.contains('/') && contracts.roots.resolve(word).is_err() {
                    warn(child(&v.pointer, "notes"), format!("notes reference {word}, which does not exist"));
                }
            }
            for referenced in referenced_versions(notes) {
                if !event.versions.iter().any(|other| other.version == referenced) {
                    warn(child(&v.pointer, "notes"), format!("notes reference v{referenced} of {}, which is not registered", event.name));
                }
            }
        }
    }
    out
}

/// Versions a note points at: "in favor of v2", "to v3", "replaced by v2".
fn referenced_versions(notes: &str) -> Vec<u32> {
    let mut found = Vec::new();
    let words: Vec<&str> = notes.split_whitespace().collect();
    for pair in words.windows(2) {
        if matches!(pair[0], "of" | "to" | "by") {
            if let Some(n) = pair[1].trim_end_matches(['.', ',', ';', ')']).strip_prefix('v').and_then(|n| n.parse().ok()) {
                found.push(n);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::referenced_versions;

    #[test]
    fn finds_version_references_in_notes() {
        assert_eq!(referenced_versions("Deprecated 2026-05-12 in favor of v2 which adds"), vec![2]);
        assert_eq!(referenced_versions("flips from emitting v1 to v2 at cutover."), vec![2]);
        assert_eq!(referenced_versions("Replaced by v3; see the README."), vec![3]);
        assert!(referenced_versions("v1.1 candidate to tighten").is_empty());
    }
}
