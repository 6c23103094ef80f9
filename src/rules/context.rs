//! What rules see. A file rule sees one file through [`FileCtx`]: its place, its raw value, its
//! typed document when it matches its schema, and what the whole run shares ([`Env`]). A
//! cross-file rule sees the compact [`Index`] of every file.

use std::cell::OnceCell;
use std::sync::Arc;

use serde_json::Value;

use crate::diag::{Diagnostic, Label, Rule};
use crate::json::{Pointer, Target};
use crate::layout::{FileName, Files, Place};
use crate::model::{
    self, CountryParts, Dataset, Document, PartialDate, Published, RecordParts, Section,
};

/// What every file's check in one run shares.
#[derive(Clone, Copy)]
pub struct Env<'a> {
    /// The dataset's metadata, when `dataset.json` is valid.
    pub dataset: Option<&'a Dataset>,
    /// The date "now" is compared with (pinned by `--today`).
    pub today: PartialDate,
    /// Whether a code is a rule's: the table of every code sits above the rules, so it is
    /// handed down.
    pub is_rule_code: fn(&str) -> bool,
}

/// The context of a file rule.
pub struct FileCtx<'a> {
    place: &'a Place,
    display: &'a FileName,
    value: &'a Value,
    doc: Option<&'a Document>,
    env: Env<'a>,
    /// The words the file quotes, counted once for the rules that need them.
    quoted_words: OnceCell<Option<u64>>,
    /// What the file's printed publication date reads as, once for the rules that need it.
    printed_date: OnceCell<Option<PartialDate>>,
}

impl<'a> FileCtx<'a> {
    /// The context of the file at `place`, shown as `display`, holding `value`; `doc` is its
    /// typed content when it matches its schema.
    pub fn new(
        place: &'a Place,
        display: &'a FileName,
        value: &'a Value,
        doc: Option<&'a Document>,
        env: Env<'a>,
    ) -> Self {
        FileCtx {
            place,
            display,
            value,
            doc,
            env,
            quoted_words: OnceCell::new(),
            printed_date: OnceCell::new(),
        }
    }

    /// The file's raw value, for rules that read what the typed model cannot hold.
    pub fn value(&self) -> &'a Value {
        self.value
    }

    /// The typed content, field by field (a field that is absent, malformed or at fault in the
    /// schema is `None`); `None` altogether while the file still holds a placeholder, so only
    /// rules that read the raw value run.
    pub fn document(&self) -> Option<&'a Document> {
        self.doc
    }

    pub fn record(&self) -> Option<&'a RecordParts> {
        self.doc.and_then(Document::record)
    }

    pub fn country(&self) -> Option<&'a CountryParts> {
        self.doc.and_then(Document::country)
    }

    /// The dataset's metadata, when `dataset.json` is valid.
    pub fn dataset(&self) -> Option<&'a Dataset> {
        self.env.dataset
    }

    pub fn today(&self) -> PartialDate {
        self.env.today
    }

    pub fn is_rule_code(&self, code: &str) -> bool {
        (self.env.is_rule_code)(code)
    }

    /// The directory a country or record file sits in.
    pub fn dir(&self) -> Option<&'a str> {
        self.place.dir()
    }

    /// A record file's name without `.json`.
    pub fn stem(&self) -> Option<&'a str> {
        self.place.stem()
    }

    /// The country code a record or country file states, with its pointer.
    pub fn country_code(&self) -> Option<(&'a str, Pointer)> {
        match self.doc? {
            Document::Record(r) => Some((r.country.as_deref()?, Pointer::lit("/country"))),
            Document::Country(c) => Some((c.code.as_deref()?, Pointer::lit("/code"))),
            Document::Dataset(_) => None,
        }
    }

    /// The file's publication date, with the pointer to its object: a record's `published`,
    /// or the edition a country profile quotes. A file has at most one.
    pub fn publication(&self) -> Option<(Pointer, &'a Published)> {
        match self.doc? {
            Document::Record(r) => r
                .published
                .as_ref()
                .map(|p| (Pointer::lit("/published"), p)),
            Document::Country(c) => c
                .profile
                .as_ref()
                .and_then(|p| p.source.published.as_ref())
                .map(|p| (Pointer::lit("/profile/source/published"), p)),
            Document::Dataset(_) => None,
        }
    }

    /// What the publication's date as printed reads as, read once for every rule that asks.
    pub fn printed_date(&self) -> Option<PartialDate> {
        *self.printed_date.get_or_init(|| {
            self.publication()
                .and_then(|(_, p)| p.as_printed.as_deref())
                .and_then(model::parse_printed)
        })
    }

    /// The words the file quotes (a record's excerpts, a profile's paragraphs), counted once;
    /// `None` when the quoted text is there but could not be read, so no count is made up.
    pub fn quoted_words(&self) -> Option<u64> {
        *self.quoted_words.get_or_init(|| {
            let (field, words) = match self.doc? {
                Document::Record(r) => ("excerpts", r.quoted_words()),
                Document::Country(c) => ("profile", c.profile.as_ref()?.quoted_words()),
                Document::Dataset(_) => return None,
            };
            let unread = self.value.get(field).is_some()
                && match self.doc? {
                    Document::Record(r) => r.excerpts.is_none(),
                    _ => false,
                };
            (!unread).then_some(words)
        })
    }

    /// A label on the thing at `pointer`.
    pub fn at(&self, pointer: Pointer, target: Target) -> Label {
        Label::at_pointer(self.display, pointer, target)
    }

    /// A diagnostic on part of the string at `pointer`: `part` is a slice of `string`, the
    /// string's decoded text, so the label underlines just that part in the file.
    pub fn diag_part(
        &self,
        rule: &'static Rule,
        message: impl Into<std::borrow::Cow<'static, str>>,
        pointer: Pointer,
        string: &str,
        part: &str,
    ) -> Diagnostic {
        let start = (part.as_ptr() as usize).wrapping_sub(string.as_ptr() as usize);
        let target = if start.saturating_add(part.len()) <= string.len() {
            Target::Part {
                start: u32::try_from(start).unwrap_or(0),
                end: u32::try_from(start + part.len()).unwrap_or(0),
            }
        } else {
            // Not a slice of the string after all: the whole value, as with any other label.
            Target::Value
        };
        Diagnostic::new(rule, message, self.at(pointer, target))
    }

    /// A diagnostic on the value at `pointer`.
    pub fn diag(
        &self,
        rule: &'static Rule,
        message: impl Into<std::borrow::Cow<'static, str>>,
        pointer: Pointer,
    ) -> Diagnostic {
        Diagnostic::new(rule, message, self.at(pointer, Target::Value))
    }
}

