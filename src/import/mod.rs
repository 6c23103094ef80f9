//! `sourcebook import`: turn a compiled country page in the seed's plain-text layout into a
//! country file and one record per source, in canonical form, losing nothing: every line of
//! the page lands in a field, or is reported with its number.

pub mod byline;
pub mod excerpt;
pub mod page;
pub mod rights;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diag::Diagnostic;
use crate::diff;
use crate::error::Error;
use crate::fmt;
use crate::fsutil::{self, Existing};
use crate::layout::{self, Kind};
use crate::load::{self, Limits};
use crate::model::{
    self, Country, Dataset, Excerpt, Helpline, Page as PagePart, Placement, Profile, ProfileSource,
    Published, Record, derive_id,
};
use crate::reference::placeholder::placeholder;
use crate::reference::{countries, numbering};
use crate::scaffold;

/// A file the import produces.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// Path relative to the dataset directory.
    pub rel: String,
    pub kind: Kind,
    /// The file's canonical text.
    pub text: String,
}

/// A field the page cannot fill and a person must.
#[derive(Clone, Debug, PartialEq)]
pub struct Needs {
    pub rel: String,
    pub field: String,
    pub why: String,
}

/// A line of the page that landed in no field, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Unplaced {
    pub line: usize,
    pub text: String,
    pub why: String,
}

/// What an import yields.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub topic: String,
    pub files: Vec<Output>,
    pub needs: Vec<Needs>,
    pub unplaced: Vec<Unplaced>,
    pub featured: usize,
    pub archived: usize,
}

/// Markers pages print after titles: document formats and languages.
fn marker(m: &str) -> Option<(&'static str, &'static str)> {
    Some(match m {
        "PDF" => ("format", "pdf"),
        "DOC" => ("format", "doc"),
        "DOCX" => ("format", "docx"),
        "RTF" => ("format", "rtf"),
        "HTML" => ("format", "html"),
        "SPANISH" => ("language", "es"),
        "ENGLISH" => ("language", "en"),
        "FRENCH" => ("language", "fr"),
        "PORTUGUESE" => ("language", "pt"),
        _ => return None,
    })
}

/// Strip the markers from a title line: the title, its format and its language.
pub fn title_and_markers(line: &str) -> (String, Option<String>, Option<String>) {
    let mut title = line.trim().to_string();
    let (mut format, mut language) = (None, None);
    while let Some(open) = title.rfind(" [").filter(|_| title.ends_with(']')) {
        let Some((field, value)) = marker(&title[open + 2..title.len() - 1]) else {
            break;
        };
        match field {
            "format" => format = Some(value.to_string()),
            _ => language = Some(value.to_string()),
        }
        title.truncate(open);
    }
    (title, format, language)
}

