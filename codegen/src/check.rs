//! `check`: every error of the build plus the lint warnings, rendered for people (with
//! the offending JSON) or as JSON for machines.

use std::path::Path;

use serde_json::{json, Value};

use crate::diagnostics::Diagnostic;
use crate::lint::Warning;

/// What `check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Problems that fail generation.
    pub errors: Vec<Diagnostic>,
    /// Problems that do not.
    pub warnings: Vec<Warning>,
}

/// Loads, models and lints the contract set at `contracts`, with default options.
pub fn check(contracts: &Path, today: &str) -> Report {
    check_with(&crate::Config::new(contracts), today)
}

/// Loads, models and lints the contract set `config` names, with its options.
pub fn check_with(config: &crate::Config, today: &str) -> Report {
    let loaded = match crate::load::load(config.contracts_dir()) {
        Ok(loaded) => loaded,
        Err(d) => return Report { errors: d.0, warnings: Vec::new() },
    };
    match crate::model::build(&loaded, &config.model_options()) {
        Ok(set) => Report { errors: Vec::new(), warnings: crate::lint::lint(&loaded, &set.producers, today) },
        Err(d) => Report { errors: d.0, warnings: Vec::new() },
    }
}

impl Report {
    /// One block per finding: location, message, and the JSON found there.
    pub fn human(&self, contracts: &Path) -> String {
        let mut out = String::new();
        let mut block = |kind: &str, file: &Path, pointer: &str, message: String| {
            out.push_str(&format!("{kind}: {}#{pointer}\n  {message}\n", file.display()));
            if let Some(snippet) = snippet(contracts, &contracts.join(file), pointer) {
                for line in snippet.lines() {
                    out.push_str(&format!("  | {line}\n"));
                }
            }
        };
        for e in &self.errors {
            block("error", &e.file, &e.pointer, e.problem.to_string());
        }
        for w in &self.warnings {
            block("warning", &w.file, &w.pointer, w.message.clone());
        }
        out.push_str(&format!("{} error(s), {} warning(s)\n", self.errors.len(), self.warnings.len()));
        out
    }

    /// `{"errors": [...], "warnings": [...]}` with file, pointer and message each.
    pub fn json(&self) -> String {
        let errors: Vec<Value> = self.errors.iter().map(|e| json!({"file": e.file, "pointer": e.pointer, "message": e.problem.to_string()})).collect();
        let warnings: Vec<Value> = self.warnings.iter().map(|w| json!({"file": w.file, "pointer": w.pointer, "message": w.message})).collect();
        json!({"errors": errors, "warnings": warnings}).to_string()
    }
}

/// The JSON at `pointer` in `file` (or its nearest existing parent), at most eight lines.
/// Read like every contract file: a FIFO or `/dev/zero` named in a problem is not read.
fn snippet(contracts: &Path, file: &Path, pointer: &str) -> Option<String> {
    let root = contracts.canonicalize().ok()?;
    let doc: Value = serde_json::from_str(&crate::load::read_text(&root, file).ok()?.1).ok()?;
    let mut at = pointer.to_owned();
    let value = loop {
        if let Some(v) = doc.pointer(&at) {
            break v;
        }
        at.truncate(at.rfind('/')?);
    };
    let text = serde_json::to_string_pretty(value).ok()?;
    let lines: Vec<&str> = text.lines().collect();
    let mut shown = lines.iter().take(8).copied().collect::<Vec<_>>().join("\n");
    if lines.len() > 8 {
        shown.push_str("\n…");
    }
    Some(shown)
}

pub use crate::dates::today_utc;
