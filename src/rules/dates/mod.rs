//! Date rules: publication dates that exist, accessed dates that follow them and are not in
//! the future, dates within the coverage period, and printed dates that agree with their
//! normalised form.

pub mod accessed_before_published;
pub mod future_date;
pub mod impossible_date;
pub mod outside_coverage;
pub mod printed_date_mismatch;
pub mod unrecognised_printed_date;

use crate::model::Published;
use crate::rules::FileCtx;

/// Every publication date in a file, with the pointer to its object: a record's `published`,
/// a country profile's source edition.
pub fn published<'a>(ctx: &FileCtx<'a>) -> Vec<(&'static str, &'a Published)> {
    let mut out = Vec::new();
    if let Some(p) = ctx.record().and_then(|r| r.published.as_ref()) {
        out.push(("/published", p));
    }
    if let Some(p) = ctx
        .country()
        .and_then(|c| c.profile.as_ref())
        .and_then(|p| p.source.published.as_ref())
    {
        out.push(("/profile/source/published", p));
    }
    out
}

/// A publication date string that is well-formed but may not exist ("2001-02-29"): the raw
/// value, since the typed model only holds dates that exist.
pub fn raw_dates(value: &serde_json::Value) -> Vec<(&'static str, &str)> {
    fn date(v: Option<&serde_json::Value>) -> Option<&str> {
        v.and_then(|p| p.get("date")).and_then(|d| d.as_str())
    }
    let record = date(value.get("published")).map(|s| ("/published/date", s));
    let profile = date(
        value
            .get("profile")
            .and_then(|p| p.get("source"))
            .and_then(|s| s.get("published")),
    )
    .map(|s| ("/profile/source/published/date", s));
    record.into_iter().chain(profile).collect()
}
