//! Contract diagnostics as a person or an editor reads them: file, line and column of the
//! value (or key) at fault in every file of the set, rendered like rustc's errors, the
//! same positions in `check --format json`, paths as the user gave them, and a build
//! script that fails with the list and no panic.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use events_codegen::{Config, Diagnostic, Diagnostics, Problem};
use serde_json::{json, Value};
use support::{object, Set};

const REGISTRY: &str = "event-types-registry.json";
const PAYLOAD: &str = "a/schema/payloads/a.b-v1.json";
const SHARED: &str = "a/schema/common/c.json";

/// Line and column (1-based, column in characters) of the first occurrence of `needle`
/// after the first occurrence of `after` in `text`: the expected position, found by a
/// plain text search independent of the generator's tokenizer.
fn position(text: &str, after: &str, needle: &str) -> (usize, usize) {
    let from = text.find(after).unwrap_or_else(|| panic!("{after:?} not in the file"));
    let at = from + text[from..].find(needle).unwrap_or_else(|| panic!("{needle:?} not after {after:?}"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (text[..at].matches('\n').count() + 1, text[line_start..at].chars().count() + 1)
}

/// Rewrites a JSON file with `serde_json`'s pretty printer, so problems sit on lines of their own.
fn prettify(path: &Path) {
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    std::fs::write(path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
}

/// A set whose model stage finds one problem in each of the registry, a payload schema
/// and a shared file reached by `$ref`: an unknown producer, a misspelt keyword, and a
/// misspelt keyword behind non-ASCII text on a one-line file.
fn broken_set(dir: &Path) -> PathBuf {
    let set = Set::new()
        .event("a.b", "a", object(json!({"note": {"type": "string", "maxLenght": 3}, "code": {"$ref": "../common/c.json#/$defs/ä"}})))
        .file(SHARED, json!({"$defs": {"ä": {"description": "ünïcödé", "type": "string", "patern": "^x$"}}}));
    let mut set = set;
    set.events[0].1 = "nobody".into();
    let root = set.write(dir);
    prettify(&root.join(REGISTRY));
    prettify(&root.join(PAYLOAD));
    root
}

fn located(root: &Path) -> Vec<Diagnostic> {
    Config::new(root).generate().expect_err("the set is broken").0
}

fn find<'a>(list: &'a [Diagnostic], file: &str, pointer: &str) -> &'a Diagnostic {
    list.iter().find(|d| d.file == Path::new(file) && d.pointer == pointer).unwrap_or_else(|| panic!("no problem at {file}#{pointer}: {list:#?}"))
}

fn text(root: &Path, file: &str) -> String {
    std::fs::read_to_string(root.join(file)).unwrap()
}

#[test]
fn problems_in_the_registry_a_payload_and_a_shared_file_carry_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_set(dir.path());
    let list = located(&root);

    let producer = find(&list, REGISTRY, "/event_types/a.b/producer");
    assert!(matches!(producer.problem, Problem::UnknownProducer(_)), "{producer:?}");
    assert_eq!((producer.line(), producer.column()), to_some(position(&text(&root, REGISTRY), "\"producer\"", "\"nobody\"")));

    // A problem about a key (an unknown keyword) points at the key.
    let keyword = find(&list, PAYLOAD, "/properties/note/maxLenght");
    assert_eq!((keyword.line(), keyword.column()), to_some(position(&text(&root, PAYLOAD), "\"note\"", "\"maxLenght\"")));

    let shared = find(&list, SHARED, "/$defs/ä/patern");
    let (line, column) = position(&text(&root, SHARED), "ünïcödé", "\"patern\"");
    assert_eq!(line, 1, "the shared file is one line");
    assert!(column > 40, "columns count characters on long lines too");
    assert_eq!((shared.line(), shared.column()), (Some(line), Some(column)));

    for d in [producer, keyword, shared] {
        assert_eq!(d.shown, root.join(&d.file), "shown as the root was given, joined with the file");
        let span = d.span.as_ref().unwrap();
        assert!(span.whole_line);
        let underlined = &span.source[span.underline.clone()];
        assert!(underlined.starts_with('"') && underlined.ends_with('"'), "the whole key or string value is underlined: {underlined:?}");
    }
}

