//! Schema validation of a parsed file: each schema error becomes one diagnostic on the exact
//! thing at fault ([`super::messages`] words it).

use std::collections::HashSet;

use serde_json::Value;

use super::messages::to_diagnostics;
use crate::diag::{Anchor, Diagnostic};
use crate::json::Target;
use crate::layout::Kind;
use crate::reference::placeholder::is_placeholder;

/// Validate the parsed value of a file of `kind`, shown as `display`, against its schema.
pub fn validate(kind: Kind, display: &str, value: &Value) -> Vec<Diagnostic> {
    let validator = super::embedded::validator(kind);
    // Most files are valid: the boolean check is several times faster than collecting errors.
    if validator.is_valid(value) {
        return Vec::new();
    }
    let mut out: Vec<(u8, Diagnostic)> = Vec::new();
    for err in validator.iter_errors(value) {
        // A placeholder left by `sourcebook new` is reported once, as such (SB706).
        if err.instance().as_str().is_some_and(is_placeholder) {
            continue;
        }
        out.extend(to_diagnostics(display, kind, &err));
    }
    // One diagnostic per value: "16 March 2004" in a date field fails both its pattern and
    // its format, and the first (by priority) says it best.
    out.sort_by_key(|(prio, _)| *prio);
    let mut seen = HashSet::new();
    out.into_iter()
        .filter(|(_, d)| match &d.primary.at {
            Anchor::Pointer(p, Target::Value) => seen.insert(p.clone()),
            _ => true,
        })
        .map(|(_, d)| d)
        .collect()
}
