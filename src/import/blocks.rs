//! The sources of one section of a page. A source's header is its title, an optional
//! subtitle, its byline, an optional web address and availability sentence, then its
//! `[accessed …]` lines and an optional language marker; its passages, notes and locators
//! follow until the next header. A source without an accessed line is found by its title and
//! dated byline, and that is reported as a guess.

use crate::model::{Excerpt, PartialDate};

use super::classify::{self, title_like};
use super::excerpt;
use super::lines::Line;
use super::reader::Reader;

/// A source block as the page prints it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    /// The title line, with its markers and links.
    pub title: Line,
    pub subtitle: Option<String>,
    pub byline: Option<Line>,
    /// A web address printed on its own line, with its scheme, and whether it was assumed.
    pub address: Option<(String, bool, Line)>,
    pub availability: Option<Line>,
    pub accessed: Vec<PartialDate>,
    /// From a marker on its own line (`[SPANISH]`).
    pub language: Option<&'static str>,
    pub notes: Vec<String>,
    pub excerpts: Vec<Excerpt>,
    /// Found without an `[accessed …]` line.
    pub guessed: bool,
}

/// Header lines, as indexes into the section's lines.
struct Header {
    title: usize,
    subtitle: Option<usize>,
    byline: Option<usize>,
    address: Option<usize>,
    availability: Option<usize>,
    /// Where the header's lines end and its body (accessed lines first) starts.
    body: usize,
    guessed: bool,
}

/// A byline the import can recognise without an accessed line under it: short, not a
/// sentence, and ending with a date it can read.
fn dated_byline(text: &str) -> bool {
    text.chars().count() <= 200
        && !text.ends_with(['.', ';'])
        && classify::accessed(text).is_none()
        && super::byline::parse(text, "").date.is_some()
}

/// Read the sources of one section: `idx` are the section's unclaimed lines, in order;
/// `sources_only` says the stretch before the first accessed line holds sources too (it
/// follows the helplines or a featured marker), so headers are looked for there.
pub fn read(r: &mut Reader<'_>, idx: &[usize], sources_only: bool) -> (Vec<Block>, usize) {
    let all = r.lines;
    let line = |k: usize| all[idx[k]].text.as_str();
    let anchors: Vec<usize> = (0..idx.len())
        .filter(|&k| classify::accessed(line(k)).is_some())
        .collect();
    let mut headers: Vec<Header> = Vec::new();
    let mut prev = 0; // where the previous block's body starts
    let mut k = 0;
    while k < anchors.len() {
        let a = anchors[k];
        // Accessed lines in a row belong to one block.
        while k + 1 < anchors.len() && anchors[k + 1] == anchors[k] + 1 {
            k += 1;
        }
        k += 1;
        let mut top = a;
        let (mut address, mut availability) = (None, None);
        while top > prev {
            let t = line(top - 1);
            if availability.is_none() && classify::is_availability(t) {
                availability = Some(top - 1);
            } else if address.is_none() && classify::web_address(t).is_some() {
                address = Some(top - 1);
            } else {
                break;
            }
            top -= 1;
        }
        if top == prev && !headers.is_empty() {
            continue; // more accessed lines of the block above, after its notes
        }
        let Some(byline) = top.checked_sub(1).filter(|&b| b >= prev) else {
            continue; // an accessed line with nothing above it: reported as not understood
        };
        let mut h = Header {
            title: byline,
            subtitle: None,
            byline: None,
            address,
            availability,
            body: a,
            guessed: false,
        };
        if byline > prev && title_like(line(byline - 1)) {
            h.title = byline - 1;
            h.byline = Some(byline);
            // A subtitle is there if the line before the would-be title is title-like too,
            // and taking it leaves the block above at least one passage.
            let candidate = h.title.wrapping_sub(1);
            if h.title > prev
                && title_like(line(candidate))
                && title_like(line(h.title))
                && (headers.is_empty()
                    || (prev..candidate).any(|i| {
                        !classify::is_note(line(i)) && excerpt::lone_locator(line(i)).is_none()
                    }))
            {
                h.subtitle = Some(h.title);
                h.title = candidate;
            }
        }
        prev = a + 1;
        while prev < idx.len() && classify::accessed(line(prev)).is_some() {
            prev += 1;
        }
        headers.push(h);
    }
    // Sources without an accessed line: a title and a dated byline among the passages of the
    // block above (or, where only sources can be, before the first block).
    let first = headers.first().map_or(idx.len(), |h| h.title);
    let mut found = Vec::new();
    let scan = |from: usize, to: usize, found: &mut Vec<Header>| {
        let mut j = from;
        while j + 2 < to {
            if title_like(line(j)) && dated_byline(line(j + 1)) {
                found.push(Header {
                    title: j,
                    subtitle: None,
                    byline: Some(j + 1),
                    address: None,
                    availability: None,
                    body: j + 2,
                    guessed: true,
                });
                j += 2;
            } else {
                j += 1;
            }
        }
    };
    if sources_only {
        scan(0, first, &mut found);
    }
    for (n, h) in headers.iter().enumerate() {
        let end = headers.get(n + 1).map_or(idx.len(), |next| next.title);
        scan(h.body, end, &mut found);
    }
    headers.extend(found);
    headers.sort_by_key(|h| h.title);
    let lead = headers.first().map_or(idx.len(), |h| h.title);
    let mut out = Vec::new();
    for (n, h) in headers.iter().enumerate() {
        let end = headers.get(n + 1).map_or(idx.len(), |next| next.title);
        out.push(block(r, idx, h, end));
    }
    (out, lead)
}

