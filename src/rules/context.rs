//! What rules see: one file with its typed document and the dataset's metadata (file rules),
//! or the compact index of every file (cross-file rules).

use serde_json::Value;

use crate::dataset::{File, Role};
use crate::diagnostic::{Diagnostic, Label};
use crate::json::{self, Target};
use crate::model::{self, PartialDate, Section};
use crate::rules::Rule;

/// A file's content, typed when it matches its schema.
#[derive(Clone, Copy, Debug)]
pub enum Doc<'a> {
    Dataset(&'a model::Dataset),
    Country(&'a model::Country),
    Record(&'a model::Record),
    /// The file does not match its schema; only rules that read the raw value run.
    Untyped,
}

/// The context of a file rule.
pub struct FileCtx<'a> {
    pub file: &'a File,
    pub value: &'a Value,
    pub doc: Doc<'a>,
    /// The dataset's metadata, when `dataset.json` is valid.
    pub dataset: Option<&'a model::Dataset>,
    /// The date "now" is compared with (pinned by `--today`).
    pub today: PartialDate,
    /// The words the file quotes, counted once for the rules that need them.
    pub quoted_words: std::cell::OnceCell<u64>,
    /// The file's printed publication date and what it reads as, once for the rules that need it.
    pub printed_date: std::cell::OnceCell<(String, Option<PartialDate>)>,
}

impl<'a> FileCtx<'a> {
    /// A label on the thing at `pointer`.
    pub fn at(&self, pointer: impl Into<String>, target: Target) -> Label {
        self.file.pointer(pointer, target)
    }

    /// A diagnostic on the value at `pointer`.
    pub fn diag(
        &self,
        rule: &'static Rule,
        message: impl Into<String>,
        pointer: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(rule, message, self.at(pointer, Target::Value))
    }

    /// A printed date as read; a file holds one publication date (a record's or a profile's),
    /// so the first read is kept, and any other text is read afresh.
    pub fn read_printed(&self, printed: &str) -> Option<PartialDate> {
        let (text, date) = self
            .printed_date
            .get_or_init(|| (printed.to_string(), model::parse_printed(printed)));
        if text == printed {
            *date
        } else {
            model::parse_printed(printed)
        }
    }

    pub fn record(&self) -> Option<&'a model::Record> {
        match self.doc {
            Doc::Record(r) => Some(r),
            _ => None,
        }
    }

    pub fn country(&self) -> Option<&'a model::Country> {
        match self.doc {
            Doc::Country(c) => Some(c),
            _ => None,
        }
    }

    /// The country code a record or country file states, with its pointer.
    pub fn country_code(&self) -> Option<(&'a str, &'static str)> {
        match self.doc {
            Doc::Record(r) => Some((&r.country, "/country")),
            Doc::Country(c) => Some((&c.code, "/code")),
            _ => None,
        }
    }

    /// The directory a country or record file sits in.
    pub fn dir(&self) -> Option<&'a str> {
        match &self.file.role {
            Role::Country { dir } | Role::Record { dir, .. } => Some(dir),
            Role::Dataset => None,
        }
    }
}

/// A string with what one pass over its bytes says of it, so that each text rule can pass
/// over strings that cannot break it without scanning them again.
#[derive(Clone, Copy, Debug)]
pub struct Text<'s> {
    pub s: &'s str,
    /// The union of the [`class`] bits of its bytes.
    pub classes: u8,
}

/// Byte classes.
pub mod class {
    /// An ASCII control byte (below 0x20, or 0x7F).
    pub const CONTROL: u8 = 1;
    /// `<` or `&`, which start HTML markup.
    pub const MARKUP: u8 = 2;
    /// A lead byte of a character that may be hidden: 0xC2 (C1 controls, soft hyphen), 0xD8
    /// (Arabic letter mark), 0xE2 (zero-width and directional characters), 0xEF (BOM).
    pub const HIDDEN_LEAD: u8 = 4;
    /// A lead byte of a character at or above U+0300, where NFC can change text.
    pub const NFC_LEAD: u8 = 8;
}

const fn classes_of(b: u8) -> u8 {
    let mut c = 0;
    if b < 0x20 || b == 0x7f {
        c |= class::CONTROL;
    }
    if b == b'<' || b == b'&' {
        c |= class::MARKUP;
    }
    if b == 0xc2 || b == 0xd8 || b == 0xe2 || b == 0xef {
        c |= class::HIDDEN_LEAD;
    }
    if b >= 0xcc && b != 0xff {
        c |= class::NFC_LEAD;
    }
    c
}

static CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = classes_of(i as u8);
        i += 1;
    }
    t
};

impl<'s> Text<'s> {
    /// Classify a string's bytes in one pass.
    pub fn scan(s: &'s str) -> Self {
        let mut classes = 0;
        for &b in s.as_bytes() {
            classes |= CLASSES[b as usize];
        }
        Text { s, classes }
    }

    pub fn has(&self, c: u8) -> bool {
        self.classes & c != 0
    }
}

/// One step of a path into a JSON value.
#[derive(Clone, Copy, Debug)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The path to a value, as a stack of steps; the JSON pointer is only built when a rule has
/// something to report there.
pub struct JsonPath<'a, 'p> {
    segs: &'p [Seg<'a>],
}

impl JsonPath<'_, '_> {
    pub fn pointer(&self) -> String {
        let mut p = String::new();
        for s in self.segs {
            match s {
                Seg::Key(k) => json::push_token(&mut p, k),
                Seg::Index(i) => json::push_token(&mut p, &i.to_string()),
            }
        }
        p
    }
}

/// Call `f` with every string in a JSON value and the path to it.
pub fn visit_strings<'v>(value: &'v Value, f: &mut dyn FnMut(&JsonPath<'v, '_>, &'v str)) {
    fn walk<'v>(
        v: &'v Value,
        stack: &mut Vec<Seg<'v>>,
        f: &mut dyn FnMut(&JsonPath<'v, '_>, &'v str),
    ) {
        match v {
            Value::String(s) => f(&JsonPath { segs: stack }, s),
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    stack.push(Seg::Index(i));
                    walk(x, stack, f);
                    stack.pop();
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    stack.push(Seg::Key(k));
                    walk(x, stack, f);
                    stack.pop();
                }
            }
            _ => {}
        }
    }
    walk(value, &mut Vec::with_capacity(8), f);
}

/// What cross-file rules need to know of one file: a hundred bytes or so, so that the index
/// of a dataset of a hundred thousand records stays small.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entry {
    /// The file's index in the walk.
    pub index: u32,
    pub is_record: bool,
    /// The record id or country code the file declares.
    pub id: Option<Box<str>>,
    pub country: Option<[u8; 2]>,
    /// A hash of the normalised title, publisher and publication date: equal hashes are the
    /// same source (two different sources share one with odds of about 1 in 10^19).
    pub source_key: Option<u64>,
    pub placement: Option<(Section, u32)>,
    /// The record's topics, as bits over the dataset's topic vocabulary.
    pub topics: u64,
}

/// The context of a cross-file rule.
pub struct Ctx<'a> {
    pub entries: &'a [Entry],
    pub dataset: Option<&'a model::Dataset>,
    /// The walk the entries index into, for their files' display paths.
    pub walk: &'a crate::dataset::Walk,
}

impl Ctx<'_> {
    pub fn records(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.is_record)
    }

    /// The display path of an entry's file.
    pub fn file(&self, e: &Entry) -> String {
        self.walk.display(&self.walk.files[e.index as usize])
    }

    /// A label on the thing at `pointer` in an entry's file.
    pub fn label(&self, e: &Entry, pointer: &str, target: Target) -> Label {
        Label::new(
            self.file(e),
            crate::diagnostic::At::Pointer(pointer.to_string(), target),
        )
    }
}

/// A stable 64-bit hash (SipHash with fixed keys: the same in every run) of texts folded as
/// [`model::slugify`] folds them (lower case, letters and digits, single spaces), each
/// followed by a separator.
pub fn normalised_hash(texts: &[&str]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    let mut buf = [0u8; 4];
    for t in texts {
        // The same folding as `slugify`, fed to the hasher without building the words.
        let mut gap = false;
        let mut any = false;
        model::fold_accents(t, |c| {
            if c.is_ascii_alphanumeric() {
                if gap && any {
                    h.write_u8(b' ');
                }
                h.write(c.to_ascii_lowercase().encode_utf8(&mut buf).as_bytes());
                gap = false;
                any = true;
            } else if !matches!(c, '\'' | '’' | 'ʼ') {
                gap = true;
            }
        });
        h.write_u8(0xff);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the hash folds to, built the plain way.
    fn normalise(text: &str) -> String {
        model::slugify(text).join(" ")
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
}
