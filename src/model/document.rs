//! One dataset file's content in the typed model: what `check` reads a file into once it
//! matches its schema, and what the rules that need typed fields are given.

use super::country::Country;
use super::dataset::Dataset;
use super::record::Record;
use crate::layout::Kind;

/// A file's content, typed. Boxed: the three differ greatly in size, and most files are
/// records.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Dataset(Box<Dataset>),
    Country(Box<Country>),
    Record(Box<Record>),
}

impl Document {
    pub fn kind(&self) -> Kind {
        match self {
            Document::Dataset(_) => Kind::Dataset,
            Document::Country(_) => Kind::Country,
            Document::Record(_) => Kind::Record,
        }
    }

    /// Read a JSON value as the model type of `kind`.
    pub fn from_value(
        kind: Kind,
        value: &serde_json::Value,
    ) -> Result<Document, serde_path_to_error::Error<serde_json::Error>> {
        fn typed<T: serde::de::DeserializeOwned>(
            value: &serde_json::Value,
        ) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
            // The plain path first: tracking the path costs a tenth of `check`, and is only
            // needed to say where a value that does not fit the model fails.
            T::deserialize(value).or_else(|_| serde_path_to_error::deserialize(value))
        }
        Ok(match kind {
            Kind::Dataset => Document::Dataset(Box::new(typed(value)?)),
            Kind::Country => Document::Country(Box::new(typed(value)?)),
            Kind::Record => Document::Record(Box::new(typed(value)?)),
        })
    }

    pub fn record(&self) -> Option<&Record> {
        match self {
            Document::Record(r) => Some(r),
            _ => None,
        }
    }

    pub fn country(&self) -> Option<&Country> {
        match self {
            Document::Country(c) => Some(c),
            _ => None,
        }
    }

    pub fn dataset(&self) -> Option<&Dataset> {
        match self {
            Document::Dataset(d) => Some(d),
            _ => None,
        }
    }
}

/// The publication date strings a raw file value holds, with the (escaped) pointers to them:
/// a record's `published.date`, the date of the edition a country profile quotes. The typed
/// model holds only dates that exist; these are read where one might not.
pub fn raw_publication_dates(
    value: &serde_json::Value,
) -> impl Iterator<Item = (&'static str, &str)> {
    fn date(v: Option<&serde_json::Value>) -> Option<&str> {
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
