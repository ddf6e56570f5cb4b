//! The domain-crate story end to end: `examples/domain-crate` (a Sales desk that produces
//! and consumes lead and payment events) is built against modified copies of the contract
//! set. Compatible changes must still build; breaking ones must fail at the desk's own
//! call site, naming the field or type. Builds share the scratch target directory
//! (`support::scratch`: inside the target directory this test was built in, so
//! `CARGO_TARGET_DIR`, `--target-dir` and `build.target-dir` are honoured), so each
//! variant recompiles only the desk, and the runtime and the generator are the builds
//! the other scratch crates use.
//!
//! The desk is *checked* (`cargo check`), not built: every failure asserted here is a
//! type or name error, which `check` reports exactly as `build` does, and the desk is a
//! library, so `build` would add only LLVM code generation. What `check` cannot see is an
//! error raised while instantiating generic code (the producer-sunset guard); the desk's
//! build script does not enforce sunset, and `tests/compile_fail.rs` covers that guard
//! with a real build.
//!
//! Both the desk and a crate written here with a contract set of its own depend on the
//! runtime alone (`events-runtime`): their dependency graphs are checked to hold no
//! `events`, and the latter is built and run.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::scratch;

fn edit_json(path: PathBuf, f: impl FnOnce(&mut Value)) {
    let mut doc = support::read_json(&path);
    f(&mut doc);
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
}

/// Builds the desk against the repository's contracts changed by `change`; returns
/// whether it built and what the compiler said.
fn build_desk(change: impl FnOnce(&Path)) -> (bool, String) {
    build_desk_with(change, |_| {})
}

/// [`build_desk`], with the desk's own files changed by `edit_desk` first (its manifest and
/// lock file are in place by then).
fn build_desk_with(change: impl FnOnce(&Path), edit_desk: impl FnOnce(&Path)) -> (bool, String) {
    let root = support::root();
    let dir = tempfile::tempdir().unwrap();
    let contracts = dir.path().join("contracts");
    support::copy_dir(&root.join("contracts"), &contracts);
    change(&contracts);
    let desk = dir.path().join("sales-desk");
    support::copy_dir(&root.join("examples/domain-crate"), &desk);
    let manifest = std::fs::read_to_string(desk.join("Cargo.toml")).unwrap();
    let manifest = manifest
        .replace("path = \"../../events/runtime\"", &format!("path = {:?}", root.join("events/runtime").display().to_string()))
        .replace("path = \"../../codegen\"", &format!("path = {:?}", root.join("codegen").display().to_string()));
    assert!(!manifest.contains("\"../"), "every relative path of the desk's manifest is rewritten:\n{manifest}");
    std::fs::write(desk.join("Cargo.toml"), format!("{manifest}\n{}", scratch::PROFILE)).unwrap();
    std::fs::copy(root.join("Cargo.lock"), desk.join("Cargo.lock")).unwrap();
    edit_desk(&desk);
    let out = scratch::cargo("check", &desk).arg("--quiet").env("SALES_DESK_CONTRACTS", &contracts).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const LEAD_CREATED: &str = "lead-lifecycle/schema/payloads/lead.created-v1.json";
const LEAD_REACHED: &str = "lead-lifecycle/schema/payloads/lead.reached-v1.json";
const PAYMENT_RECEIVED: &str = "payment-flow/schema/payloads/payment.received-v1.json";

/// `src/lib.rs:<line>` of the first line of the desk's source containing `needle`.
fn desk_line(needle: &str) -> String {
    let source = std::fs::read_to_string(support::root().join("examples/domain-crate/src/lib.rs")).unwrap();
    let line = source.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} not in the desk")) + 1;
    format!("src/lib.rs:{line}")
}

fn assert_fails_at(result: (bool, String), needle: &str, says: &[&str]) {
    let (ok, stderr) = result;
    assert!(!ok, "expected a build failure, it built");
    let at = desk_line(needle);
    assert!(stderr.contains(&at), "the error should point at the desk's call site {at}:\n{stderr}");
    for s in says {
        assert!(stderr.contains(s), "the error should say {s:?}:\n{stderr}");
    }
}

