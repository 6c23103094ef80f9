//! [`Snapshot`]: the whole dataset as one value, as a release document holds it.

use serde::{Deserialize, Serialize};

use crate::model::{Country, Dataset, Record};

/// The major version of the record schema a release was built with (its `$id` says `v1`).
pub const SCHEMA_VERSION: u32 = 1;

/// The whole dataset, as `sourcebook-<version>.json` holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub schema_version: u32,
    pub name: String,
    pub version: String,
    /// When the release was built (from `SOURCE_DATE_EPOCH` or the last commit), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    pub dataset: Dataset,
    pub countries: Vec<Country>,
    pub records: Vec<Record>,
}

impl Snapshot {
    /// The country with this code. Countries are kept sorted by code, so it is looked up by
    /// bisection (a release writes it for every record); a list out of order, as a hand-made
    /// release file might hold, is searched in full.
    pub fn country(&self, code: &str) -> Option<&Country> {
        match self
            .countries
            .binary_search_by(|c| c.code.as_str().cmp(code))
        {
            Ok(i) => Some(&self.countries[i]),
            Err(_) => self.countries.iter().find(|c| c.code == code),
        }
    }
}
