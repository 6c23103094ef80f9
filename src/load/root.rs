//! Whether the directory named as the dataset is one, and when it is not, what is there and
//! where the dataset more likely is: a wrong `--dataset` is a typo or a wrong directory far
//! more often than a dataset missing its `dataset.json`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::diag::plural;
use crate::error::Error;

/// Entries of a directory looked at to describe it; past this, "more" is said.
const LOOK_AT: usize = 10_000;
/// Names quoted when describing a directory.
const NAMED: usize = 3;

/// The error for a dataset root that cannot be read, with a hint where the dataset may be.
pub fn unreadable(root: &Path, source: io::Error) -> Error {
    let near = (source.kind() == io::ErrorKind::NotFound)
        .then(|| near_miss(root))
        .flatten();
    let hint = near.map_or_else(
        || "pass the dataset directory with --dataset DIR".to_string(),
        |near| format!("did you mean `{}`?", near.display()),
    );
    Error::DatasetUnreadable {
        path: root.to_path_buf(),
        source,
        hint,
    }
}

/// `Some` error when `root`, a directory, is plainly not a dataset: no `dataset.json` and no
/// directory laid out like a country's. A directory with country directories but no
/// `dataset.json` is a dataset missing a file, which `check` reports as a finding (SB111).
pub fn not_a_dataset(root: &Path) -> Option<Error> {
    let entries = fs::read_dir(root).ok()?;
    let mut names: Vec<(String, bool)> = Vec::new();
    let mut more = false;
    for entry in entries.flatten() {
        if names.len() == LOOK_AT {
            more = true;
            break;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if name == "dataset.json" || (is_dir && looks_like_a_country(&entry.path(), &name)) {
            return None;
        }
        names.push((name, is_dir));
    }
    names.sort();
    let dirs = names.iter().filter(|(_, d)| *d).count();
    let found = if names.is_empty() {
        "it is empty".to_string()
    } else {
        let shown: Vec<String> = names
            .iter()
            .take(NAMED)
            .map(|(n, d)| format!("`{n}{}`", if *d { "/" } else { "" }))
            .collect();
        let files = names.len() - dirs;
        let mut counts = Vec::new();
        let at_least = if more { "at least " } else { "" };
        if files > 0 {
            counts.push(format!("{at_least}{files} file{}", plural(files)));
        }
        if dirs > 0 {
            counts.push(format!(
                "{dirs} director{}",
                if dirs == 1 { "y" } else { "ies" }
            ));
        }
        format!(
            "it holds {} ({}{})",
            counts.join(" and "),
            shown.join(", "),
            if names.len() > NAMED { ", …" } else { "" }
        )
    };
    let hint = dataset_below(root)
        .map(|d| {
            format!(
                "`{}` holds a dataset: pass --dataset {}",
                d.display(),
                d.display()
            )
        })
        .or_else(|| {
            dataset_above(root).map(|d| {
                format!(
                    "`{}` is inside the dataset `{}`: pass --dataset {} and name the files \
                     to check after the command",
                    root.display(),
                    d.display(),
                    d.display()
                )
            })
        })
        .unwrap_or_else(|| {
            "pass the directory that holds `dataset.json` with --dataset DIR".to_string()
        });
    Some(Error::NotADataset {
        path: root.to_path_buf(),
        found,
        hint,
    })
}

/// A two-letter lower-case directory holding `country.json` or `records/`.
fn looks_like_a_country(path: &Path, name: &str) -> bool {
    crate::layout::is_country_dir(name)
        && (path.join("country.json").exists() || path.join("records").is_dir())
}

/// Directories looked into below a root that is not a dataset, in all: `--dataset ~` must
/// not walk a home directory.
const LOOK_INTO: usize = 200;

/// A directory one or two levels below `root` that holds `dataset.json`, the first in name
/// order.
fn dataset_below(root: &Path) -> Option<PathBuf> {
    let mut level = vec![root.to_path_buf()];
    for _ in 0..2 {
        let mut next = Vec::new();
        for dir in level.iter().take(LOOK_INTO) {
            let Ok(entries) = fs::read_dir(dir) else {
                continue;
            };
            let mut subdirs: Vec<PathBuf> = entries
                .flatten()
                .take(LOOK_AT)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path())
                .collect();
            subdirs.sort();
            if let Some(d) = subdirs.iter().find(|d| d.join("dataset.json").is_file()) {
                return Some(d.clone());
            }
            next.extend(subdirs);
        }
        level = next;
    }
    None
}

