//! `records.csl.json`: CSL-JSON, what Zotero, citeproc-js, pandoc and hayagriva read, and the
//! one mapping from a record to CSL that both the release and the site's citations use.
//!
//! The mapping is written for what CSL styles print, not only for what the CSL schema accepts
//! (a file can validate and still render wrong): a news agency's name goes where styles read a
//! periodical's (`container-title`), an edition already printed in the title is not repeated as
//! an ordinal ("2005th ed."), a meeting session stays with the body that held it. Partial dates
//! become `date-parts` at their precision; what CSL has no field for goes in `custom`
//! (structured) and `note` (one line for people).

use serde_json::{Map, Value, json};

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

fn date(parts: Vec<i32>) -> Value {
    json!({ "date-parts": [parts] })
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
fn edition(r: &Record, title: &str, m: &mut Map<String, Value>) {
    let Some(e) = r.edition.as_deref() else {
        return;
    };
    if prints(title, e) {
        return;
    }
    if is_year(e) {
        if r.series.is_some() {
            m.insert("collection-number".into(), json!(e));
        }
    } else {
        m.insert("edition".into(), json!(e));
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
pub fn citable(r: &Record) -> Map<String, Value> {
    let mut m = Map::new();
    let kind = item_type(r);
    m.insert("id".into(), json!(r.id));
    m.insert("type".into(), json!(kind));
    let title = match &r.subtitle {
        Some(s) => format!("{}: {s}", r.title),
        None => r.title.clone(),
    };
    if let Some(s) = &r.series {
        m.insert("collection-title".into(), json!(s));
    }
    edition(r, &title, &mut m);
    m.insert("title".into(), json!(title));
    if !r.authors().is_empty() {
        let authors: Vec<Value> = r
            .authors()
            .iter()
            .map(|p| {
                let mut a = Map::new();
                a.insert("family".into(), json!(p.family));
                if let Some(g) = &p.given {
                    a.insert("given".into(), json!(g));
                }
                Value::Object(a)
            })
            .collect();
        m.insert("author".into(), Value::Array(authors));
    }
    let identifier = |kind: IdentifierKind| {
        r.identifiers
            .iter()
            .flatten()
            .find(|i| i.kind == kind)
            .map(|i| i.value.as_str())
    };
    if let Some(p) = &r.publisher {
        if kind == "article-newspaper" {
            // Styles print a newspaper article's periodical, never its publisher: the agency's
            // name is where they read it.
            m.insert("container-title".into(), json!(p.name));
            if let Some(a) = &p.abbreviation {
                m.insert("container-title-short".into(), json!(a));
            }
        } else if let Some(name) = publisher(r) {
            m.insert("publisher".into(), json!(name));
        }
    }
    if let Some(p) = &r.published {
        m.insert("issued".into(), date(p.date.parts()));
    }
    if let Some(a) = r.accessed().iter().max_by(|a, b| a.cmp_coarse(b)) {
        m.insert("accessed".into(), date(a.parts()));
    }
    if let Some(u) = r
        .urls
        .as_ref()
        .and_then(|u| u.original.as_ref().or(u.archived.as_ref()))
    {
        m.insert("URL".into(), json!(u));
    }
    if let Some(l) = &r.language {
        m.insert("language".into(), json!(l));
    }
    if let Some(f) = &r.format {
        m.insert("medium".into(), json!(f.to_uppercase()));
    }
    if let Some(n) =
        identifier(IdentifierKind::ReportNumber).or_else(|| identifier(IdentifierKind::UnSymbol))
    {
        m.insert("number".into(), json!(n));
    }
    for (kind, field) in [
        (IdentifierKind::Doi, "DOI"),
        (IdentifierKind::Isbn, "ISBN"),
        (IdentifierKind::Issn, "ISSN"),
    ] {
        if let Some(v) = identifier(kind) {
            m.insert(field.into(), json!(v));
        }
    }
    m
}

/// One record as a CSL-JSON item: the [`citable`] fields, a one-line `note` naming the record,
/// and in `custom` what CSL has no field for. `country` is the country's name.
pub fn item(r: &Record, country: &str) -> Value {
    let mut m = citable(r);
    m.insert(
        "note".into(),
        json!(format!(
            "Sourcebook record {} ({country}; {}).",
            r.id,
            r.topics.join(", ")
        )),
    );
    let mut custom = Map::new();
    custom.insert("sourcebook_id".into(), json!(r.id));
    custom.insert("country".into(), json!(r.country));
    custom.insert("topics".into(), json!(r.topics));
    for (k, v) in [
        ("edition", &r.edition),
        ("place", &r.place),
        ("byline", &r.byline),
        ("availability", &r.availability),
    ] {
        if let Some(v) = v {
            custom.insert(k.into(), json!(v));
        }
    }
    if let Some(p) = &r.published
        && let Some(printed) = &p.as_printed
    {
        custom.insert("published_as_printed".into(), json!(printed));
    }
    if let Some(ids) = &r.identifiers {
        custom.insert(
            "identifiers".into(),
            serde_json::to_value(ids).unwrap_or_default(),
        );
    }
    if let Some(a) = r.urls.as_ref().and_then(|u| u.archived.as_ref()) {
        custom.insert("archived_url".into(), json!(a));
    }
    if !r.excerpts().is_empty() {
        custom.insert(
            "excerpts".into(),
            json!(r.excerpts().iter().map(excerpt_line).collect::<Vec<_>>()),
        );
    }
    if let Some(x) = &r.cross_references {
        custom.insert("cross_references".into(), json!(x));
    }
    custom.insert(
        "rights".into(),
        serde_json::to_value(&r.rights).unwrap_or_default(),
    );
    m.insert("custom".into(), Value::Object(custom));
    Value::Object(m)
}

/// The CSL-JSON file's bytes: an array of items, sorted by id.
pub fn write(data: &Snapshot) -> Vec<u8> {
    let items: Vec<Value> = data
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
        let m = citable(&r);
        assert_eq!(m["type"], "article-newspaper");
        assert_eq!(m["container-title"], "Catholic News Service");
        assert_eq!(m["container-title-short"], "CNS");
        assert!(!m.contains_key("publisher"), "the agency is stated once");
        // A report's publisher stays the publisher, with its units.
        let r = record(json!({
            "publisher": { "name": "U.S. Dept of State", "units": ["Bureau"] }
        }));
        let m = citable(&r);
        assert_eq!(
            (&m["type"], &m["publisher"]),
            (&json!("report"), &json!("U.S. Dept of State, Bureau"))
        );
        assert!(!m.contains_key("container-title"));
    }

    #[test]
    fn an_edition_never_renders_as_an_ordinal_year() {
        // Printed in the title: left out.
        let m = citable(&record(
            json!({ "series": "Human Rights Reports", "edition": "2005" }),
        ));
        assert!(
            !m.contains_key("edition") && !m.contains_key("collection-number"),
            "{m:?}"
        );
        // A year the title does not print numbers the series.
        let m = citable(&record(
            json!({ "series": "Human Rights Reports", "edition": "2006" }),
        ));
        assert_eq!(m["collection-number"], "2006");
        assert!(!m.contains_key("edition"));
        // Without a series a bare year has nowhere to go in CSL; it stays in `custom`.
        let r = record(json!({ "edition": "2006" }));
        assert!(!citable(&r).contains_key("edition"));
        assert_eq!(item(&r, "Peru")["custom"]["edition"], "2006");
        // A real edition is passed on; a digit inside another number is not the edition.
        let m = citable(&record(
            json!({ "title": "Child Labor 2013", "edition": "3" }),
        ));
        assert_eq!(m["edition"], "3");
        let m = citable(&record(json!({ "edition": "Rev. ed." })));
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
        let m = citable(&r);
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
}