/// The names of the packages in the dependency graph of the crate at `dir` (normal, build
/// and dev dependencies), the crate's own included, as `cargo tree` lists them.
fn dependency_graph(dir: &Path) -> Vec<String> {
    let out = scratch::cargo("tree", dir).args(["--edges", "normal,build,dev", "--prefix", "none", "--format", "{p}"]).output().unwrap();
    assert!(out.status.success(), "cargo tree failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let mut names: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.split_whitespace().next()).map(str::to_owned).collect();
    names.sort();
    names.dedup();
    names
}

/// Asserts that the crate at `dir` depends on the runtime and the generator, and that
/// nothing in its dependency graph is the package `events` (this repository's bindings).
fn assert_runtime_alone(dir: &Path) {
    let graph = dependency_graph(dir);
    for needed in ["events-runtime", "events-codegen", "events-rules", "serde"] {
        assert!(graph.iter().any(|p| p == needed), "{needed} is in the dependency graph: {graph:?}");
    }
    assert!(!graph.iter().any(|p| p == "events"), "the package `events` is not in the dependency graph: {graph:?}");
}

#[test]
fn the_desk_builds_only_against_contracts_it_still_fits() {
    let (ok, stderr) = build_desk_with(|_| {}, assert_runtime_alone);
    assert!(ok, "the desk builds against the contract set as it is:\n{stderr}");

    // Compatible: a new optional field.
    let (ok, stderr) = build_desk(|c| {
        edit_json(c.join(LEAD_CREATED), |s| s["properties"]["referral_code"] = serde_json::json!({"type": "string", "description": "New optional field."}));
    });
    assert!(ok, "a new optional field must not break the desk:\n{stderr}");

    // Breaking for the producer: a new required field.
    let result = build_desk(|c| {
        edit_json(c.join(LEAD_CREATED), |s| {
            s["properties"]["region"] = serde_json::json!({"type": "string", "description": "New required field."});
            s["required"].as_array_mut().unwrap().push("region".into());
        });
    });
    assert_fails_at(result, "LeadCreatedV1::new(", &["error[E0063]", "region", "LeadCreatedV1Required"]);

    // Breaking: the enum no longer has the value the desk sends.
    let result = build_desk(|c| {
        edit_json(c.join(PAYMENT_RECEIVED), |s| s["properties"]["payment_method"]["enum"].as_array_mut().unwrap().retain(|v| v != "card"));
    });
    assert_fails_at(result, "PaymentMethod::Card", &["error[E0599]", "Card"]);

    // Breaking: lead.reached now carries ids of another prefix, a different id type.
    let result = build_desk(|c| {
        edit_json(c.join(LEAD_REACHED), |s| {
            let p = s["properties"]["lead_id"]["pattern"].as_str().unwrap().replacen("^lead_", "^ld_", 1);
            s["properties"]["lead_id"]["pattern"] = p.into();
        });
    });
    assert_fails_at(result, "LeadReachedV1::new(", &["error[E0308]", "LdId", "LeadId"]);

    // Breaking for producer and consumer: the version the desk uses is removed.
    let result = build_desk(|c| {
        edit_json(c.join("event-types-registry.json"), |r| {
            r["event_types"].as_object_mut().unwrap().remove("lead.reached");
        });
    });
    assert_fails_at(result, "use contracts::lead_lifecycle::{LeadCreatedV1, LeadReachedV1};", &["error[E0432]", "LeadReachedV1"]);
}

/// Producer-only construction in a real domain crate: generated with
/// `Config::producer_features(true)` and with only its own `produce-sales` feature on, the
/// Sales desk builds its lead events but not the `payment.received` it records, which the
/// registry says Revenue produces; the error names the feature. With `produce-revenue` on
/// too, it builds.
#[test]
fn the_desk_constructs_only_the_events_of_the_domains_it_enables() {
    let features = events_codegen::Config::new(support::root().join("contracts")).producer_features(true).generate().unwrap().producer_features;
    let with_features = |default: &'static [&'static str]| {
        let features = features.clone();
        move |desk: &Path| {
            let build = std::fs::read_to_string(desk.join("build.rs")).unwrap();
            let build = build.replace(".compile_or_exit()", ".producer_features(true).compile_or_exit()");
            assert!(build.contains("producer_features(true)"), "the desk's build.rs no longer calls compile_or_exit");
            std::fs::write(desk.join("build.rs"), build).unwrap();
            let mut manifest = std::fs::read_to_string(desk.join("Cargo.toml")).unwrap();
            manifest.push_str(&format!("\n[features]\ndefault = {default:?}\n"));
            for feature in &features {
                manifest.push_str(&format!("{feature:?} = []\n"));
            }
            std::fs::write(desk.join("Cargo.toml"), manifest).unwrap();
        }
    };
    let result = build_desk_with(|_| {}, with_features(&["produce-sales"]));
    assert!(!result.1.contains(&desk_line("LeadCreatedV1::new(")), "the desk's own lead events must build:\n{}", result.1);
    assert_fails_at(
        result,
        "PaymentReceivedV1::new(",
        &["error[E0277]", "only the `revenue` domain produces this event: enable the cargo feature `produce-revenue` to construct it"],
    );
    let (ok, stderr) = build_desk_with(|_| {}, with_features(&["produce-sales", "produce-revenue"]));
    assert!(ok, "with produce-revenue on, the desk builds:\n{stderr}");
}

