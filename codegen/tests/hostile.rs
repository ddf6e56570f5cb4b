//! Hostile and unusual contract sets (issue 11, generator side): whatever `check` accepts,
//! `generate` renders without panicking into code that compiles; nothing hangs, overflows
//! the stack or quietly changes meaning; every refusal names the file and pointer.
//!
//! Each test reproduces one input of the issue. The sets that must generate are compiled
//! together in one scratch crate by `every_accepted_hostile_set_compiles`.

mod support;

use std::time::{Duration, Instant};

use events_codegen::Problem;
use serde_json::{json, Map, Value};
use support::{object, Set, Version};

/// Problems of a set that must fail, as `(file#pointer, problem)`.
fn refused(set: &Set) -> Vec<(String, Problem)> {
    set.generate().expect_err("the set must be refused").into_iter().map(|(f, p, prob)| (format!("{f}#{p}"), prob)).collect()
}

fn payload(property: Value) -> Set {
    Set::new().event("probe.checked", "probe", json!({"type": "object", "additionalProperties": false, "required": ["x"], "properties": {"x": property}}))
}

const PROBE: &str = "probe/schema/payloads/probe.checked-v1.json";

// ---- names: every set below generates, and compiles (see the last test) ----

fn self_named_enum_value_and_producer() -> Set {
    let mut set = Set::new();
    set.producers = vec!["shop".into(), "self".into(), "Self".into()];
    set.event(
        "a.b",
        "a",
        object(json!({"kind": {"type": "string", "enum": ["self", "Self", "SELF", "unknown"], "description": "Consumers SHALL tolerate unknown values."}})),
    )
}

fn empty_and_non_ascii_properties() -> Set {
    Set::new().event("a.b", "a", object(json!({"": {"type": "string"}, "ä": {"type": "string"}, "ö": {"type": "integer"}, "_": {"type": "boolean"}})))
}

fn non_ascii_contract_dirs() -> Set {
    Set::new().event("a.b", "é", object(json!({"x": {"type": "string"}}))).event("a.c", "ü", object(json!({"x": {"type": "string"}})))
}

fn one_letter_segments() -> Set {
    Set::new().event("t.e", "t", object(json!({"x": {"type": "string"}}))).event("envelope.x-y", "t", object(json!({"x": {"type": "string"}})))
}

fn setter_clash() -> Set {
    Set::new().event("a.b", "a", object(json!({"a": {"type": "string"}, "with_a": {"type": "string"}, "new": {"type": "string"}})))
}

fn producers_colliding_after_mangling() -> Set {
    let mut set = Set::new();
    set.producers = vec!["sales-ops".into(), "sales_ops".into(), "é".into(), "ü".into()];
    let mut set = set.event("a.b", "a", object(json!({})));
    set.events[0].1 = "sales_ops".into();
    set
}

fn shared_files_colliding_after_mangling() -> Set {
    let shared = |code: &str| json!({"$defs": {"code": {"type": "string", "pattern": code}}});
    Set::new()
        .event(
            "a.b",
            "a",
            object(json!({
                "p": {"$ref": "../common/a-b.json#/$defs/code"},
                "q": {"$ref": "../common/a_b.json#/$defs/code"},
                "r": {"$ref": "../common/é.json#/$defs/code"},
                "s": {"$ref": "../common/ü.json#/$defs/code"},
            })),
        )
        .file("a/schema/common/a-b.json", shared("^a$"))
        .file("a/schema/common/a_b.json", shared("^b$"))
        .file("a/schema/common/é.json", shared("^c$"))
        .file("a/schema/common/ü.json", shared("^d$"))
}

fn carriage_return_in_names() -> Set {
    Set::new().event("a.b", "a", object(json!({"x\ry": {"type": "string", "description": "one\rtwo\r\nthree"}, "k": {"type": "string", "enum": ["a\rb"]}})))
}

fn percent_encoded_ref() -> Set {
    Set::new()
        .event(
            "a.b",
            "a",
            json!({"type": "object", "$defs": {"a b": {"type": "string", "minLength": 2}}, "properties": {
                "x": {"$ref": "#/$defs/a%20b"},
                "y": {"$ref": "../common/c%20d.json#/$defs/%C3%A4"},
            }}),
        )
        .file("a/schema/common/c d.json", json!({"$defs": {"ä": {"type": "string", "maxLength": 3}}}))
}

