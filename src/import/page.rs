//! The structure of a compiled country page: the preamble (menus, heading, coverage, official
//! name, profile, headline quotation), the notices (caution, term-paper and teachers' advice
//! under their headings), the helplines, the featured sources, the `*** ARCHIVES ***`
//! divider, the archived sources, and the fair-use and "cite this page" footer. Image
//! captions and section markers are recognised and dropped. Every line is in a part, or is
//! reported with its number.

use crate::model::{Section, Topic};

use super::blocks::{self, Block};
use super::classify;
use super::lines::{Line, trim};
use super::outcome::{Guess, Unplaced};
use super::preamble::{self, Preamble};
use super::reader::Reader;

/// Everything read from a page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub preamble: Preamble,
    pub caution: Option<Line>,
    pub term_paper: Vec<Line>,
    /// (organisation, number as printed, calling code)
    pub helplines: Vec<(String, String, String)>,
    /// The sources, each with its section and 1-based position in it.
    pub blocks: Vec<(Section, u32, Block)>,
    pub fair_use: Option<Line>,
    pub cite: Option<Line>,
    pub unplaced: Vec<Unplaced>,
    pub guesses: Vec<Guess>,
}

impl Page {
    /// The page's title, from its "cite this page" line: the quoted part.
    pub fn title(&self) -> Option<String> {
        let cite = &self.cite.as_ref()?.text;
        let start = cite.find('"')? + 1;
        let end = start + cite[start..].find('"')?;
        Some(cite[start..end].to_string()).filter(|t| !t.trim().is_empty())
    }

    /// The country's short name: the page title's last part ("Child Prostitution - Peru");
    /// without a "cite this page" line, the country a menu line names, or the one the caution
    /// speaks of ("the situation in Bolivia").
    pub fn country_name(&self) -> Option<String> {
        if let Some(name) = self
            .title()
            .and_then(|t| t.rsplit(" - ").next().map(str::to_string))
        {
            return Some(name);
        }
        if let Some(c) = &self.preamble.menu_country {
            return Some(c.clone());
        }
        let caution = &self.caution.as_ref()?.text;
        let at = caution.find("the situation in ")? + "the situation in ".len();
        let name = caution[at..].split(['.', ',', ';']).next()?.trim();
        (!name.is_empty() && name.split_whitespace().count() <= 5).then(|| name.to_string())
    }
}

const CITE: &str = "Cite this webpage as: ";
const FAIR_USE: &str = "All material used herein";

/// The footer: the fair-use statement, then "Cite this webpage as:", perhaps on one line.
/// Returns where it starts.
fn footer(r: &mut Reader<'_>, page: &mut Page) -> usize {
    let n = r.lines.len();
    let Some(at) = (0..n).find(|&i| r.text(i).contains(CITE) || r.text(i).starts_with(FAIR_USE))
    else {
        return n;
    };
    for i in at..n {
        let l = &r.lines[i];
        if let Some(c) = l.text.find(CITE) {
            let (fair, cite) = l.text.split_at(c);
            if !trim(fair).is_empty() {
                page.fair_use = Some(Line::new(l.number, trim(fair)));
            }
            page.cite = Some(Line::new(l.number, &cite[CITE.len()..]));
            r.claim(i);
        } else if l.text.starts_with(FAIR_USE) {
            page.fair_use = Some(l.clone());
            r.claim(i);
        }
    }
    at
}

/// The helplines after "HELP for Victims": organisations and numbers, ended by the country's
/// calling code. Returns where the sources start, if the block is one.
fn helplines(r: &mut Reader<'_>, page: &mut Page, help: usize, end: usize) -> Option<usize> {
    let mut org: Option<usize> = None;
    let mut pending: Vec<(usize, usize)> = Vec::new();
    for (n, i) in r.free(help + 1, end).into_iter().enumerate() {
        if n > 8 {
            return None; // no calling code: not a helpline block
        }
        let text = r.text(i);
        if let Some(code) = text.strip_prefix("Country code:") {
            let code: String = code.chars().filter(char::is_ascii_digit).collect();
            for (o, num) in pending {
                page.helplines
                    .push((r.text(o).into(), r.text(num).into(), code.clone()));
                r.claim(o);
                r.claim(num);
            }
            r.claim(help);
            r.claim(i);
            return Some(i + 1);
        }
        let numeric = text
            .chars()
            .all(|c| c.is_ascii_digit() || " -()+./".contains(c));
        match (org, numeric) {
            (Some(o), true) => pending.push((o, i)),
            (_, false) => org = Some(i),
            (None, true) => {}
        }
    }
    None
}

