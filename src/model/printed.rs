//! Dates as source pages print them ("16 March 2004", "March 10, 2020", "Apr-25-2006",
//! "November 2001", "2019", "16 de marzo de 2004") read into partial dates.

use super::date::PartialDate;

/// Month names and abbreviations, English and Spanish, lower case, with their number.
#[rustfmt::skip]
const MONTHS: &[(&str, u8)] = &[
    ("january", 1), ("jan", 1), ("enero", 1), ("ene", 1),
    ("february", 2), ("feb", 2), ("febrero", 2),
    ("march", 3), ("mar", 3), ("marzo", 3),
    ("april", 4), ("apr", 4), ("abril", 4), ("abr", 4),
    ("may", 5), ("mayo", 5),
    ("june", 6), ("jun", 6), ("junio", 6),
    ("july", 7), ("jul", 7), ("julio", 7),
    ("august", 8), ("aug", 8), ("agosto", 8), ("ago", 8),
    ("september", 9), ("sept", 9), ("sep", 9), ("septiembre", 9), ("setiembre", 9), ("set", 9),
    ("october", 10), ("oct", 10), ("octubre", 10),
    ("november", 11), ("nov", 11), ("noviembre", 11),
    ("december", 12), ("dec", 12), ("diciembre", 12), ("dic", 12),
];

/// The month a word names ("March", "mar.", "Setiembre"), if any.
pub fn month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(w))
        .map(|(_, n)| *n)
}

fn year(s: &str) -> Option<i16> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn day(s: &str) -> Option<u8> {
    let s = s.trim_end_matches([',', '.']);
    let s = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suf| s.strip_suffix(suf))
        .unwrap_or(s);
    (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())?
}

fn date(year: i16, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
    if let (Some(m), Some(d)) = (month, day)
        && (d == 0 || d > super::date::days_in_month(year, m))
    {
        return None;
    }
    Some(PartialDate { year, month, day })
}

/// Read a printed date. Recognised forms, with English or Spanish month names, full or
/// abbreviated: `2019`; `November 2001`; `16 March 2004`; `March 10, 2020`; `Apr-25-2006`;
/// `16-mar-2004`; `16 de marzo de 2004`; `marzo de 2004`; and ISO `2004-03-16`. Calendar-invalid
/// dates are not recognised.
pub fn parse_printed(text: &str) -> Option<PartialDate> {
    let t = text.trim();
    if let Ok(d) = t.parse::<PartialDate>() {
        return Some(d);
    }
    // Split on spaces, hyphens, slashes and commas; drop Spanish "de" and "del".
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '-' || c == '/' || c == ',')
        .filter(|w| {
            !w.is_empty() && !w.eq_ignore_ascii_case("de") && !w.eq_ignore_ascii_case("del")
        })
        .collect();
    match words.as_slice() {
        [y] => date(year(y)?, None, None),
        [m, y] => date(year(y)?, Some(month(m)?), None),
        [a, b, y] => {
            let y = year(y)?;
            // "16 March 2004" or "March 10 2020" / "Apr-25-2006".
            if let (Some(d), Some(m)) = (day(a), month(b)) {
                date(y, Some(m), Some(d))
            } else if let (Some(m), Some(d)) = (month(a), day(b)) {
                date(y, Some(m), Some(d))
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_printed(s).map(|d| d.to_string())
    }

    #[test]
    fn reads_every_form_on_the_seed_page() {
        assert_eq!(p("16 March 2004").as_deref(), Some("2004-03-16"));
        assert_eq!(p("March 10, 2020").as_deref(), Some("2020-03-10"));
        assert_eq!(p("Apr-25-2006").as_deref(), Some("2006-04-25"));
        assert_eq!(p("November 2001").as_deref(), Some("2001-11"));
        assert_eq!(p("2019").as_deref(), Some("2019"));
        assert_eq!(p("28 January 2000").as_deref(), Some("2000-01-28"));
        assert_eq!(p("6 January 2003").as_deref(), Some("2003-01-06"));
        assert_eq!(p("March 8, 2006").as_deref(), Some("2006-03-08"));
    }

    #[test]
    fn reads_abbreviations_and_spanish_months() {
        assert_eq!(p("Sept. 3, 2010").as_deref(), Some("2010-09-03"));
        assert_eq!(p("3 Dec 2015").as_deref(), Some("2015-12-03"));
        assert_eq!(p("16 de marzo de 2004").as_deref(), Some("2004-03-16"));
        assert_eq!(p("ene 2010").as_deref(), Some("2010-01"));
        assert_eq!(p("12-abr-2011").as_deref(), Some("2011-04-12"));
        assert_eq!(p("agosto de 2012").as_deref(), Some("2012-08"));
        assert_eq!(p("set 2013").as_deref(), Some("2013-09"));
        assert_eq!(p("1 setiembre 2013").as_deref(), Some("2013-09-01"));
        assert_eq!(p("sep 2013").as_deref(), Some("2013-09"));
        assert_eq!(p("24 dic 2014").as_deref(), Some("2014-12-24"));
        assert_eq!(p("Diciembre 2014").as_deref(), Some("2014-12"));
        assert_eq!(p("May 1st, 2009").as_deref(), Some("2009-05-01"));
        assert_eq!(p("2004-03-16").as_deref(), Some("2004-03-16"));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for s in [
            "",
            "soon",
            "Fifty-ninth session",
            "31 April 2004",
            "29 Feb 2001",
            "March",
            "16 Foo 2004",
            "2004 March 16 17",
            "123 March 2004",
        ] {
            assert_eq!(p(s), None, "{s:?}");
        }
    }
}
