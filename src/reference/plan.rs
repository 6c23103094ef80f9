//! The shape of a numbering plan: what the generated table (`numbering_data.rs`) holds for
//! each region and [`super::numbering`] reads.

/// What a number type's descriptor requires: a pattern for the national significant number,
/// and the lengths it may have (empty: any the pattern allows).
pub struct Desc {
    pub pattern: &'static str,
    pub lengths: &'static [u16],
}

/// One region's numbering plan.
pub struct Region {
    /// ISO 3166-1 alpha-2 code (or libphonenumber's region id).
    pub id: &'static str,
    pub calling_code: u16,
    /// The trunk prefix dialled before national numbers inside the country ("0" in Peru).
    pub national_prefix: Option<&'static str>,
    /// The pattern every number of the region matches.
    pub general: Desc,
    /// One per number type (fixed line, mobile, toll free, ...): a valid number matches one.
    pub types: &'static [Desc],
}