fn exact_integer_bound() -> Set {
    payload(json!({"type": "integer", "minimum": 9_007_199_254_740_993_u64, "exclusiveMaximum": 9_007_199_254_740_996_u64}))
}

/// Properties named like a struct's companions (`ABV1Required`, `ABV1Parts`) and methods
/// (`new`, `into_parts`): every name stays distinct.
fn companion_names_clash() -> Set {
    Set::new().event(
        "a.b",
        "a",
        json!({"type": "object", "required": ["a_b_v1_required", "new"], "properties": {
            "a_b_v1_required": {"type": "object", "required": ["x"], "properties": {"x": {"type": "string"}, "y": {"type": "string"}}},
            "a_b_v1_parts": {"type": "object", "properties": {"into_parts": {"type": "string"}}},
            "new": {"type": "string"},
            "into_parts": {"type": "string"},
        }}),
    )
}

/// The sets that must generate and compile, by name.
fn accepted() -> Vec<(&'static str, Set)> {
    vec![
        ("self_named", self_named_enum_value_and_producer()),
        ("empty_and_non_ascii", empty_and_non_ascii_properties()),
        ("non_ascii_dirs", non_ascii_contract_dirs()),
        ("one_letter", one_letter_segments()),
        ("setter_clash", setter_clash()),
        ("producers_clash", producers_colliding_after_mangling()),
        ("shared_clash", shared_files_colliding_after_mangling()),
        ("carriage_return", carriage_return_in_names()),
        ("percent_ref", percent_encoded_ref()),
        ("exact_integer", exact_integer_bound()),
        ("companion_clash", companion_names_clash()),
    ]
}

#[test]
fn self_is_never_a_variant() {
    let source = self_named_enum_value_and_producer().generate().unwrap();
    assert!(source.contains("Self_"), "the enum value and producer `self` become `Self_`");
    assert!(!source.contains("    Self,") && !source.contains("    Self("), "no variant is named Self");
    assert!(source.contains("Unknown2"), "a tolerant enum's value `unknown` does not take the `Unknown` variant");
}

#[test]
fn empty_and_non_ascii_property_names_get_ascii_fields() {
    let source = empty_and_non_ascii_properties().generate().unwrap();
    for field in ["unnamed:", "u00e4:", "u00f6:", "unnamed2:"] {
        assert!(source.contains(field), "field {field} missing");
    }
}

#[test]
fn non_ascii_contract_dirs_get_distinct_modules() {
    let source = non_ascii_contract_dirs().generate().unwrap();
    assert!(source.contains("pub mod u00e9 {") && source.contains("pub mod u00fc {"));
}

#[test]
fn one_letter_segments_keep_one_type_name() {
    let source = one_letter_segments().generate().unwrap();
    assert!(source.contains("pub use self::t_e_v1::TEV1;") && source.contains("pub struct TEV1 {"), "the struct is named as re-exported");
    assert!(source.contains("pub use self::envelope_x_y_v1::EnvelopeXYV1;") && source.contains("pub struct EnvelopeXYV1 {"));
}

#[test]
fn a_property_named_like_a_setter_does_not_clash() {
    let source = setter_clash().generate().unwrap();
    // The derive writes `with_<field>` for each optional field: the property `with_a` is
    // named apart, so its getter and setter do not meet the setter of `a`.
    assert!(source.contains("a: Option<") && source.contains("with_a2: Option<"), "{source}");
    assert!(!source.contains("with_a: Option<"), "the property `with_a` gets its own name:\n{source}");
}

#[test]
fn producers_colliding_after_mangling_get_distinct_variants() {
    let source = producers_colliding_after_mangling().generate().unwrap();
    for variant in ["SalesOps,", "SalesOps2,", "U00e9,", "U00fc,"] {
        assert!(source.contains(variant), "variant {variant} missing");
    }
    assert!(source.contains("producer: super::super::envelope::Producer::SalesOps2,"), "the event's producer is the variant of `sales_ops`");
}

