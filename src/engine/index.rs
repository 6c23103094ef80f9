//! The index entry a file leaves for the cross-file rules: its id, country, source key,
//! placement and topics, a hundred bytes or so.

use crate::model::{Dataset, Document, normalised_hash};
use crate::rules::context::{IndexEntry, Topics};

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
            e.id = r.id.as_deref().map(Box::from);
            e.country = r.country.as_deref().and_then(code);
            // A record whose title could not be read has no source to compare.
            if let Some(title) = &r.title {
                let date = r
                    .published
                    .as_ref()
                    .map(|p| p.date.to_string())
                    .unwrap_or_default();
                let publisher = r.publisher.as_ref().map_or("", |p| p.name.as_str());
                e.source_key = Some(normalised_hash(&[title, publisher, &date]));
            }
            e.placement = r.placement.map(|p| (p.section, p.position));
            if let Some(d) = dataset {
                e.topics = Topics::new(
                    r.topics()
                        .iter()
                        .filter_map(|t| d.topics.iter().position(|x| &x.id == t))
                        .filter_map(|i| u16::try_from(i).ok())
                        .collect(),
                );
            }
        }
        Some(Document::Country(c)) => {
            e.id = c.code.as_deref().map(Box::from);
            e.country = c.code.as_deref().and_then(code);
        }
        Some(Document::Dataset(_)) | None => {}
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Topic;

    /// Every topic is indexed, however many the dataset has (a bitset of 64 once dropped the
    /// 65th and later silently).
    #[test]
    fn every_topic_is_indexed() {
        let shipped = |rel: &str| {
            std::fs::read_to_string(format!("{}/dataset/{rel}", env!("CARGO_MANIFEST_DIR")))
                .unwrap()
        };
        let mut dataset: Dataset = serde_json::from_str(&shipped("dataset.json")).unwrap();
        for i in 0..70 {
            dataset.topics.push(Topic {
                id: format!("topic-{i}"),
                ..dataset.topics[0].clone()
            });
        }
        let n = dataset.topics.len();
        let value: serde_json::Value = serde_json::from_str(&shipped(
            "pe/records/pe-2004-four-child-prostitution-rings-identified.json",
        ))
        .unwrap();
        let mut record = crate::model::RecordParts::read(&value);
        record.topics = Some(vec![
            format!("topic-{}", 69),
            format!("topic-{}", 65),
            "not-a-topic".into(),
            format!("topic-{}", 69),
            format!("topic-{}", 1),
            format!("topic-{}", 3),
        ]);
        let doc = Document::Record(Box::new(record));
        let e = index_entry(7, Some(&doc), Some(&dataset));
        let base = n - 70;
        let want: Vec<u16> = [1, 3, 65, 69].iter().map(|i| (base + i) as u16).collect();
        assert_eq!(e.topics.as_slice(), want);
        assert_eq!(e.index, 7);
    }
}
