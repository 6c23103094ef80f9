//! Building a release: the options, the check that may refuse it and that feeds the bundle the
//! records it reads, the formats this build can write, and the bundle written aside and swapped
//! into place.

use std::path::{Path, PathBuf};

use super::binary::Formats;
use super::bundle;
use super::output::Written;
use crate::diag::Report;
use crate::engine;
use crate::error::Error;
use crate::fsutil;
use crate::model::Record;
use crate::progress::Progress;
use crate::snapshot::{self, Stream};

/// Whether this build can write Parquet and SQLite (the `analyst-formats` cargo feature).
pub const ANALYST_FORMATS: bool = cfg!(feature = "analyst-formats");

/// From how many records a release also writes its Parquet tables partitioned by country.
pub const PARTITION_AT: usize = 50_000;

/// What to build from, and where.
#[derive(Clone, Debug)]
pub struct Options {
    pub dataset: PathBuf,
    /// The directory the bundle goes under (as `sourcebook-<version>/`).
    pub out: PathBuf,
    /// An earlier release or dataset to describe the changes from.
    pub previous: Option<PathBuf>,
    /// The release time, in seconds since 1970 (`SOURCE_DATE_EPOCH`); when `None`, the time of
    /// the last commit, if the dataset is in a git repository.
    pub epoch: Option<i64>,
    /// Build the text formats alone, without Parquet and SQLite, on purpose.
    pub text_only: bool,
    /// Write the Parquet tables partitioned by country too when the dataset has at least this
    /// many records.
    pub partition_at: usize,
    /// Threads to read and convert records on; one per core when `None`.
    pub threads: Option<usize>,
}

