//! What generation costs: the real contract set (what build.rs pays on every contract
//! change) and synthetic sets of 10 to 5,000 event versions (how it scales).

#[path = "support/synthetic.rs"]
mod synthetic;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use events_codegen::Config;

fn real_contract_set(c: &mut Criterion) {
    let contracts = concat!(env!("CARGO_MANIFEST_DIR"), "/../contracts");
    c.bench_function("generate/contracts", |b| b.iter(|| Config::new(contracts).generate().expect("the contract set is valid")));
}

fn synthetic_sets(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate/synthetic");
    group.sample_size(10);
    for versions in [10usize, 100, 1_000, 5_000] {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("contracts");
        synthetic::write_contract_set(&root, versions);
        group.throughput(Throughput::Elements(versions as u64));
        group
            .bench_with_input(BenchmarkId::from_parameter(versions), &root, |b, root| b.iter(|| Config::new(root).generate().expect("synthetic set is valid")));
    }
    group.finish();
}

criterion_group!(benches, real_contract_set, synthetic_sets);
criterion_main!(benches);
