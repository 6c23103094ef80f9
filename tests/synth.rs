//! The benchmark generator (examples/synth.rs) writes the same tree for the same seed, and
//! every record it writes is valid: benchmarks measure a full check with nothing to report.

#[path = "../examples/synth.rs"]
#[allow(dead_code)]
mod synth;

mod common;

use common::read_tree as tree;
use sourcebook::engine::{self as check, Options};

#[test]
fn deterministic_and_valid() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    synth::generate(300, 40, 7, a.path());
    synth::generate(300, 40, 7, b.path());
    let files = tree(a.path());
    assert_eq!(files.len(), 1 + 40 + 300);
    assert_eq!(files, tree(b.path()));
    let sizes: Vec<usize> = files
        .iter()
        .filter(|(p, _)| p.contains("/records/"))
        .map(|(_, b)| b.len())
        .collect();
    let mean = sizes.iter().sum::<usize>() / sizes.len();
    assert!(
        (1000..=2000).contains(&mean),
        "records average {mean} bytes"
    );
    let mut opts = Options::new(a.path());
    opts.today = Some("2026-01-15".parse().unwrap());
    let report = check::check(&opts).unwrap();
    assert!(
        report.diagnostics.is_empty(),
        "{:#?}",
        report
            .diagnostics
            .iter()
            .take(5)
            .map(|d| (d.code(), d.file(), &d.message))
            .collect::<Vec<_>>()
    );
    assert_eq!(report.summary.records, 300);
}
