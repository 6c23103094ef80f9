//! The dataset as one value at one version: its metadata, countries sorted by code and records
//! sorted by id. What a release holds and what `diff` compares, read from a dataset directory
//! or from a release.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::layout::Kind;
use crate::load::{self, Limits};
use crate::model::{Country, Dataset, Record};

/// The major version of the record schema a release was built with (its `$id` says `v1`).
pub const SCHEMA_VERSION: u32 = 1;

/// The whole dataset, as `sourcebook-<version>.json` holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub schema_version: u32,
    pub name: String,
    pub version: String,
    /// When the release was built (from `SOURCE_DATE_EPOCH` or the last commit), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    pub dataset: Dataset,
    pub countries: Vec<Country>,
    pub records: Vec<Record>,
}

impl Snapshot {
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.code == code)
    }
}

/// Read a dataset directory. It must load without a fault (the caller has usually checked
/// it): the first fault the loader reports, or a file the model cannot hold, is an error.
pub fn read_dataset(root: &Path) -> Result<Snapshot, Error> {
    let (source, mut faults) = load::scan(root)?;
    let files = source.load_all(Limits::default(), &mut faults);
    if let Some(fault) = faults.first() {
        return Err(Error::Invalid {
            path: PathBuf::from(fault.file()),
            message: fault.message.to_string(),
        });
    }
    let mut ds = None;
    let mut countries = Vec::new();
    let mut records = Vec::new();
    for f in &files {
        let path = root.join(f.place.rel());
        let Some(v) = &f.value else {
            return Err(Error::NotReadable(path));
        };
        let bad = |e: serde_json::Error| Error::Invalid {
            path: path.clone(),
            message: e.to_string(),
        };
        match f.place.kind() {
            Kind::Dataset => ds = Some(Dataset::deserialize(v).map_err(bad)?),
            Kind::Country => countries.push(Country::deserialize(v).map_err(bad)?),
            Kind::Record => records.push(Record::deserialize(v).map_err(bad)?),
        }
    }
    let dataset = ds.ok_or_else(|| Error::NotReadable(root.join("dataset.json")))?;
    countries.sort_by(|a, b| a.code.cmp(&b.code));
    records.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Snapshot {
        schema_version: SCHEMA_VERSION,
        name: dataset.name.clone(),
        version: dataset.version.clone(),
        created: None,
        dataset,
        countries,
        records,
    })
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
    let docs: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sourcebook-") && n.ends_with(".json"))
        })
        .collect();
    match docs.as_slice() {
        [one] => read_release(one),
        _ => Err(Error::NotADatasetOrRelease(path.to_path_buf())),
    }
}
