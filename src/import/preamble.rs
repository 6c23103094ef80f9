//! The top of a page, above its notices: menus, the topic heading (with a tagline under it on
//! some pages), the coverage line, the official name, the profile up to its bracketed
//! attribution, and the headline quotation attributed after a dash. The profile's attribution
//! anchors the rest: the profile's paragraphs are the sentences above it, the official name
//! the short line above them, and the heading and coverage lines above that.

use crate::model::Topic;

use super::classify::{self, title_like};
use super::lines::{Line, trim};
use super::reader::Reader;
use super::topics::{self, Named};

/// The profile quoted at the top of the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub paragraphs: Vec<String>,
    /// The attribution, without its brackets ("The World Factbook, U.S.C.I.A. 2009").
    pub attribution: String,
}

/// The quotation under the profile.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Headline {
    pub paragraphs: Vec<String>,
    pub attribution: String,
    pub cross_reference: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preamble {
    /// The country a menu line names (`… in [Bolivia] [other countries]`).
    pub menu_country: Option<String>,
    /// The topic the heading names, its id.
    pub topic: Option<String>,
    pub coverage: Option<Line>,
    pub official_name: Option<String>,
    pub profile: Option<Profile>,
    pub headline: Option<Headline>,
}

/// A coverage line: "In the early years of the 21st Century, 2000 to 2025", "In the first
/// decade of the 21st Century", "Published reports & articles from 2000 to 2025".
fn coverage_like(text: &str) -> bool {
    let lower = text.to_lowercase();
    let years = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .count();
    let short = text.chars().count() <= 120 && !text.ends_with('.');
    short
        && ((years >= 2 && lower.contains(" to "))
            || lower.contains("century")
            || lower.starts_with("published reports"))
}

/// The bracketed attribution that ends a profile: `… [The World Factbook, U.S.C.I.A. 2009]`.
/// Returns where the bracket opens.
fn attribution(text: &str) -> Option<usize> {
    let open = text.rfind('[').filter(|_| text.ends_with(']'))?;
    let inner = &text[open + 1..text.len() - 1];
    let year = inner
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4);
    (inner.chars().any(char::is_alphabetic) && (inner.contains(", ") || year)).then_some(open)
}

/// Split a headline's last paragraph at the dash before its attribution: `"…" - U.S. State
/// Dept …` (after a closing quotation mark), or a line of its own starting with a dash.
fn split_attribution(text: &str) -> Option<(&str, &str)> {
    for dash in ["- ", "– ", "— ", "-- "] {
        if let Some(rest) = text.strip_prefix(dash) {
            return Some(("", rest.trim()));
        }
    }
    let mut best = None;
    for (i, c) in text.char_indices() {
        if matches!(c, '"' | '”' | '’') {
            let after = text[i + c.len_utf8()..].trim_start();
            for dash in ["-- ", "- ", "– ", "— "] {
                if let Some(rest) = after.strip_prefix(dash) {
                    best = Some((&text[..i + c.len_utf8()], rest.trim()));
                }
            }
        }
    }
    best
}

fn starts_quoted(text: &str) -> bool {
    text.starts_with(['"', '“', '‘'])
}

