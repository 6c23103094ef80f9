//! Record ids: slugs derived deterministically from country, year, title and publisher.

use std::collections::BTreeSet;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Words left out of id slugs: they make ids longer without telling titles apart.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "with", "de", "del", "el",
    "en", "la", "las", "los", "y",
];

/// How many title words an id keeps.
const TITLE_WORDS: usize = 5;

/// Call `f` with the characters of `text` with accents folded away: each character's canonical
/// decomposition without its combining marks ("ñ" gives "n"). The same as taking the NFD form
/// and dropping the marks, since only the marks' order differs, one character at a time.
pub fn fold_accents(text: &str, mut f: impl FnMut(char)) {
    for c in text.chars() {
        if c.is_ascii() {
            f(c);
        } else {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    f(d)
                }
            });
        }
    }
}

/// Lower-case ASCII words of `text`: accents folded ("Niñez" is "ninez"), apostrophes dropped
/// ("Labor’s" is "labors"), every other run of non-alphanumerics a word break.
pub fn slugify(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    fold_accents(text, |c| {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if matches!(c, '\'' | '’' | 'ʼ') {
            // An apostrophe joins ("labor’s" -> "labors") rather than splits.
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    });
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// The id for a source: `<cc>-<year or nd>-<up to five title words>`; when that is taken,
/// the publisher's first word is added, then a counter, so the result is stable for a given
/// set of ids already in use.
pub fn derive_id(
    country: &str,
    year: Option<i16>,
    publisher: Option<&str>,
    title: &str,
    taken: &BTreeSet<String>,
) -> String {
    let mut words: Vec<String> = slugify(title)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .take(TITLE_WORDS)
        .collect();
    if words.is_empty() {
        words.push("untitled".into());
    }
    let year = year.map_or_else(|| "nd".to_string(), |y| format!("{y:04}"));
    let base = format!(
        "{}-{year}-{}",
        country.to_ascii_lowercase(),
        words.join("-")
    );
    if !taken.contains(&base) {
        return base;
    }
    let with_publisher = publisher
        .and_then(|p| slugify(p).into_iter().next())
        .map(|p| format!("{base}-{p}"));
    if let Some(id) = with_publisher.as_ref().filter(|id| !taken.contains(*id)) {
        return id.clone();
    }
    let stem = with_publisher.unwrap_or(base);
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !taken.contains(id))
        .expect("an unbounded counter always finds a free id")
}

/// A stable 64-bit hash (SipHash with fixed keys: the same in every run) of texts folded as
/// [`slugify`] folds them (lower case, letters and digits, single spaces), each
/// followed by a separator.
pub fn normalised_hash(texts: &[&str]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    // The folded bytes go to the hasher a block at a time: SipHash reads a stream, so the
    // hash is the same as a byte at a time, with a call per block instead of per byte.
    let mut buf = [0u8; 64];
    let mut n = 0;
    let mut put = |h: &mut std::hash::DefaultHasher, b: u8| {
        if n == buf.len() {
            h.write(&buf);
            n = 0;
        }
        buf[n] = b;
        n += 1;
    };
    for t in texts {
        // The same folding as `slugify`, fed to the hasher without building the words.
        let mut gap = false;
        let mut any = false;
        fold_accents(t, |c| {
            // Only ASCII letters and digits are hashed: one byte each.
            if c.is_ascii_alphanumeric() {
                if gap && any {
                    put(&mut h, b' ');
                }
                put(&mut h, c.to_ascii_lowercase() as u8);
                gap = false;
                any = true;
            } else if !matches!(c, '\'' | '’' | 'ʼ') {
                gap = true;
            }
        });
        put(&mut h, 0xff);
    }
    h.write(&buf[..n]);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_apostrophes() {
        assert_eq!(
            slugify("The Department of Labor’s 2004 Findings"),
            ["the", "department", "of", "labors", "2004", "findings"]
        );
        assert_eq!(
            slugify("Niñez y adolescencia — PERÚ"),
            ["ninez", "y", "adolescencia", "peru"]
        );
        assert!(slugify("«»—").is_empty());
    }

    #[test]
    fn folding_one_character_at_a_time_is_nfd_without_marks() {
        use unicode_normalization::UnicodeNormalization;
        let text = "Niñez, Perú, São Paulo, Ångström, ﬁ, Ǆ, ḝ, \u{1e69}, 한국";
        let mut folded = String::new();
        fold_accents(text, |c| folded.push(c));
        let nfd: String = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
        assert_eq!(folded, nfd);
    }

    #[test]
    fn ids_take_five_title_words_without_stopwords() {
        let none = BTreeSet::new();
        assert_eq!(
            derive_id(
                "PE",
                Some(2000),
                None,
                "Concluding Observations of the Committee on the Rights of the Child (CRC)",
                &none
            ),
            "pe-2000-concluding-observations-committee-rights-child"
        );
        assert_eq!(
            derive_id("PE", None, None, "Child Labor in Peru", &none),
            "pe-nd-child-labor-peru"
        );
        assert_eq!(
            derive_id("PE", Some(2001), None, "…", &none),
            "pe-2001-untitled"
        );
    }

    #[test]
    fn collisions_resolve_stably() {
        let mut taken = BTreeSet::from(["pe-2001-five-years-after-stockholm".to_string()]);
        let id = derive_id(
            "PE",
            Some(2001),
            Some("ECPAT International"),
            "Five Years After Stockholm",
            &taken,
        );
        assert_eq!(id, "pe-2001-five-years-after-stockholm-ecpat");
        taken.insert(id);
        let id = derive_id(
            "PE",
            Some(2001),
            Some("ECPAT International"),
            "Five Years After Stockholm",
            &taken,
        );
        assert_eq!(id, "pe-2001-five-years-after-stockholm-ecpat-2");
        let id = derive_id("PE", Some(2001), None, "Five Years After Stockholm", &taken);
        assert_eq!(id, "pe-2001-five-years-after-stockholm-2");
    }

    /// What the hash folds to, built the plain way.
    fn normalise(text: &str) -> String {
        slugify(text).join(" ")
    }

    #[test]
    fn the_streaming_hash_folds_as_normalise_does() {
        let same = [
            (
                "Four Child Prostitution Rings Identified In Peru",
                "Four child prostitution rings identified in Peru.",
            ),
            ("Labor’s  report", "labors report"),
            ("Niñez", "ninez"),
        ];
        for (a, b) in same {
            assert_eq!(normalise(a), normalise(b));
            assert_eq!(
                normalised_hash(&[a, "x"]),
                normalised_hash(&[b, "x"]),
                "{a} / {b}"
            );
        }
        assert_ne!(normalised_hash(&["ab", "c"]), normalised_hash(&["a", "bc"]));
        assert_ne!(normalised_hash(&["a b"]), normalised_hash(&["ab"]));
    }

    #[test]
    fn hashed_as_the_slug_words_a_byte_at_a_time() {
        use std::hash::Hasher;
        let long = "Informe sobre la situación de la niñez — PERÚ, the children’s report of \
                    2001 (CHS Alternativo): a title longer than one block of the hash";
        let texts = [long, "", "Labor’s", long];
        let mut h = std::hash::DefaultHasher::new();
        for t in texts {
            for b in slugify(t).join(" ").bytes() {
                h.write_u8(b);
            }
            h.write_u8(0xff);
        }
        assert_eq!(normalised_hash(&texts), h.finish());
    }
}
