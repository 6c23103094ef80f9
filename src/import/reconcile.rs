//! A page imported again over files already there: what the page changed, field by field;
//! what the file holds that the page does not (a person's additions: `language`, `urls`,
//! `maintainer_notes`, rights decisions, topics from other pages), which is kept; where the
//! page moved a source; and which records the page no longer lists.

use serde_json::{Map, Value};

use crate::diff;
use crate::layout::Kind;

/// One field the page changes: its old and new values (absent when added or removed).
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// A record a page listed before and no longer does.
#[derive(Clone, Debug, PartialEq)]
pub struct Gone {
    /// Path relative to the dataset directory.
    pub rel: String,
    /// Its placement, as `archive 3`.
    pub placement: String,
}

/// A file on disk and the page's version of it, reconciled.
#[derive(Clone, Debug, PartialEq)]
pub struct Reconciled {
    /// What `--force` writes: the page's fields over the file's, the file's others kept.
    pub merged: Value,
    /// The file with only its placement brought in line with the page, written without
    /// `--force` so that no two records claim one place. `None` when the placement is the same.
    pub placed: Option<Value>,
    /// The fields the page changes.
    pub changes: Vec<Change>,
    /// The fields the file has that the page does not hold, kept.
    pub kept: Vec<String>,
}

/// A rights object a person has decided: its status is one of the schema's, not a `TODO`.
fn decided(rights: Option<&Value>) -> bool {
    rights
        .and_then(|r| r.get("status"))
        .and_then(Value::as_str)
        .is_some_and(|s| matches!(s, "public_domain" | "copyrighted" | "licensed" | "unknown"))
}

/// The page's rights over the file's: a decision in the file stands, with the page's count of
/// quoted words (the page decides what is quoted).
fn rights(old: Option<&Value>, new: &Value, kept: &mut Vec<String>, at: &str) -> Value {
    match old {
        Some(old) if decided(Some(old)) => {
            let mut merged = old.clone();
            if let Some(words) = new.get("quoted_words") {
                merged["quoted_words"] = words.clone();
            }
            let strip = |v: &Value| {
                let mut v = v.clone();
                if let Some(o) = v.as_object_mut() {
                    o.remove("quoted_words");
                }
                v
            };
            if strip(old) != strip(new) {
                kept.push(at.to_string());
            }
            merged
        }
        _ => new.clone(),
    }
}

/// How one field's old and new values are merged; it names in `kept` what it keeps.
type FieldMerge = dyn FnMut(&str, Option<&Value>, &Value, &mut Vec<String>) -> Value;

/// Merge objects key by key: the page's keys win (through `field` for the ones that need more
/// care); keys only the file has are kept and named in `kept`.
fn merge_object(
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    prefix: &str,
    kept: &mut Vec<String>,
    field: &mut FieldMerge,
) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in new {
        out.insert(k.clone(), field(k, old.get(k), v, kept));
    }
    for (k, v) in old {
        if !new.contains_key(k) {
            kept.push(format!("{prefix}{k}"));
            out.insert(k.clone(), v.clone());
        }
    }
    out
}

fn record_field(k: &str, old: Option<&Value>, new: &Value, kept: &mut Vec<String>) -> Value {
    match (k, old) {
        ("rights", _) => rights(old, new, kept, "rights"),
        ("urls", Some(Value::Object(o))) => match new {
            Value::Object(n) => {
                Value::Object(merge_object(o, n, "urls.", kept, &mut |_, _, v, _| {
                    v.clone()
                }))
            }
            _ => new.clone(),
        },
        ("topics", Some(Value::Array(o))) => {
            // Topics from the other pages that list the source stay.
            let mut all = o.clone();
            for t in new.as_array().into_iter().flatten() {
                if !all.contains(t) {
                    all.push(t.clone());
                }
            }
            Value::Array(all)
        }
        _ => new.clone(),
    }
}

