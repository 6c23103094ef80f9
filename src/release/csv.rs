//! `records.csv`: one row per record in flat columns, defined once in [`COLUMNS`] (which also
//! gives the Frictionless Table Schema and the column reference). Multi-valued fields are
//! joined with `"; "`; excerpts and notes, which hold their own semicolons, with a blank line.
//! Any cell a spreadsheet would run as a formula is neutralised with a leading apostrophe.

use crate::model::{Country, Record, wire_name};
use crate::snapshot::Snapshot;

/// The type of a column, as Frictionless Table Schema names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
    Date,
}

impl Type {
    pub fn as_str(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Date => "date",
        }
    }
}

/// One column: its name, type, description, and how to fill it.
pub struct Column {
    pub name: &'static str,
    pub kind: Type,
    pub description: &'static str,
    pub cell: fn(&Record, Option<&Country>) -> String,
}

const LIST: &str = "; ";
const PARAGRAPHS: &str = "\n\n";

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// An excerpt as one paragraph: `[locator] HEADING: text`.
pub fn excerpt_line(e: &crate::model::Excerpt) -> String {
    let mut s = String::new();
    if let Some(l) = &e.locator {
        s.push_str(&format!("[{l}] "));
    }
    if let Some(h) = &e.heading {
        s.push_str(&format!("{h}: "));
    }
    s.push_str(&e.text);
    s
}

/// A helpline as a `tel:` URI (RFC 3966): global numbers in E.164, short codes as local
/// numbers with the country's calling code as their context.
pub fn tel(h: &crate::model::Helpline) -> String {
    match &h.e164 {
        Some(e) => format!("tel:{e}"),
        None => {
            let digits = crate::reference::numbering::digits(&h.number);
            format!("tel:{digits};phone-context=+{}", h.calling_code)
        }
    }
}