/// Read the preamble from its unclaimed lines `idx`.
pub fn read(r: &mut Reader<'_>, idx: &[usize], topics: &[Topic]) -> Preamble {
    let mut p = Preamble::default();
    let all = r.lines;
    let text = |k: usize| all[idx[k]].text.as_str();
    // The profile's attribution anchors what is above and below it.
    let att = (0..idx.len()).find(|&k| attribution(text(k)).is_some());
    let mut top_end = idx.len(); // where the heading, coverage and name end
    if let Some(a) = att {
        let mut start = a;
        while start > 0 && !title_like(text(start - 1)) && !coverage_like(text(start - 1)) {
            start -= 1;
        }
        let line = text(a);
        let open = attribution(line).unwrap_or_default();
        let mut paragraphs: Vec<String> = (start..a).map(|k| text(k).to_string()).collect();
        let last = trim(&line[..open]);
        if !last.is_empty() {
            paragraphs.push(last.to_string());
        }
        p.profile = Some(Profile {
            paragraphs,
            attribution: line[open + 1..line.len() - 1].to_string(),
        });
        for &i in &idx[start..=a] {
            r.claim(i);
        }
        top_end = start;
        if start > 0 && title_like(text(start - 1)) && topics::of(text(start - 1), topics).is_none()
        {
            p.official_name = Some(text(start - 1).to_string());
            r.claim(idx[start - 1]);
            top_end = start - 1;
        }
        p.headline = headline(r, &idx[a + 1..]);
    }
    // The coverage line, then the heading above it (or above the official name).
    let coverage = (0..top_end).find(|&k| coverage_like(text(k)));
    if let Some(c) = coverage {
        p.coverage = Some(all[idx[c]].clone());
        r.claim(idx[c]);
        if att.is_none() && c + 1 < idx.len() && title_like(text(c + 1)) {
            let t = text(c + 1);
            if topics::of(t, topics).is_none() && classify::menu(t).is_none() {
                p.official_name = Some(t.to_string());
                r.claim(idx[c + 1]);
            }
        }
    }
    let mut j = coverage.unwrap_or(top_end);
    // A tagline under the heading: a line that names no topic, with a heading above it.
    let named = |k: usize| topics::of(text(k), topics);
    if j >= 2
        && named(j - 1).is_none()
        && named(j - 2).is_some()
        && classify::menu(text(j - 1)).is_none()
    {
        r.claim(idx[j - 1]);
        j -= 1;
    }
    if j >= 1
        && let Some((topic, how)) = named(j - 1)
    {
        p.topic = Some(topic.id.clone());
        if how == Named::Perhaps {
            r.guess(
                idx[j - 1],
                format!("taken as the page's heading, for topic `{}`", topic.id),
            );
        }
        // A heading of two lines names one topic ("Child Prostitution" over its full name).
        while j >= 1 && named(j - 1).is_some_and(|(t, _)| t.id == topic.id) {
            r.claim(idx[j - 1]);
            j -= 1;
        }
    }
    // Above the heading: menus, and the other topics' names the seed's menu lists.
    for &i in &idx[..j] {
        let t = r.text(i);
        if let Some(country) = classify::menu(t) {
            if let Some(c) = country
                && p.menu_country.is_none()
            {
                p.menu_country = Some(c.to_string());
            }
            r.claim(i);
        } else if topics::of(t, topics).is_some_and(|(_, how)| how == Named::Surely) {
            r.claim(i);
        }
    }
    p
}

/// The quotation between the profile and the notices, if its lines read as one.
fn headline(r: &mut Reader<'_>, idx: &[usize]) -> Option<Headline> {
    let (first, last) = (*idx.first()?, *idx.last()?);
    if !starts_quoted(r.text(first)) {
        return None;
    }
    let (quote_end, after) = split_attribution(r.text(last))?;
    let mut paragraphs: Vec<String> = idx[..idx.len() - 1]
        .iter()
        .map(|&i| r.text(i).to_string())
        .collect();
    if !quote_end.trim().is_empty() {
        paragraphs.push(quote_end.trim().to_string());
    }
    if paragraphs.is_empty() {
        return None;
    }
    let (attribution, cross_reference) = match after.find("Check out") {
        Some(at) if at > 0 => (
            after[..at].trim().to_string(),
            Some(after[at..].trim().to_string()),
        ),
        _ => (after.to_string(), None),
    };
    for &i in idx {
        r.claim(i);
    }
    Some(Headline {
        paragraphs,
        attribution,
        cross_reference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions_and_coverage_lines() {
        assert!(attribution("high.  [The World Factbook, U.S.C.I.A. 2009]").is_some());
        assert!(attribution("[page 959]").is_none());
        assert!(attribution("Five Years After Stockholm [PDF]").is_none());
        assert!(coverage_like("In the first decade of the 21st Century"));
        assert!(coverage_like(
            "Published reports & articles from 2000 to 2025"
        ));
        assert!(coverage_like(
            "In the early years of the 21st Century, 2000 to 2025"
        ));
        assert!(!coverage_like("Republic of Peru"));
    }

    #[test]
    fn a_headline_splits_at_its_dash() {
        assert_eq!(
            split_attribution("\"They are sold.\" - U.S. State Dept Report, June, 2009"),
            Some(("\"They are sold.\"", "U.S. State Dept Report, June, 2009"))
        );
        assert_eq!(
            split_attribution("– U.S. State Dept Report"),
            Some(("", "U.S. State Dept Report"))
        );
        assert_eq!(split_attribution("\"No dash here.\""), None);
    }
}
