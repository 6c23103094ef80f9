//! Schema validation of a parsed file: each schema error becomes one diagnostic on the exact
//! thing at fault ([`super::messages`] words it).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::messages::{code_of, to_diagnostics};
use crate::diag::{Anchor, Diagnostic, Rule};
use crate::json::Target;
use crate::layout::Kind;
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
pub fn validate(kind: Kind, display: &str, value: &Value, max_per_rule: usize) -> Validation {
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
    let mut counting_stopped = false;
    for err in validator.iter_errors(value) {
        counted += 1;
        if counted > budget.saturating_mul(COUNT_UP_TO) {
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
            out.extend(to_diagnostics(display, kind, &err, room));
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
