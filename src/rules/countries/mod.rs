//! Country and helpline rules: ISO 3166-1 codes that exist and agree, helpline numbers valid
//! for their country, calling codes that are the country's.

pub mod calling_code_mismatch;
pub mod country_codes_disagree;
pub mod invalid_phone_number;
pub mod numbering;
#[rustfmt::skip]
mod numbering_data;
pub mod unknown_country;

/// Codes that ISO 3166-1 does not assign but that are in common use for a country: Kosovo's
/// user-assigned `XK`/`XKX` (used by the EU, the IMF and the U.S. State Department).
pub const USER_ASSIGNED: &[(&str, &str, &str)] = &[("XK", "XKX", "Kosovo")];

/// The alpha-3 code of an alpha-2 code, if the code is assigned (or in common use).
pub fn alpha3(alpha2: &str) -> Option<&'static str> {
    rust_iso3166::from_alpha2(alpha2)
        .map(|c| c.alpha3)
        .or_else(|| {
            USER_ASSIGNED
                .iter()
                .find(|(a2, _, _)| *a2 == alpha2)
                .map(|(_, a3, _)| *a3)
        })
}

/// The international calling code of a country, from the numbering plans.
pub fn calling_code(alpha2: &str) -> Option<u16> {
    numbering::region(alpha2).map(|r| r.calling_code)
}
