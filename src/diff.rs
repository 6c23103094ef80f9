//! `sourcebook diff`: what changed between two releases or dataset directories: records added,
//! removed and changed field by field, countries, and the dataset's metadata. As Markdown for
//! the changelog and as JSON.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::escape;
use crate::json::Pointer;
use crate::snapshot::Snapshot;

/// One changed value; `old` is absent for an added field, `new` for a removed one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field, as `excerpts[0].text`.
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

/// An item (record or country) and, when it changed, how.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
}

/// Everything that differs between two versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changes {
    pub from: String,
    pub to: String,
    pub records_added: Vec<Item>,
    pub records_removed: Vec<Item>,
    pub records_changed: Vec<Item>,
    pub countries_added: Vec<Item>,
    pub countries_removed: Vec<Item>,
    pub countries_changed: Vec<Item>,
    /// Changes to `dataset.json` (the version excepted).
    pub dataset: Vec<FieldChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.records_added.is_empty()
            && self.records_removed.is_empty()
            && self.records_changed.is_empty()
            && self.countries_added.is_empty()
            && self.countries_removed.is_empty()
            && self.countries_changed.is_empty()
            && self.dataset.is_empty()
    }
}

/// The leaf-level differences between two values, each at its pointer.
pub fn field_changes(old: &Value, new: &Value) -> Vec<FieldChange> {
    fn go(old: Option<&Value>, new: Option<&Value>, at: &mut Pointer, out: &mut Vec<FieldChange>) {
        match (old, new) {
            (Some(Value::Object(a)), Some(Value::Object(b))) => {
                let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
                for k in keys {
                    let len = at.len();
                    at.push_key(k);
                    go(a.get(k), b.get(k), at, out);
                    at.truncate(len);
                }
            }
            (Some(Value::Array(a)), Some(Value::Array(b))) => {
                for i in 0..a.len().max(b.len()) {
                    let len = at.len();
                    at.push_index(i);
                    go(a.get(i), b.get(i), at, out);
                    at.truncate(len);
                }
            }
            (a, b) if a == b => {}
            (a, b) => out.push(FieldChange {
                field: at.field_path(),
                old: a.cloned(),
                new: b.cloned(),
            }),
        }
    }
    let mut out = Vec::new();
    go(Some(old), Some(new), &mut Pointer::default(), &mut out);
    out
}

/// Records or countries matched by id: those only in `old`, those only in `new`, and those in
/// both whose fields differ. Ids are looked up in an index, and only items that differ are
/// turned into JSON to be compared field by field, so a release of 100k records diffs in
/// linear time.
fn compare<'a, T: Serialize + PartialEq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&'a T) -> (&'a str, &'a str),
) -> (Vec<Item>, Vec<Item>, Vec<Item>) {
    let index = |list: &'a [T]| {
        let mut by_id = BTreeMap::new();
        for x in list {
            // Of two items with one id (only a dataset with errors has them), the first counts.
            by_id.entry(key(x).0).or_insert(x);
        }
        by_id
    };
    let (old_by_id, new_by_id) = (index(old), index(new));
    let item = |(id, title): (&str, &str), changes| Item {
        id: id.into(),
        title: title.into(),
        changes,
    };
    let value = |x: &T| serde_json::to_value(x).expect("the model serialises");
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for o in old {
        let (id, title) = key(o);
        match new_by_id.get(id) {
            None => removed.push(item((id, title), Vec::new())),
            Some(&n) if n == o => {}
            Some(&n) => {
                let changes = field_changes(&value(o), &value(n));
                if !changes.is_empty() {
                    changed.push(item((id, key(n).1), changes));
                }
            }
        }
    }
    for n in new {
        if !old_by_id.contains_key(key(n).0) {
            added.push(item(key(n), Vec::new()));
        }
    }
    (added, removed, changed)
}

/// What changed from `old` to `new`.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Changes {
    let (records_added, records_removed, records_changed) =
        compare(&old.records, &new.records, |r| (&r.id, &r.title));
    let (countries_added, countries_removed, countries_changed) =
        compare(&old.countries, &new.countries, |c| (&c.code, &c.name));
    let mut od = serde_json::to_value(&old.dataset).expect("serialises");
    let mut nd = serde_json::to_value(&new.dataset).expect("serialises");
    od.as_object_mut().map(|m| m.remove("version"));
    nd.as_object_mut().map(|m| m.remove("version"));
    Changes {
        from: old.version.clone(),
        to: new.version.clone(),
        records_added,
        records_removed,
        records_changed,
        countries_added,
        countries_removed,
        countries_changed,
        dataset: field_changes(&od, &nd),
    }
}

fn show(v: &Option<Value>) -> String {
    match v {
        None => "(absent)".into(),
        Some(v) => {
            let s = v.to_string();
            let s = if s.chars().count() > 80 {
                format!("{}…", s.chars().take(79).collect::<String>())
            } else {
                s
            };
            escape::markdown_code(&s)
        }
    }
}

fn section(md: &mut String, heading: &str, items: &[Item]) {
    if items.is_empty() {
        return;
    }
    md.push_str(&format!("\n### {heading} ({})\n\n", items.len()));
    for i in items {
        md.push_str(&format!(
            "- {} {}\n",
            escape::markdown_code(&i.id),
            escape::markdown(&i.title)
        ));
        for c in &i.changes {
            md.push_str(&format!(
                "  - {}: {} → {}\n",
                escape::markdown_code(&c.field),
                show(&c.old),
                show(&c.new)
            ));
        }
    }
}

/// The changes as Markdown, for the changelog.
pub fn markdown(c: &Changes) -> String {
    let mut md = format!(
        "## Changes from {} to {}\n",
        escape::markdown(&c.from),
        escape::markdown(&c.to)
    );
    if c.is_empty() {
        md.push_str("\nNo changes.\n");
        return md;
    }
    section(&mut md, "Records added", &c.records_added);
    section(&mut md, "Records removed", &c.records_removed);
    section(&mut md, "Records changed", &c.records_changed);
    section(&mut md, "Countries added", &c.countries_added);
    section(&mut md, "Countries removed", &c.countries_removed);
    section(&mut md, "Countries changed", &c.countries_changed);
    if !c.dataset.is_empty() {
        md.push_str("\n### Dataset metadata\n\n");
        for f in &c.dataset {
            md.push_str(&format!(
                "- {}: {} → {}\n",
                escape::markdown_code(&f.field),
                show(&f.old),
                show(&f.new)
            ));
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn leaf_changes_with_paths() {
        let old = json!({"a": 1, "b": {"c": [1, 2]}, "gone": true});
        let new = json!({"a": 2, "b": {"c": [1, 3, 4]}, "new": "x"});
        let fields: Vec<String> = field_changes(&old, &new)
            .into_iter()
            .map(|c| c.field)
            .collect();
        assert_eq!(fields, ["a", "b.c[1]", "b.c[2]", "gone", "new"]);
        assert!(field_changes(&old, &old).is_empty());
    }
}
