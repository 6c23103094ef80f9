//! Date rules: publication dates that exist, accessed dates that follow them and are not in
//! the future, dates within the coverage period, and printed dates that agree with their
//! normalised form.

pub mod accessed_before_published;
pub mod future_date;
pub mod impossible_date;
pub mod outside_coverage;
pub mod printed_date_mismatch;
pub mod unrecognised_printed_date;