impl Options {
    /// Build the release of `dataset` under `out`, with every format.
    pub fn new(dataset: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Options {
        Options {
            dataset: dataset.into(),
            out: out.into(),
            previous: None,
            epoch: None,
            text_only: false,
            partition_at: PARTITION_AT,
            threads: None,
        }
    }
}

/// A built bundle: where it is and its files with their size and SHA-256.
#[derive(Debug)]
pub struct Bundle {
    pub dir: PathBuf,
    pub files: Vec<Written>,
    /// The release time it was built with, in seconds since 1970, if known.
    pub epoch: Option<i64>,
}

/// The latest release time written: the last second of the year 9999, beyond which an RFC 3339
/// timestamp has no room for the year.
const MAX_EPOCH: i64 = 253_402_300_799;

/// A release time from `SOURCE_DATE_EPOCH`: whole seconds since 1970, not before it (as the
/// variable's specification says) and not past the year 9999.
pub fn parse_epoch(value: &str) -> Result<i64, Error> {
    let secs: i64 = value.trim().parse().map_err(|_| {
        Error::BadEpoch(format!(
            "SOURCE_DATE_EPOCH is {value:?}, not a whole number of seconds"
        ))
    })?;
    if !(0..=MAX_EPOCH).contains(&secs) {
        return Err(Error::BadEpoch(format!(
            "SOURCE_DATE_EPOCH is {secs}, outside 0 (1970) to {MAX_EPOCH} (the end of 9999)"
        )));
    }
    Ok(secs)
}

/// An RFC 3339 UTC timestamp for seconds since 1970.
pub fn rfc3339(epoch: i64) -> String {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    let d = crate::model::PartialDate::from_unix_days(days);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The time of the last commit touching the dataset, if git knows it.
pub fn last_commit_epoch(dataset: &Path) -> Option<i64> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dataset)
        .args(["log", "-1", "--format=%ct"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
}

/// What `build` did.
#[derive(Debug)]
pub enum Outcome {
    /// The bundle was built and moved into place.
    Built(Bundle),
    /// The dataset has errors, so nothing was built; the check that found them, to show why.
    Refused(Box<Report>),
}

/// The formats to write. Without the `analyst-formats` feature a full release cannot be built,
/// and a smaller one is built only when asked for: a bundle never lacks files silently.
pub fn formats(opts: &Options, records: usize) -> Result<Formats, Error> {
    if !opts.text_only && !ANALYST_FORMATS {
        return Err(Error::FormatsNotBuilt);
    }
    Ok(Formats {
        binary: !opts.text_only,
        partition: !opts.text_only && records >= opts.partition_at,
    })
}

/// Check the dataset, then, if it is clean, build its bundle under `opts.out`, telling
/// `progress` how far it has got.
///
/// The bundle is written during the check, from the records the check reads (one pass over
/// the files, not two), into a directory set aside: a dataset with errors leaves no bundle.
/// A record the check found something in is read again on its own, as the second reading
/// below would read it. Where that pass cannot give every record in id order (ids that are not
/// their file names, a record that cannot be read), the bundle is written again from a second
/// reading of the records.
pub fn build(opts: &Options, progress: &dyn Progress) -> Result<Outcome, Error> {
    // Refuse before the check's seconds are spent on a build that cannot be finished.
    formats(opts, 0)?;
    let mut check = engine::Options::new(&opts.dataset);
    check.threads = opts.threads;
    // Whatever stops the one pass from starting is said only after the check, as it was when
    // the check came first: a dataset with errors is refused with its findings.
    let check_first = |e: Error| -> Result<Outcome, Error> {
        let report = engine::check_with(&check, progress)?;
        if report.has_errors() {
            return Ok(Outcome::Refused(Box::new(report)));
        }
        Err(e)
    };
    // A dataset the stream cannot open (a fault in the walk, an unreadable `dataset.json` or
    // country file) has errors the check reports.
    let mut stream = match Stream::open(&opts.dataset) {
        Ok(stream) => stream,
        Err(e) => return check_first(e),
    };
    let epoch = opts.epoch.or_else(|| last_commit_epoch(&opts.dataset));
    stream.set_created(epoch.map(rfc3339));
    let formats = formats(opts, stream.len())?;
    let threads = opts.threads.unwrap_or_else(snapshot::threads);
    let name = format!("{}-{}", stream.head().name, stream.head().version);
    // The bundle's directory is named from `dataset.json` before the check has read it: a
    // name that is not one plain file name (a `/`, `..`) would put files outside `--out`.
    // The schema allows no such name, so the check refuses it.
    if !is_plain_name(&name) {
        return check_first(Error::Invalid {
            path: opts.dataset.join("dataset.json"),
            message: format!("the dataset's name and version make {name:?}, not a directory name"),
        });
    }
    let dir = opts.out.join(&name);
    let out_was_there = opts.out.exists();
    // Built aside and swapped into place whole (see [`fsutil::StagedDir`]): a bundle already
    // at `dir` is replaced only once the new one is complete.
    let staged = match fsutil::StagedDir::new(&dir) {
        Ok(staged) => staged,
        Err(e) => return check_first(e),
    };
    match one_pass(&stream, &check, &staged, formats, opts, progress)? {
        OnePass::Refused(report) => {
            drop(staged);
            // Leave no `--out` made for a bundle that was refused (only if empty: nothing
            // else is touched).
            if !out_was_there {
                let _ = std::fs::remove_dir(&opts.out);
            }
            // (Only `--out` itself: directories above it that the staging made are left.)
            return Ok(Outcome::Refused(report));
        }
        OnePass::NotStarted(e) => {
            drop(staged);
            return check_first(e);
        }
        OnePass::Built(files) => {
            staged.commit()?;
            return Ok(Outcome::Built(Bundle { dir, files, epoch }));
        }
        OnePass::Incomplete => drop(staged),
    }
    loop {
        let staged = fsutil::StagedDir::new(&dir)?;
        let files = bundle::write(
            &mut stream,
            &staged,
            formats,
            opts.previous.as_deref(),
            threads,
            progress,
        )?;
        if let Some(files) = files {
            staged.commit()?;
            return Ok(Outcome::Built(Bundle { dir, files, epoch }));
        }
    }
}

/// Whether `name` is one plain file name, nothing that would lead elsewhere as a path.
fn is_plain_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!(
        (parts.next(), parts.next()),
        (Some(std::path::Component::Normal(_)), None)
    ) && !name.contains(['/', '\\'])
}

/// How the one pass of check and bundle ended.
enum OnePass {
    Built(Vec<Written>),
    Refused(Box<Report>),
    /// The bundle's files could not be started; the check has not run.
    NotStarted(Error),
    /// The dataset is clean, but the check could not hand on every record in id order: the
    /// bundle must be written from a reading of its own.
    Incomplete,
}

/// Check the dataset and write its bundle into `staged` from the records the check reads.
fn one_pass(
    stream: &Stream,
    check: &engine::Options,
    staged: &fsutil::StagedDir,
    formats: Formats,
    opts: &Options,
    progress: &dyn Progress,
) -> Result<OnePass, Error> {
    let mut writer = match bundle::Writer::start(
        staged,
        stream.head().clone(),
        formats,
        opts.previous.as_deref(),
    ) {
        Ok(writer) => writer,
        Err(e) => return Ok(OnePass::NotStarted(e)),
    };
    // The stream's head is the writer's (its `created` was set before), and the stream is only
    // read here, so the workers take it from there.
    let head = stream.head();
    let buffers = writer.buffers();
    let order = stream.order();
    let mut fed = 0usize;
    let mut complete = true;
    let mut failed = None;
    let mut last: Option<String> = None;
    let report = {
        let mut take = |record: Option<(Record, bundle::Prepared)>| {
            if !complete || failed.is_some() {
                return;
            }
            let Some((r, p)) = record else {
                complete = false;
                return;
            };
            // In id order only if each id is past the last: otherwise ids are not their file
            // names (SB502 turned off), and the second reading sorts them.
            if last.as_deref().is_some_and(|l| l >= r.id.as_str()) {
                complete = false;
                return;
            }
            last = Some(r.id.clone());
            fed += 1;
            if let Err(e) = writer.add(r, p) {
                failed = Some(e);
            }
        };
        // A record the check typed without a finding is the record serde reads from its file;
        // any other is read from its file here, as the second reading would read it.
        let make = |file: usize, typed: Option<Record>| {
            let r = match typed {
                Some(r) => r,
                None => stream.read(file).ok()?,
            };
            let p = bundle::prepare(&r, head, &buffers);
            Some((r, p))
        };
        engine::check_feeding(
            stream.source(),
            check,
            progress,
            engine::Feed {
                order: &order,
                make: &make,
                take: &mut take,
            },
        )?
    };
    if report.has_errors() {
        return Ok(OnePass::Refused(Box::new(report)));
    }
    if let Some(e) = failed {
        return Err(e);
    }
    if !complete || fed != stream.len() {
        return Ok(OnePass::Incomplete);
    }
    writer.finish(progress).map(OnePass::Built)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_times_are_checked() {
        assert_eq!(parse_epoch(" 1764288000\n").unwrap(), 1_764_288_000);
        assert_eq!(
            rfc3339(parse_epoch("253402300799").unwrap()),
            "9999-12-31T23:59:59Z"
        );
        for bad in ["", "x", "1.5", "-1", "253402300800", "99999999999999999999"] {
            assert!(
                matches!(parse_epoch(bad), Err(Error::BadEpoch(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_764_288_000 + 3_723), "2025-11-28T01:02:03Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn a_release_without_the_binary_formats_is_refused_unless_asked_for() {
        let mut opts = Options::new("dataset", "dist");
        let full = formats(&opts, 10);
        if ANALYST_FORMATS {
            assert_eq!(
                full.unwrap(),
                Formats {
                    binary: true,
                    partition: false
                }
            );
            assert!(formats(&opts, PARTITION_AT).unwrap().partition);
        } else {
            assert!(matches!(full, Err(Error::FormatsNotBuilt)));
        }
        opts.text_only = true;
        assert_eq!(
            formats(&opts, PARTITION_AT).unwrap(),
            Formats {
                binary: false,
                partition: false
            }
        );
    }
}
