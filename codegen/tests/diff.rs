//! `diff` between two releases of the fixture contract set: each kind of change is found
//! and classified for producers and consumers, and in-place edits are flagged.

mod support;

use std::path::{Path, PathBuf};
use support::copy_dir;

use events_codegen::diff::{diff_dirs, Impact};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/contracts-mini/contracts");

fn edit(path: PathBuf, f: impl FnOnce(&mut serde_json::Value)) {
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    f(&mut doc);
    std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

fn rows(report: &events_codegen::diff::Report) -> Vec<String> {
    let name = |i: Impact| format!("{i:?}").chars().next().unwrap();
    report
        .changes
        .iter()
        .map(|c| {
            format!(
                "{}{} {}: {} [{}{}]{}",
                c.event_type,
                c.version.map(|v| format!(" v{v}")).unwrap_or_default(),
                c.path,
                c.what,
                name(c.producers),
                name(c.consumers),
                if c.in_place_edit { " EDIT" } else { "" }
            )
        })
        .collect()
}

#[test]
fn identical_sets_have_no_changes() {
    let report = diff_dirs(Path::new(FIXTURE), Path::new(FIXTURE)).unwrap();
    assert!(report.changes.is_empty(), "{report}");
    assert!(!report.has_breaking());
}

#[test]
fn every_kind_of_change_is_classified() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("contracts");
    copy_dir(Path::new(FIXTURE), &new);
    let placed = new.join("shop/schema/payloads/order.placed-v2.json");
    edit(placed, |s| {
        let p = &mut s["properties"];
        p["channel"]["enum"] = serde_json::json!(["web", "phone"]); // narrowed
        p["lines"]["items"]["properties"]["quantity"]["maximum"] = 20.into(); // tightened
        p["note"]["maxLength"] = 500.into(); // loosened
        p["gift_message"] = serde_json::json!({"type": "string", "description": "New optional."});
        p["store_id"] = serde_json::json!({"type": "string", "description": "New required."});
        p.as_object_mut().unwrap().shift_remove("tags"); // removed
        s["required"].as_array_mut().unwrap().push("store_id".into());
    });
    edit(new.join("shop/schema/payloads/order.decided-v1.json"), |s| {
        s["oneOf"][1]["properties"]["reason"]["enum"].as_array_mut().unwrap().push("velocity_limit".into());
        // widened, tolerated
    });
    edit(new.join("event-types-registry.json"), |r| {
        let placed = &mut r["event_types"]["order.placed"];
        placed["consumers"].as_array_mut().unwrap().push("shop".into());
        placed["schema_versions"][1]["status"] = "deprecated".into();
        placed["schema_versions"][1]["deprecated_at"] = "2026-06-01".into();
        r["event_types"]["order.shipped"] = serde_json::json!({"producer": "shop", "consumers": [], "owning_contract": null,
            "schema_versions": [{"version": 1, "payload_schema": null, "status": "active", "registered_at": "2026-06-01"}]});
        r["event_types"]["order.placed"]["schema_versions"].as_array_mut().unwrap().remove(0);
        // v1 removed
    });
    let report = diff_dirs(Path::new(FIXTURE), &new).unwrap();
    assert_eq!(
        rows(&report),
        vec![
            "order.decided v1 (decision=rejected)/reason: enum widened: [\"velocity_limit\"] added (consumers tolerate unknown values) [CC] EDIT",
            "order.placed : consumer shop added [CC]",
            "order.placed v1 : version removed [BB]",
            "order.placed v2 : deprecated_at none -> 2026-06-01 [CC]",
            "order.placed v2 : status active -> deprecated [WC]",
            "order.placed v2 /channel: enum narrowed: [\"in_store\"] removed [BC] EDIT",
            "order.placed v2 /gift_message: optional field added; decoders built from the old contract reject it (additionalProperties: false) [CB] EDIT",
            "order.placed v2 /lines/[]/quantity: bounds tightened from 1..=99 to 1..=20 [BC] EDIT",
            "order.placed v2 /note: length loosened from 0..=140 to 0..=500 [CB] EDIT",
            "order.placed v2 /store_id: required field added; decoders built from the old contract reject it (additionalProperties: false) [BB] EDIT",
            "order.placed v2 /tags: field removed [BB] EDIT",
            "order.shipped : event type added (1 version(s)) [CC]",
        ]
    );
    assert!(report.has_breaking());
    assert!(report.to_string().ends_with("12 change(s), 7 breaking, 2 published version(s) edited in place\n"), "{report}");
}

