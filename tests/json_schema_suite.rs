//! The official JSON-Schema-Test-Suite (draft 2020-12 and draft-07, with the format
//! assertions) run through the generator, the way a user meets it: every test group's
//! schema becomes the `value` property of a payload contract, the whole set is checked and
//! generated, the bindings are compiled in one scratch crate, and every instance is decoded.
//! The typed decode must agree with the suite's expected result on every instance.
//!
//! Each suite file is read the way its tests mean: `draft2020-12/format.json` pins the
//! 2020-12 default (formats are annotations), so its groups are a second contract set
//! generated with `Config::formats(Formats::Annotate)` ([`ANNOTATED_FILES`]); the format
//! names of `optional/format/unknown.json` are declared with `Config::annotation_format`
//! (its tests say unknown formats are ignored). Every other file runs with the defaults.
//!
//! Refusals are allowed only for the reasons pinned in [`ALLOWED_REFUSALS`] (a network
//! fetch, dynamic references), and every disagreement must be in [`KNOWN_DIFFERENCES`],
//! each with its reason; a listed difference that no longer occurs fails the test too,
//! so the list cannot rot. `SUITE_TABLE=<file>` writes the per-file table for the README.
#![allow(clippy::unwrap_used)]

#[path = "../events/rules/tests/support/suite.rs"]
mod suite;
mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use events_codegen::{Config, Formats};
use serde_json::{json, Value};
use support::scratch;

/// Suite files whose tests pin formats as annotations (the draft 2020-12 default): their
/// groups are generated with `Config::formats(Formats::Annotate)`.
const ANNOTATED_FILES: &[&str] = &["draft2020-12/format.json"];

/// Suite files whose format names are unknown on purpose (their tests say an unknown format
/// is ignored): the names their schemas use are declared with `Config::annotation_format`.
const UNKNOWN_FORMAT_FILES: &[&str] = &["draft2020-12/optional/format/unknown.json", "draft7/optional/format/unknown.json"];

/// The contract sets the suite is split into: (directory, how its `Config` is set).
const SETS: [&str; 2] = ["asserted", "annotated"];

/// Why a group may be refused: a substring of the generator's reason, and why that is
/// acceptable.
const ALLOWED_REFUSALS: &[(&str, &str)] = &[
    ("dynamic references are not supported", "`$dynamicRef`/`$recursiveRef` are out of scope (issue #10)"),
    ("recursive references (2019-09)", "`$recursiveRef` is out of scope (issue #10)"),
    ("not in the contract set", "the reference needs a network fetch (a remote or a meta-schema); nothing is fetched"),
    ("nothing is fetched", "the reference needs a network fetch; nothing is fetched"),
    ("unsupported `$schema` \"http://localhost:1234/", "a custom metaschema: only a fetch could say which vocabularies it enables"),
];

/// Instances where the typed decode knowingly disagrees with the suite:
/// (suite file, group description, test description, reason); `*` matches any.
const KNOWN_DIFFERENCES: &[(&str, &str, &str, &str)] = &[];

/// Decoded instances that knowingly re-encode to a different JSON value:
/// (suite file, group description, test description, reason).
const KNOWN_REENCODINGS: &[(&str, &str, &str, &str)] = &[
    (
        "draft2020-12/type.json",
        "integer type matches integers",
        "a float with zero fractional part is an integer",
        "an integer type holds an `i64`: `1.0` decodes (JSON Schema calls it an integer) and encodes as `1`, the same number",
    ),
    (
        "draft7/type.json",
        "integer type matches integers",
        "a float with zero fractional part is an integer",
        "an integer type holds an `i64`: `1.0` decodes (JSON Schema calls it an integer) and encodes as `1`, the same number",
    ),
];

/// True when a listed difference covers this instance.
fn listed(known: &(&str, &str, &str, &str), file: &str, group: &str, test: &str) -> bool {
    known.0 == file && (known.1 == "*" || known.1 == group) && (known.2 == "*" || known.2 == test)
}

/// One suite instance, as the runner sees it.
struct Case {
    file: String,
    group: String,
    test: String,
    event: String,
    /// Index into [`SETS`].
    set: usize,
    data: Value,
    valid: bool,
}

