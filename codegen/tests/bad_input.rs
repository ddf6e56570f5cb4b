//! A broken contract set fails with every problem listed, each with file and JSON pointer.
//! Each case starts from the valid fixture set and breaks one or more things.

mod support;

use std::path::{Path, PathBuf};
use support::copy_dir;

use events_codegen::{Config, Problem};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/contracts-mini/contracts");

/// A copy of the fixture contract set in a temp dir: `<tmp>/contracts/...`.
struct Copy {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn copy_fixture() -> Copy {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("contracts");
    copy_dir(Path::new(FIXTURE), &root);
    Copy { _dir: dir, root }
}

fn edit(path: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    f(&mut doc);
    std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

fn problems(root: &Path) -> Vec<(String, String, Problem)> {
    let diagnostics = Config::new(root).generate().expect_err("the contract set is broken");
    diagnostics.0.into_iter().map(|d| (d.file.display().to_string(), d.pointer, d.problem)).collect()
}

const REGISTRY: &str = "event-types-registry.json";
const PLACED: &str = "shop/schema/payloads/order.placed-v2.json";

#[test]
fn the_fixture_itself_is_valid() {
    assert!(Config::new(FIXTURE).generate().is_ok());
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let c = copy_fixture();
    std::fs::write(c.root.join(PLACED), "{\n  \"title\": \"x\",\n  oops\n}").unwrap();
    let p = problems(&c.root);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, PLACED);
    assert!(matches!(&p[0].2, Problem::Json { line: 3, column: 3, .. }), "{p:?}");
}

#[test]
fn every_registry_problem_is_reported_in_one_run() {
    let c = copy_fixture();
    edit(&c.root.join(REGISTRY), |r| {
        let placed = &mut r["event_types"]["order.placed"]["schema_versions"];
        placed[0]["status"] = "sunset".into(); // unknown status
        placed[1]["payload_schema"] = "contracts/shop/schema/payloads/missing-v2.json".into(); // missing file
        placed.as_array_mut().unwrap().push(serde_json::json!({"version": 2, "payload_schema": null, "status": "active", "registered_at": "2026-03-01"})); // duplicate
        let decided = &mut r["event_types"]["order.decided"]["schema_versions"][0];
        decided["payload_schema"] = "contracts/../../etc/passwd".into(); // escapes the root
    });
    let p = problems(&c.root);
    let summary: Vec<(String, String)> = p.iter().map(|(f, ptr, prob)| (format!("{f}#{ptr}"), prob.to_string())).collect();
    assert_eq!(
        summary,
        vec![
            (
                format!("{REGISTRY}#/event_types/order.decided/schema_versions/0/payload_schema"),
                "payload_schema \"contracts/../../etc/passwd\" resolves outside the contract root".to_owned()
            ),
            (
                format!("{REGISTRY}#/event_types/order.placed/schema_versions/0/status"),
                "unknown status \"sunset\": expected \"active\", \"deprecated\" or \"retired\"".to_owned()
            ),
            (
                format!("{REGISTRY}#/event_types/order.placed/schema_versions/1/payload_schema"),
                "payload_schema \"contracts/shop/schema/payloads/missing-v2.json\" does not exist".to_owned()
            ),
            (format!("{REGISTRY}#/event_types/order.placed/schema_versions/2/version"), "schema version 2 is registered twice for this event type".to_owned()),
        ]
    );
}

#[test]
fn absolute_paths_and_symlinks_out_of_the_root_are_refused() {
    let c = copy_fixture();
    let outside = c.root.parent().unwrap().join("outside.json");
    std::fs::copy(c.root.join(PLACED), &outside).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, c.root.join("shop/schema/payloads/order.decided-v1.json.link")).unwrap();
    edit(&c.root.join(REGISTRY), |r| {
        r["event_types"]["order.placed"]["schema_versions"][1]["payload_schema"] = outside.display().to_string().into();
        r["event_types"]["order.decided"]["schema_versions"][0]["payload_schema"] = "contracts/shop/schema/payloads/order.decided-v1.json.link".into();
    });
    let p = problems(&c.root);
    assert!(p.iter().any(|(_, _, prob)| matches!(prob, Problem::AbsolutePath(_))), "{p:?}");
    #[cfg(unix)]
    assert!(p.iter().any(|(_, _, prob)| matches!(prob, Problem::SymlinkOutsideRoot(_))), "{p:?}");
}

#[test]
fn version_title_and_id_must_agree_with_the_registry() {
    let c = copy_fixture();
    edit(&c.root.join(PLACED), |s| {
        s["title"] = "order.placed payload v3".into();
        s["$id"] = "https://contracts.example/shop/schema/payloads/order.placed-v3.json".into();
    });
    let p = problems(&c.root);
    let pointers: Vec<&str> = p.iter().map(|(_, ptr, _)| ptr.as_str()).collect();
    assert_eq!(pointers, ["/$id", "/title"], "{p:?}");
    assert!(p.iter().all(|(f, _, prob)| f == PLACED && matches!(prob, Problem::Mismatch { .. })));
}

#[test]
fn refused_and_unknown_keywords_fail_with_pointer_keyword_and_suggestion() {
    let c = copy_fixture();
    edit(&c.root.join(PLACED), |s| {
        s["properties"]["note"]["$dynamicRef"] = "#meta".into();
        s["properties"]["currency"]["minlength"] = 3.into();
        s["properties"]["lines"]["items"]["properties"]["quantity"]["pattren"] = "^1$".into();
    });
    let p = problems(&c.root);
    let got: Vec<(String, String)> = p.iter().map(|(_, ptr, prob)| (ptr.clone(), prob.to_string())).collect();
    let suffix = "(an annotation of your own must start with `x-`, or be declared with Config::annotation_keyword)";
    assert_eq!(
        got,
        vec![
            ("/properties/currency/minlength".to_owned(), format!("keyword `minlength` is not supported: unknown keyword; did you mean `minLength`? {suffix}")),
            (
                "/properties/lines/items/properties/quantity/pattren".to_owned(),
                format!("keyword `pattren` is not supported: unknown keyword; did you mean `pattern`? {suffix}")
            ),
            (
                "/properties/note/$dynamicRef".to_owned(),
                "keyword `$dynamicRef` is not supported: dynamic references are not supported; use $ref to a fixed location".to_owned()
            ),
        ]
    );
}

#[test]
fn remote_refs_are_refused_without_fetching() {
    let c = copy_fixture();
    edit(&c.root.join(PLACED), |s| s["properties"]["window"]["$ref"] = "https://example.com/window.json".into());
    let p = problems(&c.root);
    assert_eq!(p.len(), 1, "{p:?}");
    let (file, ptr, problem) = &p[0];
    assert_eq!((file.as_str(), ptr.as_str()), (PLACED, "/properties/window/$ref"), "{p:?}");
    assert!(problem.to_string().contains("https://example.com/window.json"), "{problem}");
}

#[test]
fn output_is_deterministic() {
    let a = Config::new(FIXTURE).generate().unwrap().source;
    let b = Config::new(FIXTURE).generate().unwrap().source;
    assert_eq!(a, b);
}
