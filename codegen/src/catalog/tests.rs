//! Unit tests of the whole rendering: escaping of contract text and determinism.

use std::path::{Path, PathBuf};

use super::{render, version_page_path};

fn mini() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/contracts-mini/contracts")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} holds {from}", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn contract_text_is_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("contracts");
    copy_dir(&mini(), &root);
    let hostile = r#"<script>alert(1)</script> & <b onclick=\"x\">"#;
    edit(&root.join("shop/schema/payloads/order.rated-v1.json"), r#""description": "Order.""#, &format!(r#""description": "{hostile}""#));
    edit(&root.join("event-types-registry.json"), r#""notes": "Replaced by v2.""#, &format!(r#""notes": "{hostile}""#));
    let example = root.join("examples/order.rated-v1/valid-full.json");
    let text = std::fs::read_to_string(&example).unwrap();
    std::fs::write(&example, text.replacen('{', &format!("{{\"comment\": \"{hostile}\",",), 1)).unwrap();

    let site = render(&root, None).unwrap();
    let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onclick=&quot;x&quot;&gt;";
    let rated = &site.files[&version_page_path("order.rated", 1)];
    assert!(rated.contains(escaped), "field description escaped");
    assert!(rated.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b onclick=\\&quot;x\\&quot;&gt;"), "example escaped (JSON keeps its backslashes)");
    assert!(site.files[&version_page_path("order.placed", 1)].contains(escaped), "registry notes escaped");
    for (path, contents) in &site.files {
        assert!(!contents.contains("<script") && !contents.contains("<b onclick"), "{path} holds raw markup from the contracts");
    }
}

#[test]
fn same_contracts_same_bytes() {
    let since = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/contracts-2.0.0/contracts");
    let contracts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts");
    let first = render(&contracts, Some(&since)).unwrap();
    let second = render(&contracts, Some(&since)).unwrap();
    assert_eq!(first, second);
    // A copy elsewhere renders the same bytes: nothing depends on where the set lives.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&mini(), &dir.path().join("contracts"));
    assert_eq!(render(&dir.path().join("contracts"), None).unwrap(), render(&mini(), None).unwrap());
}

#[test]
fn every_version_has_a_page_and_missing_sets_are_errors() {
    let site = render(&mini(), None).unwrap();
    for page in [
        "index.html",
        "catalog.css",
        "events/order.placed-v1.html",
        "events/order.placed-v2.html",
        "events/order.rated-v1.html",
        "events/order.decided-v1.html",
    ] {
        assert!(site.files.contains_key(page), "{page}");
    }
    assert_eq!(site.files.len(), 6);
    assert!(!site.files.contains_key("changes.html"), "no release diff without --since");
    assert!(matches!(render(Path::new("/nonexistent/contracts"), None), Err(super::Error::Contracts(_))));
    assert!(matches!(render(&mini(), Some(Path::new("/nonexistent/contracts"))), Err(super::Error::Since(_))));
}