/// What cross-file rules need to know of one file: a hundred bytes or so, so that the index
/// of a dataset of a hundred thousand records stays small.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexEntry {
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
    /// The record's topics, as indices into the dataset's topic vocabulary (topics it does
    /// not define are left out: SB506 reports them).
    pub topics: Topics,
}

impl IndexEntry {
    /// Copy what the entry owns into fresh allocations made on the calling thread (see
    /// [`Diagnostic::settle`](crate::diag::Diagnostic::settle) for why: the index lives to the
    /// end of the run, like the findings).
    pub fn settle(&mut self) {
        if let Some(id) = &mut self.id {
            *id = Box::from(&**id);
        }
        if let Topics::Heap(t) = &mut self.topics {
            *t = Box::from(&**t);
        }
    }
}

/// A record's topics as sorted indices into the dataset's vocabulary: up to three held in
/// place (a record has one or two), more on the heap, so the index of a large dataset does not
/// make an allocation per record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Topics {
    Inline { len: u8, items: [u16; 3] },
    Heap(Box<[u16]>),
}

impl Default for Topics {
    fn default() -> Self {
        Topics::Inline {
            len: 0,
            items: [0; 3],
        }
    }
}

impl Topics {
    /// The topics `indices` name, sorted and each once.
    pub fn new(mut indices: Vec<u16>) -> Topics {
        indices.sort_unstable();
        indices.dedup();
        if indices.len() <= 3 {
            let mut items = [0; 3];
            items[..indices.len()].copy_from_slice(&indices);
            Topics::Inline {
                len: indices.len() as u8,
                items,
            }
        } else {
            Topics::Heap(indices.into_boxed_slice())
        }
    }

    pub fn as_slice(&self) -> &[u16] {
        match self {
            Topics::Inline { len, items } => &items[..usize::from(*len)],
            Topics::Heap(v) => v,
        }
    }
}

/// The context of a cross-file rule: the index of every file, in walk order.
pub struct Index<'a> {
    pub entries: &'a [IndexEntry],
    pub dataset: Option<&'a Dataset>,
    /// The files the entries index into, for their display paths.
    pub files: &'a Arc<Files>,
}

impl Index<'_> {
    pub fn records(&self) -> impl Iterator<Item = &IndexEntry> {
        self.entries.iter().filter(|e| e.is_record)
    }

    /// The display path of an entry's file.
    pub fn file(&self, e: &IndexEntry) -> &str {
        self.files.display_at(e.index as usize)
    }

    /// A label on the thing at `pointer` in an entry's file.
    pub fn label(&self, e: &IndexEntry, pointer: Pointer, target: Target) -> Label {
        Label::at_pointer(
            FileName::listed(self.files, e.index as usize),
            pointer,
            target,
        )
    }
}