#[test]
fn shared_files_colliding_after_mangling_get_distinct_modules() {
    let source = shared_files_colliding_after_mangling().generate().unwrap();
    assert!(source.contains("pub mod a_schema_common_a_b {") && source.contains("pub mod a_schema_common_a_b2 {"));
    assert!(source.contains("pub mod a_schema_common_u00e9 {") && source.contains("pub mod a_schema_common_u00fc {"));
}

#[test]
fn no_carriage_return_reaches_the_output() {
    let source = carriage_return_in_names().generate().unwrap();
    assert!(!source.contains('\r'), "a bare CR in a doc comment does not compile");
}

#[test]
fn percent_encoded_ref_resolves() {
    let source = percent_encoded_ref().generate().unwrap();
    assert!(source.contains("BoundedString<2"), "{source}");
    assert!(source.contains("BoundedString<0, 3>"), "{source}");
}

#[test]
fn integer_bounds_are_exact_beyond_f64() {
    let source = exact_integer_bound().generate().unwrap();
    assert!(source.contains("Int<9007199254740993, 9007199254740995>"), "{}", source.lines().find(|l| l.contains("Int<")).unwrap_or(""));
    // Fractions: ceiling and floor; a whole exclusive bound written as `2.0` moves inwards.
    let source = payload(json!({"type": "integer", "exclusiveMinimum": -1.5, "exclusiveMaximum": 2.0})).generate().unwrap();
    assert!(source.contains("Int<{ -1 }, 1>"), "{}", source.lines().find(|l| l.contains("Int<")).unwrap_or(""));
    // In exponent form a bound between 2^53 and 2^64 has already lost digits: refused.
    let p = refused(&payload(json!({"type": "integer", "minimum": 1e18})));
    assert!(matches!(&p[..], [(at, Problem::Unsupported(m))] if at.ends_with("/properties/x/minimum") && m.contains("write it as a plain integer")), "{p:?}");
    // A bound beyond i64, in any form, is kept, not clamped: the number as written,
    // checked by the program (integer, bound) rather than an `i64` that refuses 2^63.
    for bound in [json!(1e30), json!(18_446_744_073_709_551_615_u64)] {
        let source = payload(json!({"type": "integer", "minimum": 0, "maximum": bound})).generate().unwrap();
        let compact: String = source.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(compact.contains("pubstructX(::events_runtime::Number)"), "{bound}: {}", source.lines().find(|l| l.contains("struct X")).unwrap_or(""));
    }
}

#[test]
fn many_enum_values_with_one_rust_name_claim_in_linear_time() {
    // 20,000 values that all map to `V` (the quadratic claim took 27 s), plus 100,000
    // distinct ones (the quadratic dedup took 29 s).
    const MARKS: &[u8] = b"!#$%&()*+,-./:;<=>?@[]^`{|}~";
    let same: Vec<String> = (0..20_000_usize).map(|i| (0..4).map(|d| char::from(MARKS[i / MARKS.len().pow(d) % MARKS.len()])).collect()).collect();
    let many: Vec<String> = (0..100_000).map(|i| format!("v{i}")).collect();
    let set = Set::new().event("a.b", "a", object(json!({"same": {"type": "string", "enum": same}, "many": {"type": "string", "enum": many}})));
    let dir = tempfile::tempdir().unwrap();
    let root = set.write(dir.path());
    let start = Instant::now();
    let report = events_codegen::check::check(&root, "2026-01-01");
    let took = start.elapsed();
    assert!(report.errors.is_empty(), "{:?}", report.errors.first());
    assert!(took < Duration::from_secs(20), "check took {took:?}");
}

// ---- depth, files ----

#[test]
fn a_chain_of_12000_refs_is_an_error_not_a_stack_overflow() {
    let mut defs = serde_json::Map::new();
    for i in 0..12_000 {
        defs.insert(format!("d{i}"), json!({"$ref": format!("#/$defs/d{}", i + 1)}));
    }
    defs.insert("d12000".into(), json!({"type": "string"}));
    let set = Set::new().event("a.b", "a", json!({"type": "object", "$defs": defs, "properties": {"x": {"$ref": "#/$defs/d0"}}}));
    // The default stack of a spawned thread (2 MiB), not the main thread's 8 MiB.
    let problems = std::thread::Builder::new().stack_size(2 << 20).spawn(move || refused(&set)).unwrap().join().expect("no stack overflow");
    assert!(problems.iter().any(|(_, p)| matches!(p, Problem::TooDeep(_))), "{problems:?}");
}

