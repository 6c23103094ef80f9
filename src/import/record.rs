//! One source block of a page into one record: title and its markers, series and edition,
//! byline, dates, excerpts, notes and the rights the block implies.

use std::collections::BTreeSet;

use serde_json::json;

use crate::fmt;
use crate::layout::{self, Kind};
use crate::model::{Excerpt, Placement, Published, Record, Section, Urls, derive_id};
use crate::reference::placeholder::placeholder;
use crate::scaffold;

use super::blocks::Block;
use super::outcome::{Guess, Imported, Needs, Output, Unplaced};
use super::{byline, classify, rights};

/// The format a title's marker names ([PDF]).
fn format_marker(m: &str) -> Option<&'static str> {
    Some(match m.to_ascii_uppercase().as_str() {
        "PDF" => "pdf",
        "DOC" => "doc",
        "DOCX" => "docx",
        "RTF" => "rtf",
        "HTML" => "html",
        "TXT" => "txt",
        _ => return None,
    })
}

/// Strip the markers from a title line: the title, its format and its language.
pub fn title_and_markers(line: &str) -> (String, Option<String>, Option<String>) {
    let mut title = line.trim().to_string();
    let (mut format, mut language) = (None, None);
    while let Some(open) = title.rfind(" [").filter(|_| title.ends_with(']')) {
        let m = &title[open + 2..title.len() - 1];
        if let Some(f) = format_marker(m) {
            format = Some(f.to_string());
        } else if let Some(l) = classify::language(m) {
            language = Some(l.to_string());
        } else {
            break;
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

/// Where a link points, for `urls`: an http or https address (a relative one cannot be
/// resolved without the page's own address).
fn absolute(href: &str) -> bool {
    let lower = href.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The source's addresses: its title's link, an address printed on its own line, and the
/// link of its availability sentence ("[here]"); an address in a web archive is the archived
/// copy. An address whose scheme is assumed, and a link with no place, are reported.
fn urls(block: &Block, imported: &mut Imported) -> Option<Urls> {
    let mut urls = Urls {
        original: None,
        archived: None,
    };
    let mut candidates: Vec<(&str, usize, &str)> = Vec::new(); // (href, line, its text)
    for l in block.title.links.iter() {
        candidates.push((&l.href, block.title.number, &block.title.text));
    }
    if let Some((url, assumed, line)) = &block.address {
        let href = line.links.first().map_or(url.as_str(), |l| l.href.as_str());
        if *assumed && line.links.is_empty() {
            imported.guesses.push(Guess {
                line: line.number,
                text: line.text.clone(),
                what: format!("an address printed without a scheme: taken as {url}"),
            });
        }
        candidates.push((href, line.number, &line.text));
    }
    if let Some(l) = &block.availability {
        for link in &l.links {
            candidates.push((&link.href, l.number, &l.text));
        }
    }
    for (href, line, text) in candidates {
        let slot = if classify::is_archive(href) {
            &mut urls.archived
        } else {
            &mut urls.original
        };
        let why = if !absolute(href) {
            format!("its link to {href} is not an http or https address: not kept")
        } else if slot.as_deref().is_some_and(|u| u != href) {
            format!("a second address, {href}: not kept")
        } else {
            *slot = Some(href.to_string());
            continue;
        };
        imported.unplaced.push(Unplaced {
            line,
            text: text.to_string(),
            why,
        });
    }
    (urls.original.is_some() || urls.archived.is_some()).then_some(urls)
}

/// A record from a source block. `name` is the country's short name, for datelines.
pub(super) fn record(
    (section, position, block): (Section, u32, &Block),
    country: &str,
    name: &str,
    topic: &str,
    taken: &mut BTreeSet<String>,
    imported: &mut Imported,
) -> Output {
    let (full_title, format, title_language) = title_and_markers(&block.title.text);
    let language = title_language.or(block.language.map(str::to_string));
    let urls = urls(block, imported);
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
    if let (Some(issue), Some(l)) = (&by.issue, &block.byline) {
        imported.guesses.push(Guess {
            line: l.number,
            text: l.text.clone(),
            what: format!(
                "{issue} read as the issue of a periodical (kept in `byline` only, not in the publisher's name)"
            ),
        });
    }
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
        placement: Some(Placement { section, position }),
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
        urls,
        availability: block.availability.as_ref().map(|l| l.text.clone()),
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