/// What [`write_contracts`] wrote.
struct Written {
    cases: Vec<Case>,
    /// Event → (suite file, group description).
    groups: BTreeMap<String, (String, String)>,
    /// The format names of [`UNKNOWN_FORMAT_FILES`].
    unknown_formats: std::collections::BTreeSet<String>,
}

/// The suite's files of one draft: the main directory and `optional/format`.
fn suite_files(suite: &Path, draft: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [suite.join("tests").join(draft), suite.join("tests").join(draft).join("optional/format")] {
        let mut here: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        here.sort();
        files.extend(here);
    }
    files
}

/// `draft2020-12/optional/format/date-time.json` → `d2020.format_date_time`.
fn event_prefix(draft: &str, file: &Path) -> String {
    let stem: String =
        file.file_stem().unwrap().to_string_lossy().chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    let kind = if file.parent().unwrap().ends_with("format") { "format_" } else { "" };
    format!("{}.{kind}{stem}", if draft == "draft7" { "d7" } else { "d2020" })
}

fn label(draft: &str, file: &Path) -> String {
    let kind = if file.parent().unwrap().ends_with("format") { "optional/format/" } else { "" };
    format!("{draft}/{kind}{}", file.file_name().unwrap().to_string_lossy())
}

/// The contract root of set `set` under `root`.
fn contracts_of(root: &Path, set: usize) -> PathBuf {
    root.join(SETS[set]).join("contracts")
}

/// Writes the contract sets of every group; returns the cases.
fn write_contracts(suite: &Path, root: &Path) -> Written {
    let _ = std::fs::remove_dir_all(root.join("contracts"));
    for set in 0..SETS.len() {
        let contracts = contracts_of(root, set);
        let _ = std::fs::remove_dir_all(&contracts);
        std::fs::create_dir_all(contracts.join("event-envelope/schema")).unwrap();
        std::fs::create_dir_all(contracts.join("suite/schema/payloads")).unwrap();
        std::fs::create_dir_all(contracts.join("suite/schema/values")).unwrap();
        std::fs::copy(
            support::root().join("tests/fixtures/contracts-mini/contracts/event-envelope/schema/envelope-v1.json"),
            contracts.join("event-envelope/schema/envelope-v1.json"),
        )
        .unwrap();
    }
    let mut cases = Vec::new();
    let mut groups = BTreeMap::new();
    let mut unknown_formats = std::collections::BTreeSet::new();
    let mut registries = vec![serde_json::Map::new(); SETS.len()];
    for draft in ["draft2020-12", "draft7"] {
        let schema_uri = if draft == "draft7" { "http://json-schema.org/draft-07/schema#" } else { "https://json-schema.org/draft/2020-12/schema" };
        for file in suite_files(suite, draft) {
            let groups_json = support::read_json(&file);
            for (g, group) in groups_json.as_array().unwrap().iter().enumerate() {
                // SUITE_FILTER=<text> keeps only the groups whose file or description holds it
                // (for debugging one group; the test then skips the 97% target).
                if std::env::var("SUITE_FILTER").is_ok_and(|f| !label(draft, &file).contains(&f) && !group["description"].as_str().unwrap().contains(&f)) {
                    continue;
                }
                let event = format!("{}.g{g}", event_prefix(draft, &file));
                let set = usize::from(ANNOTATED_FILES.contains(&label(draft, &file).as_str()));
                let contracts = contracts_of(root, set);
                if UNKNOWN_FORMAT_FILES.contains(&label(draft, &file).as_str()) {
                    unknown_formats.extend(group["schema"]["format"].as_str().map(str::to_owned));
                }
                let payload_path = format!("suite/schema/payloads/{event}-v1.json");
                let payload = json!({
                    "$schema": schema_uri,
                    "$id": format!("https://suite.example/{payload_path}"),
                    "title": format!("{event} payload v1"),
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["value"],
                    "properties": {"value": {"$ref": format!("../values/{event}.json")}},
                });
                let mut schema = group["schema"].clone();
                // A group without `$schema` is of its draft: say so, as the suite's runners do.
                if let Value::Object(o) = &mut schema {
                    o.entry("$schema").or_insert_with(|| json!(schema_uri));
                }
                std::fs::write(contracts.join(&payload_path), serde_json::to_string_pretty(&payload).unwrap()).unwrap();
                std::fs::write(contracts.join(format!("suite/schema/values/{event}.json")), serde_json::to_string_pretty(&schema).unwrap()).unwrap();
                registries[set].insert(
                    event.clone(),
                    json!({
                        "producer": "shop",
                        "consumers": ["billing"],
                        "owning_contract": null,
                        "schema_versions": [{"version": 1, "payload_schema": format!("contracts/{payload_path}"), "status": "active", "registered_at": "2026-01-01"}]
                    }),
                );
                groups.insert(event.clone(), (label(draft, &file), group["description"].as_str().unwrap().to_owned()));
                for test in group["tests"].as_array().unwrap() {
                    cases.push(Case {
                        file: label(draft, &file),
                        group: group["description"].as_str().unwrap().to_owned(),
                        test: test["description"].as_str().unwrap().to_owned(),
                        event: event.clone(),
                        set,
                        data: test["data"].clone(),
                        valid: test["valid"].as_bool().unwrap(),
                    });
                }
            }
        }
    }
    for (set, registry) in registries.into_iter().enumerate() {
        let registry = json!({"registry_version": "0.0.0", "description": "The JSON-Schema-Test-Suite as payload contracts.", "event_types": registry});
        std::fs::write(contracts_of(root, set).join("event-types-registry.json"), serde_json::to_string_pretty(&registry).unwrap()).unwrap();
    }
    Written { cases, groups, unknown_formats }
}

