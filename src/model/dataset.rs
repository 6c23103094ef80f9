//! The dataset file: identity, coverage, topic vocabulary, notices, citation and policy.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::record::Person;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub name: String,
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub coverage: Coverage,
    pub topics: Vec<Topic>,
    pub compiler: Person,
    pub maintainers: Vec<Maintainer>,
    pub licence: String,
    pub notices: Notices,
    pub citation: Citation,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Level>,
    pub policy: Policy,
}

/// A configured rule severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Allow,
}

impl Dataset {
    pub fn has_topic(&self, id: &str) -> bool {
        self.topics.iter().any(|t| t.id == id)
    }

    /// Each topic's id and name, in the vocabulary's order.
    pub fn topic_names(&self) -> Vec<(&str, &str)> {
        self.topics
            .iter()
            .map(|t| (t.id.as_str(), t.name.as_str()))
            .collect()
    }

    fn topic_notices(&self, topic: &str) -> Option<&TopicNotices> {
        self.topics
            .iter()
            .find(|t| t.id == topic)
            .and_then(|t| t.notices.as_ref())
    }

    /// The caution a page of `topic` prints: the topic's own, else the dataset's.
    pub fn caution(&self, topic: &str) -> &str {
        self.topic_notices(topic)
            .and_then(|n| n.caution.as_deref())
            .unwrap_or(&self.notices.caution)
    }

    /// The term-paper notices a page of `topic` prints: the topic's own, else the dataset's.
    pub fn term_paper(&self, topic: &str) -> &[String] {
        self.topic_notices(topic)
            .and_then(|n| n.term_paper.as_deref())
            .or(self.notices.term_paper.as_deref())
            .unwrap_or_default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub start: i32,
    pub end: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_printed: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub name: String,
    /// The notices this topic's pages print where they differ from the dataset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notices: Option<TopicNotices>,
}

/// A topic's own caution and term-paper notices: street children and trafficking pages print
/// their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicNotices {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_paper: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Maintainer {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notices {
    pub caution: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_paper: Option<Vec<String>>,
    pub fair_use: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub page_template: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub max_quoted_words: u64,
}
