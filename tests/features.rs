//! Every contract directory is a cargo feature of `events` (all on by default), so a
//! domain crate can compile only the domains it uses; so is every producer's
//! `produce-<producer>` (all on by default), and `schemars` (off). Fails when Cargo.toml
//! drifts from the contract set.

use std::collections::BTreeSet;

/// Features of the runtime itself, not contract directories, each off by default:
/// `cloudevents` converts typed envelopes to and from the CloudEvents SDK's `Event`.
const RUNTIME_FEATURES: &[&str] = &["cloudevents"];

#[test]
fn cargo_features_match_the_contract_directories() {
    let root = env!("CARGO_MANIFEST_DIR");
    let generated = events_codegen::Config::new(format!("{root}/contracts")).producer_features(true).generate().expect("the contract set is valid");
    let dirs: BTreeSet<String> = generated.contract_dirs.into_iter().collect();
    let producers: BTreeSet<String> = generated.producer_features.into_iter().collect();
    assert!(producers.contains("produce-sales"), "{producers:?}");
    let manifest = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    let section = manifest.split("[features]").nth(1).expect("Cargo.toml has [features]").split("\n[").next().unwrap();
    let mut declared = BTreeSet::new();
    let mut default = BTreeSet::new();
    for line in section.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (name, value) = line.split_once('=').expect("feature = [...]");
        let name = name.trim().trim_matches('"').to_owned();
        if name == "default" {
            default = value
                .trim()
                .trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|s| s.trim().trim_matches('"').to_owned())
                .filter(|s| !s.is_empty())
                .collect();
        } else if !RUNTIME_FEATURES.contains(&name.as_str()) {
            declared.insert(name);
        }
    }
    let on: BTreeSet<String> = dirs.union(&producers).cloned().collect();
    let mut all = on.clone();
    all.insert("schemars".to_owned());
    let wanted: Vec<String> = on.iter().map(|d| format!("{d:?} = []")).collect();
    assert_eq!(declared, all, "Cargo.toml [features] must list exactly the contract directories, the producer features and `schemars`:\n{}", wanted.join("\n"));
    assert_eq!(default, on, "every contract and producer feature is on by default, `schemars` is not");
}
