//! `check`: every error of the build plus the lint warnings, rendered for people
//! (rustc-style, with the source line and a caret) or as JSON for machines.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::diagnostics::{Diagnostic, Span};
use crate::lint::Warning;
use crate::render::{Finding, Severity};

/// What `check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Problems that fail generation, located (path as given, line and column).
    pub errors: Vec<Diagnostic>,
    /// Problems that do not: the registry lints.
    pub warnings: Vec<Warning>,
    /// Problems that do not, found in the schemas (unknown keywords read as annotations
    /// under `UnknownKeywords::Warn`), located like errors.
    pub schema_warnings: Vec<Diagnostic>,
    /// Where each warning is: the path shown and its span (parallel to `warnings`).
    warnings_at: Vec<(PathBuf, Option<Span>)>,
}

/// Loads, models and lints the contract set at `contracts`, with default options.
pub fn check(contracts: &std::path::Path, today: &str) -> Report {
    check_with(&crate::Config::new(contracts), today)
}

/// Loads, models and lints the contract set `config` names, with its options.
pub fn check_with(config: &crate::Config, today: &str) -> Report {
    let root = config.contracts_dir();
    let errors = |d: crate::Diagnostics| {
        let (errors, schema_warnings) = d.locate(root).0.into_iter().partition(|d| d.severity == crate::Severity::Error);
        Report { errors, schema_warnings, ..Report::default() }
    };
    match config.load_and_model() {
        Err(d) => errors(d),
        Ok((loaded, mut set)) => {
            let schema_warnings = crate::Diagnostics(std::mem::take(&mut set.warnings)).locate(root).0;
            let warnings = crate::lint::lint(&loaded, &set.producers, today);
            let targets: Vec<crate::locate::Target<'_>> =
                warnings.iter().map(|w| crate::locate::Target { file: &w.file, pointer: w.pointer.clone(), aim: crate::locate::Aim::Value }).collect();
            let spans = crate::locate::spans_of(root, &targets);
            let warnings_at = warnings.iter().zip(spans).map(|(w, span)| (crate::locate::shown(root, &w.file, None), span)).collect();
            Report { errors: Vec::new(), warnings, schema_warnings, warnings_at }
        }
    }
}

impl Report {
    /// Every finding rendered rustc-style (errors first), then the counts.
    pub fn human(&self) -> String {
        self.render(false)
    }

    /// [`Report::human`], with terminal colors when `color`.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for e in &self.errors {
            out.push_str(&crate::render::diagnostic(e, color));
            out.push('\n');
        }
        for w in &self.schema_warnings {
            out.push_str(&crate::render::diagnostic(w, color));
            out.push('\n');
        }
        for (i, w) in self.warnings.iter().enumerate() {
            let (path, span) = self.warning_at(i);
            let finding = Finding {
                severity: Severity::Warning,
                message: &w.message,
                help: None,
                path: Some(path),
                setting: None,
                pointer: &w.pointer,
                span,
                note: None,
            };
            out.push_str(&crate::render::finding(&finding, color));
            out.push('\n');
        }
        out.push_str(&format!("{} error(s), {} warning(s)\n", self.errors.len(), self.warnings.len() + self.schema_warnings.len()));
        out
    }

    fn warning_at(&self, i: usize) -> (&std::path::Path, Option<&Span>) {
        match self.warnings_at.get(i) {
            Some((path, span)) => (path, span.as_ref()),
            None => (&self.warnings[i].file, None),
        }
    }

    /// `{"errors": [...], "warnings": [...]}`; each finding has `file` (the path as
    /// given), `pointer`, `line` and `column` (1-based; `null` when the finding has no
    /// place in a file's text), `message`, and for errors and schema warnings `help` (or `null`).
    pub fn json(&self) -> String {
        let errors: Vec<Value> = self
            .errors
            .iter()
            .map(|e| {
                json!({"file": e.shown, "pointer": e.pointer, "line": e.line(), "column": e.column(), "message": e.problem.to_string(), "help": e.problem.help(), "reached_from": e.reached_from})
            })
            .collect();
        let schema_warnings = self.schema_warnings.iter().map(|w| {
            json!({"file": w.shown, "pointer": w.pointer, "line": w.line(), "column": w.column(), "message": w.problem.to_string(), "help": w.problem.help()})
        });
        let warnings: Vec<Value> = schema_warnings
            .chain((0..self.warnings.len()).map(|i| {
                let (path, span) = self.warning_at(i);
                let w = &self.warnings[i];
                json!({"file": path, "pointer": w.pointer, "line": span.map(|s| s.line), "column": span.map(|s| s.column), "message": w.message})
            }))
            .collect();
        json!({"errors": errors, "warnings": warnings}).to_string()
    }
}

pub use crate::dates::today_utc;
