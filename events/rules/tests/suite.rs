//! The official JSON-Schema-Test-Suite, draft 2020-12 and draft-07, against `compile` +
//! `Program::is_valid`. Every group compiles and every instance agrees, except the groups in
//! [`REFUSED`] (each with its reason), which must fail to compile. `optional/` files (but
//! `optional/format/`, owned by the format work) are run and reported separately.
//!
//! Run with `--nocapture` to see the per-file counts.

mod support;

use std::collections::BTreeMap;
use std::path::Path;

use events_rules::compile::{compile_with, Documents, Draft, Options};
use serde_json::Value;

/// The groups the compiler refuses: (draft directory, file, group description or `*` for every
/// group of the file, a text every refusal must contain, why). Only dynamic references (and
/// custom-vocabulary metaschemas) may be here. An entry that matches a group that compiles, or
/// a refusal for another reason, fails the test.
const REFUSED: &[(&str, &str, &str, &str, &str)] = &[
    ("draft2020-12", "dynamicRef.json", "*", DYNAMIC, "every group exercises $dynamicRef / $dynamicAnchor resolution"),
    ("draft2020-12", "defs.json", "validate definition against metaschema", DYNAMIC, "refs the 2020-12 metaschema, which uses $dynamicRef"),
    ("draft2020-12", "ref.json", "remote ref, containing refs itself", DYNAMIC, "refs the 2020-12 metaschema, which uses $dynamicRef"),
    ("draft2020-12", "unevaluatedItems.json", "unevaluatedItems with $dynamicRef", DYNAMIC, "uses $dynamicRef"),
    ("draft2020-12", "unevaluatedProperties.json", "unevaluatedProperties with $dynamicRef", DYNAMIC, "uses $dynamicRef"),
];

/// What a refusal for a dynamic reference says.
const DYNAMIC: &str = "dynamic references are not supported";

fn load(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The suite's `remotes/` under `http://localhost:1234/`, and the metaschemas (from
/// tests/support/metaschemas) under their `$id`s.
fn base_documents(suite: &Path) -> Documents {
    let mut docs = Documents::new();
    let remotes = suite.join("remotes");
    let mut stack = vec![remotes.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let rel = path.strip_prefix(&remotes).expect("under remotes").to_string_lossy().replace('\\', "/");
                docs.add(&format!("http://localhost:1234/{rel}"), load(&path));
            }
        }
    }
    let metas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/metaschemas");
    for entry in std::fs::read_dir(&metas).expect("tests/support/metaschemas") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc = load(&path);
        let id = doc.get("$id").and_then(Value::as_str).expect("metaschema $id").to_owned();
        docs.add(&id, doc);
    }
    docs
}

#[derive(Default)]
struct Counts {
    instances: usize,
    agree: usize,
    refused: usize,
    disagree: usize,
}

