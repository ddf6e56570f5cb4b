//! `cargo doc -p events` is warning-free: contract text reaches rustdoc escaped (no
//! `<UUID v7>` read as an unclosed HTML tag, no `[x]` as a broken link, no indented line
//! as a doctest), and the generated index's links resolve.
//!
//! It documents into the target directory this test was built in: cargo has released it
//! by the time tests run, and everything `cargo doc --no-deps` needs but the docs (the
//! build script, the dependencies' metadata) is already there, so the run is short and
//! takes no disk of its own.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

fn doc_target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent().and_then(Path::parent).and_then(Path::parent).expect("the test binary lives in <target>/<profile>/deps").to_path_buf()
}

#[test]
fn cargo_doc_is_warning_free_and_renders_contract_text() {
    let target = doc_target_dir();
    let out = Command::new(env!("CARGO"))
        .args(["doc", "-p", "events", "--no-deps", "--offline", "--color", "never", "--manifest-path"])
        .arg(support::root().join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "cargo doc failed or warned:\n{stderr}");
    assert!(!stderr.contains("warning"), "cargo doc warned:\n{stderr}");

    // What the issue saw lost: `lead_<UUID v7 canonical>` is shown as written.
    let page = std::fs::read_to_string(target.join("doc/events/lead_lifecycle/lead_created_v1/struct.LeadCreatedV1.html")).unwrap();
    assert!(page.contains("lead_&lt;UUID v7 canonical&gt; per ADR-0002"), "the getter shows the escaped description as written");
    assert!(page.contains("Format: <code>lead_&lt;UUID v7&gt;</code>"), "the getter states its constraint");
    // The crate root maps event types to Rust types.
    let root = std::fs::read_to_string(target.join("doc/events/index.html")).unwrap();
    assert!(
        root.contains("<code>lead.created</code>") && root.contains("href=\"lead_lifecycle/lead_created_v1/struct.LeadCreatedV1.html\""),
        "the index table links lead.created v1"
    );
}
