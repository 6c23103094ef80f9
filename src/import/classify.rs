//! What a single line of a page is, told from its text alone: the site's furniture (menus,
//! image captions, section markers), accessed dates, web addresses, language markers, notes,
//! availability sentences, and lines short enough to be titles.

use crate::model::{PartialDate, parse_printed};

use super::excerpt;

/// A line between asterisks naming a part of the page ("*** FEATURED ARTICLE ***").
fn starred(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('*')?.strip_suffix('*')?;
    let inner = inner.trim_matches(|c: char| c == '*' || c.is_whitespace());
    (!inner.is_empty()).then_some(inner)
}

/// `*** FEATURED ARTICLE ***` (or ARTICLES), printed before the featured source.
pub fn is_featured_marker(text: &str) -> bool {
    starred(text).is_some_and(|t| {
        t.eq_ignore_ascii_case("FEATURED ARTICLE") || t.eq_ignore_ascii_case("FEATURED ARTICLES")
    })
}

/// `*** ARCHIVES ***`.
pub fn is_divider(text: &str) -> bool {
    starred(text).is_some_and(|t| t.eq_ignore_ascii_case("ARCHIVES"))
}

/// An image's caption as word processors export it: `Description: Description: Kenya`. Short,
/// so that a sentence that happens to start with the word is not taken for one.
pub fn is_caption(text: &str) -> bool {
    let Some(mut rest) = text.strip_prefix("Description:") else {
        return false;
    };
    while let Some(r) = rest.trim_start().strip_prefix("Description:") {
        rest = r;
    }
    let rest = rest.trim();
    rest.chars().count() <= 60 && !rest.ends_with(['.', ';', ','])
}

/// A menu line: `Main Menu`, or `Human Trafficking in  [Bolivia]  [other countries]`, whose
/// first bracket names the page's country. Returns the country's name, if the line has one.
pub fn menu(text: &str) -> Option<Option<&str>> {
    if text.eq_ignore_ascii_case("Main Menu") {
        return Some(None);
    }
    let (_, rest) = text.split_once(" in ")?;
    let rest = rest.trim_start();
    let (country, after) = rest.strip_prefix('[')?.split_once(']')?;
    let after = after.trim();
    (after.eq_ignore_ascii_case("[other countries]") && !country.trim().is_empty())
        .then(|| Some(country.trim()))
}

/// The headings around the notices: `HOW TO USE THIS WEBPAGE`, `Students`, `Teachers`.
pub fn is_notice_heading(text: &str) -> bool {
    let t = text.trim_end_matches(':');
    ["HOW TO USE THIS WEBPAGE", "Students", "Teachers"]
        .iter()
        .any(|h| t.eq_ignore_ascii_case(h))
}

/// `HELP for Victims`, which heads the helplines.
pub fn is_help(text: &str) -> bool {
    text.eq_ignore_ascii_case("HELP for Victims")
}

/// One `[accessed …]` of a line, read or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Accessed {
    /// The words after "accessed", as printed.
    pub printed: String,
    pub date: Option<PartialDate>,
}

/// A line made of `[accessed …]` groups only: `[accessed 5 July 2011]`, `[Accessed 5 July
/// 2011]`, `[accessed September 2011]`, `[accessed 5 July 2011] [accessed 6 May 2020]`. A line
/// that starts like one but does not end like one still counts, so that it is reported rather
/// than read as a title or a passage.
pub fn accessed(text: &str) -> Option<Vec<Accessed>> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let word = inner.get(..8)?;
        if !word.eq_ignore_ascii_case("accessed") {
            return None;
        }
        let (inside, after) = match inner.find(']') {
            Some(end) => (&inner[8..end], &inner[end + 1..]),
            None => (&inner[8..], ""),
        };
        let printed = inside.trim_start_matches(':').trim().to_string();
        out.push(Accessed {
            date: parse_printed(&printed),
            printed,
        });
        rest = after.trim_start_matches([' ', ',', ';', '\u{a0}']);
    }
    (!out.is_empty()).then_some(out)
}

/// A language marker standing alone on its line (`[SPANISH]`), and its BCP 47 tag.
pub fn language_marker(text: &str) -> Option<&'static str> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?.trim();
    language(inner)
}