/// Removes the groups `check` refuses (recording why) until the rest of `contracts`
/// generates with `configure`'s settings.
fn generate(contracts: &Path, groups: &BTreeMap<String, (String, String)>, configure: &dyn Fn(&mut Config)) -> (String, BTreeMap<String, String>) {
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    for _round in 0..8 {
        let mut config = Config::new(contracts);
        configure(&mut config);
        let diagnostics = match config.generate() {
            Ok(generated) => return (generated.source, refused),
            Err(d) => d,
        };
        let registry_path = contracts.join("event-types-registry.json");
        let mut registry = support::read_json(&registry_path);
        let types = registry["event_types"].as_object_mut().unwrap();
        let before = types.len();
        for d in &diagnostics.0 {
            let file = d.file.to_string_lossy();
            let Some(event) = groups.keys().find(|e| file.ends_with(&format!("/{e}-v1.json")) || file.ends_with(&format!("/{e}.json"))) else {
                panic!("a problem outside the suite's groups: {d}");
            };
            if types.remove(event).is_some() {
                refused.insert(event.clone(), format!("{}: {}", d.pointer, d.problem));
            }
        }
        assert!(types.len() < before, "no group could be removed for: {diagnostics}");
        std::fs::write(&registry_path, serde_json::to_string_pretty(&registry).unwrap()).unwrap();
    }
    panic!("the suite did not generate after 8 rounds of removing refused groups");
}

/// Builds the runner crate around the bindings of every set and runs it on the cases.
fn run(root: &Path, codes: &[String], cases: &[(usize, &Case)]) -> Vec<Value> {
    let krate = root.join("runner");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let body = format!("[dependencies]\n{}serde_json = \"1\"\n", scratch::runtime_dependency(&support::root(), &[]));
    scratch::write_manifest(&support::root(), &krate, "suite-runner", &body);
    for (set, code) in codes.iter().enumerate() {
        scratch::write_if_changed(&krate.join(format!("src/bindings{set}.rs")), code);
    }
    scratch::write_if_changed(
        &krate.join("src/main.rs"),
        r#"#![allow(warnings)]
mod bindings0 {
    include!("bindings0.rs");
}
mod bindings1 {
    include!("bindings1.rs");
}

fn main() {
    let input = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&input).unwrap();
    let mut out = Vec::new();
    for case in cases {
        let payload = serde_json::json!({ "value": case["data"] }).to_string();
        let event = case["event"].as_str().unwrap();
        let decoded = if case["set"] == 0 {
            bindings0::any::AnyPayload::from_json(event, 1, payload.as_bytes()).map(|p| p.to_json()).map_err(|e| e.to_string())
        } else {
            bindings1::any::AnyPayload::from_json(event, 1, payload.as_bytes()).map(|p| p.to_json()).map_err(|e| e.to_string())
        };
        let (ok, error, same) = match decoded {
            Ok(json) => {
                let again: serde_json::Value = serde_json::from_str(&json).unwrap();
                (true, String::new(), again["value"] == case["data"])
            }
            Err(e) => (false, e, true),
        };
        out.push(serde_json::json!({ "i": case["i"], "ok": ok, "error": error, "round_trip": same }));
    }
    println!("{}", serde_json::Value::Array(out));
}
"#,
    );
    let input: Vec<Value> = cases.iter().map(|(i, c)| json!({"i": i, "event": c.event, "set": c.set, "data": c.data})).collect();
    let input_path = root.join("cases.json");
    std::fs::write(&input_path, serde_json::to_string(&input).unwrap()).unwrap();
    let out = scratch::cargo("run", &krate).args(["--quiet", "--"]).arg(&input_path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the suite's bindings did not compile or run:\n{}", stderr.chars().take(20_000).collect::<String>());
    serde_json::from_slice::<Vec<Value>>(&out.stdout).unwrap()
}

