//! Date rules: publication dates that exist, accessed dates that follow them and are not in
//! the future, dates within the coverage period, and printed dates that agree with their
//! normalised form.

pub mod accessed_before_published;
pub mod future_date;
pub mod impossible_date;
pub mod outside_coverage;
pub mod printed_date_mismatch;
pub mod unrecognised_printed_date;

use crate::model::{PartialDate, Published};
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

/// Today's date in UTC from the system clock.
pub fn today_utc() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> PartialDate {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i16;
    PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_from_days() {
        assert_eq!(civil_from_days(0).to_string(), "1970-01-01");
        assert_eq!(civil_from_days(11_016).to_string(), "2000-02-29");
        assert_eq!(civil_from_days(20_785).to_string(), "2026-11-28");
        assert_eq!(civil_from_days(-1).to_string(), "1969-12-31");
    }
}