fn to_some((line, column): (usize, usize)) -> (Option<usize>, Option<usize>) {
    (Some(line), Some(column))
}

#[test]
fn a_diagnostic_renders_like_rustc_with_source_line_caret_pointer_and_help() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_set(dir.path());
    let list = located(&root);
    let keyword = find(&list, PAYLOAD, "/properties/note/maxLenght");
    let (line, column) = (keyword.line().unwrap(), keyword.column().unwrap());
    let source = text(&root, PAYLOAD).lines().nth(line - 1).unwrap().to_owned();
    let gutter = " ".repeat(line.to_string().len());
    let expected = format!(
        "error: keyword `maxLenght` is not supported: unknown keyword
{gutter}--> {path}:{line}:{column}
{gutter} |
{line} | {source}
{gutter} | {pad}^^^^^^^^^^^ /properties/note/maxLenght
{gutter} |
{gutter} = help: did you mean `maxLength`? (an annotation of your own must start with `x-`, or be declared with Config::annotation_keyword)
",
        path = root.join(PAYLOAD).display(),
        pad = " ".repeat(column - 1),
    );
    assert_eq!(keyword.to_string(), expected);
}

#[test]
fn the_list_ends_with_a_count_and_every_line_is_part_of_a_block() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_set(dir.path());
    let diagnostics: Diagnostics = Config::new(&root).generate().unwrap_err();
    let rendered = diagnostics.to_string();
    assert!(rendered.ends_with(&format!("error: the contract set has {} problem(s)\n", diagnostics.0.len())), "{rendered}");
    assert_eq!(rendered.matches("\nerror: ").count() + 1, diagnostics.0.len() + 1, "one `error:` per problem plus the count:\n{rendered}");
    for line in rendered.lines() {
        let ok = line.is_empty()
            || line.starts_with("error: ")
            || line.starts_with(' ')
            || line.starts_with("-->")
            || line.split(" | ").next().is_some_and(|n| n.trim().parse::<usize>().is_ok());
        assert!(ok, "a stray line {line:?} in:\n{rendered}");
    }
}

#[test]
fn check_json_gives_line_and_column_of_every_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = broken_set(dir.path());
    let report = events_codegen::check::check(&root, "2026-01-01");
    let json: Value = serde_json::from_str(&report.json()).unwrap();
    let errors = json["errors"].as_array().unwrap();
    assert_eq!(errors.len(), report.errors.len());
    let expected = [
        (REGISTRY, "/event_types/a.b/producer", position(&text(&root, REGISTRY), "\"producer\"", "\"nobody\"")),
        (PAYLOAD, "/properties/note/maxLenght", position(&text(&root, PAYLOAD), "\"note\"", "\"maxLenght\"")),
        (SHARED, "/$defs/ä/patern", position(&text(&root, SHARED), "ünïcödé", "\"patern\"")),
    ];
    for (file, pointer, (line, column)) in expected {
        let path = root.join(file).display().to_string();
        let e = errors.iter().find(|e| e["file"] == path.as_str() && e["pointer"] == pointer).unwrap_or_else(|| panic!("{file}#{pointer} in {json}"));
        assert_eq!((e["line"].as_u64(), e["column"].as_u64()), (Some(line as u64), Some(column as u64)), "{e}");
    }
    let keyword = errors.iter().find(|e| e["pointer"] == "/properties/note/maxLenght").unwrap();
    assert_eq!(keyword["help"].as_str().map(|h| h.starts_with("did you mean `maxLength`?")), Some(true), "{keyword}");
}

#[test]
fn syntax_errors_and_duplicate_keys_point_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = Set::new().event("a.b", "a", object(json!({"x": {"type": "string"}}))).event("c.d", "c", object(json!({}))).write(dir.path());
    std::fs::write(root.join(PAYLOAD), "{\n  \"type\": \"object\",\n  \"title\": \"a\",\n  \"title\": \"b\"\n}").unwrap();
    let other = "c/schema/payloads/c.d-v1.json";
    std::fs::write(root.join(other), "{\n  \"type\": \"object\",\n  oops\n}").unwrap();
    let list = located(&root);
    let duplicate = find(&list, PAYLOAD, "");
    assert!(matches!(duplicate.problem, Problem::DuplicateKey(_)), "{duplicate:?}");
    assert_eq!((duplicate.line(), duplicate.column()), (Some(4), Some(3)), "the second `title`");
    let syntax = find(&list, other, "");
    assert!(matches!(syntax.problem, Problem::Json { line: 3, column: 3, .. }), "{syntax:?}");
    assert_eq!((syntax.line(), syntax.column()), (Some(3), Some(3)));
    assert!(syntax.to_string().starts_with("error: malformed JSON: key must be a string\n"), "{syntax}");
}

