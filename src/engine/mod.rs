//! `sourcebook check`, the engine: find the dataset's files, run every file through the
//! per-file pipeline on all cores (`pipeline`), run the cross-file rules on the compact index
//! the pipeline leaves, and finish one sorted report (`finish`).
//!
//! The way of one file: load (read, parse) -> text rules over every string -> schema ->
//! typed model -> file rules -> an index entry; its text is kept only when it has findings.

mod finish;
mod index;
mod options;
mod pipeline;
mod pool;
#[cfg(test)]
pub mod testing;

use std::collections::HashMap;

use crate::diag::{Diagnostic, Report, SourceLines};
use crate::error::Error;
use crate::layout::{FileName, Kind};
use crate::load::{self, Source};
use crate::model::{PartialDate, Record};
use crate::ordered::{WINDOW, map_in_order};
use crate::progress::{Progress, Silent};
use crate::rules::context::{Env, Index};
use crate::rules::{Check, RULES};
pub use options::Options;

/// Check the dataset on disk.
pub fn check(opts: &Options) -> Result<Report, Error> {
    check_with(opts, &Silent)
}

/// Check the dataset on disk, telling `progress` how many files are done.
pub fn check_with(opts: &Options, progress: &dyn Progress) -> Result<Report, Error> {
    compile_schemas_aside();
    let (source, diags) = load::scan(&opts.dataset)?;
    run::<()>(&source, diags, opts, progress, None)
}

/// Check a dataset held in memory: relative paths and their bytes, as they would sit under
/// `opts.dataset` (which is only used to name them).
pub fn check_memory(files: Vec<(String, Vec<u8>)>, opts: &Options) -> Result<Report, Error> {
    let (source, diags) = load::in_memory(opts.dataset.clone(), files);
    run::<()>(&source, diags, opts, &Silent, None)
}

/// What a check hands on of each record it reads, for a command that writes every record
/// somewhere (`release`): the check has read and typed each file already, so that command
/// need not read the dataset a second time.
pub struct Feed<'a, T> {
    /// The record files (their places in the walk) in the order the command takes them (a
    /// release: by file name, the ids' order, which the walk's differs from where one id
    /// begins another: `a-b.json` walks before `a.json`). Taken in the walk's order when this
    /// is not every record file once.
    pub order: &'a [usize],
    /// Run on the worker that checked a record file, beside the check: given the file's place
    /// in the walk and its record, typed by the check, when the check found nothing in the file
    /// (else `None`, and the command reads the file itself if it can use it), what the command
    /// makes of it; `None` when it cannot.
    pub make: &'a (dyn Fn(usize, Option<Record>) -> Option<T> + Sync),
    /// Called on the collecting thread with what `make` made of each record file, in that
    /// order.
    pub take: &'a mut dyn FnMut(Option<T>),
}

/// Check the walked dataset `source` (walked without faults: see [`load::scan`]), handing each
/// record to `feed` as it goes. The report is the one [`check_with`] gives.
pub fn check_feeding<T: Send>(
    source: &Source,
    opts: &Options,
    progress: &dyn Progress,
    feed: Feed<'_, T>,
) -> Result<Report, Error> {
    compile_schemas_aside();
    run(source, Vec::new(), opts, progress, Some(feed))
}

/// Compile the schemas on another core while this one walks the tree: each is needed only
/// once files are read, and either takes a few percent of a large check on its own. (Not
/// joined: a run that cannot start does not wait for them. Where no thread can be started,
/// the first file compiles them.)
fn compile_schemas_aside() {
    let _ =
        std::thread::Builder::new().spawn(|| crate::schema::validator(crate::layout::Kind::Record));
}

