//! Identity and reference rules: ids that say where a record belongs and are unique, no source
//! entered twice, topics and rule codes that exist, one record per place on a page.

pub mod duplicate_id;
pub mod duplicate_source;
pub mod duplicate_topic;
pub mod id_country_prefix;
pub mod id_file_name;
pub mod placement_conflict;
pub mod unknown_rule_code;
pub mod unknown_topic;
pub mod wrong_directory;

use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;
use std::hash::Hash;

use crate::diag::{Diagnostic, Rule};
use crate::json::{Pointer, Target};
use crate::rules::context::{Index, IndexEntry};

/// Every record whose `key` an earlier record (in walk order) already has: the key, the first
/// record and this one. Only the first holder of each key is remembered: one pointer a key.
pub fn repeats<'c, K: Eq + Hash + Copy>(
    ctx: &'c Index<'_>,
    key: impl Fn(&'c IndexEntry) -> Option<K>,
) -> Vec<(K, &'c IndexEntry, &'c IndexEntry)> {
    let mut first: HashMap<K, &'c IndexEntry> = HashMap::with_capacity(ctx.entries.len());
    ctx.records()
        .filter_map(|e| match first.entry(key(e)?) {
            Slot::Vacant(slot) => {
                slot.insert(e);
                None
            }
            Slot::Occupied(slot) => Some((*slot.key(), *slot.get(), e)),
        })
        .collect()
}

/// The finding on `later` for taking what `first` already has at `pointer`: labelled at the
/// later record's value, with the first one's value as the secondary label `first_text`, so
/// the reader sees both places at once.
pub fn repeat(
    ctx: &Index<'_>,
    rule: &'static Rule,
    (first, later): (&IndexEntry, &IndexEntry),
    pointer: Pointer,
    message: String,
    first_text: &str,
) -> Diagnostic {
    Diagnostic::new(
        rule,
        message,
        ctx.label(later, pointer.clone(), Target::Value),
    )
    .with_secondary(
        ctx.label(first, pointer, Target::Value)
            .with_text(first_text),
    )
}
