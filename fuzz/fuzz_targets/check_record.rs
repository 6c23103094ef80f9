//! Any bytes as one record of the shipped dataset: checking never panics, and every finding
//! points inside the file it names.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sourcebook::engine::{Options, check_memory};

const RECORD: &str = "pe/records/pe-2004-four-child-prostitution-rings-identified.json";

/// The shipped dataset, read once.
fn shipped() -> &'static Vec<(String, Vec<u8>)> {
    static FILES: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../dataset");
        walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let mut files = shipped().clone();
    for (rel, b) in files.iter_mut() {
        if rel == RECORD {
            *b = bytes.to_vec();
        }
    }
    let mut opts = Options::new("ds");
    opts.today = Some("2026-01-15".parse().unwrap());
    opts.threads = Some(1);
    let report = check_memory(files, &opts).expect("an in-memory dataset always checks");
    // Spans index the text as it is shown: a file that is not UTF-8 is shown with U+FFFD in
    // place of its first bad bytes, which is longer than the bytes it replaces.
    let shown = String::from_utf8_lossy(bytes).len();
    for d in &report.diagnostics {
        if let Some(p) = &d.primary.position {
            let len = if d.file().ends_with(RECORD) { shown } else { usize::MAX };
            assert!(p.span().end <= len, "{d:?}");
        }
    }
});