/// The report between the two real releases: `tests/fixtures/contracts-2.0.0` (reconstructed
/// 2.0.0) and `contracts/` (2.0.1). It must show what the package really changed, and the
/// whole report is checked in (`tests/snapshots/diff-2.0.0-to-2.0.1.txt`) so any change in
/// classification is a reviewable diff; `UPDATE_SNAPSHOTS=1` rewrites it.
#[test]
fn release_2_0_0_to_2_0_1_reports_what_the_package_changed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let report = diff_dirs(&root.join("tests/fixtures/contracts-2.0.0/contracts"), &root.join("contracts")).unwrap();
    let rows = rows(&report);
    let has = |row: &str| rows.iter().any(|r| r == row);
    let expected = [
        // New event types and versions.
        "intake.matched v2 : version added (active) [CC]",
        "lead.qualified : event type added (1 version(s)) [CC]",
        "role.assigned : event type added (1 version(s)) [CC]",
        "order.created : event type added (1 version(s)) [CC]",
        // Deprecation of intake.matched v1.
        "intake.matched v1 : status active -> deprecated [WC]",
        "intake.matched v1 : deprecated_at none -> 2026-05-12 [CC]",
        // Consumers added.
        "lead.created : consumer growth added [CC]",
        "lesson.delivered : consumer coaching added [CC]",
        // In-place edits of published versions: credit.reserved v1 loosened lesson_id,
        // credit.locked v1 changed text only, lesson.* and coach.assigned gained schemas,
        // the envelope gained a producer.
        "credit.reserved v1 /lesson_id: no longer required [CB] EDIT",
        "credit.reserved v1 /lesson_id: null now allowed [CB] EDIT",
        "credit.locked v1 : schema text changed (no change to what it accepts) [CC] EDIT",
        "lesson.scheduled v1 : payload schema added: the opaque payload becomes a typed one [BB] EDIT",
        "coach.assigned v1 : payload schema added: the opaque payload becomes a typed one [BB] EDIT",
        "(envelope) v1 /properties/producer: producer coaching added [CB] EDIT",
    ];
    for row in expected {
        assert!(has(row), "missing {row:?} in:\n{}", rows.join("\n"));
    }
    assert!(!rows.iter().any(|r| r.contains("removed [B")), "2.0.1 removed nothing:\n{}", rows.join("\n"));
    let edited: std::collections::BTreeSet<String> = report.changes.iter().filter(|c| c.in_place_edit).map(|c| c.event_type.clone()).collect();
    assert_eq!(
        edited.into_iter().collect::<Vec<_>>(),
        ["(envelope)", "coach.assigned", "credit.locked", "credit.reserved", "lesson.cancelled", "lesson.delivered", "lesson.scheduled"]
    );

    let path = root.join("tests/snapshots/diff-2.0.0-to-2.0.1.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, report.to_string()).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == report.to_string(),
        "{} is stale; regenerate with UPDATE_SNAPSHOTS=1 cargo test -p events-codegen --test diff and review:\n{report}",
        path.display()
    );
}