/// Where the suite's contract set and runner crate are written (the runner builds in the
/// shared scratch target directory).
fn target_dir() -> PathBuf {
    scratch::crate_dir("json-schema-suite")
}

#[test]
fn the_official_suite_decodes_in_agreement_through_generated_types() {
    let suite = suite::suite_dir();
    let root = target_dir();
    std::fs::create_dir_all(&root).unwrap();
    let Written { cases, groups, unknown_formats } = write_contracts(&suite, &root);
    assert!(!unknown_formats.is_empty(), "unknown.json names its formats");
    let (asserted, mut refused) = generate(&contracts_of(&root, 0), &groups, &|c| {
        for f in &unknown_formats {
            c.annotation_format(f);
        }
    });
    let (annotated, refused_annotated) = generate(&contracts_of(&root, 1), &groups, &|c| {
        c.formats(Formats::Annotate);
    });
    refused.extend(refused_annotated);
    let codes = [asserted, annotated];
    for (event, reason) in &refused {
        println!("refused {} / {}: {reason}", groups[event].0, groups[event].1);
    }
    let kept: Vec<(usize, &Case)> = cases.iter().enumerate().filter(|(_, c)| !refused.contains_key(&c.event)).collect();
    let results = run(&root, &codes, &kept);
    assert_eq!(results.len(), kept.len(), "the runner answered every case");

    #[derive(Default)]
    struct Row {
        instances: usize,
        agree: usize,
        refused: usize,
        refused_groups: Vec<String>,
        /// Why groups were refused or instances knowingly differ (the lists' reasons).
        why: std::collections::BTreeSet<&'static str>,
    }
    let mut table: BTreeMap<String, Row> = BTreeMap::new();
    let mut differences = Vec::new();
    let mut lost = Vec::new();
    let mut reencoded = [false; KNOWN_REENCODINGS.len()];
    for case in &cases {
        let row = table.entry(case.file.clone()).or_default();
        row.instances += 1;
        if refused.contains_key(&case.event) {
            row.refused += 1;
        }
    }
    let mut bad_refusals = Vec::new();
    for (event, reason) in &refused {
        let (file, group) = &groups[event];
        let row = table.get_mut(file).unwrap();
        row.refused_groups.push(format!("{group}: {reason}"));
        match ALLOWED_REFUSALS.iter().find(|(needle, _)| reason.contains(needle)) {
            Some((_, why)) => {
                row.why.insert(why);
            }
            None => bad_refusals.push(format!("{file} / {group}: {reason}")),
        }
    }
    for ((_, case), result) in kept.iter().zip(&results) {
        let ok = result["ok"].as_bool().unwrap();
        if ok == case.valid {
            table.get_mut(&case.file).unwrap().agree += 1;
        } else {
            if let Some(k) = KNOWN_DIFFERENCES.iter().find(|k| listed(k, &case.file, &case.group, &case.test)) {
                table.get_mut(&case.file).unwrap().why.insert(k.3);
            }
            differences.push((case.file.clone(), case.group.clone(), case.test.clone(), ok, result["error"].as_str().unwrap().to_owned()));
        }
        if ok && !result["round_trip"].as_bool().unwrap() {
            match KNOWN_REENCODINGS.iter().position(|k| listed(k, &case.file, &case.group, &case.test)) {
                Some(i) => reencoded[i] = true,
                None => lost.push(format!("{} / {} / {}", case.file, case.group, case.test)),
            }
        }
    }

    let mut report = String::from("| suite file | instances | agree | refused | why not all agree |\n|---|---|---|---|---|\n");
    let (mut total, mut agree, mut refused_n) = (0, 0, 0);
    for (file, row) in &table {
        let why: Vec<&str> = row.why.iter().copied().collect();
        writeln!(report, "| {file} | {} | {} | {} | {} |", row.instances, row.agree, row.refused, why.join("; ")).unwrap();
        total += row.instances;
        agree += row.agree;
        refused_n += row.refused;
    }
    writeln!(report, "| **all** | {total} | {agree} | {refused_n} | |").unwrap();
    println!("{report}");
    for (file, row) in &table {
        for g in &row.refused_groups {
            println!("refused in {file}: {g}");
        }
    }
    if let Some(path) = std::env::var_os("SUITE_TABLE") {
        std::fs::write(path, &report).unwrap();
    }
    let filtered = std::env::var_os("SUITE_FILTER").is_some();
    let readme_path = support::root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (start, end) = ("<!-- suite-table:start -->\n", "\n<!-- suite-table:end -->");
    let (Some(a), Some(b)) = (readme.find(start), readme.find(end)) else { panic!("README.md has no suite-table markers") };
    let current = &readme[a + start.len()..b];
    if !filtered && current != report.trim_end() {
        if std::env::var_os("UPDATE_README").is_some() {
            std::fs::write(&readme_path, format!("{}{}{}", &readme[..a + start.len()], report.trim_end(), &readme[b..])).unwrap();
        } else {
            panic!("README.md's suite table is stale: run `UPDATE_README=1 cargo test --test json_schema_suite`");
        }
    }

    let unexpected: Vec<String> = differences
        .iter()
        .filter(|(f, g, t, _, _)| !KNOWN_DIFFERENCES.iter().any(|k| listed(k, f, g, t)))
        .map(|(f, g, t, ok, e)| {
            format!(
                "{f} / {g} / {t}: decoded {}, the suite says {}{}",
                if *ok { "ok" } else { "error" },
                if *ok { "invalid" } else { "valid" },
                if e.is_empty() { String::new() } else { format!(" ({e})") }
            )
        })
        .collect();
    let stale: Vec<String> = KNOWN_DIFFERENCES
        .iter()
        .filter(|k| !differences.iter().any(|(f, g, t, _, _)| listed(k, f, g, t)))
        .map(|k| format!("{} / {} / {}", k.0, k.1, k.2))
        .collect();
    let mut failures = Vec::new();
    if !bad_refusals.is_empty() {
        failures.push(format!("{} group(s) refused for a reason that is not allowed:\n{}", bad_refusals.len(), bad_refusals.join("\n")));
    }
    if !unexpected.is_empty() {
        failures.push(format!("{} instance(s) disagree with the suite:\n{}", unexpected.len(), unexpected.join("\n")));
    }
    let stale: Vec<String> = stale
        .into_iter()
        .chain(KNOWN_REENCODINGS.iter().zip(reencoded).filter(|(_, seen)| !seen).map(|(k, _)| format!("re-encoding {} / {} / {}", k.0, k.1, k.2)))
        .collect();
    if !stale.is_empty() && std::env::var_os("SUITE_FILTER").is_none() {
        failures.push(format!("listed differences that no longer occur (remove them): {stale:?}"));
    }
    if !lost.is_empty() {
        failures.push(format!("{} decoded instance(s) do not re-encode to the same JSON:\n{}", lost.len(), lost.join("\n")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    if std::env::var_os("SUITE_FILTER").is_some() {
        return;
    }
    let remaining = total - refused_n;
    assert!(agree * 100 >= remaining * 97, "only {agree} of {remaining} instances agree (target 97%)");
}
