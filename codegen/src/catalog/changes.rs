//! Tables of changes (between consecutive versions, or between two releases) and the
//! page of the release diff.

use std::fmt::Write as _;

use super::data::{version_page, Catalog};
use super::html::{code, escape, link, page};
use crate::diff::{Change, Impact};

fn impact(i: Impact) -> String {
    let name = match i {
        Impact::Compatible => "compatible",
        Impact::Warning => "warning",
        Impact::Breaking => "BREAKING",
    };
    format!("<span class=\"impact-{name}\">{name}</span>")
}

/// A table of changes. `events` links each change to its event version page (from a page
/// at `root`), when the catalog has that page.
pub fn table(changes: &[Change], events: Option<(&Catalog, &str)>) -> String {
    if changes.is_empty() {
        return "<p>No change.</p>\n".into();
    }
    let mut out = String::from("<table class=\"changes\"><thead><tr>");
    if events.is_some() {
        out.push_str("<th>Event type</th><th>Version</th>");
    }
    out.push_str("<th>Path</th><th>Change</th><th>Producers</th><th>Consumers</th></tr></thead><tbody>\n");
    for c in changes {
        out.push_str("<tr>");
        if let Some((catalog, root)) = events {
            let version = c.version.map(|v| format!("v{v}")).unwrap_or_default();
            let exists = catalog.set.events.iter().any(|e| e.name == c.event_type && c.version.is_none_or(|n| e.versions.iter().any(|v| v.version == n)));
            let target = catalog.set.events.iter().find(|e| e.name == c.event_type).and_then(|e| c.version.or(e.versions.last().map(|v| v.version)));
            match (exists, target) {
                (true, Some(n)) => {
                    let _ = write!(out, "<td>{}</td><td>{}</td>", link(&format!("{root}{}", version_page(&c.event_type, n)), &c.event_type), escape(&version));
                }
                _ => {
                    let _ = write!(out, "<td>{}</td><td>{}</td>", code(&c.event_type), escape(&version));
                }
            }
        }
        let flag = if c.in_place_edit { " <strong>(published version edited in place)</strong>" } else { "" };
        let path = if c.path.is_empty() { String::new() } else { code(&c.path) };
        let _ = writeln!(out, "<td>{path}</td><td>{}{flag}</td><td>{}</td><td>{}</td></tr>", escape(&c.what), impact(c.producers), impact(c.consumers));
    }
    out.push_str("</tbody></table>\n");
    out
}

/// `changes.html`: every change since the release `label`.
pub fn render(catalog: &Catalog, label: &str) -> String {
    let mut body = format!("<h1>Changes since {}</h1>\n", escape(label));
    if let Some(report) = &catalog.release {
        body.push_str("<p class=\"meta\">Impact on producers: a payload valid before may be invalid now. Impact on consumers: decoders built from the old contract may reject new payloads, or the API they use lost something.</p>\n");
        body.push_str(&table(&report.changes, Some((catalog, ""))));
    }
    page("", &format!("Changes since {label}"), &body)
}
