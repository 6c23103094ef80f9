//! The three kinds of file read field by field, for the rules: every top-level field is read on
//! its own (leniently: see [`super::lenient`]) and is `None` when it is absent or malformed, so
//! a fault in one field hides only that field from the rules, and every other fault in the
//! file is still reported in the same run.

use std::collections::BTreeMap;

use serde_json::Value;

use super::country::{Helpline, Page, Profile};
use super::dataset::{Citation, Coverage, Level, Maintainer, Notices, Policy, Topic};
use super::date::PartialDate;
use super::lenient;
use super::record::{
    Excerpt, Identifier, Organisation, Person, Placement, Published, Record, Rights, Urls,
    excerpt_words,
};

/// Declares a parts struct: each field an `Option`, read from the key of the same name.
macro_rules! parts {
    ($(#[$doc:meta])* $name:ident { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $(pub $field: Option<$ty>,)*
        }

        impl $name {
            /// The keys of the file's top level this reads.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Read each top-level field of `value` on its own.
            pub fn read(value: &Value) -> Self {
                let mut parts = Self::default();
                // One pass over the keys there are, rather than a search of the object for
                // each field there could be (a tenth of `check`'s instructions).
                for (key, v) in value.as_object().into_iter().flatten() {
                    match key.as_str() {
                        $(stringify!($field) => parts.$field = lenient::read(v),)*
                        _ => {}
                    }
                }
                parts
            }

            /// Forget the fields named.
            pub fn forget(&mut self, fields: &[&str]) {
                $(if fields.contains(&stringify!($field)) {
                    self.$field = None;
                })*
            }

            /// The fields present in `value` (the value these parts were read from) that could
            /// not be read: what the typed model cannot hold, when the schema let it through.
            pub fn unread<'v>(&self, value: &'v Value) -> Vec<&'v str> {
                let read: &[(&str, bool)] = &[$((stringify!($field), self.$field.is_some())),*];
                let Some(o) = value.as_object() else {
                    return Vec::new();
                };
                // Every field read came from a key of the object: as many fields read as there
                // are keys means every key was read, the common case, known without a search.
                if read.iter().filter(|(_, ok)| *ok).count() == o.len() {
                    return Vec::new();
                }
                o.keys()
                    .map(String::as_str)
                    .filter(|k| read.iter().any(|(f, ok)| f == k && !ok))
                    .collect()
            }
        }
    };
}

parts! {
    /// A record, field by field.
    RecordParts {
        id: String,
        country: String,
        topics: Vec<String>,
        placement: Placement,
        title: String,
        subtitle: String,
        series: String,
        edition: String,
        authors: Vec<Person>,
        publisher: Organisation,
        place: String,
        identifiers: Vec<Identifier>,
        published: Published,
        byline: String,
        accessed: Vec<PartialDate>,
        format: String,
        language: String,
        urls: Urls,
        availability: String,
        excerpts: Vec<Excerpt>,
        notes: Vec<String>,
        cross_references: Vec<String>,
        rights: Rights,
        maintainer_notes: Vec<String>,
    }
}

impl RecordParts {
    pub fn excerpts(&self) -> &[Excerpt] {
        self.excerpts.as_deref().unwrap_or_default()
    }

    pub fn authors(&self) -> &[Person] {
        self.authors.as_deref().unwrap_or_default()
    }

    pub fn accessed(&self) -> &[PartialDate] {
        self.accessed.as_deref().unwrap_or_default()
    }

    pub fn topics(&self) -> &[String] {
        self.topics.as_deref().unwrap_or_default()
    }

    /// Words quoted by the excerpts that could be read (headings and texts). Whether the
    /// excerpts could be read at all is the caller's to ask ([`RecordParts::unread`]).
    pub fn quoted_words(&self) -> u64 {
        excerpt_words(self.excerpts())
    }

    /// The record these parts hold, when each field a record must have was read. Each field
    /// is read by the same serde code as [`Record`]'s own, but leniently (unknown keys inside a
    /// field are passed over): only from a file that also matched the record schema, which
    /// allows no unknown key, is this the record serde reads from the file whole. A command that
    /// checks records as it writes them (`release`) takes it from such files instead of reading
    /// them again.
    pub fn into_record(self) -> Option<Record> {
        Some(Record {
            id: self.id?,
            country: self.country?,
            topics: self.topics?,
            placement: self.placement,
            title: self.title?,
            subtitle: self.subtitle,
            series: self.series,
            edition: self.edition,
            authors: self.authors,
            publisher: self.publisher,
            place: self.place,
            identifiers: self.identifiers,
            published: self.published,
            byline: self.byline,
            accessed: self.accessed,
            format: self.format,
            language: self.language,
            urls: self.urls,
            availability: self.availability,
            excerpts: self.excerpts,
            notes: self.notes,
            cross_references: self.cross_references,
            rights: self.rights?,
            maintainer_notes: self.maintainer_notes,
        })
    }
}

parts! {
    /// A country file, field by field.
    CountryParts {
        code: String,
        alpha3: String,
        name: String,
        official_name: String,
        pages: Vec<Page>,
        profile: Profile,
        helplines: Vec<Helpline>,
    }
}

impl CountryParts {
    pub fn helplines(&self) -> &[Helpline] {
        self.helplines.as_deref().unwrap_or_default()
    }

    pub fn pages(&self) -> &[Page] {
        self.pages.as_deref().unwrap_or_default()
    }
}

parts! {
    /// The dataset file, field by field.
    DatasetParts {
        name: String,
        version: String,
        title: String,
        description: String,
        coverage: Coverage,
        topics: Vec<Topic>,
        compiler: Person,
        maintainers: Vec<Maintainer>,
        licence: String,
        notices: Notices,
        citation: Citation,
        rules: BTreeMap<String, Level>,
        policy: Policy,
    }
}

impl DatasetParts {
    pub fn topics(&self) -> &[Topic] {
        self.topics.as_deref().unwrap_or_default()
    }

    pub fn maintainers(&self) -> &[Maintainer] {
        self.maintainers.as_deref().unwrap_or_default()
    }
}