#[cfg(unix)]
mod files {
    use super::*;
    use std::path::Path;

    fn fifo(path: &Path) {
        let status = std::process::Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    }

    fn valid() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = Set::new()
            .event("a.b", "a", object(json!({"x": {"$ref": "../common/c.json#/$defs/c"}})))
            .file("a/schema/common/c.json", json!({"$defs": {"c": {"type": "string"}}}))
            .write(dir.path());
        assert!(support::generate(&root, |_| {}).is_ok());
        (dir, root)
    }

    fn problems_of(root: &Path) -> Vec<(String, String, Problem)> {
        // A hang would block here: run it in a thread and give up after a while.
        let root = root.to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(support::generate(&root, |_| {}).expect_err("must be refused")));
        rx.recv_timeout(Duration::from_secs(60)).expect("generation must not hang")
    }

    #[test]
    fn a_fifo_registry_envelope_or_ref_target_is_refused_without_blocking() {
        for file in ["event-types-registry.json", "event-envelope/schema/envelope-v1.json", "a/schema/common/c.json"] {
            let (_dir, root) = valid();
            std::fs::remove_file(root.join(file)).unwrap();
            fifo(&root.join(file));
            let p = problems_of(&root);
            assert!(p.iter().any(|(_, _, prob)| prob.to_string().contains("a FIFO, not a regular file")), "{file}: {p:?}");
        }
    }

    #[test]
    fn devices_behind_symlinks_are_never_read() {
        for (file, device) in [("event-types-registry.json", "/dev/zero"), ("event-envelope/schema/envelope-v1.json", "/dev/urandom")] {
            let (_dir, root) = valid();
            std::fs::remove_file(root.join(file)).unwrap();
            std::os::unix::fs::symlink(device, root.join(file)).unwrap();
            let p = problems_of(&root);
            assert!(p.iter().any(|(f, _, prob)| f == file && matches!(prob, Problem::OutsideRoot(_) | Problem::NotAFile(_))), "{file}: {p:?}");
        }
    }

    #[test]
    fn a_registry_symlinked_outside_the_root_is_refused() {
        let (dir, root) = valid();
        let outside = dir.path().join("registry-outside.json");
        std::fs::rename(root.join("event-types-registry.json"), &outside).unwrap();
        std::os::unix::fs::symlink(&outside, root.join("event-types-registry.json")).unwrap();
        let p = problems_of(&root);
        assert!(matches!(&p[..], [(f, _, Problem::OutsideRoot(_))] if f == "event-types-registry.json"), "{p:?}");
    }

    #[test]
    fn a_file_over_the_size_cap_is_refused_naming_the_cap() {
        let (_dir, root) = valid();
        let file = std::fs::OpenOptions::new().append(true).open(root.join("a/schema/common/c.json")).unwrap();
        file.set_len(events_codegen::load::MAX_FILE_BYTES + 1).unwrap();
        let p = problems_of(&root);
        assert!(p.iter().any(|(_, _, prob)| prob.to_string().contains(&format!("{}-byte cap", events_codegen::load::MAX_FILE_BYTES))), "{p:?}");
    }
}

// ---- silently wrong before: each now refused with a pointer, or exact ----

#[test]
fn multiple_of_too_fine_to_check_exactly_is_refused() {
    let p = refused(&payload(json!({"type": "number", "multipleOf": 1e-300})));
    assert!(matches!(&p[..], [(at, Problem::Unsupported(m))] if at == &format!("{PROBE}#/properties/x/multipleOf") && m.contains("decimal places")), "{p:?}");
    // A divisor the run-time check handles exactly still generates.
    assert!(payload(json!({"type": "number", "multipleOf": 0.01})).generate().is_ok());
}

