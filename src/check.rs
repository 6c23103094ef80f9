//! `sourcebook check`: walk the dataset, then read, parse, validate and rule-check every file on
//! all cores, keeping of each only a small index entry (and its text when it has findings);
//! run the cross-file rules on the index; apply the dataset's severity configuration; and
//! return one sorted stream of diagnostics with the sources needed to show them.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::dataset::{self, File, Limits, ReadFault, Role, Walk};
use crate::diagnostic::{At, Diagnostic, Severity};
use crate::error::Error;
use crate::json::{self, Target};
use crate::model::{self, Level, PartialDate};
use crate::rules::context::normalised_hash;
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
    /// Worker threads; all available cores when `None`.
    pub threads: Option<usize>,
}

impl Options {
    pub fn new(dataset: impl Into<PathBuf>) -> Self {
        Options {
            dataset: dataset.into(),
            paths: Vec::new(),
            limits: Limits::default(),
            today: None,
            threads: None,
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

/// Where the files' bytes come from.
enum Input<'a> {
    Disk,
    Memory(&'a HashMap<String, Vec<u8>>),
}

fn read(walk: &Walk, rel: &str, input: &Input<'_>, limits: Limits) -> Result<Vec<u8>, ReadFault> {
    match input {
        Input::Disk => dataset::read_bytes(&walk.root.join(rel), limits),
        Input::Memory(files) => {
            let bytes = files.get(rel).cloned().unwrap_or_default();
            if bytes.len() as u64 > limits.max_file_bytes {
                return Err(ReadFault::TooLarge);
            }
            Ok(bytes)
        }
    }
}

/// Check the dataset on disk.
pub fn check(opts: &Options) -> Result<Report, Error> {
    let (walk, diags) = dataset::walk(&opts.dataset)?;
    run(&walk, diags, &Input::Disk, opts)
}

/// Check a dataset held in memory: relative paths and their bytes, as they would sit under
/// `opts.dataset` (which is only used to name them).
pub fn check_memory(files: Vec<(String, Vec<u8>)>, opts: &Options) -> Result<Report, Error> {
    let root = opts.dataset.clone();
    let mut diags = Vec::new();
    let mut rels = Vec::new();
    let mut bytes = HashMap::new();
    let mut files = files;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    for (rel, b) in files {
        if dataset::admit(&root, rel.clone(), &mut rels, &mut diags) {
            bytes.insert(rel, b);
        }
    }
    dataset::missing_files(&root, &rels, &mut diags);
    let walk = Walk::new(root, rels);
    run(&walk, diags, &Input::Memory(&bytes), opts)
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

/// Schema-validate a file and, when it is clean and `unfilled` (it holds a placeholder) is not
/// set, read it into the typed model.
fn validate_and_type(
    file: &File,
    value: &Value,
    unfilled: bool,
    diags: &mut Vec<Diagnostic>,
) -> Typed {
    let found = validate::validate(file, value);
    let clean = found.is_empty();
    diags.extend(found);
    // A skeleton still being filled in is checked for its placeholders (and its shape) only;
    // the other rules would otherwise report what the placeholders stand for.
    if !clean || unfilled {
        return Typed::Untyped;
    }
    fn typed<T: serde::de::DeserializeOwned>(
        value: &Value,
    ) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
        // The plain path first: tracking the path costs a tenth of `check`, and is only needed
        // to say where a file that does not fit the model fails.
        T::deserialize(value).or_else(|_| serde_path_to_error::deserialize(value))
    }
    let result = match file.role {
        Role::Dataset => typed::<model::Dataset>(value).map(|d| Typed::Dataset(Box::new(d))),
        Role::Country { .. } => typed::<model::Country>(value).map(|c| Typed::Country(Box::new(c))),
        Role::Record { .. } => typed::<model::Record>(value).map(|r| Typed::Record(Box::new(r))),
    };
    result.unwrap_or_else(|e| {
        // What the schema lets through but the model cannot hold: a date that does not exist
        // (which SB301 reports), or a number the schema calls an integer but is written with a
        // fraction (101.0) or is too large for its field. Said at the value.
        let mut pointer = String::new();
        for seg in e.path().iter() {
            match seg {
                serde_path_to_error::Segment::Seq { index } => {
                    json::push_token(&mut pointer, &index.to_string())
                }
                serde_path_to_error::Segment::Map { key } => json::push_token(&mut pointer, key),
                _ => {}
            }
        }
        let impossible_date = rules::dates::raw_dates(value)
            .iter()
            .any(|(p, s)| *p == pointer && s.parse::<PartialDate>().is_err());
        if !impossible_date {
            let field = json::field_path(&pointer);
            diags.push(Diagnostic::new(
                &rules::schema::OTHER,
                format!(
                    "`{field}` cannot be read as the model's type: {}",
                    e.inner()
                ),
                file.pointer(pointer, Target::Value),
            ));
        }
        Typed::Untyped
    })
}

/// What the check keeps of one file.
struct Done {
    entry: Entry,
    diags: Vec<Diagnostic>,
    /// The file's text and the offset of its JSON body, when it has findings.
    kept: Option<(Arc<str>, usize)>,
    /// Boxed: only one file is the dataset's, and every `Done` would otherwise carry its size.
    dataset: Option<Box<model::Dataset>>,
}

/// The rules that look at each string.
static TEXT_RULES: std::sync::LazyLock<Vec<rules::TextCheck>> = std::sync::LazyLock::new(|| {
    RULES
        .iter()
        .filter_map(|r| {
            if let Some(Check::Text(f)) = r.check {
                Some(f)
            } else {
                None
            }
        })
        .collect()
});

/// What every file's check shares.
struct Shared<'a> {
    dataset: Option<&'a model::Dataset>,
    today: PartialDate,
    limits: Limits,
}

fn entry(index: usize, typed: &Typed, dataset: Option<&model::Dataset>) -> Entry {
    let mut e = Entry {
        index: index as u32,
        ..Entry::default()
    };
    let code = |c: &str| <[u8; 2]>::try_from(c.as_bytes()).ok();
    match typed {
        Typed::Record(r) => {
            e.is_record = true;
            e.id = Some(r.id.clone().into_boxed_str());
            e.country = code(&r.country);
            let date = r
                .published
                .as_ref()
                .map(|p| p.date.to_string())
                .unwrap_or_default();
            let publisher = r.publisher.as_ref().map_or("", |p| p.name.as_str());
            e.source_key = Some(normalised_hash(&[&r.title, publisher, &date]));
            e.placement = r.placement.map(|p| (p.section, p.position));
            if let Some(d) = dataset {
                for t in &r.topics {
                    if let Some(i) = d.topics.iter().position(|x| &x.id == t).filter(|i| *i < 64) {
                        e.topics |= 1 << i;
                    }
                }
            }
        }
        Typed::Country(c) => {
            e.id = Some(c.code.clone().into_boxed_str());
            e.country = code(&c.code);
        }
        Typed::Dataset(_) | Typed::Untyped => {}
    }
    e
}

/// Read, parse, validate and rule-check one file.
fn process(walk: &Walk, index: usize, input: &Input<'_>, sh: &Shared<'_>) -> Done {
    let rel = &walk.files[index];
    let mut file = walk.file(rel);
    let mut diags = Vec::new();
    let bytes = match read(walk, rel, input, sh.limits) {
        Ok(b) => b,
        Err(fault) => {
            diags.push(fault.diagnostic(&file, sh.limits));
            return Done {
                entry: Entry {
                    index: index as u32,
                    ..Entry::default()
                },
                diags,
                kept: None,
                dataset: None,
            };
        }
    };
    // Well-formed files take serde_json's fast path; anything it will not take goes through
    // the strict parser, which says exactly what is wrong and where.
    let (value, bytes) = match json::parse_fast(&bytes, sh.limits.max_depth) {
        Some(v) => (Some(v), Some(bytes)),
        None => {
            dataset::parse_bytes(bytes, &mut file, sh.limits, &mut diags);
            (file.value.take(), None)
        }
    };
    let mut dataset = None;
    let mut entry = Entry {
        index: index as u32,
        ..Entry::default()
    };
    if let Some(value) = &value {
        // One walk over every string for the text rules, before typing: it also tells whether
        // a placeholder is left.
        let untyped = FileCtx {
            file: &file,
            value,
            doc: Doc::Untyped,
            dataset: sh.dataset,
            today: sh.today,
            quoted_words: Default::default(),
            printed_date: Default::default(),
        };
        let mut unfilled = false;
        rules::context::visit_strings(value, &mut |path, s| {
            unfilled |= rules::text::placeholder::is_placeholder(s);
            let text = rules::context::Text::scan(s);
            for f in TEXT_RULES.iter() {
                f(&untyped, path, &text, &mut diags);
            }
        });
        let typed = validate_and_type(&file, value, unfilled, &mut diags);
        let ctx = FileCtx {
            file: &file,
            value,
            doc: typed.doc(),
            dataset: sh.dataset,
            today: sh.today,
            quoted_words: Default::default(),
            printed_date: Default::default(),
        };
        for rule in RULES {
            if let Some(Check::File(f)) = rule.check {
                f(&ctx, &mut diags);
            }
        }
        entry = self::entry(index, &typed, sh.dataset);
        if let Typed::Dataset(d) = typed {
            dataset = Some(d);
        }
    }
    let mut kept = None;
    if !diags.is_empty() {
        let text: Arc<str> = match (file.text.take(), bytes) {
            (Some(t), _) => Arc::from(t),
            (None, Some(b)) => Arc::from(String::from_utf8_lossy(&b).as_ref()),
            (None, None) => Arc::from(""),
        };
        let sources = HashMap::from([(
            file.display.as_str(),
            Source {
                text: &text,
                body_offset: file.body_offset,
            },
        )]);
        source::resolve(&mut diags, &sources);
        kept = Some((text, file.body_offset));
    }
    Done {
        entry,
        diags,
        kept,
        dataset,
    }
}

/// Check every file of a walk.
fn run(
    walk: &Walk,
    mut diags: Vec<Diagnostic>,
    input: &Input<'_>,
    opts: &Options,
) -> Result<Report, Error> {
    let only = selected(walk, &opts.paths)?;
    let today = opts.today.unwrap_or_else(model::PartialDate::today_utc);
    let mut kept: HashMap<String, (Arc<str>, usize)> = HashMap::new();
    let mut keep = |walk: &Walk, index: u32, k: Option<(Arc<str>, usize)>| {
        if let Some(k) = k {
            kept.insert(walk.display(&walk.files[index as usize]), k);
        }
    };

    // dataset.json first: every other file is checked against its topics, policy and coverage.
    let ds_index = walk.files.iter().position(|f| &**f == "dataset.json");
    let first = Shared {
        dataset: None,
        today,
        limits: opts.limits,
    };
    let ds_done = ds_index.map(|i| process(walk, i, input, &first));
    let (dataset, mut entries) = match ds_done {
        Some(d) => {
            diags.extend(d.diags);
            keep(walk, d.entry.index, d.kept);
            (d.dataset, vec![d.entry])
        }
        None => (None, Vec::new()),
    };
    let shared = Shared {
        dataset: dataset.as_deref(),
        today,
        limits: opts.limits,
    };

    // The rest on every core, in chunks handed out in order.
    let rest: Vec<usize> = (0..walk.files.len())
        .filter(|i| Some(*i) != ds_index)
        .collect();
    let threads = opts
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 64);
    const CHUNK: usize = 32;
    let next = AtomicUsize::new(0);
    let results: Vec<Vec<Done>> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.min(rest.len().div_ceil(CHUNK)).max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if start >= rest.len() {
                            break;
                        }
                        for &i in &rest[start..(start + CHUNK).min(rest.len())] {
                            out.push(process(walk, i, input, &shared));
                        }
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("a worker does not panic"))
            .collect()
    });
    for done in results.into_iter().flatten() {
        diags.extend(done.diags);
        keep(walk, done.entry.index, done.kept);
        entries.push(done.entry);
    }
    entries.sort_by_key(|e| e.index);

    let ctx = Ctx {
        entries: &entries,
        dataset: dataset.as_deref(),
        walk,
    };
    for rule in RULES {
        if let Some(Check::Dataset(f)) = rule.check {
            f(&ctx, &mut diags);
        }
    }
    drop(entries);
    if let Some(d) = &dataset {
        configure(&mut diags, d);
    }
    if let Some(only) = &only {
        diags.retain(|d| only.contains(d.file()));
    }
    Ok(finish(walk, diags, kept, input, only.as_ref(), opts.limits))
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
fn selected(walk: &Walk, paths: &[PathBuf]) -> Result<Option<Selection>, Error> {
    if paths.is_empty() {
        return Ok(None);
    }
    let root = absolute(&walk.root);
    let mut sel = Selection::default();
    for p in paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Error::NoSuchPath(p.clone()));
        }
        let abs = absolute(p);
        let rel = abs.strip_prefix(&root).map_err(|_| Error::OutsideDataset {
            path: p.clone(),
            dataset: walk.root.clone(),
        })?;
        let rel = dataset::rel_string(rel);
        if abs.is_dir() {
            if rel.is_empty() {
                return Ok(None);
            }
            sel.dirs.push(format!("{}/", walk.display(&rel)));
        } else {
            sel.files.insert(walk.display(&rel));
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

/// Resolve what is left unresolved (labels of cross-file findings, in files with no finding of
/// their own, are read again), sort, count.
fn finish(
    walk: &Walk,
    mut diags: Vec<Diagnostic>,
    mut kept: HashMap<String, (Arc<str>, usize)>,
    input: &Input<'_>,
    only: Option<&Selection>,
    limits: Limits,
) -> Report {
    let rel_of: HashMap<String, &str> = {
        let wanted: BTreeSet<&str> = diags
            .iter()
            .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
            .filter(|l| l.position.is_none() && !matches!(l.at, At::File))
            .map(|l| l.file.as_str())
            .filter(|f| !kept.contains_key(*f))
            .collect();
        walk.files
            .iter()
            .map(|r| (walk.display(r), &**r))
            .filter(|(d, _)| wanted.contains(d.as_str()))
            .collect()
    };
    for (display, rel) in rel_of {
        if let Ok(bytes) = read(walk, rel, input, limits) {
            let text = String::from_utf8_lossy(&bytes);
            let offset = dataset::bom_len(&text);
            kept.insert(display, (Arc::from(text.as_ref()), offset));
        }
    }
    {
        let sources: HashMap<&str, Source<'_>> = kept
            .iter()
            .map(|(k, (t, o))| {
                (
                    k.as_str(),
                    Source {
                        text: t,
                        body_offset: *o,
                    },
                )
            })
            .collect();
        source::resolve(&mut diags, &sources);
    }
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
    let referenced: BTreeSet<&str> = diags
        .iter()
        .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
        .map(|l| l.file.as_str())
        .collect();
    let sources = kept
        .into_iter()
        .filter(|(k, _)| referenced.contains(k.as_str()))
        .map(|(k, (t, _))| (k, t))
        .collect();
    let counted: Vec<crate::schema::Kind> = walk
        .files
        .iter()
        .filter(|r| only.is_none_or(|o| o.contains(&walk.display(r))))
        .filter_map(|r| dataset::kind_of(r))
        .collect();
    let summary = Summary {
        files: counted.len(),
        records: counted
            .iter()
            .filter(|k| **k == crate::schema::Kind::Record)
            .count(),
        countries: counted
            .iter()
            .filter(|k| **k == crate::schema::Kind::Country)
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
    Report {
        diagnostics: diags,
        sources,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{Case, snippet};

    #[test]
    fn what_the_model_cannot_hold_is_said_at_the_value() {
        let case = Case::record(
            r#"{"rights": {"status": "copyrighted", "holder": "EFE News Service", "basis": "fair_use", "quoted_words": 101.0}}"#,
        );
        let ds = case.run();
        assert_eq!(ds.iter().map(|d| d.code()).collect::<Vec<_>>(), ["SB209"]);
        assert_eq!(snippet(&case, &ds[0]), "101.0");
        assert!(
            ds[0]
                .message
                .starts_with("`rights.quoted_words` cannot be read"),
            "{}",
            ds[0].message
        );
    }
}
