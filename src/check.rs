//! `sourcebook check`: load the dataset, validate every file against its schema, run every
//! rule, apply the dataset's severity configuration, and return one sorted stream of
//! diagnostics with the sources needed to show them.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use crate::dataset::{self, File, Limits, Loaded, Role};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::json::Target;
use crate::model::{self, Level, PartialDate};
use crate::rules::context::normalise;
use crate::rules::{self, Check, Ctx, Doc, Entry, FileCtx, RULES};
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
    /// The date taken as today; the system date (UTC) when `None`.
    pub today: Option<PartialDate>,
}

impl Options {
    pub fn new(dataset: impl Into<PathBuf>) -> Self {
        Options {
            dataset: dataset.into(),
            paths: Vec::new(),
            limits: Limits::default(),
            today: None,
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

/// Check the dataset on disk.
pub fn check(opts: &Options) -> Result<Report, Error> {
    let (loaded, diags) = dataset::load(&opts.dataset, opts.limits)?;
    check_loaded(loaded, diags, opts)
}

/// A file's content as the typed model, when it matches its schema.
enum Typed {
    Dataset(Box<model::Dataset>),
    Country(Box<model::Country>),
    Record(Box<model::Record>),
    Untyped,
}

impl Typed {
    fn doc(&self) -> Doc<'_> {
        match self {
            Typed::Dataset(d) => Doc::Dataset(d),
            Typed::Country(c) => Doc::Country(c),
            Typed::Record(r) => Doc::Record(r),
            Typed::Untyped => Doc::Untyped,
        }
    }
}

/// Schema-validate a file and, when it is clean, read it into the typed model.
fn validate_and_type(file: &File, value: &Value, diags: &mut Vec<Diagnostic>) -> Typed {
    let found = validate::validate(file, value);
    let clean = found.is_empty();
    diags.extend(found);
    // A skeleton still being filled in is checked for its placeholders (and its shape) only;
    // the other rules would otherwise report what the placeholders stand for.
    let unfilled = rules::context::strings(value)
        .iter()
        .any(|(_, s)| rules::text::placeholder::is_placeholder(s));
    if !clean || unfilled {
        return Typed::Untyped;
    }
    let typed = match file.role {
        Role::Dataset => model::Dataset::deserialize(value).map(|d| Typed::Dataset(Box::new(d))),
        Role::Country { .. } => {
            model::Country::deserialize(value).map(|c| Typed::Country(Box::new(c)))
        }
        Role::Record { .. } => {
            model::Record::deserialize(value).map(|r| Typed::Record(Box::new(r)))
        }
    };
    typed.unwrap_or_else(|e| {
        // The schema lets through what the model cannot hold only for dates that do not
        // exist, which SB301 reports; anything else is a gap between the two, said plainly.
        let impossible = rules::dates::raw_dates(value).iter().any(|(_, s)| {
            rules::dates::is_partial_date_shape(s) && s.parse::<PartialDate>().is_err()
        });
        if !impossible {
            diags.push(Diagnostic::new(
                &rules::schema::OTHER,
                format!("the content cannot be read: {e}"),
                file.pointer("", Target::Opening),
            ));
        }
        Typed::Untyped
    })
}

/// The index entry of one file, for cross-file rules.
fn entry(file: &File, typed: &Typed) -> Entry {
    let mut e = Entry {
        file: file.display.clone(),
        role: Some(file.role.clone()),
        ..Entry::default()
    };
    match typed {
        Typed::Record(r) => {
            e.id = Some(r.id.clone());
            e.country = Some(r.country.clone());
            e.source_key = Some(format!(
                "{}|{}|{}",
                normalise(&r.title),
                r.publisher
                    .as_ref()
                    .map(|p| normalise(&p.name))
                    .unwrap_or_default(),
                r.published
                    .as_ref()
                    .map(|p| p.date.to_string())
                    .unwrap_or_default()
            ));
            e.placement = r.placement.map(|p| (p.section, p.position));
            e.topics = r.topics.clone();
        }
        Typed::Country(c) => {
            e.id = Some(c.code.clone());
            e.country = Some(c.code.clone());
        }
        Typed::Dataset(_) | Typed::Untyped => {}
    }
    e
}

/// Check a loaded dataset, with the faults found while loading it.
pub fn check_loaded(
    loaded: Loaded,
    mut diags: Vec<Diagnostic>,
    opts: &Options,
) -> Result<Report, Error> {
    let only = selected(&loaded, &opts.paths)?;
    let today = opts.today.unwrap_or_else(rules::dates::today_utc);
    let typed: Vec<Typed> = loaded
        .files
        .iter()
        .map(|f| match &f.value {
            Some(v) => validate_and_type(f, v, &mut diags),
            None => Typed::Untyped,
        })
        .collect();
    let dataset = loaded.files.iter().zip(&typed).find_map(|(_, t)| match t {
        Typed::Dataset(d) => Some(&**d),
        _ => None,
    });
    for (file, t) in loaded.files.iter().zip(&typed) {
        let Some(value) = &file.value else { continue };
        let ctx = FileCtx {
            file,
            value,
            doc: t.doc(),
            dataset,
            today,
        };
        for rule in RULES {
            if let Some(Check::File(f)) = rule.check {
                f(&ctx, &mut diags);
            }
        }
    }
    let entries: Vec<Entry> = loaded
        .files
        .iter()
        .zip(&typed)
        .map(|(f, t)| entry(f, t))
        .collect();
    let ctx = Ctx {
        entries: &entries,
        dataset,
    };
    for rule in RULES {
        if let Some(Check::Dataset(f)) = rule.check {
            f(&ctx, &mut diags);
        }
    }
    if let Some(d) = dataset {
        configure(&mut diags, d);
    }
    if let Some(only) = &only {
        diags.retain(|d| only.contains(d.file()));
    }
    Ok(finish(&loaded, diags, only.as_ref()))
}

/// Apply the dataset's per-rule severities: `allow` drops a rule's findings.
fn configure(diags: &mut Vec<Diagnostic>, dataset: &model::Dataset) {
    if dataset.rules.is_empty() {
        return;
    }
    diags.retain_mut(|d| match dataset.rules.get(d.rule.code) {
        Some(Level::Allow) => false,
        Some(Level::Error) => {
            d.severity = Severity::Error;
            true
        }
        Some(Level::Warning) => {
            d.severity = Severity::Warning;
            true
        }
        None => true,
    });
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