/// The BCP 47 tag of a language as pages name it in their markers.
pub fn language(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_uppercase().as_str() {
        "SPANISH" => "es",
        "ENGLISH" => "en",
        "FRENCH" => "fr",
        "PORTUGUESE" => "pt",
        "GERMAN" => "de",
        "ITALIAN" => "it",
        "DUTCH" => "nl",
        "RUSSIAN" => "ru",
        "ARABIC" => "ar",
        "CHINESE" => "zh",
        "JAPANESE" => "ja",
        "THAI" => "th",
        "INDONESIAN" => "id",
        _ => return None,
    })
}

/// A web address standing alone on its line. Returns the address with a scheme, and whether
/// the scheme had to be assumed (`www.ecpat.org/…` is printed without one).
pub fn web_address(text: &str) -> Option<(String, bool)> {
    if text.contains(char::is_whitespace) || text.len() < 8 {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some((text.to_string(), false));
    }
    let host = lower.split('/').next().unwrap_or_default();
    (lower.starts_with("www.") && host.len() > 4 && host[4..].contains('.'))
        .then(|| (format!("https://{text}"), true))
}

/// A web archive's address: the place for `urls.archived`.
pub fn is_archive(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let host = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, r)| r)
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or_default();
    [
        "web.archive.org",
        "archive.org",
        "archive.ph",
        "archive.today",
        "archive.is",
        "perma.cc",
        "webcitation.org",
    ]
    .iter()
    .any(|a| host == *a || host.ends_with(&format!(".{a}")))
}

pub fn is_note(text: &str) -> bool {
    text.starts_with("Note::")
}

/// A sentence about where a source can be found, as pages print under bylines.
pub fn is_availability(text: &str) -> bool {
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
pub fn title_like(text: &str) -> bool {
    text.chars().count() <= 160
        && !text.ends_with(['.', ';', ','])
        && accessed(text).is_none()
        && !is_note(text)
        && excerpt::lone_locator(text).is_none()
        && language_marker(text).is_none()
        && web_address(text).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture() {
        assert!(is_featured_marker("*** FEATURED ARTICLE ***"));
        assert!(is_divider("*** ARCHIVES ***"));
        assert!(!is_featured_marker("*** ARCHIVES ***"));
        assert!(is_caption("Description: Description: Kenya"));
        assert!(is_caption("Description: Kenya"));
        assert!(!is_caption(
            "Description of the situation in Kenya, where many children live on the streets."
        ));
        assert_eq!(
            menu("Torture in  [Bolivia]  [other countries]"),
            Some(Some("Bolivia"))
        );
        assert_eq!(menu("Main Menu"), Some(None));
        assert_eq!(menu("Child Prostitution in Peru"), None);
        assert!(is_notice_heading("HOW TO USE THIS WEBPAGE"));
        assert!(is_notice_heading("Teachers"));
    }

    #[test]
    fn accessed_lines_in_every_form() {
        let d = |s: &str| {
            accessed(s)
                .unwrap()
                .into_iter()
                .map(|a| a.date.map(|d| d.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(d("[accessed 5 July 2011]"), [Some("2011-07-05".into())]);
        assert_eq!(d("[Accessed 5 July 2011]"), [Some("2011-07-05".into())]);
        assert_eq!(d("[accessed September 2011]"), [Some("2011-09".into())]);
        assert_eq!(
            d("[accessed 5 July 2011] [accessed 6 May 2020]"),
            [Some("2011-07-05".into()), Some("2020-05-06".into())]
        );
        assert_eq!(d("[accessed 5 July 2011"), [Some("2011-07-05".into())]);
        assert_eq!(d("[accessed sometime]"), [None]);
        assert!(accessed("[27] With").is_none());
        assert!(accessed("[here]").is_none());
    }

    #[test]
    fn addresses_and_languages() {
        assert_eq!(
            web_address("www.ecpat.org/wp-content/x.pdf"),
            Some(("https://www.ecpat.org/wp-content/x.pdf".into(), true))
        );
        assert_eq!(
            web_address("http://example.org/a"),
            Some(("http://example.org/a".into(), false))
        );
        assert_eq!(web_address("www.nothing"), None);
        assert_eq!(web_address("Five Years After"), None);
        assert_eq!(language_marker("[SPANISH]"), Some("es"));
        assert_eq!(language_marker("[page 959]"), None);
        assert!(is_archive("https://web.archive.org/web/2011/http://x.org/"));
        assert!(!is_archive("https://www.ecpat.org/archive.org.pdf"));
    }
}
