//! The event catalog in a real browser: `events-codegen catalog contracts --since <2.0.0>`,
//! then headless Chromium loads the pages from `file://`; the test asserts on the DOM it
//! dumps and takes the index's screenshot (`UPDATE_SCREENSHOT=1` saves it to `docs/catalog.png`, shown in the README).
//!
//! Chromium comes from the system package manager: `.ci/run` installs it when missing.
//! Without it this test fails; it is never skipped.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().unwrap()
}

/// Runs headless Chromium with `args` after the common flags; its stdout.
fn chromium(profile: &Path, args: &[String]) -> String {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: the catalog browser test needs Chromium from the system package manager; `.ci/run` installs it \
         (apt-get install chromium), or install it the same way by hand"
    );
    let mut child = Command::new(CHROMIUM)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut out).map(|_| out)
    });
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {args:?} failed: {status}");
            break;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("chromium {args:?} did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}

fn dump_dom(profile: &Path, page: &Path) -> String {
    let dom = chromium(profile, &["--dump-dom".into(), format!("file://{}", page.display())]);
    assert!(dom.contains("</html>"), "no DOM dumped for {}", page.display());
    dom
}

/// The values of `attr="…"` in document order, entities decoded.
fn attributes(dom: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    dom.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &dom[at + needle.len()..];
            let value = &rest[..rest.find('"').unwrap()];
            value.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&")
        })
        .collect()
}

