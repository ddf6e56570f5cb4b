//! The page of one event version: registry facts, timeline, payload types, examples, and
//! what changed from the previous version and since the older release.

use std::fmt::Write as _;

use super::data::{status_name, version_page, Catalog};
use super::html::{badge, code, escape, link, page};
use super::types_view::{kind_name, shared_modules, Scope};
use crate::model::types::{Shape, TypeDef, TypeKind};
use crate::model::{EventModel, Payload, VersionModel};

/// From a version page back to the site root.
const ROOT: &str = "../";

/// The page of `event` version `v`.
pub fn render(catalog: &Catalog, event: &EventModel, v: &VersionModel, since_label: Option<&str>) -> String {
    let mut body = String::new();
    let title = format!("{} v{}", event.name, v.version);
    let _ = writeln!(body, "<p class=\"meta\">{} › {}</p>", link(&format!("{ROOT}index.html#event-types"), "Event types"), escape(&event.name));
    let _ = writeln!(body, "<h1>{} {}</h1>", escape(&title), badge(status_name(v.status)));
    facts(&mut body, event, v);
    timeline(&mut body, event, v);
    match &v.payload {
        Some(payload) => types(&mut body, catalog, payload),
        None => body.push_str("<h2>Payload</h2>\n<p>No payload schema is published for this version: the payload is an opaque JSON object.</p>\n"),
    }
    examples(&mut body, catalog, event, v);
    if let Some(changes) = catalog.steps.get(&(event.name.clone(), v.version)) {
        let previous = event.versions.iter().rev().find(|p| p.version < v.version).map_or(0, |p| p.version);
        let _ = writeln!(
            body,
            "<h2 id=\"diff-previous\">Changes from {}</h2>",
            link(&format!("{ROOT}{}", version_page(&event.name, previous)), &format!("v{previous}"))
        );
        body.push_str(
            "<p class=\"meta\">Read as if the previous version's contract had been edited into this one: what producers and consumers of the previous version would break on. Both versions stay decodable; each is its own Rust type.</p>\n",
        );
        body.push_str(&super::changes::table(changes, None));
    }
    if let (Some(report), Some(label)) = (&catalog.release, since_label) {
        let mine: Vec<_> = report.changes.iter().filter(|c| c.event_type == event.name && c.version.is_none_or(|n| n == v.version)).cloned().collect();
        let _ = writeln!(body, "<h2 id=\"diff-release\">Changes since {}</h2>", escape(label));
        body.push_str(&super::changes::table(&mine, None));
    }
    page(ROOT, &title, &body)
}

fn facts(body: &mut String, event: &EventModel, v: &VersionModel) {
    let consumers: Vec<String> = event.consumers.iter().map(|c| link(&format!("{ROOT}index.html#domain-{c}"), c)).collect();
    let module = format!("{}::{}::{}", v.contract_module, v.version_module, v.rust_name);
    body.push_str("<table class=\"facts\"><tbody>\n");
    let mut row = |k: &str, value: String| {
        let _ = writeln!(body, "<tr><th>{k}</th><td>{value}</td></tr>");
    };
    row("Producer", link(&format!("{ROOT}index.html#domain-{}", event.producer), &event.producer));
    row("Consumers", consumers.join(", "));
    row("Rust type", code(&module));
    if let Some(schema) = &v.payload_schema {
        row("Payload schema", code(schema));
    }
    if let Some(readme) = &event.owning_contract {
        row("Owning contract", code(readme));
    }
    if let Some(notes) = &v.notes {
        row("Notes", format!("<span class=\"desc\">{}</span>", escape(notes)));
    }
    body.push_str("</tbody></table>\n");
}

/// Every version's status and dates, this one highlighted.
fn timeline(body: &mut String, event: &EventModel, current: &VersionModel) {
    body.push_str("<h2 id=\"timeline\">Status and timeline</h2>\n<table class=\"timeline\"><thead><tr><th>Version</th><th>Status</th><th>Registered</th><th>Active from</th><th>Deprecated at</th><th>Producer cutover</th></tr></thead><tbody>\n");
    let date = |d: Option<&str>| d.map(escape).unwrap_or_else(|| "—".into());
    for v in &event.versions {
        let class = if v.version == current.version { " class=\"current\"" } else { "" };
        let _ = writeln!(
            body,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            link(&format!("{ROOT}{}", version_page(&event.name, v.version)), &format!("v{}", v.version)),
            badge(status_name(v.status)),
            escape(&v.registered_at),
            date(v.active_from.as_deref()),
            date(v.deprecated_at.as_deref()),
            date(v.producer_cutover.as_deref()),
        );
    }
    body.push_str("</tbody></table>\n<p class=\"meta\">Producer cutover: the date producers must have stopped emitting a deprecated or retired version (the next version's active_from, else deprecated_at plus the grace period). Consumers keep decoding it.</p>\n");
}

/// The payload type first, then every type it uses, each with its fields or values.
fn types(body: &mut String, catalog: &Catalog, payload: &Payload) {
    let scope = Scope { space: &payload.space, set: &catalog.set, module: None };
    body.push_str("<h2 id=\"payload\">Payload</h2>\n");
    if let Some(title) = &payload.title {
        let _ = writeln!(body, "<p>Schema title: {}</p>", escape(title));
    }
    let mut order: Vec<usize> = vec![payload.root];
    order.extend((0..payload.space.defs.len()).filter(|i| *i != payload.root));
    for id in order {
        if let Some(def) = payload.space.defs.get(id) {
            type_section(body, scope, def, id == payload.root);
        }
    }
    let modules = shared_modules(&payload.space, &catalog.set);
    for shared in catalog.set.shared.iter().filter(|m| modules.contains(&m.module)) {
        let _ = writeln!(body, "<h2 id=\"shared-{}\">Shared types of {}</h2>", escape(&shared.module), code(&shared.file));
        let scope = Scope { space: &shared.space, set: &catalog.set, module: Some(&shared.module) };
        for def in &shared.space.defs {
            type_section(body, scope, def, false);
        }
    }
}

