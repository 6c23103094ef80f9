//! The index entry a file leaves for the cross-file rules: its id, country, source key,
//! placement and topics, a hundred bytes or so.

use crate::model::{Dataset, Document, normalised_hash};
use crate::rules::context::IndexEntry;

/// The entry of the file at `index` of the walk, from its typed content.
pub fn index_entry(index: usize, doc: Option<&Document>, dataset: Option<&Dataset>) -> IndexEntry {
    let mut e = IndexEntry {
        index: index as u32,
        ..IndexEntry::default()
    };
    let code = |c: &str| <[u8; 2]>::try_from(c.as_bytes()).ok();
    match doc {
        Some(Document::Record(r)) => {
            e.is_record = true;
            e.id = Some(r.id.clone().into_boxed_str());
            e.country = code(&r.country);
            let date = r
                .published
                .as_ref()
                .map(|p| p.date.to_string())
                .unwrap_or_default();
            let publisher = r.publisher.as_ref().map_or("", |p| p.name.as_str());
            e.source_key = Some(normalised_hash(&[&r.title, publisher, &date]));
            e.placement = r.placement.map(|p| (p.section, p.position));
            if let Some(d) = dataset {
                let mut topics: Vec<u16> = r
                    .topics
                    .iter()
                    .filter_map(|t| d.topics.iter().position(|x| &x.id == t))
                    .filter_map(|i| u16::try_from(i).ok())
                    .collect();
                topics.sort_unstable();
                topics.dedup();
                e.topics = topics.into_boxed_slice();
            }
        }
        Some(Document::Country(c)) => {
            e.id = Some(c.code.clone().into_boxed_str());
            e.country = code(&c.code);
        }
        Some(Document::Dataset(_)) | None => {}
    }
    e
}
