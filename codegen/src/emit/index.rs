//! The contract set's index as rustdoc Markdown, for the docs of the module that includes
//! the generated file (`#![doc = include_str!(concat!(env!("OUT_DIR"), "/events.md"))]`):
//! a table from event type and version to Rust type, producer, consumers and status, and
//! the list of contract modules.
//!
//! Links are relative to that module, so the same text serves a crate root and a domain
//! crate's `mod events { include!(…); }`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::events::{consumers, status_name};
use crate::model::names::doc_code;
use crate::model::ContractSet;

/// The index of `set`, as Markdown with `##` headings (it goes under the includer's own).
pub fn render(set: &ContractSet) -> String {
    let mut out = String::from("## Event types\n\n");
    out.push_str("Every event type and schema version of the contract set, with its payload type. ");
    out.push_str("`any::AnyEvent` decodes any of them; rustdoc's search finds a payload type by its event type's name too.\n\n");
    out.push_str("| Event type | Version | Rust type | Producer | Consumers | Status |\n|---|---|---|---|---|---|\n");
    for event in &set.events {
        for v in &event.versions {
            let ty = format!("[`{}`]({}::{})", v.rust_name, v.contract_module, v.rust_name);
            let _ = writeln!(
                out,
                "| {} | {} | {ty} | {} | {} | {} |",
                cell(&doc_code(&event.name)),
                v.version,
                cell(&doc_code(&event.producer)),
                cell(&consumers(event)),
                status_name(v.status)
            );
        }
    }
    out.push_str("\n## Contract modules\n\nOne module per contract directory, holding its payload types (one module per version) and re-exporting them.\n\n");
    let mut modules: BTreeMap<&str, (Option<&str>, usize)> = BTreeMap::new();
    for v in set.events.iter().flat_map(|e| &e.versions) {
        let entry = modules.entry(&v.contract_module).or_insert((v.contract_dir.as_deref(), 0));
        entry.1 += 1;
    }
    for (module, (dir, count)) in modules {
        let what = match dir {
            Some(dir) => format!("the {} contract directory", doc_code(dir)),
            None => "versions with neither a payload schema nor an owning contract".to_owned(),
        };
        let _ = writeln!(out, "- [`{module}`]({module}): {what}, {count} version{}", if count == 1 { "" } else { "s" });
    }
    if !set.shared.is_empty() {
        out.push_str("\nTypes of schema files that payloads share through cross-file `$ref`s are in [`shared`](shared):\n\n");
        for m in &set.shared {
            let _ = writeln!(out, "- [`shared::{0}`](shared::{0}): {1}", m.module, doc_code(&m.file));
        }
    }
    out
}

/// Markdown as table cell text: a `|` ends a cell, even inside a code span, unless escaped.
fn cell(markdown: &str) -> String {
    markdown.replace('|', "\\|")
}