/// Read a page's lines. `topics` are the dataset's, to tell headings from menus.
pub fn parse(lines: &[Line], topics: &[Topic]) -> Page {
    let mut r = Reader::new(lines);
    let mut page = Page::default();
    let end = footer(&mut r, &mut page);
    for i in 0..end {
        if classify::is_caption(r.text(i)) {
            r.claim(i);
        }
    }
    // The notices, helplines and featured marker come before the first accessed line: later,
    // such words are a source's.
    let first_accessed = (0..end)
        .find(|&i| classify::accessed(r.text(i)).is_some())
        .unwrap_or(end);
    let find =
        |r: &Reader<'_>, f: &dyn Fn(&str) -> bool| (0..first_accessed).find(|&i| f(r.text(i)));
    let help = find(&r, &classify::is_help);
    let notices = find(&r, &|t| {
        t.starts_with("CAUTION") || classify::is_notice_heading(t)
    });
    let featured = find(&r, &classify::is_featured_marker);
    let after_help = help.and_then(|h| helplines(&mut r, &mut page, h, end));

    // The sources: from the helplines, the featured marker, the notices or the top, with the
    // archive after the divider.
    let from = after_help.or(featured).or(notices).unwrap_or(0).min(end);
    let divider = (from..end).find(|&i| classify::is_divider(r.text(i)));
    let mut lead = end;
    let sections = match divider {
        Some(d) => vec![(Section::Featured, from, d), (Section::Archive, d + 1, end)],
        None => vec![(Section::Featured, from, end)],
    };
    for (section, a, b) in sections {
        for i in a..b {
            let t = r.text(i);
            if classify::is_featured_marker(t) || classify::is_divider(t) {
                r.claim(i);
            }
        }
        let idx = r.free(a, b);
        let sources_only =
            after_help.is_some() || featured.is_some() || section == Section::Archive;
        let (found, first) = blocks::read(&mut r, &idx, sources_only);
        if section == Section::Featured {
            lead = idx.get(first).copied().unwrap_or(b);
        }
        for (n, b) in found.into_iter().enumerate() {
            page.blocks.push((section, n as u32 + 1, b));
        }
    }
    if let Some(d) = divider {
        r.claim(d);
    }

    // The notices: the caution, the advice under its headings, up to the helplines or sources.
    let notices_end = help.unwrap_or(lead).min(lead);
    if let Some(n) = notices.filter(|&n| n < notices_end) {
        for i in r.free(n, notices_end) {
            let t = r.text(i);
            if classify::is_notice_heading(t) {
                r.claim(i);
            } else if t.starts_with("CAUTION") && page.caution.is_none() {
                page.caution = Some(r.lines[i].clone());
                r.claim(i);
            } else if page.caution.is_some() {
                page.term_paper.push(r.lines[i].clone());
                r.claim(i);
            }
        }
    }
    let preamble_end = [notices, help, Some(lead)]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(end);
    let idx = r.free(0, preamble_end);
    page.preamble = preamble::read(&mut r, &idx, topics);
    let (unplaced, guesses) = r.finish();
    page.unplaced = unplaced;
    page.guesses = guesses;
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::from_text;

    fn topics() -> Vec<Topic> {
        [
            ("csec", "The Commercial Sexual Exploitation of Children"),
            ("human-trafficking", "Human Trafficking"),
            ("street-children", "Street Children"),
        ]
        .map(|(id, name)| Topic {
            id: id.into(),
            name: name.into(),
            notices: None,
        })
        .to_vec()
    }

    fn parse_text(text: &str) -> Page {
        parse(&from_text(text), &topics())
    }

    #[test]
    fn a_minimal_page() {
        let text = "Main Menu\nHuman Trafficking\n\nThe Commercial Sexual Exploitation of Children\n\nIn the early years, 2000 to 2025\n\nRepublic of Chile\n\nProfile text.\u{a0} [The Book, Pub 2009]\n\nCAUTION:\u{a0} careful.\n\nStudents, read.\n\nHELP for Victims\n\nLine 1\n149\nCountry code: 56-\n\nA Title\n\nSome Org, 2019\n\n[accessed 1 May 2020]\n\nAn excerpt.\n\n*** ARCHIVES ***\n\nOld Title [PDF]\n\nA subtitle\n\nOther Org, March 2001\n\n[accessed 2 May 2020]\n\nNote:: Also check out more\n\n[page 3]\n\nFirst text.\n\n[B] HEAD – Text here\n\nAll material used herein x.\u{a0} Cite this webpage as: Patt, \"Child Prostitution - Chile\",, [accessed <date>]";
        let p = parse_text(text);
        assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
        assert!(p.guesses.is_empty(), "{:?}", p.guesses);
        assert_eq!(p.preamble.topic.as_deref(), Some("csec"));
        assert_eq!(
            p.preamble.official_name.as_deref(),
            Some("Republic of Chile")
        );
        assert_eq!(
            p.preamble.profile.as_ref().unwrap().attribution,
            "The Book, Pub 2009"
        );
        assert_eq!(
            p.helplines,
            [("Line 1".to_string(), "149".to_string(), "56".to_string())]
        );
        assert_eq!(p.blocks.len(), 2);
        let (section, position, old) = &p.blocks[1];
        assert_eq!((*section, *position), (Section::Archive, 1));
        assert_eq!(old.subtitle.as_deref(), Some("A subtitle"));
        assert_eq!(old.notes, ["Also check out more"]);
        assert_eq!(old.excerpts[0].locator.as_deref(), Some("page 3"));
        assert_eq!(old.excerpts[1].heading.as_deref(), Some("HEAD"));
        assert_eq!(old.excerpts[1].locator.as_deref(), Some("B"));
        assert_eq!(p.country_name().as_deref(), Some("Chile"));
    }

    #[test]
    fn lines_it_cannot_place_are_kept() {
        let p = parse_text(
            "Some stray words about nothing.\n\nA Title\n\nOrg, 2019\n\n[accessed 1 May 2020]\n\nText.",
        );
        assert_eq!(p.unplaced.iter().map(|l| l.line).collect::<Vec<_>>(), [1]);
        assert_eq!(p.blocks.len(), 1);
    }

    #[test]
    fn a_heading_with_a_tagline_and_a_headline_attributed_on_its_own_line() {
        let p = parse_text(
            "Main Menu\nStreet Children\nHuman Trafficking\nA tagline under the heading\nPublished reports & articles from 2000 to 2025\nRepublic of Chile\nProfile text.  [The Book, Pub 2009]\n\"Quoted words.\"\n- U.S. State Dept Trafficking in Persons Report, June, 2009\nCAUTION: careful.",
        );
        assert!(p.unplaced.is_empty() && p.guesses.is_empty(), "{p:?}");
        assert_eq!(p.preamble.topic.as_deref(), Some("human-trafficking"));
        assert_eq!(
            p.preamble.coverage.as_ref().map(|l| l.number),
            Some(5),
            "the coverage line"
        );
        assert_eq!(
            p.preamble.official_name.as_deref(),
            Some("Republic of Chile")
        );
        let h = p.preamble.headline.unwrap();
        assert_eq!(h.paragraphs, ["\"Quoted words.\""]);
        assert_eq!(
            h.attribution,
            "U.S. State Dept Trafficking in Persons Report, June, 2009"
        );
    }

    #[test]
    fn a_street_children_heading_among_captions() {
        let p = parse_text(
            "Main Menu\nHuman Trafficking\nPrevalence, Abuse & Exploitation of Street Children\nIn the first decade of the 21st Century\nDescription: Description: Chile\nRepublic of Chile\nProfile one.\nDescription: Description: Chile\nProfile two.  [The Book, Pub 2009]\nDescription: Description: Description: Chile",
        );
        assert!(p.unplaced.is_empty() && p.guesses.is_empty(), "{p:?}");
        assert_eq!(p.preamble.topic.as_deref(), Some("street-children"));
        assert_eq!(
            p.preamble.official_name.as_deref(),
            Some("Republic of Chile")
        );
        assert_eq!(
            p.preamble.profile.unwrap().paragraphs,
            ["Profile one.", "Profile two."]
        );
    }

    #[test]
    fn a_heading_that_only_contains_a_topics_name_is_a_reported_guess() {
        let p =
            parse_text("The Plight of Street Children\nIn the first decade of the 21st Century");
        assert_eq!(p.preamble.topic.as_deref(), Some("street-children"));
        assert_eq!(p.guesses.len(), 1);
        assert_eq!(p.guesses[0].line, 1);
    }

    #[test]
    fn the_country_from_the_menu_or_the_caution_without_a_cite_line() {
        let p = parse_text("Torture in  [Bolivia]  [other countries]\nStreet Children");
        assert_eq!(p.country_name().as_deref(), Some("Bolivia"));
        let p = parse_text(
            "CAUTION:  The following links illuminate the situation in Bolivia.  Some may not.",
        );
        assert_eq!(p.country_name().as_deref(), Some("Bolivia"));
    }
}
