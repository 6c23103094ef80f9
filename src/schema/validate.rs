//! Schema validation of a parsed file: each schema error becomes one diagnostic on the exact
//! thing at fault ([`super::messages`] words it).

use std::collections::HashSet;

use jsonschema::ValidationError;
use serde_json::Value;

use super::messages::to_diagnostics;
use crate::diag::{Anchor, Diagnostic};
use crate::json::Target;
use crate::layout::Kind;
use crate::reference::placeholder::is_placeholder;

/// Validate the parsed value of a file of `kind`, shown as `display`, against its schema.
pub fn validate(kind: Kind, display: &str, value: &Value) -> Vec<Diagnostic> {
    let validator = super::validator(kind);
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

/// The schema object holding the keyword an error came from (so its siblings: `properties`,
/// `description`), found by the error's absolute keyword location among the embedded schemas.
pub(super) fn keyword_parent<'a>(err: &ValidationError<'_>) -> Option<&'a Value> {
    let uri = err.absolute_keyword_location()?.as_str();
    let (base, fragment) = uri.split_once('#')?;
    let doc = Kind::ALL
        .iter()
        .map(|k| super::of(*k))
        .chain(std::iter::once(super::defs()))
        .find(|s| super::id_of(s) == base)?;
    let fragment = percent_decode(fragment);
    let parent = fragment.rsplit_once('/').map_or("", |(p, _)| p);
    doc.pointer(parent)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The name of the shared definition an error's keyword sits in (`partial_date`), if any.
pub(super) fn defined_as<'e>(err: &'e ValidationError<'_>) -> Option<&'e str> {
    let uri = err.absolute_keyword_location()?.as_str();
    let (_, fragment) = uri
        .split_once("#/$defs/")
        .or_else(|| uri.split_once("#/%24defs/"))?;
    fragment.split('/').next()
}
