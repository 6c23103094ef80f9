//! One country's part of the site: its sources rendered once (citations on every core), a page
//! for each topic it has sources in, every source's downloads, and what the index, the search
//! and the feed keep of it.

use std::collections::HashSet;

use askama::Template;

use super::cite::{self, Citation, Styles};
use super::export;
use super::feed::{Added, Feed};
use super::out::Output;
use super::pages::{
    CountryPage, Entry, HelplineView, Layout, NavLink, PageLink, ProfileView, Section,
};
use super::read::CountryData;
use super::search::{Doc, Index};
use super::stats::Stats;
use super::words;
use crate::error::Error;
use crate::model::{Dataset, Record, Section as Placed};
use crate::release::csl;

/// What every country's pages share.
pub struct AllPages<'a> {
    pub ds: &'a Dataset,
    pub styles: &'a Styles,
    /// The ids of the previous release, when given: the feed lists the sources not in it.
    pub previous: Option<&'a HashSet<String>>,
    pub workers: usize,
}

/// What the whole site gathers as countries pass.
pub struct Gathered<'a> {
    pub out: &'a mut Output,
    pub index: &'a mut Index,
    pub feed: &'a mut Feed,
    pub stats: &'a mut Stats,
}

/// Every source of a country in every style, on `workers` threads, in the records' order.
fn citations(styles: &Styles, records: &[Record], workers: usize) -> Vec<Vec<Citation>> {
    let per = records.len().div_ceil(workers.max(1)).max(1);
    std::thread::scope(|s| {
        let parts: Vec<_> = records
            .chunks(per)
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|r| styles.render(&cite::item(r)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("rendering a citation does not panic"))
            .collect()
    })
}

/// The page order: featured sources, then the archives, each by position; then sources the
/// page does not place, newest first.
fn sections<'e>(records: &[&Record], entries: &[&'e Entry]) -> Vec<Section<'e>> {
    let mut featured = Vec::new();
    let mut archive = Vec::new();
    let mut other = Vec::new();
    for (r, e) in records.iter().zip(entries) {
        match r.placement {
            Some(p) if p.section == Placed::Featured => featured.push((p.position, *e)),
            Some(p) => archive.push((p.position, *e)),
            None => other.push((
                r.published.as_ref().map(|p| {
                    (
                        p.date.year,
                        p.date.month.unwrap_or(0),
                        p.date.day.unwrap_or(0),
                    )
                }),
                *e,
            )),
        }
    }
    featured.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    archive.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    other.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let mut out = Vec::new();
    for (class, heading, list) in [
        (
            "featured",
            "Featured",
            featured.into_iter().map(|x| x.1).collect::<Vec<_>>(),
        ),
        (
            "archives",
            "Archives",
            archive.into_iter().map(|x| x.1).collect(),
        ),
        (
            "more",
            "More sources",
            other.into_iter().map(|x| x.1).collect(),
        ),
    ] {
        if !list.is_empty() {
            out.push(Section {
                class,
                heading,
                entries: list,
            });
        }
    }
    out
}

/// The layout of a page one directory below the root.
pub fn layout(ds: &Dataset, title: String, nav: Vec<NavLink>) -> Layout {
    Layout {
        root: "../",
        title,
        dataset_title: ds.title.clone(),
        version: ds.version.clone(),
        licence: ds.licence.clone(),
        nav,
    }
}