/// Check every file the loader found, feeding each record to `feed` if there is one.
fn run<T: Send>(
    source: &Source,
    mut diags: Vec<Diagnostic>,
    opts: &Options,
    progress: &dyn Progress,
    feed: Option<Feed<'_, T>>,
) -> Result<Report, Error> {
    let selection = load::select(source.files(), &opts.paths)?;
    let files = &source.files().files;
    let mut env = Env {
        dataset: None,
        today: opts.today.unwrap_or_else(PartialDate::today_utc),
        is_rule_code: crate::catalog::is_code,
    };
    // Room for a finding in every file from the start: memory the system only backs once it is
    // written, where growing by doubling would copy the stream and briefly hold it twice.
    diags.reserve(files.len());
    let mut kept: HashMap<FileName, SourceLines> = HashMap::new();

    // dataset.json first: every other file is checked against its topics, policy and coverage.
    let dataset_index = files.iter().position(|f| f == "dataset.json");
    let first = dataset_index.map(|i| pipeline::process(source, i, &env, opts));
    let mut entries = Vec::with_capacity(files.len());
    let mut dataset = None;
    if let Some(done) = first {
        let (entry, d) = done.keep_into(&mut diags, &mut kept, files.len());
        entries.push(entry);
        dataset = d;
    }
    env.dataset = dataset.as_deref();

    // The rest on every core: for a feed, the other files first, then the records in the
    // feed's order.
    let mut rest: Vec<usize> = (0..files.len())
        .filter(|i| Some(*i) != dataset_index)
        .collect();
    let is_record =
        |i: usize| crate::layout::classify(&files[i]).is_ok_and(|p| p.kind() == Kind::Record);
    if let Some(feed) = &feed {
        let (records, mut others): (Vec<usize>, Vec<usize>) =
            rest.iter().partition(|&&i| is_record(i));
        let mut given = feed.order.to_vec();
        given.sort_unstable();
        others.extend(if given == records {
            feed.order
        } else {
            &records
        });
        rest = others;
    }
    let threads = opts
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    progress.begin("checking", rest.len() as u64);
    match feed {
        // Results in any order, a chunk at a time: the check alone sorts what it keeps.
        None => pool::run(
            &rest,
            threads,
            |i| pipeline::process(source, i, &env, opts),
            |done| {
                let (entry, _) = done.keep_into(&mut diags, &mut kept, files.len());
                entries.push(entry);
                progress.advance(1);
            },
        ),
        // In the feed's order, for a command that writes the records in that order.
        Some(Feed { make, take, .. }) => {
            let done = map_in_order(
                rest.len(),
                threads,
                WINDOW,
                |k| {
                    let i = rest[k];
                    let (done, record) = pipeline::process_keeping(source, i, &env, opts, true);
                    (done, is_record(i).then(|| make(i, record)))
                },
                |_, (done, made)| {
                    let (entry, _) = done.keep_into(&mut diags, &mut kept, files.len());
                    entries.push(entry);
                    if let Some(made) = made {
                        take(made);
                    }
                    progress.advance(1);
                    Ok::<(), std::convert::Infallible>(())
                },
            );
            let Ok(()) = done;
        }
    }
    progress.end();
    entries.sort_unstable_by_key(|e| e.index);

    let index = Index {
        entries: &entries,
        dataset: env.dataset,
        files: source.shared_files(),
    };
    for r in RULES {
        if let Check::Index(f) = r.check {
            f(&index, &mut diags);
        }
    }
    drop(entries);
    if let Some(d) = env.dataset {
        finish::configure(&mut diags, d);
    }
    if let Some(only) = &selection {
        diags.retain(|d| only.contains(d.file()));
    }
    Ok(finish::finish(
        source,
        diags,
        kept,
        selection.as_ref(),
        opts.limits,
        opts.source_lines,
    ))
}

#[cfg(test)]
mod tests {
    use super::testing::{Case, snippet};

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

    /// A schema fault in one field hides no fault elsewhere in the file: a misspelt key, a
    /// wrong date and a wrong word count are all reported in one run.
    #[test]
    fn every_fault_in_a_file_at_once() {
        let case = Case::record(
            r#"{"fromat": "pdf", "accessed": ["2026-02-01"], "rights": {"status": "copyrighted", "holder": "EFE News Service", "basis": "fair_use", "quoted_words": 7}}"#,
        );
        let mut codes: Vec<&str> = case.run().iter().map(|d| d.code()).collect();
        codes.sort();
        assert_eq!(codes, ["SB201", "SB303", "SB405"]);
        // A field at fault in the schema is read by no rule, so its fault is said once: an id
        // of the wrong shape is the schema's to report, not also the id rules'.
        let case = Case::record(r#"{"id": "PE-2004-x", "accessed": ["2026-02-01"]}"#);
        let mut codes: Vec<&str> = case.run().iter().map(|d| d.code()).collect();
        codes.sort();
        assert_eq!(codes, ["SB205", "SB303"]);
    }
}

#[cfg(test)]
mod progress_tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    /// Counts what it is told.
    #[derive(Default)]
    struct Count {
        steps: AtomicU64,
        done: AtomicU64,
    }

    impl Progress for Count {
        fn begin(&self, _: &str, steps: u64) {
            self.steps.store(steps, Ordering::Relaxed);
        }
        fn advance(&self, steps: u64) {
            self.done.fetch_add(steps, Ordering::Relaxed);
        }
    }

    #[test]
    fn a_check_tells_its_progress_every_file_but_the_dataset_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset");
        let count = Count::default();
        let report = check_with(&Options::new(&root), &count).unwrap();
        let files = report.summary.files as u64;
        assert!(files > 2);
        assert_eq!(count.steps.load(Ordering::Relaxed), files - 1);
        assert_eq!(count.done.load(Ordering::Relaxed), files - 1);
    }
}
