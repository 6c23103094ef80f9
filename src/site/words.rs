//! Facts put in plain words for the pages: dates as the seed page prints them, language and
//! format names, a rights statement.

use crate::model::{IdentifierKind, PartialDate, Rights, RightsBasis, RightsStatus};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date at its precision, as the seed page prints accessed dates: "17 September 2011",
/// "November 2001", "2001".
pub fn long_date(d: &PartialDate) -> String {
    let month = d.month.and_then(|m| MONTHS.get(usize::from(m) - 1));
    match (d.day, month) {
        (Some(day), Some(m)) => format!("{day} {m} {}", d.year),
        (None, Some(m)) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

/// Languages by their ISO 639 code (a BCP 47 tag's primary subtag), for the sources the
/// dataset covers; a tag not here is shown as it is.
const LANGUAGES: &[(&str, &str)] = &[
    ("ar", "Arabic"),
    ("bn", "Bengali"),
    ("de", "German"),
    ("el", "Greek"),
    ("en", "English"),
    ("es", "Spanish"),
    ("fa", "Persian"),
    ("fil", "Filipino"),
    ("fr", "French"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("ht", "Haitian Creole"),
    ("id", "Indonesian"),
    ("it", "Italian"),
    ("ja", "Japanese"),
    ("km", "Khmer"),
    ("ko", "Korean"),
    ("lo", "Lao"),
    ("ms", "Malay"),
    ("my", "Burmese"),
    ("ne", "Nepali"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("pt", "Portuguese"),
    ("qu", "Quechua"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("si", "Sinhala"),
    ("sw", "Swahili"),
    ("ta", "Tamil"),
    ("th", "Thai"),
    ("tl", "Tagalog"),
    ("tr", "Turkish"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("vi", "Vietnamese"),
    ("zh", "Chinese"),
];

/// A language tag's name in English ("es" is "Spanish"), or the tag itself.
pub fn language(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    LANGUAGES
        .binary_search_by(|(code, _)| code.cmp(&primary.as_str()))
        .map_or_else(|_| tag.to_string(), |i| LANGUAGES[i].1.to_string())
}

/// A format as the seed page marks it ("PDF", "DOC").
pub fn format(f: &str) -> String {
    f.to_ascii_uppercase()
}

/// What an identifier is, as a label.
pub fn identifier(kind: IdentifierKind) -> &'static str {
    match kind {
        IdentifierKind::Session => "Session",
        IdentifierKind::FileName => "File name",
        IdentifierKind::UnSymbol => "UN document symbol",
        IdentifierKind::Isbn => "ISBN",
        IdentifierKind::Issn => "ISSN",
        IdentifierKind::Doi => "DOI",
        IdentifierKind::ReportNumber => "Report number",
    }
}

/// The rights in plain words: who holds the quoted text and on what basis it is quoted.
pub fn rights(r: &Rights) -> String {
    let holder = r.holder.as_deref();
    let quoted = match r.basis.unwrap_or(r.status.basis()) {
        RightsBasis::UsGovernmentWork => {
            "a work of the U.S. federal government (17 U.S.C. § 105)".to_string()
        }
        RightsBasis::FairUse => "quoted under fair use (17 U.S.C. § 107) for noncommercial, \
                                 nonprofit, educational use"
            .to_string(),
        RightsBasis::Licence => match &r.licence {
            Some(l) => format!("quoted under its licence, {l}"),
            None => "quoted under its licence".to_string(),
        },
    };
    match (r.status, holder) {
        (RightsStatus::PublicDomain, _) => format!("Public domain: {quoted}."),
        (RightsStatus::Copyrighted | RightsStatus::Licensed, Some(h)) => {
            format!("Copyright {h}; {quoted}.")
        }
        (RightsStatus::Copyrighted | RightsStatus::Licensed, None) => {
            format!("Copyrighted; {quoted}.")
        }
        (RightsStatus::Unknown, Some(h)) => {
            format!("Copyright status not known (holder named: {h}); {quoted}.")
        }
        (RightsStatus::Unknown, None) => format!("Copyright status not known; {quoted}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_at_their_precision() {
        let d = |s: &str| long_date(&s.parse().unwrap());
        assert_eq!(d("2011-09-17"), "17 September 2011");
        assert_eq!(d("2001-11"), "November 2001");
        assert_eq!(d("2001"), "2001");
        assert_eq!(d("2000-01-05"), "5 January 2000");
    }

    #[test]
    fn languages_sorted_for_the_search_and_named() {
        assert!(LANGUAGES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(language("es"), "Spanish");
        assert_eq!(language("pt-BR"), "Portuguese");
        assert_eq!(language("xx-YY"), "xx-YY");
    }

    #[test]
    fn rights_in_plain_words() {
        let r = |v: serde_json::Value| rights(&serde_json::from_value(v).unwrap());
        assert_eq!(
            r(
                serde_json::json!({"status": "public_domain", "basis": "us_government_work", "quoted_words": 1})
            ),
            "Public domain: a work of the U.S. federal government (17 U.S.C. § 105)."
        );
        assert_eq!(
            r(
                serde_json::json!({"status": "copyrighted", "holder": "EFE News Service", "basis": "fair_use", "quoted_words": 1})
            ),
            "Copyright EFE News Service; quoted under fair use (17 U.S.C. § 107) for noncommercial, nonprofit, educational use."
        );
        assert!(
            r(serde_json::json!({"status": "licensed", "holder": "X", "basis": "licence", "licence": "CC-BY-4.0", "quoted_words": 1}))
                .ends_with("quoted under its licence, CC-BY-4.0.")
        );
        assert!(
            r(serde_json::json!({"status": "unknown", "quoted_words": 1}))
                .starts_with("Copyright status not known")
        );
    }
}
