//! `sourcebook check`: load the dataset, validate every file, and return one sorted stream of
//! diagnostics with the sources needed to show them.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::dataset::{self, File, Limits, Loaded, Role};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::source::{self, Source};
use crate::validate;

/// What to check and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The dataset directory.
    pub dataset: PathBuf,
    /// Report only on these files (cross-file facts still come from the whole dataset).
    pub paths: Vec<PathBuf>,
    pub limits: Limits,
}

impl Options {
    pub fn new(dataset: impl Into<PathBuf>) -> Self {
        Options {
            dataset: dataset.into(),
            paths: Vec::new(),
            limits: Limits::default(),
        }
    }
}

/// Counts for the closing summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub records: usize,
    pub countries: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The outcome of a check: the sorted diagnostics and the text of every file they point into.
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// Display path to file text, for the files diagnostics point into.
    pub sources: HashMap<String, Arc<str>>,
    pub summary: Summary,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// Check the dataset.
pub fn check(opts: &Options) -> Result<Report, Error> {
    let (loaded, mut diags) = dataset::load(&opts.dataset, opts.limits)?;
    let only = selected(&loaded, &opts.paths)?;
    for file in &loaded.files {
        if let Some(value) = &file.value {
            diags.extend(validate::validate(file, value));
        }
    }
    if let Some(only) = &only {
        diags.retain(|d| only.contains(d.file()));
    }
    Ok(finish(&loaded, diags, only.as_ref()))
}

/// The files a check reports on: named files, and everything under named directories.
#[derive(Debug, Default)]
pub struct Selection {
    files: BTreeSet<String>,
    dirs: Vec<String>,
}

impl Selection {
    pub fn contains(&self, display: &str) -> bool {
        self.files.contains(display) || self.dirs.iter().any(|d| display.starts_with(d.as_str()))
    }
}

/// What the named paths select, or `None` to report on everything.
fn selected(loaded: &Loaded, paths: &[PathBuf]) -> Result<Option<Selection>, Error> {
    if paths.is_empty() {
        return Ok(None);
    }
    let root = absolute(&loaded.root);
    let mut sel = Selection::default();
    for p in paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Error::NoSuchPath(p.clone()));
        }
        let abs = absolute(p);
        let rel = abs.strip_prefix(&root).map_err(|_| Error::OutsideDataset {
            path: p.clone(),
            dataset: loaded.root.clone(),
        })?;
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if abs.is_dir() {
            if rel.is_empty() {
                return Ok(None);
            }
            sel.dirs
                .push(format!("{}/", dataset::display_path(&loaded.root, &rel)));
        } else {
            sel.files.insert(dataset::display_path(&loaded.root, &rel));
        }
    }
    Ok(Some(sel))
}

/// An absolute path with `..` and links resolved, except a link named itself (so a symlink in
/// the dataset is reported where it is, not where it points).
fn absolute(p: &Path) -> PathBuf {
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

/// Resolve positions, sort, count.
fn finish(loaded: &Loaded, mut diags: Vec<Diagnostic>, only: Option<&Selection>) -> Report {
    let with_findings: BTreeSet<&str> = diags
        .iter()
        .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
        .map(|l| l.file.as_str())
        .collect();
    let sources: HashMap<&str, Source<'_>> = loaded
        .files
        .iter()
        .filter(|f| with_findings.contains(f.display.as_str()))
        .filter_map(|f: &File| {
            f.text.as_deref().map(|text| {
                (
                    f.display.as_str(),
                    Source {
                        text,
                        body_offset: f.body_offset,
                    },
                )
            })
        })
        .collect();
    source::resolve(&mut diags, &sources);
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
    let counted = |f: &&File| only.is_none_or(|o| o.contains(&f.display));
    let summary = Summary {
        files: loaded.files.iter().filter(counted).count(),
        records: loaded
            .files
            .iter()
            .filter(counted)
            .filter(|f| matches!(f.role, Role::Record { .. }))
            .count(),
        countries: loaded
            .files
            .iter()
            .filter(counted)
            .filter(|f| matches!(f.role, Role::Country { .. }))
            .count(),
        errors: diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count(),
        warnings: diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count(),
    };
    let sources = sources
        .into_iter()
        .map(|(k, s)| (k.to_string(), Arc::from(s.text)))
        .collect();
    Report {
        diagnostics: diags,
        sources,
        summary,
    }
}
