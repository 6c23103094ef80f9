//! Which files a command reports on or changes: the paths named on its command line, as
//! files of the dataset. `check` and `fmt` both select through here, so a path means the same
//! to each.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::layout::{Files, rel_string};

/// The files a command works on: named files, and everything under named directories.
#[derive(Debug, Default)]
pub struct Selection {
    files: BTreeSet<String>,
    dirs: Vec<String>,
}

impl Selection {
    /// Whether the file shown as `display` is selected.
    pub fn contains(&self, display: &str) -> bool {
        self.files.contains(display) || self.dirs.iter().any(|d| display.starts_with(d.as_str()))
    }
}

/// What the named paths select among `files`, or `None` for everything (no paths, or the
/// dataset directory itself). A path that does not exist or lies outside the dataset is an
/// error.
pub fn select(files: &Files, paths: &[PathBuf]) -> Result<Option<Selection>, Error> {
    if paths.is_empty() {
        return Ok(None);
    }
    let root = absolute(&files.root);
    let mut sel = Selection::default();
    for p in paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Error::NoSuchPath(p.clone()));
        }
        let abs = absolute(p);
        let rel = abs.strip_prefix(&root).map_err(|_| Error::OutsideDataset {
            path: p.clone(),
            dataset: files.root.clone(),
        })?;
        let rel = rel_string(rel);
        if abs.is_dir() {
            if rel.is_empty() {
                return Ok(None);
            }
            sel.dirs.push(format!("{}/", files.display(&rel)));
        } else {
            sel.files.insert(files.display(&rel));
        }
    }
    Ok(Some(sel))
}

/// An absolute path with `..` and links resolved, except a link named itself (so a symlink in
/// the dataset is reported where it is, not where it points).
pub fn absolute(p: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
    let resolved = match (is_link, p.parent(), p.file_name()) {
        (true, Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            std::fs::canonicalize(parent).map(|d| d.join(name))
        }
        _ => std::fs::canonicalize(p),
    };
    resolved.unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}
