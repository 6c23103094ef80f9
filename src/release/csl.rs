//! `records.csl.json`: CSL-JSON, what Zotero, citeproc-js, pandoc and hayagriva read, and the
//! one mapping from a record to CSL that both the release and the site's citations use.
//!
//! The mapping is written for what CSL styles print, not only for what the CSL schema accepts
//! (a file can validate and still render wrong): a news agency's name goes where styles read a
//! periodical's (`container-title`), an edition already printed in the title is not repeated as
//! an ordinal ("2005th ed."), a meeting session stays with the body that held it. Partial dates
//! become `date-parts` at their precision; what CSL has no field for goes in `custom`
//! (structured) and `note` (one line for people).

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::model::{IdentifierKind, Record};
use crate::release::csv::excerpt_line;
use crate::snapshot::Snapshot;

/// The CSL item type: news agencies' and newspapers' pieces are newspaper articles; a work the
/// page marks as HTML is a web page; the rest (government, UN and NGO publications) reports.
pub fn item_type(r: &Record) -> &'static str {
    let news = r.publisher.as_ref().is_some_and(|p| {
        p.name
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("news"))
    });
    if news {
        "article-newspaper"
    } else if r.format.as_deref() == Some("html") {
        "webpage"
    } else {
        "report"
    }
}

/// A CSL date: `{"date-parts": [[year, month, day]]}`, as precise as the record's date.
#[derive(Debug, Serialize)]
pub struct Date {
    #[serde(rename = "date-parts")]
    parts: [Vec<i32>; 1],
}

fn date(parts: Vec<i32>) -> Date {
    Date { parts: [parts] }
}

/// A CSL name.
#[derive(Debug, Serialize)]
pub struct Name<'a> {
    family: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    given: Option<&'a str>,
}

/// One record as a CSL item, typed so that it is written straight from the record: built as a
/// map of JSON values it cost an allocation a field (1.7% of a release's instructions on
/// 10,000 copies, and as much again to free it). The fields are declared in the order of their
/// names, bytewise, which is the order serde_json's map wrote them in, so the file's bytes did
/// not change; a test holds the order to that of a map.
#[derive(Debug, Serialize)]
pub struct Item<'a> {
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(rename = "ISBN", skip_serializing_if = "Option::is_none")]
    isbn: Option<&'a str>,
    #[serde(rename = "ISSN", skip_serializing_if = "Option::is_none")]
    issn: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<Date>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Name<'a>>,
    #[serde(rename = "collection-number", skip_serializing_if = "Option::is_none")]
    collection_number: Option<&'a str>,
    #[serde(rename = "collection-title", skip_serializing_if = "Option::is_none")]
    collection_title: Option<&'a str>,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(
        rename = "container-title-short",
        skip_serializing_if = "Option::is_none"
    )]
    container_title_short: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    custom: Option<Custom<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edition: Option<&'a str>,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    medium: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<String>,
    title: Cow<'a, str>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// What CSL has no field for, in the item's `custom`; fields in the order of their names too.
/// The identifiers and the rights stay JSON values: as values their members come out in the
/// order of their names, as they always have, not in the model's order.
#[derive(Debug, Serialize)]
pub struct Custom<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    archived_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    country: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cross_references: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edition: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    excerpts: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifiers: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published_as_printed: Option<&'a str>,
    rights: Value,
    sourcebook_id: &'a str,
    topics: &'a [String],
}

/// Whether `text` prints `word` as a whole word or phrase (ignoring case): an edition "2005"
/// is in "2005 Country Reports", an edition "3" is not in "Child Labor 2013".
fn prints(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let (text, word) = (text.to_lowercase(), word.to_lowercase());
    let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(&word).any(|(at, m)| {
        edge(text[..at].chars().next_back()) && edge(text[at + m.len()..].chars().next())
    })
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// Where a record's edition goes. Styles print `edition` as an ordinal when it is a number
/// ("2005th ed."), so a bare year is never put there: when the title already prints the
/// edition it is left out (the schema defines it as "as printed in its title"); a year that
/// is not in the title numbers the series (`collection-number`: "Human Rights Reports 2005");
/// anything else ("3", "Rev. ed.") is an edition as styles expect one.
/// Returns the item's `edition` and `collection-number`.
fn edition<'a>(r: &'a Record, title: &str) -> (Option<&'a str>, Option<&'a str>) {
    match r.edition.as_deref() {
        Some(e) if !prints(title, e) && is_year(e) => (None, r.series.as_ref().map(|_| e)),
        Some(e) if !prints(title, e) => (Some(e), None),
        _ => (None, None),
    }
}

/// The publisher as citations name it: the body, its units, and the meeting session when the
/// work has one, which belongs to the body that held it as the byline prints it ("UN Economic
/// and Social Council, Commission on Human Rights, Fifty-ninth session"); both APA and Chicago
/// print `publisher`.
pub fn publisher(r: &Record) -> Option<String> {
    let mut name = r.publisher.as_ref()?.full_name();
    if let Some(s) = r
        .identifiers
        .iter()
        .flatten()
        .find(|i| i.kind == IdentifierKind::Session)
    {
        name.push_str(", ");
        name.push_str(&s.value);
    }
    Some(name)
}