/// A record from a source block. `name` is the country's short name, for datelines.
fn record(
    block: &page::Block,
    country: &str,
    name: &str,
    topic: &str,
    taken: &mut BTreeSet<String>,
    imported: &mut Imported,
) -> Output {
    let (full_title, format, language) = title_and_markers(&block.title_line.text);
    let (series, title) = match full_title.split_once(" » ") {
        Some((s, t)) => (Some(s.to_string()), t.to_string()),
        None => (None, full_title),
    };
    let edition = series.as_ref().and_then(|_| {
        let y = title.split(' ').next()?;
        (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit())).then(|| y.to_string())
    });
    let by = block
        .byline
        .as_ref()
        .map(|l| byline::parse(&l.text, name))
        .unwrap_or_default();
    let publisher = by.publisher.clone();
    let published = by.date.as_ref().map(|(d, p)| Published {
        date: *d,
        as_printed: Some(p.clone()),
    });
    let id = derive_id(
        country,
        published.as_ref().map(|p| p.date.year),
        publisher.as_ref().map(|p| p.name.as_str()),
        &title,
        taken,
    );
    taken.insert(id.clone());
    let (cross_references, notes): (Vec<String>, Vec<String>) = block
        .notes
        .iter()
        .cloned()
        .partition(|n| n.starts_with("Also check out"));
    let excerpts: Vec<Excerpt> = block.excerpts.clone();
    let known = publisher.as_ref().and_then(rights::known);
    let mut r = Record {
        id: id.clone(),
        country: country.to_string(),
        topics: vec![topic.to_string()],
        placement: block.section.map(|section| Placement {
            section,
            position: block.position,
        }),
        title,
        subtitle: block.subtitle.clone(),
        series,
        edition,
        authors: (!by.authors.is_empty()).then_some(by.authors.clone()),
        publisher,
        place: by.place.clone(),
        identifiers: (!by.identifiers.is_empty()).then_some(by.identifiers.clone()),
        published,
        byline: block.byline.as_ref().map(|l| l.text.clone()),
        accessed: (!block.accessed.is_empty()).then_some(block.accessed.clone()),
        format,
        language,
        urls: None,
        availability: block.availability.clone(),
        excerpts: (!excerpts.is_empty()).then_some(excerpts),
        notes: (!notes.is_empty()).then_some(notes),
        cross_references: (!cross_references.is_empty()).then_some(cross_references),
        rights: rights::rights(known.as_ref(), 0),
        maintainer_notes: None,
    };
    r.rights.quoted_words = r.quoted_words();
    let rel = layout::record_file(country, &id);
    let mut v = serde_json::to_value(&r).expect("a record serialises");
    if known.is_none() {
        let who = r
            .publisher
            .as_ref()
            .map_or_else(|| "no publisher".to_string(), |p| format!("\"{}\"", p.name));
        v["rights"]["status"] = json!(placeholder(&format!(
            "the rights in works of {who} are not known: public_domain, copyrighted, licensed or unknown"
        )));
        v["rights"]["holder"] = json!(placeholder(scaffold::HOLDER_HINT));
        v["rights"]["basis"] = json!(placeholder(scaffold::BASIS_HINT));
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "rights".into(),
            why: format!("the rights in works of {who} are not known"),
        });
    }
    if r.accessed.is_none() {
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "accessed".into(),
            why: "the page gives no readable accessed date".into(),
        });
    }
    Output {
        rel,
        kind: Kind::Record,
        text: fmt::format_value(&v, Kind::Record),
    }
}

/// The profile's source from its attribution: "The World Factbook, U.S.C.I.A. 2009".
fn profile_source(attribution: &str) -> ProfileSource {
    let (title, rest) = attribution.split_once(", ").unwrap_or((attribution, ""));
    let (publisher, year) = match rest.rsplit_once(' ') {
        Some((p, y)) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => (p, Some(y)),
        _ => (rest, None),
    };
    ProfileSource {
        title: title.to_string(),
        publisher: (!publisher.is_empty()).then(|| model::Organisation {
            name: publisher.to_string(),
            units: None,
            abbreviation: None,
        }),
        published: year.and_then(|y| {
            y.parse().ok().map(|date| Published {
                date,
                as_printed: Some(y.to_string()),
            })
        }),
        attribution: attribution.to_string(),
    }
}

/// A helpline in E.164 when the printed number is a valid number of the country (a short code
/// is dialled as printed and has none).
fn e164(number: &str, country: &str) -> Option<String> {
    if numbering::is_short_code(number) {
        return None;
    }
    numbering::to_e164(country, number)
}

