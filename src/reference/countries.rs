//! Countries: ISO 3166-1 codes and names, the user-assigned codes in common use, and calling
//! codes from the numbering plans.

use super::numbering;

/// Codes that ISO 3166-1 does not assign but that are in common use for a country: Kosovo's
/// user-assigned `XK`/`XKX` (used by the EU, the IMF and the U.S. State Department).
pub const USER_ASSIGNED: &[(&str, &str, &str)] = &[("XK", "XKX", "Kosovo")];

fn user_assigned(alpha2: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    USER_ASSIGNED.iter().find(|(a2, _, _)| *a2 == alpha2)
}

/// The alpha-3 code of an alpha-2 code, if the code is assigned (or in common use).
pub fn alpha3(alpha2: &str) -> Option<&'static str> {
    rust_iso3166::from_alpha2(alpha2)
        .map(|c| c.alpha3)
        .or_else(|| user_assigned(alpha2).map(|(_, a3, _)| *a3))
}

/// The ISO 3166-1 short name of an alpha-2 code (or the common name of a user-assigned one).
pub fn name(alpha2: &str) -> Option<&'static str> {
    rust_iso3166::from_alpha2(alpha2)
        .map(|c| c.name)
        .or_else(|| user_assigned(alpha2).map(|(_, _, name)| *name))
}

/// The international calling code of a country, from the numbering plans.
pub fn calling_code(alpha2: &str) -> Option<u16> {
    numbering::region(alpha2).map(|r| r.calling_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigned_and_user_assigned_codes() {
        assert_eq!((alpha3("PE"), name("PE")), (Some("PER"), Some("Peru")));
        assert_eq!((alpha3("XK"), name("XK")), (Some("XKX"), Some("Kosovo")));
        assert_eq!((alpha3("ZZ"), name("ZZ")), (None, None));
    }
}