#[test]
fn bounds_no_value_satisfies_are_refused_with_a_pointer() {
    let cases = [
        (json!({"type": "array", "items": {"type": "string"}, "minItems": 3, "maxItems": 2}), "/properties/x/minItems"),
        (json!({"type": "number", "minimum": 5, "maximum": 4.5}), "/properties/x/minimum"),
        (json!({"type": "number", "exclusiveMinimum": 1, "maximum": 1}), "/properties/x/exclusiveMinimum"),
        (json!({"type": "integer", "minimum": 18_446_744_073_709_551_615_u64, "maximum": 9_223_372_036_854_775_808_u64}), "/properties/x"),
    ];
    for (schema, pointer) in cases {
        let p = refused(&payload(schema.clone()));
        assert!(matches!(&p[..], [(at, Problem::Unsupported(_))] if at == &format!("{PROBE}#{pointer}")), "{schema}: {p:?}");
    }
    assert!(payload(json!({"type": "number", "minimum": 1, "maximum": 1})).generate().is_ok(), "one value is satisfiable");
    assert!(payload(json!({"type": "integer", "minimum": 9_223_372_036_854_775_808_u64})).generate().is_ok(), "integers beyond i64 exist");
}

#[test]
fn duplicate_keys_are_refused_with_a_pointer() {
    // In a schema object.
    let dir = tempfile::tempdir().unwrap();
    let root = payload(json!({"type": "string"})).write(dir.path());
    let schema = std::fs::read_to_string(root.join(PROBE)).unwrap();
    std::fs::write(root.join(PROBE), schema.replacen("{\"type\":\"string\"}", "{\"type\":\"string\",\"type\":\"integer\"}", 1)).unwrap();
    let p = support::generate(&root, |_| {}).unwrap_err();
    assert_eq!(p, [(PROBE.to_owned(), "/properties/x".to_owned(), Problem::DuplicateKey("type".into()))]);
    // In the registry.
    let dir = tempfile::tempdir().unwrap();
    let root = payload(json!({"type": "string"})).write(dir.path());
    let registry = std::fs::read_to_string(root.join("event-types-registry.json")).unwrap();
    std::fs::write(root.join("event-types-registry.json"), registry.replacen("\"producer\":\"shop\"", "\"producer\":\"shop\",\"producer\":\"shop\"", 1))
        .unwrap();
    let p = support::generate(&root, |_| {}).unwrap_err();
    assert_eq!(p, [("event-types-registry.json".to_owned(), "/event_types/probe.checked".to_owned(), Problem::DuplicateKey("producer".into()))]);
}

#[test]
fn an_impossible_calendar_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = payload(json!({"type": "string"})).write(dir.path());
    let registry = std::fs::read_to_string(root.join("event-types-registry.json")).unwrap();
    std::fs::write(root.join("event-types-registry.json"), registry.replace("2026-01-01", "2026-02-31")).unwrap();
    let p = support::generate(&root, |_| {}).unwrap_err();
    assert!(
        matches!(&p[..], [(_, at, Problem::BadDate(d))] if at == "/event_types/probe.checked/schema_versions/0/registered_at" && d == "2026-02-31"),
        "{p:?}"
    );
}

#[test]
fn id_type_overrides_are_checked() {
    let set = payload(json!({"type": "string", "pattern": "^per_[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"}));
    let messages = |config: &dyn Fn(&mut events_codegen::Config)| -> Vec<String> {
        set.generate_with(|c| config(c)).expect_err("refused").into_iter().map(|(_, _, p)| p.to_string()).collect()
    };
    let bad_name = messages(&|c| {
        c.id_type("per", "not an ident");
    });
    assert!(matches!(&bad_name[..], [m] if m.contains("is not a Rust identifier")), "{bad_name:?}");
    let unknown = messages(&|c| {
        c.id_type("zzz", "ZzzId");
    });
    assert!(matches!(&unknown[..], [m] if m.contains("no id in the contract set has the prefix \"zzz\"")), "{unknown:?}");
    let reserved = messages(&|c| {
        c.id_type("per", "Producer");
    });
    assert!(matches!(&reserved[..], [m] if m.contains("already uses")), "{reserved:?}");
    assert!(set
        .generate_with(|c| {
            c.id_type("per", "HumanId");
        })
        .unwrap()
        .contains("HumanId(\"per\")"));
}

/// A deprecated v1 whose payload has no required property, past its cutover.
fn sunset_without_required() -> Set {
    let mut set = Set::new().event("a.b", "a", object(json!({"note": {"type": "string"}})));
    set.events[0].2[0].status = "deprecated";
    set.events[0].2[0].deprecated_at = Some("2026-01-01");
    set.events[0].2.push(Version::new("a", object(json!({"note": {"type": "string"}}))));
    set
}

