//! Reading a snapshot whole: from a dataset directory (through a [`Stream`]), from a release
//! document, or from whichever of the two a path is.

use std::path::{Path, PathBuf};

use super::stream::Stream;
use super::whole::Snapshot;
use crate::error::Error;
use crate::load;

/// Read a dataset directory whole. It must load without a fault (the caller has usually
/// checked it): the first fault the loader reports, or a file the model cannot hold, is an
/// error. Commands that write each record somewhere read it as a [`Stream`] instead.
pub fn read_dataset(root: &Path) -> Result<Snapshot, Error> {
    Stream::open(root)?.collect(threads())
}

/// Threads to read records on: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The largest release document read (`--previous`, `diff`): a release of a hundred thousand
/// records is a few hundred megabytes.
pub const MAX_RELEASE_BYTES: u64 = 1024 * 1024 * 1024 / 2;

/// Read a release document (`sourcebook-<version>.json`).
pub fn read_release(path: &Path) -> Result<Snapshot, Error> {
    let bytes = load::read_input(path, MAX_RELEASE_BYTES)?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Invalid {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Read whatever `path` is: a dataset directory (it holds `dataset.json`), a release directory
/// (it holds one `sourcebook-*.json`), or a release document.
pub fn read_any(path: &Path) -> Result<Snapshot, Error> {
    if path.is_file() {
        return read_release(path);
    }
    if path.join("dataset.json").is_file() {
        return read_dataset(path);
    }
    read_release(&release_document(path)?)
}

/// The one release document (`sourcebook-*.json`) in a release directory.
pub fn release_document(dir: &Path) -> Result<PathBuf, Error> {
    let docs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sourcebook-") && n.ends_with(".json"))
        })
        .collect();
    match <[PathBuf; 1]>::try_from(docs) {
        Ok([one]) => Ok(one),
        Err(_) => Err(Error::NotADatasetOrRelease(dir.to_path_buf())),
    }
}
