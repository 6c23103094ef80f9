//! Typed views of the three kinds of dataset file, in the field order of their schemas.
//!
//! Field order here is the canonical key order `sourcebook fmt` writes; a test checks it
//! against the schemas' `properties` order.

mod country;
mod dataset;
mod date;
mod document;
mod id;
pub mod lenient;
mod parts;
mod printed;
mod record;

pub use country::{Country, Headline, Helpline, Page, Profile, ProfileSource};
pub use dataset::{
    Citation, Coverage, Dataset, Level, Maintainer, Notices, Policy, Topic, TopicNotices,
};
pub use date::{DateError, DateText, PartialDate, Precision, days_in_month};
pub use document::{Document, raw_publication_dates, strict};
pub use id::{derive_id, fold_accents, normalised_hash, slugify};
pub use parts::{CountryParts, DatasetParts, RecordParts};
pub use printed::{month, parse_printed};
pub use record::{
    Excerpt, Identifier, IdentifierKind, Organisation, Person, Placement, Published, Record,
    Rights, RightsBasis, RightsStatus, Section, Urls, count_words, excerpt_words, paragraph_words,
};

/// The name a value of one of the model's enums has in the files (`fair_use`, `file_name`):
/// serde's, so no second table of names can drift from it.
pub fn wire_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