fn country_file(p: &page::Page, code: &str, topic: &str, imported: &mut Imported) -> Output {
    let rel = layout::country_file(code);
    let name = p.country_name();
    let profile = p.profile.as_ref().map(|pr| {
        let source = profile_source(&pr.attribution);
        let known = source.publisher.as_ref().and_then(rights::known);
        (pr, source, known)
    });
    let c = Country {
        code: code.to_string(),
        alpha3: countries::alpha3(code).unwrap_or_default().to_string(),
        name: name.clone().unwrap_or_default(),
        official_name: p.official_name.clone(),
        pages: p.title().map(|title| {
            vec![PagePart {
                topic: topic.to_string(),
                title,
            }]
        }),
        profile: profile.as_ref().map(|(pr, source, known)| {
            let mut profile = Profile {
                paragraphs: pr.paragraphs.clone(),
                source: source.clone(),
                rights: rights::rights(known.as_ref(), 0),
            };
            profile.rights.quoted_words = profile.quoted_words();
            profile
        }),
        helplines: (!p.helplines.is_empty()).then(|| {
            p.helplines
                .iter()
                .map(|(organisation, number, calling_code)| Helpline {
                    organisation: organisation.clone(),
                    number: number.clone(),
                    calling_code: calling_code.clone(),
                    e164: e164(number, code),
                })
                .collect()
        }),
    };
    let mut v = serde_json::to_value(&c).expect("a country serialises");
    if name.is_none() {
        v["name"] = json!(placeholder(
            "the country's short name as the page prints it"
        ));
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "name".into(),
            why: "the page has no \"cite this page\" line to take it from".into(),
        });
    }
    if let Some((_, _, None)) = &profile {
        v["profile"]["rights"]["status"] = json!(placeholder("the rights in the profile's source"));
        imported.needs.push(Needs {
            rel: rel.clone(),
            field: "profile.rights".into(),
            why: "the rights in the profile's source are not known".into(),
        });
    }
    Output {
        rel,
        kind: Kind::Country,
        text: fmt::format_value(&v, Kind::Country),
    }
}

/// Compare the page's notices with the dataset's; a difference would be lost, so it is reported.
fn notices(p: &page::Page, d: &Dataset, country: &str, imported: &mut Imported) {
    let mut expect =
        |line: Option<&page::Line>, found: Option<&str>, wanted: Option<String>, field: &str| {
            if let (Some(line), Some(found)) = (line, found)
                && wanted.as_deref() != Some(found)
            {
                imported.unplaced.push(Unplaced {
                    line: line.number,
                    text: line.text.clone(),
                    why: format!("differs from `{field}` in dataset.json"),
                });
            }
        };
    let caution = p.caution.as_ref().map(|l| {
        l.text
            .trim_start_matches("CAUTION:")
            .trim_start_matches(|c: char| c.is_whitespace())
    });
    expect(
        p.caution.as_ref(),
        caution,
        Some(d.notices.caution.replace("{country}", country)),
        "notices.caution",
    );
    for (i, l) in p.term_paper.iter().enumerate() {
        expect(
            Some(l),
            Some(&l.text),
            d.notices
                .term_paper
                .as_ref()
                .and_then(|t| t.get(i).cloned()),
            "notices.term_paper",
        );
    }
    expect(
        p.fair_use.as_ref(),
        p.fair_use.as_ref().map(|l| l.text.as_str()),
        Some(d.notices.fair_use.clone()),
        "notices.fair_use",
    );
    let template = p
        .title()
        .zip(p.cite.as_ref())
        .map(|(t, c)| c.text.replacen(&format!("\"{t}\""), "\"{page_title}\"", 1));
    expect(
        p.cite.as_ref(),
        template.as_deref(),
        Some(d.citation.page_template.clone()),
        "citation.page_template",
    );
}

