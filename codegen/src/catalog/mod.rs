//! `catalog`: a static HTML site describing a contract set — an index of domains and
//! event types, a producer → event → consumer graph in SVG, and a page per event version
//! with its fields, constraints, examples, timeline and diffs.
//!
//! The site needs no server and no network: every page is a file, links are relative,
//! and the stylesheet is a file next to the pages. Output is deterministic: the same
//! contracts give the same bytes.
//!
//! Every text that comes from the contracts goes through [`html::escape`].

mod changes;
mod data;
mod graph;
pub mod html;
mod index;
mod steps;
mod types_view;
mod version_page;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use data::version_page as version_page_path;

use crate::diagnostics::Diagnostics;

/// Why the catalog could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The contract set has problems; every one is listed.
    #[error("{0}")]
    Contracts(Diagnostics),
    /// The older release given with `--since` has problems.
    #[error("the older release (--since) has problems:\n{0}")]
    Since(Diagnostics),
    /// Writing a file failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

/// The rendered site: file contents by path relative to the output directory (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// Every file, sorted by path.
    pub files: BTreeMap<String, String>,
}

/// Renders the catalog of the contract set at `contracts`; with `since`, also the diff
/// from that older release. A directory that holds the registry in a `contracts/`
/// child (a package root) is accepted for either.
pub fn render(contracts: &Path, since: Option<&Path>) -> Result<Site, Error> {
    let options = crate::model::ModelOptions::default();
    let root = contract_root(contracts);
    let loaded = crate::load::load(&root).map_err(Error::Contracts)?;
    let set = crate::model::build(&loaded, &options).map_err(Error::Contracts)?;
    let release = match since {
        None => None,
        Some(old) => {
            let old_root = contract_root(old);
            let old_loaded = crate::load::load(&old_root).map_err(Error::Since)?;
            let old_set = crate::model::build(&old_loaded, &options).map_err(Error::Since)?;
            let label = old_set.registry_version.clone().map_or_else(|| old.display().to_string(), |v| format!("registry version {v}"));
            Some((crate::diff::diff((&old_loaded, &old_set), (&loaded, &set)), label))
        }
    };
    let (report, label) = release.map_or((None, None), |(r, l)| (Some(r), Some(l)));
    let catalog = data::Catalog::gather(&loaded, set, report);
    let label = label.as_deref();

    let mut files = BTreeMap::new();
    files.insert(html::STYLESHEET.to_owned(), html::CSS.to_owned());
    files.insert("index.html".to_owned(), index::render(&catalog, label));
    if let Some(label) = label {
        files.insert(index::CHANGES_PAGE.to_owned(), changes::render(&catalog, label));
    }
    for event in &catalog.set.events {
        for v in &event.versions {
            files.insert(data::version_page(&event.name, v.version), version_page::render(&catalog, event, v, label));
        }
    }
    Ok(Site { files })
}

/// Renders the catalog (see [`render`]) and writes it under `out`, creating directories;
/// returns the paths written, relative to `out`.
pub fn write(contracts: &Path, out: &Path, since: Option<&Path>) -> Result<Vec<PathBuf>, Error> {
    let site = render(contracts, since)?;
    let mut written = Vec::new();
    for (relative, contents) in &site.files {
        let path = out.join(relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        }
        crate::config_write(&path, contents).map_err(|e| match e {
            crate::Error::Write { path, source } => Error::Write { path, source },
            other => Error::Write { path: path.clone(), source: std::io::Error::other(other.to_string()) },
        })?;
        written.push(PathBuf::from(relative));
    }
    Ok(written)
}

/// `dir`, or `dir/contracts` when only the latter holds a registry.
fn contract_root(dir: &Path) -> PathBuf {
    let nested = dir.join("contracts");
    if !dir.join(crate::load::REGISTRY_FILE).exists() && nested.join(crate::load::REGISTRY_FILE).exists() {
        nested
    } else {
        dir.to_path_buf()
    }
}

#[cfg(test)]
mod tests;