pub static COLUMNS: &[Column] = &[
    Column {
        name: "id",
        kind: Type::String,
        description: "The record's id (unique).",
        cell: |r, _| r.id.clone(),
    },
    Column {
        name: "country",
        kind: Type::String,
        description: "ISO 3166-1 alpha-2 code of the country.",
        cell: |r, _| r.country.clone(),
    },
    Column {
        name: "country_name",
        kind: Type::String,
        description: "The country's short name.",
        cell: |_, c| c.map(|c| c.name.clone()).unwrap_or_default(),
    },
    Column {
        name: "topics",
        kind: Type::String,
        description: "Topic ids, joined with \"; \".",
        cell: |r, _| r.topics.join(LIST),
    },
    Column {
        name: "section",
        kind: Type::String,
        description: "Where the source sat on the compiled page: featured or archive.",
        cell: |r, _| {
            r.placement
                .map(|p| wire_name(&p.section))
                .unwrap_or_default()
        },
    },
    Column {
        name: "position",
        kind: Type::Integer,
        description: "1-based position within the section.",
        cell: |r, _| {
            r.placement
                .map(|p| p.position.to_string())
                .unwrap_or_default()
        },
    },
    Column {
        name: "title",
        kind: Type::String,
        description: "The title as printed.",
        cell: |r, _| r.title.clone(),
    },
    Column {
        name: "subtitle",
        kind: Type::String,
        description: "The subtitle.",
        cell: |r, _| opt(&r.subtitle),
    },
    Column {
        name: "series",
        kind: Type::String,
        description: "The series or report family.",
        cell: |r, _| opt(&r.series),
    },
    Column {
        name: "edition",
        kind: Type::String,
        description: "The edition of the series.",
        cell: |r, _| opt(&r.edition),
    },
    Column {
        name: "authors",
        kind: Type::String,
        description: "Authors as \"Family, Given\", joined with \"; \".",
        cell: |r, _| {
            r.authors()
                .iter()
                .map(|p| match &p.given {
                    Some(g) => format!("{}, {g}", p.family),
                    None => p.family.clone(),
                })
                .collect::<Vec<_>>()
                .join(LIST)
        },
    },
    Column {
        name: "publisher",
        kind: Type::String,
        description: "The publishing organisation.",
        cell: |r, _| {
            r.publisher
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default()
        },
    },
    Column {
        name: "publisher_units",
        kind: Type::String,
        description: "The publisher's sub-units, largest first, joined with \"; \".",
        cell: |r, _| {
            r.publisher
                .as_ref()
                .and_then(|p| p.units.as_ref())
                .map(|u| u.join(LIST))
                .unwrap_or_default()
        },
    },
    Column {
        name: "publisher_abbreviation",
        kind: Type::String,
        description: "The publisher's abbreviation.",
        cell: |r, _| {
            r.publisher
                .as_ref()
                .map(|p| opt(&p.abbreviation))
                .unwrap_or_default()
        },
    },
    Column {
        name: "place",
        kind: Type::String,
        description: "The dateline place.",
        cell: |r, _| opt(&r.place),
    },
    Column {
        name: "identifiers",
        kind: Type::String,
        description: "Document identifiers as \"kind: value\", joined with \"; \".",
        cell: |r, _| {
            r.identifiers
                .iter()
                .flatten()
                .map(|i| format!("{}: {}", wire_name(&i.kind), i.value))
                .collect::<Vec<_>>()
                .join(LIST)
        },
    },
    Column {
        name: "published",
        kind: Type::String,
        description: "Publication date as an ISO 8601 partial date: YYYY, YYYY-MM or YYYY-MM-DD.",
        cell: |r, _| {
            r.published
                .as_ref()
                .map(|p| p.date.to_string())
                .unwrap_or_default()
        },
    },
    Column {
        name: "published_as_printed",
        kind: Type::String,
        description: "The publication date exactly as printed.",
        cell: |r, _| {
            r.published
                .as_ref()
                .map(|p| opt(&p.as_printed))
                .unwrap_or_default()
        },
    },
    Column {
        name: "byline",
        kind: Type::String,
        description: "The line under the title as printed.",
        cell: |r, _| opt(&r.byline),
    },
    Column {
        name: "accessed",
        kind: Type::String,
        description: "Dates the source was accessed (YYYY-MM-DD), joined with \"; \".",
        cell: |r, _| {
            r.accessed()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(LIST)
        },
    },
    Column {
        name: "last_accessed",
        kind: Type::Date,
        description: "The latest accessed date.",
        cell: |r, _| {
            r.accessed()
                .iter()
                .max_by(|a, b| a.cmp_coarse(b))
                .map(ToString::to_string)
                .unwrap_or_default()
        },
    },
    Column {
        name: "format",
        kind: Type::String,
        description: "Document format (pdf, doc, html, ...).",
        cell: |r, _| opt(&r.format),
    },
    Column {
        name: "language",
        kind: Type::String,
        description: "Document language, a BCP 47 tag.",
        cell: |r, _| opt(&r.language),
    },
    Column {
        name: "url",
        kind: Type::String,
        description: "The publisher's address of the work.",
        cell: |r, _| {
            r.urls
                .as_ref()
                .map(|u| opt(&u.original))
                .unwrap_or_default()
        },
    },
    Column {
        name: "archived_url",
        kind: Type::String,
        description: "A web-archive copy of the work.",
        cell: |r, _| {
            r.urls
                .as_ref()
                .map(|u| opt(&u.archived))
                .unwrap_or_default()
        },
    },
    Column {
        name: "availability",
        kind: Type::String,
        description: "What the page says about where the work can be found.",
        cell: |r, _| opt(&r.availability),
    },
    Column {
        name: "excerpt_count",
        kind: Type::Integer,
        description: "How many excerpts the record quotes.",
        cell: |r, _| r.excerpts().len().to_string(),
    },
    Column {
        name: "excerpts",
        kind: Type::String,
        description: "The excerpts as \"[locator] HEADING: text\", separated by a blank line.",
        cell: |r, _| {
            r.excerpts()
                .iter()
                .map(excerpt_line)
                .collect::<Vec<_>>()
                .join(PARAGRAPHS)
        },
    },
    Column {
        name: "notes",
        kind: Type::String,
        description: "Notes printed about the source, separated by a blank line.",
        cell: |r, _| {
            r.notes
                .iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(PARAGRAPHS)
        },
    },
    Column {
        name: "cross_references",
        kind: Type::String,
        description: "Pointers to related works, separated by a blank line.",
        cell: |r, _| {
            r.cross_references
                .iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(PARAGRAPHS)
        },
    },
    Column {
        name: "rights_status",
        kind: Type::String,
        description: "public_domain, copyrighted, licensed or unknown.",
        cell: |r, _| wire_name(&r.rights.status),
    },
    Column {
        name: "rights_holder",
        kind: Type::String,
        description: "The copyright holder.",
        cell: |r, _| opt(&r.rights.holder),
    },
    Column {
        name: "rights_basis",
        kind: Type::String,
        description: "The basis for quoting: us_government_work, fair_use or licence.",
        cell: |r, _| r.rights.basis.map(|b| wire_name(&b)).unwrap_or_default(),
    },
    Column {
        name: "licence",
        kind: Type::String,
        description: "The work's licence, an SPDX expression.",
        cell: |r, _| opt(&r.rights.licence),
    },
    Column {
        name: "quoted_words",
        kind: Type::Integer,
        description: "Words quoted from the work.",
        cell: |r, _| r.rights.quoted_words.to_string(),
    },
    Column {
        name: "helplines",
        kind: Type::String,
        description: "The country's helplines for victims as \"organisation <tel: URI>\", joined with \"; \".",
        cell: |_, c| {
            c.and_then(|c| c.helplines.as_ref())
                .map(|hs| {
                    hs.iter()
                        .map(|h| format!("{} <{}>", h.organisation, tel(h)))
                        .collect::<Vec<_>>()
                        .join(LIST)
                })
                .unwrap_or_default()
        },
    },
    Column {
        name: "maintainer_notes",
        kind: Type::String,
        description: "Notes by the dataset's maintainers, separated by a blank line.",
        cell: |r, _| {
            r.maintainer_notes
                .iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(PARAGRAPHS)
        },
    },
];

