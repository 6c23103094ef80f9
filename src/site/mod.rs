//! `sourcebook site`: the dataset as a static site people read and cite. An index (what the
//! dataset is, its countries and topics with counts, coverage plots, downloads), one page per
//! country and topic in the order and parts of the seed page, every source with its citations
//! in four styles (rendered by hayagriva from the release's CSL mapping) and its downloads, a
//! search that runs on prebuilt static files, and an Atom feed of the sources a release added.
//!
//! Like `release`, it checks the dataset first and builds nothing from one with errors. The
//! site is deterministic (no clock: the release time comes from `SOURCE_DATE_EPOCH` or the last
//! commit), reads the dataset one country at a time, and is written aside and moved into place.
//! The pages make no request outside the site (their Content-Security-Policy says so too) and
//! read without JavaScript; only search and the copy buttons need it.

mod cite;
mod country;
mod export;
mod feed;
mod html;
mod index;
mod out;
mod pages;
mod plot;
mod read;
mod search;
mod stats;
mod words;

pub use cite::{Citation, Style, Styles, Text};
pub use export::{bibtex, ris};
pub use out::MANIFEST;
pub use search::words as search_words;

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::json;

use crate::diag::Report;
use crate::engine;
use crate::error::Error;
use crate::release::{last_commit_epoch, rfc3339};
use crate::snapshot;

use country::{AllPages, Gathered};
use out::Output;
use stats::Stats;

/// What to build from, and where.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub dataset: PathBuf,
    /// The site's directory (replaced whole; only ever a directory this command wrote).
    pub out: PathBuf,
    /// An earlier release or dataset: the feed lists the sources added since.
    pub previous: Option<PathBuf>,
    /// The release time in seconds since 1970 (`SOURCE_DATE_EPOCH`); when `None`, the time of
    /// the dataset's last commit, if it is in a git repository.
    pub epoch: Option<i64>,
    /// The address the site is served from (ending in `/`), for the feed's absolute links.
    pub base_url: Option<String>,
    /// Where the release's files can be downloaded, for the index to link to.
    pub release_url: Option<String>,
    /// Threads to render citations on; `None` for one per core.
    pub threads: Option<usize>,
}

/// A built site.
#[derive(Debug)]
pub struct Site {
    pub dir: PathBuf,
    pub records: u64,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
}

/// What `build` did.
#[derive(Debug)]
pub enum Outcome {
    Built(Site),
    /// The dataset has errors, so nothing was built; the check that found them.
    Refused(Box<Report>),
}

/// Check the dataset, then, if it is clean, build its site at `opts.out`.
pub fn build(opts: &Options) -> Result<Outcome, Error> {
    let report = engine::check(&engine::Options::new(&opts.dataset))?;
    if report.has_errors() {
        return Ok(Outcome::Refused(Box::new(report)));
    }
    let previous: Option<HashSet<String>> = match &opts.previous {
        Some(p) => Some(
            snapshot::read_any(p)?
                .records
                .into_iter()
                .map(|r| r.id)
                .collect(),
        ),
        None => None,
    };
    let reader = read::Reader::open(&opts.dataset)?;
    let ds = reader.dataset().clone();
    let created = opts
        .epoch
        .or_else(|| last_commit_epoch(&opts.dataset))
        .map(rfc3339);
    let mut out = Output::create(&opts.out)?;
    let styles = Styles::new();
    let shared = AllPages {
        ds: &ds,
        styles: &styles,
        previous: previous.as_ref(),
        workers: opts.threads.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        }),
    };
    let mut index = search::Index::default();
    let mut feed = feed::Feed::default();
    let mut stats = Stats::default();
    let mut latest_access = None;
    for n in 0..reader.country_count() {
        let data = reader.country(n)?;
        for r in &data.records {
            for a in r.accessed() {
                if latest_access.is_none_or(|l: crate::model::PartialDate| a.cmp_coarse(&l).is_gt())
                {
                    latest_access = Some(*a);
                }
            }
        }
        let mut g = Gathered {
            out: &mut out,
            index: &mut index,
            feed: &mut feed,
            stats: &mut stats,
        };
        country::build(&shared, &data, &mut g)?;
    }
    // Atom needs a time for the feed: the release's, else the day of the latest access (a
    // date the data holds, never the clock).
    let updated = created.clone().unwrap_or_else(|| match latest_access {
        Some(d) => format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            d.year,
            d.month.unwrap_or(1),
            d.day.unwrap_or(1)
        ),
        None => format!("{:04}-01-01T00:00:00Z", ds.coverage.end),
    });
    index.finish(&mut out)?;
    // The feed joins page paths to the address: it must end with a slash.
    let base = opts.base_url.as_ref().map(|b| {
        if b.ends_with('/') {
            b.clone()
        } else {
            format!("{b}/")
        }
    });
    out.write(
        "feed.xml",
        feed.xml(&ds, &updated, base.as_deref()).as_bytes(),
    )?;
    let pages = stats
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .count();
    index::write(
        &ds,
        &stats,
        created.as_deref(),
        opts.release_url.as_deref(),
        &mut out,
    )?;
    let manifest = json!({
        "name": ds.name,
        "version": ds.version,
        "created": created,
        "records": stats.records,
        "pages": pages,
    });
    out.write(MANIFEST, format!("{manifest:#}\n").as_bytes())?;
    let (files, bytes) = out.written();
    let dir = out.finish()?;
    Ok(Outcome::Built(Site {
        dir,
        records: stats.records,
        pages,
        files,
        bytes,
    }))
}