/// The directory one or two levels above `root` that holds `dataset.json`.
fn dataset_above(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .skip(1)
        .take(2)
        .find(|d| !d.as_os_str().is_empty() && d.join("dataset.json").is_file())
        .map(Path::to_path_buf)
}

/// For a root that does not exist: the entry of its parent whose name is closest to its own.
fn near_miss(root: &Path) -> Option<PathBuf> {
    let name = root.file_name()?.to_str()?;
    let parent = match root.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dirs: Vec<String> = fs::read_dir(parent)
        .ok()?
        .flatten()
        .take(LOOK_AT)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    crate::spelling::closest(name, dirs.iter().map(String::as_str)).map(|n| root.with_file_name(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            if let Some(d) = f.strip_suffix('/') {
                fs::create_dir_all(dir.path().join(d)).unwrap();
            } else {
                fs::create_dir_all(p.parent().unwrap()).unwrap();
                fs::write(p, "{}").unwrap();
            }
        }
        dir
    }

    #[test]
    fn a_dataset_or_a_dataset_missing_its_file_is_one() {
        assert!(not_a_dataset(tree(&["dataset.json"]).path()).is_none());
        assert!(not_a_dataset(tree(&["pe/country.json"]).path()).is_none());
        assert!(not_a_dataset(tree(&["pe/records/pe-2001-x.json"]).path()).is_none());
    }

    #[test]
    fn another_directory_is_described() {
        let t = tree(&["notes.txt", "src/main.rs", "Cargo.toml", "docs/"]);
        let e = not_a_dataset(t.path()).expect("not a dataset");
        let Error::NotADataset { found, hint, .. } = e else {
            panic!("{e:?}")
        };
        assert_eq!(
            found,
            "it holds 2 files and 2 directories (`Cargo.toml`, `docs/`, `notes.txt`, …)"
        );
        assert!(hint.contains("with --dataset DIR"), "{hint}");
    }

    #[test]
    fn the_dataset_below_or_above_is_named() {
        let t = tree(&["repo/dataset/dataset.json", "repo/README.md"]);
        let Some(Error::NotADataset { hint, .. }) = not_a_dataset(t.path()) else {
            panic!()
        };
        assert!(hint.ends_with("repo/dataset"), "{hint}");
        let t = tree(&[
            "dataset.json",
            "pe/country.json",
            "pe/records/pe-2001-x.json",
        ]);
        let Some(Error::NotADataset { hint, .. }) = not_a_dataset(&t.path().join("pe/records"))
        else {
            panic!()
        };
        assert!(hint.contains("is inside the dataset"), "{hint}");
    }

    #[test]
    fn an_empty_directory_says_so() {
        let t = tree(&[]);
        let Some(Error::NotADataset { found, .. }) = not_a_dataset(t.path()) else {
            panic!()
        };
        assert_eq!(found, "it is empty");
    }

    #[test]
    fn a_typo_finds_the_directory_meant() {
        let t = tree(&["dataset/dataset.json"]);
        let e = unreadable(&t.path().join("datset"), io::ErrorKind::NotFound.into());
        let Error::DatasetUnreadable { hint, .. } = e else {
            panic!()
        };
        assert_eq!(
            hint,
            format!("did you mean `{}`?", t.path().join("dataset").display())
        );
        // Nothing close: the general advice.
        let e = unreadable(&t.path().join("elsewhere"), io::ErrorKind::NotFound.into());
        let Error::DatasetUnreadable { hint, .. } = e else {
            panic!()
        };
        assert_eq!(hint, "pass the dataset directory with --dataset DIR");
    }
}