#[test]
fn a_regex_error_is_one_line_with_its_position_in_the_pattern() {
    let dir = tempfile::tempdir().unwrap();
    let root = Set::new().event("a.b", "a", object(json!({"x": {"type": "string", "pattern": "^ab[cd"}}))).write(dir.path());
    let list = located(&root);
    let d = find(&list, PAYLOAD, "/properties/x/pattern");
    let message = d.problem.to_string();
    assert!(!message.contains('\n'), "{message:?}");
    assert_eq!(message, "pattern \"^ab[cd\" is not supported: unclosed character class (at character 4 of the pattern)");
    let rendered = Diagnostics(list.clone()).to_string();
    assert!(rendered.lines().all(|l| !l.starts_with("error: unclosed")), "{rendered}");
}

#[test]
fn a_wrong_root_names_the_path_it_tried() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir");
    let list = located(&missing);
    assert_eq!(list.len(), 1, "{list:?}");
    assert!(matches!(&list[0].problem, Problem::NoRoot { path, .. } if Path::new(path) == missing), "{list:?}");
    assert_eq!(list[0].shown, missing);
    let rendered = list[0].to_string();
    assert!(rendered.starts_with(&format!("error: cannot read the contract root {:?}: ", missing.display().to_string())), "{rendered}");

    // A directory that is not a contract root: the registry path tried is shown, with a hint.
    let list = located(dir.path());
    let registry = list.iter().find(|d| d.file == Path::new(REGISTRY)).unwrap();
    assert_eq!(registry.shown, dir.path().join(REGISTRY));
    let rendered = registry.to_string();
    assert!(rendered.contains(&format!("--> {}\n", dir.path().join(REGISTRY).display())), "{rendered}");
    assert!(rendered.contains("= help: the contract root is the directory that holds event-types-registry.json"), "{rendered}");
    assert_eq!(registry.span, None, "a missing file has no position");
}

#[test]
fn the_cli_shows_paths_as_given_relative_to_where_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    broken_set(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_events-codegen")).current_dir(dir.path()).args(["generate", "contracts", "--out", "out.rs"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let (line, column) = position(&text(&dir.path().join("contracts"), PAYLOAD), "\"note\"", "\"maxLenght\"");
    assert!(stderr.contains(&format!("--> contracts/{PAYLOAD}:{line}:{column}\n")), "{stderr}");
    assert!(stderr.contains(&format!("--> contracts/{REGISTRY}:")), "{stderr}");
    assert!(stderr.ends_with("error: the contract set has 3 problem(s)\n"), "{stderr}");
}

/// Set in the child process of [`compile_or_exit_prints_the_list_and_exits_1_without_a_panic`].
const CHILD: &str = "EVENTS_CODEGEN_DIAGNOSTICS_CHILD";

/// Runs as a build script would (`Config::compile_or_exit` from the crate directory), in a
/// child process: this very test binary, re-run on this one test with [`CHILD`] set.
#[test]
fn compile_or_exit_prints_the_list_and_exits_1_without_a_panic() {
    if std::env::var_os(CHILD).is_some() {
        let out = std::env::current_dir().unwrap().join("out");
        std::fs::create_dir_all(&out).unwrap();
        Config::new("contracts").out_dir(out).compile_or_exit();
        unreachable!("compile_or_exit returned on a broken set");
    }
    let dir = tempfile::tempdir().unwrap();
    broken_set(dir.path());
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "compile_or_exit_prints_the_list_and_exits_1_without_a_panic", "--nocapture", "--test-threads", "1"])
        .current_dir(dir.path())
        .env(CHILD, "1")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(&format!("--> contracts/{PAYLOAD}:")), "paths relative to the crate: {stderr}");
    assert!(stderr.ends_with("error: the contract set has 3 problem(s)\n"), "{stderr}");
    assert!(!dir.path().join("out/events.rs").exists());
}