fn country_field(k: &str, old: Option<&Value>, new: &Value, kept: &mut Vec<String>) -> Value {
    match (k, old, new) {
        ("profile", Some(Value::Object(o)), Value::Object(n)) => {
            let mut p = n.clone();
            if let Some(r) = n.get("rights") {
                p.insert(
                    "rights".into(),
                    rights(o.get("rights"), r, kept, "profile.rights"),
                );
            }
            Value::Object(p)
        }
        ("pages", Some(Value::Array(o)), Value::Array(n)) => {
            // One entry per topic: the page's own replaces its old one; the others stay.
            let topic = |v: &Value| v.get("topic").cloned();
            let mut all = o.clone();
            for page in n {
                let mut page = page.clone();
                match all.iter_mut().find(|p| topic(p) == topic(&page)) {
                    Some(slot) => {
                        if let (Some(old_r), Some(new_r)) = (
                            slot.pointer("/headline/rights"),
                            page.pointer("/headline/rights").cloned(),
                        ) {
                            page["headline"]["rights"] =
                                rights(Some(old_r), &new_r, kept, "pages[].headline.rights");
                        }
                        *slot = page;
                    }
                    None => all.push(page),
                }
            }
            Value::Array(all)
        }
        _ => new.clone(),
    }
}

/// Reconcile `old`, the file on disk, with `new`, the page's version of it.
pub fn reconcile(old: &Value, new: &Value, kind: Kind) -> Reconciled {
    let mut kept = Vec::new();
    let merged = match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            let field: &mut FieldMerge = match kind {
                Kind::Country => &mut country_field,
                _ => &mut record_field,
            };
            Value::Object(merge_object(o, n, "", &mut kept, field))
        }
        _ => new.clone(),
    };
    let changes = diff::field_changes(old, &merged)
        .into_iter()
        .map(|c| Change {
            field: c.field,
            old: c.old,
            new: c.new,
        })
        .collect();
    let placed = match (old.get("placement"), new.get("placement")) {
        (Some(a), Some(b)) if a != b => {
            let mut v = old.clone();
            v["placement"] = b.clone();
            Some(v)
        }
        _ => None,
    };
    Reconciled {
        merged,
        placed,
        changes,
        kept,
    }
}

/// A placement as a person reads it: `archive 3`.
pub fn placement(v: &Value) -> Option<String> {
    let p = v.get("placement")?;
    Some(format!(
        "{} {}",
        p.get("section")?.as_str()?,
        p.get("position")?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_persons_fields_stay_and_the_pages_change() {
        let old = json!({
            "id": "x", "topics": ["csec", "street-children"], "title": "Old",
            "placement": {"section": "archive", "position": 2},
            "language": "es", "urls": {"original": "https://a.org/x", "archived": "https://web.archive.org/x"},
            "maintainer_notes": ["from a stored copy"],
            "rights": {"status": "copyrighted", "holder": "H", "basis": "fair_use", "quoted_words": 3}
        });
        let new = json!({
            "id": "x", "topics": ["csec"], "title": "New",
            "placement": {"section": "archive", "position": 1},
            "urls": {"original": "https://a.org/y"},
            "rights": {"status": "TODO: decide", "quoted_words": 4}
        });
        let r = reconcile(&old, &new, Kind::Record);
        assert_eq!(r.merged["language"], "es");
        assert_eq!(r.merged["maintainer_notes"][0], "from a stored copy");
        assert_eq!(r.merged["urls"]["original"], "https://a.org/y");
        assert_eq!(r.merged["urls"]["archived"], "https://web.archive.org/x");
        assert_eq!(r.merged["topics"], json!(["csec", "street-children"]));
        assert_eq!(r.merged["rights"]["status"], "copyrighted");
        assert_eq!(r.merged["rights"]["quoted_words"], 4);
        assert_eq!(r.merged["title"], "New");
        let fields: Vec<&str> = r.changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "placement.position",
                "rights.quoted_words",
                "title",
                "urls.original"
            ]
        );
        assert_eq!(
            r.kept,
            ["rights", "urls.archived", "language", "maintainer_notes"]
        );
        let placed = r.placed.unwrap();
        assert_eq!(placed["placement"]["position"], 1);
        assert_eq!(placed["title"], "Old");
        assert_eq!(placement(&old).as_deref(), Some("archive 2"));
    }
}