/// The `data-name`s of graph nodes of one `data-kind`.
fn nodes(dom: &str, kind: &str) -> Vec<String> {
    let marker = format!("data-kind=\"{kind}\" data-name=\"");
    dom.match_indices(&marker)
        .map(|(at, _)| {
            let rest = &dom[at + marker.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// Every `href` of a page resolves: relative, to a file of the site, and to an element
/// of that page when it has a fragment.
fn assert_links_resolve(site: &Path, page: &Path, dom: &str) -> usize {
    let hrefs = attributes(dom, "href");
    for href in &hrefs {
        assert!(!href.contains("://") && !href.starts_with("//"), "{}: link {href} leaves the site (the catalog must work offline)", page.display());
        let (file, fragment) = href.split_once('#').map_or((href.as_str(), None), |(f, x)| (f, Some(x)));
        let target = if file.is_empty() { page.to_path_buf() } else { page.parent().unwrap().join(file) };
        let target = target.canonicalize().unwrap_or_else(|_| panic!("{}: link {href} names no file", page.display()));
        assert!(target.starts_with(site) && target.is_file(), "{}: link {href} resolves to {}", page.display(), target.display());
        if let Some(id) = fragment.filter(|f| !f.is_empty()) {
            let text = std::fs::read_to_string(&target).unwrap();
            assert!(text.contains(&format!("id=\"{id}\"")), "{}: link {href}: no element with that id", page.display());
        }
    }
    hrefs.len()
}

#[test]
fn catalog_in_a_browser() {
    let repo = repo();
    let contracts = repo.join("contracts");
    let out = tempfile::tempdir().unwrap();
    let site = out.path().canonicalize().unwrap();
    let profile = tempfile::tempdir().unwrap();
    // Relative paths, as a user types them: the pages name the older release by its path.
    let status = Command::new(env!("CARGO_BIN_EXE_events-codegen"))
        .current_dir(&repo)
        .args(["catalog", "contracts", "--out"])
        .arg(&site)
        .args(["--since", "tests/fixtures/contracts-2.0.0/contracts"])
        .status()
        .unwrap();
    assert!(status.success());

    // What the registry and the envelope say the catalog must show.
    let registry: Value = serde_json::from_str(&std::fs::read_to_string(contracts.join("event-types-registry.json")).unwrap()).unwrap();
    let envelope: Value = serde_json::from_str(&std::fs::read_to_string(contracts.join("event-envelope/schema/envelope-v1.json")).unwrap()).unwrap();
    let types = registry["event_types"].as_object().unwrap();
    let event_types: BTreeSet<String> = types.keys().cloned().collect();
    let mut domains: BTreeSet<String> = envelope["properties"]["producer"]["enum"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
    for entry in types.values() {
        domains.insert(entry["producer"].as_str().unwrap().to_owned());
        domains.extend(entry["consumers"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()));
    }
    assert!(event_types.len() > 40 && domains.len() > 5, "the registry is the real one");

    // The index.
    let index = site.join("index.html");
    let dom = dump_dom(profile.path(), &index);
    let listed: BTreeSet<String> = attributes(&dom, "data-event-type").into_iter().collect();
    assert_eq!(listed, event_types, "every event type of the registry is a row of the index, and nothing else");
    let event_nodes = nodes(&dom, "event");
    let domain_nodes = nodes(&dom, "domain");
    assert_eq!(event_nodes.len(), event_types.len(), "one graph node per event type");
    assert_eq!(event_nodes.into_iter().collect::<BTreeSet<_>>(), event_types);
    assert_eq!(domain_nodes.len(), domains.len(), "one graph node per domain");
    assert_eq!(domain_nodes.into_iter().collect::<BTreeSet<_>>(), domains);
    let edges = dom.matches("class=\"edge produces\"").count();
    let consumes = dom.matches("class=\"edge consumes\"").count();
    let expected_consumes: usize = types.values().map(|e| e["consumers"].as_array().unwrap().len()).sum();
    assert_eq!((edges, consumes), (event_types.len(), expected_consumes), "one edge per producer and per consumer of each event type");
    let links = assert_links_resolve(&site, &index, &dom);
    assert!(links > 2 * event_types.len(), "the index links every event type ({links} links)");

    // An event version with a previous version, a payload and examples.
    let page = site.join("events/credit.released-v2.html");
    let dom = dump_dom(profile.path(), &page);
    assert!(dom.contains("<h1>credit.released v2"));
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(contracts.join("credit-reservation-lock/schema/payloads/credit.released-v2.json")).unwrap()).unwrap();
    let fields: BTreeSet<String> = attributes(&dom, "data-field").into_iter().collect();
    for property in schema["properties"].as_object().unwrap().keys() {
        assert!(fields.contains(property), "field {property} is listed");
    }
    let examples = std::fs::read_dir(contracts.join("examples/credit.released-v2")).unwrap().count();
    assert_eq!(dom.matches("<pre class=\"example\">").count(), examples, "every example payload is shown");
    assert!(dom.contains("id=\"diff-previous\"") && dom.contains("id=\"diff-release\"") && dom.contains("id=\"timeline\""));
    assert!(dom.contains("lesson_id"), "the diff from v1 names the added field");
    assert_links_resolve(&site, &page, &dom);

    // A version without a payload schema, and the release diff.
    let page = site.join("events/person.created-v1.html");
    let dom = dump_dom(profile.path(), &page);
    assert!(dom.contains("No payload schema is published"));
    assert_links_resolve(&site, &page, &dom);
    let page = site.join("changes.html");
    let dom = dump_dom(profile.path(), &page);
    assert!(dom.contains("BREAKING") && dom.contains("published version edited in place"), "the 2.0.0 → current diff has breaking in-place edits");
    assert!(dom.contains("Changes since tests/fixtures/contracts-2.0.0/contracts"));
    assert_links_resolve(&site, &page, &dom);

    // Every other page's links, without the browser.
    for entry in std::fs::read_dir(site.join("events")).unwrap() {
        let path = entry.unwrap().path();
        assert_links_resolve(&site, &path, &std::fs::read_to_string(&path).unwrap());
    }

    // The screenshot: into the scratch site; `UPDATE_SCREENSHOT=1` refreshes the README's
    // picture (`docs/catalog.png`), so a test run never edits the source tree by itself.
    let png = if std::env::var_os("UPDATE_SCREENSHOT").is_some() { repo.join("docs/catalog.png") } else { site.join("screenshot.png") };
    std::fs::create_dir_all(png.parent().unwrap()).unwrap();
    chromium(profile.path(), &[format!("--screenshot={}", png.display()), "--window-size=1400,1000".into(), format!("file://{}", index.display())]);
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 10_000, "a real screenshot");
}
