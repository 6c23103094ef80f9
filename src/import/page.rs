//! The structure of a compiled country page in its plain-text layout: menu and topic heading,
//! coverage line, official name, profile with its attribution, caution and term-paper
//! notices, helplines, featured sources, the "*** ARCHIVES ***" divider, archived sources, and
//! the fair-use and "cite this page" footer. Every line is either placed or left unplaced.

use std::collections::BTreeSet;

use crate::model::{Excerpt, PartialDate, Section, parse_printed};

use super::excerpt;

/// One non-blank line: its 1-based number and its text without surrounding whitespace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Line {
    pub number: usize,
    pub text: String,
}

/// A source block as the page prints it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    pub section: Option<Section>,
    pub position: u32,
    /// The title line, with its markers.
    pub title_line: Line,
    pub subtitle: Option<String>,
    pub byline: Option<Line>,
    pub availability: Option<String>,
    pub accessed: Vec<PartialDate>,
    pub notes: Vec<String>,
    pub excerpts: Vec<Excerpt>,
}

/// The profile quoted at the top of the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub paragraphs: Vec<String>,
    /// The attribution, without its brackets ("The World Factbook, U.S.C.I.A. 2009").
    pub attribution: String,
}

/// Everything read from a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub menu: Vec<String>,
    pub topic_heading: Option<String>,
    pub coverage: Option<Line>,
    pub official_name: Option<String>,
    pub profile: Option<Profile>,
    pub caution: Option<Line>,
    pub term_paper: Vec<Line>,
    /// (organisation, number as printed, calling code)
    pub helplines: Vec<(String, String, String)>,
    pub blocks: Vec<Block>,
    pub fair_use: Option<Line>,
    pub cite: Option<Line>,
    /// Lines placed nowhere.
    pub unplaced: Vec<Line>,
}

impl Page {
    /// The page's title, from its "cite this page" line: the quoted part.
    pub fn title(&self) -> Option<String> {
        let cite = &self.cite.as_ref()?.text;
        let start = cite.find('"')? + 1;
        let end = start + cite[start..].find('"')?;
        Some(cite[start..end].to_string())
    }

    /// The country's short name: the page title's last part ("Child Prostitution - Peru").
    pub fn country_name(&self) -> Option<String> {
        self.title()
            .and_then(|t| t.rsplit(" - ").next().map(str::to_string))
    }
}

/// Whitespace including the no-break spaces pages pad lines with.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace())
}

pub fn lines(text: &str) -> Vec<Line> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Line {
            number: i + 1,
            text: trim(l).to_string(),
        })
        .filter(|l| !l.text.is_empty())
        .collect()
}

fn accessed_date(text: &str) -> Option<PartialDate> {
    let inner = text.strip_prefix("[accessed ")?.strip_suffix(']')?;
    parse_printed(inner)
}

fn is_accessed(text: &str) -> bool {
    text.starts_with("[accessed ") && text.ends_with(']')
}

fn is_note(text: &str) -> bool {
    text.starts_with("Note::")
}

/// A sentence about where a source can be found, as pages print under bylines.
fn is_availability(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "at one time this article",
        "may possibly still be accessible",
        "no longer available",
        "this article is no longer",
    ]
    .iter()
    .any(|p| t.contains(p))
}

/// Short enough, and not ending as sentences do, to be a title or subtitle.
fn title_like(text: &str) -> bool {
    text.chars().count() <= 160
        && !text.ends_with(['.', ';', ','])
        && !is_accessed(text)
        && !is_note(text)
        && excerpt::lone_locator(text).is_none()
}

const DIVIDER: &str = "*** ARCHIVES ***";
const CITE: &str = "Cite this webpage as: ";