/// The same with a required property: `new` takes its `…Required` struct.
fn sunset_with_required() -> Set {
    let schema = json!({"type": "object", "required": ["note"], "properties": {"note": {"type": "string"}}});
    let mut set = Set::new().event("a.b", "a", schema.clone());
    set.events[0].2[0].status = "deprecated";
    set.events[0].2[0].deprecated_at = Some("2026-01-01");
    set.events[0].2.push(Version::new("a", schema));
    set
}

// ---- the compile proof ----

/// Every accepted set above compiles, in one crate; a sunset version without a required
/// property compiles too, until a producer calls `new()` or `Default::default()`.
#[test]
fn every_accepted_hostile_set_compiles() {
    let mut scratch = support::Scratch::new();
    for (name, set) in accepted() {
        scratch.add(name, &set.generate().unwrap_or_else(|p| panic!("{name}: {p:?}")), "");
    }
    let sunset = sunset_without_required().generate_with(|c| {
        c.enforce_sunset_as_of("2026-06-01");
    });
    let sunset = sunset.unwrap();
    scratch.add("sunset", &sunset, "");
    let sunset_required = sunset_with_required().generate_with(|c| {
        c.enforce_sunset_as_of("2026-06-01");
    });
    let sunset_required = sunset_required.unwrap();
    scratch.add("sunset_required", &sunset_required, "");
    scratch.build().unwrap_or_else(|e| panic!("the generated code must compile:\n{e}"));

    // Producing the sunset version fails at the call site, with the sunset message.
    let mut producer = support::Scratch::new();
    producer.add(
        "sunset",
        &sunset,
        "    pub fn produce() { let _ = a::ABV1::new(); }\n    pub fn produce_default() { let _ = <a::ABV1 as Default>::default(); }",
    );
    producer.add("sunset_required", &sunset_required, "    pub fn produce() { let _ = a::ABV1::new(a::a_b_v1::ABV1Required { note: String::new() }); }");
    let e = producer.build().expect_err("producing a sunset version must not compile");
    assert_eq!(e.matches("a.b v1 is sunset").count(), 3, "{e}");
    // v2 stays producible.
    let mut v2 = support::Scratch::new();
    v2.add("sunset", &sunset, "    pub fn produce() { let _ = a::ABV2::new(); let _ = <a::ABV2 as Default>::default(); }");
    v2.add("sunset_required", &sunset_required, "    pub fn produce() { let _ = a::ABV2::new(a::a_b_v2::ABV2Required { note: String::new() }); }");
    v2.build().unwrap_or_else(|e| panic!("v2 is not sunset:\n{e}"));
}

/// Generates on a spawned thread's default stack (2 MiB), not the main thread's 8 MiB.
fn generate_on_small_stack(set: Set) -> Result<String, Vec<(String, String, Problem)>> {
    std::thread::Builder::new().stack_size(2 << 20).spawn(move || set.generate()).unwrap().join().expect("no stack overflow")
}