/// The fields a CSL style reads, for one record: what a citation engine renders. The site
/// renders its citations from exactly these; [`item`] adds the rest for citation managers.
pub fn citable(r: &Record) -> Item<'_> {
    let kind = item_type(r);
    let title = match &r.subtitle {
        Some(s) => Cow::Owned(format!("{}: {s}", r.title)),
        None => Cow::Borrowed(r.title.as_str()),
    };
    let identifier = |kind: IdentifierKind| {
        r.identifiers
            .iter()
            .flatten()
            .find(|i| i.kind == kind)
            .map(|i| i.value.as_str())
    };
    let (edition, collection_number) = edition(r, &title);
    let mut item = Item {
        doi: identifier(IdentifierKind::Doi),
        isbn: identifier(IdentifierKind::Isbn),
        issn: identifier(IdentifierKind::Issn),
        url: r
            .urls
            .as_ref()
            .and_then(|u| u.original.as_ref().or(u.archived.as_ref()))
            .map(String::as_str),
        accessed: r
            .accessed()
            .iter()
            .max_by(|a, b| a.cmp_coarse(b))
            .map(|a| date(a.parts())),
        author: r
            .authors()
            .iter()
            .map(|p| Name {
                family: &p.family,
                given: p.given.as_deref(),
            })
            .collect(),
        collection_number,
        collection_title: r.series.as_deref(),
        container_title: None,
        container_title_short: None,
        custom: None,
        edition,
        id: &r.id,
        issued: r.published.as_ref().map(|p| date(p.date.parts())),
        language: r.language.as_deref(),
        medium: r.format.as_ref().map(|f| f.to_uppercase()),
        note: None,
        number: identifier(IdentifierKind::ReportNumber)
            .or_else(|| identifier(IdentifierKind::UnSymbol)),
        publisher: None,
        title,
        kind,
    };
    if let Some(p) = &r.publisher {
        if kind == "article-newspaper" {
            // Styles print a newspaper article's periodical, never its publisher: the agency's
            // name is where they read it.
            item.container_title = Some(&p.name);
            item.container_title_short = p.abbreviation.as_deref();
        } else {
            item.publisher = publisher(r);
        }
    }
    item
}

/// One record as a CSL-JSON item: the [`citable`] fields, a one-line `note` naming the record,
/// and in `custom` what CSL has no field for. `country` is the country's name.
pub fn item<'a>(r: &'a Record, country: &str) -> Item<'a> {
    let mut item = citable(r);
    item.note = Some(format!(
        "Sourcebook record {} ({country}; {}).",
        r.id,
        r.topics.join(", ")
    ));
    item.custom = Some(Custom {
        archived_url: r.urls.as_ref().and_then(|u| u.archived.as_deref()),
        availability: r.availability.as_deref(),
        byline: r.byline.as_deref(),
        country: &r.country,
        cross_references: r.cross_references.as_deref(),
        edition: r.edition.as_deref(),
        excerpts: r.excerpts().iter().map(excerpt_line).collect(),
        identifiers: r
            .identifiers
            .as_ref()
            .map(|ids| serde_json::to_value(ids).unwrap_or_default()),
        place: r.place.as_deref(),
        published_as_printed: r.published.as_ref().and_then(|p| p.as_printed.as_deref()),
        rights: serde_json::to_value(&r.rights).unwrap_or_default(),
        sourcebook_id: &r.id,
        topics: &r.topics,
    });
    item
}

