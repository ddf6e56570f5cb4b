//! The reading modes of `Config` (and the CLI): unknown keywords as warnings, formats as
//! annotations, custom formats checked by a user's type, and the loose identity profile.

mod support;

use std::process::Command;

use events_codegen::{Config, Formats, Problem, Profile, Severity, UnknownKeywords};
use serde_json::{json, Value};
use support::{object, Set};

/// `source` without whitespace, so needles do not depend on line breaks.
fn squeezed(source: &str) -> String {
    source.chars().filter(|c| !c.is_whitespace()).collect()
}

fn probe(properties: Value) -> Set {
    Set::new().event("probe.checked", "probe", object(properties))
}

#[test]
fn an_unknown_keyword_is_an_error_by_default_and_a_located_warning_on_request() {
    let set = probe(json!({"x": {"type": "string", "tsType": "Sku", "maxLenght": 3}}));
    let errors = set.generate().unwrap_err();
    let keywords: Vec<&str> = errors.iter().map(|(_, pointer, _)| pointer.as_str()).collect();
    assert_eq!(keywords, ["/properties/x/maxLenght", "/properties/x/tsType"], "{errors:?}");
    assert!(errors.iter().all(|(_, _, p)| matches!(p, Problem::UnsupportedKeyword { .. })));

    let dir = tempfile::tempdir().unwrap();
    let root = set.write(dir.path());
    let generated = Config::new(&root).unknown_keywords(UnknownKeywords::Warn).generate().unwrap();
    let warnings: Vec<(String, String, Option<usize>)> =
        generated.warnings.iter().map(|w| (w.file.display().to_string(), w.pointer.clone(), w.line())).collect();
    let file = "probe/schema/payloads/probe.checked-v1.json".to_owned();
    assert_eq!(warnings, [(file.clone(), "/properties/x/maxLenght".into(), Some(1)), (file, "/properties/x/tsType".into(), Some(1))]);
    assert!(generated.warnings.iter().all(|w| w.severity == Severity::Warning));
    let misspelt = generated.warnings[0].to_string();
    assert!(misspelt.starts_with("warning: unknown keyword `maxLenght` is read as an annotation: it checks nothing"), "{misspelt}");
    assert!(misspelt.contains("help: did you mean `maxLength`?"), "{misspelt}");
    let line = generated.warnings[1].one_line();
    assert!(line.contains("probe.checked-v1.json:1:") && line.ends_with("(at /properties/x/tsType)"), "{line}");
    // A build script prints each warning as one `cargo:warning=` line.
    let directives = generated.cargo_directives();
    let warned: Vec<&str> = directives.lines().filter(|l| l.starts_with("cargo:warning=")).collect();
    assert_eq!(warned.len(), 2, "{directives}");
    assert!(warned[1].starts_with("cargo:warning=") && warned[1].contains("unknown keyword `tsType`") && warned[1].ends_with("(at /properties/x/tsType)"));
    // Read as annotations: the field is a plain string.
    assert!(squeezed(&generated.source).contains("#[object(opt,text)]x:Option<::events_runtime::__private::CompactString>,"));

    // A real error still fails, and the warnings come along with it, as warnings.
    let broken = probe(json!({"x": {"type": "string", "tsType": "Sku", "minLength": 5, "maxLength": 3}}));
    let root = broken.write(dir.path());
    let diagnostics = Config::new(&root).unknown_keywords(UnknownKeywords::Warn).generate().unwrap_err();
    let severities: Vec<Severity> = diagnostics.0.iter().map(|d| d.severity).collect();
    assert_eq!(severities, [Severity::Error, Severity::Warning]);
    assert!(diagnostics.render(false).ends_with("error: the contract set has 1 problem(s) (and 1 warning(s))\n"), "{}", diagnostics.render(false));
}