/// A broken contract set fails the domain crate's `cargo build` in its build script, with
/// every problem listed by file and JSON pointer, not only the first.
#[test]
fn a_broken_contract_set_fails_the_build_with_every_problem() {
    let (ok, stderr) = build_desk(|c| {
        edit_json(c.join("event-types-registry.json"), |r| {
            r["event_types"]["lead.created"]["schema_versions"][0]["status"] = "live".into();
            r["event_types"]["lead.reached"]["schema_versions"][0]["payload_schema"] = "contracts/../../outside.json".into();
        });
        std::fs::write(c.join(PAYMENT_RECEIVED), "{ not json").unwrap();
    });
    assert!(!ok, "a broken contract set must not build");
    for needle in [
        "error: the contract set has 3 problem(s)",
        "error: unknown status \"live\"",
        "^^^^^^ /event_types/lead.created/schema_versions/0/status",
        " /event_types/lead.reached/schema_versions/0/payload_schema",
        "contracts/event-types-registry.json:",
        "contracts/payment-flow/schema/payloads/payment.received-v1.json:1:3",
    ] {
        assert!(stderr.contains(needle), "the build error should contain {needle:?}:\n{stderr}");
    }
}

/// A crate with a contract set of its own (the fixture `tests/fixtures/contracts-mini`)
/// built the way the README tells: `events-runtime` as its one dependency, `events-codegen`
/// (without default features) as its build dependency, bindings generated in `build.rs`.
/// It is built and run: it constructs an event, encodes it and decodes it back. Its
/// dependency graph holds no `events`.
#[test]
fn a_crate_with_contracts_of_its_own_builds_and_runs_on_the_runtime_alone() {
    let root = support::root();
    let dir = scratch::crate_dir("runtime-alone");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let body = format!(
        "[dependencies]\n{}\n[build-dependencies]\nevents-codegen = {{ path = {:?}, default-features = false }}\n",
        scratch::runtime_dependency(&root, &[]),
        root.join("codegen").display().to_string()
    );
    scratch::write_manifest(&root, &dir, "runtime-alone", &body);
    let contracts = root.join("tests/fixtures/contracts-mini/contracts").display().to_string();
    scratch::write_if_changed(&dir.join("build.rs"), &format!("fn main() {{\n    events_codegen::Config::new({contracts:?}).compile_or_exit();\n}}\n"));
    scratch::write_if_changed(&dir.join("src/main.rs"), RUNTIME_ALONE_MAIN);
    assert_runtime_alone(&dir);
    let out = scratch::cargo("run", &dir).arg("--quiet").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the crate builds and runs:\n{stderr}");
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("it prints the envelope's JSON ({e}):\n{stderr}"));
    assert_eq!((&printed["event_type"], &printed["schema_version"]), (&Value::from("order.placed"), &Value::from(2)), "{printed}");
    assert_eq!(printed["payload"]["lines"][0]["sku"], "ABC-1234", "{printed}");
}

/// The crate's `main`: builds an `order.placed` v2 with its generated types and the
/// runtime's, encodes it, decodes it back as the typed envelope and as `AnyEvent`, checks
/// both equal what was built, and prints the JSON.
const RUNTIME_ALONE_MAIN: &str = r#"#[allow(dead_code, deprecated, clippy::all)]
mod contracts {
    include!(concat!(env!("OUT_DIR"), "/events.rs"));
}

use contracts::any::AnyEvent;
use contracts::envelope::Envelope;
use contracts::ids::{OrderId, PersonId};
use contracts::shared::shop_schema_common_money::{Currency as MoneyCurrency, Money, MoneyRequired};
use contracts::shop::order_placed_v2::{Channel, Currency, Line, LineRequired, OrderPlacedV2Required, Sku, Window, WindowRequired};
use contracts::shop::OrderPlacedV2;
use events_runtime::{Array, Int, NonEmptyString, Timestamp};

fn at(text: &str) -> Timestamp {
    text.parse().expect("a timestamp")
}

fn main() {
    let line = Line::new(LineRequired { sku: Sku::new("ABC-1234").expect("a sku"), quantity: Int::lit::<2>() });
    let payload = OrderPlacedV2::new(OrderPlacedV2Required {
        order_id: OrderId::new_v7(),
        person_id: PersonId::new_v7(),
        lines: Array::new(vec![line]).expect("one line"),
        currency: Currency::new("EUR").expect("a currency"),
        placed_at: at("2026-03-01T10:00:00Z"),
        channel: Channel::Web,
        coupon: None,
        window: Window::new(WindowRequired { start: at("2026-03-02T08:00:00Z"), end: at("2026-03-02T12:00:00Z") }),
        total: Money::new(MoneyRequired { amount_cents: Int::lit::<1990>(), currency: MoneyCurrency::Eur }),
    });
    let envelope = Envelope::builder(NonEmptyString::new("tenant-1").expect("a tenant"), payload).build();
    let json = envelope.to_json();
    let decoded = Envelope::<OrderPlacedV2>::from_json(json.as_bytes()).expect("decodes as the typed envelope");
    assert_eq!(decoded, envelope, "the typed envelope round-trips");
    match AnyEvent::from_json(json.as_bytes()).expect("decodes as any event") {
        AnyEvent::OrderPlacedV2(any) => assert_eq!(any, envelope, "AnyEvent gives the same envelope"),
        other => panic!("decoded as {}", other.event_type()),
    }
    println!("{json}");
}
"#;