/// Write a country's pages and downloads, and gather what the rest of the site needs.
pub fn build(sh: &AllPages<'_>, data: &CountryData, g: &mut Gathered<'_>) -> Result<(), Error> {
    let ds = sh.ds;
    let c = &data.country;
    let cc = c.code.to_ascii_lowercase();
    let cites = citations(sh.styles, &data.records, sh.workers);
    let entries: Vec<Entry> = data
        .records
        .iter()
        .zip(&cites)
        .map(|(r, cs)| Entry::new(r, cs))
        .collect();
    // The topics this country has pages in, in the vocabulary's order.
    let topics: Vec<_> = ds
        .topics
        .iter()
        .filter(|t| data.records.iter().any(|r| r.topics.contains(&t.id)))
        .collect();
    for r in &data.records {
        let stem = format!("cite/{cc}/{}", r.id);
        g.out
            .write(&format!("{stem}.bib"), export::bibtex(r).as_bytes())?;
        g.out
            .write(&format!("{stem}.ris"), export::ris(r).as_bytes())?;
        let json = serde_json::to_vec_pretty(&[csl::item(r, &c.name)]).expect("JSON serialises");
        g.out.write(&format!("{stem}.json"), &json)?;
        let home = topics
            .iter()
            .find(|t| r.topics.contains(&t.id))
            .map_or(String::new(), |t| format!("{cc}/{}.html#{}", t.id, r.id));
        let line = source_line(r);
        g.index.add(
            Doc {
                url: home.clone(),
                title: r.title.clone(),
                line: line.clone(),
                country: c.name.clone(),
            },
            std::iter::once(r.title.as_str())
                .chain(r.subtitle.as_deref())
                .chain(r.series.as_deref())
                .chain(r.publisher.iter().flat_map(|p| {
                    std::iter::once(p.name.as_str())
                        .chain(p.units.iter().flatten().map(String::as_str))
                        .chain(p.abbreviation.as_deref())
                }))
                .chain(r.authors().iter().map(|p| p.family.as_str()))
                .chain(
                    r.excerpts()
                        .iter()
                        .flat_map(|x| x.heading.as_deref().into_iter().chain([x.text.as_str()])),
                ),
            g.out,
        )?;
        if sh.previous.is_none_or(|p| !p.contains(&r.id)) {
            g.feed.push(Added {
                id: r.id.clone(),
                title: r.title.clone(),
                url: home,
                summary: format!("{line}. {}.", c.name),
                published: r.published.as_ref().map(|p| p.date),
                topics: ds
                    .topics
                    .iter()
                    .filter(|t| r.topics.contains(&t.id))
                    .map(|t| (t.id.clone(), t.name.clone()))
                    .collect(),
            });
        }
        g.stats.record(r);
    }
    let mut row = Vec::new();
    for t in &ds.topics {
        let on: Vec<usize> = (0..data.records.len())
            .filter(|&i| data.records[i].topics.contains(&t.id))
            .collect();
        if on.is_empty() {
            row.push(None);
            continue;
        }
        let known = c.pages.iter().flatten().find(|p| p.topic == t.id);
        let title = known.map_or_else(|| format!("{} - {}", t.name, c.name), |p| p.title.clone());
        let nav = ds
            .topics
            .iter()
            .map(|o| NavLink {
                href: if topics.iter().any(|x| x.id == o.id) {
                    format!("{}.html", o.id)
                } else {
                    format!("../topics/{}.html", o.id)
                },
                label: o.name.clone(),
                current: o.id == t.id,
            })
            .collect();
        let records: Vec<&Record> = on.iter().map(|&i| &data.records[i]).collect();
        let page_entries: Vec<&Entry> = on.iter().map(|&i| &entries[i]).collect();
        let page = CountryPage {
            layout: layout(ds, title.clone(), nav),
            topic_name: t.name.clone(),
            coverage: Some(
                ds.coverage
                    .as_printed
                    .clone()
                    .unwrap_or_else(|| format!("{} to {}", ds.coverage.start, ds.coverage.end)),
            ),
            heading: c.official_name.clone().unwrap_or_else(|| c.name.clone()),
            profile: c.profile.as_ref().map(|p| ProfileView {
                paragraphs: p.paragraphs.clone(),
                attribution: p.source.attribution.clone(),
                rights: words::rights(&p.rights),
            }),
            caution: ds.notices.caution.replace("{country}", &c.name),
            term_paper: ds.notices.term_paper.clone().unwrap_or_default(),
            helplines: c
                .helplines
                .iter()
                .flatten()
                .map(|h| HelplineView {
                    organisation: h.organisation.clone(),
                    number: h.number.clone(),
                    calling_code: h.calling_code.clone(),
                    tel: crate::release::columns::tel(h),
                })
                .collect(),
            sections: sections(&records, &page_entries),
            fair_use: ds.notices.fair_use.clone(),
            // Only a page the compiler made has a form of its own to cite it by.
            cite_page: known.map(|p| ds.citation.page_template.replace("{page_title}", &p.title)),
            downloads: t.id.clone(),
        };
        let html = page.render().expect("templates render");
        g.out
            .write(&format!("{cc}/{}.html", t.id), html.as_bytes())?;
        let mut bib = String::new();
        let mut ris = String::new();
        let mut items = Vec::new();
        for r in &records {
            bib.push_str(&export::bibtex(r));
            bib.push('\n');
            ris.push_str(&export::ris(r));
            items.push(csl::item(r, &c.name));
        }
        g.out.write(&format!("{cc}/{}.bib", t.id), bib.as_bytes())?;
        g.out.write(&format!("{cc}/{}.ris", t.id), ris.as_bytes())?;
        let json = serde_json::to_vec_pretty(&items).expect("JSON serialises");
        g.out.write(&format!("{cc}/{}.json", t.id), &json)?;
        let link = PageLink {
            href: format!("{cc}/{}.html", t.id),
            title,
            count: records.len(),
        };
        g.stats.page(&t.id, link.clone());
        row.push(Some(link));
    }
    g.stats.country(c.name.clone(), row);
    Ok(())
}

/// A source in one line for results and the feed: its publisher and date as printed.
fn source_line(r: &Record) -> String {
    let who = r.publisher.as_ref().map(|p| p.name.clone());
    let when = r.published.as_ref().map(|p| {
        p.as_printed
            .clone()
            .unwrap_or_else(|| words::long_date(&p.date))
    });
    match (who, when) {
        (Some(w), Some(d)) => format!("{w}, {d}"),
        (Some(w), None) => format!("{w}, no date"),
        (None, Some(d)) => d,
        (None, None) => "no publisher or date given".to_string(),
    }
}