fn block(r: &mut Reader<'_>, idx: &[usize], h: &Header, end: usize) -> Block {
    let at = |k: usize| idx[k];
    let mut b = Block {
        title: r.lines[at(h.title)].clone(),
        guessed: h.guessed,
        ..Block::default()
    };
    r.claim(at(h.title));
    if h.guessed {
        r.guess(
            at(h.title),
            "taken as a source's title: no [accessed] line follows, but a dated byline does",
        );
    }
    if let Some(s) = h.subtitle {
        b.subtitle = Some(r.text(at(s)).to_string());
        r.claim(at(s));
        report_links(r, at(s));
    }
    if let Some(l) = h.byline {
        b.byline = Some(r.lines[at(l)].clone());
        r.claim(at(l));
        report_links(r, at(l));
    }
    if let Some(l) = h.address {
        let (url, assumed) = classify::web_address(r.text(at(l))).unwrap_or_default();
        b.address = Some((url, assumed, r.lines[at(l)].clone()));
        r.claim(at(l));
    }
    if let Some(l) = h.availability {
        b.availability = Some(r.lines[at(l)].clone());
        r.claim(at(l));
    }
    let mut pending: Option<String> = None;
    for k in h.body..end {
        let i = at(k);
        let text = r.text(i);
        if let Some(all) = classify::accessed(text) {
            r.claim(i);
            for a in all {
                match a.date {
                    Some(d) if d.day.is_some() => b.accessed.push(d),
                    Some(_) => r.report(
                        i,
                        format!(
                            "the accessed date \"{}\" has no day, and `accessed` holds full dates: it is not kept",
                            a.printed
                        ),
                    ),
                    None => r.report(
                        i,
                        format!("the accessed date \"{}\" is not understood", a.printed),
                    ),
                }
            }
        } else if let Some(lang) = classify::language_marker(text) {
            r.claim(i);
            if b.language.is_some_and(|l| l != lang) {
                r.report(i, "a second language marker: not kept");
            }
            b.language = Some(lang);
        } else if let Some(note) = text.strip_prefix("Note::") {
            b.notes.push(super::lines::trim(note).to_string());
            r.claim(i);
            report_links(r, i);
        } else if let Some(loc) = excerpt::lone_locator(text) {
            pending = Some(loc.to_string());
            r.claim(i);
        } else if classify::web_address(text).is_some() {
            r.report(i, "a web address among a source's passages: not kept");
        } else {
            let e = excerpt::parse(text, pending.take());
            if title_like(text) && e.locator.is_none() && e.heading.is_none() {
                r.guess(
                    i,
                    "taken as a passage, though it reads like a title (a source with no [accessed] line and no dated byline?)",
                );
            }
            b.excerpts.push(e);
            r.claim(i);
            report_links(r, i);
        }
    }
    b
}

/// Links on a line whose field keeps no address are reported: only titles, addresses and
/// availability sentences have a place for one.
fn report_links(r: &mut Reader<'_>, i: usize) {
    let hrefs: Vec<String> = r.lines[i].links.iter().map(|l| l.href.clone()).collect();
    for href in hrefs {
        r.report(i, format!("its link to {href} is not kept"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::from_text;

    fn read_all(text: &str) -> (Vec<Block>, Vec<(usize, String)>, Vec<usize>) {
        let lines = from_text(text);
        let mut r = Reader::new(&lines);
        let idx: Vec<usize> = (0..lines.len()).collect();
        let (blocks, _) = read(&mut r, &idx, true);
        let (unplaced, guesses) = r.finish();
        (
            blocks,
            unplaced.into_iter().map(|u| (u.line, u.why)).collect(),
            guesses.into_iter().map(|g| g.line).collect(),
        )
    }

    #[test]
    fn an_address_line_and_a_language_line() {
        let (b, unplaced, guesses) = read_all(
            "ECPAT Country Monitoring Report [PDF]\nECPAT International, 2014\nwww.ecpat.org/x.pdf\n[accessed 6 September 2020]\n[SPANISH]\nDesk review.",
        );
        assert_eq!(b.len(), 1);
        assert_eq!(
            b[0].byline.as_ref().unwrap().text,
            "ECPAT International, 2014"
        );
        assert_eq!(
            b[0].address.as_ref().map(|a| (a.0.as_str(), a.1)),
            Some(("https://www.ecpat.org/x.pdf", true))
        );
        assert_eq!(b[0].language, Some("es"));
        assert_eq!(b[0].excerpts.len(), 1);
        assert!(unplaced.is_empty() && guesses.is_empty());
    }

    #[test]
    fn a_source_without_an_accessed_line_is_a_reported_guess() {
        let (b, unplaced, guesses) = read_all(
            "A Title\nOrg, 2019\n[accessed 1 May 2020]\nText one.\nSecond Title\nOther Org, March 2001\nText two.",
        );
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].title.text, "Second Title");
        assert!(b[1].accessed.is_empty() && b[1].guessed);
        assert_eq!(b[0].excerpts.len(), 1);
        assert_eq!(guesses, [5]);
        assert!(unplaced.is_empty());
    }

    #[test]
    fn two_dates_on_a_line_and_a_month_only_one() {
        let (b, unplaced, _) = read_all(
            "A Title\nOrg, 2019\n[Accessed 1 May 2020] [accessed 2 May 2021]\nText.\nB Title\nOrg, 2019\n[accessed May 2020]\nText.",
        );
        assert_eq!(b[0].accessed.len(), 2);
        assert!(b[1].accessed.is_empty());
        assert_eq!(unplaced.len(), 1);
        assert_eq!(unplaced[0].0, 7);
        assert!(unplaced[0].1.contains("has no day"), "{unplaced:?}");
    }
}
