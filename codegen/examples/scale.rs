//! Generation time and peak memory for synthetic contract sets of growing size, one
//! process per size so peak memory is that size's own (`VmHWM` from /proc).
//!
//! `cargo run --release -p events-codegen --example scale` runs every size; with a
//! number argument it measures just that size.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use std::time::Instant;

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
}

fn main() {
    match std::env::args().nth(1) {
        Some(n) => {
            let versions: usize = n.parse().expect("a number of versions");
            let dir = tempfile::tempdir().unwrap();
            let root = dir.path().join("contracts");
            synthetic::write_contract_set(&root, versions);
            let start = Instant::now();
            let generated = events_codegen::Config::new(&root).generate().expect("synthetic set is valid");
            let elapsed = start.elapsed();
            println!(
                "{versions:>6} versions  {:>9.3} s  {:>9} KiB peak RSS  {:>10} bytes of Rust",
                elapsed.as_secs_f64(),
                peak_rss_kib().unwrap_or(0),
                generated.source.len()
            );
        }
        None => {
            let me = std::env::current_exe().unwrap();
            for versions in [10, 100, 1_000, 5_000] {
                let status = std::process::Command::new(&me).arg(versions.to_string()).status().unwrap();
                assert!(status.success());
            }
        }
    }
}