#[test]
fn deep_nesting_generates_or_is_refused_on_a_small_stack() {
    // As deep as JSON nesting (128 levels) allows: objects, arrays, nullable arrays.
    let nest = |depth: usize, wrap: &dyn Fn(Value) -> Value| (0..depth).fold(json!({"type": "string"}), |inner, _| wrap(inner));
    let objects = nest(62, &|o| json!({"type": "object", "properties": {"o": o}}));
    assert!(generate_on_small_stack(payload(objects)).is_ok());
    for (depth, wrap) in [(31, "array"), (62, "array"), (15, "nullable"), (62, "nullable")] {
        let array = nest(depth, &|items| json!({"type": if wrap == "array" { json!("array") } else { json!(["array", "null"]) }, "items": items}));
        let result = generate_on_small_stack(payload(array));
        if depth < 32 && (wrap == "array" || depth < 16) {
            assert!(result.is_ok(), "{depth} {wrap}: {result:?}");
        } else {
            let p = result.expect_err("too deep");
            assert!(p.iter().any(|(_, _, prob)| prob.to_string().contains("arrays nest deeper than 32 levels")), "{depth} {wrap}: {p:?}");
        }
    }
    // Beyond JSON's nesting, through `$ref` chains: objects and arrays, 300 links.
    let chain = |link: &dyn Fn(String) -> Value| {
        let mut defs: Map<String, Value> = (0..300).map(|i| (format!("d{i}"), link(format!("#/$defs/d{}", i + 1)))).collect();
        defs.insert("d300".into(), json!({"type": "string"}));
        payload(json!({"$ref": "#/$defs/d0"})).with_defs(defs)
    };
    // And across files: 300 shared documents, each referring to the next.
    let mut files = payload(json!({"$ref": "../common/f0.json#/$defs/d"}));
    for i in 0..300 {
        files = files.file(
            &format!("probe/schema/common/f{i}.json"),
            json!({"$defs": {"d": {"type": "object", "properties": {"o": {"$ref": format!("f{}.json#/$defs/d", i + 1)}}}}}),
        );
    }
    files = files.file("probe/schema/common/f300.json", json!({"$defs": {"d": {"type": "string"}}}));
    for set in
        [chain(&|next| json!({"type": "object", "properties": {"o": {"$ref": next}}})), chain(&|next| json!({"type": "array", "items": {"$ref": next}})), files]
    {
        let p = generate_on_small_stack(set).expect_err("too deep");
        assert!(p.iter().any(|(_, _, prob)| matches!(prob, Problem::TooDeep(_)) || prob.to_string().contains("arrays nest deeper")), "{p:?}");
    }
}

#[test]
fn build_script_settings_are_checked() {
    let set = payload(json!({"type": "string"}));
    let message = |config: &dyn Fn(&mut events_codegen::Config)| -> Vec<String> {
        set.generate_with(|c| config(c)).expect_err("refused").into_iter().map(|(f, _, p)| format!("{f}: {p}")).collect()
    };
    let runtime = message(&|c| {
        c.runtime_path("::events; fn x()");
    });
    assert!(matches!(&runtime[..], [m] if m.starts_with("Config: runtime_path")), "{runtime:?}");
    // `crate`, `self` and `super` only lead a path, and only `super` repeats.
    for bad in
        ["crate::crate", "crate::self::events", "events::crate", "crate::super::events", "super::crate", "super::self::events", "::crate", "::super::events"]
    {
        let refused = message(&|c| {
            c.runtime_path(bad);
        });
        assert!(matches!(&refused[..], [m] if m.starts_with("Config: runtime_path")), "{bad}: {refused:?}");
    }
    for good in ["crate", "self::rt", "super::super::events", "::events", "events::runtime"] {
        let problems = set
            .generate_with(|c| {
                c.runtime_path(good);
            })
            .err()
            .unwrap_or_default();
        assert!(problems.iter().all(|(_, _, p)| !p.to_string().starts_with("runtime_path")), "{good} is a path: {problems:?}");
    }
    let date = message(&|c| {
        c.enforce_sunset_as_of("soon");
    });
    assert!(matches!(&date[..], [m] if m.contains("\"soon\" is not a date")), "{date:?}");
    let mut spaced = Set::new().event("a.b", "a b", object(json!({})));
    spaced.producers = vec!["shop".into()];
    let features = spaced.generate_with(|c| {
        c.contract_features(true);
    });
    assert!(matches!(&features.expect_err("refused")[..], [(_, _, Problem::BadConfig(m))] if m.contains("\"a b\" is not a cargo feature name")));
    // A feature name is letters, digits, `_`, `-`, `+` and `.`, not starting with `-`, `+` or `.`.
    let with_features = |dir: &str| {
        Set::new().event("a.b", dir, object(json!({}))).generate_with(|c| {
            c.contract_features(true);
        })
    };
    for dir in ["-a", "+a", ".a", "a!b"] {
        let refused = with_features(dir).expect_err(dir);
        assert!(matches!(&refused[..], [(_, _, Problem::BadConfig(m))] if m.contains("is not a cargo feature name")), "{dir}: {refused:?}");
    }
    for dir in ["a_b-c+d.e", "_x", "9lives", "été"] {
        assert!(with_features(dir).is_ok(), "{dir}");
    }
    for ok in ["::events", "crate", "events", "super::super::events", "crate::rt"] {
        assert!(
            set.generate_with(|c| {
                c.runtime_path(ok);
            })
            .is_ok(),
            "{ok}"
        );
    }
}
