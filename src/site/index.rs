//! The pages made from the whole dataset once every country has passed: the index (what the
//! dataset is, its countries and topics with counts, the coverage plots, downloads, how to cite
//! it), a page per topic, the search page; and the assets every page loads.

use askama::Template;

use super::out::Output;
use super::pages::{self, IndexPage, Layout, NavLink, SearchPage, TopicPage, TopicRow};
use super::plot;
use super::stats::Stats;
use crate::error::Error;
use crate::model::Dataset;

const CSS: &str = include_str!("../../site/assets/site.css");
const JS: &str = include_str!("../../site/assets/site.js");
const ICON: &str = include_str!("../../site/assets/icon.svg");

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
pub fn write(
    ds: &Dataset,
    stats: &Stats,
    created: Option<&str>,
    release_url: Option<&str>,
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
        compiler: ds.compiler.full_name(),
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
        release_url: release_url.map(str::to_string),
        cite_dataset: format!(
            "{maintainers} ({year}). {} (version {}) [Data set]. Compiled from pages by {}.",
            ds.title,
            ds.version,
            ds.compiler.full_name()
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
