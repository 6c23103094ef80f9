//! A source as BibTeX and as RIS, the two formats reference managers (Zotero, EndNote, JabRef,
//! Mendeley) import besides CSL-JSON. The kind of work is the one the CSL mapping decides
//! ([`csl::item_type`]), so every download of a source agrees on what it is.

use std::fmt::Write;

use crate::model::{IdentifierKind, PartialDate, Record};
use crate::release::csl;

use super::words;

const BIB_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Text inside a BibTeX field: the characters TeX reads as commands escaped.
fn tex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

fn title(r: &Record) -> String {
    match &r.subtitle {
        Some(s) => format!("{}: {s}", r.title),
        None => r.title.clone(),
    }
}

fn identifier(r: &Record, kind: IdentifierKind) -> Option<&str> {
    r.identifiers
        .iter()
        .flatten()
        .find(|i| i.kind == kind)
        .map(|i| i.value.as_str())
}

fn url(r: &Record) -> Option<&str> {
    let u = r.urls.as_ref()?;
    u.original.as_deref().or(u.archived.as_deref())
}

fn latest_access(r: &Record) -> Option<&PartialDate> {
    r.accessed().iter().max_by(|a, b| a.cmp_coarse(b))
}

/// One BibTeX entry, keyed by the record's id, in the fields BibTeX and BibLaTeX share (and
/// `urldate`, which BibLaTeX reads and BibTeX ignores).
pub fn bibtex(r: &Record) -> String {
    let kind = csl::item_type(r);
    let entry = match kind {
        "article-newspaper" => "article",
        "webpage" => "misc",
        _ => "techreport",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    let people: Vec<String> = r
        .authors()
        .iter()
        .map(|p| match &p.given {
            Some(g) => format!("{}, {}", tex(&p.family), tex(g)),
            None => tex(&p.family),
        })
        .collect();
    if !people.is_empty() {
        fields.push(("author", people.join(" and ")));
    }
    fields.push(("title", tex(&title(r))));
    if let (Some(p), Some(full)) = (&r.publisher, csl::publisher(r)) {
        match entry {
            "article" => fields.push(("journal", tex(&p.name))),
            "techreport" => fields.push(("institution", tex(&full))),
            _ => fields.push(("organization", tex(&full))),
        }
    }
    if let Some(s) = &r.series {
        fields.push(("series", tex(s)));
    }
    if let Some(n) = identifier(r, IdentifierKind::ReportNumber) {
        fields.push(("number", tex(n)));
    }
    let mut month = None;
    if let Some(p) = &r.published {
        fields.push(("year", p.date.year.to_string()));
        month = p.date.month.map(|m| BIB_MONTHS[usize::from(m) - 1]);
    }
    if let Some(u) = url(r) {
        // The url package reads the address verbatim; only braces would end the field.
        fields.push(("url", u.replace(['{', '}'], "")));
    }
    if let Some(a) = latest_access(r) {
        fields.push(("urldate", a.to_string()));
    }
    if let Some(l) = &r.language {
        fields.push(("language", words::language(l)));
    }
    for (kind, name) in [
        (IdentifierKind::Doi, "doi"),
        (IdentifierKind::Isbn, "isbn"),
        (IdentifierKind::Issn, "issn"),
    ] {
        if let Some(v) = identifier(r, kind) {
            fields.push((name, tex(v)));
        }
    }
    if let Some(f) = &r.format {
        fields.push(("howpublished", words::format(f)));
    }
    let mut s = format!("@{entry}{{{},\n", r.id);
    for (k, v) in &fields {
        let _ = writeln!(s, "  {k} = {{{v}}},");
    }
    if let Some(m) = month {
        // A month macro, so styles print the month in their own language and form.
        let _ = writeln!(s, "  month = {m},");
    }
    s.push_str("}\n");
    s
}

/// A date as RIS writes it: `YYYY/MM/DD/`, with the parts not known left empty.
fn ris_date(d: &PartialDate) -> String {
    let two = |p: Option<u8>| p.map(|v| format!("{v:02}")).unwrap_or_default();
    format!("{:04}/{}/{}/", d.year, two(d.month), two(d.day))
}

/// One RIS record (the 2011 tag set), lines ended with CR LF as the format asks.
pub fn ris(r: &Record) -> String {
    let kind = csl::item_type(r);
    let mut lines: Vec<(&str, String)> = vec![(
        "TY",
        match kind {
            "article-newspaper" => "NEWS",
            "webpage" => "ELEC",
            _ => "RPRT",
        }
        .to_string(),
    )];
    lines.push(("ID", r.id.clone()));
    lines.push(("TI", title(r)));
    for p in r.authors() {
        lines.push((
            "AU",
            match &p.given {
                Some(g) => format!("{}, {g}", p.family),
                None => p.family.clone(),
            },
        ));
    }
    if let (Some(p), Some(full)) = (&r.publisher, csl::publisher(r)) {
        if kind == "article-newspaper" {
            lines.push(("T2", p.name.clone()));
        } else {
            lines.push(("PB", full));
        }
    }
    if let Some(s) = &r.series {
        lines.push(("T3", s.clone()));
    }
    if let Some(n) = identifier(r, IdentifierKind::ReportNumber) {
        lines.push(("IS", n.to_string()));
    }
    if let Some(p) = &r.published {
        lines.push(("PY", format!("{:04}", p.date.year)));
        lines.push(("DA", ris_date(&p.date)));
    }
    if let Some(a) = latest_access(r) {
        lines.push(("Y2", ris_date(a)));
    }
    if let Some(u) = url(r) {
        lines.push(("UR", u.to_string()));
    }
    if let Some(l) = &r.language {
        lines.push(("LA", words::language(l)));
    }
    if let Some(f) = &r.format {
        lines.push(("M3", words::format(f)));
    }
    if let Some(v) = identifier(r, IdentifierKind::Doi) {
        lines.push(("DO", v.to_string()));
    }
    for kind in [IdentifierKind::Isbn, IdentifierKind::Issn] {
        if let Some(v) = identifier(r, kind) {
            lines.push(("SN", v.to_string()));
        }
    }
    let mut s = String::new();
    for (tag, value) in lines {
        // A value is one line: RIS has no continuation lines.
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        let _ = write!(s, "{tag}  - {value}\r\n");
    }
    s.push_str("ER  - \r\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(extra: serde_json::Value) -> Record {
        let mut v = serde_json::json!({
            "id": "pe-2006-x",
            "country": "PE",
            "topics": ["csec"],
            "title": "In Peruvian jungle city, church works to help child prostitutes",
            "authors": [{ "family": "Fraser", "given": "Barbara J." }],
            "publisher": { "name": "Catholic News Service", "abbreviation": "CNS" },
            "published": { "date": "2006-04-25", "as_printed": "Apr-25-2006" },
            "accessed": ["2011-07-05"],
            "rights": { "status": "copyrighted", "holder": "CNS", "basis": "fair_use", "quoted_words": 0 }
        });
        for (k, x) in extra.as_object().unwrap() {
            v[k] = x.clone();
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn bibtex_of_a_news_item() {
        insta::assert_snapshot!(bibtex(&record(serde_json::json!({}))), @r"
        @article{pe-2006-x,
          author = {Fraser, Barbara J.},
          title = {In Peruvian jungle city, church works to help child prostitutes},
          journal = {Catholic News Service},
          year = {2006},
          urldate = {2011-07-05},
          month = apr,
        }
        ");
    }

    #[test]
    fn bibtex_escapes_what_tex_reads() {
        let r = record(serde_json::json!({ "title": "50% of {x} & y_z #1 ~ a\\b" }));
        assert!(
            bibtex(&r).contains(
                r"title = {50\% of \{x\} \& y\_z \#1 \textasciitilde{} a\textbackslash{}b},"
            ),
            "{}",
            bibtex(&r)
        );
    }

    #[test]
    fn ris_of_a_report() {
        let r = record(serde_json::json!({
            "authors": [],
            "publisher": { "name": "ECPAT International" },
            "published": { "date": "2001-11" },
            "format": "pdf",
            "language": "es",
            "urls": { "original": "https://example.org/r.pdf" }
        }));
        let text = ris(&r);
        assert_eq!(
            text.matches("\r\n").count(),
            text.matches('\n').count(),
            "CR LF line ends"
        );
        insta::assert_snapshot!(text.replace('\r', ""), @r"
        TY  - RPRT
        ID  - pe-2006-x
        TI  - In Peruvian jungle city, church works to help child prostitutes
        PB  - ECPAT International
        PY  - 2001
        DA  - 2001/11//
        Y2  - 2011/07/05/
        UR  - https://example.org/r.pdf
        LA  - Spanish
        M3  - PDF
        ER  -
        ");
    }
}