/// Read a page. `topics` are the topic names of the dataset (to tell the menu and heading).
pub fn parse(text: &str, topics: &[String]) -> Page {
    let all = lines(text);
    let mut page = Page::default();
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let take = |l: &Line, used: &mut BTreeSet<usize>| {
        used.insert(l.number);
    };

    // The footer: fair use, then "Cite this webpage as:", possibly on one line.
    let footer_at = all
        .iter()
        .position(|l| l.text.contains(CITE) || l.text.starts_with("All material used herein"));
    if let Some(i) = footer_at {
        for l in &all[i..] {
            if let Some(at) = l.text.find(CITE) {
                let (fair, cite) = l.text.split_at(at);
                let fair = trim(fair);
                if !fair.is_empty() {
                    page.fair_use = Some(Line {
                        number: l.number,
                        text: fair.to_string(),
                    });
                }
                page.cite = Some(Line {
                    number: l.number,
                    text: cite[CITE.len()..].to_string(),
                });
                take(l, &mut used);
            } else if l.text.starts_with("All material used herein") {
                page.fair_use = Some(l.clone());
                take(l, &mut used);
            }
        }
    }
    let body = &all[..footer_at.unwrap_or(all.len())];

    // The preamble ends where the helpline block does, or at the first source's header.
    let coverage_at = body.iter().position(|l| {
        let t = l.text.as_str();
        t.contains(" to ")
            && t.split(|c: char| !c.is_ascii_digit())
                .filter(|w| w.len() == 4)
                .count()
                >= 2
    });
    if let Some(c) = coverage_at {
        page.coverage = Some(body[c].clone());
        take(&body[c], &mut used);
        if c > 0 && topics.contains(&body[c - 1].text) {
            page.topic_heading = Some(body[c - 1].text.clone());
            take(&body[c - 1], &mut used);
        }
        for l in &body[..c.saturating_sub(1)] {
            if l.text == "Main Menu" || topics.contains(&l.text) {
                page.menu.push(l.text.clone());
                take(l, &mut used);
            }
        }
        // The official name, then the profile up to its bracketed attribution.
        let mut i = c + 1;
        if let Some(l) = body
            .get(i)
            .filter(|l| title_like(&l.text) && !l.text.starts_with("CAUTION"))
        {
            page.official_name = Some(l.text.clone());
            take(l, &mut used);
            i += 1;
        }
        let start = i;
        while let Some(l) = body.get(i) {
            if l.text.starts_with("CAUTION") {
                break;
            }
            if let Some(open) = l.text.rfind('[').filter(|_| l.text.ends_with(']')) {
                let attribution = l.text[open + 1..l.text.len() - 1].to_string();
                let mut paragraphs: Vec<String> =
                    body[start..i].iter().map(|l| l.text.clone()).collect();
                paragraphs.push(trim(&l.text[..open]).to_string());
                for l in &body[start..=i] {
                    take(l, &mut used);
                }
                page.profile = Some(Profile {
                    paragraphs,
                    attribution,
                });
                break;
            }
            i += 1;
        }
    }

    // The caution and the advice to students that follows it, up to the helplines.
    let help_at = body
        .iter()
        .position(|l| l.text.eq_ignore_ascii_case("HELP for Victims"));
    if let Some(c) = body.iter().position(|l| l.text.starts_with("CAUTION:")) {
        page.caution = Some(body[c].clone());
        take(&body[c], &mut used);
        let end = help_at.unwrap_or(c + 1).max(c + 1);
        for l in &body[c + 1..end] {
            page.term_paper.push(l.clone());
            take(l, &mut used);
        }
    }
    let mut sources_from = help_at.map_or(0, |h| h + 1);
    if let Some(h) = help_at {
        take(&body[h], &mut used);
        let mut org: Option<&Line> = None;
        let mut pending: Vec<(&Line, &Line)> = Vec::new();
        for (j, l) in body.iter().enumerate().skip(h + 1) {
            if let Some(code) = l.text.strip_prefix("Country code:") {
                let code: String = code.chars().filter(char::is_ascii_digit).collect();
                for (o, n) in pending.drain(..) {
                    page.helplines
                        .push((o.text.clone(), n.text.clone(), code.clone()));
                    take(o, &mut used);
                    take(n, &mut used);
                }
                take(l, &mut used);
                sources_from = j + 1;
                break;
            }
            let numeric = l
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || " -()+./".contains(c));
            match (org, numeric) {
                (Some(o), true) => pending.push((o, l)),
                (_, false) => org = Some(l),
                (None, true) => {}
            }
            if j > h + 8 {
                break; // no calling code: not a helpline block
            }
        }
    }

    // Sources: the featured section, then the archive after the divider.
    let region = &body[sources_from.min(body.len())..];
    let divider = region.iter().position(|l| l.text == DIVIDER);
    if let Some(d) = divider {
        take(&region[d], &mut used);
    }
    let sections: Vec<(Section, &[Line])> = match divider {
        Some(d) => vec![
            (Section::Featured, &region[..d]),
            (Section::Archive, &region[d + 1..]),
        ],
        None => vec![(Section::Featured, region)],
    };
    for (section, lines) in sections {
        for (n, mut b) in blocks(lines, &mut used).into_iter().enumerate() {
            b.section = Some(section);
            b.position = n as u32 + 1;
            page.blocks.push(b);
        }
    }
    page.unplaced = all
        .iter()
        .filter(|l| !used.contains(&l.number))
        .cloned()
        .collect();
    page
}

