//! Resolving a registry's `payload_schema` path safely inside the contract root.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Problem;

/// Where the contract set lives.
#[derive(Debug, Clone)]
pub struct Roots {
    /// The directory holding `event-types-registry.json` (canonical).
    pub contracts: PathBuf,
    /// Its parent: registry paths such as `contracts/identity/...` are relative to it.
    pub package: PathBuf,
}

impl Roots {
    /// Canonicalises the contract root.
    pub fn new(contracts: &Path) -> std::io::Result<Self> {
        let contracts = contracts.canonicalize()?;
        let package = contracts.parent().map_or_else(|| contracts.clone(), Path::to_path_buf);
        Ok(Self { contracts, package })
    }

    /// Resolves a registry path to a file inside the contract root, or says why not.
    ///
    /// Absolute paths, `..` that climbs out of the root, and symlinks whose target is
    /// outside the root are all refused; the file must exist. Reading it goes through
    /// [`super::read_document`], which also refuses anything but a regular file.
    pub fn resolve(&self, relative: &str) -> Result<PathBuf, Problem> {
        let path = Path::new(relative);
        if path.is_absolute() || path.components().any(|c| matches!(c, Component::Prefix(_) | Component::RootDir)) {
            return Err(Problem::AbsolutePath(relative.to_owned()));
        }
        let mut lexical = self.package.clone();
        for component in path.components() {
            match component {
                Component::ParentDir => {
                    lexical.pop();
                }
                Component::Normal(part) => lexical.push(part),
                _ => {}
            }
        }
        if !lexical.starts_with(&self.contracts) {
            return Err(Problem::EscapesRoot(relative.to_owned()));
        }
        let real = lexical.canonicalize().map_err(|_| Problem::MissingFile { path: relative.to_owned(), near: near_file(&lexical, relative) })?;
        if !real.starts_with(&self.contracts) {
            return Err(Problem::SymlinkOutsideRoot(relative.to_owned()));
        }
        // Whether it is a regular file of sane size is the reader's check, shared by every file.
        Ok(real)
    }

    /// The path of `file` relative to the contract root, for messages and `$id` checks.
    pub fn shown(&self, file: &Path) -> PathBuf {
        file.strip_prefix(&self.contracts).map_or_else(|_| file.to_path_buf(), Path::to_path_buf)
    }
}

/// The registry path of the file nearest by name to the missing `wanted` in its directory
/// (`order.ratd-v1.json` → `order.rated-v1.json`), when one is close enough to be a typo.
fn near_file(wanted: &Path, relative: &str) -> Option<String> {
    let name = wanted.file_name()?.to_string_lossy().into_owned();
    let entries = std::fs::read_dir(wanted.parent()?).ok()?;
    let (_, found) = entries
        .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
        .map(|candidate| (strsim::damerau_levenshtein(&candidate, &name), candidate))
        .filter(|(distance, _)| *distance > 0 && *distance <= (name.len() / 5).max(2))
        .min()?;
    let (dir, _) = relative.rsplit_once('/').unwrap_or(("", relative));
    Some(if dir.is_empty() { found } else { format!("{dir}/{found}") })
}
