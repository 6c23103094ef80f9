//! The excerpts table: one row per excerpt, with its record's id, so that "which sources quote
//! the word X, by year" is a filter and a join rather than string splitting. Written as
//! `excerpts.csv`, `excerpts.parquet` and the `excerpts` table of the SQLite database.

use std::borrow::Cow;

use super::columns::{Cell, Type};
use crate::model::{Excerpt, Record, count_words};

/// One excerpt and the record it belongs to.
pub struct ExcerptRow<'a> {
    pub record: &'a Record,
    /// 1-based, in printed order.
    pub number: usize,
    pub excerpt: &'a Excerpt,
    /// Its [`words`], counted once for every file that has the column.
    pub words: u64,
}

/// One column of the excerpts table.
pub struct ExcerptColumn {
    pub name: &'static str,
    pub kind: Type,
    pub description: &'static str,
    pub cell: for<'a> fn(&ExcerptRow<'a>) -> Cell<'a>,
}

/// Words as the dataset counts them in an excerpt: its heading's and its text's, so that a
/// record's excerpts add up to its `quoted_words`.
pub fn words(e: &Excerpt) -> u64 {
    e.heading.as_deref().map_or(0, count_words) + count_words(&e.text)
}

pub static EXCERPT_COLUMNS: &[ExcerptColumn] = &[
    ExcerptColumn {
        name: "record_id",
        kind: Type::Text,
        description: "The id of the record that quotes the excerpt.",
        cell: |x| Cell::Text(Some(Cow::Borrowed(&x.record.id))),
    },
    ExcerptColumn {
        name: "country",
        kind: Type::Text,
        description: "ISO 3166-1 alpha-2 code of the record's country.",
        cell: |x| Cell::Text(Some(Cow::Borrowed(&x.record.country))),
    },
    ExcerptColumn {
        name: "number",
        kind: Type::Integer,
        description: "The excerpt's place among the record's excerpts, from 1, in printed order.",
        cell: |x| Cell::Integer(Some(x.number as i64)),
    },
    ExcerptColumn {
        name: "locator",
        kind: Type::Text,
        description: "Where in the work the passage is, as printed: a page, a paragraph number or a section letter.",
        cell: |x| Cell::Text(x.excerpt.locator.as_deref().map(Cow::Borrowed)),
    },
    ExcerptColumn {
        name: "heading",
        kind: Type::Text,
        description: "The heading printed before the passage.",
        cell: |x| Cell::Text(x.excerpt.heading.as_deref().map(Cow::Borrowed)),
    },
    ExcerptColumn {
        name: "text",
        kind: Type::Text,
        description: "The passage exactly as printed.",
        cell: |x| Cell::Text(Some(Cow::Borrowed(&x.excerpt.text))),
    },
    ExcerptColumn {
        name: "words",
        kind: Type::Integer,
        description: "Words in the heading and the text, counted as `quoted_words` counts them (runs of non-whitespace characters): a record's excerpts add up to its `quoted_words`.",
        cell: |x| Cell::Integer(i64::try_from(x.words).ok()),
    },
];

/// A record with the words of each of its excerpts, counted once for the Parquet and SQLite
/// tables (which only the `analyst-formats` feature writes; without it nothing reads this).
#[cfg_attr(not(feature = "analyst-formats"), allow(dead_code))]
pub struct Counted {
    pub record: Record,
    pub words: Vec<u64>,
}

/// The words of each of a record's excerpts.
pub fn count(record: &Record) -> Vec<u64> {
    record.excerpts().iter().map(words).collect()
}

/// A record's excerpt rows, with the words of each as [`count`] gives them.
pub fn rows<'a>(record: &'a Record, words: &'a [u64]) -> impl Iterator<Item = ExcerptRow<'a>> {
    record
        .excerpts()
        .iter()
        .zip(words)
        .enumerate()
        .map(move |(i, (excerpt, words))| ExcerptRow {
            record,
            number: i + 1,
            excerpt,
            words: *words,
        })
}
