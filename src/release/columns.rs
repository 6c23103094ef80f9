//! The flat columns of a record, defined once ([`RECORD_COLUMNS`]) with their type and
//! description, and written by every tabular format: `records.csv`, `records.parquet` and the
//! `records` table of the SQLite database. The column reference in docs/release.md and the
//! Frictionless Table Schema come from the same table.

use std::borrow::Cow;

use crate::model::{Country, Excerpt, Helpline, PartialDate, Record, wire_name};

/// How a list is joined in a CSV cell: most lists with `"; "`; excerpts and notes, which hold
/// semicolons of their own, with a blank line.
pub const LIST: &str = "; ";
pub const PARAGRAPHS: &str = "\n\n";

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Text,
    /// A list of texts; a CSV cell joins them with the separator.
    List(&'static str),
    Integer,
    /// A full date, YYYY-MM-DD.
    Date,
    /// A list of full dates; a CSV cell joins them with `"; "`.
    Dates,
}

impl Type {
    /// The Frictionless Table Schema type of the column in a CSV file.
    pub fn table_schema(self) -> &'static str {
        match self {
            Type::Text | Type::List(_) | Type::Dates => "string",
            Type::Integer => "integer",
            Type::Date => "date",
        }
    }

    /// How docs/release.md names the type in each format: CSV, Parquet, SQLite.
    pub fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Type::Text => ("text", "STRING", "TEXT"),
            Type::List(_) => ("text, joined", "LIST<STRING>", "TEXT, a JSON array"),
            Type::Integer => ("integer", "INT64", "INTEGER"),
            Type::Date => ("date", "DATE", "TEXT, YYYY-MM-DD"),
            Type::Dates => ("text, joined", "LIST<DATE>", "TEXT, a JSON array"),
        }
    }
}

/// One cell's value, absent when the record has nothing for it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Text(Option<Cow<'a, str>>),
    List(Option<Vec<Cow<'a, str>>>),
    Integer(Option<i64>),
    Date(Option<PartialDate>),
    Dates(Option<Vec<PartialDate>>),
}

/// Where a column is written: everywhere, or only in a flat CSV file, which has no other table
/// to join (excerpts and helplines have their own tables in Parquet and SQLite).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    FlatOnly,
}

/// What a record's cells are read from: the record and its country.
pub struct Row<'a> {
    pub record: &'a Record,
    pub country: Option<&'a Country>,
}

/// One column: its name, type, description, and how to fill it.
pub struct Column {
    pub name: &'static str,
    pub kind: Type,
    pub scope: Scope,
    pub description: &'static str,
    pub cell: for<'a> fn(&Row<'a>) -> Cell<'a>,
}

fn text(s: &Option<String>) -> Cell<'_> {
    Cell::Text(s.as_deref().map(Cow::Borrowed))
}

fn list(v: &Option<Vec<String>>) -> Cell<'_> {
    Cell::List(
        v.as_ref()
            .map(|v| v.iter().map(|s| Cow::Borrowed(s.as_str())).collect()),
    )
}

fn int(n: Option<impl Into<i64>>) -> Cell<'static> {
    Cell::Integer(n.map(Into::into))
}

/// An excerpt as one paragraph: `[locator] HEADING: text`.
pub fn excerpt_line(e: &Excerpt) -> String {
    let mut s = String::new();
    if let Some(l) = &e.locator {
        s.push('[');
        s.push_str(l);
        s.push_str("] ");
    }
    if let Some(h) = &e.heading {
        s.push_str(h);
        s.push_str(": ");
    }
    s.push_str(&e.text);
    s
}

/// A helpline as a `tel:` URI (RFC 3966): global numbers in E.164, short codes as local
/// numbers with the country's calling code as their context.
pub fn tel(h: &Helpline) -> String {
    match &h.e164 {
        Some(e) => format!("tel:{e}"),
        None => {
            let digits = crate::reference::numbering::digits(&h.number);
            format!("tel:{digits};phone-context=+{}", h.calling_code)
        }
    }
}

/// The latest of a record's accessed dates.
pub fn last_accessed(r: &Record) -> Option<PartialDate> {
    r.accessed().iter().max_by(|a, b| a.cmp_coarse(b)).copied()
}

