//! One source block of a page into one record: title and its markers, series and edition,
//! byline, dates, excerpts, notes and the rights the block implies.

use std::collections::BTreeSet;

use serde_json::json;

use crate::fmt;
use crate::layout::{self, Kind};
use crate::model::{Excerpt, Placement, Published, Record, derive_id};
use crate::reference::placeholder::placeholder;
use crate::scaffold;

use super::outcome::{Imported, Needs, Output};
use super::{byline, page, rights};

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

/// The year an annual report is named for: a year printed in its title and followed by a
/// capitalised word ("2019 Country Reports …", "The Department of Labor’s 2004 Findings …"),
/// the rule `edition`'s description states. "Arrests in 2005 rise" names none.
pub fn edition(title: &str) -> Option<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let year = w[0].len() == 4
            && w[0].bytes().all(|b| b.is_ascii_digit())
            && (w[0].starts_with("19") || w[0].starts_with("20"));
        (year && w[1].chars().next().is_some_and(char::is_uppercase)).then(|| w[0].to_string())
    })
}

/// A record from a source block. `name` is the country's short name, for datelines.
pub(super) fn record(
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
    let edition = edition(&title);
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
