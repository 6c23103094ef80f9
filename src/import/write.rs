//! Writing an import: each file reconciled with what is on disk (`reconcile`), new ones
//! created, placements brought in line with the page so that no two records claim one place,
//! differing ones updated only when asked (keeping what a person added); records the page no
//! longer lists found and their placement removed; and the dataset's metadata read for the
//! page's topic.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::Diagnostic;
use crate::error::Error;
use crate::fmt;
use crate::fsutil::{self, Existing};
use crate::layout::{self, Kind};
use crate::load::{self, Limits};
use crate::model::Dataset;

use super::outcome::Imported;
use super::reconcile::{self, Change, Gone};

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
        .position(|f| f == "dataset.json")
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
    /// It exists and the page changes nothing in it; the fields it has that the page does not
    /// hold are named.
    Unchanged {
        kept: Vec<String>,
    },
    /// It exists and differs: the page's changes field by field, the fields it has that the
    /// page does not hold (kept), whether `--force` applied the changes, and the placement
    /// the page moved it from and to (applied without `--force`).
    Differs {
        changes: Vec<Change>,
        kept: Vec<String>,
        overwritten: bool,
        moved: Option<(String, String)>,
    },
}

/// What an import does to the dataset: each of its files, and the records the page no longer
/// lists (whose placement is removed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub files: Vec<(PathBuf, Written)>,
    pub gone: Vec<Gone>,
    /// Files under the country's records that could not be read to see whether the page still
    /// lists them.
    pub unreadable: Vec<PathBuf>,
}

fn canonical(v: &Value, kind: Kind) -> String {
    fmt::format_value(v, kind)
}

/// The records under `country`'s directory that are on `topic`'s page (they have a placement)
/// and that the import does not produce: the page no longer lists them.
fn gone(
    root: &Path,
    imported: &Imported,
    plan: &mut Plan,
) -> Vec<(PathBuf, Value, reconcile::Gone)> {
    let Some(country) = imported.files.iter().find(|f| f.kind == Kind::Country) else {
        return Vec::new();
    };
    // A page with no source read is more likely the wrong page than an empty one: it takes
    // no record's place away.
    if imported.featured + imported.archived == 0 {
        return Vec::new();
    }
    // The records directory beside the country file (`pe/country.json`, `pe/records/`).
    let code = country.rel.split('/').next().unwrap_or_default();
    let Some(dir) = root
        .join(layout::record_file(code, "x"))
        .parent()
        .map(Path::to_path_buf)
    else {
        return Vec::new();
    };
    let produced: BTreeSet<PathBuf> = imported.files.iter().map(|f| root.join(&f.rel)).collect();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !produced.contains(p))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let Some(v) = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            plan.unreadable.push(path);
            continue;
        };
        let on_topic = v
            .get("topics")
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|t| t.as_str() == Some(&imported.topic)));
        if let (true, Some(placement)) = (on_topic, reconcile::placement(&v)) {
            let rel = layout::rel_string(path.strip_prefix(root).unwrap_or(&path));
            out.push((path, v, Gone { rel, placement }));
        }
    }
    out
}

/// Reconcile each file with what is on disk and, unless `dry_run`, write: new files; the
/// placement of records the page moved or no longer lists; and, with `force`, every change the
/// page makes, keeping the fields a person added.
pub fn write(imported: &Imported, root: &Path, dry_run: bool, force: bool) -> Result<Plan, Error> {
    let mut plan = Plan::default();
    let mut writes: Vec<(PathBuf, String, Existing)> = Vec::new();
    for f in &imported.files {
        let path = root.join(&f.rel);
        let existing = std::fs::read_to_string(&path).ok();
        let written = match &existing {
            None => {
                writes.push((path.clone(), f.text.clone(), Existing::Keep));
                Written::New
            }
            Some(old) if *old == f.text => Written::Unchanged { kept: Vec::new() },
            Some(old) => {
                let new: Value = serde_json::from_str(&f.text).expect("the import's output parses");
                match serde_json::from_str::<Value>(old) {
                    Ok(old_value) => {
                        let r = reconcile::reconcile(&old_value, &new, f.kind);
                        let moved = r.placed.as_ref().and_then(|p| {
                            Some((reconcile::placement(&old_value)?, reconcile::placement(p)?))
                        });
                        let text = canonical(&r.merged, f.kind);
                        if text == *old {
                            Written::Unchanged { kept: r.kept }
                        } else {
                            if force {
                                writes.push((path.clone(), text, Existing::Replace));
                            } else if let Some(placed) = &r.placed {
                                writes.push((
                                    path.clone(),
                                    canonical(placed, f.kind),
                                    Existing::Replace,
                                ));
                            }
                            Written::Differs {
                                changes: r.changes,
                                kept: r.kept,
                                overwritten: force,
                                moved,
                            }
                        }
                    }
                    Err(_) => {
                        if force {
                            writes.push((path.clone(), f.text.clone(), Existing::Replace));
                        }
                        Written::Differs {
                            changes: vec![Change {
                                field: "(the existing file does not parse)".into(),
                                old: None,
                                new: None,
                            }],
                            kept: Vec::new(),
                            overwritten: force,
                            moved: None,
                        }
                    }
                }
            }
        };
        plan.files.push((path, written));
    }
    for (path, mut v, g) in gone(root, imported, &mut plan) {
        if let Some(o) = v.as_object_mut() {
            o.remove("placement");
        }
        writes.push((path, canonical(&v, Kind::Record), Existing::Replace));
        plan.gone.push(g);
    }
    // Every file written aside first and put in place only when all are, so an import that
    // fails part way changes nothing.
    if !dry_run {
        let mut batch = fsutil::Batch::new(root);
        for (path, text, existing) in writes {
            batch.add(&path, text.as_bytes(), existing)?;
        }
        batch.commit()?;
    }
    Ok(plan)
}