/// Read a page and build its files. `dataset` gives the topic vocabulary and the notices the
/// page's boilerplate is compared with.
pub fn import(
    text: &str,
    country: &str,
    topic: Option<&str>,
    dataset: Option<&Dataset>,
) -> Result<Imported, Error> {
    let code = country.to_ascii_uppercase();
    if countries::alpha3(&code).is_none() {
        return Err(Error::UnknownCountry(code));
    }
    let topic_names: Vec<String> = dataset
        .map(|d| d.topics.iter().map(|t| t.name.clone()).collect())
        .unwrap_or_default();
    let p = page::parse(text, &topic_names);
    let topic = match (topic, &p.topic_heading, dataset) {
        (Some(t), _, Some(d)) if !d.has_topic(t) => return Err(Error::UnknownTopic(t.to_string())),
        (Some(t), _, _) => t.to_string(),
        (None, Some(h), Some(d)) => d
            .topics
            .iter()
            .find(|t| &t.name == h)
            .map(|t| t.id.clone())
            .ok_or_else(|| Error::UnknownTopic(h.clone()))?,
        _ => return Err(Error::NoTopic),
    };
    let mut imported = Imported {
        topic: topic.clone(),
        ..Imported::default()
    };
    imported
        .unplaced
        .extend(p.unplaced.iter().map(|l| Unplaced {
            line: l.number,
            text: l.text.clone(),
            why: "not understood".into(),
        }));
    if let Some(d) = dataset {
        notices(
            &p,
            d,
            p.country_name().as_deref().unwrap_or(&code),
            &mut imported,
        );
        if let (Some(c), Some(want)) = (&p.coverage, &d.coverage.as_printed)
            && c.text != *want
        {
            imported.unplaced.push(Unplaced {
                line: c.number,
                text: c.text.clone(),
                why: "differs from `coverage.as_printed` in dataset.json".into(),
            });
        }
    }
    let country_out = country_file(&p, &code, &topic, &mut imported);
    imported.files.push(country_out);
    let mut taken = BTreeSet::new();
    let name = p
        .country_name()
        .or_else(|| countries::name(&code).map(str::to_string))
        .unwrap_or_default();
    for b in &p.blocks {
        match b.section {
            Some(model::Section::Featured) => imported.featured += 1,
            _ => imported.archived += 1,
        }
        let out = record(b, &code, &name, &topic, &mut taken, &mut imported);
        imported.files.push(out);
    }
    imported.unplaced.sort_by_key(|u| u.line);
    Ok(imported)
}

/// The dataset's metadata (its topics, for the page's topic), read through the loader, and
/// the faults that kept it from being read. A directory that is not a dataset yet (the first
/// import into it) has none and no faults.
pub fn metadata(root: &Path) -> (Option<Dataset>, Vec<Diagnostic>) {
    let Ok((source, _)) = load::scan(root) else {
        return (None, Vec::new());
    };
    let Some(index) = source
        .files()
        .files
        .iter()
        .position(|f| &**f == "dataset.json")
    else {
        return (None, Vec::new());
    };
    let mut faults = Vec::new();
    let file = source.load(index, Limits::default(), &mut faults);
    let dataset = file
        .value
        .and_then(|v| serde_json::from_value::<Dataset>(v).ok());
    (dataset, faults)
}

/// What happened, or would happen, to one output file.
#[derive(Clone, Debug, PartialEq)]
pub enum Written {
    New,
    Unchanged,
    /// It exists and differs: overwritten with `--force`, else left alone. The fields that differ.
    Differs {
        fields: Vec<String>,
        overwritten: bool,
    },
}

/// Compare each file with what is on disk and, unless `dry_run`, write the new ones (and, with
/// `force`, the ones that differ).
pub fn write(
    imported: &Imported,
    root: &Path,
    dry_run: bool,
    force: bool,
) -> Result<Vec<(PathBuf, Written)>, Error> {
    let mut out = Vec::new();
    for f in &imported.files {
        let path = root.join(&f.rel);
        let existing = std::fs::read_to_string(&path).ok();
        let written = match &existing {
            None => Written::New,
            Some(old) if *old == f.text => Written::Unchanged,
            Some(old) => {
                let fields = match (
                    serde_json::from_str::<Value>(old),
                    serde_json::from_str::<Value>(&f.text),
                ) {
                    (Ok(a), Ok(b)) => diff::field_changes(&a, &b)
                        .into_iter()
                        .map(|c| c.field)
                        .collect(),
                    _ => vec!["(the existing file does not parse)".into()],
                };
                Written::Differs {
                    fields,
                    overwritten: force,
                }
            }
        };
        let write = !dry_run
            && matches!(
                written,
                Written::New
                    | Written::Differs {
                        overwritten: true,
                        ..
                    }
            );
        if write {
            // A new file is created only if none has appeared since it was looked for.
            let existing = match written {
                Written::New => Existing::Keep,
                _ => Existing::Replace,
            };
            fsutil::write_file(&path, f.text.as_bytes(), existing)?;
        }
        out.push((path, written));
    }
    Ok(out)
}