#[test]
fn the_cli_reports_unknown_keywords_as_warnings_with_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    let root = probe(json!({"x": {"type": "string", "tsType": "Sku"}})).write(dir.path());
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_events-codegen")).args(args).output().unwrap();
        (out.status.success(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let root_s = root.to_str().unwrap();
    let (ok, stdout, _) = run(&["check", root_s, "--today", "2026-02-10", "--format", "json"]);
    assert!(!ok, "{stdout}");
    let (ok, stdout, _) = run(&["check", root_s, "--today", "2026-02-10", "--format", "json", "--unknown-keywords", "warn"]);
    assert!(ok, "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["errors"], json!([]));
    assert_eq!(report["warnings"][0]["pointer"], "/properties/x/tsType");
    assert_eq!(report["warnings"][0]["line"], 1);
    let out = dir.path().join("bindings.rs");
    let (ok, _, stderr) = run(&["generate", root_s, "--out", out.to_str().unwrap(), "--unknown-keywords", "warn"]);
    assert!(ok, "{stderr}");
    assert!(stderr.contains("warning: unknown keyword `tsType` is read as an annotation") && stderr.contains("/properties/x/tsType"), "{stderr}");
}

#[test]
fn formats_as_annotations_give_plain_strings_and_programs_without_format_checks() {
    let set = probe(json!({
        "mail": {"type": "string", "format": "email"},
        "at": {"type": "string", "format": "date-time"},
        "own": {"type": "string", "format": "made-up"},
        "loose": {"format": "ipv4"},
        "fixed": {"const": "not an email", "format": "email"}
    }));
    // Asserted (the default): typed formats, an unknown format and a broken constant refused.
    let errors = set.generate().unwrap_err();
    let pointers: Vec<&str> = errors.iter().map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(pointers, ["/properties/fixed/format", "/properties/own/format"], "{errors:?}");
    let asserted = probe(json!({"mail": {"type": "string", "format": "email"}, "loose": {"format": "ipv4"}})).generate().unwrap();
    assert!(squeezed(&asserted).contains("Email"), "an email newtype");
    assert!(asserted.contains("Ipv4"), "the program checks ipv4");

    let annotated = set.generate_with(|c| {
        c.formats(Formats::Annotate);
    });
    let source = squeezed(&annotated.unwrap());
    for needle in [
        "mail:Option<::events_runtime::__private::CompactString>,",
        "at:Option<::events_runtime::__private::CompactString>,",
        "own:Option<::events_runtime::__private::CompactString>,",
    ] {
        assert!(source.contains(needle), "{needle}");
    }
    assert!(!source.contains("Format::"), "no program checks a format");
}

const SKU_CHECK: &str = r#"
    pub enum Sku {}
    impl ::events_runtime::CustomFormat for Sku {
        const NAME: &'static str = "sku";
        fn check(text: &str) -> Result<(), String> {
            let digits = text.strip_prefix("SKU-").ok_or("must start with SKU-")?;
            if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) { Ok(()) } else { Err("expected four digits after SKU-".into()) }
        }
    }
"#;

#[test]
fn a_custom_format_is_checked_by_the_users_type_on_decode_and_construction() {
    let set = probe(json!({
        "sku": {"type": "string", "format": "sku"},
        "short": {"type": "string", "format": "sku", "maxLength": 8},
        "skus": {"type": "array", "items": {"type": "string", "format": "sku"}}
    }));
    // Unknown until mapped.
    assert!(
        matches!(&set.generate().unwrap_err()[..], [(_, p, Problem::Unsupported(m)), ..] if p == "/properties/short/format" && m.contains("Config::format_type"))
    );
    let source = set
        .generate_with(|c| {
            c.format_type("sku", "crate::case::Sku");
        })
        .unwrap();
    let squeezed_source = squeezed(&source);
    assert!(squeezed_source.contains("sku:Option<::events_runtime::Formatted<crate::case::Sku>>,"), "the field is the user's checked type");
    let tests = format!(
        r##"{SKU_CHECK}
    #[cfg(test)]
    mod tests {{
        use super::probe::ProbeCheckedV1;
        fn decode(json: &str) -> Result<ProbeCheckedV1, String> {{
            crate::case::any::AnyPayload::from_json("probe.checked", 1, json.as_bytes()).map_err(|e| e.to_string()).map(|p| match p {{
                crate::case::any::AnyPayload::ProbeCheckedV1(p) => p,
                _ => unreachable!(),
            }})
        }}
        #[test]
        fn accepted_and_refused() {{
            let p = decode(r#"{{"sku": "SKU-0042", "short": "SKU-0001", "skus": ["SKU-1234"]}}"#).unwrap();
            assert_eq!(p.sku().unwrap().as_str(), "SKU-0042");
            let e = decode(r#"{{"sku": "SKU-42"}}"#).unwrap_err();
            assert!(e.contains("is not a valid sku: expected four digits after SKU-"), "{{e}}");
            assert!(decode(r#"{{"skus": ["SKU-1234", "sku-1"]}}"#).unwrap_err().contains("must start with SKU-"));
            assert!(decode(r#"{{"short": "SKU-12345"}}"#).is_err(), "maxLength still holds");
            assert!(decode(r#"{{"short": "SKU-1"}}"#).unwrap_err().contains("not a valid sku"), "the format holds beside lengths");
            assert!(::events_runtime::Formatted::<super::Sku>::new("SKU-9999").is_ok());
            assert!(::events_runtime::Formatted::<super::Sku>::new("SKU-99").is_err());
        }}
    }}
"##
    );
    let mut scratch = support::Scratch::new();
    scratch.add("case", &source, &tests);
    let out = scratch.test().unwrap_or_else(|e| panic!("the scratch crate failed:\n{e}"));
    assert!(out.contains("1 passed"), "{out}");
}

#[test]
fn a_custom_format_where_only_a_program_checks_values_is_refused() {
    let set = probe(json!({"x": {"type": "string", "not": {"format": "sku"}}}));
    let errors = set
        .generate_with(|c| {
            c.format_type("sku", "crate::Sku");
        })
        .unwrap_err();
    assert!(matches!(&errors[..], [(_, p, Problem::Rules(m))] if p == "/properties/x/not/format" && m.contains("cannot run your type's check")), "{errors:?}");
    let untyped = probe(json!({"x": {"format": "sku"}})).generate_with(|c| {
        c.format_type("sku", "crate::Sku");
    });
    assert!(
        matches!(&untyped.as_deref().unwrap_err()[..], [(_, p, Problem::Rules(m))] if p == "/properties/x/format" && m.contains("type\": \"string")),
        "{untyped:?}"
    );
    let bad = probe(json!({"x": {"type": "string", "format": "sku"}})).generate_with(|c| {
        c.format_type("sku", "not a path").format_type("email", "crate::Email");
    });
    let messages: Vec<String> = bad.unwrap_err().into_iter().map(|(_, _, p)| p.to_string()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("\"not a path\" is not a Rust path")));
    assert!(messages.iter().any(|m| m.contains("\"email\" is a format of the JSON Schema vocabulary")));
}

/// A foreign set as published (like octokit/webhooks): payloads named `<action>.schema.json`
/// under `payload-schemas/<event>/`, their own relative `$id`s (`pull_request$opened`) and
/// titles, `$ref`s by `$id` (`common/user.schema.json`, from the id root), and registry
/// fields of its own.
fn foreign_set(dir: &std::path::Path) -> std::path::PathBuf {
    let root = probe(json!({})).write(dir);
    std::fs::remove_dir_all(root.join("probe")).unwrap();
    let schema = |title: &str| {
        json!({
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": title,
            "title": format!("{title} event"),
            "type": "object",
            "required": ["action"],
            "properties": {"action": {"type": "string", "enum": ["opened"]}, "sender": {"$ref": "common/user.schema.json"}},
            "additionalProperties": false
        })
    };
    let files = [
        ("payload-schemas/pull_request/opened.schema.json", schema("pull_request$opened")),
        ("payload-schemas/issues/opened.schema.json", schema("issues$opened")),
        (
            "payload-schemas/common/user.schema.json",
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "$id": "common/user.schema.json", "type": "object", "required": ["login"],
                "properties": {"login": {"type": "string"}, "plan": {"$ref": "plan.schema.json"}, "site_admin": {"not": {"$ref": "plan.schema.json"}}}}),
        ),
        (
            "payload-schemas/common/plan.schema.json",
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "$id": "common/plan.schema.json", "type": "object", "required": ["seats"], "properties": {"seats": {"type": "integer", "minimum": 0}}}),
        ),
    ];
    for (path, doc) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    }
    let entry = |file: &str| {
        json!({"producer": "shop", "consumers": [], "owning_contract": null, "x-github-event": "yes",
            "schema_versions": [{"version": 1, "payload_schema": format!("contracts/payload-schemas/{file}"), "status": "active", "registered_at": "2026-01-01", "docs_url": "https://docs.example"}]})
    };
    let registry = json!({"event_types": {"pull_request.opened": entry("pull_request/opened.schema.json"), "issues.opened": entry("issues/opened.schema.json")}, "source": "github"});
    std::fs::write(root.join("event-types-registry.json"), serde_json::to_string_pretty(&registry).unwrap()).unwrap();
    root
}

#[test]
fn a_foreign_set_loads_as_published_under_the_loose_profile() {
    let dir = tempfile::tempdir().unwrap();
    let root = foreign_set(dir.path());
    let strict = Config::new(&root).generate().unwrap_err();
    // The same run also models what loaded: the references by relative `$id` do not
    // resolve under strict, and say so; the conventions are the rest.
    assert!(strict.0.iter().any(|d| matches!(&d.problem, Problem::Rules(m) if m.contains("common/user.schema.json"))), "{strict}");
    let mut what: Vec<String> = strict
        .0
        .iter()
        .filter(|d| !matches!(d.problem, Problem::Rules(_)))
        .map(|d| match &d.problem {
            Problem::Mismatch { what, .. } => (*what).to_owned(),
            Problem::UnknownField(f) => format!("field {f}"),
            other => other.to_string(),
        })
        .collect();
    what.sort();
    what.dedup();
    assert_eq!(what, ["$id", "field docs_url", "field source", "field x-github-event", "file name", "location", "title"], "{strict}");

    let generated = Config::new(&root).profile(Profile::Loose).generate().unwrap();
    let source = squeezed(&generated.source);
    // `common/user.schema.json` resolved from the id root to the file under
    // `payload-schemas/`, typed once in `shared`, with its own file-relative reference and
    // a validation program (`not`) that resolves the same way.
    for needle in [
        "pubstructPullRequestOpenedV1",
        "pubstructIssuesOpenedV1",
        "sender:Option<super::super::shared::payload_schemas_common_user_schema::",
        "plan:Option<super::super::shared::payload_schemas_common_plan_schema::",
    ] {
        assert!(source.contains(needle), "{needle}\n{}", generated.source);
    }
    // Nothing was renamed: the files are where the set publishes them.
    assert!(root.join("payload-schemas/pull_request/opened.schema.json").is_file());
    // The schemas themselves are checked as strictly as ever.
    let path = root.join("payload-schemas/issues/opened.schema.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["properties"]["action"]["maxLenght"] = json!(3);
    std::fs::write(&path, doc.to_string()).unwrap();
    let errors = Config::new(&root).profile(Profile::Loose).generate().unwrap_err();
    assert!(matches!(&errors.0[..], [d] if d.pointer == "/properties/action/maxLenght"), "{errors}");
}

/// A foreign payload schema without `$schema` is an error that says what to write, unless
/// `Config::default_draft` names the draft to read it with.
#[test]
fn a_schema_without_dollar_schema_is_read_with_the_default_draft_when_one_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let root = foreign_set(dir.path());
    let path = root.join("payload-schemas/issues/opened.schema.json");
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc.as_object_mut().unwrap().remove("$schema");
    std::fs::write(&path, doc.to_string()).unwrap();
    let errors = Config::new(&root).profile(Profile::Loose).generate().unwrap_err();
    assert!(matches!(&errors.0[..], [d] if d.problem == Problem::MissingField("$schema") && d.problem.help().unwrap().contains("default_draft")), "{errors}");
    let generated = Config::new(&root).profile(Profile::Loose).default_draft(events_codegen::load::Draft::Draft7).generate();
    assert!(generated.is_ok_and(|g| g.source.contains("pub struct IssuesOpenedV1")));
}
