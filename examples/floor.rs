//! The floor for `sourcebook check`: walk the tree, read and parse every file with serde_json
//! and validate it with the jsonschema crate against its schema, on every core. Nothing more
//! (no spans, duplicate keys, rules or cross-file checks), so no validator of the same files
//! can be faster by much.
//!
//! cargo run --release --example floor -- DATASET_DIR

use std::sync::atomic::{AtomicUsize, Ordering};

use sourcebook::layout::{Kind, kind_of, rel_string};
use sourcebook::schema;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: floor DATASET_DIR"));
    let files: Vec<(std::path::PathBuf, Kind)> = walkdir::WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            // A file in no known place is validated as a record, as the walk would reject it.
            let kind = kind_of(&rel_string(e.path().strip_prefix(&root).unwrap()));
            (e.into_path(), kind.unwrap_or(Kind::Record))
        })
        .collect();
    for k in Kind::ALL {
        let _ = schema::validator(k); // compiled once, before the clock matters
    }
    let next = AtomicUsize::new(0);
    let invalid = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((path, kind)) = files.get(i) else {
                        break;
                    };
                    let bytes = std::fs::read(path).unwrap();
                    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
                        Ok(v) => v,
                        Err(_) => {
                            invalid.fetch_add(1, Ordering::Relaxed);
                            continue;
                        }
                    };
                    if !schema::validator(*kind).is_valid(&value) {
                        invalid.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    println!(
        "{} files, {} invalid",
        files.len(),
        invalid.load(Ordering::Relaxed)
    );
}
