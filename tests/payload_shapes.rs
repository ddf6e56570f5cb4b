//! Payload shapes of issue #10 on a fixture set (`tests/fixtures/contracts-coverage`): a
//! payload root that is a `oneOf` (or `anyOf`) of objects without a discriminator, and a
//! node type that recurses across two files (`common/node.json` → `common/children.json`
//! → `common/node.json`, and a payload whose children, in `common/saplings.json`, are the
//! payload schema again), and recursion of every other kind typed (issue #10, "recursive
//! types (boxed)"): `outline.drafted` recurses in its own file through a `oneOf`, a
//! discriminated `oneOf`, an `anyOf` whose branch holds the type itself, a `type` array, a
//! nullable target, an array of itself and an `allOf`-composed object; `formula.entered`
//! recurses across files through a union (`common/expr.json` → `common/sum.json`) and an
//! `allOf` (`common/section.json` → `common/sections.json`). `wide.filled` (300 members)
//! and `wide.opened` (20 members and the others kept) have more members than one tuple of
//! the runtime's member decoder holds, so their slots are grouped in runs, two levels deep
//! for `wide.filled`.
//!
//! The set is generated and compiled in a scratch crate with a runner that first uses the
//! generated API (variants as constructors, `Envelope::builder`, boxed child nodes) and then
//! decodes every case of [`CASES`] through `AnyPayload::from_json`. Each case's typed
//! verdict must agree with the `jsonschema` oracle, land on the expected variant (or tree
//! depth), and re-encode to the same JSON value.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use support::scratch;

