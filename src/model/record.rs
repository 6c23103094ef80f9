//! The source record: one annotated citation, and the value types it shares with countries.

use serde::{Deserialize, Serialize};

use super::date::PartialDate;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub id: String,
    pub country: String,
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<Person>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Organisation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<Vec<Identifier>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accessed: Option<Vec<PartialDate>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urls: Option<Urls>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excerpts: Option<Vec<Excerpt>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_references: Option<Vec<String>>,
    pub rights: Rights,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintainer_notes: Option<Vec<String>>,
}

impl Record {
    pub fn excerpts(&self) -> &[Excerpt] {
        self.excerpts.as_deref().unwrap_or_default()
    }

    pub fn authors(&self) -> &[Person] {
        self.authors.as_deref().unwrap_or_default()
    }

    pub fn accessed(&self) -> &[PartialDate] {
        self.accessed.as_deref().unwrap_or_default()
    }

    /// Words quoted by the excerpts: headings and texts.
    pub fn quoted_words(&self) -> u64 {
        excerpt_words(self.excerpts())
    }
}

/// Words quoted by excerpts: their headings and texts.
pub fn excerpt_words(excerpts: &[Excerpt]) -> u64 {
    excerpts
        .iter()
        .map(|e| e.heading.as_deref().map_or(0, count_words) + count_words(&e.text))
        .sum()
}

/// Words quoted by paragraphs (a country profile's, a page headline's).
pub fn paragraph_words(paragraphs: &[String]) -> u64 {
    paragraphs.iter().map(|t| count_words(t)).sum()
}

/// Words as the dataset counts them: maximal runs of non-whitespace characters, where
/// whitespace is Unicode White_Space (so a no-break space separates words too).
pub fn count_words(text: &str) -> u64 {
    // The same count as `split_whitespace`, from UTF-8 bytes alone (counting is once per
    // excerpt for the fair-use limit, once for the stored count). A character outside ASCII
    // is white space only if its first byte is C2, E1, E2 or E3: between such bytes, every
    // byte from 0x80 up belongs to a character of a word, and a word starts at each byte
    // that is not white space after one that is, which is counted many bytes at a time.
    // Written with `|` and `&`, not `||` and `&&`: with no branch, a block of bytes is
    // compared at once.
    let ascii_space = |x: u8| (x == b' ') | (x.wrapping_sub(b'\t') < 5);
    let maybe_space = |x: u8| (x == 0xc2) | (x.wrapping_sub(0xe1) < 3);
    let b = text.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let end = crate::bytes::find(b, i, maybe_space).unwrap_or(b.len());
        if let (Some(&first), Some(&last)) = (b[i..end].first(), b[i..end].last()) {
            let starts =
                crate::bytes::count_pairs(&b[i..end], |x, y| ascii_space(x) & !ascii_space(y));
            words += starts as u64 + u64::from(!in_word && !ascii_space(first));
            in_word = !ascii_space(last);
        }
        i = end;
        if i < b.len() {
            let (space, len) = char_space(b, i);
            if !space && !in_word {
                words += 1;
            }
            in_word = !space;
            i += len;
        }
    }
    words
}

