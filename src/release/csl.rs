//! `records.csl.json`: CSL-JSON, what Zotero, citeproc and pandoc read. Partial dates become
//! `date-parts` at their precision; what CSL has no field for goes in `custom` (structured)
//! and `note` (one line for people).

use serde_json::{Map, Value, json};

use crate::model::{IdentifierKind, Record};
use crate::release::csv::excerpt_line;
use crate::snapshot::Snapshot;

/// The CSL item type: news agencies' and newspapers' pieces are newspaper articles; the rest
/// (government, UN and NGO publications) reports.
fn item_type(r: &Record) -> &'static str {
    let news = r.publisher.as_ref().is_some_and(|p| {
        p.name
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("news"))
    });
    if news { "article-newspaper" } else { "report" }
}

fn date(parts: Vec<i32>) -> Value {
    json!({ "date-parts": [parts] })
}

/// One record as a CSL-JSON item.
pub fn item(r: &Record, data: &Snapshot) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(r.id));
    m.insert("type".into(), json!(item_type(r)));
    let title = match &r.subtitle {
        Some(s) => format!("{}: {s}", r.title),
        None => r.title.clone(),
    };
    m.insert("title".into(), json!(title));
    if let Some(s) = &r.series {
        m.insert("collection-title".into(), json!(s));
    }
    if let Some(e) = &r.edition {
        m.insert("edition".into(), json!(e));
    }
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
    if let Some(p) = &r.publisher {
        m.insert("publisher".into(), json!(p.full_name()));
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
    if let Some(n) = r
        .identifiers
        .iter()
        .flatten()
        .find(|i| i.kind == IdentifierKind::ReportNumber)
    {
        m.insert("number".into(), json!(n.value));
    }
    let country = data
        .country(&r.country)
        .map_or(r.country.as_str(), |c| c.name.as_str());
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
    let items: Vec<Value> = data.records.iter().map(|r| item(r, data)).collect();
    let mut out = serde_json::to_vec_pretty(&items).expect("JSON values serialise");
    out.push(b'\n');
    out
}
