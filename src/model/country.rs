//! A country file: codes, names, compiled pages, profile quote and helplines.

use serde::{Deserialize, Serialize};

use super::record::{Organisation, Published, Rights};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    pub alpha3: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Vec<Page>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub helplines: Option<Vec<Helpline>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub topic: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<Headline>,
}

/// The quotation a page prints under the profile, attributed after a dash ("… - U.S. State
/// Dept Trafficking in Persons Report, June, 2009").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    pub paragraphs: Vec<String>,
    pub attribution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_reference: Option<String>,
    pub rights: Rights,
}

impl Headline {
    /// Words quoted by the headline: all its paragraphs.
    pub fn quoted_words(&self) -> u64 {
        super::record::paragraph_words(&self.paragraphs)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub paragraphs: Vec<String>,
    pub source: ProfileSource,
    pub rights: Rights,
}

impl Profile {
    /// Words quoted by the profile: all its paragraphs.
    pub fn quoted_words(&self) -> u64 {
        super::record::paragraph_words(&self.paragraphs)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileSource {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Organisation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Published>,
    pub attribution: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpline {
    pub organisation: String,
    pub number: String,
    pub calling_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e164: Option<String>,
}
