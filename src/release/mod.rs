//! `sourcebook release`: build the versioned bundle analysts download, reproducibly (no clock,
//! sorted records, fixed formatting) and atomically (built aside, then moved into place).

pub mod csl;
pub mod csv;
pub mod datapackage;
mod part;

pub use part::{Part, sha256_hex};

use std::path::{Path, PathBuf};

use crate::diag::Report;
use crate::diff;
use crate::engine;
use crate::error::Error;
use crate::fsutil;
use crate::schema;
use crate::snapshot::{self, Snapshot};

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
}

/// A built bundle: where it is and its files with their SHA-256.
#[derive(Debug)]
pub struct Bundle {
    pub dir: PathBuf,
    pub files: Vec<(String, String)>,
}

/// `docs/release.md`: the files of a release and the columns of `records.csv`, generated.
pub fn reference_markdown() -> String {
    let mut s = String::from(
        "# Release files\n\n<!-- Generated from src/release; do not edit by hand. -->\n\n\
         `sourcebook release` writes `dist/<name>-<version>/`:\n\n\
         | File | What it holds |\n|---|---|\n\
         | `<name>-<version>.json` | One document: `schema_version`, `name`, `version`, `created` (when known), the dataset metadata (`dataset`), the countries sorted by code and the records sorted by id. |\n\
         | `records.ndjson` | One record per line, exactly as in the dataset (DuckDB, pandas, Spark and BigQuery read it directly). |\n\
         | `records.csv` | One row per record in the flat columns below (UTF-8, comma-separated, LF line ends, a header row). |\n\
         | `records.csl.json` | CSL-JSON for citation managers (Zotero, citeproc-js, pandoc, hayagriva), mapped for what styles print: a news agency's or newspaper's name as the periodical (`container-title`), an edition only when the title does not already print it (a year never as \"2005th ed.\"), a meeting session with its body in `publisher`; dates as `date-parts` at their precision, the latest accessed date, the address; the rest in `custom` and a one-line `note`. The site renders its citations from the same fields. |\n\
         | `datapackage.json` | A Frictionless Data Package: every file with its size and `sha256:` hash, the licence, and the Table Schema of the CSV. |\n\
         | `schema/*.schema.json` | The JSON Schemas the release was validated against. |\n\
         | `CHANGES.md`, `changes.json` | With `--previous OLD`: what changed since that release. |\n\
         | `SHA256SUMS` | `<sha256>  <path>` for every other file, sorted by path (`sha256sum -c SHA256SUMS`). |\n\n\
         Two builds of the same commit are byte-identical: `created` comes from `SOURCE_DATE_EPOCH`, or the time of the last commit, never the clock.\n\n\
         ## Columns of records.csv\n\n\
         Lists are joined with `\"; \"`; excerpts and notes, which have semicolons of their own, with a blank line. \
         A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a line break) is \
         prefixed with an apostrophe; strip one leading apostrophe from such cells to get the data exactly.\n\n\
         | Column | Type | Description |\n|---|---|---|\n",
    );
    for c in csv::COLUMNS {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.name,
            c.kind.as_str(),
            c.description.replace('|', "\\|")
        ));
    }
    s
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

/// Every file of the bundle, in memory, sorted by path; `SHA256SUMS` last.
pub fn files(data: &Snapshot, previous: Option<&Snapshot>) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut doc = serde_json::to_vec_pretty(data).expect("the dataset serialises");
    doc.push(b'\n');
    parts.push(Part::new(
        format!("{}-{}.json", data.name, data.version),
        doc,
    ));
    let mut ndjson = Vec::new();
    for r in &data.records {
        serde_json::to_writer(&mut ndjson, r).expect("records serialise");
        ndjson.push(b'\n');
    }
    parts.push(Part::new("records.ndjson", ndjson));
    parts.push(Part::new("records.csv", csv::write(data)));
    parts.push(Part::new("records.csl.json", csl::write(data)));
    for (name, text) in schema::files() {
        parts.push(Part::new(
            format!("schema/{name}"),
            text.as_bytes().to_vec(),
        ));
    }
    if let Some(prev) = previous {
        let changes = diff::diff(prev, data);
        parts.push(Part::new(
            "CHANGES.md",
            diff::markdown(&changes).into_bytes(),
        ));
        let mut json = serde_json::to_vec_pretty(&changes).expect("changes serialise");
        json.push(b'\n');
        parts.push(Part::new("changes.json", json));
    }
    parts.sort_by(|a, b| a.path.cmp(&b.path));
    let mut dp =
        serde_json::to_vec_pretty(&datapackage::descriptor(data, &parts)).expect("JSON serialises");
    dp.push(b'\n');
    parts.push(Part::new("datapackage.json", dp));
    parts.sort_by(|a, b| a.path.cmp(&b.path));
    let sums: String = parts
        .iter()
        .map(|p| format!("{}  {}\n", p.sha256, p.path))
        .collect();
    parts.push(Part::new("SHA256SUMS", sums.into_bytes()));
    parts
}

/// What `build` did.
#[derive(Debug)]
pub enum Outcome {
    /// The bundle was built and moved into place.
    Built(Bundle),
    /// The dataset has errors, so nothing was built; the check that found them, to show why.
    Refused(Box<Report>),
}

/// Check the dataset, then, if it is clean, build its bundle under `opts.out`.
pub fn build(opts: &Options) -> Result<Outcome, Error> {
    let report = engine::check(&engine::Options::new(&opts.dataset))?;
    if report.has_errors() {
        return Ok(Outcome::Refused(Box::new(report)));
    }
    let mut data = snapshot::read_dataset(&opts.dataset)?;
    data.created = opts
        .epoch
        .or_else(|| last_commit_epoch(&opts.dataset))
        .map(rfc3339);
    let previous = opts
        .previous
        .as_deref()
        .map(snapshot::read_any)
        .transpose()?;
    let files = files(&data, previous.as_ref());
    let dir = opts.out.join(format!("{}-{}", data.name, data.version));
    install(&dir, &files)?;
    Ok(Outcome::Built(Bundle {
        dir,
        files: files.into_iter().map(|p| (p.path, p.sha256)).collect(),
    }))
}

/// Write the files into a fresh directory beside `dir`, then swap it into place; a bundle
/// already at `dir` is replaced only once the new one is complete (see [`fsutil::StagedDir`]).
fn install(dir: &Path, files: &[Part]) -> Result<(), Error> {
    let staged = fsutil::StagedDir::new(dir)?;
    for part in files {
        staged.write(&part.path, &part.bytes)?;
    }
    staged.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

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
    fn a_failed_install_leaves_the_earlier_bundle_and_no_debris() {
        let out = tempfile::tempdir().unwrap();
        let dir = out.path().join("sourcebook-0.1.0");
        install(&dir, &[Part::new("a.json", b"old".to_vec())]).unwrap();
        // "x" is written as a file, then needed as a directory: the build fails midway.
        let broken = [
            Part::new("x", b"1".to_vec()),
            Part::new("x/y.json", b"2".to_vec()),
        ];
        assert!(install(&dir, &broken).is_err());
        assert_eq!(fs::read_to_string(dir.join("a.json")).unwrap(), "old");
        let names: Vec<_> = fs::read_dir(out.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["sourcebook-0.1.0"]);
        // A complete build replaces it.
        install(&dir, &[Part::new("b.json", b"new".to_vec())]).unwrap();
        assert!(!dir.join("a.json").exists());
        assert_eq!(fs::read_to_string(dir.join("b.json")).unwrap(), "new");
    }
}
