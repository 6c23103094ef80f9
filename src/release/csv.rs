//! `records.csv` and `excerpts.csv`, written for spreadsheets as much as for programs: UTF-8
//! with a byte-order mark (without one, Excel and LibreOffice read the file in a Western code
//! page and "Fundación" becomes "FundaciÃ³n"), LF line ends, a header row; every text cell
//! quoted and numbers and full dates not, so an import that takes quoted cells as text (as
//! docs/release.md says to) never turns an id, a partial date or "1E5" into a number; and any
//! cell a spreadsheet would run as a formula neutralised with a leading apostrophe.

use std::io::Write as _;

use super::columns::{Cell, RECORD_COLUMNS, Row, Type};
use super::excerpts::{EXCERPT_COLUMNS, rows};
use crate::model::Record;

pub use super::columns::excerpt_line;

/// The UTF-8 byte-order mark every CSV file starts with.
pub const BOM: &str = "\u{feff}";

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

/// Append a text cell: quoted, quotes doubled, neutralised.
fn quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    if guarded(s) {
        out.push(b'\'');
    }
    // Copied in runs between quotes, each quote written twice: most cells have none, and
    // memchr finds that a block at a time.
    let mut b = s.as_bytes();
    while let Some(at) = memchr::memchr(b'"', b) {
        out.extend_from_slice(&b[..=at]);
        out.push(b'"');
        b = &b[at + 1..];
    }
    out.extend_from_slice(b);
    out.push(b'"');
}

/// Append one cell as the column's type wants it. An absent value is an empty, unquoted cell.
fn cell(out: &mut Vec<u8>, kind: Type, value: &Cell<'_>) {
    match value {
        Cell::Text(Some(s)) => quoted(out, s),
        Cell::List(Some(items)) => {
            let sep = match kind {
                Type::List(sep) => sep,
                _ => super::columns::LIST,
            };
            quoted(out, &items.join(sep));
        }
        Cell::Dates(Some(dates)) => {
            let joined: Vec<String> = dates.iter().map(ToString::to_string).collect();
            quoted(out, &joined.join(super::columns::LIST));
        }
        Cell::Integer(Some(n)) => write!(out, "{n}").expect("a Vec takes every write"),
        Cell::Date(Some(d)) => d.append_to(out),
        Cell::Text(None)
        | Cell::List(None)
        | Cell::Dates(None)
        | Cell::Integer(None)
        | Cell::Date(None) => {}
    }
}

/// The byte-order mark and header row of a file with these column names.
fn header<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    for (i, name) in names.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(name.as_bytes());
    }
    out.push(b'\n');
    out
}

/// The start of `records.csv`.
pub fn records_header() -> Vec<u8> {
    header(RECORD_COLUMNS.iter().map(|c| c.name))
}

/// The start of `excerpts.csv`.
pub fn excerpts_header() -> Vec<u8> {
    header(EXCERPT_COLUMNS.iter().map(|c| c.name))
}

/// A record's row of `records.csv`.
pub fn record_row(out: &mut Vec<u8>, row: &Row<'_>) {
    for (i, c) in RECORD_COLUMNS.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cell(out, c.kind, &(c.cell)(row));
    }
    out.push(b'\n');
}

/// A record's rows of `excerpts.csv`, one per excerpt, with the words of each.
pub fn excerpt_rows(out: &mut Vec<u8>, record: &Record, words: &[u64]) {
    for x in rows(record, words) {
        for (i, c) in EXCERPT_COLUMNS.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            cell(out, c.kind, &(c.cell)(&x));
        }
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

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

    fn one(kind: Type, value: Cell<'_>) -> String {
        let mut out = Vec::new();
        cell(&mut out, kind, &value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_quoted_numbers_and_dates_are_not() {
        let t = |s: &'static str| Cell::Text(Some(Cow::Borrowed(s)));
        assert_eq!(one(Type::Text, t("1E5")), "\"1E5\"");
        assert_eq!(one(Type::Text, t("say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(one(Type::Text, t("\"\"")), "\"\"\"\"\"\"");
        assert_eq!(one(Type::Text, t("=1+1")), "\"'=1+1\"");
        assert_eq!(one(Type::Text, t("")), "\"\"");
        assert_eq!(one(Type::Text, Cell::Text(None)), "");
        assert_eq!(one(Type::Integer, Cell::Integer(Some(2001))), "2001");
        assert_eq!(one(Type::Integer, Cell::Integer(None)), "");
        let d = "2004-03-16".parse().unwrap();
        assert_eq!(one(Type::Date, Cell::Date(Some(d))), "2004-03-16");
        let list = Cell::List(Some(vec![Cow::Borrowed("a"), Cow::Borrowed("b")]));
        assert_eq!(one(Type::List("; "), list.clone()), "\"a; b\"");
        assert_eq!(one(Type::List("\n\n"), list), "\"a\n\nb\"");
    }

    proptest::proptest! {
        /// A CSV reader gets every text back as written (neutralised), quotes and all.
        #[test]
        fn any_text_reads_back(s in "[\"a,\n'=]{0,12}|\\PC{0,40}") {
            let mut line = Vec::new();
            quoted(&mut line, &s);
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_slice());
            let record = reader.records().next().unwrap().unwrap();
            proptest::prop_assert_eq!(record.len(), 1);
            let expected = neutralise(s.clone());
            proptest::prop_assert_eq!(&record[0], expected.as_str());
        }
    }

    #[test]
    fn the_header_starts_with_a_byte_order_mark() {
        let h = String::from_utf8(records_header()).unwrap();
        assert!(h.starts_with("\u{feff}id,country,"), "{h}");
        assert!(h.ends_with(",maintainer_notes\n"), "{h}");
    }
}