/// The columns of a record, in order.
pub static RECORD_COLUMNS: &[Column] = &[
    Column {
        name: "id",
        kind: Type::Text,
        scope: Scope::All,
        description: "The record's id (unique).",
        cell: |r| Cell::Text(Some(Cow::Borrowed(&r.record.id))),
    },
    Column {
        name: "country",
        kind: Type::Text,
        scope: Scope::All,
        description: "ISO 3166-1 alpha-2 code of the country.",
        cell: |r| Cell::Text(Some(Cow::Borrowed(&r.record.country))),
    },
    Column {
        name: "country_name",
        kind: Type::Text,
        scope: Scope::All,
        description: "The country's short name.",
        cell: |r| Cell::Text(r.country.map(|c| Cow::Borrowed(c.name.as_str()))),
    },
    Column {
        name: "topics",
        kind: Type::List(LIST),
        scope: Scope::All,
        description: "Topic ids.",
        cell: |r| {
            Cell::List(Some(
                r.record
                    .topics
                    .iter()
                    .map(|t| Cow::Borrowed(t.as_str()))
                    .collect(),
            ))
        },
    },
    Column {
        name: "section",
        kind: Type::Text,
        scope: Scope::All,
        description: "Where the source sat on the compiled page: featured or archive.",
        cell: |r| {
            Cell::Text(
                r.record
                    .placement
                    .map(|p| Cow::Owned(wire_name(&p.section))),
            )
        },
    },
    Column {
        name: "position",
        kind: Type::Integer,
        scope: Scope::All,
        description: "1-based position within the section.",
        cell: |r| int(r.record.placement.map(|p| p.position)),
    },
    Column {
        name: "title",
        kind: Type::Text,
        scope: Scope::All,
        description: "The title as printed.",
        cell: |r| Cell::Text(Some(Cow::Borrowed(&r.record.title))),
    },
    Column {
        name: "subtitle",
        kind: Type::Text,
        scope: Scope::All,
        description: "The subtitle.",
        cell: |r| text(&r.record.subtitle),
    },
    Column {
        name: "series",
        kind: Type::Text,
        scope: Scope::All,
        description: "The series or report family.",
        cell: |r| text(&r.record.series),
    },
    Column {
        name: "edition",
        kind: Type::Text,
        scope: Scope::All,
        description: "The edition of the series.",
        cell: |r| text(&r.record.edition),
    },
    Column {
        name: "authors",
        kind: Type::List(LIST),
        scope: Scope::All,
        description: "Authors as \"Family, Given\".",
        cell: |r| {
            Cell::List(r.record.authors.as_ref().map(|a| {
                a.iter()
                    .map(|p| match &p.given {
                        Some(g) => Cow::Owned(format!("{}, {g}", p.family)),
                        None => Cow::Borrowed(p.family.as_str()),
                    })
                    .collect()
            }))
        },
    },
    Column {
        name: "publisher",
        kind: Type::Text,
        scope: Scope::All,
        description: "The publishing organisation.",
        cell: |r| {
            Cell::Text(
                r.record
                    .publisher
                    .as_ref()
                    .map(|p| Cow::Borrowed(p.name.as_str())),
            )
        },
    },
    Column {
        name: "publisher_units",
        kind: Type::List(LIST),
        scope: Scope::All,
        description: "The publisher's sub-units, largest first.",
        cell: |r| list(r.record.publisher.as_ref().map_or(&None, |p| &p.units)),
    },
    Column {
        name: "publisher_abbreviation",
        kind: Type::Text,
        scope: Scope::All,
        description: "The publisher's abbreviation.",
        cell: |r| {
            text(
                r.record
                    .publisher
                    .as_ref()
                    .map_or(&None, |p| &p.abbreviation),
            )
        },
    },
    Column {
        name: "place",
        kind: Type::Text,
        scope: Scope::All,
        description: "The dateline place.",
        cell: |r| text(&r.record.place),
    },
    Column {
        name: "identifiers",
        kind: Type::List(LIST),
        scope: Scope::All,
        description: "Document identifiers as \"kind: value\".",
        cell: |r| {
            Cell::List(r.record.identifiers.as_ref().map(|ids| {
                ids.iter()
                    .map(|i| Cow::Owned(format!("{}: {}", wire_name(&i.kind), i.value)))
                    .collect()
            }))
        },
    },
    Column {
        name: "published",
        kind: Type::Text,
        scope: Scope::All,
        description: "Publication date as an ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD. \
                      Text, so that a year, a month and a day stay what they are; the parts are \
                      in the next three columns.",
        cell: |r| {
            Cell::Text(
                r.record
                    .published
                    .as_ref()
                    .map(|p| Cow::Owned(p.date.to_string())),
            )
        },
    },
    Column {
        name: "published_year",
        kind: Type::Integer,
        scope: Scope::All,
        description: "The year of publication.",
        cell: |r| int(r.record.published.as_ref().map(|p| p.date.year)),
    },
    Column {
        name: "published_month",
        kind: Type::Integer,
        scope: Scope::All,
        description: "The month of publication (1-12), when the source gives it.",
        cell: |r| int(r.record.published.as_ref().and_then(|p| p.date.month)),
    },
    Column {
        name: "published_day",
        kind: Type::Integer,
        scope: Scope::All,
        description: "The day of publication (1-31), when the source gives it.",
        cell: |r| int(r.record.published.as_ref().and_then(|p| p.date.day)),
    },
    Column {
        name: "published_as_printed",
        kind: Type::Text,
        scope: Scope::All,
        description: "The publication date exactly as printed.",
        cell: |r| text(r.record.published.as_ref().map_or(&None, |p| &p.as_printed)),
    },
    Column {
        name: "byline",
        kind: Type::Text,
        scope: Scope::All,
        description: "The line under the title as printed.",
        cell: |r| text(&r.record.byline),
    },
    Column {
        name: "accessed",
        kind: Type::Dates,
        scope: Scope::All,
        description: "Dates the source was accessed (YYYY-MM-DD), in printed order.",
        cell: |r| Cell::Dates(r.record.accessed.clone()),
    },
    Column {
        name: "last_accessed",
        kind: Type::Date,
        scope: Scope::All,
        description: "The latest accessed date.",
        cell: |r| Cell::Date(last_accessed(r.record)),
    },
    Column {
        name: "format",
        kind: Type::Text,
        scope: Scope::All,
        description: "Document format (pdf, doc, html, ...).",
        cell: |r| text(&r.record.format),
    },
    Column {
        name: "language",
        kind: Type::Text,
        scope: Scope::All,
        description: "Document language, a BCP 47 tag.",
        cell: |r| text(&r.record.language),
    },
    Column {
        name: "url",
        kind: Type::Text,
        scope: Scope::All,
        description: "The publisher's address of the work.",
        cell: |r| text(r.record.urls.as_ref().map_or(&None, |u| &u.original)),
    },
    Column {
        name: "archived_url",
        kind: Type::Text,
        scope: Scope::All,
        description: "A web-archive copy of the work.",
        cell: |r| text(r.record.urls.as_ref().map_or(&None, |u| &u.archived)),
    },
    Column {
        name: "availability",
        kind: Type::Text,
        scope: Scope::All,
        description: "What the page says about where the work can be found.",
        cell: |r| text(&r.record.availability),
    },
    Column {
        name: "excerpt_count",
        kind: Type::Integer,
        scope: Scope::All,
        description: "How many excerpts the record quotes.",
        cell: |r| int(Some(r.record.excerpts().len() as i64)),
    },
    Column {
        name: "excerpts",
        kind: Type::List(PARAGRAPHS),
        scope: Scope::FlatOnly,
        description: "The excerpts as \"[locator] HEADING: text\" (one row each in the excerpts table).",
        cell: |r| {
            Cell::List(
                r.record
                    .excerpts
                    .as_ref()
                    .map(|es| es.iter().map(|e| Cow::Owned(excerpt_line(e))).collect()),
            )
        },
    },
    Column {
        name: "notes",
        kind: Type::List(PARAGRAPHS),
        scope: Scope::All,
        description: "Notes printed about the source.",
        cell: |r| list(&r.record.notes),
    },
    Column {
        name: "cross_references",
        kind: Type::List(PARAGRAPHS),
        scope: Scope::All,
        description: "Pointers to related works.",
        cell: |r| list(&r.record.cross_references),
    },
    Column {
        name: "rights_status",
        kind: Type::Text,
        scope: Scope::All,
        description: "public_domain, copyrighted, licensed or unknown.",
        cell: |r| Cell::Text(Some(Cow::Owned(wire_name(&r.record.rights.status)))),
    },
    Column {
        name: "rights_holder",
        kind: Type::Text,
        scope: Scope::All,
        description: "The copyright holder.",
        cell: |r| text(&r.record.rights.holder),
    },
    Column {
        name: "rights_basis",
        kind: Type::Text,
        scope: Scope::All,
        description: "The basis for quoting: us_government_work, fair_use or licence.",
        cell: |r| Cell::Text(r.record.rights.basis.map(|b| Cow::Owned(wire_name(&b)))),
    },
    Column {
        name: "licence",
        kind: Type::Text,
        scope: Scope::All,
        description: "The work's licence, an SPDX expression.",
        cell: |r| text(&r.record.rights.licence),
    },
    Column {
        name: "quoted_words",
        kind: Type::Integer,
        scope: Scope::All,
        description: "Words quoted from the work.",
        cell: |r| Cell::Integer(i64::try_from(r.record.rights.quoted_words).ok()),
    },
    Column {
        name: "helplines",
        kind: Type::List(LIST),
        scope: Scope::FlatOnly,
        description: "The country's helplines for victims as \"organisation <tel: URI>\" (the helplines table in SQLite).",
        cell: |r| {
            Cell::List(r.country.and_then(|c| c.helplines.as_ref()).map(|hs| {
                hs.iter()
                    .map(|h| Cow::Owned(format!("{} <{}>", h.organisation, tel(h))))
                    .collect()
            }))
        },
    },
    Column {
        name: "maintainer_notes",
        kind: Type::List(PARAGRAPHS),
        scope: Scope::All,
        description: "Notes by the dataset's maintainers.",
        cell: |r| list(&r.record.maintainer_notes),
    },
];

/// The columns written to tables that are not flat (Parquet, SQLite).
pub fn table_columns() -> impl Iterator<Item = &'static Column> {
    RECORD_COLUMNS.iter().filter(|c| c.scope == Scope::All)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for c in RECORD_COLUMNS {
            assert!(seen.insert(c.name), "{}", c.name);
            assert!(
                c.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                c.name
            );
        }
    }

    #[test]
    fn tel_uris() {
        let h = |n: &str, e: Option<&str>| Helpline {
            organisation: "M".into(),
            number: n.into(),
            calling_code: "51".into(),
            e164: e.map(String::from),
        };
        assert_eq!(
            tel(&h("01518 0000", Some("+5115180000"))),
            "tel:+5115180000"
        );
        assert_eq!(tel(&h("1818", None)), "tel:1818;phone-context=+51");
    }
}