fn type_section(body: &mut String, scope: Scope<'_>, def: &TypeDef, root: bool) {
    let role = if root { " (the payload)" } else { "" };
    let _ = writeln!(body, "<h3 id=\"{}\">{} <span class=\"meta\">{}{role}</span></h3>", escape(&scope.def_anchor(def)), code(&def.name), kind_name(&def.kind));
    if let Some(doc) = &def.doc {
        let _ = writeln!(body, "<p class=\"desc\">{}</p>", escape(doc));
    }
    match &def.kind {
        TypeKind::Struct(s) => {
            body.push_str("<table class=\"fields\"><thead><tr><th>Field</th><th>Rust type</th><th>JSON type</th><th>Presence</th><th>Constraints</th><th>Description</th></tr></thead><tbody>\n");
            for f in &s.fields {
                let mut presence = vec![if f.required { "required" } else { "optional" }];
                if f.slot.nullable {
                    presence.push("nullable");
                }
                let rust = if f.required { scope.rust_slot(&f.slot) } else { format!("Option<{}>", scope.rust_slot(&f.slot)) };
                let rust_field = if f.ident == f.json { String::new() } else { format!("<br><span class=\"meta\">Rust field {}</span>", code(&f.ident)) };
                let _ = writeln!(
                    body,
                    "<tr data-field=\"{}\"><td>{}{rust_field}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"desc\">{}</td></tr>",
                    escape(&f.json),
                    code(&f.json),
                    type_ref(scope, &f.slot.shape, &rust),
                    escape(&scope.json_slot(&f.slot)),
                    presence.join(", "),
                    list(&scope.constraints(&f.slot.shape)),
                    escape(f.doc.as_deref().unwrap_or("")),
                );
            }
            body.push_str("</tbody></table>\n");
            if s.fields.is_empty() {
                body.push_str("<p>No properties.</p>\n");
            }
            let extra = scope.kind_constraints(&def.kind);
            if !extra.is_empty() {
                let _ = writeln!(body, "<p>{}</p>", list(&extra));
            }
        }
        TypeKind::Union(u) => {
            let _ = writeln!(body, "<p>{}</p>", list(&scope.kind_constraints(&def.kind)));
            body.push_str("<ul>\n");
            for (value, variant, id) in &u.variants {
                let target = scope
                    .space
                    .defs
                    .get(*id)
                    .map_or_else(|| escape(variant), |d| format!("<a href=\"#{}\">{}</a>", escape(&scope.def_anchor(d)), escape(&d.name)));
                let _ = writeln!(body, "<li>{} = {}: {target}</li>", code(&u.tag), code(&format!("{value:?}")));
            }
            body.push_str("</ul>\n");
        }
        TypeKind::Untagged(u) => {
            let _ = writeln!(body, "<p>{}</p>", list(&scope.kind_constraints(&def.kind)));
            body.push_str("<ul>\n");
            for (variant, slot) in &u.variants {
                let _ = writeln!(
                    body,
                    "<li>{}: {} {}</li>",
                    code(variant),
                    type_ref(scope, &slot.shape, &scope.rust_slot(slot)),
                    list(&scope.constraints(&slot.shape))
                );
            }
            body.push_str("</ul>\n");
        }
        TypeKind::Checked(c) => {
            let _ = writeln!(
                body,
                "<p>Typed core: {}. {}</p>",
                type_ref(scope, &c.core.shape, &scope.rust_slot(&c.core)),
                list(&scope.kind_constraints(&def.kind))
            );
        }
        kind => {
            let _ = writeln!(body, "<p>{}</p>", list(&scope.kind_constraints(kind)));
        }
    }
}

/// A Rust type, linked to its section when it names a type of this page.
fn type_ref(scope: Scope<'_>, shape: &Shape, rust: &str) -> String {
    let inner = match shape {
        Shape::Array { items, .. } => &items.shape,
        Shape::Map(values) => &values.shape,
        other => other,
    };
    match scope.anchor(inner) {
        Some(anchor) => format!("<a href=\"#{}\">{}</a>", escape(&anchor), code(rust)),
        None => code(rust),
    }
}

fn list(items: &[String]) -> String {
    items.iter().map(|s| escape(s)).collect::<Vec<_>>().join("; ")
}

fn examples(body: &mut String, catalog: &Catalog, event: &EventModel, v: &VersionModel) {
    let Some(found) = catalog.examples.get(&(event.name.clone(), v.version)) else { return };
    let _ = writeln!(body, "<h2 id=\"examples\">Examples</h2>\n<p class=\"meta\">From <code>examples/{}-v{}/</code>.</p>", escape(&event.name), v.version);
    for e in found {
        let _ = writeln!(body, "<h3>{}</h3>", code(&e.file));
        if let Some(problem) = &e.problem {
            let _ = writeln!(body, "<p class=\"impact-BREAKING\">Shown as found: {}</p>", escape(problem));
        }
        let _ = writeln!(body, "<pre class=\"example\">{}</pre>", escape(&e.text));
    }
}
