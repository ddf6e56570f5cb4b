//! The index page: the graph, the domains and every event type with its versions.

use std::fmt::Write as _;

use super::data::{latest, status_name, version_page, Catalog};
use super::html::{badge, code, escape, link, page};

/// The page of the release diff, relative to the site root.
pub const CHANGES_PAGE: &str = "changes.html";

/// `index.html`.
pub fn render(catalog: &Catalog, since_label: Option<&str>) -> String {
    let set = &catalog.set;
    let versions: usize = set.events.iter().map(|e| e.versions.len()).sum();
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>Event catalog</h1>\n<div class=\"summary\"><div>registry version {}</div><div>{} domains</div><div>{} event types</div><div>{} versions</div>",
        code(set.registry_version.as_deref().unwrap_or("unversioned")),
        catalog.domains.len(),
        set.events.len(),
        versions
    );
    if let (Some(report), Some(label)) = (&catalog.release, since_label) {
        let breaking = report.changes.iter().filter(|c| c.producers == crate::diff::Impact::Breaking || c.consumers == crate::diff::Impact::Breaking).count();
        let _ = write!(body, "<div>{} since {} ({breaking} breaking)</div>", link(CHANGES_PAGE, &format!("{} changes", report.changes.len())), escape(label));
    }
    body.push_str("</div>\n");

    body.push_str("<h2 id=\"graph-heading\">Producers, events and consumers</h2>\n");
    body.push_str(
        "<p class=\"legend\">Coloured arrows: a domain produces an event type. Grey dashed arrows: an event type is consumed by a domain. \
         Event colour: status of its newest version (green active, amber deprecated, grey retired). Point at a node to see only its edges; click it to open it.</p>\n",
    );
    let _ = writeln!(body, "<style>\n{}</style>", super::graph::hover_css(&catalog.domains, &set.events));
    let _ = writeln!(body, "<div class=\"graph\">{}</div>", super::graph::svg(&catalog.domains, &set.events, ""));

    body.push_str("<h2 id=\"domains\">Domains</h2>\n<table class=\"domains\"><thead><tr><th>Domain</th><th>Contract directories</th><th>Produces</th><th>Consumes</th></tr></thead><tbody>\n");
    for d in &catalog.domains {
        let events = |names: &[String]| names.iter().map(|n| event_link(catalog, n)).collect::<Vec<_>>().join(", ");
        let dirs: Vec<String> = d.contract_dirs.iter().map(|c| code(c)).collect();
        let _ = writeln!(
            body,
            "<tr id=\"domain-{0}\"><td><strong>{0}</strong></td><td class=\"dirs\">{1}</td><td>{2}</td><td>{3}</td></tr>",
            escape(&d.name),
            dirs.join(" "),
            events(&d.produces),
            events(&d.consumes)
        );
    }
    body.push_str("</tbody></table>\n");

    body.push_str(
        "<h2 id=\"event-types\">Event types</h2>\n<table class=\"events\"><thead><tr><th>Event type</th><th>Producer</th><th>Consumers</th><th>Contract</th><th>Versions</th></tr></thead><tbody>\n",
    );
    for e in &set.events {
        let versions: Vec<String> = e
            .versions
            .iter()
            .map(|v| format!("{} {}", link(&version_page(&e.name, v.version), &format!("v{}", v.version)), badge(status_name(v.status))))
            .collect();
        let dir = e.versions.iter().rev().find_map(|v| v.contract_dir.as_deref()).map(code).unwrap_or_default();
        let consumers: Vec<String> = e.consumers.iter().map(|c| link(&format!("#domain-{c}"), c)).collect();
        let _ = writeln!(
            body,
            "<tr class=\"event-type\" data-event-type=\"{name}\"><td>{}</td><td>{}</td><td>{}</td><td>{dir}</td><td>{}</td></tr>",
            event_link(catalog, &e.name),
            link(&format!("#domain-{}", e.producer), &e.producer),
            consumers.join(", "),
            versions.join("<br>"),
            name = escape(&e.name)
        );
    }
    body.push_str("</tbody></table>\n");
    page("", "Event catalog", &body)
}

/// A link to the newest version's page of an event type (plain text if it has none).
fn event_link(catalog: &Catalog, name: &str) -> String {
    match catalog.set.events.iter().find(|e| e.name == name).and_then(latest) {
        Some(v) => link(&version_page(name, v.version), name),
        None => code(name),
    }
}
