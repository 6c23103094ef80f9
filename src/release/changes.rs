//! `CHANGES.md` and `changes.json` without holding either version whole: the earlier version's
//! records are read in id order beside the new ones (both are sorted by id) and matched as
//! they come, giving exactly what [`diff::diff`] gives for the two whole snapshots.

use super::output::{Written, put};
use crate::diff::{self, Changes, Item, field_changes};
use crate::error::Error;
use crate::model::Record;
use crate::snapshot::{Previous, Snapshot};
use crate::stats::{self, Stats};

/// The comparison of the records being released with an earlier version's, one at a time.
pub struct Merge {
    previous: Previous,
    /// The earlier record read but not yet matched (its id is past the last new one).
    pending: Option<Record>,
    /// The last new id seen, and whether the earlier version had that id.
    last: Option<(String, bool)>,
    removed: Vec<Item>,
    changed: Vec<Item>,
    added: Vec<Item>,
    stats: Stats,
}

fn item(r: &Record, changes: Vec<diff::FieldChange>) -> Item {
    Item {
        id: r.id.clone(),
        title: r.title.clone(),
        changes,
    }
}

fn value(r: &Record) -> serde_json::Value {
    serde_json::to_value(r).expect("the model serialises")
}

impl Merge {
    pub fn new(previous: Previous) -> Merge {
        let stats = Stats::new(previous.head());
        Merge {
            previous,
            pending: None,
            last: None,
            removed: Vec::new(),
            changed: Vec::new(),
            added: Vec::new(),
            stats,
        }
    }

    /// The next earlier record, counted as it is read.
    fn next_old(&mut self) -> Result<Option<Record>, Error> {
        if let Some(r) = self.pending.take() {
            return Ok(Some(r));
        }
        let r = self.previous.next_record()?;
        if let Some(r) = &r {
            self.stats.add(r);
        }
        Ok(r)
    }

    /// Match the next record being released (they come in id order). Of several records with
    /// one id (only a dataset with errors has them), the first new one is compared with every
    /// earlier one, as `diff` does.
    pub fn add(&mut self, new: &Record) -> Result<(), Error> {
        if let Some((id, had)) = &self.last
            && *id == new.id
        {
            if !had {
                self.added.push(item(new, Vec::new()));
            }
            return Ok(());
        }
        let mut had = false;
        while let Some(old) = self.next_old()? {
            match old.id.cmp(&new.id) {
                std::cmp::Ordering::Less => self.removed.push(item(&old, Vec::new())),
                std::cmp::Ordering::Equal => {
                    had = true;
                    if old != *new {
                        let changes = field_changes(&value(&old), &value(new));
                        if !changes.is_empty() {
                            self.changed.push(Item {
                                id: old.id.clone(),
                                title: new.title.clone(),
                                changes,
                            });
                        }
                    }
                }
                std::cmp::Ordering::Greater => {
                    self.pending = Some(old);
                    break;
                }
            }
        }
        if !had {
            self.added.push(item(new, Vec::new()));
        }
        self.last = Some((new.id.clone(), had));
        Ok(())
    }

    /// The changes from the earlier version to `head` (whose records were all added), and
    /// the earlier version's numbers.
    pub fn finish(mut self, head: &Snapshot) -> Result<(Changes, Stats), Error> {
        while let Some(old) = self.next_old()? {
            self.removed.push(item(&old, Vec::new()));
        }
        self.stats.finish();
        // Countries and the dataset's metadata are small: compared whole.
        let mut changes = diff::diff(self.previous.head(), head);
        changes.records_added = self.added;
        changes.records_removed = self.removed;
        changes.records_changed = self.changed;
        Ok((changes, self.stats))
    }
}

/// Write `CHANGES.md` and `changes.json` into `dir`.
pub fn write(
    dir: &crate::fsutil::StagedDir,
    changes: &Changes,
    old: &Stats,
    new: &Stats,
) -> Result<Vec<Written>, Error> {
    let md = markdown(changes, old, new);
    let mut json = serde_json::to_vec_pretty(changes).expect("changes serialise");
    json.push(b'\n');
    Ok(vec![
        put(dir, "CHANGES.md", md.as_bytes())?,
        put(dir, "changes.json", &json)?,
    ])
}

/// `CHANGES.md`: the changes' heading, how the numbers moved, then the changes record by record.
pub fn markdown(changes: &Changes, old: &Stats, new: &Stats) -> String {
    let md = diff::markdown(changes);
    let (heading, rest) = md.split_once('\n').unwrap_or((&md, ""));
    format!(
        "{heading}\n{}\n- Records added: {}, removed: {}, changed: {}.\n{rest}",
        stats::compare_markdown(old, new),
        changes.records_added.len(),
        changes.records_removed.len(),
        changes.records_changed.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, title: &str) -> Record {
        serde_json::from_value(serde_json::json!({
            "id": id, "country": "PE", "topics": ["csec"], "title": title,
            "rights": { "status": "unknown", "quoted_words": 0 }
        }))
        .unwrap()
    }

    fn snapshot(records: Vec<Record>) -> Snapshot {
        let mut s = crate::snapshot::read_dataset(std::path::Path::new("dataset")).unwrap();
        s.records = records;
        s
    }

    #[test]
    fn matching_in_order_gives_what_diff_gives() {
        let old = snapshot(vec![
            record("pe-a", "A"),
            record("pe-b", "B"),
            record("pe-b", "B twice"),
            record("pe-d", "D"),
            record("pe-f", "F"),
        ]);
        let new = snapshot(vec![
            record("pe-b", "B changed"),
            record("pe-b", "B again"),
            record("pe-c", "C"),
            record("pe-c", "C twice"),
            record("pe-d", "D"),
            record("pe-e", "E"),
        ]);
        let mut merge = Merge::new(Previous::whole(old.clone()));
        for r in &new.records {
            merge.add(r).unwrap();
        }
        let mut head = new.clone();
        head.records.clear();
        let (changes, stats) = merge.finish(&head).unwrap();
        assert_eq!(changes, diff::diff(&old, &new));
        let ids = |items: &[Item]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&changes.records_removed), ["pe-a", "pe-f"]);
        assert_eq!(ids(&changes.records_changed), ["pe-b", "pe-b"]);
        assert_eq!(ids(&changes.records_added), ["pe-c", "pe-c", "pe-e"]);
        assert_eq!(stats.records, 5, "every earlier record counted");
    }
}
