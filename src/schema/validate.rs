//! Schema validation of a parsed file: each schema error becomes one diagnostic on the exact
//! thing at fault ([`super::messages`] words it).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::messages::{code_of, to_diagnostics};
use crate::diag::{Anchor, Diagnostic, Rule};
use crate::json::Target;
use crate::layout::{FileName, Kind};
use crate::reference::placeholder::is_placeholder;

/// What validating a file found: the findings shown, and how many more of each code were not
/// worded because a file showed as many as it may.
#[derive(Debug, Default)]
pub struct Validation {
    pub diagnostics: Vec<Diagnostic>,
    pub not_shown: Vec<(&'static Rule, usize)>,
    /// Counting stopped before the end: `not_shown` are lower bounds.
    pub counting_stopped: bool,
}

/// With a limit per code, errors are counted up to this many times the limit; past that a file
/// is reported as having at least so many more (counting half a million errors costs more than
/// the rest of a check).
const COUNT_UP_TO: usize = 100;

/// Validate the parsed value of a file of `kind`, shown as `display`, against its schema;
/// word at most `max_per_rule` findings of each code (0: all) and count the rest, so a file
/// with half a million wrong items costs a count, not half a million messages.
pub fn validate(kind: Kind, display: &FileName, value: &Value, max_per_rule: usize) -> Validation {
    let validator = super::embedded::validator(kind);
    // Most files are valid: the boolean check is several times faster than collecting errors.
    if validator.is_valid(value) {
        return Validation::default();
    }
    let budget = if max_per_rule == 0 {
        usize::MAX
    } else {
        max_per_rule
    };
    let mut shown: HashMap<&'static str, usize> = HashMap::new();
    let mut not_shown: Vec<(&'static Rule, usize)> = Vec::new();
    let mut out: Vec<(u8, Diagnostic)> = Vec::new();
    let mut counted = 0usize;
    // The validator gathers an array's item errors all at once before handing out the first,
    // so half a million wrong items would cost half a million errors in memory. Past the count
    // limit nothing more is worded or counted, so the items after it need not be looked at.
    let limit = budget.saturating_mul(COUNT_UP_TO);
    let clipped = clip_arrays(value, limit);
    let mut counting_stopped = clipped.is_some();
    for err in validator.iter_errors(clipped.as_ref().unwrap_or(value)) {
        counted += 1;
        if counted > limit {
            counting_stopped = true;
            break;
        }
        // A placeholder left by `sourcebook new` is reported once, as such (SB706).
        if err.instance().as_str().is_some_and(is_placeholder) {
            continue;
        }
        let (rule, n) = code_of(&err);
        let count = shown.entry(rule.code).or_insert(0);
        let room = budget.saturating_sub(*count).min(n);
        if room > 0 {
            out.extend(to_diagnostics(display, kind, value, &err, room));
            *count += room;
        }
        if n > room {
            match not_shown.iter_mut().find(|(r, _)| r.code == rule.code) {
                Some((_, k)) => *k += n - room,
                None => not_shown.push((rule, n - room)),
            }
        }
    }
    // One diagnostic per value: "16 March 2004" in a date field fails both its pattern and
    // its format, and the first (by priority) says it best.
    out.sort_by_key(|(prio, _)| *prio);
    let mut seen = HashSet::new();
    let diagnostics = out
        .into_iter()
        .filter(|(_, d)| match &d.primary.at {
            Anchor::Pointer(p, Target::Value) => seen.insert(p.clone()),
            _ => true,
        })
        .map(|(_, d)| d)
        .collect();
    Validation {
        diagnostics,
        not_shown,
        counting_stopped,
    }
}

/// A copy of `value` with every array cut to its first `limit + 1` items, or `None` when no
/// array is that long. Items keep their indexes, so errors still point into the original.
fn clip_arrays(value: &Value, limit: usize) -> Option<Value> {
    fn too_long(v: &Value, limit: usize) -> bool {
        match v {
            Value::Array(a) => {
                a.len() > limit.saturating_add(1) || a.iter().any(|x| too_long(x, limit))
            }
            Value::Object(m) => m.values().any(|x| too_long(x, limit)),
            _ => false,
        }
    }
    fn clip(v: &Value, limit: usize) -> Value {
        match v {
            Value::Array(a) => Value::Array(
                a.iter()
                    .take(limit.saturating_add(1))
                    .map(|x| clip(x, limit))
                    .collect(),
            ),
            Value::Object(m) => {
                Value::Object(m.iter().map(|(k, x)| (k.clone(), clip(x, limit))).collect())
            }
            other => other.clone(),
        }
    }
    too_long(value, limit).then(|| clip(value, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_with_accessed(items: usize) -> Value {
        let mut v: Value = serde_json::from_str(include_str!(
            "../../dataset/pe/records/pe-2004-four-child-prostitution-rings-identified.json"
        ))
        .unwrap();
        v["accessed"] = Value::Array(vec![Value::from(0); items]);
        v
    }

    #[test]
    fn a_huge_array_is_worded_and_counted_only_up_to_the_limit() {
        let found = validate(
            Kind::Record,
            &"r.json".into(),
            &record_with_accessed(30_000),
            10,
        );
        let wrong_type = |d: &&Diagnostic| d.rule.code == "SB203";
        assert_eq!(found.diagnostics.iter().filter(wrong_type).count(), 10);
        assert!(found.counting_stopped);
        // Every error up to the limit is either worded or counted (the repeated 0 is one more).
        let more: usize = found.not_shown.iter().map(|(_, n)| n).sum();
        assert_eq!(found.diagnostics.len() + more, 10 * COUNT_UP_TO);
    }

    #[test]
    fn arrays_within_the_limit_are_not_copied_and_all_counted() {
        assert!(clip_arrays(&record_with_accessed(1_001), 1_000).is_none());
        let found = validate(
            Kind::Record,
            &"r.json".into(),
            &record_with_accessed(500),
            10,
        );
        assert!(!found.counting_stopped);
        let more: usize = found.not_shown.iter().map(|(_, n)| n).sum();
        // 500 wrong items, and the repeated 0 (SB208).
        assert_eq!(found.diagnostics.len() + more, 501);
    }

    #[test]
    fn clipping_keeps_the_first_items_in_place() {
        let v = serde_json::json!({"a": [[1, 2, 3, 4], 5, 6, 7]});
        assert_eq!(
            clip_arrays(&v, 2),
            Some(serde_json::json!({"a": [[1, 2, 3], 5, 6]}))
        );
    }
}
