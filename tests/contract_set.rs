//! Checks the contract set in `contracts/` itself, independently of the generator:
//! the registry parses, every schema it names exists, is a valid draft 2020-12 schema
//! (meta-schema validation by the `jsonschema` crate), agrees with its path, event type
//! and version, and has at least one valid example payload.

mod support;

use support::{read_json, registered, root, valid_examples};

#[test]
fn registry_names_existing_valid_schemas_that_agree_with_their_path() {
    let all = registered();
    assert!(all.len() >= 45, "expected the full contract set, found {} versions", all.len());
    let mut problems = Vec::new();
    for r in &all {
        let Some(path) = &r.schema else { continue };
        if !path.is_file() {
            problems.push(format!("{}: {} does not exist", r.key(), path.display()));
            continue;
        }
        let schema = read_json(path);
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            problems.push(format!("{}: not a valid draft 2020-12 schema: {e}", path.display()));
        }
        let relative = path.strip_prefix(root().join("contracts")).unwrap().to_string_lossy().replace('\\', "/");
        let checks = [
            (schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", "$schema is draft 2020-12"),
            (schema["$id"].as_str().is_some_and(|id| id.ends_with(&format!("/{relative}"))), "$id ends with the file's path"),
            (schema["title"] == format!("{} payload v{}", r.event_type, r.version).as_str(), "title names event type and version"),
            (path.file_name().unwrap().to_string_lossy() == format!("{}.json", r.key()), "file name is <event_type>-v<N>.json"),
            (relative.split('/').nth(1) == Some("schema") && relative.split('/').nth(2) == Some("payloads"), "lives under <contract>/schema/payloads/"),
        ];
        for (ok, what) in checks {
            if !ok {
                problems.push(format!("{}: expected: {what}", path.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_schema_has_a_valid_example_payload() {
    let mut problems = Vec::new();
    for r in registered() {
        let Some(path) = &r.schema else { continue };
        let validator = support::oracle(&read_json(path));
        let examples = valid_examples(&r.key());
        if examples.is_empty() {
            problems.push(format!("{}: no example under contracts/examples/{}/", r.key(), r.key()));
        }
        for example in examples {
            let instance = read_json(&example);
            for error in validator.iter_errors(&instance) {
                problems.push(format!("{}: {} at {}", example.display(), error, error.instance_path()));
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn envelope_schema_is_valid_and_its_examples_validate() {
    let schema = read_json(&root().join("contracts/event-envelope/schema/envelope-v1.json"));
    jsonschema::draft202012::meta::validate(&schema).expect("envelope-v1.json is a valid draft 2020-12 schema");
    let validator = support::oracle(&schema);
    let examples = valid_examples("envelope-v1");
    assert!(!examples.is_empty(), "contracts/examples/envelope-v1/ has examples");
    for example in examples {
        let instance = read_json(&example);
        assert!(validator.is_valid(&instance), "{} breaks envelope-v1", example.display());
    }
}

/// Lines of a file, whitespace-trimmed (the seed pages lose indentation).
fn trimmed_lines(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| l.trim().to_owned()).collect()
}

/// The registry of `contracts/` (2.0.1) and of the 2.0.0 fixture put every line the
/// published 2.0.0 → 2.0.1 diff shows at the line number the diff gives it, and have the
/// published lengths: the reconstruction is pinned to the upstream text wherever it is known.
#[test]
fn registries_reproduce_every_line_the_published_diff_shows() {
    let new = trimmed_lines(&root().join("contracts/event-types-registry.json"));
    let old = trimmed_lines(&root().join("tests/fixtures/contracts-2.0.0/contracts/event-types-registry.json"));
    let hunks = std::fs::read_to_string(root().join("tests/fixtures/seeds/registry-2.0.0-to-2.0.1.hunks")).unwrap();
    let mut problems = Vec::new();
    let mut rows = 0;
    for row in hunks.lines().filter(|l| !l.starts_with('#') && !l.starts_with("@@")) {
        let cells: Vec<&str> = row.splitn(4, '\t').collect();
        let [kind, old_no, new_no, text] = cells[..] else { panic!("malformed row {row:?}") };
        rows += 1;
        let line = |lines: &[String], n: &str| lines.get(n.parse::<usize>().unwrap() - 1).cloned().unwrap_or_default();
        if !new_no.is_empty() && line(&new, new_no) != text {
            problems.push(format!("2.0.1 line {new_no}: expected {text:?}, found {:?}", line(&new, new_no)));
        }
        if !old_no.is_empty() {
            let found = line(&old, old_no);
            let ok = if kind == "-" { found.starts_with(text.trim_end()) } else { found == text };
            if !ok {
                problems.push(format!("2.0.0 line {old_no}: expected {}{text:?}, found {found:?}", if kind == "-" { "a line starting " } else { "" }));
            }
        }
    }
    assert!(rows > 400, "the decoded diff has {rows} rows");
    assert_eq!((old.len(), new.len()), (541, 854), "published lengths of the 2.0.0 and 2.0.1 registries");
    assert!(problems.is_empty(), "{} line(s) disagree with the published diff:\n{}", problems.len(), problems.join("\n"));
}

/// `contracts/**/*.json` outside `examples/` under a root, relative to the package root.
fn contract_files(package_root: &std::path::Path) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut stack = vec![package_root.join("contracts")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let relative = path.strip_prefix(package_root).unwrap().to_string_lossy().replace('\\', "/");
            if path.is_dir() && relative != "contracts/examples" {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.insert(relative);
            }
        }
    }
    out
}

/// The package listings of 2.0.0 and of the 2.0.0 → 2.0.1 diff, as (release, path, count).
fn package_listing() -> Vec<(String, String, String)> {
    std::fs::read_to_string(root().join("tests/fixtures/seeds/package-listing.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut parts = l.splitn(3, ' ');
            let mut next = || parts.next().unwrap().to_owned();
            (next(), next(), next())
        })
        .collect()
}

/// `contracts/` holds exactly the contract JSON files of the 2.0.1 package, and the 2.0.0
/// fixture exactly those of 2.0.0: nothing the package ships is missing, nothing is added.
#[test]
fn contract_files_are_exactly_those_the_package_ships() {
    let listing = package_listing();
    let v200: std::collections::BTreeSet<String> = listing.iter().filter(|(r, _, _)| r == "2.0.0").map(|(_, p, _)| p.clone()).collect();
    let v201: std::collections::BTreeSet<String> = listing.iter().map(|(_, p, _)| p.clone()).collect();
    assert_eq!(contract_files(&root()), v201, "contracts/ against the 2.0.1 package");
    assert_eq!(contract_files(&root().join("tests/fixtures/contracts-2.0.0")), v200, "tests/fixtures/contracts-2.0.0 against the 2.0.0 package");
}

/// Every contract file appears in PROVENANCE.md's table; the ones marked verbatim have
/// exactly the line count the 2.0.0 package listing gives them.
#[test]
fn provenance_covers_every_file_and_verbatim_files_keep_their_upstream_length() {
    let provenance = std::fs::read_to_string(root().join("contracts/PROVENANCE.md")).unwrap();
    let mut origin = std::collections::BTreeMap::new();
    for line in provenance.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        origin.insert(cells[1].trim_matches('`').to_owned(), cells[2].to_owned());
    }
    let listing = package_listing();
    let mut problems = Vec::new();
    for file in contract_files(&root()) {
        let relative = file.strip_prefix("contracts/").unwrap();
        match origin.get(relative).map(String::as_str) {
            None => problems.push(format!("{file} is not in PROVENANCE.md")),
            Some("verbatim") => {
                let upstream = listing.iter().find(|(r, p, _)| r == "2.0.0" && *p == file).map(|(_, _, n)| n.clone());
                let lines = std::fs::read_to_string(root().join(&file)).unwrap().lines().count().to_string();
                if upstream.as_deref() != Some(lines.as_str()) {
                    problems.push(format!("{file}: verbatim but {lines} lines, the package lists {upstream:?}"));
                }
            }
            Some("reconstructed" | "reconstructed, pinned") => {}
            Some(other) => problems.push(format!("{file}: unknown origin {other:?}")),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