struct Outcome {
    per_file: BTreeMap<String, Counts>,
    problems: Vec<String>,
    used_refusals: Vec<(&'static str, &'static str, &'static str)>,
}

fn run_file(dir: &str, draft: Draft, rel: &str, path: &Path, base: &Documents, out: &mut Outcome) {
    let groups = load(path);
    let counts = out.per_file.entry(rel.to_owned()).or_default();
    for (gi, group) in groups.as_array().expect("a file is an array of groups").iter().enumerate() {
        let desc = group["description"].as_str().unwrap_or("");
        let tests = group["tests"].as_array().expect("tests");
        let uri = format!("https://suite.test/{dir}/{rel}/{gi}.json");
        let mut docs = base.clone();
        docs.add(&uri, group["schema"].clone());
        let refusal = REFUSED.iter().find(|(d, f, g, _, _)| *d == dir && *f == rel && (*g == desc || *g == "*"));
        // The suite follows the 2020-12 default: `format` annotates (unless a metaschema lists
        // the format-assertion vocabulary). Format assertion is the format work's suite
        // (optional/format/, not run here).
        let options = Options { default_draft: draft, assert_formats: false };
        match compile_with(&docs, &uri, "", &options).map(|c| c.program) {
            Err(errors) => {
                let msgs: Vec<String> = errors.iter().map(ToString::to_string).collect();
                if let Some((d, f, g, why, _)) = refusal {
                    counts.refused += tests.len();
                    counts.instances += tests.len();
                    out.used_refusals.push((d, f, g));
                    if !msgs.iter().any(|m| m.contains(why)) {
                        out.problems.push(format!("{dir}/{rel} [{desc}]: refused for another reason than {why:?}: {}", msgs.join("; ")));
                    }
                } else {
                    counts.instances += tests.len();
                    counts.disagree += tests.len();
                    out.problems.push(format!("{dir}/{rel} [{desc}]: refused: {}", msgs.join("; ")));
                }
            }
            Ok(program) => {
                // A `*` entry covers a whole file; its groups that do compile are checked as usual.
                if refusal.is_some_and(|r| r.2 != "*") {
                    out.problems.push(format!("{dir}/{rel} [{desc}]: listed in REFUSED but compiles: remove the entry"));
                }
                let text = program.to_rust("::events_rules");
                if let Err(e) = syn::parse_str::<syn::Expr>(&text) {
                    out.problems.push(format!("{dir}/{rel} [{desc}]: emitted Rust does not parse: {e}"));
                }
                for t in tests {
                    counts.instances += 1;
                    let expected = t["valid"].as_bool().expect("valid");
                    let got = program.is_valid(&t["data"]);
                    let checked = program.validate(&t["data"]);
                    if got != checked.is_ok() {
                        out.problems.push(format!("{dir}/{rel} [{desc}] {}: is_valid and validate disagree", t["description"]));
                    }
                    if got == expected {
                        counts.agree += 1;
                    } else {
                        counts.disagree += 1;
                        out.problems.push(format!("{dir}/{rel} [{desc}] {}: expected valid={expected}, got {got} ({:?})", t["description"], checked.err()));
                    }
                }
            }
        }
    }
}

fn run_draft(dir: &str, draft: Draft) {
    let suite = support::suite::suite_dir();
    let base = base_documents(&suite);
    let root = suite.join("tests").join(dir);
    let mut main = Outcome { per_file: BTreeMap::new(), problems: Vec::new(), used_refusals: Vec::new() };
    let mut optional = Outcome { per_file: BTreeMap::new(), problems: Vec::new(), used_refusals: Vec::new() };
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for sub in ["", "optional"] {
        let d = root.join(sub);
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                let name = path.file_name().expect("file name").to_string_lossy().into_owned();
                let rel = if sub.is_empty() { name } else { format!("{sub}/{name}") };
                files.push((rel, path));
            }
        }
    }
    files.sort();
    assert!(files.len() > 30, "the suite directory {} looks incomplete", root.display());
    for (rel, path) in &files {
        let target = if rel.starts_with("optional/") { &mut optional } else { &mut main };
        run_file(dir, draft, rel, path, &base, target);
    }
    for (title, o) in [("main", &main), ("optional (reported, not asserted)", &optional)] {
        println!("\n{dir} — {title}\n{:<40} {:>9} {:>6} {:>8} {:>9}", "file", "instances", "agree", "refused", "disagree");
        let mut total = Counts::default();
        for (f, c) in &o.per_file {
            println!("{f:<40} {:>9} {:>6} {:>8} {:>9}", c.instances, c.agree, c.refused, c.disagree);
            total.instances += c.instances;
            total.agree += c.agree;
            total.refused += c.refused;
            total.disagree += c.disagree;
        }
        println!("{:<40} {:>9} {:>6} {:>8} {:>9}", "TOTAL", total.instances, total.agree, total.refused, total.disagree);
    }
    if !optional.problems.is_empty() {
        println!("\n{dir} optional disagreements:\n{}", optional.problems.join("\n"));
    }
    let stale: Vec<_> = REFUSED.iter().filter(|(d, f, g, _, _)| *d == dir && !f.starts_with("optional/") && !main.used_refusals.contains(&(d, f, g))).collect();
    assert!(stale.is_empty(), "REFUSED entries that match no refused group: {stale:?}");
    assert!(main.problems.is_empty(), "{} problems in {dir}:\n{}", main.problems.len(), main.problems.join("\n"));
}

#[test]
fn draft2020_12() {
    run_draft("draft2020-12", Draft::Draft202012);
}

#[test]
fn draft7() {
    run_draft("draft7", Draft::Draft7);
}