#[test]
fn a_healthy_set_still_compiles_through_compile_or_exit() {
    let dir = tempfile::tempdir().unwrap();
    let root = Set::new().event("a.b", "a", object(json!({"x": {"type": "string"}}))).write(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let written = Config::new(&root).out_dir(&out).compile_or_exit();
    assert_eq!(written, out.join("events.rs"));
    assert_eq!(std::fs::read_to_string(written).unwrap(), Config::new(&root).generate().unwrap().source);
}

#[test]
fn a_broken_shared_schema_is_reported_once_listing_every_payload_that_reaches_it() {
    let shared = "a/schema/common/money.json";
    let reference = json!({"$ref": "../common/money.json#/$defs/money"});
    let set = Set::new()
        .event("a.one", "a", object(json!({"m": reference.clone()})))
        .event("a.two", "a", object(json!({"m": reference.clone(), "n": reference})))
        .event("a.three", "a", object(json!({"plain": {"type": "string"}})))
        .file(shared, json!({"$defs": {"money": {"type": "object", "properties": {"cents": {"type": "integer", "maximm": 3}}}}}));
    let dir = tempfile::tempdir().unwrap();
    let root = set.write(dir.path());
    let list = located(&root);
    assert_eq!(list.len(), 1, "one problem, at the place that causes it, not one per reference: {list:#?}");
    let problem = find(&list, shared, "/$defs/money/properties/cents/maximm");
    let reached: Vec<String> = problem.reached_from.iter().map(|p| p.display().to_string()).collect();
    assert_eq!(reached, ["a/schema/payloads/a.one-v1.json", "a/schema/payloads/a.two-v1.json"], "the payloads it stops, each once");
    let shown = problem.to_string();
    assert!(shown.contains("reached from 2 payload schema(s)") && shown.contains("a.two-v1.json"), "{shown}");
}

/// The README's promise, on the mistakes a user made in three rounds before: a missing
/// file, a cross-file `$ref` typo, a format written as a type and a misspelt keyword, in
/// two files, all reported by one run, each where it is written, each with what to write.
#[test]
fn every_problem_of_several_files_arrives_in_one_run_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("contracts");
    support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/contracts-mini/contracts"), &root);
    let payload = root.join("shop/schema/payloads/order.placed-v2.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&payload).unwrap()).unwrap();
    doc["properties"]["note"] = json!({"type": "string", "maxLenght": 3});
    doc["properties"]["when"] = json!({"type": "datetime"});
    doc["properties"]["money2"] = json!({"$ref": "../common/money.json#/definitions/mony"});
    std::fs::write(&payload, doc.to_string()).unwrap();
    let registry_path = root.join(REGISTRY);
    let registry = std::fs::read_to_string(&registry_path).unwrap().replace("order.rated-v1.json", "order.ratd-v1.json");
    std::fs::write(&registry_path, registry).unwrap();

    let list = Config::new(&root).generate().expect_err("four mistakes").0;
    let got: Vec<(String, String, String)> =
        list.iter().map(|d| (d.file.display().to_string(), d.pointer.clone(), d.problem.help().unwrap_or_default())).collect();
    let placed = "shop/schema/payloads/order.placed-v2.json";
    let expected = [
        (REGISTRY, "/event_types/order.rated/schema_versions/0/payload_schema", "did you mean \"contracts/shop/schema/payloads/order.rated-v1.json\"?"),
        (placed, "/properties/money2/$ref", "did you mean \"../common/money.json#/definitions/money\"?"),
        (placed, "/properties/note/maxLenght", "did you mean `maxLength`?"),
        (placed, "/properties/when/type", "write \"type\": \"string\", \"format\": \"date-time\""),
    ];
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    for ((file, pointer, help), (want_file, want_pointer, want_help)) in got.iter().zip(expected) {
        assert_eq!((file.as_str(), pointer.as_str()), (want_file, want_pointer));
        assert!(help.starts_with(want_help), "{pointer}: {help}");
    }
}