/// Adding a value to an enum breaks consumers unless the contract tells them to tolerate
/// unknown values: decoders built from the old contract reject the new value. Producers
/// keep working either way.
#[test]
fn widening_a_strict_enum_breaks_consumers_and_a_tolerant_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("contracts");
    copy_dir(Path::new(FIXTURE), &new);
    edit(new.join("shop/schema/payloads/order.placed-v2.json"), |s| {
        s["properties"]["channel"]["enum"].as_array_mut().unwrap().push("kiosk".into());
    });
    edit(new.join("shop/schema/payloads/order.decided-v1.json"), |s| {
        s["oneOf"][1]["properties"]["reason"]["enum"].as_array_mut().unwrap().push("velocity_limit".into());
    });
    let report = diff_dirs(Path::new(FIXTURE), &new).unwrap();
    let impact = |event: &str, path_end: &str| {
        let found: Vec<_> =
            report.changes.iter().filter(|c| c.event_type == event && c.path.ends_with(path_end) && c.what.starts_with("enum widened")).collect();
        assert_eq!(found.len(), 1, "{event} {path_end}: {}", rows(&report).join("\n"));
        (found[0].producers, found[0].consumers)
    };
    assert_eq!(impact("order.placed", "/channel"), (Impact::Compatible, Impact::Breaking), "strict enum widened");
    assert_eq!(impact("order.decided", "/reason"), (Impact::Compatible, Impact::Compatible), "tolerant enum widened");
}

/// Each string constraint and nullability change is classified: a field that no longer
/// allows `null`, an id of another prefix, a timestamp that becomes a date, a raised
/// minimum length, a custom pattern changed; and a change inside a type shared across
/// files (`money.json`) is reported where the payload uses it.
#[test]
fn string_constraint_and_nullability_changes_are_classified() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("contracts");
    copy_dir(Path::new(FIXTURE), &new);
    edit(new.join("shop/schema/payloads/order.placed-v2.json"), |s| {
        let p = &mut s["properties"];
        p["referrer_person_id"]["type"] = "string".into();
        let pattern = p["order_id"]["pattern"].as_str().unwrap().replacen("^ord_", "^odr_", 1);
        p["order_id"]["pattern"] = pattern.into();
        p["placed_at"]["format"] = "date".into();
        p["note"]["minLength"] = 2.into();
        p["currency"]["pattern"] = "^[A-Z]{3,4}$".into();
    });
    edit(new.join("shop/schema/common/money.json"), |s| {
        s["definitions"]["currency"]["enum"].as_array_mut().unwrap().retain(|c| c != "USD");
    });
    let report = diff_dirs(Path::new(FIXTURE), &new).unwrap();
    let rows = rows(&report);
    for row in [
        "order.placed v2 /referrer_person_id: null no longer allowed [BC] EDIT",
        "order.placed v2 /placed_at: format date-time -> date [BB] EDIT",
        "order.placed v2 /note: length tightened from 0..=140 to 2..=140 [BC] EDIT",
        "order.placed v2 /currency: pattern changed from ^[A-Z]{3}$ to ^[A-Z]{3,4}$ [BB] EDIT",
        "order.placed v2 /total/currency: enum narrowed: [\"USD\"] removed [BC] EDIT",
    ] {
        assert!(rows.iter().any(|r| r == row), "missing {row:?} in:\n{}", rows.join("\n"));
    }
    let id = rows.iter().find(|r| r.starts_with("order.placed v2 /order_id: ")).unwrap_or_else(|| panic!("no order_id row in:\n{}", rows.join("\n")));
    assert!(id.contains("^ord_") && id.contains("^odr_") && id.ends_with("[BB] EDIT"), "{id}");
}

/// The schema of `quantity` in an order line of order.placed v2.
fn quantity(s: &mut serde_json::Value) -> &mut serde_json::Value {
    &mut s["properties"]["lines"]["items"]["properties"]["quantity"]
}

/// The rows of `event` in the diff between the fixture with `file` (a payload schema)
/// edited by `old` and by `new`.
fn rows_of(file: &str, event: &str, old: impl FnOnce(&mut serde_json::Value), new: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("old/contracts"), dir.path().join("new/contracts"));
    for (root, f) in [(&a, Box::new(old) as Box<dyn FnOnce(&mut serde_json::Value)>), (&b, Box::new(new))] {
        copy_dir(Path::new(FIXTURE), root);
        edit(root.join("shop/schema/payloads").join(file), f);
    }
    rows(&diff_dirs(&a, &b).unwrap()).into_iter().filter(|r| r.starts_with(&format!("{event} "))).collect()
}

