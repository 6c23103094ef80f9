//! The pages' templates (`site/templates/`, compiled in by askama) and what each is given: a
//! source as its entry shows it, a country's page, the index, a topic, the search page. Text
//! is escaped by the templates; only the rendered citations and plots arrive as HTML.

use askama::Template;

use super::cite::Citation;
use super::html;
use super::plot::Bar;
use super::words;
use crate::model::Record;

/// What every page's frame needs.
pub struct Layout {
    /// The way back to the site's root from the page (`""` or `"../"`).
    pub root: &'static str,
    pub title: String,
    pub dataset_title: String,
    pub version: String,
    pub licence: String,
    pub nav: Vec<NavLink>,
}

pub struct NavLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub href: Option<String>,
    pub datetime: Option<String>,
}

impl Fact {
    fn text(label: &'static str, value: impl Into<String>) -> Fact {
        Fact {
            label,
            value: value.into(),
            href: None,
            datetime: None,
        }
    }
}

pub struct ExcerptView {
    pub locator: Option<String>,
    pub heading: Option<String>,
    pub text: String,
}

pub struct CitationView {
    pub name: &'static str,
    pub slug: &'static str,
    pub entry_html: String,
    /// The citation beside the entry (in the text, or the note), for styles that show one.
    pub cite: Option<(&'static str, String)>,
}

/// A source as its entry on a page shows it, in the seed page's order (title, byline,
/// availability, accessed, notes, excerpts), then its facts, rights and citations.
pub struct Entry {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub series: Option<String>,
    pub markers: Vec<String>,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    pub availability: Option<String>,
    pub accessed: Vec<String>,
    pub notes: Vec<String>,
    pub excerpts: Vec<ExcerptView>,
    pub facts: Vec<Fact>,
    pub rights: String,
    pub citations: Vec<CitationView>,
    /// The source's downloads from the site's root, without their extension.
    pub downloads: String,
}

impl Entry {
    pub fn new(r: &Record, citations: &[Citation]) -> Entry {
        let urls = r.urls.as_ref();
        let original = urls
            .and_then(|u| u.original.as_deref())
            .and_then(html::link)
            .map(str::to_string);
        let mut markers = Vec::new();
        if let Some(f) = &r.format {
            markers.push(words::format(f));
        }
        if let Some(l) = &r.language {
            markers.push(words::language(l).to_uppercase());
        }
        let mut facts = Vec::new();
        if let Some(p) = &r.publisher {
            let mut name = p.full_name();
            if let Some(a) = &p.abbreviation {
                name.push_str(&format!(" ({a})"));
            }
            facts.push(Fact::text("Publisher", name));
        }
        if !r.authors().is_empty() {
            let names: Vec<String> = r
                .authors()
                .iter()
                .map(crate::model::Person::full_name)
                .collect();
            facts.push(Fact::text("Authors", names.join("; ")));
        }
        match &r.published {
            Some(p) => facts.push(Fact {
                label: "Published",
                value: p
                    .as_printed
                    .clone()
                    .unwrap_or_else(|| words::long_date(&p.date)),
                href: None,
                datetime: Some(p.date.to_string()),
            }),
            None => facts.push(Fact::text("Published", "no date given")),
        }
        if let Some(p) = &r.place {
            facts.push(Fact::text("Dateline", p.clone()));
        }
        if let Some(e) = &r.edition {
            facts.push(Fact::text("Edition", e.clone()));
        }
        if let Some(f) = &r.format {
            facts.push(Fact::text("Format", words::format(f)));
        }
        if let Some(l) = &r.language {
            facts.push(Fact::text("Language", words::language(l)));
        }
        for i in r.identifiers.iter().flatten() {
            facts.push(Fact::text(words::identifier(i.kind), i.value.clone()));
        }
        for (label, u) in [
            ("Original", urls.and_then(|u| u.original.clone())),
            ("Archived copy", urls.and_then(|u| u.archived.clone())),
        ] {
            if let Some(u) = u {
                facts.push(Fact {
                    label,
                    href: html::link(&u).map(str::to_string),
                    value: u,
                    datetime: None,
                });
            }
        }
        let mut notes = r.notes.clone().unwrap_or_default();
        notes.extend(r.cross_references.iter().flatten().cloned());
        Entry {
            id: r.id.clone(),
            title: r.title.clone(),
            url: original,
            series: r.series.clone(),
            markers,
            subtitle: r.subtitle.clone(),
            byline: r.byline.clone(),
            availability: r.availability.clone(),
            accessed: r.accessed().iter().map(words::long_date).collect(),
            notes,
            excerpts: r
                .excerpts()
                .iter()
                .map(|x| ExcerptView {
                    locator: x.locator.clone(),
                    heading: x.heading.clone(),
                    text: x.text.clone(),
                })
                .collect(),
            facts,
            rights: words::rights(&r.rights),
            citations: citations
                .iter()
                .map(|c| CitationView {
                    name: c.style.name(),
                    slug: c.style.slug(),
                    entry_html: c.entry.html.clone(),
                    cite: c.style.cite_label().map(|l| (l, c.cite.html.clone())),
                })
                .collect(),
            downloads: format!("cite/{}/{}", r.country.to_ascii_lowercase(), r.id),
        }
    }
}

pub struct ProfileView {
    pub paragraphs: Vec<String>,
    pub attribution: String,
    pub rights: String,
}

pub struct HelplineView {
    pub organisation: String,
    pub number: String,
    pub calling_code: String,
    pub tel: String,
}

/// A part of a country's page: the featured sources, the archives, or sources the page does
/// not place.
pub struct Section<'a> {
    pub class: &'static str,
    pub heading: &'static str,
    pub entries: Vec<&'a Entry>,
}

/// A country's page for one topic, in the order and parts of the seed page.
#[derive(Template)]
#[template(path = "page.html")]
pub struct CountryPage<'a> {
    pub layout: Layout,
    pub topic_name: String,
    pub coverage: Option<String>,
    pub heading: String,
    pub profile: Option<ProfileView>,
    pub caution: String,
    pub term_paper: Vec<String>,
    pub helplines: Vec<HelplineView>,
    pub sections: Vec<Section<'a>>,
    pub fair_use: String,
    /// The page's own form for citing it, for a page the compiler made.
    pub cite_page: Option<String>,
    /// The page's downloads, relative to the page, without their extension.
    pub downloads: String,
}

/// A country's page in one topic, as the index and the topic page link to it.
#[derive(Clone)]
pub struct PageLink {
    pub href: String,
    pub title: String,
    pub count: usize,
}

pub struct CountryRow {
    pub name: String,
    pub cells: Vec<Option<PageLink>>,
}

pub struct TopicRow {
    pub name: String,
    pub href: String,
    pub count: u64,
    pub countries: usize,
}

#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage {
    pub layout: Layout,
    pub title: String,
    pub description: Option<String>,
    pub created: Option<String>,
    pub coverage: String,
    pub compiler: String,
    pub maintainers: String,
    pub records: u64,
    pub countries: Vec<CountryRow>,
    pub topics: Vec<TopicRow>,
    pub years_svg: String,
    pub topics_svg: String,
    pub years: Vec<Bar>,
    pub undated: u64,
    pub release_url: Option<String>,
    pub cite_dataset: String,
}

#[derive(Template)]
#[template(path = "topic.html")]
pub struct TopicPage {
    pub layout: Layout,
    pub name: String,
    pub count: u64,
    pub pages: Vec<PageLink>,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub layout: Layout,
}
