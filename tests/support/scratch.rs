//! Scratch crates: small crates that tests write and build against the runtime (generated
//! code that must compile, the domain-crate example, the compile-fail cases, the
//! JSON-Schema-Test-Suite runner).
//!
//! They all build in one target directory, `scratch/` inside the target directory the
//! running test binary was built in, so `CARGO_TARGET_DIR`, `--target-dir` and
//! `build.target-dir` are honoured, and the runtime, its dependencies and the generator
//! (its build dependency) are compiled once for all of them. Cargo reuses a build only when
//! it is asked for the same package with the same features and profile, so every scratch
//! crate depends on the runtime (`events-runtime`) through [`runtime_dependency`] (and, if
//! it uses the repository's own bindings, on `events` through [`bindings_dependency`]) and
//! builds with [`PROFILE`].
//!
//! Shared by the root package's tests and the generator's (`codegen/tests/support`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The target directory the running test binary was built in: the binary lives in
/// `<target dir>/[<triple>/]<profile>/deps/`, whatever chose that directory.
pub fn workspace_target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary has a path");
    let deps = exe.parent().expect("the test binary lives in <target>/<profile>/deps");
    deps.parent().and_then(Path::parent).expect("the test binary lives in <target>/<profile>/deps").to_path_buf()
}

/// The one target directory of every scratch crate: `<target dir>/scratch`.
pub fn target_dir() -> PathBuf {
    workspace_target_dir().join("scratch")
}

/// A directory for a scratch crate that is kept between runs (so its own build is
/// incremental): `<target dir>/scratch-crates/<name>`.
pub fn crate_dir(name: &str) -> PathBuf {
    workspace_target_dir().join("scratch-crates").join(name)
}

/// The profile of every scratch crate. The same for all, so they share builds; without
/// debug info, which nothing here reads and which makes every build slower.
pub const PROFILE: &str = "[profile.dev]\ndebug = false\n";

/// The manifest line that makes a scratch crate depend on the runtime alone, the crate
/// `events-runtime` of the repository at `root`, with the runtime's cargo `features`
/// (`cloudevents`, `schemars`), as any crate with contracts of its own does: generated code
/// names it `::events_runtime`.
pub fn runtime_dependency(root: &Path, features: &[&str]) -> String {
    format!("events-runtime = {{ path = {:?}, features = {features:?} }}\n", root.join("events/runtime").display().to_string())
}

/// The manifest line that makes a scratch crate depend on the repository's own bindings
/// (the package `events` at `root`) with the contract directories and producer features
/// `features` and no others (the `default` feature compiles all thirteen, which a scratch
/// crate never uses whole).
pub fn bindings_dependency(root: &Path, features: &[&str]) -> String {
    format!("events = {{ path = {:?}, default-features = false, features = {features:?} }}\n", root.display().to_string())
}

/// Writes the manifest of a scratch crate named `name` at `dir` (its own workspace, with
/// [`PROFILE`]), `body` being everything after `[package]` (targets, dependencies), and
/// the repository's lock file, so it resolves the versions the repository was tested with.
pub fn write_manifest(root: &Path, dir: &Path, name: &str, body: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let manifest = format!("[package]\nname = {name:?}\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n{PROFILE}\n{body}");
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
}

/// Writes `text` to `path` unless it already holds it (an unchanged file keeps its
/// modification time, so cargo does not rebuild a kept crate for nothing).
pub fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// `cargo <subcommand> --offline --color never` in the crate at `dir`, building in
/// [`target_dir`].
pub fn cargo(subcommand: &str, dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO"));
    command.arg(subcommand).args(["--offline", "--color", "never"]).current_dir(dir).env("CARGO_TARGET_DIR", target_dir());
    command
}