/// (event type, payload, what the runner must report: the variant, `depth N` for a tree,
/// or `None` when the payload breaks its schema).
const CASES: &[(&str, &str, Option<&str>)] = &[
    // The oneOf root: one branch each.
    ("payment.made", r#"{"card": "1234", "amount": 5}"#, Some("card")),
    ("payment.made", r#"{"card": "1234", "note": "kept in extra"}"#, Some("card")),
    ("payment.made", r#"{"iban": "DE12345", "amount": -3}"#, Some("transfer")),
    ("payment.made", r#"{"code": "ABC-123"}"#, Some("voucher")),
    // Both open branches match: a oneOf demands exactly one.
    ("payment.made", r#"{"card": "1234", "iban": "DE12345"}"#, None),
    // No branch matches.
    ("payment.made", r#"{"amount": 5}"#, None),
    ("payment.made", r#"{"card": "12"}"#, None),
    ("payment.made", r#"{"card": "1234", "amount": -1}"#, None),
    ("payment.made", r#"{"code": "ABC-123", "other": 1}"#, None),
    ("payment.made", r#"{"code": "abc"}"#, None),
    ("payment.made", r#"["card"]"#, None),
    ("payment.made", r#""1234""#, None),
    // The anyOf root: the first branch that matches is kept.
    ("payment.tried", r#"{"card": "x", "iban": "y"}"#, Some("by card")),
    ("payment.tried", r#"{"iban": "y"}"#, Some("by transfer")),
    ("payment.tried", r#"{"card": 4}"#, None),
    ("payment.tried", r#"{}"#, None),
    // Recursion across files.
    ("tree.grown", r#"{"root": {"name": "a"}}"#, Some("depth 1")),
    (
        "tree.grown",
        r#"{"root": {"name": "a", "children": [{"name": "b", "children": [{"name": "c", "children": [{"name": "d", "children": []}]}]}, {"name": "e"}]}}"#,
        Some("depth 4"),
    ),
    // A bad node three levels down: an empty name, a fourth child, an unknown member.
    ("tree.grown", r#"{"root": {"name": "a", "children": [{"name": "b", "children": [{"name": ""}]}]}}"#, None),
    ("tree.grown", r#"{"root": {"name": "a", "children": [{"name": "b", "children": [{"name": "c"}, {"name": "d"}, {"name": "e"}, {"name": "f"}]}]}}"#, None),
    ("tree.grown", r#"{"root": {"name": "a", "children": [{"name": "b", "children": [{"name": "c", "color": "red"}]}]}}"#, None),
    ("tree.grown", r#"{"root": {"name": "a", "children": {"name": "b"}}}"#, None),
    // Recursion through the payload's own file.
    ("tree.planted", r#"{"name": "a"}"#, Some("depth 1")),
    ("tree.planted", r#"{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}, {"name": "d"}]}"#, Some("depth 3")),
    ("tree.planted", r#"{"name": "a", "children": [{"name": "b", "children": [{"name": ""}]}]}"#, None),
    ("tree.planted", r#"{"name": "a", "children": [{"name": "b", "children": [{"name": "c", "x": 1}]}]}"#, None),
    // Recursion through unions, nullable and array targets, and allOf, in one file: each
    // field's summary is computed on the typed values (leaves, shapes, wraps, depth, links,
    // depth, sections).
    ("outline.drafted", r#"{}"#, Some("")),
    ("outline.drafted", r#"{"tree": "a"}"#, Some("tree 1")),
    ("outline.drafted", r#"{"tree": ["a", ["b", "c", []], [[["d"]]]]}"#, Some("tree 4")),
    ("outline.drafted", r#"{"tree": ["a", ["b", ""]]}"#, None),
    ("outline.drafted", r#"{"tree": ["a", ["b", "c", "d", "e"]]}"#, None),
    ("outline.drafted", r#"{"tree": ["a", [1]]}"#, None),
    (
        "outline.drafted",
        r#"{"shape": {"kind": "group", "members": [{"kind": "circle", "radius": 2}, {"kind": "group", "members": [{"kind": "circle", "radius": 1}]}]}}"#,
        Some("shape 2"),
    ),
    ("outline.drafted", r#"{"shape": {"kind": "group", "members": [{"kind": "group", "members": [{"kind": "circle", "radius": 0}]}]}}"#, None),
    ("outline.drafted", r#"{"shape": {"kind": "group", "members": [{"kind": "square"}]}}"#, None),
    ("outline.drafted", r#"{"wrapped": {"inner": {"inner": {"inner": 7}}}}"#, Some("wrapped 3")),
    ("outline.drafted", r#"{"wrapped": {"inner": {"inner": "7"}}}"#, None),
    ("outline.drafted", r#"{"wrapped": {"inner": {"inner": 7, "x": 1}}}"#, None),
    ("outline.drafted", r#"{"value": {"a": "x", "b": {"c": {"d": "y"}}}}"#, Some("value 4")),
    ("outline.drafted", r#"{"value": {"a": {"b": 1}}}"#, None),
    ("outline.drafted", r#"{"chain": {"n": 1, "next": {"n": 2, "next": {"n": 3, "next": null}}}}"#, Some("chain 3")),
    ("outline.drafted", r#"{"chain": null}"#, Some("chain 0")),
    ("outline.drafted", r#"{"chain": {"n": 1, "next": {"n": "2"}}}"#, None),
    ("outline.drafted", r#"{"chain": {"n": 1, "next": {"next": null}}}"#, None),
    ("outline.drafted", r#"{"nested": [[], [[], [[]]]]}"#, Some("nested 4")),
    ("outline.drafted", r#"{"nested": [[[], [], []]]}"#, None),
    ("outline.drafted", r#"{"nested": [[0]]}"#, None),
    (
        "outline.drafted",
        r#"{"section": {"title": "a", "sections": [{"title": "b", "sections": [{"title": "c", "page": 3}]}, {"title": "d"}]}}"#,
        Some("section 4"),
    ),
    ("outline.drafted", r#"{"section": {"title": "a", "sections": [{"title": "b", "sections": [{"title": ""}]}]}}"#, None),
    ("outline.drafted", r#"{"section": {"title": "a", "sections": [{"sections": []}]}}"#, None),
    // Recursion across files through a union and through an allOf.
    ("formula.entered", r#"{"expr": 4}"#, Some("expr 4")),
    ("formula.entered", r#"{"expr": {"terms": [1, {"terms": [2, 3, {"terms": [4, 5]}]}]}}"#, Some("expr 15")),
    ("formula.entered", r#"{"expr": {"terms": [1, {"terms": [2]}]}}"#, None),
    ("formula.entered", r#"{"expr": {"terms": [1, {"terms": [2, "3"]}]}}"#, None),
    ("formula.entered", r#"{"expr": {"terms": [1, 2], "op": "+"}}"#, None),
    ("formula.entered", r#"{"expr": 1, "section": {"title": "a", "sections": [{"title": "b", "sections": [{"title": "c"}]}]}}"#, Some("expr 1, section 3")),
    ("formula.entered", r#"{"expr": 1, "section": {"title": "a", "sections": [{"title": "b", "sections": [{"title": 3}]}]}}"#, None),
    // Wide objects: members found, missing and refused in every run of slots.
    (
        "wide.filled",
        r#"{"p008": 8, "p058": 58, "p108": 108, "p158": 158, "p208": 208, "p258": 258, "p298": 7, "p299": "z", "p150": 1, "p017": "q"}"#,
        Some("wide 258 Some(7) Some(\"z\") Some(1)"),
    ),
    ("wide.filled", r#"{"p008": 8, "p058": 58, "p108": 108, "p158": 158, "p208": 208, "p258": 258}"#, Some("wide 258 None None None")),
    ("wide.filled", r#"{"p008": 8, "p058": 58, "p108": 108, "p158": 158, "p208": 208, "p298": 7}"#, None),
    ("wide.filled", r#"{"p008": 8, "p058": 58, "p108": 108, "p158": 158, "p208": 208, "p258": 258, "p299": 7}"#, None),
    ("wide.filled", r#"{"p008": 8, "p058": 58, "p108": 108, "p158": 158, "p208": 208, "p258": 258, "p297": ""}"#, None),
    ("wide.filled", r#"{"p008": 8, "p058": 58, "p108": 108, "p158": 158, "p208": 208, "p258": 258, "p300": 1}"#, None),
    ("wide.opened", r#"{"p19": 4, "p03": 3, "x": "kept", "p17": 1}"#, Some("open 4 Some(3) Some(1) [\"x\"]")),
    ("wide.opened", r#"{"p03": 3, "x": "kept"}"#, None),
    ("wide.opened", r#"{"p19": 4, "x": 1}"#, None),
    ("wide.opened", r#"{"p19": 4, "p16": "1"}"#, None),
];

/// The runner: the API checks, then one line of output per case.
const MAIN: &str = r##"#![allow(warnings)]
mod bindings {
    include!("bindings.rs");
}

use bindings::any::{AnyEvent, AnyPayload};
use bindings::envelope::Envelope;
use bindings::shared::shop_schema_common_node::{Node, NodeRequired};
use bindings::shop::payment_made_v1::{Card, PaymentMadeV1Card, PaymentMadeV1CardRequired};
use bindings::shop::tree_grown_v1::TreeGrownV1Required;
use bindings::shop::{PaymentMadeV1, PaymentTriedV1, TreeGrownV1};

fn depth(node: &Node) -> usize {
    1 + node.children().map_or(0, |c| c.iter().map(|child| depth(child)).max().unwrap_or(0))
}

fn sapling_depth(node: &bindings::shared::shop_schema_payloads_tree_planted_v1::TreePlantedV1) -> usize {
    1 + node.children().map_or(0, |c| c.iter().map(|child| sapling_depth(child)).max().unwrap_or(0))
}

use bindings::shop::outline_drafted_v1::{Chain, ChainValue, ChainValueRequired, Nested, Section as OutlineSection, Shape, Tree, Value as Tree2, Wrapped};
use bindings::shared::shop_schema_common_expr::Expr;
use bindings::shared::shop_schema_common_section::Section;

fn leaves(tree: &Tree) -> usize {
    match tree {
        Tree::Text(_) => 1,
        Tree::Array(trees) => trees.iter().map(leaves).sum(),
    }
}

fn circles(shape: &Shape) -> usize {
    match shape {
        Shape::Circle(_) => 1,
        Shape::Group(group) => group.members().iter().map(circles).sum(),
    }
}

fn wraps(wrapped: &Wrapped) -> usize {
    match wrapped {
        Wrapped::Integer(_) => 0,
        Wrapped::WrappedVariant(w) => 1 + wraps(w.inner()),
    }
}

fn value_depth(value: &Tree2) -> usize {
    match value {
        Tree2::Text(_) => 1,
        Tree2::Object(members) => 1 + members.iter().map(|(_, v)| value_depth(v)).max().unwrap_or(0),
    }
}

fn links(chain: &Chain) -> usize {
    chain.as_ref().map_or(0, |link| 1 + link.next().map_or(0, links))
}

fn nested_depth(nested: &Nested) -> usize {
    1 + nested.0.iter().map(nested_depth).max().unwrap_or(0)
}

fn outline_sections(section: &OutlineSection) -> usize {
    1 + section.sections().map_or(0, |s| s.iter().map(outline_sections).sum())
}

fn sections(section: &Section) -> usize {
    1 + section.sections().map_or(0, |s| s.iter().map(sections).sum())
}

fn eval(expr: &Expr) -> i64 {
    match expr {
        Expr::Integer(n) => n.get(),
        Expr::Sum(sum) => sum.terms().iter().map(eval).sum(),
    }
}

fn outline(o: &bindings::shop::OutlineDraftedV1) -> String {
    let mut parts = Vec::new();
    parts.extend(o.tree().map(|t| format!("tree {}", leaves(t))));
    parts.extend(o.shape().map(|s| format!("shape {}", circles(s))));
    parts.extend(o.wrapped().map(|w| format!("wrapped {}", wraps(w))));
    parts.extend(o.value().map(|v| format!("value {}", value_depth(v))));
    parts.extend(o.chain().map(|c| format!("chain {}", links(c))));
    parts.extend(o.nested().map(|n| format!("nested {}", nested_depth(n))));
    parts.extend(o.section().map(|s| format!("section {}", outline_sections(s))));
    parts.join(", ")
}

fn formula(f: &bindings::shop::FormulaEnteredV1) -> String {
    let mut parts = vec![format!("expr {}", eval(f.expr()))];
    parts.extend(f.section().map(|s| format!("section {}", sections(s))));
    parts.join(", ")
}

fn api() {
    // Recursive values are built through the typed API: a chain's link holds the next
    // (nullable) chain boxed, a wrapper its inner value boxed; a vector needs no box.
    let text = |s: &str| events_runtime::NonEmptyString::new(s).unwrap();
    let tree = Tree::Array(events_runtime::Array::new(vec![Tree::Text(text("a")), Tree::Array(events_runtime::Array::new(vec![]).unwrap())]).unwrap());
    let chain: Chain = Some(ChainValue::new(ChainValueRequired { n: events_runtime::Integer::new(1).unwrap() }).with_next(Box::new(None)));
    let nested = Nested(events_runtime::Array::new(vec![Nested(events_runtime::Array::new(vec![]).unwrap())]).unwrap());
    let outline = bindings::shop::OutlineDraftedV1::new().with_tree(tree).with_chain(chain).with_nested(nested);
    assert_eq!(serde_json::to_string(&outline).unwrap(), r#"{"tree":["a",[]],"chain":{"n":1,"next":null},"nested":[[]]}"#);

    // An untagged root is built from a variant, and travels in an envelope.
    let card = PaymentMadeV1Card::new(PaymentMadeV1CardRequired { card: Card::new("4242").unwrap() });
    let payload = PaymentMadeV1::PaymentMadeV1Card(card);
    let event = Envelope::builder(events_runtime::NonEmptyString::new("t1").unwrap(), payload.clone()).build();
    match AnyEvent::from_json(event.to_json().as_bytes()).unwrap() {
        AnyEvent::PaymentMadeV1(again) => assert_eq!(again.payload(), &payload),
        other => panic!("routed to {other:?}"),
    }
    // A node holds its children (in a vector: no box needed), across the two files.
    let leaf = Node::new(NodeRequired { name: events_runtime::NonEmptyString::new("leaf").unwrap() });
    let mid = Node::new(NodeRequired { name: events_runtime::NonEmptyString::new("mid").unwrap() })
        .with_children(events_runtime::Array::new(vec![leaf]).unwrap());
    let tree = TreeGrownV1::new(TreeGrownV1Required { root: mid });
    assert_eq!(depth(tree.root()), 2);
    let json = serde_json::to_string(&tree).unwrap();
    assert_eq!(json, r#"{"root":{"name":"mid","children":[{"name":"leaf"}]}}"#);
}

fn main() {
    api();
    let input = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&input).unwrap();
    let mut out = Vec::new();
    for case in cases {
        let event = case["event"].as_str().unwrap();
        let text = case["data"].to_string();
        let result = match AnyPayload::from_json(event, 1, text.as_bytes()) {
            Ok(payload) => {
                let what = match &payload {
                    AnyPayload::PaymentMadeV1(PaymentMadeV1::PaymentMadeV1Card(_)) => "card".to_owned(),
                    AnyPayload::PaymentMadeV1(PaymentMadeV1::PaymentMadeV1Transfer(_)) => "transfer".to_owned(),
                    AnyPayload::PaymentMadeV1(PaymentMadeV1::Voucher(_)) => "voucher".to_owned(),
                    AnyPayload::PaymentTriedV1(PaymentTriedV1::PaymentTriedV1ByCard(_)) => "by card".to_owned(),
                    AnyPayload::PaymentTriedV1(PaymentTriedV1::PaymentTriedV1ByTransfer(_)) => "by transfer".to_owned(),
                    AnyPayload::TreeGrownV1(tree) => format!("depth {}", depth(tree.root())),
                    AnyPayload::OutlineDraftedV1(o) => outline(o),
                    AnyPayload::FormulaEnteredV1(f) => formula(f),
                    AnyPayload::TreePlantedV1(tree) => {
                        format!("depth {}", 1 + tree.children().map_or(0, |c| c.iter().map(|child| sapling_depth(child)).max().unwrap_or(0)))
                    }
                    AnyPayload::WideFilledV1(w) => format!("wide {} {:?} {:?} {:?}", w.p258(), w.p298(), w.p299().map(|s| s.as_str()), w.p150()),
                    AnyPayload::WideOpenedV1(o) => format!("open {} {:?} {:?} {:?}", o.p19(), o.p03(), o.p17(), o.extra().iter().map(|(k, _)| k).collect::<Vec<_>>()),
                    other => format!("{other:?}"),
                };
                let again: serde_json::Value = serde_json::from_str(&payload.to_json()).unwrap();
                serde_json::json!({ "ok": true, "what": what, "same": again == case["data"] })
            }
            Err(e) => serde_json::json!({ "ok": false, "error": e.to_string() }),
        };
        out.push(result);
    }
    println!("{}", serde_json::Value::Array(out));
}
"##;

/// The fixture's contract root.
fn contracts() -> PathBuf {
    support::root().join("tests/fixtures/contracts-coverage/contracts")
}

/// Reads the fixture's schemas by their `$id` (`https://contracts.example/<path>`); nothing
/// is fetched.
struct Files(PathBuf);

impl jsonschema::Retrieve for Files {
    fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let path = uri.as_str().strip_prefix("https://contracts.example/").ok_or_else(|| format!("not in the fixture: {}", uri.as_str()))?;
        Ok(serde_json::from_str(&std::fs::read_to_string(self.0.join(path))?)?)
    }
}

/// The oracle for one payload schema of the fixture.
fn oracle(event: &str) -> jsonschema::Validator {
    let schema = support::read_json(&contracts().join(format!("shop/schema/payloads/{event}-v1.json")));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .with_retriever(Files(contracts()))
        .build(&schema)
        .unwrap_or_else(|e| panic!("{event}: the schema does not compile: {e}"))
}

/// Builds the runner around `bindings` and runs it on the cases.
fn run(bindings: &str, dir: &Path) -> Vec<Value> {
    let krate = scratch::crate_dir("payload-shapes");
    std::fs::create_dir_all(krate.join("src")).unwrap();
    let body = format!("[dependencies]\n{}serde_json = \"1\"\n", scratch::runtime_dependency(&support::root(), &[]));
    scratch::write_manifest(&support::root(), &krate, "payload-shapes", &body);
    scratch::write_if_changed(&krate.join("src/bindings.rs"), bindings);
    scratch::write_if_changed(&krate.join("src/main.rs"), MAIN);
    let cases: Vec<Value> = CASES.iter().map(|(event, data, _)| json!({"event": event, "data": serde_json::from_str::<Value>(data).unwrap()})).collect();
    let input = dir.join("cases.json");
    std::fs::write(&input, serde_json::to_string(&cases).unwrap()).unwrap();
    let out = scratch::cargo("run", &krate).args(["--quiet", "--"]).arg(&input).output().unwrap();
    assert!(out.status.success(), "the bindings did not compile, or the runner failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn untagged_roots_and_recursion_decode_as_the_oracle_says() {
    let generated = events_codegen::Config::new(contracts()).generate().unwrap_or_else(|e| panic!("the fixture must generate:\n{e}"));
    let dir = tempfile::tempdir().unwrap();
    let results = run(&generated.source, dir.path());
    assert_eq!(results.len(), CASES.len());
    let mut problems = Vec::new();
    for ((event, data, expected), result) in CASES.iter().zip(&results) {
        let instance: Value = serde_json::from_str(data).unwrap();
        let oracle_ok = oracle(event).is_valid(&instance);
        if oracle_ok != expected.is_some() {
            problems.push(format!("case error: {event} {data}: the oracle says valid={oracle_ok}"));
        }
        match (result["ok"].as_bool().unwrap(), expected) {
            (true, Some(what)) if result["what"] != *what => problems.push(format!("{event} {data}: decoded as {}, expected {what}", result["what"])),
            (true, Some(_)) if result["same"] != true => problems.push(format!("{event} {data}: re-encodes to another JSON value")),
            (true, Some(_)) | (false, None) => {}
            (true, None) => problems.push(format!("{event} {data}: invalid per the oracle, decoded as {}", result["what"])),
            (false, Some(_)) => problems.push(format!("{event} {data}: valid per the oracle, refused: {}", result["error"])),
        }
    }
    // The member missing from the second run of runs is named by its own name.
    let missing = CASES.iter().position(|(event, data, _)| *event == "wide.filled" && !data.contains("\"p258\"")).unwrap();
    let error = results[missing]["error"].as_str().unwrap_or_default();
    if !error.contains("missing field `p258`") {
        problems.push(format!("wide.filled without p258: {error}"));
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}
