//! rustc-style rendering of findings, by `annotate-snippets` (the renderer rustc uses):
//!
//! ```text
//! error: unknown status "live": expected "active", "deprecated" or "retired"
//!  --> contracts/event-types-registry.json:7:23
//!   |
//! 7 |           "status": "live",
//!   |                     ^^^^^^ /event_types/a.b/schema_versions/0/status
//! ```
//!
//! One format for every problem: the build-script error, `check` and `generate` all
//! render here.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::diagnostics::{Diagnostic, Problem, Span};

pub(crate) use crate::diagnostics::Severity;

/// What a rendered block says.
pub(crate) struct Finding<'a> {
    pub(crate) severity: Severity,
    pub(crate) message: &'a str,
    pub(crate) help: Option<&'a str>,
    /// The file as the user names it; `None` for a build-script setting.
    pub(crate) path: Option<&'a Path>,
    /// What names the setting, when `path` is `None` (`Config::id_type`).
    pub(crate) setting: Option<&'a Path>,
    pub(crate) pointer: &'a str,
    pub(crate) span: Option<&'a Span>,
    /// A closing note (the payload schemas a problem in a shared file stops).
    pub(crate) note: Option<String>,
}

/// How many payload schemas a note names before it says how many more there are.
const REACHED_SHOWN: usize = 8;

/// The note listing the payload schemas a problem stops, if any.
fn reached_note(reached: &[std::path::PathBuf]) -> Option<String> {
    let (first, more) = reached.split_at(reached.len().min(REACHED_SHOWN));
    let mut names: Vec<String> = first.iter().map(|p| p.display().to_string()).collect();
    if !more.is_empty() {
        names.push(format!("and {} more", more.len()));
    }
    (!reached.is_empty()).then(|| format!("reached from {} payload schema(s), which do not generate until it is fixed: {}", reached.len(), names.join(", ")))
}

/// One diagnostic, rendered.
pub(crate) fn diagnostic(d: &Diagnostic, color: bool) -> String {
    let (message, mut help) = (d.problem.message(), d.problem.help());
    if matches!(d.problem, Problem::Io(_)) && d.file == Path::new(crate::load::REGISTRY_FILE) {
        help = Some(format!("the contract root is the directory that holds {}", crate::load::REGISTRY_FILE));
    }
    let setting = matches!(d.problem, Problem::BadConfig(_));
    finding(
        &Finding {
            severity: d.severity,
            message: &message,
            help: help.as_deref(),
            path: (!setting).then_some(d.shown.as_path()),
            setting: setting.then_some(d.file.as_path()),
            pointer: &d.pointer,
            span: d.span.as_ref(),
            note: reached_note(&d.reached_from),
        },
        color,
    )
}

/// One finding, rendered, ending with a line break.
pub(crate) fn finding(f: &Finding<'_>, color: bool) -> String {
    let level = match f.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let path = f.path.map(|p| p.display().to_string());
    let label = if f.pointer.is_empty() { "the whole document".to_owned() } else { f.pointer.to_owned() };
    let mut group = Group::with_title(level.primary_title(f.message));
    match (&path, f.span) {
        (Some(path), Some(span)) if span.whole_line => {
            group = group.element(
                Snippet::source(span.source.as_str())
                    .line_start(span.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span.underline.clone()).label(label.as_str())),
            );
        }
        (Some(path), Some(span)) => {
            group = group
                .element(Origin::path(path.as_str()).line(span.line).char_column(span.column))
                .element(Level::NOTE.message(format!("at {label}, in a line too long to show: …{}…", span.source)));
        }
        (Some(path), None) => {
            group = group.element(Origin::path(path.as_str()));
            if !f.pointer.is_empty() {
                group = group.element(Level::NOTE.message(format!("at {}", f.pointer)));
            }
        }
        (None, _) => {
            if let Some(setting) = f.setting {
                group = group.element(Level::NOTE.message(format!("set by {} in the build script", setting.display())));
            }
        }
    }
    if let Some(note) = &f.note {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    let help = f.help.map(str::to_owned);
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let mut out = renderer(color).render(&[group]);
    out.push('\n');
    out
}

/// A closing line such as `error: the contract set has 3 problem(s)`.
pub(crate) fn summary(text: &str, color: bool) -> String {
    let mut out = renderer(color).render(&[Group::with_title(Level::ERROR.primary_title(text))]);
    out.push('\n');
    out
}

fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}
