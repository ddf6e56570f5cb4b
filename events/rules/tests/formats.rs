//! The format checks against the official JSON-Schema-Test-Suite (`optional/format` of draft
//! 2020-12 and draft-07), and against cases the suite does not hold that event schemas meet.
//!
//! Run with `--nocapture` to see the per-format counts.

use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
};

use events_rules::Format;
use serde_json::Value;

/// The drafts whose `optional/format` directory is run.
const DRAFTS: [&str; 2] = ["draft2020-12", "draft7"];

/// Every suite instance on which `Format::is_valid` knowingly disagrees with the suite:
/// `(draft, format, instance, reason)`. Each entry must still disagree, or the test fails.
const EXCEPTIONS: &[(&str, &str, &str, &str)] = &[];

/// The suite's root (the directory holding `tests/`): `$JSON_SCHEMA_TEST_SUITE`, else
/// `<workspace>/target/json-schema-test-suite`.
fn suite_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("JSON_SCHEMA_TEST_SUITE") {
        return PathBuf::from(dir);
    }
    let fallback = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/json-schema-test-suite");
    assert!(
        fallback.is_dir(),
        "the JSON-Schema-Test-Suite is not available: set JSON_SCHEMA_TEST_SUITE to its root (the directory holding tests/), \
         or put it at {}",
        fallback.display()
    );
    fallback
}

/// What one format's instances came to.
#[derive(Default)]
struct Tally {
    instances: usize,
    agree: usize,
    excepted: usize,
    /// Non-strings, and every instance of a format outside the vocabulary: valid by the suite, not checked.
    ignored: usize,
}

#[test]
fn suite_format_instances_agree_with_the_suite() {
    let root = suite_dir();
    let mut tallies: BTreeMap<(&str, String), Tally> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut used_exceptions = vec![false; EXCEPTIONS.len()];
    let mut formats_seen = Vec::new();

    for draft in DRAFTS {
        let dir = root.join("tests").join(draft).join("optional/format");
        let mut files: Vec<PathBuf> = fs::read_dir(&dir)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no suite files in {}", dir.display());

        for file in files {
            let text = fs::read_to_string(&file).unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
            let groups: Vec<Value> = serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
            for group in &groups {
                let schema = group["schema"].as_object().unwrap_or_else(|| panic!("{}: a group's schema is not an object", file.display()));
                let extra: Vec<&String> = schema.keys().filter(|key| !matches!(key.as_str(), "format" | "$schema")).collect();
                assert!(extra.is_empty(), "{}: schema has keywords besides format: {extra:?}", file.display());
                let name = schema["format"].as_str().unwrap_or_else(|| panic!("{}: a group's schema names no format", file.display()));
                let format = Format::from_name(name);
                if let Some(format) = format {
                    formats_seen.push((draft, format));
                }
                let tally = tallies.entry((draft, name.to_owned())).or_default();

                for test in group["tests"].as_array().expect("tests array") {
                    let valid = test["valid"].as_bool().expect("valid is a boolean");
                    let description = test["description"].as_str().unwrap_or_default();
                    let Some(data) = test["data"].as_str() else {
                        // `format` applies to strings only; the suite says every other instance is valid.
                        assert!(valid, "{draft} {name}: the suite calls a non-string invalid ({description})");
                        tally.ignored += 1;
                        continue;
                    };
                    let Some(format) = format else {
                        // A format outside the vocabulary (`unknown.json`) is ignored: the suite says valid.
                        assert!(valid, "{draft} {name}: the suite calls a string invalid under an unknown format ({description})");
                        tally.ignored += 1;
                        continue;
                    };
                    tally.instances += 1;
                    let ours = format.is_valid(data);
                    let exception = EXCEPTIONS.iter().position(|&(d, f, instance, _)| d == draft && f == name && instance == data);
                    match exception {
                        Some(index) => {
                            used_exceptions[index] = true;
                            assert_ne!(ours, valid, "{draft} {name} {data:?}: listed as an exception but agrees with the suite; drop it");
                            tally.excepted += 1;
                        }
                        None if ours == valid => tally.agree += 1,
                        None => disagreements.push(format!("{draft} {name} {data:?}: suite says {valid}, ours {ours} ({description})")),
                    }
                }
            }
        }
    }

    println!("{:<14} {:<22} {:>9} {:>6} {:>9} {:>12}", "draft", "format", "instances", "agree", "excepted", "ignored");
    for ((draft, name), tally) in &tallies {
        println!("{draft:<14} {name:<22} {:>9} {:>6} {:>9} {:>12}", tally.instances, tally.agree, tally.excepted, tally.ignored);
    }
    let total: usize = tallies.values().map(|tally| tally.instances).sum();
    let agree: usize = tallies.values().map(|tally| tally.agree).sum();
    println!("total: {total} string instances, {agree} agree, {} excepted", EXCEPTIONS.len());

    for format in Format::ALL {
        assert!(formats_seen.contains(&("draft2020-12", format)), "the draft 2020-12 suite has no group for {}", format.name());
    }
    let unused: Vec<_> = EXCEPTIONS.iter().zip(&used_exceptions).filter(|(_, used)| !**used).map(|(exception, _)| exception).collect();
    assert!(unused.is_empty(), "exceptions that match no suite instance: {unused:?}");
    assert!(disagreements.is_empty(), "{} disagreements with the suite:\n{}", disagreements.len(), disagreements.join("\n"));
}
