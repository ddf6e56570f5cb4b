//! What the catalog shows, gathered from the loaded contracts and their model: domains,
//! example payloads, the diff between consecutive versions and between two releases.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diff::{Change, Report};
use crate::load::{Contracts, Status};
use crate::model::{ContractSet, EventModel, VersionModel};

/// A domain: a producer or consumer named by the registry or the envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Domain {
    /// Its name, e.g. `sales`.
    pub name: String,
    /// Event types it produces, sorted.
    pub produces: Vec<String>,
    /// Event types it consumes, sorted.
    pub consumes: Vec<String>,
    /// Contract directories of the event types it produces, sorted.
    pub contract_dirs: Vec<String>,
}

/// One example payload file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Its file name inside `examples/<event_type>-v<N>/`.
    pub file: String,
    /// Pretty-printed JSON, or the raw text when it is not JSON.
    pub text: String,
    /// Why it is shown raw (not JSON, unreadable), if it is.
    pub problem: Option<String>,
}

/// Everything the pages are rendered from.
#[derive(Debug, Clone)]
pub struct Catalog {
    /// The modelled contract set.
    pub set: ContractSet,
    /// Every domain, sorted by name.
    pub domains: Vec<Domain>,
    /// Example payloads by (event type, version), files sorted by name.
    pub examples: BTreeMap<(String, u32), Vec<Example>>,
    /// Changes from version N-1 to N, keyed by (event type, N).
    pub steps: BTreeMap<(String, u32), Vec<Change>>,
    /// The diff from the `--since` release, when one was given.
    pub release: Option<Report>,
}

impl Catalog {
    /// Gathers the catalog of a loaded and modelled contract set; `release` is the diff
    /// from an older release, if any.
    pub fn gather(loaded: &Contracts, set: ContractSet, release: Option<Report>) -> Self {
        let domains = domains(&set);
        let examples = examples(&loaded.roots.contracts, &set);
        let mut steps = BTreeMap::new();
        for event in &set.events {
            for pair in event.versions.windows(2) {
                steps.insert((event.name.clone(), pair[1].version), super::steps::between(loaded, &set, event, &pair[0], &pair[1]));
            }
        }
        Self { set, domains, examples, steps, release }
    }
}

/// Producers of the envelope and every producer and consumer of the registry, each once.
fn domains(set: &ContractSet) -> Vec<Domain> {
    let mut names: BTreeSet<&str> = set.producers.iter().map(String::as_str).collect();
    for e in &set.events {
        names.insert(&e.producer);
        names.extend(e.consumers.iter().map(String::as_str));
    }
    names
        .into_iter()
        .map(|name| {
            let produced: Vec<&EventModel> = set.events.iter().filter(|e| e.producer == name).collect();
            let mut contract_dirs: Vec<String> = produced.iter().flat_map(|e| e.versions.iter().filter_map(|v| v.contract_dir.clone())).collect();
            contract_dirs.sort();
            contract_dirs.dedup();
            Domain {
                name: name.to_owned(),
                produces: produced.iter().map(|e| e.name.clone()).collect(),
                consumes: set.events.iter().filter(|e| e.consumers.iter().any(|c| c == name)).map(|e| e.name.clone()).collect(),
                contract_dirs,
            }
        })
        .collect()
}

/// Example payloads under `<contracts>/examples/<event_type>-v<N>/`, read like every
/// contract file (inside the root, regular files, bounded size).
fn examples(root: &Path, set: &ContractSet) -> BTreeMap<(String, u32), Vec<Example>> {
    let mut out = BTreeMap::new();
    for event in &set.events {
        for v in &event.versions {
            let dir = root.join("examples").join(format!("{}-v{}", event.name, v.version));
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect();
            files.sort();
            let found: Vec<Example> = files.iter().map(|path| example(root, path)).collect();
            if !found.is_empty() {
                out.insert((event.name.clone(), v.version), found);
            }
        }
    }
    out
}

fn example(root: &Path, path: &Path) -> Example {
    let file = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match crate::load::read_text(root, path) {
        Err(problem) => Example { file, text: String::new(), problem: Some(problem.to_string()) },
        Ok((_, text)) => match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(value) => Example { file, text: serde_json::to_string_pretty(&value).unwrap_or(text), problem: None },
            Err(e) => Example { file, text, problem: Some(format!("not JSON: {e}")) },
        },
    }
}

/// The registry's word for a status.
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Active => "active",
        Status::Deprecated => "deprecated",
        Status::Retired => "retired",
    }
}

/// The newest version of an event type (the one its links point at).
pub fn latest(event: &EventModel) -> Option<&VersionModel> {
    event.versions.last()
}

/// The page of one event version, relative to the site root. Event type names are checked
/// by the loader (lowercase letters, digits, `.`, `_`, `-`); anything else is encoded
/// anyway, so no name can leave the output directory or clash with another.
pub fn version_page(event: &str, version: u32) -> String {
    let mut slug = String::new();
    for b in event.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => slug.push(char::from(b)),
            b'.' if !slug.is_empty() => slug.push('.'),
            other => slug.push_str(&format!("~{other:02x}")),
        }
    }
    format!("events/{slug}-v{version}.html")
}

#[cfg(test)]
mod tests {
    use super::version_page;

    #[test]
    fn page_names_stay_inside_the_site() {
        assert_eq!(version_page("lead.created", 2), "events/lead.created-v2.html");
        assert_eq!(version_page("../x/y", 1), "events/~2e.~2fx~2fy-v1.html", "a leading dot and every slash are encoded");
        assert_ne!(version_page("a~2e", 1), version_page("a.", 1));
    }
}
