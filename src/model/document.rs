//! One dataset file's content in the typed model, as the rules read it: field by field
//! ([`RecordParts`] and its siblings), so one malformed field hides only itself. The strict
//! reading of a whole file ([`strict`]) is what releases and the dataset's metadata use.

use serde_json::Value;

use super::dataset::Dataset;
use super::parts::{CountryParts, DatasetParts, RecordParts};
use crate::layout::Kind;

/// A file's content, read field by field. Boxed: the three differ greatly in size, and most
/// files are records.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Dataset(Box<DatasetParts>),
    Country(Box<CountryParts>),
    Record(Box<RecordParts>),
}

impl Document {
    /// Read a JSON value of a file of `kind`, each top-level field on its own.
    pub fn read(kind: Kind, value: &Value) -> Document {
        match kind {
            Kind::Dataset => Document::Dataset(Box::new(DatasetParts::read(value))),
            Kind::Country => Document::Country(Box::new(CountryParts::read(value))),
            Kind::Record => Document::Record(Box::new(RecordParts::read(value))),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Document::Dataset(_) => Kind::Dataset,
            Document::Country(_) => Kind::Country,
            Document::Record(_) => Kind::Record,
        }
    }

    /// The top-level fields present in `value` that could not be read.
    pub fn unread<'v>(&self, value: &'v Value) -> Vec<&'v str> {
        match self {
            Document::Dataset(d) => d.unread(value),
            Document::Country(c) => c.unread(value),
            Document::Record(r) => r.unread(value),
        }
    }

    /// Forget the fields named: the schema found them at fault, so no rule reads them (and
    /// the fault is reported once, by the schema).
    pub fn forget(&mut self, fields: &[&str]) {
        match self {
            Document::Dataset(d) => d.forget(fields),
            Document::Country(c) => c.forget(fields),
            Document::Record(r) => r.forget(fields),
        }
    }

    /// The record this file holds, if it is a record file with every required field read.
    pub fn into_record(self) -> Option<super::record::Record> {
        match self {
            Document::Record(r) => r.into_record(),
            _ => None,
        }
    }

    pub fn record(&self) -> Option<&RecordParts> {
        match self {
            Document::Record(r) => Some(r),
            _ => None,
        }
    }

    pub fn country(&self) -> Option<&CountryParts> {
        match self {
            Document::Country(c) => Some(c),
            _ => None,
        }
    }

    pub fn dataset(&self) -> Option<&DatasetParts> {
        match self {
            Document::Dataset(d) => Some(d),
            _ => None,
        }
    }
}

/// Read a whole file of `kind` strictly into the model, saying where it does not fit: what
/// the schema lets through but the model cannot hold (a number with a fraction where a count
/// belongs, a date that does not exist). The dataset's metadata, when that is what was read.
pub fn strict(
    kind: Kind,
    value: &Value,
) -> Result<Option<Dataset>, serde_path_to_error::Error<serde_json::Error>> {
    fn typed<T: serde::de::DeserializeOwned>(
        value: &Value,
    ) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
        // The plain path first: tracking the path costs a tenth of `check`, and is only
        // needed to say where a value that does not fit the model fails.
        T::deserialize(value).or_else(|_| serde_path_to_error::deserialize(value))
    }
    match kind {
        Kind::Dataset => typed::<Dataset>(value).map(Some),
        Kind::Country => typed::<super::country::Country>(value).map(|_| None),
        Kind::Record => typed::<super::record::Record>(value).map(|_| None),
    }
}

/// The publication date strings a raw file value holds, with the (escaped) pointers to them:
/// a record's `published.date`, the date of the edition a country profile quotes. The typed
/// model holds only dates that exist; these are read where one might not.
pub fn raw_publication_dates(value: &Value) -> impl Iterator<Item = (&'static str, &str)> {
    fn date(v: Option<&Value>) -> Option<&str> {
        v.and_then(|p| p.get("date")).and_then(|d| d.as_str())
    }
    let record = date(value.get("published")).map(|s| ("/published/date", s));
    let profile = date(
        value
            .get("profile")
            .and_then(|p| p.get("source"))
            .and_then(|s| s.get("published")),
    )
    .map(|s| ("/profile/source/published/date", s));
    record.into_iter().chain(profile)
}