/// The CSL-JSON file's bytes: an array of items, sorted by id.
pub fn write(data: &Snapshot) -> Vec<u8> {
    let items: Vec<Item<'_>> = data
        .records
        .iter()
        .map(|r| {
            let country = data
                .country(&r.country)
                .map_or(r.country.as_str(), |c| c.name.as_str());
            item(r, country)
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&items).expect("JSON values serialise");
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    /// An item as the map of JSON values it serialises to.
    fn map(item: Item<'_>) -> Map<String, Value> {
        match serde_json::to_value(item).unwrap() {
            Value::Object(m) => m,
            other => panic!("an item is an object, not {other}"),
        }
    }

    fn record(extra: Value) -> Record {
        let mut v = json!({
            "id": "pe-2006-x",
            "country": "PE",
            "topics": ["csec"],
            "title": "2005 Country Reports on Human Rights Practices",
            "rights": { "status": "public_domain", "basis": "us_government_work", "quoted_words": 0 }
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn a_news_agency_is_the_periodical_styles_print() {
        let r = record(json!({
            "publisher": { "name": "Catholic News Service", "abbreviation": "CNS" }
        }));
        let m = map(citable(&r));
        assert_eq!(m["type"], "article-newspaper");
        assert_eq!(m["container-title"], "Catholic News Service");
        assert_eq!(m["container-title-short"], "CNS");
        assert!(!m.contains_key("publisher"), "the agency is stated once");
        // A report's publisher stays the publisher, with its units.
        let r = record(json!({
            "publisher": { "name": "U.S. Dept of State", "units": ["Bureau"] }
        }));
        let m = map(citable(&r));
        assert_eq!(
            (&m["type"], &m["publisher"]),
            (&json!("report"), &json!("U.S. Dept of State, Bureau"))
        );
        assert!(!m.contains_key("container-title"));
    }

    #[test]
    fn an_edition_never_renders_as_an_ordinal_year() {
        // Printed in the title: left out.
        let m = map(citable(&record(
            json!({ "series": "Human Rights Reports", "edition": "2005" }),
        )));
        assert!(
            !m.contains_key("edition") && !m.contains_key("collection-number"),
            "{m:?}"
        );
        // A year the title does not print numbers the series.
        let m = map(citable(&record(
            json!({ "series": "Human Rights Reports", "edition": "2006" }),
        )));
        assert_eq!(m["collection-number"], "2006");
        assert!(!m.contains_key("edition"));
        // Without a series a bare year has nowhere to go in CSL; it stays in `custom`.
        let r = record(json!({ "edition": "2006" }));
        assert!(!map(citable(&r)).contains_key("edition"));
        assert_eq!(map(item(&r, "Peru"))["custom"]["edition"], "2006");
        // A real edition is passed on; a digit inside another number is not the edition.
        let m = map(citable(&record(
            json!({ "title": "Child Labor 2013", "edition": "3" }),
        )));
        assert_eq!(m["edition"], "3");
        let m = map(citable(&record(json!({ "edition": "Rev. ed." }))));
        assert_eq!(m["edition"], "Rev. ed.");
    }

    #[test]
    fn a_session_stays_with_its_body_and_identifiers_find_their_fields() {
        let r = record(json!({
            "publisher": { "name": "UN Economic and Social Council", "units": ["Commission on Human Rights"] },
            "identifiers": [
                { "kind": "session", "value": "Fifty-ninth session" },
                { "kind": "file_name", "value": "G0310090.doc" },
                { "kind": "doi", "value": "10.1000/x" }
            ]
        }));
        let m = map(citable(&r));
        assert_eq!(
            m["publisher"],
            "UN Economic and Social Council, Commission on Human Rights, Fifty-ninth session"
        );
        assert_eq!(m["DOI"], "10.1000/x");
        assert!(!m.contains_key("number"));
    }

    #[test]
    fn web_pages_and_words() {
        assert_eq!(item_type(&record(json!({ "format": "html" }))), "webpage");
        assert_eq!(item_type(&record(json!({ "format": "pdf" }))), "report");
        assert!(prints("2005 Country Reports", "2005"));
        assert!(prints("The Report, Rev. ed.", "rev. ed."));
        assert!(!prints("20051 Reports", "2005"));
        assert!(!prints("Anything", ""));
    }

    /// The item's members come out in the order of their names, as serde_json's map of values
    /// wrote them before the item was typed: with every field filled in, its text is the same
    /// as that of the map it becomes.
    #[test]
    fn an_item_writes_its_fields_in_the_order_of_their_names() {
        let mut full = record(json!({
            "subtitle": "A subtitle",
            "series": "Human Rights Reports",
            "edition": "2006",
            "place": "Lima",
            "byline": "By the Bureau",
            "format": "pdf",
            "language": "es",
            "availability": "Online",
            "cross_references": ["pe-2001-y"],
            "authors": [{ "family": "Quispe", "given": "Ana" }, { "family": "Mamani" }],
            "published": { "date": "2006-03", "as_printed": "March 2006" },
            "accessed": ["2007-01-02"],
            "urls": { "original": "https://example.org/a", "archived": "https://example.org/b" },
            "publisher": { "name": "U.S. Dept of State", "abbreviation": "DOS", "units": ["Bureau"] },
            "identifiers": [
                { "kind": "doi", "value": "10.1000/x" },
                { "kind": "isbn", "value": "978-0" },
                { "kind": "issn", "value": "1234-5678" },
                { "kind": "report_number", "value": "R-1" }
            ],
            "excerpts": [{ "text": "A quoted \"sentence\".", "locator": "page 9" }]
        }));
        let news = record(json!({
            "publisher": { "name": "Catholic News Service", "abbreviation": "CNS" }
        }));
        full.rights.quoted_words = 3;
        for r in [&full, &news] {
            let typed = serde_json::to_string_pretty(&item(r, "Peru")).unwrap();
            let as_map = serde_json::to_string_pretty(&map(item(r, "Peru"))).unwrap();
            assert_eq!(typed, as_map);
        }
        let m = map(item(&full, "Peru"));
        for key in [
            "DOI",
            "ISBN",
            "ISSN",
            "URL",
            "accessed",
            "author",
            "collection-number",
            "collection-title",
            "custom",
            "id",
            "issued",
            "language",
            "medium",
            "note",
            "number",
            "publisher",
            "title",
            "type",
        ] {
            assert!(m.contains_key(key), "{key} in {m:?}");
        }
        assert_eq!(m["custom"].as_object().unwrap().len(), 13, "{m:?}");
        assert!(map(item(&news, "Peru")).contains_key("container-title-short"));
    }
}
