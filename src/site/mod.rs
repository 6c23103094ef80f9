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
use std::path::{Path, PathBuf};

use askama::Template;
use serde_json::json;

use crate::diag::Report;
use crate::engine;
use crate::error::Error;
use crate::model::Dataset;
use crate::release::rfc3339;
use crate::snapshot;

use country::{Gathered, Shared};
use out::Output;
use pages::{IndexPage, Layout, NavLink, SearchPage, TopicPage, TopicRow};
use stats::Stats;

const CSS: &str = include_str!("../../site/assets/site.css");
const JS: &str = include_str!("../../site/assets/site.js");
const ICON: &str = include_str!("../../site/assets/icon.svg");

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

/// The time of the last commit touching the dataset, if git knows it.
fn last_commit_epoch(dataset: &Path) -> Option<i64> {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dataset)
        .args(["log", "-1", "--format=%ct"])
        .output()
        .ok()?;
    out.status.success().then_some(())?;
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
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
    let shared = Shared {
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
    out.write(
        "feed.xml",
        feed.xml(&ds, &updated, opts.base_url.as_deref()).as_bytes(),
    )?;
    let pages = stats
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .count();
    finish(&ds, &stats, created.as_deref(), opts, &mut out)?;
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

fn top_layout(ds: &Dataset, title: String, current: Option<&str>) -> Layout {
    Layout {
        root: "",
        title,
        dataset_title: ds.title.clone(),
        version: ds.version.clone(),
        licence: ds.licence.clone(),
        nav: ds
            .topics
            .iter()
            .map(|t| NavLink {
                href: format!("topics/{}.html", t.id),
                label: t.name.clone(),
                current: current == Some(t.id.as_str()),
            })
            .collect(),
    }
}

/// The pages made from the whole dataset: the index, the topics, the search page; the plots
/// and the assets.
fn finish(
    ds: &Dataset,
    stats: &Stats,
    created: Option<&str>,
    opts: &Options,
    out: &mut Output,
) -> Result<(), Error> {
    let years = stats.year_bars(ds);
    let topic_bars = stats.topic_bars(ds);
    let busiest = years
        .iter()
        .max_by(|a, b| a.count.cmp(&b.count).then(b.label.cmp(&a.label)));
    let years_desc = match busiest {
        Some(b) if b.count > 0 => format!(
            "{} records from {} to {}; the most, {}, in {}.",
            stats.records,
            years.first().map_or("", |b| b.label.as_str()),
            years
                .iter()
                .rfind(|b| b.label != "n.d.")
                .map_or("", |b| b.label.as_str()),
            b.count,
            b.label
        ),
        _ => "No records.".to_string(),
    };
    let topics_desc = topic_bars
        .iter()
        .map(|b| format!("{}: {}", b.label, b.count))
        .collect::<Vec<_>>()
        .join("; ");
    let years_svg = plot::columns(
        "years",
        "Source records by year of publication",
        &years_desc,
        &years,
        5,
    );
    let topics_svg = plot::rows(
        "topics",
        "Source records by topic",
        &topics_desc,
        &topic_bars,
    );
    out.write("plots/years.svg", years_svg.as_bytes())?;
    out.write("plots/topics.svg", topics_svg.as_bytes())?;
    let person = |p: &crate::model::Person| {
        [
            p.honorific.as_deref(),
            p.given.as_deref(),
            Some(p.family.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    };
    let maintainers = ds
        .maintainers
        .iter()
        .map(|m| m.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let year = created.map_or("n.d.", |c| &c[..4]);
    let index = IndexPage {
        layout: top_layout(ds, ds.title.clone(), None),
        title: ds.title.clone(),
        description: ds.description.clone(),
        created: created.map(|c| c[..10].to_string()),
        coverage: ds
            .coverage
            .as_printed
            .clone()
            .unwrap_or_else(|| format!("{} to {}", ds.coverage.start, ds.coverage.end)),
        compiler: person(&ds.compiler),
        maintainers: maintainers.clone(),
        records: stats.records,
        countries: stats
            .rows
            .iter()
            .map(|r| pages::CountryRow {
                name: r.name.clone(),
                cells: r.cells.clone(),
            })
            .collect(),
        topics: ds
            .topics
            .iter()
            .map(|t| TopicRow {
                name: t.name.clone(),
                href: format!("topics/{}.html", t.id),
                count: stats.topic_count(&t.id),
                countries: stats.topic_pages.get(&t.id).map_or(0, Vec::len),
            })
            .collect(),
        years_svg,
        topics_svg,
        years,
        undated: stats.undated,
        release_url: opts.release_url.clone(),
        cite_dataset: format!(
            "{maintainers} ({year}). {} (version {}) [Data set]. Compiled from pages by {}.",
            ds.title,
            ds.version,
            person(&ds.compiler)
        ),
    };
    out.write(
        "index.html",
        index.render().expect("templates render").as_bytes(),
    )?;
    for t in &ds.topics {
        let mut layout = top_layout(ds, t.name.clone(), Some(&t.id));
        layout.root = "../";
        for n in &mut layout.nav {
            n.href = format!("../{}", n.href);
        }
        let page = TopicPage {
            layout,
            name: t.name.clone(),
            count: stats.topic_count(&t.id),
            pages: stats
                .topic_pages
                .get(&t.id)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut p| {
                    p.href = format!("../{}", p.href);
                    p
                })
                .collect(),
        };
        out.write(
            &format!("topics/{}.html", t.id),
            page.render().expect("templates render").as_bytes(),
        )?;
    }
    let search = SearchPage {
        layout: top_layout(ds, "Search".to_string(), None),
    };
    out.write(
        "search.html",
        search.render().expect("templates render").as_bytes(),
    )?;
    out.write("assets/site.css", CSS.as_bytes())?;
    out.write("assets/site.js", JS.as_bytes())?;
    out.write("assets/icon.svg", ICON.as_bytes())?;
    Ok(())
}
