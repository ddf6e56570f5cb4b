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