/// A cell a spreadsheet would evaluate as a formula (OWASP "CSV injection", CWE-1236) starts
/// with one of these.
const FORMULA_START: &[char] = &['=', '+', '-', '@', '\t', '\r', '\n'];

/// Whether a cell, past any apostrophes it begins with, starts a formula. Apostrophes count so
/// that a cell that really begins with `'=` survives the round trip too.
fn guarded(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// Prefix a cell that a spreadsheet would run as a formula with an apostrophe.
pub fn neutralise(cell: String) -> String {
    if guarded(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Undo [`neutralise`]: for readers who want the data exactly.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if guarded(rest) => rest,
        _ => cell,
    }
}

/// The CSV file's bytes.
pub fn write(data: &Snapshot) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(COLUMNS.iter().map(|c| c.name))
        .expect("writing to memory");
    for r in &data.records {
        let country = data.country(&r.country);
        w.write_record(COLUMNS.iter().map(|c| neutralise((c.cell)(r, country))))
            .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for s in [
            "=HYPERLINK(\"x\")",
            "+51 1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\nx",
        ] {
            let n = neutralise(s.to_string());
            assert!(n.starts_with('\''), "{s:?}");
            assert_eq!(restore(&n), s);
        }
        for s in ["'=x", "''=x"] {
            assert_eq!(restore(&neutralise(s.to_string())), s);
        }
        for s in ["Peru", "2004-03-16", "'quoted", "tel:+5115180000", ""] {
            assert_eq!(neutralise(s.to_string()), s);
            assert_eq!(restore(s), s);
        }
    }

    #[test]
    fn tel_uris() {
        let h = |n: &str, e: Option<&str>| crate::model::Helpline {
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

    #[test]
    fn column_names_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for c in COLUMNS {
            assert!(seen.insert(c.name), "{}", c.name);
            assert!(
                c.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                c.name
            );
        }
    }
}