/// Whether the character that starts at `b[i]` is white space, and its length in bytes. The
/// white space outside ASCII is U+0085 and U+00A0 (C2 85, C2 A0), U+1680 (E1 9A 80),
/// U+2000-200A, U+2028, U+2029, U+202F (E2 80 ..), U+205F (E2 81 9F) and U+3000 (E3 80 80).
fn char_space(b: &[u8], i: usize) -> (bool, usize) {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => (true, 1),
        0x00..=0x7f => (false, 1),
        0xc2 => (matches!(at(i + 1), 0x85 | 0xa0), 2),
        0xe1 => (at(i + 1) == 0x9a && at(i + 2) == 0x80, 3),
        0xe2 => (
            match at(i + 1) {
                0x80 => matches!(at(i + 2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
                0x81 => at(i + 2) == 0x9f,
                _ => false,
            },
            3,
        ),
        0xe3 => (at(i + 1) == 0x80 && at(i + 2) == 0x80, 3),
        0xc0..=0xdf => (false, 2),
        0xe0..=0xef => (false, 3),
        _ => (false, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn counts_as_split_whitespace_does() {
        for s in [
            "",
            " ",
            "a",
            " a  b ",
            "a\u{a0}b\u{2003}c",
            "é ü",
            "x\u{85}y",
            "\u{feff}a",
            "a\u{1680}b\u{3000}",
            // Longer than a block of the scans, with words across their edges.
            "one two\tthree\nfour\r\nfive\x0bsix\x0cseven  eight nine-ten",
            "abcdefgh ijklmnop qrstuvwx\u{a0}yz abcdefg hijklmn",
            "        x       y        ",
            "Fundación para la niñez—PERÚ’s report, 2001:\u{2003}the children’s words",
            "\x00\x01\x1f\x7f\x08\x0e\x1fabc\x20\x09\x0d\x0e\x1f defghij",
        ] {
            assert_eq!(count_words(s), s.split_whitespace().count() as u64, "{s:?}");
        }
    }

    #[test]
    fn every_character_at_every_place_in_a_block() {
        // Longer than a block and the two bytes after it, with words of every length across
        // the blocks' edges.
        let base = "ab cd efgh ijk lmnopq r stuvwxyz0123 456789 abcdefghijklmnopqrstuv wx yz end";
        // Every white space character outside ASCII, and neighbours of theirs that are not.
        let wide = [
            '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2005}', '\u{200a}', '\u{2028}',
            '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}', '\u{84}', '\u{a1}', '\u{1681}',
            '\u{200b}', '\u{2010}', '\u{2019}', '\u{202e}', '\u{2030}', '\u{205e}', '\u{2060}',
            '\u{3001}', '\u{3080}', 'é', '—',
        ];
        for c in (0u8..0x80).map(char::from).chain(wide) {
            for at in 0..=base.len() {
                for s in [
                    format!("{}{c}{}", &base[..at], &base[at..]),
                    format!("{}{c}{c} {c}{}", &base[..at], &base[at..]),
                ] {
                    let want = s.split_whitespace().count() as u64;
                    assert_eq!(count_words(&s), want, "{s:?}");
                }
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    pub section: Section,
    pub position: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Featured,
    Archive,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub family: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
}

impl Person {
    /// The name as it reads: honorific, given and family names, those present, spaced.
    pub fn full_name(&self) -> String {
        [
            self.honorific.as_deref(),
            self.given.as_deref(),
            Some(self.family.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
}

impl Organisation {
    /// The name followed by its units, largest first, as one string for citations.
    pub fn full_name(&self) -> String {
        let mut s = self.name.clone();
        for u in self.units.iter().flatten() {
            s.push_str(", ");
            s.push_str(u);
        }
        s
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Identifier {
    pub kind: IdentifierKind,
    pub value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentifierKind {
    Session,
    FileName,
    UnSymbol,
    Isbn,
    Issn,
    Doi,
    ReportNumber,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Published {
    pub date: PartialDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_printed: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Urls {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rights {
    pub status: RightsStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<RightsBasis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub licence: Option<String>,
    pub quoted_words: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RightsStatus {
    PublicDomain,
    Copyrighted,
    Licensed,
    Unknown,
}

impl RightsStatus {
    /// The basis a work of this status is quoted on: a public-domain work's reason (the only
    /// one the dataset knows: a work of the U.S. federal government), fair use for copyrighted
    /// works and those whose rights are unknown, the licence for licensed ones.
    pub fn basis(self) -> RightsBasis {
        match self {
            RightsStatus::PublicDomain => RightsBasis::UsGovernmentWork,
            RightsStatus::Copyrighted | RightsStatus::Unknown => RightsBasis::FairUse,
            RightsStatus::Licensed => RightsBasis::Licence,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RightsBasis {
    UsGovernmentWork,
    FairUse,
    Licence,
}