/// The `order.placed` v2 rows of the diff between the fixture edited by `old` and by `new`
/// (the payload schema of order.placed v2 is passed to each edit).
fn placed_rows(old: impl FnOnce(&mut serde_json::Value), new: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    rows_of("order.placed-v2.json", "order.placed v2", old, new)
}

/// Each constraint change is classified by who it breaks: tightening breaks producers,
/// loosening breaks consumers, a change both ways (or of type) breaks both. One change per
/// case, each against its own copy of the fixture.
#[test]
fn each_constraint_change_is_classified_by_whom_it_breaks() {
    let multiple = |m: i64| move |s: &mut serde_json::Value| s["properties"]["lines"]["items"]["properties"]["quantity"]["multipleOf"] = m.into();
    let keep = |_: &mut serde_json::Value| {};
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        (
            "pattern removed",
            placed_rows(keep, |s| drop(s["properties"]["currency"].as_object_mut().unwrap().remove("pattern"))),
            "/currency: pattern ^[A-Z]{3}$ removed [CB] EDIT",
        ),
        ("pattern added", placed_rows(keep, |s| s["properties"]["note"]["pattern"] = "^[a-z ]*$".into()), "/note: pattern ^[a-z ]*$ added [BC] EDIT"),
        ("format added", placed_rows(keep, |s| s["properties"]["note"]["format"] = "email".into()), "/note: format none -> email [BC] EDIT"),
        (
            "format removed",
            placed_rows(keep, |s| drop(s["properties"]["contact_email"].as_object_mut().unwrap().remove("format"))),
            "/contact_email: format email -> none [CB] EDIT",
        ),
        ("multipleOf added", placed_rows(keep, multiple(2)), "/lines/[]/quantity: multipleOf 1 -> 2 [BC] EDIT"),
        ("multipleOf coarser", placed_rows(multiple(2), multiple(4)), "/lines/[]/quantity: multipleOf 2 -> 4 [BC] EDIT"),
        ("multipleOf finer", placed_rows(multiple(4), multiple(2)), "/lines/[]/quantity: multipleOf 4 -> 2 [CB] EDIT"),
        ("multipleOf unrelated", placed_rows(multiple(2), multiple(3)), "/lines/[]/quantity: multipleOf 2 -> 3 [BB] EDIT"),
        (
            "bounds moved",
            placed_rows(keep, |s| *quantity(s) = serde_json::json!({"type": "integer", "minimum": 5, "maximum": 200})),
            "/lines/[]/quantity: bounds moved from 1..=99 to 5..=200 [BB] EDIT",
        ),
        (
            "uniqueItems removed",
            placed_rows(keep, |s| drop(s["properties"]["tags"].as_object_mut().unwrap().remove("uniqueItems"))),
            "/tags: uniqueItems removed [CB] EDIT",
        ),
        (
            "uniqueItems added",
            placed_rows(|s| drop(s["properties"]["tags"].as_object_mut().unwrap().remove("uniqueItems")), keep),
            "/tags: uniqueItems added [BC] EDIT",
        ),
        (
            "any to object",
            placed_rows(|s| s["properties"]["metadata"] = serde_json::json!({"description": "Anything at all."}), keep),
            "/metadata: type changed from any to object [BB] EDIT",
        ),
        (
            "boolean to integer",
            placed_rows(keep, |s| s["properties"]["gift"]["type"] = "integer".into()),
            "/gift: type changed from boolean to integer [BB] EDIT",
        ),
        (
            "integer to boolean",
            placed_rows(keep, |s| *quantity(s) = serde_json::json!({"type": "boolean"})),
            "/lines/[]/quantity: type changed from integer to boolean [BB] EDIT",
        ),
        (
            "integer to number",
            placed_rows(keep, |s| *quantity(s) = serde_json::json!({"type": "number"})),
            "/lines/[]/quantity: type changed from integer to number [BB] EDIT",
        ),
        (
            "object to array",
            placed_rows(keep, |s| s["properties"]["metadata"] = serde_json::json!({"type": "array"})),
            "/metadata: type changed from object to array [BB] EDIT",
        ),
        (
            "array to boolean",
            placed_rows(keep, |s| s["properties"]["tags"] = serde_json::json!({"type": "boolean"})),
            "/tags: type changed from array to boolean [BB] EDIT",
        ),
        (
            "enum to string",
            placed_rows(keep, |s| drop(s["properties"]["channel"].as_object_mut().unwrap().remove("enum"))),
            "/channel: type changed from enum to string [BB] EDIT",
        ),
        (
            "object to string",
            placed_rows(keep, |s| s["properties"]["window"] = serde_json::json!({"type": "string"})),
            "/window: type changed from object to string [BB] EDIT",
        ),
        (
            "const to string",
            placed_rows(keep, |s| s["properties"]["kind"] = serde_json::json!({"type": "string"})),
            "/kind: type changed from const \"retail\" to string [BB] EDIT",
        ),
    ];
    let mut problems = Vec::new();
    for (name, rows, expected) in cases {
        let expected = format!("order.placed v2 {expected}");
        if rows != [expected.clone()] {
            problems.push(format!("{name}: expected [{expected}], got {rows:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Bounded numbers (`order.rated` v1: `score` in 0..=5 by 0.5, `weight` in 0<..<1), object
/// rules, consts and union branches: each change classified by who it breaks.
#[test]
fn number_object_const_and_union_changes_are_classified() {
    let rated = |old: fn(&mut serde_json::Value), new: fn(&mut serde_json::Value)| rows_of("order.rated-v1.json", "order.rated v1", old, new);
    let decided = |old: fn(&mut serde_json::Value), new: fn(&mut serde_json::Value)| rows_of("order.decided-v1.json", "order.decided v1", old, new);
    let keep: fn(&mut serde_json::Value) = |_| {};
    let add_deferred: fn(&mut serde_json::Value) = |s| {
        let mut deferred = s["oneOf"][1].clone();
        deferred["properties"]["decision"]["const"] = "deferred".into();
        s["oneOf"].as_array_mut().unwrap().push(deferred);
    };
    let cases: Vec<(&str, Vec<String>, &str, &str)> = vec![
        ("maximum lowered", rated(keep, |s| s["properties"]["score"]["maximum"] = 4.into()), "/score: number bounds tightened", "[BC] EDIT"),
        ("maximum raised", rated(keep, |s| s["properties"]["score"]["maximum"] = 6.into()), "/score: number bounds loosened", "[CB] EDIT"),
        (
            "range moved",
            rated(keep, |s| {
                s["properties"]["score"]["minimum"] = 1.into();
                s["properties"]["score"]["maximum"] = 6.into();
            }),
            "/score: number bounds changed",
            "[BB] EDIT",
        ),
        ("multipleOf finer", rated(keep, |s| s["properties"]["score"]["multipleOf"] = 0.25.into()), "/score: number bounds loosened", "[CB] EDIT"),
        ("multipleOf coarser", rated(keep, |s| s["properties"]["score"]["multipleOf"] = 1.into()), "/score: number bounds tightened", "[BC] EDIT"),
        (
            "multipleOf unrelated",
            rated(|s| s["properties"]["score"]["multipleOf"] = 2.into(), |s| s["properties"]["score"]["multipleOf"] = 3.into()),
            "/score: number bounds changed",
            "[BB] EDIT",
        ),
        (
            "exclusive minimum made inclusive",
            rated(keep, |s| {
                let w = s["properties"]["weight"].as_object_mut().unwrap();
                w.remove("exclusiveMinimum");
                w.insert("minimum".into(), 0.into());
            }),
            "/weight: number bounds loosened",
            "[CB] EDIT",
        ),
        (
            "stricter inclusive minimum beside an exclusive one dropped",
            rated(|s| s["properties"]["weight"]["minimum"] = 0.5.into(), keep),
            "/weight: number bounds loosened",
            "[CB] EDIT",
        ),
        (
            "stricter inclusive maximum beside an exclusive one dropped",
            rated(|s| s["properties"]["weight"]["maximum"] = 0.5.into(), keep),
            "/weight: number bounds loosened",
            "[CB] EDIT",
        ),
        (
            "exclusive minimum beside an equal inclusive one made inclusive",
            rated(
                |s| s["properties"]["weight"]["minimum"] = 0.into(),
                |s| {
                    let w = s["properties"]["weight"].as_object_mut().unwrap();
                    w.remove("exclusiveMinimum");
                    w.insert("minimum".into(), 0.into());
                },
            ),
            "/weight: number bounds loosened",
            "[CB] EDIT",
        ),
        (
            "exclusive maximum beside an equal inclusive one made inclusive",
            rated(
                |s| s["properties"]["weight"]["maximum"] = 1.into(),
                |s| {
                    let w = s["properties"]["weight"].as_object_mut().unwrap();
                    w.remove("exclusiveMaximum");
                    w.insert("maximum".into(), 1.into());
                },
            ),
            "/weight: number bounds loosened",
            "[CB] EDIT",
        ),
        (
            "stricter inclusive maximum added",
            rated(keep, |s| s["properties"]["weight"]["maximum"] = 0.5.into()),
            "/weight: number bounds tightened",
            "[BC] EDIT",
        ),
        (
            "additionalProperties false removed",
            placed_rows(keep, |s| drop(s.as_object_mut().unwrap().remove("additionalProperties"))),
            ": additionalProperties: false removed",
            "[CB] EDIT",
        ),
        (
            "additionalProperties false added",
            placed_rows(|s| drop(s.as_object_mut().unwrap().remove("additionalProperties")), keep),
            ": additionalProperties: false added",
            "[BC] EDIT",
        ),
        ("now required", placed_rows(keep, |s| s["required"].as_array_mut().unwrap().push("note".into())), "/note: now required", "[BC] EDIT"),
        (
            "const changed",
            placed_rows(keep, |s| s["properties"]["kind"]["const"] = "wholesale".into()),
            "/kind: const changed from \"retail\" to \"wholesale\"",
            "[BB] EDIT",
        ),
        (
            "enum to object",
            placed_rows(keep, |s| s["properties"]["channel"] = serde_json::json!({"type": "object", "properties": {"a": {"type": "string"}}})),
            "/channel: type changed from enum to object",
            "[BB] EDIT",
        ),
        ("union branch added", decided(keep, add_deferred), " (decision=deferred): oneOf branch added", "[CB] EDIT"),
        ("union branch removed", decided(add_deferred, keep), " (decision=deferred): oneOf branch removed", "[BC] EDIT"),
    ];
    let mut problems = Vec::new();
    for (name, rows, what, impact) in cases {
        if !rows.iter().any(|r| r.contains(what) && r.ends_with(impact)) {
            problems.push(format!("{name}: expected a row with {what:?} ending {impact:?}, got {rows:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

const ENVELOPES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/contracts-envelopes/contracts");

/// The envelopes fixture as it was before `envelope-v2.json`: one envelope, no registry
/// entry naming one.
fn before_envelope_v2(dir: &Path) -> PathBuf {
    let root = dir.join("contracts");
    copy_dir(Path::new(ENVELOPES), &root);
    std::fs::remove_file(root.join("event-envelope/schema/envelope-v2.json")).unwrap();
    edit(root.join("event-types-registry.json"), |doc| {
        for entry in doc["event_types"].as_object_mut().unwrap().values_mut() {
            entry.as_object_mut().unwrap().remove("envelope");
            for v in entry["schema_versions"].as_array_mut().unwrap() {
                v.as_object_mut().unwrap().remove("envelope");
            }
        }
    });
    root
}

/// Adding `envelope-v2.json` and naming it in the registry is a regeneration: no
/// generator change, the new optional field is there.
#[test]
fn a_new_envelope_version_is_picked_up_by_regeneration_alone() {
    let dir = tempfile::tempdir().unwrap();
    let before = events_codegen::Config::new(before_envelope_v2(dir.path())).generate().unwrap().source;
    let after = events_codegen::Config::new(ENVELOPES).generate().unwrap().source;
    assert!(!before.contains("pub mod v2") && !before.contains("trace_parent"));
    assert!(after.contains("pub mod v2") && after.contains("pub fn trace_parent(&self)"));
    assert!(after.contains("OrderShippedV1(super::envelope::v2::Envelope<super::shop::OrderShippedV1>)"));
}

/// Moving versions into envelope v2 is classified by the payload rules: the added
/// optional field breaks no producer, and breaks consumers built from envelope v1, which
/// refuses unknown members.
#[test]
fn envelope_changes_are_classified_like_payload_changes() {
    let dir = tempfile::tempdir().unwrap();
    let old = before_envelope_v2(dir.path());
    let report = diff_dirs(&old, Path::new(ENVELOPES)).unwrap();
    assert_eq!(
        rows(&report),
        [
            "(envelope) v2 : envelope v2 added [CC]",
            "order.placed v2 : travels in envelope v2 (was v1) [CC] EDIT",
            "order.placed v2 (envelope)/trace_parent: envelope: optional field added; decoders built from the old contract reject it (additionalProperties: false) [CB] EDIT",
            "order.shipped v1 : travels in envelope v2 (was v1) [CC] EDIT",
            "order.shipped v1 (envelope)/trace_parent: envelope: optional field added; decoders built from the old contract reject it (additionalProperties: false) [CB] EDIT",
        ]
    );

    // Editing a published envelope version in place: another optional field in v2.
    let new = dir.path().join("edited/contracts");
    copy_dir(Path::new(ENVELOPES), &new);
    edit(new.join("event-envelope/schema/envelope-v2.json"), |doc| {
        doc["properties"]["baggage"] = serde_json::json!({"type": "string", "maxLength": 8192});
    });
    assert_eq!(
        rows(&diff_dirs(Path::new(ENVELOPES), &new).unwrap()),
        ["(envelope) v2 /baggage: optional field added; decoders built from the old contract reject it (additionalProperties: false) [CB] EDIT"]
    );
}

/// A report is breaking as soon as one change breaks producers, or consumers, or edits a
/// published version in place; warnings and compatible changes alone are not.
#[test]
fn a_report_breaks_when_one_change_breaks_either_side_or_edits_in_place() {
    use events_codegen::diff::{Change, Report};
    let change = |producers, consumers, in_place_edit| Change {
        event_type: "order.placed".into(),
        version: Some(1),
        path: String::new(),
        what: "test".into(),
        producers,
        consumers,
        in_place_edit,
    };
    let report = |changes: Vec<Change>| Report { changes }.has_breaking();
    assert!(!report(vec![]));
    assert!(!report(vec![change(Impact::Warning, Impact::Compatible, false), change(Impact::Compatible, Impact::Warning, false)]));
    assert!(report(vec![change(Impact::Breaking, Impact::Compatible, false)]), "breaks producers only");
    assert!(report(vec![change(Impact::Compatible, Impact::Breaking, false)]), "breaks consumers only");
    assert!(report(vec![change(Impact::Compatible, Impact::Compatible, true)]), "an in-place edit only");
    assert!(report(vec![change(Impact::Compatible, Impact::Compatible, false), change(Impact::Warning, Impact::Breaking, false)]), "the second change breaks");
}

/// The envelope is published: any edit to it is an in-place edit. An edit that leaves
/// the producers alone is reported once, for the whole schema (path ""), and breaks no
/// side; it is still breaking as an edit of a published version.
#[test]
fn envelope_text_edits_are_one_in_place_change() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("contracts");
    copy_dir(Path::new(FIXTURE), &new);
    edit(new.join("event-envelope/schema/envelope-v1.json"), |s| s["description"] = "Edited wording.".into());
    let report = diff_dirs(Path::new(FIXTURE), &new).unwrap();
    assert_eq!(rows(&report), ["(envelope) v1 : schema text changed (no change to what it accepts) [CC] EDIT"]);
    assert!(report.has_breaking(), "an in-place edit is breaking");
}
