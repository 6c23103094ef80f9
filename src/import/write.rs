//! Writing an import: each file compared with what is on disk, new ones created, differing
//! ones replaced only when asked; and the dataset's metadata read for the page's topic.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::diff;
use crate::error::Error;
use crate::fsutil::{self, Existing};
use crate::load::{self, Limits};
use crate::model::Dataset;

use super::outcome::Imported;

/// The dataset's metadata (its topics, for the page's topic), read through the loader, and
/// the faults that kept it from being read. A directory that is not a dataset yet (the first
/// import into it) has none and no faults.
pub fn metadata(root: &Path) -> (Option<Dataset>, Vec<Diagnostic>) {
    let Ok((source, _)) = load::scan(root) else {
        return (None, Vec::new());
    };
    let Some(index) = source
        .files()
        .files
        .iter()
        .position(|f| &**f == "dataset.json")
    else {
        return (None, Vec::new());
    };
    let mut faults = Vec::new();
    let file = source.load(index, Limits::default(), &mut faults);
    let dataset = file
        .value
        .and_then(|v| serde_json::from_value::<Dataset>(v).ok());
    (dataset, faults)
}

/// What happened, or would happen, to one output file.
#[derive(Clone, Debug, PartialEq)]
pub enum Written {
    New,
    Unchanged,
    /// It exists and differs: overwritten with `--force`, else left alone. The fields that differ.
    Differs {
        fields: Vec<String>,
        overwritten: bool,
    },
}

/// Compare each file with what is on disk and, unless `dry_run`, write the new ones (and, with
/// `force`, the ones that differ), all together or none: every file is written aside first and
/// put in place only when all are, so an import that fails part way changes nothing.
pub fn write(
    imported: &Imported,
    root: &Path,
    dry_run: bool,
    force: bool,
) -> Result<Vec<(PathBuf, Written)>, Error> {
    let mut out = Vec::new();
    let mut batch = fsutil::Batch::new(root);
    for f in &imported.files {
        let path = root.join(&f.rel);
        let existing = std::fs::read_to_string(&path).ok();
        let written = match &existing {
            None => Written::New,
            Some(old) if *old == f.text => Written::Unchanged,
            Some(old) => {
                let fields = match (
                    serde_json::from_str::<Value>(old),
                    serde_json::from_str::<Value>(&f.text),
                ) {
                    (Ok(a), Ok(b)) => diff::field_changes(&a, &b)
                        .into_iter()
                        .map(|c| c.field)
                        .collect(),
                    _ => vec!["(the existing file does not parse)".into()],
                };
                Written::Differs {
                    fields,
                    overwritten: force,
                }
            }
        };
        let write = !dry_run
            && matches!(
                written,
                Written::New
                    | Written::Differs {
                        overwritten: true,
                        ..
                    }
            );
        if write {
            // A new file is created only if none has appeared since it was looked for.
            let existing = match written {
                Written::New => Existing::Keep,
                _ => Existing::Replace,
            };
            batch.add(&path, f.text.as_bytes(), existing)?;
        }
        out.push((path, written));
    }
    batch.commit()?;
    Ok(out)
}