/// The source blocks of one section.
fn blocks(lines: &[Line], used: &mut BTreeSet<usize>) -> Vec<Block> {
    let accessed: Vec<usize> = (0..lines.len())
        .filter(|&i| is_accessed(&lines[i].text))
        .collect();
    // Each block's header: title, optional subtitle, byline, optional availability.
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (title index, first accessed index)
    let mut prev_body_start = 0;
    let mut k = 0;
    while k < accessed.len() {
        let a = accessed[k];
        // Accessed lines in a row belong to one block.
        let mut last_accessed = a;
        while k + 1 < accessed.len() && accessed[k + 1] == last_accessed + 1 {
            k += 1;
            last_accessed = accessed[k];
        }
        let mut byline = a.checked_sub(1);
        if let Some(b) = byline.filter(|&b| is_availability(&lines[b].text)) {
            byline = b.checked_sub(1);
        }
        let Some(byline) = byline.filter(|&b| b >= prev_body_start) else {
            k += 1;
            continue;
        };
        let mut title = byline.saturating_sub(1).max(prev_body_start);
        if title == byline {
            // A title and no byline.
            starts.push((byline, a));
            prev_body_start = last_accessed + 1;
            k += 1;
            continue;
        }
        // A subtitle is there if the line before the would-be title is title-like too, and
        // taking it leaves the previous block at least one excerpt.
        if title > prev_body_start {
            let candidate = title - 1;
            let leaves_excerpt = starts.is_empty()
                || (prev_body_start..candidate).any(|i| {
                    !is_note(&lines[i].text) && excerpt::lone_locator(&lines[i].text).is_none()
                });
            if title_like(&lines[candidate].text)
                && title_like(&lines[title].text)
                && leaves_excerpt
            {
                title = candidate;
            }
        }
        starts.push((title, a));
        prev_body_start = last_accessed + 1;
        k += 1;
    }
    let mut out = Vec::new();
    for (n, &(title, a)) in starts.iter().enumerate() {
        let mut b = Block {
            title_line: lines[title].clone(),
            ..Block::default()
        };
        used.insert(lines[title].number);
        // Header lines between title and accessed.
        let mut header: Vec<&Line> = lines[title + 1..a].iter().collect();
        if header.last().is_some_and(|l| is_availability(&l.text)) {
            let l = header.pop().unwrap();
            b.availability = Some(l.text.clone());
            used.insert(l.number);
        }
        if let Some(l) = header.pop() {
            b.byline = Some(l.clone());
            used.insert(l.number);
        }
        if header.len() == 1 {
            b.subtitle = Some(header[0].text.clone());
            used.insert(header[0].number);
        }
        // The body: accessed lines, notes, locators and excerpts up to the next block.
        let end = starts.get(n + 1).map_or(lines.len(), |s| s.0);
        let mut pending: Option<String> = None;
        for l in &lines[a..end] {
            if is_accessed(&l.text) {
                if let Some(d) = accessed_date(&l.text).filter(|d| d.day.is_some()) {
                    b.accessed.push(d);
                    used.insert(l.number);
                }
            } else if let Some(note) = l.text.strip_prefix("Note::") {
                b.notes.push(trim(note).to_string());
                used.insert(l.number);
            } else if let Some(loc) = excerpt::lone_locator(&l.text) {
                pending = Some(loc.to_string());
                used.insert(l.number);
            } else {
                b.excerpts.push(excerpt::parse(&l.text, pending.take()));
                used.insert(l.number);
            }
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<String> {
        [
            "The Commercial Sexual Exploitation of Children",
            "Human Trafficking",
            "Street Children",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn a_minimal_page() {
        let text = "Main Menu\nHuman Trafficking\n\nThe Commercial Sexual Exploitation of Children\n\nIn the early years, 2000 to 2025\n\nRepublic of Chile\n\nProfile text.\u{a0} [The Book, Pub 2009]\n\nCAUTION:\u{a0} careful.\n\nStudents, read.\n\nHELP for Victims\n\nLine 1\n149\nCountry code: 56-\n\nA Title\n\nSome Org, 2019\n\n[accessed 1 May 2020]\n\nAn excerpt.\n\n*** ARCHIVES ***\n\nOld Title [PDF]\n\nA subtitle\n\nOther Org, March 2001\n\n[accessed 2 May 2020]\n\nNote:: Also check out more\n\n[page 3]\n\nFirst text.\n\n[B] HEAD – Text here\n\nAll material used herein x.\u{a0} Cite this webpage as: Patt, \"Child Prostitution - Chile\",, [accessed <date>]";
        let p = parse(text, &topics());
        assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
        assert_eq!(p.menu, ["Main Menu", "Human Trafficking"]);
        assert_eq!(
            p.topic_heading.as_deref(),
            Some("The Commercial Sexual Exploitation of Children")
        );
        assert_eq!(p.official_name.as_deref(), Some("Republic of Chile"));
        assert_eq!(
            p.profile.as_ref().unwrap().attribution,
            "The Book, Pub 2009"
        );
        assert_eq!(
            p.helplines,
            [("Line 1".to_string(), "149".to_string(), "56".to_string())]
        );
        assert_eq!(p.blocks.len(), 2);
        let old = &p.blocks[1];
        assert_eq!((old.section, old.position), (Some(Section::Archive), 1));
        assert_eq!(old.subtitle.as_deref(), Some("A subtitle"));
        assert_eq!(old.notes, ["Also check out more"]);
        assert_eq!(old.excerpts[0].locator.as_deref(), Some("page 3"));
        assert_eq!(old.excerpts[1].heading.as_deref(), Some("HEAD"));
        assert_eq!(old.excerpts[1].locator.as_deref(), Some("B"));
        assert_eq!(p.country_name().as_deref(), Some("Chile"));
    }

    #[test]
    fn lines_it_cannot_place_are_kept() {
        let p = parse(
            "Some stray words about nothing.\n\nA Title\n\nOrg, 2019\n\n[accessed 1 May 2020]\n\nText.",
            &topics(),
        );
        assert_eq!(p.unplaced.iter().map(|l| l.number).collect::<Vec<_>>(), [1]);
        assert_eq!(p.blocks.len(), 1);
    }
}
